//! Tagging and parsing on UD English EWT (gold words, as in the CoNLL 2018 shared task's
//! gold-tokenization setting): UPOS accuracy, UAS, and LAS on the universal relation (the part
//! before `:`), over every word including punctuation; and tagging + parsing speed.
//!
//! With `--spacy`, spaCy's `en_core_web_sm` tags the same words (`eval/spacy_upos.py`, given
//! each sentence as a pre-tokenised Doc) and its UPOS accuracy is printed beside ours. Its heads
//! follow spaCy's own scheme (ClearNLP labels), not UD, so its attachment scores are not
//! comparable and not printed.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use sitrep_core::syntax::{Scratch, SyntaxModel, conllu};

#[derive(Debug, Clone, Default)]
pub struct Split {
    pub name: String,
    pub sentences: usize,
    pub words: usize,
    pub upos: usize,
    pub uas: usize,
    pub las: usize,
    pub seconds: f64,
    /// spaCy's correct UPOS on the same words, or why it did not run.
    pub spacy_upos: Option<Result<usize, String>>,
    /// Per gold universal relation: words, right head, right head and relation.
    pub by_relation: std::collections::BTreeMap<String, [usize; 3]>,
    /// Tagging mistakes, `GOLD>PREDICTED`, with their counts.
    pub confusions: std::collections::BTreeMap<String, usize>,
}

impl Split {
    fn share(&self, n: usize) -> f64 {
        n as f64 / self.words.max(1) as f64
    }
}

pub struct Report {
    pub splits: Vec<Split>,
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Scores `model` (the shipped one if `None`) on EWT dev and test in `dir` (the treebank folder).
pub fn evaluate(dir: &Path, model: Option<&Path>, spacy: bool) -> Result<Report> {
    if !dir.is_dir() {
        bail!(
            "{} is not a folder (the shared treebank is absent here)",
            dir.display()
        );
    }
    let loaded;
    let model = match model {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            loaded = SyntaxModel::from_bytes(&bytes)?;
            &loaded
        }
        None => SyntaxModel::english(),
    };
    let mut splits = Vec::new();
    for name in ["dev", "test"] {
        let path = dir.join(format!("en_ewt-ud-{name}.conllu"));
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        let gold = conllu::read(&text).with_context(|| path.display().to_string())?;
        let forms: Vec<Vec<&str>> = gold
            .iter()
            .map(|s| s.iter().map(|w| w.form.as_str()).collect())
            .collect();
        let mut scratch = Scratch::default();
        let started = Instant::now();
        let parsed: Vec<_> = forms
            .iter()
            .map(|f| model.parse_words(f, &mut scratch))
            .collect();
        let seconds = started.elapsed().as_secs_f64();
        let mut split = Split {
            name: name.into(),
            sentences: gold.len(),
            seconds,
            ..Default::default()
        };
        for (g, p) in gold.iter().zip(&parsed) {
            for (gw, pw) in g.iter().zip(p) {
                split.words += 1;
                split.upos += (gw.upos == pw.upos.as_str()) as usize;
                if gw.upos != pw.upos.as_str() {
                    *split
                        .confusions
                        .entry(format!("{}>{}", gw.upos, pw.upos.as_str()))
                        .or_insert(0usize) += 1;
                }
                let head = pw.head.map_or(0, |h| h + 1);
                let row = split
                    .by_relation
                    .entry(universal(&gw.deprel).to_string())
                    .or_default();
                row[0] += 1;
                if head == gw.head {
                    split.uas += 1;
                    row[1] += 1;
                    let labelled = universal(&gw.deprel) == universal(pw.deprel);
                    split.las += labelled as usize;
                    row[2] += labelled as usize;
                }
            }
        }
        if spacy {
            split.spacy_upos = Some(spacy_upos(&gold));
        }
        splits.push(split);
    }
    Ok(Report { splits })
}

/// spaCy's correct UPOS count on the gold words of `gold`.
fn spacy_upos(gold: &[Vec<conllu::TreeWord>]) -> Result<usize, String> {
    let script = [
        Path::new(env!("CARGO_MANIFEST_DIR")).join("spacy_upos.py"),
        PathBuf::from("eval/spacy_upos.py"),
    ]
    .into_iter()
    .find(|p| p.exists())
    .ok_or("eval/spacy_upos.py not found")?;
    let input = tempfile_path("sitrep-upos-in");
    let mut file = std::fs::File::create(&input).map_err(|e| e.to_string())?;
    for s in gold {
        let words: Vec<&str> = s.iter().map(|w| w.form.as_str()).collect();
        writeln!(
            file,
            "{}",
            serde_json::to_string(&words).map_err(|e| e.to_string())?
        )
        .map_err(|e| e.to_string())?;
    }
    drop(file);
    let out = Command::new("python3")
        .arg(&script)
        .arg(&input)
        .output()
        .map_err(|e| format!("python3: {e}"))?;
    let _ = std::fs::remove_file(&input);
    if !out.status.success() {
        return Err(format!(
            "spacy_upos.py failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() != gold.len() {
        return Err(format!(
            "spaCy returned {} sentences for {}",
            lines.len(),
            gold.len()
        ));
    }
    let mut right = 0;
    for (g, line) in gold.iter().zip(lines) {
        let tags: Vec<String> = serde_json::from_str(line).map_err(|e| e.to_string())?;
        right += g.iter().zip(&tags).filter(|(w, t)| w.upos == **t).count();
    }
    Ok(right)
}

fn tempfile_path(stem: &str) -> PathBuf {
    std::env::temp_dir().join(format!("{stem}-{}.jsonl", std::process::id()))
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "UD English EWT, gold words; LAS on the universal relation; punctuation included"
        )?;
        for s in &self.splits {
            write!(
                f,
                "{:4}: {} sentences, {} words: UPOS {:.4}  UAS {:.4}  LAS {:.4}",
                s.name,
                s.sentences,
                s.words,
                s.share(s.upos),
                s.share(s.uas),
                s.share(s.las)
            )?;
            match &s.spacy_upos {
                Some(Ok(n)) => write!(f, "  | spaCy en_core_web_sm UPOS {:.4}", s.share(*n))?,
                Some(Err(why)) => write!(f, "  | spaCy not run: {why}")?,
                None => {}
            }
            writeln!(f)?;
            let mut rows: Vec<_> = s.by_relation.iter().collect();
            rows.sort_by_key(|(_, r)| std::cmp::Reverse(r[0] - r[2]));
            let worst: Vec<String> = rows
                .iter()
                .take(10)
                .map(|(rel, r)| format!("{rel} {} ({}+{})", r[0] - r[2], r[0] - r[1], r[1] - r[2]))
                .collect();
            writeln!(
                f,
                "      most words lost (head+relation), by gold relation: {}",
                worst.join(", ")
            )?;
            let mut tags: Vec<_> = s.confusions.iter().collect();
            tags.sort_by_key(|(_, n)| std::cmp::Reverse(**n));
            let tags: Vec<String> = tags
                .iter()
                .take(10)
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            writeln!(
                f,
                "      most frequent tagging mistakes (gold>tagged): {}",
                tags.join(", ")
            )?;
        }
        let words: usize = self.splits.iter().map(|s| s.words).sum();
        let seconds: f64 = self.splits.iter().map(|s| s.seconds).sum();
        write!(
            f,
            "speed: tagging + parsing {:.0} words/s on one core (model loaded; {} words in {:.3} s)",
            words as f64 / seconds.max(1e-9),
            words,
            seconds
        )
    }
}
