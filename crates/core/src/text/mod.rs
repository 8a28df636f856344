//! Text units: language, sentences, words, and the folded form used for matching.

mod fold;
pub mod hash;
mod language;
mod sentences;
pub mod spans;

pub use fold::{ascii_form, fold};
pub use language::{Language, detect_language};
pub use sentences::{Sentences, split_sentences};

use unicode_segmentation::UnicodeSegmentation;

/// The words of `s` (UAX #29 word boundaries, punctuation dropped) with their byte offsets.
pub fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.unicode_word_indices()
}

/// Whether a single line break between `previous` and `next` only wraps running text (the
/// line before stops mid-sentence and the next goes on in lower case), rather than ending a
/// paragraph.
pub fn line_continues(previous: &str, next: &str) -> bool {
    let last = previous.chars().next_back().unwrap_or('.');
    let first = next.chars().next().unwrap_or('A');
    (last.is_alphanumeric() || matches!(last, ',' | ';' | '-' | '(')) && first.is_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_removes_accents_and_case() {
        assert_eq!(fold("Dashkesán"), "dashkesan");
        assert_eq!(fold("Kəlbəcər"), "kalbacar");
        assert_eq!(fold("Łódź Ærø"), "lodz aero");
        assert_eq!(fold("Tuesday’s"), "tuesday's");
    }

    #[test]
    fn words_have_offsets() {
        let w: Vec<_> = words("Ned Price, in a statement.").collect();
        assert_eq!(w[0], (0, "Ned"));
        assert_eq!(w[1], (4, "Price"));
        assert_eq!(w.last(), Some(&(16, "statement")));
    }
}
