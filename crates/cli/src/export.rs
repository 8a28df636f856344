//! `sitrep export`: the stored events (or articles, for the GKG) in another tool's format.
//! The writers are the store's (`sitrep_store::export`); this picks the data and the output.

use crate::args::ExportArgs;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let format = args.format;
    if format.is_binary() && args.output.is_none() && std::io::stdout().is_terminal() {
        anyhow::bail!("{format} is binary: write it to a file with -o FILE, or into a pipe");
    }
    let store = crate::query::open(&args.db)?;
    let (events, records) = if format.reads_records() {
        (Vec::new(), store.records()?)
    } else {
        let events = store.merged_events(&args.filter.to_filter())?;
        if events.is_empty() {
            crate::query::check_actor(&store, args.filter.actor.as_deref())?;
        }
        (events, Vec::new())
    };
    let written = match &args.output {
        Some(path) => {
            let mut written = 0;
            crate::output_file::write_whole(path, |out| {
                written = sitrep_store::export::write(format, &events, &records, out)?;
                Ok(())
            })?;
            written
        }
        None => {
            // Parquet's writer wants a `Send` output; a locked stdout is not. A closed pipe
            // comes back as an error that `main` ends quietly on.
            let mut out = std::io::BufWriter::new(std::io::stdout());
            let written = sitrep_store::export::write(format, &events, &records, &mut out)?;
            out.flush()?;
            written
        }
    };
    // What was written, not what was read: formats leave out what they cannot hold.
    let read = if format.reads_records() {
        records.len()
    } else {
        events.len()
    };
    let unit = if format.reads_records() {
        "articles"
    } else {
        "events"
    };
    if args.output.is_some() {
        eprintln!("sitrep: exported {written} rows as {format} (from {read} {unit})");
    }
    Ok(ExitCode::SUCCESS)
}
