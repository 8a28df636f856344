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
        (store.merged_events(&args.filter.to_filter())?, Vec::new())
    };
    match &args.output {
        Some(path) => crate::output_file::write_whole(path, |out| {
            Ok(sitrep_store::export::write(format, &events, &records, out)?)
        })?,
        None => {
            // Parquet's writer wants a `Send` output; a locked stdout is not.
            let mut out = std::io::BufWriter::new(std::io::stdout());
            let result = sitrep_store::export::write(format, &events, &records, &mut out)
                .map_err(anyhow::Error::from)
                .and_then(|()| out.flush().map_err(anyhow::Error::from));
            if let Err(err) = result {
                let broken_pipe = err
                    .chain()
                    .any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
                    || err.to_string().contains("Broken pipe");
                if !broken_pipe {
                    return Err(err);
                }
            }
        }
    }
    let what = if format.reads_records() { format!("{} articles", records.len()) } else { format!("{} events", events.len()) };
    if args.output.is_some() {
        eprintln!("sitrep: exported {what} as {format}");
    }
    Ok(ExitCode::SUCCESS)
}
