//! Statistical named-entity tagger: people, organisations, places and "other" (MISC:
//! nationalities, groups, events) in English news text.
//!
//! A hand-written averaged structured perceptron over hashed features with first-order Viterbi
//! decoding over BIO tags. Written by hand rather than using `crfs` (the CRFsuite port measured
//! in the project notes) because a fixed-size hashed weight table needs no feature dictionary,
//! loads as one array and tags with integer adds only: `crfs` reached F1 0.881 on eng.testa at
//! ~320k tokens/s, below the 500k tokens/s per core this stage must reach.
//!
//! ```text
//! sentence ─▶ tokenize ─▶ per-token info (word, shape, affixes, lexicon bits)
//!          ─▶ 30 hashed features/token ─▶ emission scores (9 BIO tags) ─▶ Viterbi ─▶ spans
//! ```

mod features;
mod lexicon;
mod model;
pub(crate) mod tokenize;
mod train;

use std::sync::LazyLock;

pub use model::NerModel;
pub use train::{TrainOptions, TrainReport, train, train_on_sentences};

/// Entity types. `Misc` is kept for the entities stage (nationalities, groups); the scored
/// types are the other three.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NerLabel {
    Per,
    Org,
    Loc,
    Misc,
}

impl NerLabel {
    pub const ALL: [NerLabel; 4] = [NerLabel::Per, NerLabel::Org, NerLabel::Loc, NerLabel::Misc];

    pub fn as_str(self) -> &'static str {
        match self {
            NerLabel::Per => "PER",
            NerLabel::Org => "ORG",
            NerLabel::Loc => "LOC",
            NerLabel::Misc => "MISC",
        }
    }

    pub fn parse(s: &str) -> Option<NerLabel> {
        NerLabel::ALL.into_iter().find(|l| l.as_str() == s)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// An entity mention: UTF-8 byte offsets into the text given to [`NerModel::tag`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NerSpan {
    pub start: usize,
    pub end: usize,
    pub label: NerLabel,
}

/// The tag of one token: outside, first token of an entity, or a following token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NerTag {
    O,
    Begin(NerLabel),
    Inside(NerLabel),
}

impl NerTag {
    pub fn label(self) -> Option<NerLabel> {
        match self {
            NerTag::O => None,
            NerTag::Begin(l) | NerTag::Inside(l) => Some(l),
        }
    }
}

/// Tags as model indices: 0 = O, 1–4 = B-type, 5–8 = I-type.
pub(crate) const NUM_TAGS: usize = 9;

pub(crate) fn tag_of_index(i: usize) -> NerTag {
    match i {
        1..=4 => NerTag::Begin(NerLabel::ALL[i - 1]),
        5..=8 => NerTag::Inside(NerLabel::ALL[i - 5]),
        _ => NerTag::O,
    }
}

pub(crate) fn index_of_tag(t: NerTag) -> usize {
    match t {
        NerTag::O => 0,
        NerTag::Begin(l) => 1 + l.index(),
        NerTag::Inside(l) => 5 + l.index(),
    }
}

/// Whether tag `cur` may follow tag `prev` (`None` = sentence start) in BIO: an inside tag only
/// continues an entity of its own type.
pub(crate) fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur < 5 {
        return true;
    }
    matches!(prev, Some(p) if p != 0 && (p - 1) % 4 == (cur - 5))
}

/// Entity spans as token ranges `(first, end_exclusive, label)` of a tag sequence.
pub fn token_spans(tags: &[NerTag]) -> Vec<(usize, usize, NerLabel)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NerLabel)> = None;
    for (i, t) in tags.iter().enumerate() {
        let continues = matches!((t, open), (NerTag::Inside(l), Some((_, o))) if *l == o);
        if !continues {
            if let Some((s, l)) = open.take() {
                out.push((s, i, l));
            }
            if let Some(l) = t.label() {
                open = Some((i, l));
            }
        }
    }
    if let Some((s, l)) = open {
        out.push((s, tags.len(), l));
    }
    out
}

/// `data/models/ner-en.bin`, decompressed by the build script and embedded aligned, read in
/// place where it can be.
static ENGLISH: LazyLock<NerModel> = LazyLock::new(|| {
    NerModel::from_static(crate::flat::embed!("ner-en.raw")).unwrap_or_else(|_| NerModel::empty())
});

/// Loads the shipped model ahead of first use (see `Stage::preloads`).
pub(crate) fn preload() {
    LazyLock::force(&ENGLISH);
}

impl NerModel {
    /// The shipped English model (decoded on first use). If the embedded file were unreadable
    /// it tags nothing rather than panicking.
    pub fn english() -> &'static NerModel {
        &ENGLISH
    }

    /// Entity spans in `text`, sentence by sentence (`sentences` are byte ranges of `text`;
    /// ranges that are out of bounds or not on character boundaries are skipped).
    pub fn tag(&self, text: &str, sentences: &[[usize; 2]]) -> Vec<NerSpan> {
        let mut out = Vec::new();
        let mut ranges = Vec::new();
        let mut scratch = model::Scratch::default();
        for &[s, e] in sentences {
            let Some(sentence) = text.get(s..e) else {
                continue;
            };
            ranges.clear();
            tokenize::tokenize_into(sentence, s, &mut ranges);
            let tokens: Vec<&str> = ranges.iter().map(|[a, b]| &text[*a..*b]).collect();
            let mut tags = self.tag_with(&tokens, &mut scratch);
            for (tag, token) in tags.iter_mut().zip(&tokens) {
                if tokenize::is_web_token(token) {
                    *tag = NerTag::O;
                }
            }
            for (first, end, label) in token_spans(&tags) {
                out.push(NerSpan {
                    start: ranges[first][0],
                    end: ranges[end - 1][1],
                    label,
                });
            }
        }
        out
    }

    /// One tag per token of an already tokenised sentence.
    pub fn tag_tokens(&self, tokens: &[&str]) -> Vec<NerTag> {
        self.tag_with(tokens, &mut model::Scratch::default())
    }
}

#[cfg(test)]
mod tests;
