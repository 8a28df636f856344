//! Deciding whether one unknown token is two words glued together, and where.
//!
//! Hand-written rather than a general segmenter (instant-segment, wordninja-style dynamic
//! programming): those always return their most probable segmentation and so shred every
//! unknown name into dictionary pieces (`Hakobyan` → `ha ko byan`). News is full of unknown
//! names; a glued word is rare. So this only considers *two*-way splits of tokens the word
//! model does not know, and accepts one only on one of these kinds of evidence:
//!
//! - **document name**: the left part is a name the document writes on its own elsewhere,
//!   rare as an English word or never written in lower case there (`Guterres|asked` when
//!   `Guterres` stands alone elsewhere);
//! - **name variant**: the left part differs by one letter from such a name, the usual
//!   transliteration drift (`Pashinyan|assured` beside `Pashinian`);
//! - **lost letters**: the left part is the start of such a name, a few letters short, and
//!   the seam is a letter sequence English words almost never contain (`Blink|called` beside
//!   `Blinken` → `Blinken called`);
//! - **improbable seam**: no document evidence, but both parts are known words, the right one
//!   common, and the seam again nearly absent inside English words (`Aliyev|to`: `evt`, `vto`);
//! - **lower-case pair**: an all-lower-case token made of a common word and a function word
//!   (`region|which`), as lower-case unknown tokens are seldom names.

use crate::lang::en::WordModel;

/// Thresholds in zipf × 100 (zipf 4 ≈ once per 100,000 words). Chosen on clean news text so
/// that no split happens there (see `eval/src/repairs.rs`).
const MIN_TOKEN_LEN: usize = 6;
const MIN_LEFT_LEN: usize = 4;
/// A right part that is a word in its own right, not a name ending such as `-an`, `-son`.
const MIN_RIGHT_LEN_WITH_NAME: usize = 4;
const MIN_RIGHT_ZIPF: u16 = 400;
const MIN_RIGHT_ZIPF_AT_SEAM: u16 = 450;
/// Two-letter right parts (`to`, `in`, `us`, `el`…) end many foreign names; only the
/// commonest English ones count.
const MIN_TWO_LETTER_RIGHT_ZIPF: u16 = 650;
const MIN_LEFT_ZIPF_AT_SEAM: u16 = 200;
/// A name is rare as an English word; a common word capitalised elsewhere (`Light`) is no
/// evidence that `Lightcloud` is glued, unless the document never writes it in lower case
/// (`Trump`, `Putin`).
const MAX_NAME_ZIPF: u16 = 400;
/// How many common words may contain a seam trigram for the seam still to count as improbable.
const MAX_SEAM_TRIGRAM_COUNT: u32 = 5;
const MIN_LOWER_LEFT_ZIPF: u16 = 400;
/// Zipf 6.2 and above is function words (`which`, `an`, `to`, `of`…), not compound parts.
const MIN_LOWER_RIGHT_ZIPF: u16 = 620;
const MAX_LOST_LETTERS: usize = 3;
const MIN_VARIANT_LEN: usize = 6;

/// What the document itself says: the capitalised words it contains (folded form → the
/// spelling first seen).
pub trait NameEvidence {
    fn spelling(&self, folded: &str) -> Option<&str>;
    /// Whether the document also writes `word` (lower-case ASCII) in lower case, as a common
    /// word rather than a name.
    fn written_in_lower_case(&self, word: &str) -> bool;
    /// Names (folded, with their spelling) whose folded form starts with `prefix`.
    fn starting_with<'a>(
        &'a self,
        prefix: &'a str,
    ) -> Box<dyn Iterator<Item = (&'a str, &'a str)> + 'a>;
}

/// A decided split: `left` is the first word as it should be written (letters restored), the
/// right word starts at byte `right_start` of the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub left: String,
    pub right_start: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Evidence {
    Seam,
    Variant,
    LostLetters,
    DocumentName,
}

