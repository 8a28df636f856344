//! Syntax: a part-of-speech tag and a dependency head and relation for every word, in Universal
//! Dependencies v2 terms, from a tagger and a parser trained on UD English EWT by
//! [`train`] (see `data/models/README.md`).
//!
//! The stage reads the sentences and cuts each into words once ([`tokenize`]); later stages
//! read `Document::tokens` instead of splitting text again.

pub mod conllu;
mod features;
mod linear;
mod model;
mod parser;
mod tagger;
pub mod tokenize;
mod train;

use std::sync::LazyLock;

pub use model::SyntaxModel;
pub use train::{TrainOptions, TrainReport, train};

pub use crate::token::{Token, UPOS, Upos};

use crate::document::Document;
use crate::stage::Stage;
use features::{Analyzer, WordInfo};
use parser::{NONE, ParseScratch, Sentence};

/// One word of a parsed sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    pub upos: Upos,
    /// Index of the head word in the same sentence; `None` for the sentence's root.
    pub head: Option<usize>,
    /// The UD v2 relation to the head (`root` for the root), with its subtype if any.
    pub deprel: &'static str,
}

/// Longest run of words parsed as one tree.
const MAX_WORDS: usize = 250;

/// Buffers reused across sentences.
#[derive(Default)]
pub struct Scratch {
    analyzer: Analyzer,
    words: Vec<WordInfo>,
    tags: Vec<u8>,
    parse: ParseScratch,
}

static ENGLISH: LazyLock<SyntaxModel> = LazyLock::new(|| {
    SyntaxModel::from_bytes(include_bytes!("../../../../data/models/syntax-en.bin"))
        .expect("the shipped syntax model is valid")
});

impl SyntaxModel {
    /// The shipped English model, decoded at first use.
    pub fn english() -> &'static SyntaxModel {
        &ENGLISH
    }

    /// Tags and parses one sentence given as words.
    pub fn parse_words<S: AsRef<str>>(&self, words: &[S], scratch: &mut Scratch) -> Vec<Parsed> {
        let mut out = Vec::with_capacity(words.len());
        self.parse_into(words.iter().map(AsRef::as_ref), scratch, |p| out.push(p));
        out
    }

    fn parse_into<'w>(
        &self,
        words: impl Iterator<Item = &'w str>,
        scratch: &mut Scratch,
        mut emit: impl FnMut(Parsed),
    ) {
        scratch.words.clear();
        for w in words {
            scratch.words.push(scratch.analyzer.analyze(w));
        }
        self.tagger.tag(&scratch.words, &mut scratch.tags);
        let sentence = Sentence {
            words: &scratch.words,
            tags: &scratch.tags,
        };
        self.parser.parse(&sentence, &mut scratch.parse);
        let st = &scratch.parse.state;
        let n = scratch.words.len() as u32;
        for (i, &t) in scratch.tags.iter().enumerate() {
            let h = st.head[i];
            emit(Parsed {
                upos: Upos::from_index(t),
                head: (h != n && h != NONE).then_some(h as usize),
                deprel: self.parser.label_names[st.label[i] as usize],
            });
        }
    }
}

/// The words of a document as the record gives them.
pub fn record_tokens(tokens: &[Token]) -> Vec<crate::record::SyntaxToken> {
    tokens
        .iter()
        .map(|t| crate::record::SyntaxToken {
            start: t.start,
            end: t.end,
            upos: t.upos.as_str().to_string(),
            head: t.head,
            deprel: t.deprel.to_string(),
        })
        .collect()
}

/// The syntax stage: words, tags and a dependency tree for every sentence.
pub struct Syntax;

impl Stage for Syntax {
    fn name(&self) -> &'static str {
        "syntax"
    }

    fn preloads(&self) -> &'static [fn()] {
        &[|| {
            LazyLock::force(&ENGLISH);
        }]
    }

    fn run(&self, doc: &mut Document) {
        doc.tokens.clear();
        // The model knows English; text too short to identify is tried as English too.
        if doc.record.language.as_deref().is_some_and(|l| l != "en") {
            return;
        }
        let model = SyntaxModel::english();
        let mut scratch = Scratch::default();
        let mut spans = Vec::new();
        let text = &doc.record.text;
        for (k, &[start, end]) in doc.record.sentences.iter().enumerate() {
            spans.clear();
            tokenize::words_into(&text[start..end], start, &mut spans);
            // A "sentence" of thousands of words is a table or a list the splitter could not
            // cut; it is parsed in pieces, each its own tree.
            for piece in spans.chunks(MAX_WORDS) {
                let first = doc.tokens.len();
                let mut at = piece.iter();
                model.parse_into(piece.iter().map(|&[s, e]| &text[s..e]), &mut scratch, |p| {
                    let &[s, e] = at.next().expect("one parse per word");
                    doc.tokens.push(Token {
                        start: s,
                        end: e,
                        sentence: k,
                        upos: p.upos,
                        head: p.head.map(|h| first + h),
                        deprel: p.deprel,
                    });
                });
            }
        }
    }
}

#[cfg(test)]
mod tests;
