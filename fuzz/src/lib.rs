//! What the fuzz targets share: one pipeline, the input cap, and the record invariants (the same
//! file the core crate's tests use, included by path).

use std::sync::LazyLock;

use sitrep_core::ingest::{ReadOptions, read_bytes};
use sitrep_core::{Article, Body, Pipeline};

#[path = "../../crates/core/tests/support/invariants.rs"]
mod invariants;

pub use invariants::check_record;

/// Inputs longer than this are skipped (run.sh also passes it to libFuzzer as `-max_len`): the
/// targets look for crashes and broken records, not for slowness on long texts.
pub const MAX_INPUT: usize = 64 * 1024;

/// Built once per process: the word and actor models take a while to load.
pub static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::standard);

/// One article through every stage; panics, naming the broken rule, when the record breaks one.
pub fn run_article(article: Article) {
    let record = PIPELINE.run(article);
    if let Err(message) = check_record(&record) {
        panic!("record invariant broken: {message}");
    }
}

/// `data` as an article body, decoded lossily as UTF-8.
pub fn run_body(data: &[u8], html: bool) {
    if data.len() > MAX_INPUT {
        return;
    }
    let text = String::from_utf8_lossy(data).into_owned();
    let body = if html { Body::Html(text) } else { Body::Text(text) };
    let mut article = Article::text("fuzz", "");
    article.body = body;
    run_article(article);
}

/// `data` as a file called `name` (which picks the reader, or lets ingest sniff the format),
/// every article it yields through the pipeline. Read errors are fine; panics are not.
pub fn run_file(data: &[u8], name: &str) {
    if data.len() > MAX_INPUT {
        return;
    }
    // Decompressed articles are capped too: gzip turns 64 KiB into far more.
    let opts = ReadOptions { max_bytes: MAX_INPUT as u64 };
    for article in read_bytes(data.to_vec(), name, &opts).flatten() {
        run_article(article);
    }
}
