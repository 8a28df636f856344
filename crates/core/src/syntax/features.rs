//! What the tagger and the parser know about a word, hashed once per word (see `text::hash`).

use crate::text::hash::{FNV_OFFSET, fnv_char, mix};

/// Hashed properties of one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct WordInfo {
    /// Lower case, digits as 0, typographic quotes and dashes as ASCII.
    pub form: u64,
    /// Character classes (X x d, other characters as themselves), runs cut at three.
    pub shape: u64,
    pub prefix1: u64,
    pub suffix1: u64,
    pub suffix2: u64,
    pub suffix3: u64,
    pub suffix4: u64,
}

/// Stands for a position before the sentence, after it, or the parser's root.
pub(crate) const fn pad(k: u64) -> WordInfo {
    WordInfo {
        form: k,
        shape: k,
        prefix1: k,
        suffix1: k,
        suffix2: k,
        suffix3: k,
        suffix4: k,
    }
}

fn normal(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' => '-',
        c if c.is_numeric() => '0',
        c => c,
    }
}

fn class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_alphabetic() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        normal(c)
    }
}

/// Reusable buffer, so analysing words allocates nothing once warm.
#[derive(Default)]
pub(crate) struct Analyzer {
    chars: Vec<char>,
}

impl Analyzer {
    pub fn analyze(&mut self, word: &str) -> WordInfo {
        self.chars.clear();
        let mut shape = FNV_OFFSET;
        let (mut last, mut run) = ('\0', 0);
        for c in word.chars().take(48) {
            let k = class(c);
            run = if k == last { run + 1 } else { 1 };
            last = k;
            if run <= 3 {
                shape = fnv_char(shape, k);
            }
            self.chars.extend(normal(c).to_lowercase());
        }
        let mut form = FNV_OFFSET;
        for &c in &self.chars {
            form = fnv_char(form, c);
        }
        let n = self.chars.len();
        let mut suffix = [FNV_OFFSET; 4];
        let mut h = FNV_OFFSET;
        for (k, s) in suffix.iter_mut().enumerate() {
            if k < n {
                h = fnv_char(h, self.chars[n - 1 - k]);
            }
            *s = mix(h, k as u64);
        }
        let prefix1 = self.chars.first().map_or(0, |&c| fnv_char(FNV_OFFSET, c));
        WordInfo {
            form,
            shape,
            prefix1,
            suffix1: suffix[0],
            suffix2: suffix[1],
            suffix3: suffix[2],
            suffix4: suffix[3],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_fold_case_digits_and_typography() {
        let mut a = Analyzer::default();
        assert_eq!(a.analyze("Said").form, a.analyze("SAID").form);
        assert_eq!(a.analyze("1996").form, a.analyze("2024").form);
        assert_eq!(a.analyze("don’t").form, a.analyze("don't").form);
        assert_ne!(a.analyze("Said").shape, a.analyze("SAID").shape);
        assert_ne!(a.analyze("said").form, a.analyze("sad").form);
    }
}
