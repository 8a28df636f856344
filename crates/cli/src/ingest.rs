//! `sitrep ingest`: extract in parallel, store batch by batch, print what the database holds.

use crate::args::IngestArgs;
use crate::pipeline::{self, Progress};
use anyhow::Context;
use sitrep_core::Pipeline;
use sitrep_core::document::content_id;
use sitrep_store::{IngestReport, Prepared, Store};
use std::cell::RefCell;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(opts: IngestArgs) -> anyhow::Result<ExitCode> {
    pipeline::start_threads(opts.threads)?;
    let store = Store::open(&opts.db.db).with_context(|| format!("opening {}", opts.db.db.display()))?;
    let pipeline = Pipeline::standard().with_default_published(opts.published.clone());
    let started = Instant::now();
    let mut progress = Progress::new(opts.quiet);
    let done = ingest(store, &opts.paths, opts.max_bytes, opts.batch, &pipeline, &mut progress)?;
    progress.bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    if !opts.quiet {
        let total = done.report;
        eprintln!(
            "sitrep: {} stored ({} near-copies linked), {} already stored, {} events new, {} reports merged, in {:.1} s",
            total.added, total.near_duplicates, total.unchanged, total.events_new, total.events_merged, seconds
        );
        print!("{}", crate::table::summary(&done.store.summary(5)?, &done.store));
    }
    if done.failures > 0 {
        eprintln!("sitrep: {} input(s) could not be read; the others were stored", done.failures);
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

pub struct Ingested {
    pub store: Store,
    /// `unchanged` includes articles skipped before extraction (their id already stored).
    pub report: IngestReport,
    pub failures: usize,
}

/// Extracts every input under `paths` and stores it, `batch` articles per transaction.
pub fn ingest(
    store: Store,
    paths: &[PathBuf],
    max_bytes: u64,
    batch: usize,
    pipeline: &Pipeline,
    progress: &mut Progress,
) -> anyhow::Result<Ingested> {
    // `keep` reads and `sink` writes, never at the same time.
    let store = RefCell::new(store);
    let mut total = IngestReport::default();
    let mut skipped_early = 0usize;
    let mut failures = 0usize;
    pipeline::run_batches(
        paths,
        max_bytes,
        batch,
        pipeline,
        |article| {
            // An article stored by an earlier (perhaps interrupted) run is not extracted again.
            let id = article.id.clone().unwrap_or_else(|| content_id(article.body.as_str()));
            let known = store.borrow().contains(&id).unwrap_or(false);
            skipped_early += usize::from(known);
            !known
        },
        |record| Prepared::new(record).map_err(|err| err.to_string()),
        |results| {
            let count = results.len();
            let mut batch = Vec::with_capacity(count);
            for result in results {
                match result {
                    Ok(extracted) => {
                        for warning in &extracted.warnings {
                            progress.bar.suspend(|| eprintln!("sitrep: {warning}"));
                        }
                        batch.push(extracted.value);
                    }
                    Err(message) => {
                        failures += 1;
                        progress.bar.suspend(|| eprintln!("sitrep: {message}"));
                    }
                }
            }
            total += store.borrow_mut().insert(batch).context("storing a batch")?;
            progress.advance(count);
            progress.bar.set_message(format!("{} stored", total.added));
            Ok(ControlFlow::Continue(()))
        },
    )?;
    total.unchanged += skipped_early;
    Ok(Ingested { store: store.into_inner(), report: total, failures })
}
