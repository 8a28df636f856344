//! `sitrep bench`: extraction speed per core, stage by stage, and peak memory.
//!
//! Speed per core is measured on one thread, so it does not depend on how many cores the
//! machine has or what else runs on them; the all-cores figure is given beside it.

use anyhow::{Context, bail};
use rayon::prelude::*;
use sitrep_core::ingest::{self, ReadOptions};
use sitrep_core::{Article, Body, Pipeline};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub struct Report {
    rows: Vec<Row>,
    peak_rss_bytes: Option<u64>,
    threads: usize,
}

struct Row {
    input: &'static str,
    articles: usize,
    bytes: usize,
    words: usize,
    repeat: usize,
    one_thread: Duration,
    all_threads: Duration,
    stages: Vec<(&'static str, Duration)>,
}

pub fn run(samples: &Path, html_dir: Option<&Path>, repeat: usize) -> anyhow::Result<Report> {
    let repeat = repeat.max(1);
    let texts = read_articles(samples)?;
    if texts.is_empty() {
        bail!("no articles under {}", samples.display());
    }
    let pages = match html_dir {
        Some(dir) => read_articles(dir)?,
        None => texts.iter().map(as_web_page).collect(),
    };
    let pipeline = Pipeline::standard();
    // Models and dictionaries load on first use; that is start-up, not per-article cost.
    pipeline.run(texts[0].clone());
    let mut rows = vec![measure(&pipeline, "plain text", &texts, repeat)];
    if !pages.is_empty() {
        rows.push(measure(&pipeline, if html_dir.is_some() { "html pages" } else { "html (generated)" }, &pages, repeat));
    }
    Ok(Report { rows, peak_rss_bytes: peak_rss_bytes(), threads: rayon::current_num_threads() })
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
    let mut stages: Vec<(&'static str, Duration)> =
        pipeline.stages().iter().map(|s| (s.name(), Duration::ZERO)).collect();
    let mut words = 0;
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
    let started = Instant::now();
    for _ in 0..repeat {
        articles.par_iter().for_each(|a| {
            std::hint::black_box(pipeline.run(a.clone()));
        });
    }
    let all_threads = started.elapsed();
    Row { input, articles: articles.len(), bytes, words: words / repeat, repeat, one_thread, all_threads, stages }
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
    Article { body: Body::Html(html), ..article.clone() }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
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
            "input", "articles", "MB", "words", "MB/s per core", "words/s per core", format!("words/s ({} thr)", self.threads)
        )?;
        for r in &self.rows {
            let mb = r.bytes as f64 / 1e6;
            let one = r.one_thread.as_secs_f64() / r.repeat as f64;
            let all = r.all_threads.as_secs_f64() / r.repeat as f64;
            writeln!(
                f,
                "{:<18} {:>8} {:>8.2} {:>9} {:>13.2} {:>15.0} {:>17.0}",
                r.input, r.articles, mb, r.words, mb / one, r.words as f64 / one, r.words as f64 / all
            )?;
        }
        for r in &self.rows {
            let total: f64 = r.stages.iter().map(|s| s.1.as_secs_f64()).sum();
            let parts: Vec<String> = r
                .stages
                .iter()
                .map(|(name, d)| format!("{name} {:.0}%", 100.0 * d.as_secs_f64() / total.max(1e-9)))
                .collect();
            writeln!(f, "time by stage, {}: {}", r.input, parts.join(", "))?;
        }
        match self.peak_rss_bytes {
            Some(b) => write!(f, "peak RSS: {:.1} MB", b as f64 / 1e6),
            None => write!(f, "peak RSS: unknown (no /proc/self/status)"),
        }
    }
}
