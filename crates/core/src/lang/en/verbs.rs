//! English verbs: the one inflection routine (base form to third person, past and gerund), and
//! verb lists read from `data/lang/en/`, each known in all its forms.
//!
//! A list's line is a base form (`warn`: warn, warns, warned, warning), or a base form with its
//! forms in braces where the rules would be wrong (`say {said says saying}`, `beg {begged begs
//! begging}`): then the base and exactly those forms. This is the convention of PETRARCH's verb
//! dictionary, which `events::verbs` reads with the same routine.

use std::collections::HashMap;
use std::sync::LazyLock;

/// How a verb form relates to its base form: the passive and the tense need to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Base,
    Third,
    Past,
    Gerund,
}

/// The regular third person, past and gerund of `base` (lower case). Consonant doubling
/// depends on stress, which spelling does not show ("admitted" but "visited"): lists give those
/// forms in braces.
pub fn regular_forms(base: &str) -> [(String, FormKind); 3] {
    let consonant_y = base.ends_with('y') && !ends_with_vowel_y(base);
    let stem = || &base[..base.len() - 1];
    let third = if consonant_y {
        format!("{}ies", stem())
    } else if ["s", "x", "z", "ch", "sh", "o"]
        .iter()
        .any(|s| base.ends_with(s))
    {
        format!("{base}es")
    } else {
        format!("{base}s")
    };
    let past = if base.ends_with('e') {
        format!("{base}d")
    } else if consonant_y {
        format!("{}ied", stem())
    } else {
        format!("{base}ed")
    };
    let gerund = if base.ends_with('e') && !base.ends_with("ee") && base.len() > 2 {
        format!("{}ing", stem())
    } else {
        format!("{base}ing")
    };
    [
        (third, FormKind::Third),
        (past, FormKind::Past),
        (gerund, FormKind::Gerund),
    ]
}

fn ends_with_vowel_y(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.len() >= 2 && matches!(bytes[bytes.len() - 2], b'a' | b'e' | b'o' | b'u')
}

/// The kind of an irregular `form` of `base`, guessed from its ending.
pub fn kind_of(form: &str, base: &str) -> FormKind {
    if form == base {
        FormKind::Base
    } else if form.ends_with("ing") {
        FormKind::Gerund
    } else if form.ends_with('s') && !form.ends_with("ss") {
        FormKind::Third
    } else {
        FormKind::Past
    }
}

/// A list of verbs, every form of each mapped to its base form.
#[derive(Debug, Default)]
pub struct VerbList {
    base_of: HashMap<String, &'static str>,
}

impl VerbList {
    /// Reads a list (see the module's comment); `#` starts a comment.
    pub fn parse(text: &'static str) -> VerbList {
        let mut list = VerbList::default();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            let (base, listed) = match line.split_once('{') {
                Some((base, rest)) => (base.trim(), Some(rest.trim_end_matches('}'))),
                None => (line, None),
            };
            if base.is_empty() {
                continue;
            }
            list.base_of.insert(base.to_string(), base);
            match listed {
                Some(forms) => {
                    for form in forms.split_whitespace() {
                        list.base_of.insert(form.to_string(), base);
                    }
                }
                None => {
                    for (form, _) in regular_forms(base) {
                        list.base_of.insert(form, base);
                    }
                }
            }
        }
        list
    }

    /// The base form of `word` (lower case) if it is a form of a listed verb.
    pub fn base_of(&self, word: &str) -> Option<&'static str> {
        self.base_of.get(word).copied()
    }

    /// Whether `word` (lower case) is a listed verb's base form.
    pub fn is_base(&self, word: &str) -> bool {
        self.base_of(word) == Some(word)
    }
}

static SPEECH: LazyLock<VerbList> =
    LazyLock::new(|| VerbList::parse(include_str!("../../../../../data/lang/en/speech-verbs.txt")));

/// Reporting verbs: the verbs that introduce speech ("said", "told", "warned").
pub fn speech_verbs() -> &'static VerbList {
    &SPEECH
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_inflection() {
        let forms = |b: &str| regular_forms(b).map(|(f, _)| f);
        assert_eq!(forms("warn"), ["warns", "warned", "warning"]);
        assert_eq!(forms("state"), ["states", "stated", "stating"]);
        assert_eq!(forms("deny"), ["denies", "denied", "denying"]);
        assert_eq!(forms("stress"), ["stresses", "stressed", "stressing"]);
        assert_eq!(forms("agree"), ["agrees", "agreed", "agreeing"]);
        assert_eq!(forms("convey"), ["conveys", "conveyed", "conveying"]);
    }

    #[test]
    fn lists_know_every_form_and_braces_replace_the_rules() {
        let list = VerbList::parse("warn\nsay {said says saying}  # irregular\n\nbeg {begged}\n");
        assert_eq!(list.base_of("warned"), Some("warn"));
        assert_eq!(list.base_of("said"), Some("say"));
        assert_eq!(list.base_of("say"), Some("say"));
        assert_eq!(list.base_of("sayed"), None);
        assert_eq!(list.base_of("beged"), None);
        assert!(list.is_base("beg") && !list.is_base("begged"));
        assert!(speech_verbs().base_of("testified").is_some());
        assert!(speech_verbs().base_of("according").is_some());
    }
}
