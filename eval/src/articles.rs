//! Main-content extraction against the Zyte/ScrapingHub Article Extraction Benchmark.
//!
//! The scorer follows the benchmark's own metric (see the data folder's SOURCE.md): `\w+`
//! tokens, 4-token shingles counted as multisets, per-page (tp, fp, fn) normalized by their
//! sum, precision and recall averaged over pages, F1 the harmonic mean of those averages.
//! It is written here because the benchmark ships it only as a Python script.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::Path;
use std::sync::LazyLock;
use std::time::Instant;

use anyhow::{Context, bail};
use rayon::prelude::*;
use regex::Regex;
use serde::Deserialize;
use sitrep_core::document::Body;
use sitrep_core::ingest::Article;
use sitrep_core::pipeline::Pipeline;

const SHINGLE_LEN: usize = 4;
const WORST_SHOWN: usize = 10;
const BASELINES: [&str; 3] = ["trafilatura", "readability_js", "html-text"];

static TOKEN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("valid regex"));

/// One page's (tp, fp, fn), normalized so that long pages weigh as much as short ones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageScore {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
}

impl PageScore {
    /// `None` when the page does not count for precision (nothing predicted, nothing matched).
    pub fn precision(&self) -> Option<f64> {
        if self.tp + self.fp <= 0.0 {
            return None;
        }
        Some(if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else {
            self.tp / (self.tp + self.fp)
        })
    }

    pub fn recall(&self) -> Option<f64> {
        if self.tp + self.fn_ <= 0.0 {
            return None;
        }
        Some(if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else {
            self.tp / (self.tp + self.fn_)
        })
    }
}

fn tokens(text: &str) -> Vec<&str> {
    TOKEN.find_iter(text).map(|m| m.as_str()).collect()
}

/// The multiset of shingles; a text shorter than a shingle gives one shorter shingle.
fn shingles<'a>(tokens: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    let windows = tokens.len().saturating_sub(SHINGLE_LEN) + 1;
    for start in 0..windows {
        let end = (start + SHINGLE_LEN).min(tokens.len());
        *counts.entry(tokens[start..end].to_vec()).or_insert(0) += 1;
    }
    counts
}

pub fn score_page(truth: &str, predicted: &str) -> PageScore {
    let truth_tokens = tokens(truth);
    let predicted_tokens = tokens(predicted);
    let truth = shingles(&truth_tokens);
    let predicted = shingles(&predicted_tokens);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (shingle, &t) in &truth {
        let p = predicted.get(shingle).copied().unwrap_or(0);
        tp += t.min(p);
        fn_ += t.saturating_sub(p);
    }
    for (shingle, &p) in &predicted {
        fp += p.saturating_sub(truth.get(shingle).copied().unwrap_or(0));
    }
    let sum = (tp + fp + fn_) as f64;
    if sum == 0.0 {
        return PageScore {
            tp: 0.0,
            fp: 0.0,
            fn_: 0.0,
        };
    }
    PageScore {
        tp: tp as f64 / sum,
        fp: fp as f64 / sum,
        fn_: fn_ as f64 / sum,
    }
}

pub fn exact_tokens(truth: &str, predicted: &str) -> bool {
    tokens(truth) == tokens(predicted)
}

/// Scores of one system over a set of pages.
#[derive(Debug, Clone, PartialEq)]
pub struct SystemScore {
    pub system: String,
    pub pages: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub accuracy: f64,
    pub ms_per_page: Option<f64>,
}

