//! `sitrep ingest`: extract in parallel, store batch by batch, print what the database holds.

use crate::args::IngestArgs;
use crate::pipeline::{self, Progress};
use anyhow::Context;
use sitrep_core::document::content_id;
use sitrep_store::{IngestReport, Prepared, Store};
use std::cell::RefCell;
use std::ops::ControlFlow;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(opts: IngestArgs) -> anyhow::Result<ExitCode> {
    pipeline::start_threads(opts.threads)?;
    let store = Store::open(&opts.db.db).with_context(|| format!("opening {}", opts.db.db.display()))?;
    let pipeline = sitrep_core::Pipeline::standard().with_default_published(opts.published.clone());
    let mut progress = Progress::new(opts.quiet);
    let started = Instant::now();
    // `keep` reads and `sink` writes, never at the same time.
    let store = RefCell::new(store);
    let mut total = IngestReport::default();
    let mut skipped_early = 0usize;
    let mut failures = 0usize;
    pipeline::run_batches(
        &opts.paths,
        opts.max_bytes,
        &pipeline,
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
            progress.bar.set_message(format!("{} stored, {} events", total.added, total.events_new));
            Ok(ControlFlow::Continue(()))
        },
    )?;
    progress.bar.finish_and_clear();
    let store = store.into_inner();
    let seconds = started.elapsed().as_secs_f64();
    if !opts.quiet {
        eprintln!(
            "sitrep: {} stored ({} near-copies linked), {} already stored, {} events new, {} reports merged, in {:.1} s",
            total.added,
            total.near_duplicates,
            total.unchanged + skipped_early,
            total.events_new,
            total.events_merged,
            seconds
        );
        print!("{}", crate::table::summary(&store.summary(5)?, &store));
    }
    if failures > 0 {
        eprintln!("sitrep: {failures} input(s) could not be read; the others were stored");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
