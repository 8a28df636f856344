//! Named-entity tagging: entity-level precision, recall and F1 (the conlleval definition: a
//! mention counts only with its exact token span and type) per type for PER, ORG and LOC, and
//! micro-averaged over those three (MISC is tagged but not scored), plus tagging speed.
//!
//! Reads, by sniffing the lines:
//! - CoNLL-2003 (`TOKEN POS CHUNK NER`, IOB1, `-DOCSTART-`): tagged by the shipped model;
//! - CrossNER (`TOKEN<TAB>TAG`, IOB2, nine types mapped by [`map_type`]): tagged by the model;
//! - predictions of another tagger (`TOKEN<TAB>GOLD<TAB>PRED`, conlleval's own input layout):
//!   scored as they are, so peers are measured by this same scorer (see `eval/spacy_ner.py`).

use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use sitrep_core::entities::ner::{NerLabel, NerModel, token_spans};
use sitrep_core::record::EntityKind;
use sitrep_core::{Article, Pipeline};

pub const SCORED: [NerLabel; 3] = [NerLabel::Per, NerLabel::Org, NerLabel::Loc];

/// Our type for a gold or predicted type name: CoNLL's own, and CrossNER's nine.
pub fn map_type(name: &str) -> Option<NerLabel> {
    match name {
        "PER" | "politician" | "person" => Some(NerLabel::Per),
        "ORG" | "organisation" | "politicalparty" => Some(NerLabel::Org),
        "LOC" | "country" | "location" => Some(NerLabel::Loc),
        "MISC" | "misc" | "election" | "event" => Some(NerLabel::Misc),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Conll2003,
    CrossNer,
    Predictions,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    pub correct: usize,
    pub predicted: usize,
    pub gold: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        self.correct as f64 / self.predicted.max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.correct as f64 / self.gold.max(1) as f64
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub file: String,
    pub format: Format,
    /// Whether the mentions are the whole pipeline's entities (else the tagger's alone).
    pub pipeline: bool,
    pub sentences: usize,
    pub tokens: usize,
    /// PER, ORG, LOC in that order.
    pub per_type: [Counts; 3],
    pub micro: Counts,
    /// For the whole pipeline: the tagger's own mentions over the pipeline's text and sentences,
    /// so that the loss splits into what the text and sentence splitting cost and what the
    /// document rules cost.
    pub tagger_in_pipeline_text: Option<Counts>,
    /// For the whole pipeline: the score with the mentions nested in longer ones counted too
    /// (as errors, since flat gold has none).
    pub with_nested: Option<Counts>,
    /// Tagging time on one thread with the model already loaded (None for predictions).
    pub tagging: Option<Duration>,
    pub load: Option<Duration>,
}

impl Report {
    pub fn tokens_per_second(&self) -> Option<f64> {
        self.tagging
            .map(|d| self.tokens as f64 / d.as_secs_f64().max(1e-9))
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let who = match (self.format, self.pipeline) {
            (Format::Predictions, _) => "predictions",
            (_, true) => "sitrep whole pipeline (entities' mentions)",
            (_, false) => "sitrep NER tagger alone",
        };
        writeln!(
            f,
            "{} on {} ({:?}): {} sentences, {} tokens",
            who, self.file, self.format, self.sentences, self.tokens
        )?;
        writeln!(
            f,
            "{:<6} {:>7} {:>7} {:>7} {:>6} {:>6} {:>6}",
            "type", "gold", "pred", "correct", "P", "R", "F1"
        )?;
        let rows = SCORED
            .iter()
            .map(|l| l.as_str())
            .zip(self.per_type.iter())
            .chain(std::iter::once(("micro", &self.micro)));
        for (name, c) in rows {
            writeln!(
                f,
                "{:<6} {:>7} {:>7} {:>7} {:>6.4} {:>6.4} {:>6.4}",
                name,
                c.gold,
                c.predicted,
                c.correct,
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        if let Some(c) = self.with_nested {
            writeln!(
                f,
                "with the mentions nested in longer ones counted too: P {:.4} R {:.4} F1 {:.4}",
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        if let Some(c) = self.tagger_in_pipeline_text {
            writeln!(
                f,
                "the tagger alone over the pipeline's text and sentences: P {:.4} R {:.4} F1 {:.4}",
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        if let Some(d) = self.load {
            writeln!(f, "model load: {:.0} ms", d.as_secs_f64() * 1000.0)?;
        }
        if let (Some(d), Some(tps)) = (self.tagging, self.tokens_per_second())
            && !self.pipeline
        {
            writeln!(
                f,
                "tagging (1 thread, model loaded): {:.3} s, {:.0} tokens/s",
                d.as_secs_f64(),
                tps
            )?;
        }
        Ok(())
    }
}

struct Sentence {
    /// The document it belongs to (CoNLL's `-DOCSTART-`; elsewhere each sentence is one).
    doc: usize,
    tokens: Vec<String>,
    gold: Vec<String>,
    predicted: Vec<String>,
}

fn sniff(text: &str) -> Result<Format> {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with("-DOCSTART-"))
        .context("no tokens in file")?;
    Ok(match line.split('\t').count() {
        3 => Format::Predictions,
        2 => Format::CrossNer,
        _ if line.split_whitespace().count() == 4 => Format::Conll2003,
        _ => bail!("unknown NER file format (line: {line:?})"),
    })
}

fn read(text: &str, format: Format) -> Vec<Sentence> {
    let mut out = Vec::new();
    let empty = |doc| Sentence {
        doc,
        tokens: Vec::new(),
        gold: Vec::new(),
        predicted: Vec::new(),
    };
    let mut doc = 0;
    let mut cur = empty(doc);
    for line in text.lines().chain(std::iter::once("")) {
        let cols: Vec<&str> = match format {
            Format::Conll2003 => line.split_whitespace().collect(),
            _ => line.split('\t').collect(),
        };
        let new_doc = cols.first() == Some(&"-DOCSTART-");
        if line.trim().is_empty() || new_doc {
            if !cur.tokens.is_empty() {
                if format != Format::Conll2003 {
                    doc += 1;
                }
                out.push(std::mem::replace(&mut cur, empty(doc)));
            }
            if new_doc {
                doc += 1;
                cur.doc = doc;
            }
            continue;
        }
        cur.tokens.push(cols[0].to_string());
        match format {
            Format::Predictions => {
                cur.gold.push(cols.get(1).unwrap_or(&"O").to_string());
                cur.predicted.push(cols.get(2).unwrap_or(&"O").to_string());
            }
            _ => cur.gold.push(cols.last().unwrap_or(&"O").to_string()),
        }
    }
    out
}

/// Mentions of a tag sequence in IOB1 or IOB2 (conlleval's chunk rules): `(start, end, type)`.
pub fn chunks(tags: &[String]) -> Vec<(usize, usize, NerLabel)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NerLabel)> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (prefix, ty) = match tag.split_once('-') {
            Some((p, t)) => (p, map_type(t)),
            None => ("O", None),
        };
        let continues = prefix == "I" && ty.is_some() && open.map(|(_, l)| Some(l)) == Some(ty);
        if !continues {
            if let Some((s, l)) = open.take() {
                out.push((s, i, l));
            }
            if let Some(l) = ty {
                open = Some((i, l));
            }
        }
    }
    if let Some((s, l)) = open {
        out.push((s, tags.len(), l));
    }
    out
}

fn score(
    gold: &[(usize, usize, NerLabel)],
    predicted: &[(usize, usize, NerLabel)],
    per_type: &mut [Counts; 3],
) {
    for (k, label) in SCORED.iter().enumerate() {
        let g: Vec<_> = gold.iter().filter(|c| c.2 == *label).collect();
        let p: Vec<_> = predicted.iter().filter(|c| c.2 == *label).collect();
        per_type[k].gold += g.len();
        per_type[k].predicted += p.len();
        per_type[k].correct += p.iter().filter(|c| g.contains(c)).count();
    }
}

/// Tags (or, for a predictions file, reads) every sentence of `file` and scores it.
pub fn evaluate(file: &Path) -> Result<Report> {
    evaluate_as(file, false)
}

/// Runs the whole pipeline over each document of `file` as detokenized text (its sentences one
/// to a line) and scores the entities' mentions as the tagger's are scored: what the document
/// rules, the clusters and the places stage add to or take from the tagger. A predictions
/// file is scored as it is.
pub fn evaluate_pipeline(file: &Path) -> Result<Report> {
    evaluate_as(file, true)
}

fn evaluate_as(file: &Path, pipeline: bool) -> Result<Report> {
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read NER file {}", file.display()))?;
    let format = sniff(&text)?;
    let sentences = read(&text, format);
    let mut per_type = [Counts::default(); 3];
    let (mut tagging, mut load) = (None, None);
    let (mut with_nested, mut tagger_in_pipeline_text) = (None, None);
    if format == Format::Predictions {
        for s in &sentences {
            score(&chunks(&s.gold), &chunks(&s.predicted), &mut per_type);
        }
    } else if pipeline {
        let t = Instant::now();
        let [flat, whole, tagger] = pipeline_mentions(&sentences);
        tagging = Some(t.elapsed());
        let (mut nested, mut in_text) = ([Counts::default(); 3], [Counts::default(); 3]);
        for (((s, spans), all), tagged) in sentences.iter().zip(&flat).zip(&whole).zip(&tagger) {
            if std::env::var_os("SITREP_NER_DIFF").is_some() {
                print_differences(s, spans, tagged);
            }
            score(&chunks(&s.gold), spans, &mut per_type);
            score(&chunks(&s.gold), all, &mut nested);
            score(&chunks(&s.gold), tagged, &mut in_text);
        }
        with_nested = Some(micro(&nested));
        tagger_in_pipeline_text = Some(micro(&in_text));
    } else {
        let t = Instant::now();
        let model = NerModel::english();
        load = Some(t.elapsed());
        let token_refs: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.tokens.iter().map(String::as_str).collect())
            .collect();
        let t = Instant::now();
        let predicted: Vec<_> = token_refs
            .iter()
            .map(|toks| model.tag_tokens(toks))
            .collect();
        tagging = Some(t.elapsed());
        for (s, tags) in sentences.iter().zip(&predicted) {
            score(&chunks(&s.gold), &token_spans(tags), &mut per_type);
        }
    }
    Ok(Report {
        file: file.display().to_string(),
        format,
        pipeline: pipeline && format != Format::Predictions,
        sentences: sentences.len(),
        tokens: sentences.iter().map(|s| s.tokens.len()).sum(),
        micro: micro(&per_type),
        per_type,
        with_nested,
        tagger_in_pipeline_text,
        tagging,
        load,
    })
}

/// With `SITREP_NER_DIFF` set, one line per mention on stderr where the whole pipeline and the
/// tagger over the same text differ: `ADD` (the pipeline's only) or `DEL` (the tagger's only),
/// `ok`/`bad` by the gold, the type, the mention and its sentence. For reading errors.
fn print_differences(
    s: &Sentence,
    pipeline: &[(usize, usize, NerLabel)],
    tagger: &[(usize, usize, NerLabel)],
) {
    let gold = chunks(&s.gold);
    let sentence = s.tokens.join(" ");
    let sides = [("ADD", pipeline, tagger), ("DEL", tagger, pipeline)];
    for (what, ours, theirs) in sides {
        for m in ours.iter().filter(|m| !theirs.contains(m)) {
            let verdict = if gold.contains(m) { "ok" } else { "bad" };
            let words = s.tokens[m.0..m.1].join(" ");
            eprintln!("{what} {verdict} {:?} {words} | {sentence}", m.2);
        }
    }
}

fn micro(per_type: &[Counts; 3]) -> Counts {
    per_type.iter().fold(Counts::default(), |a, c| Counts {
        correct: a.correct + c.correct,
        predicted: a.predicted + c.predicted,
        gold: a.gold + c.gold,
    })
}

/// The whole pipeline's mentions of each sentence, as `(start, end, type)` over its tokens: the
/// outermost ones (the flat view CoNLL annotates), and all of them (with place names found
/// inside organizations' names, "Liberal Party of [Canada]", which flat gold cannot show); and,
/// beside them, the tagger's own mentions over the pipeline's text and sentences (what the
/// cleaning, repairs and sentence splitting do to the tagger before any document rule).
fn pipeline_mentions(sentences: &[Sentence]) -> [Vec<Vec<(usize, usize, NerLabel)>>; 3] {
    let pipeline = Pipeline::standard();
    let model = NerModel::english();
    let mut whole = vec![Vec::new(); sentences.len()];
    let mut tagger = vec![Vec::new(); sentences.len()];
    let mut first = 0;
    while first < sentences.len() {
        let doc = sentences[first].doc;
        let end = first + sentences[first..].partition_point(|s| s.doc == doc);
        let (text, tokens) = detokenize(&sentences[first..end]);
        let record = pipeline.run(Article::text(format!("doc{doc}"), &text));
        // The pipeline may change the text (cleaning, repairs): find each token again, in order.
        let mut at = 0;
        let located: Vec<Option<[usize; 2]>> = tokens
            .iter()
            .map(|&(_, _, [s, e])| {
                let token = &text[s..e];
                let found = record.text[at..].find(token).map(|p| at + p)?;
                at = found + token.len();
                Some([found, at])
            })
            .collect();
        let place = |out: &mut Vec<Vec<_>>, [s, e]: [usize; 2], label| {
            let starts = located.iter().position(|l| l.is_some_and(|l| l[0] == s));
            let ends = located.iter().position(|l| l.is_some_and(|l| l[1] == e));
            if let (Some(a), Some(b)) = (starts, ends)
                && tokens[a].0 == tokens[b].0
                && a <= b
            {
                let (sentence, i, _) = tokens[a];
                out[first + sentence].push((i, tokens[b].1 + 1, label));
            }
        };
        for entity in record.entities.iter().flatten() {
            let label = match entity.kind {
                EntityKind::Person => NerLabel::Per,
                EntityKind::Organization => NerLabel::Org,
                EntityKind::Location => NerLabel::Loc,
                EntityKind::Group => NerLabel::Misc,
            };
            for &span in &entity.mentions {
                place(&mut whole, span, label);
            }
        }
        for span in model.tag(&record.text, &record.sentences) {
            place(&mut tagger, [span.start, span.end], span.label);
        }
        first = end;
    }
    for spans in whole.iter_mut().chain(&mut tagger) {
        spans.sort_unstable_by_key(|&(s, e, _)| (s, e));
        spans.dedup();
    }
    let outermost = whole.iter().map(|spans| outermost(spans)).collect();
    [outermost, whole, tagger]
}

/// The spans not inside a longer one.
fn outermost(spans: &[(usize, usize, NerLabel)]) -> Vec<(usize, usize, NerLabel)> {
    spans
        .iter()
        .filter(|a| {
            !spans
                .iter()
                .any(|b| b.0 <= a.0 && a.1 <= b.1 && b.1 - b.0 > a.1 - a.0)
        })
        .copied()
        .collect()
}

/// The sentences as text, one to a line, with spaces between tokens except where English
/// writes none ("Leeds , 3" → "Leeds, 3"); and each token's (sentence, index, byte span).
fn detokenize(sentences: &[Sentence]) -> (String, Vec<(usize, usize, [usize; 2])>) {
    const NO_SPACE_BEFORE: &[&str] = &[
        ",", ".", ";", ":", "!", "?", ")", "]", "%", "'s", "'", "n't", "'re", "'ve", "'ll", "'d",
    ];
    let mut text = String::new();
    let mut tokens = Vec::new();
    for (k, sentence) in sentences.iter().enumerate() {
        if k > 0 {
            text.push('\n');
        }
        for (i, token) in sentence.tokens.iter().enumerate() {
            let glued = NO_SPACE_BEFORE.contains(&token.as_str())
                || text.ends_with('(')
                || text.ends_with('[');
            if i > 0 && !glued {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(token);
            tokens.push((k, i, [start, text.len()]));
        }
    }
    (text, tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn chunks_follow_conlleval_for_iob1_and_iob2() {
        use NerLabel::*;
        assert_eq!(
            chunks(&tags("I-PER I-PER B-PER O I-LOC")),
            [(0, 2, Per), (2, 3, Per), (4, 5, Loc)]
        );
        assert_eq!(
            chunks(&tags("B-politician I-politician B-country O B-election")),
            [(0, 2, Per), (2, 3, Loc), (4, 5, Misc)]
        );
    }

    #[test]
    fn documents_are_detokenized_and_run_through_the_pipeline() {
        let conll = "-DOCSTART- -X- O O\n\nAntony NNP I-NP I-PER\nBlinken NNP I-NP I-PER\n\
            visited VBD I-VP O\nArmenia NNP I-NP I-LOC\n. . O O\n\n\
            -DOCSTART- -X- O O\n\nRuth NNP I-NP I-PER\nMwangi NNP I-NP I-PER\n( ( O O\n\
            Kenya NNP I-NP I-LOC\n) ) O O\nwon VBD I-VP O\n. . O O\n";
        let sentences = read(conll, Format::Conll2003);
        assert_eq!(sentences.iter().map(|s| s.doc).collect::<Vec<_>>(), [1, 2]);
        let (text, tokens) = detokenize(&sentences[1..]);
        assert_eq!(text, "Ruth Mwangi (Kenya) won.");
        assert_eq!(tokens[3], (0, 3, [13, 18]));
        let [flat, whole, tagger] = pipeline_mentions(&sentences);
        for got in [flat, whole, tagger] {
            assert!(got[0].contains(&(0, 2, NerLabel::Per)), "{got:?}");
            assert!(got[0].contains(&(3, 4, NerLabel::Loc)), "{got:?}");
        }
    }

    #[test]
    fn scores_a_predictions_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("p.tsv");
        std::fs::write(
            &p,
            "John\tB-person\tB-PER\nSmith\tI-person\tI-PER\nin\tO\tO\nParis\tB-location\tB-ORG\n",
        )
        .unwrap();
        let r = evaluate(&p).unwrap();
        assert_eq!(r.format, Format::Predictions);
        assert_eq!(
            (r.micro.correct, r.micro.predicted, r.micro.gold),
            (1, 2, 2)
        );
        assert!(
            evaluate(&dir.path().join("missing"))
                .unwrap_err()
                .to_string()
                .contains("cannot read")
        );
    }
}
