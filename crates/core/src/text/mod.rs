//! Text units: language, sentences, words, and the folded form used for matching.

pub mod hash;
mod language;
mod sentences;
pub mod spans;

pub use language::{Language, detect_language};
pub use sentences::{Sentences, split_sentences};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
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

/// Typographic apostrophes as the ASCII one (`’` → `'`), other characters as they are.
pub fn ascii_apostrophe(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        c => c,
    }
}

/// The form of `s` used to compare names: lower case, accents and marks removed, a few letters
/// that have no decomposition spelled out (`Daşkəsən` → `daskasan`, `Łódź` → `lodz`). The text
/// itself is never rewritten with this; it only serves as a key.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ə' | 'Ə' => out.push('a'),
            'ı' => out.push('i'),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            'ħ' | 'Ħ' => out.push('h'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ß' => out.push_str("ss"),
            'þ' | 'Þ' => out.push_str("th"),
            // Typographic apostrophes and dashes compare equal to their ASCII forms.
            '\u{2010}'..='\u{2015}' => out.push('-'),
            c => out.extend(ascii_apostrophe(c).to_lowercase()),
        }
    }
    out
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
