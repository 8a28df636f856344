//! `cargo xtask`: sitrep's developer tool. Evaluations against the gold data, benchmarks, and
//! the commands that rebuild the shipped models and tables; kept out of the `sitrep` binary a
//! user installs.

mod args;
mod bench_db;
mod bench_serve;

use clap::Parser;
use sitrep_cli::output;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = match cli.command {
        args::Command::BenchDb(opts) => bench_db::run(opts),
        args::Command::BenchServe(opts) => bench_serve::run(opts),
        args::Command::Eval(eval) => run_eval(eval),
        args::Command::Bench(opts) => sitrep_eval::bench::run(
            &opts.samples,
            opts.html.as_deref(),
            opts.repeat,
            opts.spacy,
            opts.syntax,
        )
        .and_then(|report| {
            output::print_line(&report.to_string())?;
            Ok(ExitCode::SUCCESS)
        }),
        args::Command::BenchHostile(opts) => bench_hostile(opts),
        args::Command::BenchStartup(opts) => bench_startup(opts),
        args::Command::Build(args::Build::WordModel { from, output }) => {
            sitrep_eval::build::word_model(&from, &output).map(summary_printed)
        }
        args::Command::Train(args::Train::Ner { data, output }) => train_ner(&data, &output),
        args::Command::Train(args::Train::Geo { data, output }) => {
            sitrep_eval::geo::tune(&data, &output).map(summary_printed)
        }
        args::Command::Train(args::Train::Syntax { data, output }) => train_syntax(&data, &output),
        args::Command::Build(args::Build::UsCounties { from, output }) => {
            sitrep_eval::build::us_county_points(&from, &output).map(summary_printed)
        }
        args::Command::Build(args::Build::Gazetteer { from, output }) => {
            sitrep_core::geo::build_gazetteer(&from, &output)
                .map_err(anyhow::Error::from)
                .map(summary_printed)
        }
        args::Command::Build(args::Build::Fips { from, output }) => {
            build_country_table(&from, &output, |info| {
                Ok(sitrep_store::export::fips::build_fips_table(info))
            })
        }
        args::Command::Build(args::Build::Countries { from, output }) => {
            build_country_table(&from, &output, |json| {
                Ok(sitrep_store::export::countries::build_country_table(json)?)
            })
        }
        args::Command::Build(args::Build::Actors { from, output }) => {
            sitrep_core::actors::build_actor_data(&from, &output)
                .map_err(anyhow::Error::from)
                .map(summary_printed)
        }
    };
    sitrep_cli::exit_code("xtask", result)
}

