//! Running the pipeline over many inputs: read in order, processed in parallel batches on
//! rayon's pool, results handed on in input order, a panic in a stage costing its article only.
//! Every front end (the CLI's `extract` and `ingest`, the benchmarks) shares it.

use crate::ingest::{self, InputError, ReadOptions};
use crate::{Article, Pipeline, Record};
use rayon::prelude::*;
use std::ops::ControlFlow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

/// Articles read ahead and processed together; results are handed on batch by batch, in order.
pub const BATCH: usize = 256;

/// One article's result, and what went wrong short of failing it.
pub struct Extracted<T> {
    pub value: T,
    pub warnings: Vec<String>,
}

/// Starts the worker pool (`threads`: default one per core) and the per-article panic reports.
pub fn start_threads(threads: Option<usize>) -> anyhow::Result<()> {
    use anyhow::Context;
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .build_global()
        .context("starting worker threads")?;
    quiet_panics();
    Ok(())
}

/// Reads every input under `paths`, keeps the articles `keep` wants (asked in input order,
/// before any work is spent on them), runs the pipeline and then `finish` on each in parallel,
/// and hands every batch's results, in input order, to `sink` until it breaks.
pub fn run_batches<T: Send>(
    paths: &[PathBuf],
    max_bytes: u64,
    batch_size: usize,
    pipeline: &Pipeline,
    mut keep: impl FnMut(&Article) -> bool,
    finish: impl Fn(Record) -> Result<T, String> + Sync,
    mut sink: impl FnMut(Vec<Result<Extracted<T>, String>>) -> anyhow::Result<ControlFlow<()>>,
) -> anyhow::Result<()> {
    pipeline.prepare();
    let read = ReadOptions { max_bytes };
    let mut inputs = ingest::read_inputs(paths, &read).peekable();
    while inputs.peek().is_some() {
        let batch: Vec<Result<Article, InputError>> = inputs
            .by_ref()
            .filter(|item| item.as_ref().map_or(true, &mut keep))
            .take(batch_size.max(1))
            .collect();
        let results: Vec<Result<Extracted<T>, String>> = batch
            .into_par_iter()
            .map(|item| match item {
                Ok(article) => process(pipeline, article, &finish),
                Err(err) => Err(err.to_string()),
            })
            .collect();
        if sink(results)?.is_break() {
            break;
        }
    }
    Ok(())
}

/// Runs the pipeline over one article. A bug in a stage must cost that article only, so a
/// panic is caught and reported like an unreadable input.
fn process<T>(
    pipeline: &Pipeline,
    article: Article,
    finish: &(impl Fn(Record) -> Result<T, String> + Sync),
) -> Result<Extracted<T>, String> {
    let origin = article.origin.clone();
    let record = catch_unwind(AssertUnwindSafe(|| pipeline.run(article))).map_err(|_| {
        let why = LAST_PANIC
            .take()
            .unwrap_or_else(|| "unknown panic".to_string());
        format!("{origin}: internal error, article skipped ({why}); please report it")
    })?;
    let warnings = record
        .warnings
        .iter()
        .map(|w| format!("{origin}: {w}"))
        .collect();
    let value = finish(record).map_err(|err| format!("{origin}: {err}"))?;
    Ok(Extracted { value, warnings })
}

thread_local! {
    /// The report of the last panic on this thread, for `process` to print with the input.
    static LAST_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// A panic inside an article's stages is reported once, on one line, by `process`, naming the
/// input, the stage, where and why; the default hook's multi-line report would lose the input.
/// A panic anywhere else is printed at once.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        match crate::pipeline::current_stage() {
            Some(stage) => LAST_PANIC.set(Some(format!("stage {stage}{place}: {message}"))),
            None => eprintln!("sitrep: internal error{place}: {message}; please report it"),
        }
    }));
}
