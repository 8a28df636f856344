//! `sitrep ingest`: extract in parallel, store batch by batch, print what the database holds.

use crate::args::IngestArgs;
use crate::progress::Progress;
use anyhow::Context;
use sitrep_core::Pipeline;
use sitrep_core::document::content_id;
use sitrep_core::runner;
use sitrep_store::{IngestReport, Prepared, Store};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Instant;

pub fn run(opts: IngestArgs) -> anyhow::Result<ExitCode> {
    runner::start_threads(opts.input.threads)?;
    let pipeline = opts.input.pipeline();
    let started = Instant::now();
    let mut progress = Progress::new(opts.quiet);
    let done = ingest(
        &opts.db.db,
        &opts.input.paths,
        opts.input.max_bytes,
        opts.batch,
        &pipeline,
        &mut progress,
    )?;
    progress.bar.finish_and_clear();
    let seconds = started.elapsed().as_secs_f64();
    if !opts.quiet {
        let total = done.report;
        eprintln!(
            "sitrep: {} stored ({} near-copies linked), {} already stored, {} events new, {} reports merged, in {:.1} s",
            total.added,
            total.near_duplicates,
            total.unchanged,
            total.events_new,
            total.events_merged,
            seconds
        );
        // Actor and place names are article text: shown, not acted on by the terminal.
        let summary = crate::table::summary(&done.store.summary(5)?, &done.store);
        let shown: Vec<std::borrow::Cow<str>> = summary.lines().map(crate::visible::cell).collect();
        crate::output::print_line(&shown.join("\n"))?;
    }
    if done.failures > 0 {
        eprintln!(
            "sitrep: {} input(s) could not be read; the others were stored",
            done.failures
        );
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

/// Extracts every input under `paths` and stores it in the database at `db`, `batch` articles
/// per transaction. A writer thread stores one batch while the workers extract the next.
pub fn ingest(
    db: &Path,
    paths: &[PathBuf],
    max_bytes: u64,
    batch: usize,
    pipeline: &Pipeline,
    progress: &mut Progress,
) -> anyhow::Result<Ingested> {
    let open = || Store::open(db).with_context(|| format!("opening {}", db.display()));
    let writer_store = open()?;
    // A second connection answers "already stored?" while the writer holds the first.
    let reader = open()?;
    let (send, receive) = mpsc::sync_channel::<Vec<Prepared>>(1);
    let writer = std::thread::spawn(move || -> (Store, sitrep_store::Result<IngestReport>) {
        let mut store = writer_store;
        let mut total = IngestReport::default();
        for batch in receive {
            match store.insert(batch) {
                Ok(report) => total += report,
                Err(err) => return (store, Err(err)),
            }
        }
        (store, Ok(total))
    });

    let mut skipped_early = 0usize;
    let mut failures = 0usize;
    let mut extracted = 0usize;
    let extraction = runner::run_batches(
        paths,
        max_bytes,
        batch,
        pipeline,
        |article| {
            // An article stored by an earlier (perhaps interrupted) run is not extracted again.
            let id = article
                .id
                .clone()
                .unwrap_or_else(|| content_id(article.body.as_str()));
            let known = reader.contains(&id).unwrap_or(false);
            skipped_early += usize::from(known);
            !known
        },
        |record| Prepared::new(record).map_err(|err| err.to_string()),
        |results| {
            let count = results.len();
            let mut batch = Vec::with_capacity(count);
            for result in results {
                match result {
                    Ok(done) => {
                        for warning in &done.warnings {
                            progress.bar.suspend(|| {
                                eprintln!("sitrep: {}", crate::visible::escaped(warning))
                            });
                        }
                        batch.push(done.value);
                    }
                    Err(message) => {
                        failures += 1;
                        progress
                            .bar
                            .suspend(|| eprintln!("sitrep: {}", crate::visible::escaped(&message)));
                    }
                }
            }
            extracted += batch.len();
            progress.advance(count);
            progress.bar.set_message(format!("{extracted} extracted"));
            // The writer stopped: its error is reported below.
            Ok(if send.send(batch).is_err() {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            })
        },
    );
    drop(send);
    let (store, written) = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the database writer failed"))?;
    let mut report = written.context("storing a batch")?;
    extraction?;
    report.unchanged += skipped_early;
    Ok(Ingested {
        store,
        report,
        failures,
    })
}
