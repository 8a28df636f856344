//! `cargo xtask bench`: extraction speed per core, stage by stage, and peak memory.
//!
//! Speed per core is measured on one thread, so it does not depend on how many cores the
//! machine has or what else runs on them; the all-cores figure is given beside it.
//!
//! With `--spacy`, spaCy's full en_core_web_sm pipeline (`eval/spacy_pipeline.py`, in
//! `eval/.venv`) reads the same plain-text bodies in the same run, one process and one thread,
//! and both are compared on words per second of the same count: whitespace-separated tokens of
//! the input bodies (the table's own words are those of the cleaned text). Both are given on
//! the wall clock and on CPU time, which a busy machine disturbs less.

use anyhow::{Context, bail};
use rayon::prelude::*;
use sitrep_core::ingest::{self, ReadOptions};
use sitrep_core::{Article, Body, Pipeline};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

pub struct Report {
    rows: Vec<Row>,
    peak_rss_bytes: Option<u64>,
    threads: usize,
    /// The spaCy comparison when asked for: its figures, or why it could not run.
    spacy: Option<Result<Peer, String>>,
}

/// spaCy's figures on the plain-text input, from `spacy_pipeline.py`'s JSON line.
struct Peer {
    description: String,
    words: u64,
    seconds: f64,
    cpu_seconds: f64,
    peak_rss_mb: f64,
}

struct Row {
    input: &'static str,
    articles: usize,
    bytes: usize,
    words: usize,
    repeat: usize,
    /// Whitespace-separated tokens of the input bodies, per pass.
    input_words: usize,
    one_thread: Duration,
    /// CPU time of the one-thread passes, when the platform tells (Linux).
    one_thread_cpu: Option<Duration>,
    all_threads: Duration,
    stages: Vec<(&'static str, Duration)>,
}

pub fn run(
    samples: &Path,
    html_dir: Option<&Path>,
    repeat: usize,
    spacy: bool,
    syntax: bool,
) -> anyhow::Result<Report> {
    let repeat = repeat.max(1);
    let texts = read_articles(samples)?;
    if texts.is_empty() {
        bail!("no articles under {}", samples.display());
    }
    let pages = match html_dir {
        Some(dir) => read_articles(dir)?,
        None => texts.iter().map(as_web_page).collect(),
    };
    let pipeline = Pipeline::standard().with_syntax(syntax);
    // Models and dictionaries load on first use; that is start-up, not per-article cost.
    pipeline.run(texts[0].clone());
    let mut rows = vec![measure(&pipeline, "plain text", &texts, repeat)];
    if !pages.is_empty() {
        rows.push(measure(
            &pipeline,
            if html_dir.is_some() {
                "html pages"
            } else {
                "html (generated)"
            },
            &pages,
            repeat,
        ));
    }
    let peak_rss_bytes = peak_rss_bytes();
    let spacy = spacy.then(|| run_spacy(&texts));
    Ok(Report {
        rows,
        peak_rss_bytes,
        threads: rayon::current_num_threads(),
        spacy,
    })
}

/// Runs `eval/spacy_pipeline.py` on the bodies of `articles` (written to a temporary JSONL).
fn run_spacy(articles: &[Article]) -> Result<Peer, String> {
    let script = [
        Path::new(env!("CARGO_MANIFEST_DIR")).join("spacy_pipeline.py"),
        PathBuf::from("eval/spacy_pipeline.py"),
    ]
    .into_iter()
    .find(|p| p.exists())
    .ok_or("eval/spacy_pipeline.py not found")?;
    let venv_python = script.with_file_name(".venv/bin/python");
    let python = if venv_python.exists() {
        venv_python
    } else {
        PathBuf::from("python3")
    };
    let input = std::env::temp_dir().join(format!("sitrep-bench-{}.jsonl", std::process::id()));
    let mut jsonl = String::new();
    for a in articles {
        jsonl.push_str(&serde_json::json!({ "text": a.body.as_str() }).to_string());
        jsonl.push('\n');
    }
    std::fs::write(&input, jsonl).map_err(|e| format!("writing {}: {e}", input.display()))?;
    let output = Command::new(&python)
        .arg(&script)
        .arg(&input)
        .env("OMP_NUM_THREADS", "1")
        .output();
    let _ = std::fs::remove_file(&input);
    let output = output.map_err(|e| format!("running {}: {e}", python.display()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let Some(line) = stdout.lines().rev().find(|l| l.starts_with('{')) else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "{} gave no figures: {}",
            script.display(),
            stderr.lines().last().unwrap_or("").trim()
        ));
    };
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("spaCy output: {e}"))?;
    let num = |k: &str| {
        v[k].as_f64()
            .ok_or_else(|| format!("spaCy output lacks {k}"))
    };
    Ok(Peer {
        description: format!(
            "spaCy {} {} ({})",
            v["spacy"].as_str().unwrap_or("?"),
            v["model"].as_str().unwrap_or("?"),
            v["pipeline"]
                .as_array()
                .map(|p| p
                    .iter()
                    .filter_map(|x| x.as_str())
                    .collect::<Vec<_>>()
                    .join(", "))
                .unwrap_or_default()
        ),
        words: num("words")? as u64,
        seconds: num("seconds")?,
        cpu_seconds: num("cpu_seconds")?,
        peak_rss_mb: num("peak_rss_mb")?,
    })
}

