//! Quotes against PolNeAR (political news attribution relations, BRAT standoff), train and
//! dev reported separately.
//!
//! A **direct quote** in PolNeAR terms is a `Content` span holding a quotation: an opening
//! mark (“ " «) and a later closing mark inside the span. Its gold extent is, in each piece of
//! the (often discontinuous: “…,” said X. “…”) span, the stretch from the first opening to the
//! last closing mark, so a paraphrase with a quoted phrase in it ("that … “keep the details
//! under wraps”") is scored on the quoted words. Its gold speaker is the relation's `Source`
//! span cut to its head (see `source_head`); relations without a source are left out of
//! speaker accuracy. Articles annotated by several annotators (16 in train, 2 in dev, by 5–6
//! annotators each) are scored against one of them, consistently the first file in name
//! order: a union would count each quote several times, and the held-aside articles are read
//! the same way.
//!
//! - **Recall**: gold direct quotes whose quoted pieces are ≥ 50% covered by our direct quotes
//!   lying on them (each of ours serves at most one gold). Our quotes split at the
//!   attribution, the gold keeps one relation, so one gold may take several of ours.
//! - **Precision**: our direct quotes matched to a gold direct quote, or lying ≥ 50% inside
//!   any gold `Content` span (PolNeAR annotates partial quotes as parts of paraphrases).
//! - **Speaker accuracy** on matched quotes with a gold source: every one of our quotes on it
//!   must have the right speaker; correct when the phrase we
//!   read the speaker from (a name, a pronoun, "a source") overlaps the gold `Source` span,
//!   or a mention of our speaker entity does, or our speaker's name or an alias contains the
//!   gold source's last word (its head: "Donald Trump" → "trump"). PolNeAR marks pronouns
//!   ("he") as sources without resolving them, so a pronoun is scored by its span.
//!
//! Offsets: BRAT counts code points over the original file, our record counts bytes over the
//! cleaned text; spans of ours are placed back on the original by finding their text, with
//! the words before it, near the same place.
//!
//! With `QDUMP` set in the environment, every missed gold quote (MISS), wrong speaker (SPK) and
//! unmatched quote of ours (FP) is printed to stderr with its context, for error analysis.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use anyhow::{Context, Result, bail};
use sitrep_core::quotes::Attributed;
use sitrep_core::record::{Record, Span};
use sitrep_core::text::fold;
use sitrep_core::{Article, Pipeline};

#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub articles: usize,
    pub gold: usize,
    pub found: usize,
    pub predicted: usize,
    pub correct_predicted: usize,
    pub with_source: usize,
    pub speaker_correct: usize,
}

impl Scores {
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.gold.max(1) as f64
    }
    pub fn precision(&self) -> f64 {
        self.correct_predicted as f64 / self.predicted.max(1) as f64
    }
    pub fn speaker_accuracy(&self) -> f64 {
        self.speaker_correct as f64 / self.with_source.max(1) as f64
    }
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    /// (split name, scores), in the order train, dev.
    pub splits: Vec<(String, Scores)>,
}

#[derive(Debug, Clone)]
struct GoldQuote {
    /// The quoted stretch of each piece of the content span, in order.
    quoted: Vec<Span>,
    source: Option<(Span, String)>,
}

/// Byte offset of every code point, plus the end.
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    v.push(text.len());
    v
}

/// The byte spans of a BRAT offset field "s e;s e", in order.
fn pieces_of(field: &str, map: &[usize]) -> Option<Vec<Span>> {
    let mut out = Vec::new();
    for part in field.split(';') {
        let mut it = part.split_whitespace();
        let s: usize = it.next()?.parse().ok()?;
        let e: usize = it.next()?.parse().ok()?;
        let span = [*map.get(s)?, *map.get(e)?];
        if span[0] < span[1] {
            out.push(span);
        }
    }
    (!out.is_empty()).then_some(out)
}

fn covering(pieces: &[Span]) -> Span {
    [
        pieces.iter().map(|p| p[0]).min().unwrap_or(0),
        pieces.iter().map(|p| p[1]).max().unwrap_or(0),
    ]
}

const OPENING: &[char] = &['“', '"', '«', '„'];
const CLOSING: &[char] = &['”', '"', '»', '“'];

