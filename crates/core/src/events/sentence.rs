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
                lower: if word.contains('’') {
                    word.to_lowercase().replace('’', "'")
                } else {
                    word.to_lowercase()
                },
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
        "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "while"
            | "whereas"
            | "because"
            | "although"
            | "though"
            | "if"
            | "unless"
            | "when"
            | "after"
            | "before"
            | "since"
            | "as"
            | "but"
            | "until"
            | "where"
            | "whether"
            | "saying"
            | "adding"
    )
}

/// What an auxiliary before a verb does to it.
pub enum Modality {
    /// will, shall: told as to come.
    Will,
    /// would: announced or conditional, not done.
    Would,
    /// not, never.
    Negated,
    /// could, might, may, should: neither done nor announced.
    Hypothetical,
}

pub fn modality(word: &str) -> Option<Modality> {
    match word {
        "will" | "shall" | "'ll" | "wo" => Some(Modality::Will),
        "would" | "'d" => Some(Modality::Would),
        "not" | "never" => Some(Modality::Negated),
        w if w.ends_with("n't") => Some(Modality::Negated),
        "could" | "might" | "may" | "should" | "must" | "can" | "cannot" | "unlikely"
        | "likely" => Some(Modality::Hypothetical),
        _ => None,
    }
}

/// How a verb or adjective before "to" governs the infinitive after it.
pub fn infinitive_governor(word: &str) -> Option<super::coder::Governor> {
    use super::coder::Governor::*;
    if crate::lang::en::refusal_stems()
        .iter()
        .any(|s| word.starts_with(s))
    {
        Some(Refusal)
    } else if crate::lang::en::wish_stems()
        .iter()
        .any(|s| word.starts_with(s))
    {
        Some(Wish)
    } else if crate::lang::en::intent_stems()
        .iter()
        .any(|s| word.starts_with(s))
    {
        Some(Intent)
    } else if crate::lang::en::scheduled_stems()
        .iter()
        .any(|s| word.starts_with(s))
    {
        Some(Scheduled)
    } else {
        None
    }
}

/// Verbs of wishing (base form): a wish alone is no event.
pub fn wish_verb(lemma: &str) -> bool {
    matches!(lemma, "hope" | "wish" | "desire")
}

/// Verbs whose subject suffers rather than acts (base form): "two children died" is no one's
/// attack; only a phrase naming the fighting ("died in clashes") codes an event. PETRARCH's
/// dictionary gives bare DIE the code 190 with the dead as its source.
pub fn undergoer_verb(lemma: &str) -> bool {
    matches!(lemma, "die" | "perish")
}

/// Verbs of plain speech (base form): "he added" says something and does nothing; PETRARCH
/// lists ADD among the synonyms of GRANT (060).
pub fn plain_speech_verb(lemma: &str) -> bool {
    matches!(lemma, "add" | "note" | "explain")
}

/// Words before a verb form that show it is a noun ("the attack", "their strikes").
pub fn noun_marker(word: &str) -> bool {
    crate::lang::en::noun_markers().contains(&word)
}

/// Prepositions: a phrase's object does not reach past one ("made his remarks in Doha at the
/// start of a trip" is no trip made). "Of" stays inside a noun phrase.
pub fn preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "at"
            | "on"
            | "for"
            | "from"
            | "with"
            | "against"
            | "to"
            | "by"
            | "into"
            | "during"
            | "over"
            | "under"
            | "after"
            | "before"
            | "behind"
            | "about"
            | "between"
            | "through"
            | "across"
            | "near"
            | "since"
            | "until"
            | "without"
            | "within"
            | "toward"
            | "towards"
            | "amid"
            | "despite"
            | "among"
            | "upon"
    )
}

/// Forms of "be" that make a following participle passive.
pub fn be_form(word: &str) -> bool {
    matches!(
        word,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "'s" | "'re"
    )
}

/// Words that may stand between an auxiliary and its verb.
pub fn adverb(word: &str) -> bool {
    matches!(
        word,
        "also"
            | "reportedly"
            | "allegedly"
            | "already"
            | "again"
            | "still"
            | "just"
            | "recently"
            | "repeatedly"
            | "then"
            | "later"
            | "now"
            | "once"
            | "further"
            | "formally"
            | "officially"
            | "jointly"
            | "immediately"
            | "reportedly,"
            | "himself"
            | "herself"
            | "itself"
            | "themselves"
    ) || (word.ends_with("ly") && word.len() > 4)
}
