//! `sitrep extract`: articles in, JSON Lines out, in input order, in parallel.

use crate::args::ExtractArgs;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use sitrep_core::ingest::{self, InputError, ReadOptions};
use sitrep_core::{Article, Pipeline};
use std::io::{IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Articles read ahead and processed together; output is written batch by batch, in order.
const BATCH: usize = 256;

pub fn run(opts: ExtractArgs) -> anyhow::Result<ExitCode> {
    let threads = opts.threads.unwrap_or(0);
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()
        .context("starting worker threads")?;
    let pipeline = Pipeline::standard().with_default_published(opts.published.clone());
    let read = ReadOptions { max_bytes: opts.max_bytes };
    let mut progress = Progress::new(opts.quiet);
    quiet_panics();

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    let mut inputs = ingest::read_inputs(&opts.paths, &read).peekable();
    while inputs.peek().is_some() {
        let batch: Vec<Result<Article, InputError>> = inputs.by_ref().take(BATCH).collect();
        let results: Vec<Result<Extracted, String>> = batch
            .into_par_iter()
            .map(|item| match item {
                Ok(article) => process(&pipeline, article, opts.pretty),
                Err(err) => Err(err.to_string()),
            })
            .collect();
        let results_len = results.len();
        for result in results {
            match result {
                Ok(extracted) => {
                    for warning in &extracted.warnings {
                        progress.bar.suspend(|| eprintln!("sitrep: {warning}"));
                    }
                    if let Err(err) = writeln!(out, "{}", extracted.json) {
                        return stdout_closed(err);
                    }
                }
                Err(message) => {
                    failures += 1;
                    progress.bar.suspend(|| eprintln!("sitrep: {message}"));
                }
            }
        }
        progress.advance(results_len);
    }
    if let Err(err) = out.flush() {
        return stdout_closed(err);
    }
    progress.bar.finish_and_clear();
    if failures > 0 {
        eprintln!("sitrep: {failures} input(s) could not be read; the others were extracted");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// One article's JSON, and what went wrong short of failing it.
struct Extracted {
    json: String,
    warnings: Vec<String>,
}

/// Runs the pipeline over one article. A bug in a stage must cost that article only, so a
/// panic is caught and reported like an unreadable input.
fn process(pipeline: &Pipeline, article: Article, pretty: bool) -> Result<Extracted, String> {
    let origin = article.origin.clone();
    let record = catch_unwind(AssertUnwindSafe(|| pipeline.run(article))).map_err(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        format!("{origin}: internal error, article skipped ({why}); please report it")
    })?;
    let warnings = record.warnings.iter().map(|w| format!("{origin}: {w}")).collect();
    let json = if pretty { serde_json::to_string_pretty(&record) } else { serde_json::to_string(&record) };
    let json = json.map_err(|err| format!("{origin}: {err}"))?;
    Ok(Extracted { json, warnings })
}

/// A progress line on stderr, only for a person watching a terminal, and only once the run
/// has lasted long enough to need one.
struct Progress {
    bar: ProgressBar,
    wanted: bool,
    shown: bool,
    started: Instant,
}

impl Progress {
    const AFTER: Duration = Duration::from_secs(1);

    fn new(quiet: bool) -> Progress {
        let bar = ProgressBar::hidden();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {human_pos} articles  {per_sec}  {elapsed}")
                .expect("valid progress template"),
        );
        let wanted = !quiet && std::io::stderr().is_terminal();
        Progress { bar, wanted, shown: false, started: Instant::now() }
    }

    fn advance(&mut self, articles: usize) {
        self.bar.inc(articles as u64);
        if self.wanted && !self.shown && self.started.elapsed() >= Self::AFTER {
            self.bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
            self.bar.enable_steady_tick(Duration::from_millis(250));
            self.shown = true;
        }
    }
}

/// The default panic hook prints a multi-line report per panic; `process` reports instead.
fn quiet_panics() {
    std::panic::set_hook(Box::new(|_| {}));
}

/// `sitrep extract … | head` closes stdout early; that is the reader's choice, not an error.
fn stdout_closed(err: std::io::Error) -> anyhow::Result<ExitCode> {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(ExitCode::SUCCESS)
    } else {
        Err(err).context("writing to stdout")
    }
}