fn mean(values: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// `pairs`: (truth, predicted) per page.
pub fn score_system(system: &str, pairs: &[(&str, &str)]) -> SystemScore {
    let scores: Vec<PageScore> = pairs.iter().map(|(t, p)| score_page(t, p)).collect();
    let precision = mean(scores.iter().filter_map(PageScore::precision));
    let recall = mean(scores.iter().filter_map(PageScore::recall));
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let accuracy = mean(
        pairs
            .iter()
            .map(|(t, p)| f64::from(u8::from(exact_tokens(t, p)))),
    );
    SystemScore {
        system: system.to_string(),
        pages: pairs.len(),
        precision,
        recall,
        f1,
        accuracy,
        ms_per_page: None,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct WorstPage {
    pub id: String,
    pub precision: f64,
    pub recall: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub systems: Vec<SystemScore>,
    /// Our pages with the lowest F1, worst first.
    pub worst: Vec<WorstPage>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<16} {:>6} {:>9} {:>7} {:>7} {:>9} {:>8}",
            "system", "pages", "precision", "recall", "F1", "accuracy", "ms/page"
        )?;
        for s in &self.systems {
            let ms = s
                .ms_per_page
                .map(|ms| format!("{ms:.2}"))
                .unwrap_or_else(|| "-".into());
            writeln!(
                f,
                "{:<16} {:>6} {:>9.3} {:>7.3} {:>7.3} {:>9.3} {:>8}",
                s.system, s.pages, s.precision, s.recall, s.f1, s.accuracy, ms
            )?;
        }
        if !self.worst.is_empty() {
            writeln!(f, "\nworst pages of sitrep (by F1):")?;
            writeln!(f, "{:<64} {:>6} {:>6}", "id", "P", "R")?;
            for w in &self.worst {
                writeln!(f, "{:<64} {:>6.3} {:>6.3}", w.id, w.precision, w.recall)?;
            }
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct Body_ {
    #[serde(rename = "articleBody", default)]
    article_body: String,
}

#[derive(Deserialize)]
struct BaselineFile {
    output: HashMap<String, Body_>,
}

fn read_gz(path: &Path) -> anyhow::Result<String> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .with_context(|| format!("decompressing {}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Runs our pipeline over every page in `dir/html` and scores it, then the stored baselines
/// on the same pages.
pub fn evaluate(dir: &Path) -> anyhow::Result<Report> {
    if !dir.is_dir() {
        bail!(
            "the article-extraction data folder is absent: {} (expected html/, ground-truth.json, baselines/)",
            dir.display()
        );
    }
    let truth_path = dir.join("ground-truth.json");
    let truth: HashMap<String, Body_> = serde_json::from_str(
        &std::fs::read_to_string(&truth_path)
            .with_context(|| format!("reading {}", truth_path.display()))?,
    )
    .with_context(|| format!("parsing {}", truth_path.display()))?;

    let html_dir = dir.join("html");
    let mut ids: Vec<String> = std::fs::read_dir(&html_dir)
        .with_context(|| format!("listing {}", html_dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            e.file_name()
                .to_str()
                .and_then(|n| n.strip_suffix(".html.gz"))
                .map(str::to_string)
        })
        .filter(|id| truth.contains_key(id))
        .collect();
    ids.sort();
    if ids.is_empty() {
        bail!("no pages with ground truth in {}", html_dir.display());
    }
    let pages: Vec<String> = ids
        .iter()
        .map(|id| read_gz(&html_dir.join(format!("{id}.html.gz"))))
        .collect::<anyhow::Result<_>>()?;

    let pipeline = Pipeline::standard();
    let timed: Vec<(String, f64)> = pages
        .into_par_iter()
        .zip(ids.par_iter())
        .map(|(html, id)| {
            let article = Article {
                id: Some(id.clone()),
                origin: id.clone(),
                body: Body::Html(html),
                url: None,
                title: None,
                published: None,
                warnings: Vec::new(),
            };
            let started = Instant::now();
            let text = pipeline.run(article).text;
            (text, started.elapsed().as_secs_f64() * 1000.0)
        })
        .collect();
    // Each page timed on its own thread: the cost of one page on one core.
    let ms_per_page = timed.iter().map(|(_, ms)| ms).sum::<f64>() / ids.len() as f64;
    let ours: Vec<String> = timed.into_iter().map(|(text, _)| text).collect();

    let truth_of = |id: &String| truth.get(id).map(|b| b.article_body.as_str()).unwrap_or("");
    let pairs: Vec<(&str, &str)> = ids
        .iter()
        .zip(&ours)
        .map(|(id, text)| (truth_of(id), text.as_str()))
        .collect();
    let mut mine = score_system("sitrep", &pairs);
    mine.ms_per_page = Some(ms_per_page);

    let mut worst: Vec<(f64, WorstPage)> = ids
        .iter()
        .zip(&pairs)
        .map(|(id, (t, p))| {
            let s = score_page(t, p);
            let (precision, recall) = (s.precision().unwrap_or(0.0), s.recall().unwrap_or(0.0));
            let f1 = if precision + recall > 0.0 {
                2.0 * precision * recall / (precision + recall)
            } else {
                0.0
            };
            (
                f1,
                WorstPage {
                    id: id.clone(),
                    precision,
                    recall,
                },
            )
        })
        .collect();
    worst.sort_by(|a, b| a.0.total_cmp(&b.0));
    let worst = worst
        .into_iter()
        .take(WORST_SHOWN)
        .map(|(_, w)| w)
        .collect();

    let mut systems = vec![mine];
    for name in BASELINES {
        let path = dir.join("baselines").join(format!("{name}.json"));
        let Ok(raw) = std::fs::read_to_string(&path) else {
            continue;
        };
        let baseline: BaselineFile =
            serde_json::from_str(&raw).with_context(|| format!("parsing {}", path.display()))?;
        let pairs: Vec<(&str, &str)> = ids
            .iter()
            .map(|id| {
                (
                    truth_of(id),
                    baseline
                        .output
                        .get(id)
                        .map(|b| b.article_body.as_str())
                        .unwrap_or(""),
                )
            })
            .collect();
        systems.push(score_system(name, &pairs));
    }
    Ok(Report { systems, worst })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_perfectly() {
        let s = score_page(
            "one two three four five",
            "One two, three four five!".replace("One", "one").as_str(),
        );
        assert_eq!(
            s,
            PageScore {
                tp: 1.0,
                fp: 0.0,
                fn_: 0.0
            }
        );
        assert_eq!(s.precision(), Some(1.0));
        assert!(exact_tokens("a b, c", "a  b c"));
    }

    #[test]
    fn extra_and_missing_shingles_are_counted_as_multisets() {
        // truth: 2 shingles (a b c d, b c d e); predicted adds one tail shingle (c d e f).
        let s = score_page("a b c d e", "a b c d e f");
        assert!((s.tp - 2.0 / 3.0).abs() < 1e-12);
        assert!((s.fp - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(s.fn_, 0.0);
        assert_eq!(s.recall(), Some(1.0));
        // repeated shingle: truth has "x x x x" twice (5 x's), prediction once.
        let s = score_page("x x x x x", "x x x x");
        assert!((s.tp - 0.5).abs() < 1e-12 && (s.fn_ - 0.5).abs() < 1e-12);
    }

    #[test]
    fn short_texts_give_one_short_shingle() {
        assert_eq!(
            score_page("hello world", "hello world").precision(),
            Some(1.0)
        );
        let s = score_page("hello world", "hello there");
        assert_eq!((s.tp, s.fp, s.fn_), (0.0, 0.5, 0.5));
        assert_eq!(s.precision(), Some(0.0));
    }

    #[test]
    fn empty_prediction_counts_for_recall_only() {
        let s = score_page("a b c d", "");
        assert_eq!(s.precision(), None);
        assert_eq!(s.recall(), Some(0.0));
        let system = score_system("t", &[("a b c d", ""), ("a b c d", "a b c d")]);
        assert_eq!(system.precision, 1.0);
        assert_eq!(system.recall, 0.5);
        assert_eq!(system.accuracy, 0.5);
    }

    #[test]
    fn missing_folder_is_a_clear_error() {
        let err = evaluate(Path::new("/nonexistent/article-extraction")).unwrap_err();
        assert!(err.to_string().contains("absent"));
    }
}
