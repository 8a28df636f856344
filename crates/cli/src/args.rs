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
        sitrep eval articles ../shared/data/article-extraction\n  \
        sitrep bench\n\n\
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
    /// Measure the database: ingest >= 10,000 generated articles, then time typical queries.
    #[command(name = "bench-db", after_help = BENCH_DB_HELP)]
    BenchDb(BenchDbArgs),
    /// Score sitrep against gold data and print precision, recall and F1.
    #[command(subcommand)]
    Eval(Eval),
    /// Measure extraction speed (words/s per core) and peak memory.
    Bench(BenchArgs),
    /// Time and peak memory of `extract` on hostile inputs, and how time grows with length.
    #[command(name = "bench-hostile", after_help = BENCH_HOSTILE_HELP)]
    BenchHostile(BenchHostileArgs),
    /// Serve the database to a web browser: a map, timeline, events and articles, over a JSON API.
    #[command(after_help = SERVE_HELP)]
    Serve(ServeArgs),
    /// Send many concurrent requests to `sitrep serve`'s API and print throughput and latency.
    #[command(name = "bench-serve", after_help = BENCH_SERVE_HELP)]
    BenchServe(BenchServeArgs),
    /// Rebuild a shipped model from its public source data.
    #[command(subcommand)]
    Build(Build),
    /// Train a shipped statistical model from its public training data.
    #[command(subcommand)]
    Train(Train),
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

const BENCH_HOSTILE_HELP: &str =
    "Each case runs `sitrep extract` in a child process with the hostile input between two
good articles: 100k-deep HTML, 10k-deep divs, 5,000 nested tables, a 50 MB single-line
article, 50 MB of HTML, a 2 GB gzip bomb, a WARC with garbage headers. It prints seconds,
peak RSS, exit code and whether both neighbours were extracted, then the time of one long
article at each size of --curve. Exits 1 if any case crashed, hung or lost a neighbour.

Examples:
  sitrep bench-hostile
  sitrep bench-hostile --curve 1,2,4 --timeout 60";

const BENCH_DB_HELP: &str =
    "Generates synthetic articles from the bundled samples (new ids and dates, paragraphs
of different samples mixed, one in ten a near-copy), ingests them into a fresh
database in a temporary folder, and prints articles/s (with and without
extraction), database bytes per article and the p50/p99 latency of typical queries.

Examples:
  sitrep bench-db
  sitrep bench-db --articles 20000 --samples data/samples";

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

