//! `cargo xtask bench-startup`: how long `sitrep extract` takes on one short article from a
//! cold process, and where that time goes.
//!
//! Two measurements. The binary's: `runs` child processes each extract the article, and the
//! median wall time and the largest peak RSS are reported (what a user waits for). The
//! library's: in this process, which has not yet touched any model, each stage's loads
//! (`Stage::preloads`, which the binary runs in parallel) are timed one at a time, then the
//! article runs twice stage by stage: the first run still pays for what is built on first use
//! (a regex's lazy automaton), the second is the steady state.

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
    /// Building the pipeline, in the library.
    built: Duration,
    /// (stage, its loads one by one, first run, second run) in the library.
    stages: Vec<Stage>,
}

struct Stage {
    name: &'static str,
    loads: Vec<Duration>,
    first: Duration,
    second: Duration,
}

pub fn run(binary: &Path, article: &Path, runs: usize) -> anyhow::Result<Report> {
    let (built, stages) = in_process(article)?;
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
        built,
        stages,
    })
}

fn in_process(article: &Path) -> anyhow::Result<(Duration, Vec<Stage>)> {
    let article = ingest::read_inputs(&[article.to_path_buf()], &ReadOptions::default())
        .next()
        .context("no article read")?
        .with_context(|| format!("reading {}", article.display()))?;
    let timed = |f: &mut dyn FnMut()| {
        let t = Instant::now();
        f();
        t.elapsed()
    };
    let mut pipeline = None;
    let built = timed(&mut || pipeline = Some(Pipeline::standard()));
    let pipeline = pipeline.context("pipeline built")?;
    let mut stages: Vec<Stage> = pipeline
        .stages()
        .iter()
        .map(|stage| Stage {
            name: stage.name(),
            loads: stage
                .preloads()
                .iter()
                .map(|load| timed(&mut || load()))
                .collect(),
            first: Duration::ZERO,
            second: Duration::ZERO,
        })
        .collect();
    for pass in 0..2 {
        let mut doc = pipeline.document(article.clone());
        for (stage, row) in pipeline.stages().iter().zip(stages.iter_mut()) {
            let spent = timed(&mut || stage.run(&mut doc));
            *(if pass == 0 {
                &mut row.first
            } else {
                &mut row.second
            }) = spent;
        }
    }
    Ok((built, stages))
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
            "\nin process: pipeline built in {:.1} ms; each stage's loads one at a time, then the article twice:",
            ms(self.built)
        )?;
        writeln!(
            f,
            "{:<12} {:>9} {:>9} {:>10}  loads (ms)",
            "stage", "first ms", "second ms", "loads ms"
        )?;
        let mut totals = [Duration::ZERO; 3];
        for s in &self.stages {
            let loaded: Duration = s.loads.iter().sum();
            let each: Vec<String> = s.loads.iter().map(|d| format!("{:.1}", ms(*d))).collect();
            writeln!(
                f,
                "{:<12} {:>9.1} {:>9.1} {:>10.1}  {}",
                s.name,
                ms(s.first),
                ms(s.second),
                ms(loaded),
                each.join(" ")
            )?;
            for (total, d) in totals.iter_mut().zip([s.first, s.second, loaded]) {
                *total += d;
            }
        }
        write!(
            f,
            "{:<12} {:>9.1} {:>9.1} {:>10.1}",
            "total",
            ms(totals[0]),
            ms(totals[1]),
            ms(totals[2])
        )
    }
}
