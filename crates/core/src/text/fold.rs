//! The folded form of text used to compare names. Self-contained (the crate's build script
//! includes it to key the gazetteer the way the geo stage looks names up).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Typographic apostrophes and hyphens inside words as their ASCII forms (`’` → `'`, the
/// non-breaking hyphen → `-`), other characters as they are.
pub fn ascii_form(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        '\u{2010}' | '\u{2011}' => '-',
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
            c => out.extend(ascii_form(c).to_lowercase()),
        }
    }
    out
}