#[derive(Args)]
pub struct BenchDbArgs {
    /// Articles to generate and ingest.
    #[arg(long, default_value_t = 10_000)]
    pub articles: usize,
    /// Sample articles the synthetic ones are made from.
    #[arg(long, default_value = "data/samples")]
    pub samples: PathBuf,
    /// Runs of each query timed.
    #[arg(long, default_value_t = 200)]
    pub queries: usize,
    /// Work in this folder and keep the databases (full.db, store.db) instead of a temporary one.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum Eval {
    /// Main-text extraction on the article-extraction benchmark (shingle P/R/F1 vs. baselines).
    Articles {
        #[arg(default_value = "../shared/data/article-extraction")]
        dir: PathBuf,
    },
    /// Named entities: CoNLL entity-level P/R/F1 for PER/ORG/LOC, per type and micro-averaged,
    /// and tagging speed. Reads CoNLL-2003, CrossNER, or TOKEN<TAB>GOLD<TAB>PRED predictions.
    Ner {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Direct quotations on PolNeAR (train and dev): content precision and recall, speaker accuracy.
    Quotes {
        #[arg(default_value = "../shared/data/quotes")]
        dir: PathBuf,
    },
    /// Casualty counts on ACLED notes: the stated fatality number found exactly.
    Counts {
        #[arg(default_value = "../shared/data/conflict-events")]
        dir: PathBuf,
    },
    /// Places on LGL, TR-News and GeoVirus: toponym precision and recall, accuracy within
    /// 161 km, median error; gazetteer load time, memory and resolution speed.
    Geo {
        #[arg(default_value = "../shared/data/geoparsing")]
        dir: PathBuf,
        /// Score another system's predictions (TSV from eval/geo_peer.py) with the same scorer.
        #[arg(long, value_name = "FILE")]
        predictions: Option<PathBuf>,
    },
    /// Event coding on the PETRARCH GSR, the PETRARCH unit tests and the PLOVER GSR: CAMEO
    /// root / PLOVER type accuracy, precision, false-positive share, actor accuracy, confusion
    /// (`EVDUMP=1` prints every miss and false positive).
    Events {
        #[arg(default_value = "../shared/data/event-coding")]
        dir: PathBuf,
    },
    /// Tagging and parsing on UD English EWT dev and test: UPOS, UAS, LAS (universal relation),
    /// speed; `--spacy` adds spaCy en_core_web_sm's UPOS on the same words.
    Syntax {
        /// The treebank folder (en_ewt-ud-{dev,test}.conllu).
        #[arg(default_value = "../shared/data/treebank")]
        dir: PathBuf,
        /// Score this model file instead of the shipped one.
        #[arg(long, value_name = "FILE")]
        model: Option<PathBuf>,
        #[arg(long)]
        spacy: bool,
    },
    /// Glued-word repair: false splits per 20,000 words on clean bodies, and the fixture's repairs.
    Repairs {
        #[arg(default_value = "../shared/data/article-extraction")]
        dir: PathBuf,
    },
}

#[derive(Args)]
pub struct BenchHostileArgs {
    /// A plain-text article whose text fills the long inputs.
    #[arg(long, default_value = "data/samples/armenia-azerbaijan-2022-09-13.txt")]
    pub prose: PathBuf,
    /// Sizes in MB of the long-article curve.
    #[arg(long, value_delimiter = ',', default_value = "1,2,4,8,16,32,50")]
    pub curve: Vec<usize>,
    /// Seconds after which a case is killed and counted as a hang.
    #[arg(long, default_value_t = 300)]
    pub timeout: u64,
}

#[derive(Args)]
pub struct BenchArgs {
    /// Plain-text articles to time (JSONL or text files).
    #[arg(long, default_value = "data/samples")]
    pub samples: PathBuf,
    /// A folder of HTML pages (`.html` or `.html.gz`) to time; without it, HTML pages are
    /// generated from the samples.
    #[arg(long)]
    pub html: Option<PathBuf>,
    /// How many times to run over the input.
    #[arg(long, default_value_t = 20)]
    pub repeat: usize,
    /// Also time spaCy's full en_core_web_sm pipeline on the same plain-text input
    /// (eval/spacy_pipeline.py, in eval/.venv) and print the words/s ratio.
    #[arg(long)]
    pub spacy: bool,
    /// Include the syntax stage (tagger and parser), as `extract --syntax` runs it.
    #[arg(long)]
    pub syntax: bool,
}

#[derive(Subcommand)]
pub enum Build {
    /// The English word-frequency model for glued-word repair, from the wordfreq list.
    WordModel {
        /// The word-frequencies folder (with wordfreq_large_en.tsv).
        #[arg(long, default_value = "../shared/data/word-frequencies")]
        from: PathBuf,
        #[arg(short, long, default_value = "data/models/words-en.tsv.gz")]
        output: PathBuf,
    },
    /// The GeoNames gazetteer index, from the shared gazetteer folder.
    Gazetteer {
        /// The shared data folder (with gazetteer/).
        #[arg(long, default_value = "../shared/data")]
        from: PathBuf,
        #[arg(short, long, default_value = "data/gazetteer")]
        output: PathBuf,
    },
    /// The country and CAMEO actor tables, from the Phoenix dictionaries and country lists.
    Actors {
        /// The shared data folder (with event-coding/ and gazetteer/).
        #[arg(long, default_value = "../shared/data")]
        from: PathBuf,
        #[arg(short, long, default_value = "data/actors")]
        output: PathBuf,
    },
    /// The ISO → FIPS 10-4 country table of the GDELT exports, from GeoNames countryInfo.
    Fips {
        /// GeoNames countryInfo (tab-separated).
        #[arg(long, default_value = "../shared/data/gazetteer/countryInfo.tsv")]
        from: PathBuf,
        #[arg(short, long, default_value = "data/export/fips.tsv")]
        output: PathBuf,
    },
    /// ISO numeric codes and ACLED regions of the ACLED export, from mledoze/countries.
    Countries {
        /// mledoze/countries JSON.
        #[arg(
            long,
            default_value = "../shared/data/gazetteer/mledoze-countries.json"
        )]
        from: PathBuf,
        #[arg(short, long, default_value = "data/export/countries.tsv")]
        output: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum Train {
    /// The named-entity tagger, from CoNLL-2003 eng.train (eng.testa reported) and the word
    /// lists of the shared data folder.
    Ner {
        /// The shared data folder (with ner-conll2003/, gazetteer/, event-coding/, word-frequencies/).
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        #[arg(short, long, default_value = "data/models/ner-en.bin")]
        output: PathBuf,
    },
    /// The part-of-speech tagger and dependency parser, from UD English EWT (train to learn,
    /// dev to choose the epochs; test is left for `sitrep eval syntax`).
    Syntax {
        /// The shared data folder (with treebank/).
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        #[arg(short, long, default_value = "data/models/syntax-en.bin")]
        output: PathBuf,
    },
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

const BENCH_SERVE_HELP: &str =
    "Starts the server inside this process on a free loopback port, then sends
--requests requests over --connections concurrent keep-alive connections, cycling
through filtered /api/events queries (type, actor, country, dates, text, near) made
from the database's own events, and prints requests per second, latency p50/p99/max
and the number of errors (any status other than 200). Exits 1 on any error.
The query shapes repeat, so with the server's answer cache (the default) most
requests are answered from memory; --no-cache measures the database every time.

Example:
  sitrep bench-db --dir bench && sitrep bench-serve --db bench/full.db";

#[derive(Args)]
pub struct BenchServeArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Requests to send in all.
    #[arg(long, value_name = "N", default_value_t = 20_000)]
    pub requests: usize,
    /// Concurrent connections.
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub connections: usize,
    /// Serve without the answer cache, as `sitrep serve --no-cache`: every request reads the
    /// database.
    #[arg(long)]
    pub no_cache: bool,
}
