//! The developer tool's arguments: evaluations, benchmarks, model builds and training.

use clap::{Args, Parser, Subcommand};
use sitrep_cli::args::DbArg;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    about = "sitrep's developer tool: score it against gold data, measure it, and rebuild or \
             retrain the models and tables it ships. Not part of the `sitrep` binary.",
    after_help = "Examples:\n  \
        cargo xtask eval articles ../shared/data/article-extraction\n  \
        cargo xtask eval syntax --spacy\n  \
        cargo xtask bench --syntax --spacy\n  \
        cargo xtask train syntax --data ../shared/data -o data/models/syntax-en.bin\n\n\
        `cargo xtask` builds and runs this tool (release mode); commands that run `sitrep` \
        itself (bench-hostile) need it built first: cargo build --release -p sitrep"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
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
    /// Time `sitrep extract` on one short article from a cold start, and where the time goes.
    #[command(name = "bench-startup")]
    BenchStartup(BenchStartupArgs),
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

const BENCH_HOSTILE_HELP: &str =
    "Each case runs `sitrep extract` in a child process with the hostile input between two
good articles: 100k-deep HTML, 10k-deep divs, 5,000 nested tables, a 50 MB single-line
article, 50 MB of HTML, a 2 GB gzip bomb, a WARC with garbage headers. It prints seconds,
peak RSS, exit code and whether both neighbours were extracted, then the time of one long
article at each size of --curve. Exits 1 if any case crashed, hung or lost a neighbour.

Examples:
  cargo xtask bench-hostile
  cargo xtask bench-hostile --curve 1,2,4 --timeout 60";

const BENCH_DB_HELP: &str =
    "Generates synthetic articles from the bundled samples (new ids and dates, paragraphs
of different samples mixed, one in ten a near-copy), ingests them into a fresh
database in a temporary folder, and prints articles/s (with and without
extraction), database bytes per article and the p50/p99 latency of typical queries.

Examples:
  cargo xtask bench-db
  cargo xtask bench-db --articles 20000 --samples data/samples";

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
pub struct BenchStartupArgs {
    /// The `sitrep` binary to run (default: the one built beside this tool).
    #[arg(long, value_name = "FILE")]
    pub sitrep: Option<PathBuf>,
    /// The article extracted.
    #[arg(long, default_value = "data/samples/armenia-azerbaijan-2022-09-13.txt")]
    pub article: PathBuf,
    /// Runs of the binary; the median is reported.
    #[arg(long, default_value_t = 10)]
    pub runs: usize,
}

#[derive(Args)]
pub struct BenchHostileArgs {
    /// The `sitrep` binary to run (default: the one built beside this tool).
    #[arg(long, value_name = "FILE")]
    pub sitrep: Option<PathBuf>,
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
    /// One point per US county (the gazetteer's counties without a town of 15,000), from
    /// us-atlas' Census county boundaries: `npm pack us-atlas@3.0.1 && tar xzf us-atlas-3.0.1.tgz`.
    UsCounties {
        /// us-atlas' unprojected county topology.
        #[arg(long, default_value = "package/counties-10m.json")]
        from: PathBuf,
        #[arg(short, long, default_value = "data/gazetteer/us-counties.tsv")]
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
    /// The place resolver's weights, on the even-numbered articles of the geoparsing gold sets
    /// (`cargo xtask eval geo` reports the odd-numbered ones apart).
    Geo {
        /// The geoparsing folder (with Corpora/).
        #[arg(long, default_value = "../shared/data/geoparsing")]
        data: PathBuf,
        #[arg(short, long, default_value = "data/gazetteer/resolver.tsv")]
        output: PathBuf,
    },
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
    /// dev to choose the epochs; test is left for `cargo xtask eval syntax`).
    Syntax {
        /// The shared data folder (with treebank/).
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        #[arg(short, long, default_value = "data/models/syntax-en.bin")]
        output: PathBuf,
    },
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
  cargo xtask bench-db --dir bench && cargo xtask bench-serve --db bench/full.db";

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
