//! `sitrep`: the command line over sitrep's pipeline (see the library for the commands).

fn main() -> std::process::ExitCode {
    sitrep_cli::main()
}