/// Whether `token` (ASCII letters, lower case or capitalised, unknown to `model`) is two glued
/// words, and how to split it.
pub fn split(token: &str, model: &WordModel, names: &dyn NameEvidence) -> Option<Split> {
    let bytes = token.as_bytes();
    if token.len() < MIN_TOKEN_LEN || !bytes.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let lower = token.to_ascii_lowercase();
    if !bytes[1..].iter().all(u8::is_ascii_lowercase) || model.knows(&lower) {
        return None;
    }
    if bytes[0].is_ascii_lowercase() {
        return split_lower(token, &lower, model);
    }
    let mut best: Option<(Evidence, u32, Split)> = None;
    for at in MIN_LEFT_LEN..=lower.len().saturating_sub(2) {
        let (left, right) = lower.split_at(at);
        let Some((evidence, restored)) = judge_capitalised(&lower, left, right, model, names)
        else {
            continue;
        };
        let score = u32::from(model.zipf(left)) + u32::from(model.zipf(right));
        if best
            .as_ref()
            .is_none_or(|(e, s, _)| (evidence, score) > (*e, *s))
        {
            let left = restored.unwrap_or_else(|| token[..at].to_string());
            best = Some((
                evidence,
                score,
                Split {
                    left,
                    right_start: at,
                },
            ));
        }
    }
    best.map(|(_, _, split)| split)
}

fn split_lower(token: &str, lower: &str, model: &WordModel) -> Option<Split> {
    (MIN_LEFT_LEN..=lower.len().saturating_sub(2))
        .filter(|&at| {
            model.zipf(&lower[..at]) >= MIN_LOWER_LEFT_ZIPF
                && model.zipf(&lower[at..]) >= MIN_LOWER_RIGHT_ZIPF
        })
        .max_by_key(|&at| model.zipf(&lower[..at]) + model.zipf(&lower[at..]))
        .map(|at| Split {
            left: token[..at].to_string(),
            right_start: at,
        })
}

fn judge_capitalised(
    whole: &str,
    left: &str,
    right: &str,
    model: &WordModel,
    names: &dyn NameEvidence,
) -> Option<(Evidence, Option<String>)> {
    let right_zipf = model.zipf(right);
    if right_zipf < MIN_RIGHT_ZIPF {
        return None;
    }
    let left_zipf = model.zipf(left);
    let word_right = right.len() >= MIN_RIGHT_LEN_WITH_NAME;
    let rare_seam = seam_is_improbable(whole, left.len(), model);
    if word_right
        && names.spelling(left).is_some()
        && (left_zipf < MAX_NAME_ZIPF || !names.written_in_lower_case(left))
    {
        return Some((Evidence::DocumentName, None));
    }
    if word_right
        && rare_seam
        && right_zipf >= MIN_RIGHT_ZIPF_AT_SEAM
        && let Some(name) = longer_name(whole, left, model, names)
    {
        return Some((Evidence::LostLetters, Some(name)));
    }
    if word_right && left.len() >= MIN_VARIANT_LEN && has_one_letter_variant(whole, left, names) {
        return Some((Evidence::Variant, None));
    }
    let right_ok = if right.len() > 2 {
        right_zipf >= MIN_RIGHT_ZIPF_AT_SEAM
    } else {
        right_zipf >= MIN_TWO_LETTER_RIGHT_ZIPF
    };
    if rare_seam && right_ok && left_zipf >= MIN_LEFT_ZIPF_AT_SEAM {
        return Some((Evidence::Seam, None));
    }
    None
}

/// Both trigrams across the seam are (nearly) absent from English words.
fn seam_is_improbable(whole: &str, at: usize, model: &WordModel) -> bool {
    let b = whole.as_bytes();
    at >= 2
        && at + 1 < b.len()
        && model.trigram_count(&b[at - 2..=at]) <= MAX_SEAM_TRIGRAM_COUNT
        && model.trigram_count(&b[at - 1..=at + 1]) <= MAX_SEAM_TRIGRAM_COUNT
}

