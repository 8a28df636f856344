//! Command-line arguments, with help that teaches by example.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "Turn raw news articles into structured records (clean text, dates, people, \
             organizations, places, quotes, casualty counts, political events in PLOVER and CAMEO), \
             and store, merge, query and export them.",
    after_help = "Examples:\n  \
        sitrep extract data/samples                       every article under a folder, one JSON line each\n  \
        sitrep extract --pretty story.txt                 one article, indented\n  \
        curl -s URL | sitrep extract --published 2022-09-13 -\n  \
        sitrep ingest data/samples --db news.db            store them; merge reports of one event\n  \
        sitrep events --db news.db --type ASSAULT --since 2022-09-01\n  \
        sitrep search --db news.db \"maximum containment\"\n  \
        sitrep export --db news.db --format gdelt-events -o events.CSV\n  \
        sitrep serve --db news.db                          a map, timeline and API in the browser\n\n\
        The record format is described in SCHEMA.md."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Extract one record per article and print them as JSON Lines.
    #[command(after_help = EXTRACT_HELP)]
    Extract(ExtractArgs),
    /// Extract articles and store them in a database, merging reports of the same event.
    #[command(after_help = INGEST_HELP)]
    Ingest(IngestArgs),
    /// List merged events from the database, filtered.
    #[command(after_help = EVENTS_HELP)]
    Events(EventsArgs),
    /// Full-text search over stored articles and quotes, best matches first.
    #[command(after_help = SEARCH_HELP)]
    Search(SearchArgs),
    /// List stored people, organizations, groups and places, most reported first.
    #[command(after_help = ENTITIES_HELP)]
    Entities(EntitiesArgs),
    /// Print one stored article's record (SCHEMA.md JSON).
    #[command(
        after_help = "Examples:\n  sitrep article --db news.db 0f3a9c2e51b7d4a8\n  sitrep article --pretty wikinews:Some_title"
    )]
    Article(ArticleArgs),
    /// Write merged events (or articles, for the GKG) in GDELT, ACLED, JSONL, GeoJSON or Parquet.
    #[command(after_help = EXPORT_HELP)]
    Export(ExportArgs),
    /// Serve the database to a web browser: a map, timeline, events and articles, over a JSON API.
    #[command(after_help = SERVE_HELP)]
    Serve(ServeArgs),
}

const EXTRACT_HELP: &str = "Inputs:
  FILE.txt               plain text, one article
  FILE.html, FILE.htm    a web page; the main content is extracted
  FILE.jsonl             one article per line: {\"id\", \"text\" or \"html\", \"url\", \"title\", \"published\"}
  FILE.warc              HTML responses in a web archive
  any of these + .gz     decompressed on the fly
  DIRECTORY              every file above, recursively, in name order
  -                      standard input (format sniffed)

Output: one JSON object per article on stdout, in input order (see SCHEMA.md).
Unreadable inputs are reported on stderr, one line each, and the run goes on;
the exit code is then 1.

Examples:
  sitrep extract data/samples > records.jsonl
  sitrep extract --pretty --published 2022-09-13 story.txt
  sitrep extract crawl.warc.gz | jq -r .title";

/// The articles a command reads, shared by `extract` and `ingest`.
#[derive(Args)]
pub struct InputArgs {
    /// Files, directories, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Publication date for articles that do not state one (YYYY-MM-DD); relative dates
    /// such as "yesterday" resolve against it.
    #[arg(long, value_name = "DATE", value_parser = parse_published)]
    pub published: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Largest input file or record accepted, in bytes after decompression.
    #[arg(long, value_name = "BYTES", default_value_t = 50 * 1024 * 1024)]
    pub max_bytes: u64,
    /// Time one article may take, in seconds; past it the stages still to run are skipped
    /// and the record carries a warning saying which (0: no limit).
    #[arg(long, value_name = "SECONDS", default_value_t = 300.0)]
    pub max_seconds: f64,
}

impl InputArgs {
    /// The pipeline these options ask for.
    pub fn pipeline(&self) -> sitrep_core::Pipeline {
        let budget = std::time::Duration::try_from_secs_f64(self.max_seconds)
            .ok()
            .filter(|b| !b.is_zero());
        sitrep_core::Pipeline::standard()
            .with_default_published(self.published.clone())
            .with_budget(budget)
    }
}

#[derive(Args)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Indent each record (then it is no longer one record per line).
    #[arg(long)]
    pub pretty: bool,
    /// Never show a progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// Add `tokens` to each record: every word with its byte offsets, part of speech (UPOS),
    /// head and Universal Dependencies relation, from the tagger and parser.
    #[arg(long)]
    pub syntax: bool,
}

