//! Cue words: the reporting verbs that introduce speech (listed in `lang::en`), and the small
//! words met between a speaker and the verb. Lower case.

use crate::lang::en::speech_verbs;

/// Whether `word` is a reporting verb. Capitalised words are names ("State Department"), not
/// verbs, except "According" opening a sentence.
pub fn is_cue(word: &str) -> bool {
    if word.len() < 3
        || word.len() > 14
        || (word.chars().any(char::is_uppercase) && word != "According")
    {
        return false;
    }
    speech_verbs().base_of(&word.to_ascii_lowercase()).is_some()
}

/// Whether a cue (lower case) is a finite verb: past tense or a third person form that is no
/// plural noun ("said", "stressed", "says"), so that a clause's subject stands before it.
pub fn is_finite(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w.ends_with("ed")
        || matches!(
            w.as_str(),
            "said"
                | "says"
                | "told"
                | "tells"
                | "wrote"
                | "writes"
                | "adds"
                | "argues"
                | "insists"
                | "warns"
                | "explains"
                | "spoke"
        )
}

/// Words of a time phrase met between a speaker and the cue ("on Monday", "last week").
pub fn is_time_word(word: &str) -> bool {
    crate::lang::en::quote_time_words().contains(&word.to_ascii_lowercase().as_str())
}

/// Whether `word` (lower case) is the bare stem of a cue ("state", "call"), which right after a
/// quote is a noun rather than an inverted verb.
pub fn is_bare_stem(word: &str) -> bool {
    word != "say" && speech_verbs().is_base(word)
}

/// Cue stems that take a speaker only with a particle after them ("pointed out",
/// "according to"): alone they are ordinary verbs.
pub fn needs_particle(word: &str) -> Option<&'static str> {
    match word.to_ascii_lowercase().as_str() {
        "point" | "points" | "pointed" | "pointing" => Some("out"),
        "according" => Some("to"),
        _ => None,
    }
}

/// Personal pronouns that can be the subject of a cue, and the kind of referent they want.
pub fn pronoun(word: &str) -> Option<Pronoun> {
    match word.to_ascii_lowercase().as_str() {
        "he" | "him" | "she" | "her" | "his" => Some(Pronoun::Person),
        "it" | "its" => Some(Pronoun::Thing),
        "they" | "them" => Some(Pronoun::Plural),
        "who" | "which" => Some(Pronoun::Relative),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    Person,
    Thing,
    Plural,
    Relative,
}

/// Words allowed between a speaker and its cue ("Blinken himself already said", "X has also
/// told"). Reflexives, auxiliaries, adverbs of time and manner.
pub fn is_filler(word: &str) -> bool {
    crate::lang::en::quote_fillers().contains(&word.to_ascii_lowercase().as_str())
}