/// CPU time this thread has used (Linux `schedstat`, nanoseconds); `None` elsewhere.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace()
        .next()?
        .parse()
        .ok()
        .map(Duration::from_nanos)
}

fn read_articles(path: &Path) -> anyhow::Result<Vec<Article>> {
    let paths: Vec<PathBuf> = vec![path.to_path_buf()];
    let mut out = Vec::new();
    for item in ingest::read_inputs(&paths, &ReadOptions::default()) {
        out.push(item.with_context(|| format!("reading {}", path.display()))?);
    }
    Ok(out)
}

fn measure(pipeline: &Pipeline, input: &'static str, articles: &[Article], repeat: usize) -> Row {
    let bytes = articles.iter().map(|a| a.body.as_str().len()).sum();
    let mut stages: Vec<(&'static str, Duration)> = pipeline
        .stages()
        .iter()
        .map(|s| (s.name(), Duration::ZERO))
        .collect();
    let mut words = 0;
    let input_words = articles
        .iter()
        .map(|a| a.body.as_str().split_whitespace().count())
        .sum();
    let cpu_started = thread_cpu();
    let started = Instant::now();
    for _ in 0..repeat {
        for article in articles {
            let mut doc = pipeline.document(article.clone());
            for (stage, spent) in pipeline.stages().iter().zip(stages.iter_mut()) {
                let t = Instant::now();
                stage.run(&mut doc);
                spent.1 += t.elapsed();
            }
            words += doc.record.text.split_whitespace().count();
        }
    }
    let one_thread = started.elapsed();
    let one_thread_cpu = thread_cpu()
        .zip(cpu_started)
        .map(|(end, start)| end.saturating_sub(start));
    let started = Instant::now();
    for _ in 0..repeat {
        articles.par_iter().for_each(|a| {
            std::hint::black_box(pipeline.run(a.clone()));
        });
    }
    let all_threads = started.elapsed();
    Row {
        input,
        articles: articles.len(),
        bytes,
        words: words / repeat,
        input_words,
        repeat,
        one_thread,
        one_thread_cpu,
        all_threads,
        stages,
    }
}

/// A plausible news page around an article: navigation, a figure with caption, paragraphs,
/// related links and a footer, so that the HTML path does the work it does on real pages.
fn as_web_page(article: &Article) -> Article {
    let text = article.body.as_str();
    let title = article.title.clone().unwrap_or_else(|| "News".to_string());
    let mut html = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{t}</title>\
         <meta property=\"article:published_time\" content=\"2020-03-01T10:00:00Z\"></head><body>\
         <header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/politics\">Politics</a></nav></header>\
         <main><article><h1>{t}</h1><figure><img src=\"a.jpg\"><figcaption>A scene from the story. REUTERS/Jane Doe</figcaption></figure>",
        t = escape(&title)
    );
    for para in text.split("\n").filter(|p| !p.trim().is_empty()) {
        html.push_str("<p>");
        html.push_str(&escape(para));
        html.push_str("</p>");
    }
    html.push_str(
        "</article><aside><h2>Related</h2><ul><li><a href=\"/1\">Another story</a></li>\
         <li><a href=\"/2\">More news</a></li></ul></aside></main>\
         <footer>© News Corp. All rights reserved. <a href=\"/privacy\">Privacy</a></footer></body></html>",
    );
    Article {
        body: Body::Html(html),
        ..article.clone()
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Peak resident memory of this process (Linux `VmHWM`).
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<18} {:>8} {:>8} {:>9} {:>13} {:>15} {:>17}",
            "input",
            "articles",
            "MB",
            "words",
            "MB/s per core",
            "words/s per core",
            format!("words/s ({} thr)", self.threads)
        )?;
        for r in &self.rows {
            let mb = r.bytes as f64 / 1e6;
            let one = r.one_thread.as_secs_f64() / r.repeat as f64;
            let all = r.all_threads.as_secs_f64() / r.repeat as f64;
            writeln!(
                f,
                "{:<18} {:>8} {:>8.2} {:>9} {:>13.2} {:>15.0} {:>17.0}",
                r.input,
                r.articles,
                mb,
                r.words,
                mb / one,
                r.words as f64 / one,
                r.words as f64 / all
            )?;
        }
        for r in &self.rows {
            let total: f64 = r.stages.iter().map(|s| s.1.as_secs_f64()).sum();
            let parts: Vec<String> = r
                .stages
                .iter()
                .map(|(name, d)| {
                    format!("{name} {:.0}%", 100.0 * d.as_secs_f64() / total.max(1e-9))
                })
                .collect();
            writeln!(f, "time by stage, {}: {}", r.input, parts.join(", "))?;
        }
        match self.peak_rss_bytes {
            Some(b) => write!(f, "peak RSS: {:.1} MB", b as f64 / 1e6)?,
            None => write!(f, "peak RSS: unknown (no /proc/self/status)")?,
        }
        match (&self.spacy, self.rows.first()) {
            (Some(Ok(peer)), Some(r)) => write_comparison(f, r, peer),
            (Some(Err(why)), _) => write!(f, "\nspaCy: not run: {why}"),
            _ => Ok(()),
        }
    }
}

