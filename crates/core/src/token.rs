//! The document's words: one token list, made once by the syntax stage, that later stages read
//! instead of cutting the text again.

/// The Universal Dependencies part-of-speech tags, in the order the model numbers them.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// A universal part-of-speech tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Upos(u8);

impl Upos {
    pub fn parse(name: &str) -> Option<Upos> {
        UPOS.iter().position(|&u| u == name).map(|k| Upos(k as u8))
    }

    pub fn as_str(self) -> &'static str {
        UPOS[self.0 as usize]
    }

    pub(crate) fn from_index(k: u8) -> Upos {
        debug_assert!((k as usize) < UPOS.len());
        Upos(k)
    }

    pub(crate) fn index(self) -> u8 {
        self.0
    }
}

/// One word of the document: where it is, its sentence and its syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// UTF-8 byte offsets into `record.text`.
    pub start: usize,
    pub end: usize,
    /// Index into `record.sentences`.
    pub sentence: usize,
    pub upos: Upos,
    /// Index of the head token in `Document::tokens`; `None` for a sentence root.
    pub head: Option<usize>,
    pub deprel: &'static str,
}
