//! Glued-word repair: false splits on clean article bodies, recall on the fixture, and speed.
//!
//! The bodies are the ground truth of the Zyte article-extraction benchmark: text written by
//! people, not glued by a scraper, so any repair there is a false split unless the body itself
//! contains a glued word (judged by hand, listed in [`GLUED_IN_GOLD`]).

use std::fmt;
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use sitrep_core::{Article, Document, Pipeline, Stage};

/// Repairs on the gold bodies judged by hand to be true (body id prefix, original token). Each
/// repair the stage makes on the bodies was read in context once; none so far was a real glued
/// word, so the list is empty.
const GLUED_IN_GOLD: &[(&str, &str)] = &[];

/// The bar: at most this many false repairs per 20,000 words.
pub const MAX_FALSE_PER_20K_WORDS: f64 = 1.0;

#[derive(Debug, Clone)]
pub struct FoundRepair {
    pub body: String,
    pub original: String,
    pub replacement: String,
    pub judged_true: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub bodies: usize,
    pub english_bodies: usize,
    pub words: usize,
    pub repairs: Vec<FoundRepair>,
    /// Gold repairs of the fixture: (original, expected replacement, what the stage did).
    pub fixture: Vec<(String, String, Option<String>)>,
    /// `must_not_split` words of the fixture that the stage split.
    pub fixture_shredded: Vec<String>,
    /// Fixture repairs not in its gold list.
    pub fixture_extra: Vec<(String, String)>,
    pub model_decode_ms: f64,
    /// The repair stage alone over every body (language already set), release build expected.
    pub stage_bytes: usize,
    pub stage_seconds: f64,
}

impl Report {
    pub fn false_repairs(&self) -> usize {
        self.repairs.iter().filter(|r| !r.judged_true).count()
    }

    pub fn false_per_20k_words(&self) -> f64 {
        self.false_repairs() as f64 * 20_000.0 / self.words.max(1) as f64
    }

    pub fn fixture_found(&self) -> usize {
        self.fixture
            .iter()
            .filter(|(_, want, got)| got.as_deref() == Some(want.as_str()))
            .count()
    }

    pub fn stage_mb_per_s(&self) -> f64 {
        self.stage_bytes as f64 / 1e6 / self.stage_seconds.max(1e-9)
    }

    pub fn passes(&self) -> bool {
        self.false_per_20k_words() <= MAX_FALSE_PER_20K_WORDS
            && self.fixture_found() == self.fixture.len()
            && self.fixture_shredded.is_empty()
    }
}

/// Runs the evaluation over `article_extraction_dir` (holding `ground-truth.json`).
pub fn evaluate(article_extraction_dir: &Path) -> Result<Report> {
    let gold_path = article_extraction_dir.join("ground-truth.json");
    if !gold_path.is_file() {
        bail!(
            "{} not found: expected the article-extraction data set (ground-truth.json) in {}",
            gold_path.display(),
            article_extraction_dir.display()
        );
    }
    let gold: serde_json::Map<String, serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(&gold_path).with_context(|| gold_path.display().to_string())?,
    )
    .with_context(|| format!("{}: not a JSON object", gold_path.display()))?;
    let bodies: Vec<(String, String)> = gold
        .iter()
        .filter_map(|(id, v)| Some((id.clone(), v.get("articleBody")?.as_str()?.to_string())))
        .collect();

    let mut report = Report {
        bodies: bodies.len(),
        ..Report::default()
    };
    let decode_start = Instant::now();
    sitrep_core::lang::en::words();
    report.model_decode_ms = decode_start.elapsed().as_secs_f64() * 1e3;

    let pipeline = Pipeline::standard();
    for (id, body) in &bodies {
        report.words += sitrep_core::text::words(body).count();
        let record = pipeline.run(Article::text(id.clone(), body.clone()));
        report.english_bodies += usize::from(record.language.as_deref() == Some("en"));
        for r in record.repairs {
            let judged_true = GLUED_IN_GOLD
                .iter()
                .any(|(prefix, original)| id.starts_with(prefix) && r.original == *original);
            report.repairs.push(FoundRepair {
                body: id.clone(),
                original: r.original,
                replacement: r.replacement,
                judged_true,
            });
        }
    }
    evaluate_fixture(&pipeline, &mut report)?;
    measure_stage(&bodies, &mut report);
    Ok(report)
}