fn write_comparison(f: &mut fmt::Formatter<'_>, r: &Row, peer: &Peer) -> fmt::Result {
    let words = r.input_words as f64;
    let wall = r.one_thread.as_secs_f64() / r.repeat as f64;
    let cpu = r.one_thread_cpu.map(|d| d.as_secs_f64() / r.repeat as f64);
    let per_s = |secs: f64| if secs > 0.0 { words / secs } else { 0.0 };
    let peer_per_s = |secs: f64| {
        if secs > 0.0 {
            peer.words as f64 / secs
        } else {
            0.0
        }
    };
    writeln!(
        f,
        "\nvs {}, same {} plain-text bodies, one process, one thread:",
        peer.description, r.articles
    )?;
    writeln!(
        f,
        "  words (whitespace tokens of the bodies): sitrep {} / spaCy {}",
        r.input_words, peer.words
    )?;
    writeln!(
        f,
        "  wall clock: sitrep {:.0} words/s/core, spaCy {:.0} words/s/core, ratio {:.1}x",
        per_s(wall),
        peer_per_s(peer.seconds),
        per_s(wall) / peer_per_s(peer.seconds).max(1e-9)
    )?;
    if let Some(cpu) = cpu {
        writeln!(
            f,
            "  CPU time:   sitrep {:.0} words/s/core, spaCy {:.0} words/s/core, ratio {:.1}x",
            per_s(cpu),
            peer_per_s(peer.cpu_seconds),
            per_s(cpu) / peer_per_s(peer.cpu_seconds).max(1e-9)
        )?;
    }
    write!(f, "  spaCy peak RSS: {:.1} MB", peer.peak_rss_mb)
}