/// The database the store commands read and write.
#[derive(Args)]
pub struct DbArg {
    /// The SQLite database file (`ingest` creates it when missing; queries only read it).
    #[arg(long, value_name = "FILE", default_value = "sitrep.db")]
    pub db: PathBuf,
}

const INGEST_HELP: &str =
    "Inputs: as for `sitrep extract` (text, HTML, JSONL, WARC, .gz, folders, -).

Each article is stored once: an article already in the database (same id or same
content) changes nothing, so re-running after an interruption only adds what is
missing. Near-copies of a stored article (one wire story on many sites) are stored
and linked to it, not counted again. Reports of one event merge into one event by
meaning: same type, the same sides (a country and its forces are one side of an
attack), overlapping dates (each report's own day for the act), compatible places
(a town and the country it lies in). Every batch of 256
articles is one transaction: a killed ingest loses no committed batch.

Prints a summary of the database when done (articles, events by type, top actors
and places); `--quiet` prints nothing but errors.

Examples:
  sitrep ingest data/samples --db news.db
  sitrep ingest crawl/*.warc.gz --db news.db --threads 2
  curl -s URL | sitrep ingest --published 2022-09-13 - --db news.db";

const EVENTS_HELP: &str =
    "Output: an aligned table on a terminal, JSON Lines in a pipe (or choose with
--format). Each JSON line is one merged event: PLOVER type, CAMEO code, QuadClass,
Goldstein, date, source/target actors and place with names resolved, the latest and
the highest fatalities figures with the articles reporting them (and every figure
reported), num_articles, num_sources, num_mentions, a confidence that grows with
independent sources, the article ids and every evidence sentence.

Examples:
  sitrep events --db news.db
  sitrep events --actor ARM --type ASSAULT --since 2022-09-01 --until 2022-09-30
  sitrep events --country AM --format csv > events.csv
  sitrep events --near 39.84,45.67,50 --format jsonl | jq .fatalities";

const SEARCH_HELP: &str =
    "Plain words must all occur (accents and case ignored). FTS5 syntax works too:
\"an exact phrase\", OR, NOT, prefix*.

Exit status: 0 when something matched; 1 when nothing did (\"no match\" on stderr);
2 on an error, such as a malformed query (an unbalanced quote, AND OR).

Examples:
  sitrep search --db news.db \"maximum containment\"
  sitrep search ceasefire OR truce --limit 50 --format jsonl";

const ENTITIES_HELP: &str =
    "Entities are global: one person across many articles is one row (canonical
name plus country or actor code).

Examples:
  sitrep entities --db news.db --kind person
  sitrep entities --kind location --limit 10 --format csv";

#[derive(Args)]
pub struct IngestArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub db: DbArg,
    /// Articles per transaction: a crash loses at most the batch being written.
    #[arg(long, value_name = "N", default_value_t = 256)]
    pub batch: usize,
    /// No progress bar and no summary.
    #[arg(long)]
    pub quiet: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    Table,
    Jsonl,
    Csv,
}

/// Which merged events: the filters `events` and `export` share.
#[derive(Args)]
pub struct FilterArgs {
    /// Source or target actor: CAMEO code prefix (ARM, AZEMIL) or part of a name.
    #[arg(long)]
    pub actor: Option<String>,
    /// PLOVER event type (ASSAULT, PROTEST, ACCUSE…; an unknown one lists them all).
    #[arg(long = "type", value_name = "TYPE", value_parser = parse_plover)]
    pub plover: Option<String>,
    /// Country of the place or of an actor (ISO alpha-2 or alpha-3: AM, ARM).
    #[arg(long)]
    pub country: Option<String>,
    /// Events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).
    #[arg(long, value_name = "DATE", value_parser = parse_published)]
    pub since: Option<String>,
    /// Events on or before this date.
    #[arg(long, value_name = "DATE", value_parser = parse_published)]
    pub until: Option<String>,
    /// Events placed within KM kilometres of LAT,LON.
    #[arg(long, value_name = "LAT,LON,KM", value_parser = parse_near)]
    pub near: Option<sitrep_store::Near>,
    /// Events reported by articles matching this full-text query (as `sitrep search` reads it).
    #[arg(long, value_name = "QUERY")]
    pub text: Option<String>,
    /// At most this many events, newest first.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

impl FilterArgs {
    pub fn to_filter(&self) -> sitrep_store::EventFilter {
        sitrep_store::EventFilter {
            actor: self.actor.clone(),
            plover: self.plover.clone(),
            country: self.country.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            near: self.near,
            text: self.text.clone(),
            limit: self.limit,
            ..Default::default()
        }
    }
}

#[derive(Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Output format (default: table on a terminal, jsonl otherwise).
    #[arg(long, value_enum)]
    pub format: Option<TableFormat>,
}

#[derive(Args)]
pub struct ExportArgs {
    /// gdelt-events, gdelt-gkg, acled, jsonl, geojson or parquet.
    #[arg(long, value_name = "FORMAT")]
    pub format: sitrep_store::export::Format,
    /// Write to this file (replaced whole, only once complete; a symlink's target is replaced,
    /// a device or pipe written into) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub filter: FilterArgs,
}

const EXPORT_HELP: &str = "Formats:
  gdelt-events   GDELT 2.0 event table: tab-separated, no header, 61 columns
  gdelt-gkg      GDELT 2.1 Global Knowledge Graph: one row per article, 27 columns
  acled          ACLED CSV: its 31 columns in its order, with a header
  jsonl          one merged event per line (as `sitrep events --format jsonl`)
  geojson        a FeatureCollection of the events that have a place
  parquet        the merged events as a Parquet file (needs -o or a pipe)

The event filters of `sitrep events` apply (not to gdelt-gkg, which lists articles).

Examples:
  sitrep export --db news.db --format gdelt-events -o 20220913.export.CSV
  sitrep export --format acled --country AM --since 2022-09 > armenia.csv
  sitrep export --format geojson --type ASSAULT -o assaults.geojson
  sitrep export --format parquet -o events.parquet";

#[derive(Args)]
pub struct SearchArgs {
    /// Words to find (all of them), or an FTS5 query.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Output format (default: table on a terminal, jsonl otherwise).
    #[arg(long, value_enum)]
    pub format: Option<TableFormat>,
}

#[derive(Args)]
pub struct EntitiesArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// person, organization, group or location.
    #[arg(long, value_parser = ["person", "organization", "group", "location"])]
    pub kind: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Output format (default: table on a terminal, jsonl otherwise).
    #[arg(long, value_enum)]
    pub format: Option<TableFormat>,
}

#[derive(Args)]
pub struct ArticleArgs {
    /// The article's id (as in its record).
    pub id: String,
    #[command(flatten)]
    pub db: DbArg,
    /// Indent the record.
    #[arg(long)]
    pub pretty: bool,
}

pub(crate) fn parse_near(s: &str) -> Result<sitrep_store::Near, String> {
    let parts: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|e| e.to_string())?;
    match parts[..] {
        [lat, lon, km]
            if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) && km >= 0.0 =>
        {
            Ok(sitrep_store::Near { lat, lon, km })
        }
        _ => Err(format!(
            "expected LAT,LON,KM (e.g. 39.84,45.67,50), got {s:?}"
        )),
    }
}

pub(crate) fn parse_plover(s: &str) -> Result<String, String> {
    let types = sitrep_core::events::cameo::plover_types();
    let wanted = s.trim().to_ascii_uppercase();
    if types.contains(&wanted.as_str()) {
        Ok(wanted)
    } else {
        Err(format!(
            "unknown event type {s:?}; PLOVER types: {}",
            types.join(", ")
        ))
    }
}

pub(crate) fn parse_published(s: &str) -> Result<String, String> {
    let ok = s.len() <= 10 && sitrep_core::record::PartialDate::parse(s).is_some();
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!("expected YYYY-MM-DD (or YYYY-MM, YYYY), got {s:?}"))
    }
}

const SERVE_HELP: &str =
    "The page (http://127.0.0.1:8080/ by default) shows the merged events on a map
and a timeline, filters them by type, actor, country, dates and text (the filters
are in the URL, so a view can be shared), and opens any event's evidence and any
article with its people, places, quotes and counts marked. It needs no network:
the page, its scripts and the world map are inside the binary.

The database is opened read-only: an ingest may go on while it is served. Answers
are kept in memory until the database changes (an ingest's commit drops them all);
--no-cache turns that off.
The JSON API is described at /api/openapi.json.

Examples:
  sitrep ingest data/samples --db sitrep.db && sitrep serve --db sitrep.db
  sitrep serve --db news.db --addr 0.0.0.0:8080     # reachable from other machines
  curl 'http://127.0.0.1:8080/api/events?type=ASSAULT&since=2022-09-01&limit=5'";

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Address and port to listen on (port 0: any free port, printed at start). Only this
    /// machine can connect unless an address other than loopback is given.
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// Answer every request from the database; by default answers are kept in memory (64 MB at
    /// most) until the database changes.
    #[arg(long)]
    pub no_cache: bool,
}
