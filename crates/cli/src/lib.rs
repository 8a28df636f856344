//! `sitrep`'s command line as a library: the binary's commands, and the parts the developer
//! tool (`xtask`) measures (ingest, queries, the server).

pub mod args;
mod export;
mod extract;
pub mod ingest;
pub mod output;
mod output_file;
pub mod progress;
pub mod query;
pub mod serve;
mod table;
pub mod visible;

use clap::Parser;
use std::process::ExitCode;

/// Runs the command line's arguments and says how it went.
pub fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = match cli.command {
        args::Command::Extract(opts) => extract::run(opts),
        args::Command::Ingest(opts) => ingest::run(opts),
        args::Command::Events(opts) => query::events(opts),
        args::Command::Search(opts) => query::search(opts),
        args::Command::Entities(opts) => query::entities(opts),
        args::Command::Article(opts) => query::article(opts),
        args::Command::Export(opts) => export::run(opts),
        args::Command::Serve(opts) => serve::run(opts),
    };
    exit_code("sitrep", result)
}

/// The exit code of a command's result, its error (if any) printed after `program: `.
pub fn exit_code(program: &str, result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        // The reader stopped reading (`| head`): what it wanted is written.
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // Messages name files and databases; a name with a newline or ESC shows escaped.
            eprintln!("{program}: {}", visible::escaped(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}
