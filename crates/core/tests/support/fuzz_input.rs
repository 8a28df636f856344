//! What each fuzz target does with its input bytes, shared by the targets (`fuzz/`, which
//! include this file by path) and the regression test that replays the inputs they found
//! (`tests/fuzz_regressions.rs`). The crate including it must also include `invariants.rs`
//! at its root as `mod invariants`.

use std::sync::LazyLock;

use sitrep_core::ingest::{ReadOptions, read_bytes};
use sitrep_core::{Article, Body, Pipeline};

/// The targets: `html` and `text` take the bytes (as lossy UTF-8) as one article's body;
/// `jsonl` and `warc` read them as a file of that format; `gzip` as a file without a known
/// extension, so ingest undoes gzip by content and then sniffs the format.
pub const TARGETS: [&str; 5] = ["html", "text", "jsonl", "warc", "gzip"];

/// Longer inputs are skipped (fuzz/run.sh also gives it to libFuzzer as `-max_len`), and each
/// article read is capped at it after decompression: the targets look for crashes and broken
/// records, not for slowness on long texts.
pub const MAX_INPUT: usize = 64 * 1024;

/// Built once per process: the word and actor models take a while to load.
static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::standard);

/// Loads every model and table the pipeline uses, by running one short article through it.
/// The fuzz targets call it before fuzzing starts (libFuzzer's `init`): loading takes seconds
/// in an instrumented build, and counted against the first input it read as a hang on a busy
/// machine.
pub fn warm_up() {
    let article = Article::text(
        "warm-up",
        "PARIS (AFP) - President Emmanuel Macron met German officials in Berlin on Monday, \
         the ministry said. \"We agreed,\" he told reporters. Troops killed at least 12 people.",
    );
    run_article(article);
}

/// `data` through `target`; panics when a stage panics or a record breaks an invariant.
pub fn run_target(target: &str, data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    match target {
        "html" => run_body(Body::Html(String::from_utf8_lossy(data).into_owned())),
        "text" => run_body(Body::Text(String::from_utf8_lossy(data).into_owned())),
        "jsonl" => run_file(data, "fuzz.jsonl"),
        "warc" => run_file(data, "fuzz.warc"),
        "gzip" => run_file(data, "fuzz"),
        _ => panic!("no fuzz target {target:?} (targets: {TARGETS:?})"),
    }
}

fn run_body(body: Body) {
    let mut article = Article::text("fuzz", "");
    article.body = body;
    run_article(article);
}

/// Every article `data` holds as a file called `name`; read errors are fine, panics are not.
fn run_file(data: &[u8], name: &str) {
    let opts = ReadOptions {
        max_bytes: MAX_INPUT as u64,
    };
    for article in read_bytes(data.to_vec(), name, &opts).flatten() {
        run_article(article);
    }
}

fn run_article(article: Article) {
    let record = PIPELINE.run(article);
    if let Err(message) = crate::invariants::check_record(&record) {
        panic!("record invariant broken: {message}");
    }
}
