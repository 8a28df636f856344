//! `cargo xtask bench-startup`: how long `sitrep extract` takes on one short article from a
//! cold process, and where that time goes.
//!
//! Two measurements. The binary's: `runs` child processes each extract the article, and the
//! median wall time and the largest peak RSS are reported (what a user waits for). The
//! library's: in this process, which has not yet touched any model, the pipeline runs the
//! article twice stage by stage; the first run pays for every model, table and dictionary
//! its stages load on first use, the second does not, so the difference per stage is that
//! stage's start-up cost. `(pipeline)` is building the pipeline itself. The binary loads the
//! stages' models in parallel before its first article (`Pipeline::prepare`); this breakdown
//! does not, so that each load shows where it is paid.

use anyhow::Context;
use sitrep_core::Pipeline;
use sitrep_core::ingest::{self, ReadOptions};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub struct Report {
    article: PathBuf,
    /// Wall time of each run of the binary, sorted.
    walls: Vec<Duration>,
    peak_rss_mb: f64,
    /// (stage, first run, second run) in the library.
    stages: Vec<(&'static str, Duration, Duration)>,
}

pub fn run(binary: &Path, article: &Path, runs: usize) -> anyhow::Result<Report> {
    let stages = in_process(article)?;
    let mut walls = Vec::new();
    let mut peak_rss_mb: f64 = 0.0;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let child = Command::new(binary)
            .args(["extract", "--quiet"])
            .arg(article)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .with_context(|| format!("running {}", binary.display()))?;
        let (status, rusage) = crate::hostile::wait(child.id() as libc::pid_t)?;
        walls.push(started.elapsed());
        anyhow::ensure!(
            libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
            "{} extract {} failed (status {status})",
            binary.display(),
            article.display()
        );
        peak_rss_mb = peak_rss_mb.max(rusage.ru_maxrss as f64 / 1024.0);
    }
    walls.sort();
    Ok(Report {
        article: article.to_path_buf(),
        walls,
        peak_rss_mb,
        stages,
    })
}

fn in_process(article: &Path) -> anyhow::Result<Vec<(&'static str, Duration, Duration)>> {
    let article = ingest::read_inputs(&[article.to_path_buf()], &ReadOptions::default())
        .next()
        .context("no article read")?
        .with_context(|| format!("reading {}", article.display()))?;
    let started = Instant::now();
    let pipeline = Pipeline::standard();
    let built = started.elapsed();
    let timed = |stages: &mut Vec<(&'static str, Duration, Duration)>, first: bool| {
        let mut doc = pipeline.document(article.clone());
        for (i, stage) in pipeline.stages().iter().enumerate() {
            let t = Instant::now();
            stage.run(&mut doc);
            let spent = t.elapsed();
            if first {
                stages.push((stage.name(), spent, Duration::ZERO));
            } else {
                stages[i + 1].2 = spent;
            }
        }
    };
    let mut stages = vec![("(pipeline)", built, Duration::ZERO)];
    timed(&mut stages, true);
    timed(&mut stages, false);
    Ok(stages)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let median = self.walls[self.walls.len() / 2];
        writeln!(
            f,
            "sitrep extract {}: median {:.0} ms over {} runs (min {:.0}, max {:.0}), peak RSS {:.0} MB",
            self.article.display(),
            ms(median),
            self.walls.len(),
            ms(self.walls[0]),
            ms(self.walls[self.walls.len() - 1]),
            self.peak_rss_mb
        )?;
        writeln!(
            f,
            "\nin process, stage by stage (first run loads what the stage needs):"
        )?;
        writeln!(f, "{:<12} {:>10} {:>10}", "stage", "first ms", "second ms")?;
        for (name, first, second) in &self.stages {
            writeln!(f, "{name:<12} {:>10.1} {:>10.1}", ms(*first), ms(*second))?;
        }
        let (first, second) = self
            .stages
            .iter()
            .fold((Duration::ZERO, Duration::ZERO), |(a, b), s| {
                (a + s.1, b + s.2)
            });
        write!(
            f,
            "{:<12} {:>10.1} {:>10.1}",
            "total",
            ms(first),
            ms(second)
        )
    }
}