/// The quoted stretch of a content span: first opening mark to last closing mark.
fn quoted_part(text: &str, span: Span) -> Option<Span> {
    let s = text.get(span[0]..span[1])?;
    let open = s.find(OPENING)?;
    let after_open = open + s[open..].chars().next()?.len_utf8();
    let close = s[after_open..].rfind(CLOSING)? + after_open;
    let inner = &s[after_open..close];
    inner
        .chars()
        .any(char::is_alphanumeric)
        .then_some([span[0] + after_open, span[0] + close])
}

fn read_gold(ann: &str, text: &str) -> (Vec<GoldQuote>, Vec<Span>) {
    let map = char_to_byte(text);
    let mut spans: BTreeMap<&str, (&str, Vec<Span>)> = BTreeMap::new();
    for line in ann.lines() {
        let mut f = line.split('\t');
        let (Some(id), Some(head)) = (f.next(), f.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let Some((kind, offsets)) = head.split_once(' ') else {
            continue;
        };
        if let Some(pieces) = pieces_of(offsets, &map) {
            spans.insert(id, (kind, pieces));
        }
    }
    let mut quotes = Vec::new();
    let mut contents = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let args = line.split('\t').nth(1).unwrap_or("");
        let mut content = None;
        let mut source = None;
        for a in args.split_whitespace() {
            let Some((role, id)) = a.split_once(':') else {
                continue;
            };
            match role {
                "Content" => content = spans.get(id).map(|s| s.1.clone()),
                "Source" => source = spans.get(id).map(|s| covering(&s.1)),
                _ => {}
            }
        }
        let Some(content) = content else { continue };
        contents.push(covering(&content));
        let quoted: Vec<Span> = content
            .iter()
            .filter_map(|&piece| quoted_part(text, piece))
            .collect();
        if !quoted.is_empty() {
            let source = source
                .map(|s| source_head(text, s))
                .map(|s| (s, text[s[0]..s[1]].to_string()));
            quotes.push(GoldQuote { quoted, source });
        }
    }
    (quotes, contents)
}