/// The document's spelling of a name that starts with `left` and has a few letters more.
fn longer_name(
    whole: &str,
    left: &str,
    model: &WordModel,
    names: &dyn NameEvidence,
) -> Option<String> {
    names
        .starting_with(left)
        .filter(|(folded, _)| {
            let extra = folded.len().saturating_sub(left.len());
            (1..=MAX_LOST_LETTERS).contains(&extra)
                && *folded != whole
                && model.zipf(folded) < MAX_NAME_ZIPF
        })
        .map(|(_, spelling)| spelling.to_string())
        .min()
}

/// A document name of the same length as `left` that differs from it in exactly one letter.
fn has_one_letter_variant(whole: &str, left: &str, names: &dyn NameEvidence) -> bool {
    let first = &left[..1];
    names.starting_with(first).any(|(folded, _)| {
        folded.len() == left.len()
            && folded != whole
            && folded
                .bytes()
                .zip(left.bytes())
                .filter(|(a, b)| a != b)
                .count()
                == 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    struct Names(BTreeMap<String, String>);

    impl Names {
        fn of(words: &[&str]) -> Names {
            Names(
                words
                    .iter()
                    .map(|w| (crate::text::fold(w), w.to_string()))
                    .collect(),
            )
        }
    }

    impl NameEvidence for Names {
        fn spelling(&self, folded: &str) -> Option<&str> {
            self.0.get(folded).map(String::as_str)
        }
        fn written_in_lower_case(&self, word: &str) -> bool {
            self.0.values().any(|w| w == word)
        }
        fn starting_with<'a>(
            &'a self,
            prefix: &'a str,
        ) -> Box<dyn Iterator<Item = (&'a str, &'a str)> + 'a> {
            Box::new(
                self.0
                    .range(prefix.to_string()..)
                    .take_while(move |(k, _)| k.starts_with(prefix))
                    .map(|(k, v)| (k.as_str(), v.as_str())),
            )
        }
    }

    fn apply(token: &str, names: &[&str]) -> String {
        match split(token, crate::lang::en::words(), &Names::of(names)) {
            Some(s) => format!("{} {}", s.left, &token[s.right_start..]),
            None => token.to_string(),
        }
    }

    #[test]
    fn splits_a_name_the_document_attests() {
        assert_eq!(apply("Zelenskyysaid", &["Zelenskyy"]), "Zelenskyy said");
        assert_eq!(
            apply("Stoltenbergwarned", &["Stoltenberg"]),
            "Stoltenberg warned"
        );
        // A common word is a name when the document only ever capitalises it.
        assert_eq!(apply("Trumpwrote", &["Trump"]), "Trump wrote");
        assert_eq!(apply("Brightwrote", &["Bright", "bright"]), "Brightwrote");
    }

    #[test]
    fn restores_letters_lost_at_the_seam_from_the_document() {
        assert_eq!(apply("Erdogcalled", &["Erdogan"]), "Erdogan called");
    }

    #[test]
    fn splits_lower_case_word_and_function_word() {
        assert_eq!(apply("villagewhich", &[]), "village which");
        assert_eq!(apply("governmentwhich", &[]), "government which");
    }

    #[test]
    fn keeps_unknown_names_and_real_words_whole() {
        for word in [
            "Hakobyan",
            "Tshisekedi",
            "Kurdistan",
            "Mirziyoyev",
            "Ouagadougou",
            "Zaporizhzhia",
            "peacekeeping",
        ] {
            assert_eq!(apply(word, &[]), word, "{word}");
        }
        // A name that merely starts with a document name is not glued to a name ending.
        assert_eq!(apply("Johnsonian", &["Johnson"]), "Johnsonian");
    }

    #[test]
    fn leaves_internal_capitals_and_short_tokens() {
        assert_eq!(apply("YouTubesaid", &["YouTube"]), "YouTubesaid");
        assert_eq!(apply("Obama", &[]), "Obama");
    }
}