fn run_eval(eval: args::Eval) -> anyhow::Result<ExitCode> {
    match eval {
        args::Eval::Articles { dir } => {
            output::print_line(&sitrep_eval::articles::evaluate(&dir)?.to_string())?
        }
        args::Eval::Ner { files } => {
            for file in files {
                let tagger = sitrep_eval::ner::evaluate(&file)?;
                output::print_line(&format!("{}\n{tagger}", file.display()))?;
                if tagger.format != sitrep_eval::ner::Format::Predictions {
                    let pipeline = sitrep_eval::ner::evaluate_pipeline(&file)?;
                    output::print_line(&format!(
                        "{pipeline}pipeline - tagger: micro F1 {:+.4}",
                        pipeline.micro.f1() - tagger.micro.f1()
                    ))?;
                }
            }
        }
        args::Eval::Quotes { dir } => {
            output::print_line(&sitrep_eval::quotes::evaluate(&dir)?.to_string())?
        }
        args::Eval::Counts { dir } => {
            output::print_line(&sitrep_eval::counts::evaluate(&dir)?.to_string())?
        }
        args::Eval::Geo { dir, predictions } => output::print_line(
            &sitrep_eval::geo::evaluate_with(&dir, predictions.as_deref())?.to_string(),
        )?,
        args::Eval::Repairs { dir } => {
            output::print_line(&sitrep_eval::repairs::evaluate(&dir)?.to_string())?
        }
        args::Eval::Syntax { dir, model, spacy } => output::print_line(
            &sitrep_eval::syntax::evaluate(&dir, model.as_deref(), spacy)?.to_string(),
        )?,
        args::Eval::Events { dir } => {
            output::print_line(&sitrep_eval::events::evaluate(&dir)?.to_string())?
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn train_ner(data: &std::path::Path, output: &std::path::Path) -> anyhow::Result<ExitCode> {
    use sitrep_core::entities::ner::{TrainOptions, train};
    let conll = data.join("ner-conll2003");
    let (model, report) = train(
        &conll.join("eng.train"),
        Some(&conll.join("eng.testa")),
        data,
        &TrainOptions::default(),
    )?;
    write_model(output, &model, &report)
}

fn train_syntax(data: &std::path::Path, output: &std::path::Path) -> anyhow::Result<ExitCode> {
    use sitrep_core::syntax::{TrainOptions, conllu, train};
    let read = |split: &str| -> anyhow::Result<_> {
        let path = data
            .join("treebank")
            .join(format!("en_ewt-ud-{split}.conllu"));
        let text = std::fs::read_to_string(&path)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        conllu::read(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
    };
    let (model, report) = train(&read("train")?, &read("dev")?, &TrainOptions::default())?;
    let bytes = model.to_bytes();
    write_model(output, &bytes, &report)
}

/// Writes the country table `build` makes from the text of `from` (GeoNames countryInfo for
/// the FIPS codes, mledoze/countries for the ACLED export).
fn build_country_table(
    from: &std::path::Path,
    output: &std::path::Path,
    build: impl FnOnce(&str) -> anyhow::Result<String>,
) -> anyhow::Result<ExitCode> {
    let source =
        std::fs::read_to_string(from).map_err(|e| anyhow::anyhow!("{}: {e}", from.display()))?;
    let table = build(&source)?;
    std::fs::write(output, &table).map_err(|e| anyhow::anyhow!("{}: {e}", output.display()))?;
    eprintln!(
        "{}: {} countries",
        output.display(),
        table.lines().filter(|l| !l.starts_with('#')).count()
    );
    Ok(ExitCode::SUCCESS)
}

fn bench_hostile(opts: args::BenchHostileArgs) -> anyhow::Result<ExitCode> {
    let work = tempfile::tempdir()?;
    let report = sitrep_eval::hostile::run(&sitrep_eval::hostile::Options {
        binary: match opts.sitrep {
            Some(path) => path,
            None => beside_this_tool("sitrep")?,
        },
        prose: opts.prose,
        work: work.path().to_path_buf(),
        curve: opts.curve,
        timeout: std::time::Duration::from_secs(opts.timeout),
    })?;
    output::print_line(&report.to_string())?;
    Ok(if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn bench_startup(opts: args::BenchStartupArgs) -> anyhow::Result<ExitCode> {
    let binary = match opts.sitrep {
        Some(path) => path,
        None => beside_this_tool("sitrep")?,
    };
    let report = sitrep_eval::startup::run(&binary, &opts.article, opts.runs)?;
    output::print_line(&report.to_string())?;
    Ok(ExitCode::SUCCESS)
}

/// A build's summary on stderr (stdout stays free for what a command prints).
fn summary_printed(summary: impl std::fmt::Display) -> ExitCode {
    eprintln!("{summary}");
    ExitCode::SUCCESS
}

/// Writes a trained model and prints its training report.
fn write_model(
    output: &std::path::Path,
    bytes: &[u8],
    report: &impl std::fmt::Display,
) -> anyhow::Result<ExitCode> {
    std::fs::write(output, bytes)
        .map_err(|e| anyhow::anyhow!("writing {}: {e}", output.display()))?;
    eprintln!(
        "{report}\nwrote {} ({} bytes)",
        output.display(),
        bytes.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// A binary of the workspace built into the same target folder as this tool.
fn beside_this_tool(name: &str) -> anyhow::Result<std::path::PathBuf> {
    let exe = std::env::current_exe()?;
    let path = exe.with_file_name(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    anyhow::ensure!(
        path.is_file(),
        "{} not found; build it first (cargo build --release -p {name}) or give --{name}",
        path.display()
    );
    Ok(path)
}
