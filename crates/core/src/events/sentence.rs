//! A sentence as the coder sees it: lower-cased words with their offsets and the punctuation
//! before each, plus the small word lists that mark clause edges, modality and nouns.

use crate::text::words;

pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
    pub lower: String,
    /// Punctuation between the previous word and this one (", ", "; ", " “").
    pub gap: &'a str,
}

impl Token<'_> {
    pub fn capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    pub fn comma_before(&self) -> bool {
        self.gap.contains([',', ';', ':', '(', ')', '—', '–'])
    }
}

pub fn tokens(text: &str, span: [usize; 2]) -> Vec<Token<'_>> {
    let sentence = &text[span[0]..span[1]];
    let mut previous_end = span[0];
    words(sentence)
        .map(|(offset, word)| {
            let start = span[0] + offset;
            let token = Token {
                start,
                end: start + word.len(),
                text: word,
                lower: word.to_lowercase().replace('’', "'"),
                gap: &text[previous_end..start],
            };
            previous_end = token.end;
            token
        })
        .collect()
}

/// Words that open a new clause: the verb before them and the words after do not share
/// actors.
pub fn opens_clause(word: &str) -> bool {
    matches!(
        word,
        "that" | "which" | "who" | "whom" | "whose" | "while" | "whereas" | "because" | "although"
            | "though" | "if" | "unless" | "when" | "after" | "before" | "since" | "as" | "but"
            | "until" | "where" | "whether" | "saying" | "adding"
    )
}

/// Words that make the verb after them not a report of something that happened.
pub fn unreal(word: &str) -> bool {
    matches!(
        word,
        "will" | "would" | "could" | "might" | "may" | "should" | "shall" | "must" | "can"
            | "cannot" | "not" | "never" | "'ll" | "'d" | "wo" | "unlikely" | "likely"
    ) || word.ends_with("n't")
}

/// Verbs whose infinitive complement is wanted, planned or feared, not done.
pub fn intends(word: &str) -> bool {
    const STEMS: &[&str] = &[
        "want", "plan", "intend", "hope", "seek", "sought", "aim", "expect", "like", "wish", "tries",
        "tried", "try", "promis", "pledg", "vow", "prepar", "going", "ready", "refus", "fail",
        "declin", "decid", "set", "due", "schedul", "threat", "propos", "offer", "agree", "agreed",
        "able", "unable", "prepared", "determined", "urg", "ask", "call", "appeal", "demand",
        "press", "push", "encourag", "invit", "allow", "permit", "order", "warn",
    ];
    STEMS.iter().any(|stem| word.starts_with(stem))
}

/// Words before a verb form that show it is a noun ("the attack", "their strikes").
pub fn noun_marker(word: &str) -> bool {
    matches!(
        word,
        "the" | "a" | "an" | "this" | "these" | "those" | "its" | "their" | "his" | "her" | "our"
            | "your" | "my" | "new" | "of" | "any" | "no" | "every" | "each" | "such" | "further"
            | "recent" | "latest" | "last" | "first" | "possible" | "alleged" | "more" | "fresh"
            | "for" | "in" | "on" | "with" | "without" | "against" | "about" | "from" | "into"
            | "s" | "'s" | "and" | "or" | "at" | "by" | "over" | "under" | "amid" | "during"
            | "after" | "before" | "deadly" | "major" | "massive" | "several" | "two" | "many"
            | "all" | "some" | "both" | "other" | "few"
    )
}

/// Forms of "be" that make a following participle passive.
pub fn be_form(word: &str) -> bool {
    matches!(word, "is" | "are" | "was" | "were" | "be" | "been" | "being" | "'s" | "'re")
}

/// Words that may stand between an auxiliary and its verb.
pub fn adverb(word: &str) -> bool {
    matches!(
        word,
        "also" | "reportedly" | "allegedly" | "already" | "again" | "still" | "just" | "recently"
            | "repeatedly" | "then" | "later" | "now" | "once" | "further" | "formally"
            | "officially" | "jointly" | "immediately" | "reportedly," | "himself" | "herself"
            | "itself" | "themselves"
    ) || (word.ends_with("ly") && word.len() > 4)
}
