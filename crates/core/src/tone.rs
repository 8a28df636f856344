//! Tone: how positive and how negative an article's words are, measured as GDELT measures it
//! (share of all words), with the AFINN-165 word list (Finn Årup Nielsen, ODbL 1.0; see
//! `data/tone/README.md`) in place of GDELT's proprietary lexicons.
//!
//! A word (or one of AFINN's 30 short phrases, "does not work") scored above zero is positive,
//! below zero negative. `positive` and `negative` are their shares of all words, in percent;
//! the score is `positive - negative` (GDELT's Tone); the polarity their sum.

use crate::document::Document;
use crate::record::Tone;
use crate::stage::Stage;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Word (or phrase) → AFINN score, −5 … +5.
static AFINN: LazyLock<HashMap<&'static str, i8>> = LazyLock::new(|| {
    include_str!("../../../data/tone/AFINN-en-165.txt")
        .lines()
        .filter_map(|line| {
            let (word, score) = line.rsplit_once('\t')?;
            Some((word, score.trim().parse().ok()?))
        })
        .collect()
});

/// The first words of AFINN's phrases ("does" of "does not work"): only after one of these is
/// a phrase looked up, so most words cost one lookup.
static PHRASE_STARTS: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    AFINN
        .keys()
        .filter(|k| k.contains(' '))
        .filter_map(|k| k.split(' ').next())
        .collect()
});

/// The longest AFINN phrase, in words.
const LONGEST_PHRASE: usize = 3;

/// GDELT's tone measures of one text.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ToneMeasures {
    /// `positive - negative`.
    pub tone: f32,
    /// Percent of words with a positive score.
    pub positive: f32,
    /// Percent of words with a negative score.
    pub negative: f32,
    /// `positive + negative`.
    pub polarity: f32,
    /// Percent of words that are first-person pronouns.
    pub self_group: f32,
    pub words: usize,
}

/// Measures `text`'s tone.
pub fn measure(text: &str) -> ToneMeasures {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .map(|w| w.trim_matches(|c: char| c == '\'' || c == '’' || c == '-'))
        .map(|w| {
            if w.contains('’') {
                w.replace('’', "'").to_lowercase()
            } else {
                w.to_lowercase()
            }
        })
        .filter(|w| !w.is_empty())
        .collect();
    let (mut positive, mut negative, mut own) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < words.len() {
        if crate::lang::en::self_or_group().contains(&words[i].as_str()) {
            own += 1;
        }
        // Longest phrase first: "does not work" is one negative phrase, not three words.
        let phrase = PHRASE_STARTS.contains(words[i].as_str()).then(|| {
            (2..=LONGEST_PHRASE.min(words.len() - i))
                .rev()
                .find_map(|n| {
                    AFINN
                        .get(words[i..i + n].join(" ").as_str())
                        .map(|&score| (n, score))
                })
        });
        let found = phrase
            .flatten()
            .or_else(|| AFINN.get(words[i].as_str()).map(|&score| (1, score)));
        match found {
            Some((n, score)) => {
                if score > 0 {
                    positive += n;
                } else if score < 0 {
                    negative += n;
                }
                i += n;
            }
            None => i += 1,
        }
    }
    let share = |n: usize| {
        if words.is_empty() {
            0.0
        } else {
            (n as f64 * 100.0 / words.len() as f64) as f32
        }
    };
    let (positive, negative) = (share(positive), share(negative));
    ToneMeasures {
        tone: positive - negative,
        positive,
        negative,
        polarity: positive + negative,
        self_group: share(own),
        words: words.len(),
    }
}

/// The pipeline stage: `record.tone` from the clean text.
pub struct Tones;

impl Stage for Tones {
    fn name(&self) -> &'static str {
        "tone"
    }

    fn preloads(&self) -> &'static [fn()] {
        &[preload]
    }

    fn run(&self, doc: &mut Document) {
        if doc.record.text.trim().is_empty() {
            return;
        }
        let m = measure(&doc.record.text);
        doc.record.tone = Some(Tone {
            score: m.tone,
            positive: m.positive,
            negative: m.negative,
        });
    }
}

/// Loads this module's tables ahead of first use (see `Stage::preloads`).
pub(crate) fn preload() {
    LazyLock::force(&AFINN);
    LazyLock::force(&PHRASE_STARTS);
}

#[cfg(test)]
mod tests {
    use super::measure;

    #[test]
    fn shares_of_positive_and_negative_words() {
        // "killed" −3, "attack" −1, "no" −1, "good" +3; 11 words.
        let m = measure("Troops killed ten people in an attack, a good day? No.");
        assert_eq!(m.words, 11);
        assert!((m.negative - 300.0 / 11.0).abs() < 1e-3, "{m:?}");
        assert!((m.positive - 100.0 / 11.0).abs() < 1e-3, "{m:?}");
        assert!((m.tone - (m.positive - m.negative)).abs() < 1e-6);
        assert!((m.polarity - (m.positive + m.negative)).abs() < 1e-6);
    }

    #[test]
    fn phrases_count_once_and_pronouns_are_self_reference() {
        let m = measure("We said it does not work.");
        assert_eq!(m.words, 6);
        assert!((m.negative - 300.0 / 6.0).abs() < 1e-3, "{m:?}");
        assert!((m.self_group - 100.0 / 6.0).abs() < 1e-3);
        assert_eq!(measure("").words, 0);
        assert_eq!(measure("   ").tone, 0.0);
    }
}
