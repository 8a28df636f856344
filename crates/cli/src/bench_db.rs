pub fn run(_: crate::args::BenchDbArgs) -> anyhow::Result<std::process::ExitCode> { todo!() }
