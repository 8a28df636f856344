//! The reporting verbs that introduce speech, and the small words met between a speaker and
//! the verb. Lower case.

/// Reporting verbs in every form news uses them in ("said", "says", "saying", "told").
/// Multi-word cues are found by their first word ("pointed [out]", "according [to]").
const CUE_STEMS: &[&str] = &[
    "say",
    "tell",
    "state",
    "stress",
    "declare",
    "denounce",
    "call",
    "ask",
    "add",
    "warn",
    "note",
    "explain",
    "insist",
    "argue",
    "claim",
    "announce",
    "report",
    "write",
    "tweet",
    "post",
    "continue",
    "acknowledge",
    "admit",
    "assure",
    "detail",
    "point",
    "affirm",
    "emphasize",
    "emphasise",
    "underline",
    "indicate",
    "recall",
    "reply",
    "respond",
    "answer",
    "urge",
    "confirm",
    "deny",
    "suggest",
    "complain",
    "predict",
    "promise",
    "vow",
    "concede",
    "remark",
    "observe",
    "comment",
    "assert",
    "maintain",
    "contend",
    "charge",
    "accuse",
    "describe",
    "quip",
    "joke",
    "exclaim",
    "shout",
    "cry",
    "demand",
    "lament",
    "express",
    "reiterate",
    "underscore",
    "highlight",
    "signal",
    "clarify",
    "specify",
    "mention",
    "recount",
    "conclude",
    "caution",
    "boast",
    "brag",
    "scoff",
    "retort",
    "counter",
    "testify",
    "disclose",
    "reveal",
    "proclaim",
    "pledge",
    "plead",
    "beg",
    "cite",
    "quote",
    "mutter",
    "whisper",
    "yell",
    "scream",
    "sigh",
    "laugh",
    "question",
    "wonder",
    "estimate",
    "condemn",
    "criticize",
    "criticise",
    "blast",
    "slam",
    "praise",
    "thank",
    "welcome",
    "tout",
    "dismiss",
    "reject",
    "label",
    "brand",
    "dub",
    "term",
    "name",
    "propose",
    "interject",
    "chant",
    "bemoan",
    "decry",
    "boom",
    "demur",
    "muse",
    "opine",
    "allege",
    "hint",
    "threaten",
    "swear",
    "scold",
    "chide",
    "mock",
    "recommend",
    "advise",
    "refer",
    "rail",
    "protest",
];

/// Irregular forms the suffix rules below do not produce.
const IRREGULAR: &[&str] = &[
    "said",
    "says",
    "saying",
    "told",
    "tells",
    "telling",
    "wrote",
    "writes",
    "writing",
    "written",
    "according",
    "spoke",
    "spoken",
    "put",
    "cried",
    "cries",
    "replied",
    "replies",
    "denied",
    "denies",
    "testified",
    "testifies",
    "specified",
    "clarified",
    "quipped",
    "quips",
    "signalled",
    "signaled",
    "criticized",
    "criticised",
];

fn stem_forms(stem: &str, word: &str) -> bool {
    let base = stem.strip_suffix('e').unwrap_or(stem);
    word == stem
        || word
            .strip_prefix(stem)
            .is_some_and(|r| matches!(r, "s" | "es"))
        || word
            .strip_prefix(base)
            .is_some_and(|r| matches!(r, "ed" | "ing"))
}

/// Whether `word` is a reporting verb. Capitalised words are names ("State Department"), not
/// verbs, except "According" opening a sentence.
pub fn is_cue(word: &str) -> bool {
    if word.len() < 3
        || word.len() > 14
        || (word.chars().any(char::is_uppercase) && word != "According")
    {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    IRREGULAR.contains(&lower.as_str()) || CUE_STEMS.iter().any(|s| stem_forms(s, &lower))
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
    matches!(
        word.to_ascii_lowercase().as_str(),
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "today"
            | "yesterday"
            | "tonight"
            | "week"
            | "weekend"
            | "month"
            | "year"
            | "morning"
            | "afternoon"
            | "evening"
            | "night"
    )
}

/// Whether `word` (lower case) is the bare stem of a cue ("state", "call"), which right after a
/// quote is a noun rather than an inverted verb.
pub fn is_bare_stem(word: &str) -> bool {
    word != "say" && CUE_STEMS.contains(&word)
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
    matches!(
        word.to_ascii_lowercase().as_str(),
        "himself"
            | "herself"
            | "itself"
            | "themselves"
            | "also"
            | "has"
            | "have"
            | "had"
            | "was"
            | "is"
            | "were"
            | "are"
            | "already"
            | "then"
            | "later"
            | "again"
            | "once"
            | "further"
            | "publicly"
            | "repeatedly"
            | "previously"
            | "earlier"
            | "recently"
            | "too"
            | "quickly"
            | "simply"
            | "flatly"
            | "firmly"
            | "would"
            | "will"
            | "could"
            | "did"
            | "does"
            | "do"
            | "not"
            | "never"
            | "often"
            | "been"
            | "just"
            | "reportedly"
            | "allegedly"
            | "subsequently"
            | "finally"
            | "bluntly"
            | "angrily"
            | "jokingly"
            | "privately"
            | "separately"
            | "first"
            | "last"
    )
}