fn evaluate_fixture(pipeline: &Pipeline, report: &mut Report) -> Result<()> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../crates/core/tests/fixtures");
    let raw = std::fs::read_to_string(dir.join("armenia-azerbaijan-2022-09-13.txt"))
        .context("fixture text")?;
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("armenia-azerbaijan-2022-09-13.gold.json"))
            .context("fixture gold")?,
    )?;
    let record = pipeline.run(Article::text("fixture", raw.clone()));
    let expected = gold["repairs"].as_object().context("gold repairs")?;
    for (original, want) in expected {
        let got = record
            .repairs
            .iter()
            .find(|r| &r.original == original)
            .map(|r| r.replacement.clone());
        report.fixture.push((
            original.clone(),
            want.as_str().unwrap_or_default().to_string(),
            got,
        ));
    }
    report.fixture_extra = record
        .repairs
        .iter()
        .filter(|r| !expected.contains_key(&r.original))
        .map(|r| (r.original.clone(), r.replacement.clone()))
        .collect();
    for word in gold["must_not_split"]
        .as_array()
        .context("gold must_not_split")?
        .iter()
        .filter_map(|w| w.as_str())
    {
        // A repair broke the word if it rewrote part of it, or a token holding it without
        // keeping it whole. (Counting occurrences would not do: captions leave the text.)
        let broken = record.repairs.iter().any(|r| {
            word.contains(r.original.as_str())
                || (r.original.contains(word) && !r.replacement.contains(word))
        });
        if broken {
            report.fixture_shredded.push(word.to_string());
        }
    }
    Ok(())
}

/// Times the repair stage alone: the earlier stages run first, untimed, and the stage then
/// runs over fresh copies of every document until a second has passed.
fn measure_stage(bodies: &[(String, String)], report: &mut Report) {
    let earlier: [&dyn Stage; 2] = [&sitrep_core::clean::Clean, &sitrep_core::text::Language];
    let prepared: Vec<Document> = bodies
        .iter()
        .map(|(id, body)| {
            let mut doc = Document::new(Article::text(id.clone(), body.clone()));
            earlier.iter().for_each(|stage| stage.run(&mut doc));
            doc
        })
        .collect();
    let bytes_per_round: usize = prepared.iter().map(|d| d.record.text.len()).sum();
    let repair = sitrep_core::repair::Repair::english();
    let mut elapsed = 0.0;
    while elapsed < 1.0 {
        let mut docs = prepared.clone();
        let start = Instant::now();
        for doc in &mut docs {
            repair.run(doc);
        }
        elapsed += start.elapsed().as_secs_f64();
        report.stage_bytes += bytes_per_round;
    }
    report.stage_seconds = elapsed;
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "glued-word repair")?;
        writeln!(
            f,
            "  gold bodies: {} ({} English), {} words, {} repairs, {} false = {:.2} per 20,000 words (bar ≤ {})",
            self.bodies,
            self.english_bodies,
            self.words,
            self.repairs.len(),
            self.false_repairs(),
            self.false_per_20k_words(),
            MAX_FALSE_PER_20K_WORDS
        )?;
        for r in &self.repairs {
            let verdict = if r.judged_true {
                "true (glued in gold)"
            } else {
                "FALSE"
            };
            writeln!(
                f,
                "    {} {:?} -> {:?}: {verdict}",
                &r.body[..r.body.len().min(12)],
                r.original,
                r.replacement
            )?;
        }
        writeln!(
            f,
            "  fixture: {}/{} gold repairs found",
            self.fixture_found(),
            self.fixture.len()
        )?;
        for (original, want, got) in &self.fixture {
            let mark = if got.as_deref() == Some(want.as_str()) {
                "ok"
            } else {
                "MISSED"
            };
            writeln!(f, "    {mark} {original:?} -> {want:?} (got {got:?})")?;
        }
        for (original, replacement) in &self.fixture_extra {
            writeln!(f, "    EXTRA {original:?} -> {replacement:?}")?;
        }
        if self.fixture_shredded.is_empty() {
            writeln!(f, "  fixture must_not_split: none split")?;
        } else {
            writeln!(
                f,
                "  fixture must_not_split SPLIT: {}",
                self.fixture_shredded.join(", ")
            )?;
        }
        writeln!(
            f,
            "  speed: stage alone {:.1} MB/s ({} bytes in {:.2} s); model decode {:.0} ms",
            self.stage_mb_per_s(),
            self.stage_bytes,
            self.stage_seconds,
            self.model_decode_ms
        )?;
        write!(
            f,
            "  verdict: {}",
            if self.passes() { "PASS" } else { "FAIL" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_folder_is_a_clear_error() {
        let err = evaluate(Path::new("/nonexistent/article-extraction"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("ground-truth.json") && err.contains("/nonexistent/article-extraction"),
            "{err}"
        );
    }
}
