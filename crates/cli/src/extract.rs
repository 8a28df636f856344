//! `sitrep extract`: articles in, JSON Lines out, in input order, in parallel.

use crate::args::ExtractArgs;
use crate::progress::Progress;
use anyhow::Context;
use sitrep_core::runner;
use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

pub fn run(opts: ExtractArgs) -> anyhow::Result<ExitCode> {
    runner::start_threads(opts.input.threads)?;
    let pipeline = opts.input.pipeline().with_syntax(opts.syntax);
    let mut progress = Progress::new(opts.quiet);

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failures = 0usize;
    let mut closed = false;
    let pretty = opts.pretty;
    runner::run_batches(
        &opts.input.paths,
        opts.input.max_bytes,
        runner::BATCH,
        &pipeline,
        |_| true,
        |record| {
            let json = if pretty {
                serde_json::to_string_pretty(&record)
            } else {
                serde_json::to_string(&record)
            };
            json.map_err(|err| err.to_string())
        },
        |results| {
            let results_len = results.len();
            for result in results {
                match result {
                    Ok(extracted) => {
                        for warning in &extracted.warnings {
                            progress.bar.suspend(|| {
                                eprintln!("sitrep: {}", crate::visible::escaped(warning))
                            });
                        }
                        if let Err(err) = writeln!(out, "{}", extracted.value) {
                            return stdout_closed(err, &mut closed);
                        }
                    }
                    Err(message) => {
                        failures += 1;
                        progress
                            .bar
                            .suspend(|| eprintln!("sitrep: {}", crate::visible::escaped(&message)));
                    }
                }
            }
            progress.advance(results_len);
            Ok(ControlFlow::Continue(()))
        },
    )?;
    if closed {
        return Ok(ExitCode::SUCCESS);
    }
    if let Err(err) = out.flush() {
        let _ = stdout_closed(err, &mut closed)?;
        return Ok(ExitCode::SUCCESS);
    }
    progress.bar.finish_and_clear();
    if failures > 0 {
        eprintln!("sitrep: {failures} input(s) could not be read; the others were extracted");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// `sitrep extract … | head` closes stdout early; that is the reader's choice, not an error.
fn stdout_closed(err: std::io::Error, closed: &mut bool) -> anyhow::Result<ControlFlow<()>> {
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        *closed = true;
        Ok(ControlFlow::Break(()))
    } else {
        Err(err).context("writing to stdout")
    }
}