/// Our span (over the cleaned text) placed on the original text: the same characters found
/// nearest to the same offset.
fn locate(ours: &str, original: &str, span: Span) -> Option<Span> {
    let piece = ours.get(span[0]..span[1])?;
    if original.get(span[0]..span[1]) == Some(piece) {
        return Some(span);
    }
    // A short piece ("he") is found inside other words and near the wrong place: anchor it on
    // the words before it, then fall back to the piece alone as a whole word.
    let mut from = span[0].saturating_sub(30);
    while !ours.is_char_boundary(from) {
        from += 1;
    }
    let lead = &ours[from..span[0]];
    let anchored = format!("{lead}{}", piece.chars().take(40).collect::<String>());
    if !lead.is_empty()
        && let Some(best) = original
            .match_indices(anchored.as_str())
            .map(|(i, _)| i + lead.len())
            .min_by_key(|&i| i.abs_diff(span[0]))
    {
        return Some([best, (best + piece.len()).min(original.len())]);
    }
    let key: String = piece.chars().take(40).collect();
    let whole_word = |i: usize| {
        !original[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            && (key.len() < piece.len()
                || !original[i + key.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric))
    };
    let best = original
        .match_indices(key.as_str())
        .map(|(i, _)| i)
        .filter(|&i| whole_word(i))
        .min_by_key(|&i| i.abs_diff(span[0]))?;
    Some([best, (best + piece.len()).min(original.len())])
}

fn overlap(a: Span, b: Span) -> usize {
    a[1].min(b[1]).saturating_sub(a[0].max(b[0]))
}

/// The part of a gold source that names the speaker: up to an apposition or relative clause
/// ("Roy Hermann, 65, who caucused for …"), or a preposition after a common noun ("a
/// spokesman for the campaign" → "a spokesman"). Without this, any name in the apposition
/// would pass for the speaker.
fn source_head(text: &str, source: Span) -> Span {
    let s = &text[source[0]..source[1]];
    let mut cut = s.len();
    if let Some(i) = s.find([',', '(', '—', ';']) {
        cut = cut.min(i);
    }
    let words: Vec<(usize, &str)> = sitrep_core::text::words(s).collect();
    for pair in words.windows(2) {
        let ((_, before), (at, w)) = (pair[0], pair[1]);
        let relative = matches!(w, "who" | "which" | "whose");
        let preposition = matches!(
            w,
            "of" | "for" | "at" | "from" | "with" | "in" | "on" | "to"
        ) && before.chars().next().is_some_and(char::is_lowercase);
        if relative || preposition {
            cut = cut.min(at);
            break;
        }
    }
    let head = s[..cut].trim_end();
    if head.chars().any(char::is_alphanumeric) {
        [source[0], source[0] + head.len()]
    } else {
        source
    }
}

fn head_word(source: &str) -> String {
    fold(
        source
            .split(|c: char| !c.is_alphanumeric())
            .rfind(|w| !w.is_empty())
            .unwrap_or(""),
    )
}

fn snippet(text: &str, a: usize, b: usize) -> String {
    let mut a = a.min(text.len());
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = b.min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    text[a..b].replace('\n', " / ")
}

fn evaluate_split(pipeline: &Pipeline, dir: &Path) -> Result<Scores> {
    let dump = std::env::var("QDUMP").is_ok();
    let mut scores = Scores::default();
    let mut texts: Vec<_> = std::fs::read_dir(dir.join("text"))
        .with_context(|| format!("reading {}", dir.join("text").display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    texts.sort();
    let mut anns: Vec<_> = std::fs::read_dir(dir.join("attributions"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    anns.sort();
    for path in texts {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let Some(ann_path) = anns.iter().find(|a| {
            a.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{stem}_")) && n.ends_with(".ann"))
        }) else {
            continue;
        };
        let text = std::fs::read_to_string(&path)?;
        let ann = std::fs::read_to_string(ann_path)?;
        let (gold, contents) = read_gold(&ann, &text);
        scores.articles += 1;
        scores.gold += gold.len();
        let record = pipeline.run(Article::text(&stem, &text));
        let ours: Vec<_> = sitrep_core::quotes::find_quotes(&record)
            .into_iter()
            .filter(|a| a.direct)
            .collect();
        let mut used = vec![false; ours.len()];
        let placed: Vec<Option<Span>> = ours
            .iter()
            .map(|a| locate(&record.text, &text, [a.quote.start, a.quote.end]))
            .collect();
        for g in &gold {
            let gq = covering(&g.quoted);
            let glen: usize = g.quoted.iter().map(|q| q[1] - q[0]).sum::<usize>().max(1);
            let on_gold = |p: Span| g.quoted.iter().map(|&q| overlap(p, q)).sum::<usize>();
            // Ours that lie mostly on this gold quote, or hold most of one of its pieces.
            let matched: Vec<usize> = (0..ours.len())
                .filter(|&k| !used[k])
                .filter(|&k| {
                    placed[k].is_some_and(|p| {
                        let o = on_gold(p);
                        o > 0
                            && (2 * o >= (p[1] - p[0]).max(1)
                                || g.quoted
                                    .iter()
                                    .any(|&q| 2 * overlap(p, q) >= (q[1] - q[0]).max(1)))
                    })
                })
                .collect();
            let covered: usize = matched.iter().filter_map(|&k| placed[k]).map(on_gold).sum();
            if matched.is_empty() || 2 * covered < glen {
                if dump {
                    eprintln!(
                        "MISS\t{}\t{}\t[[{}]]\t{}",
                        stem,
                        snippet(&text, gq[0].saturating_sub(150), gq[0]),
                        snippet(&text, gq[0], gq[1]),
                        snippet(&text, gq[1], gq[1] + 150)
                    );
                }
                continue;
            }
            for &k in &matched {
                used[k] = true;
            }
            scores.found += 1;
            let Some((source, source_text)) = &g.source else {
                continue;
            };
            scores.with_source += 1;
            // Every piece we found must name the gold speaker.
            let wrong = matched
                .iter()
                .map(|&k| &ours[k])
                .find(|a| !speaker_matches(a, source_text, *source, &record, &text));
            let Some(a) = wrong else {
                scores.speaker_correct += 1;
                continue;
            };
            if dump {
                let sp = a
                    .speaker_span
                    .map(|s| snippet(&record.text, s[0], s[1]))
                    .unwrap_or_default();
                eprintln!(
                    "SPK\t{}\tgold={}\tours={:?}\tspan={}\tcue={:?}\t{}[[{}]]{}",
                    stem,
                    source_text,
                    a.quote.speaker_name,
                    sp,
                    a.quote.cue,
                    snippet(&text, gq[0].saturating_sub(120), gq[0]),
                    snippet(&text, gq[0], gq[1]),
                    snippet(&text, gq[1], gq[1] + 120)
                );
            }
        }
        scores.predicted += ours.len();
        for (k, p) in placed.iter().enumerate() {
            let inside = p.is_some_and(|p| {
                contents
                    .iter()
                    .any(|c| 2 * overlap(p, *c) >= (p[1] - p[0]).max(1))
            });
            if used[k] || inside {
                scores.correct_predicted += 1;
            } else if dump {
                let o = &ours[k].quote;
                eprintln!(
                    "FP\t{}\t{}[[{}]]{}",
                    stem,
                    snippet(&record.text, o.start.saturating_sub(120), o.start),
                    snippet(&record.text, o.start, o.end),
                    snippet(&record.text, o.end, o.end + 120)
                );
            }
        }
    }
    Ok(scores)
}

/// Whether our speaker of `a` is the gold source (see the module notes).
fn speaker_matches(
    a: &Attributed,
    source_text: &str,
    source: Span,
    record: &Record,
    text: &str,
) -> bool {
    let entities = record.entities.as_deref().unwrap_or(&[]);
    {
        let by_span = a
            .speaker_span
            .and_then(|s| locate(&record.text, text, s))
            .is_some_and(|s| overlap(s, source) > 0);
        let entity = a
            .quote
            .speaker
            .as_ref()
            .and_then(|id| entities.iter().find(|e| &e.id == id));
        let by_mention = entity.is_some_and(|e| {
            e.mentions
                .iter()
                .filter_map(|m| locate(&record.text, text, *m))
                .any(|m| overlap(m, source) > 0)
        });
        let head = head_word(source_text);
        let by_name = !head.is_empty()
            && a.quote
                .speaker_name
                .iter()
                .chain(entity.into_iter().flat_map(|e| e.aliases.iter()))
                .any(|n| {
                    fold(n)
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == head)
                });
        by_span || by_mention || by_name
    }
}

/// Scores on `DIR/train` and `DIR/dev` (the PolNeAR `polnear` folder, or the folder above it).
pub fn evaluate(dir: &Path) -> Result<Report> {
    let root = if dir.join("polnear").is_dir() {
        dir.join("polnear")
    } else {
        dir.to_path_buf()
    };
    if !root.join("dev").join("text").is_dir() {
        bail!(
            "{}: no PolNeAR data (expected train/ and dev/ with text/ and attributions/)",
            dir.display()
        );
    }
    let pipeline = Pipeline::standard();
    let mut report = Report::default();
    for split in ["train", "dev"] {
        if root.join(split).is_dir() {
            report.splits.push((
                split.to_string(),
                evaluate_split(&pipeline, &root.join(split))?,
            ));
        }
    }
    Ok(report)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "PolNeAR direct quotes (content overlap >= 50% of the gold quoted extent)"
        )?;
        writeln!(
            f,
            "{:<6} {:>8} {:>6} {:>6} {:>9} {:>7} {:>8}",
            "split", "articles", "gold", "ours", "precision", "recall", "speaker"
        )?;
        for (name, s) in &self.splits {
            writeln!(
                f,
                "{:<6} {:>8} {:>6} {:>6} {:>9.3} {:>7.3} {:>8.3}  ({}/{} speakers)",
                name,
                s.articles,
                s.gold,
                s.predicted,
                s.precision(),
                s.recall(),
                s.speaker_accuracy(),
                s.speaker_correct,
                s.with_source
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_part_of_a_paraphrase() {
        let text = "He said that she would “keep it quiet.” Then";
        let span = [8, text.len() - 5];
        let q = quoted_part(text, span).expect("has a quote");
        assert_eq!(&text[q[0]..q[1]], "keep it quiet.");
        assert!(quoted_part("no marks here", [0, 13]).is_none());
    }

    #[test]
    fn missing_folder_is_an_error() {
        assert!(evaluate(Path::new("/nonexistent/quotes")).is_err());
    }

    #[test]
    #[ignore = "reads /work/shared/data"]
    fn shared_data() {
        let r = evaluate(Path::new("/work/shared/data/quotes")).expect("eval runs");
        println!("{r}");
    }
}
