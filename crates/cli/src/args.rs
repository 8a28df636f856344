//! Command-line arguments, with help that teaches by example.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "Turn raw news articles into structured records: clean text, publication date, \
             wire agencies, photo credits, sentences and resolved dates.",
    after_help = "Examples:\n  \
        sitrep extract data/samples                       every article under a folder, one JSON line each\n  \
        sitrep extract --pretty story.txt                 one article, indented\n  \
        curl -s URL | sitrep extract --published 2022-09-13 -\n  \
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
    /// Score sitrep against gold data and print precision, recall and F1.
    #[command(subcommand)]
    Eval(Eval),
    /// Measure extraction speed (words/s per core) and peak memory.
    Bench(BenchArgs),
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

#[derive(Args)]
pub struct ExtractArgs {
    /// Files, directories, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Indent each record (then it is no longer one record per line).
    #[arg(long)]
    pub pretty: bool,
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
    /// Never show a progress bar.
    #[arg(long)]
    pub quiet: bool,
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
    /// Glued-word repair: false splits per 20,000 words on clean bodies, and the fixture's repairs.
    Repairs {
        #[arg(default_value = "../shared/data/article-extraction")]
        dir: PathBuf,
    },
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
}

fn parse_published(s: &str) -> Result<String, String> {
    let ok = jiff::civil::Date::strptime("%Y-%m-%d", s).is_ok()
        || jiff::civil::Date::strptime("%Y-%m-%d", format!("{s}-01")).is_ok()
        || jiff::civil::Date::strptime("%Y-%m-%d", format!("{s}-01-01")).is_ok();
    if ok { Ok(s.to_string()) } else { Err(format!("expected YYYY-MM-DD (or YYYY-MM, YYYY), got {s:?}")) }
}
