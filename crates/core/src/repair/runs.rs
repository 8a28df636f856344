//! Runs of letters with their byte offsets: the only word boundaries the repair stage needs.
//!
//! Hand-written instead of `crate::text::words` (UAX #29) because this pass looks at every
//! letter of every English article and UAX #29 is several times slower; the stage only needs
//! maximal runs of alphabetic characters, and it inspects the neighbours itself.

/// Maximal runs of alphabetic characters in `text`, as `(start, run)`.
pub fn letter_runs(text: &str) -> LetterRuns<'_> {
    LetterRuns { text, at: 0 }
}

pub struct LetterRuns<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Iterator for LetterRuns<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<(usize, &'t str)> {
        let bytes = self.text.as_bytes();
        let mut start = None;
        while self.at < bytes.len() {
            let b = bytes[self.at];
            let (is_letter, width) = if b.is_ascii() {
                (b.is_ascii_alphabetic(), 1)
            } else {
                // `at` is always on a char boundary: it only advances by whole characters.
                let c = self.text[self.at..].chars().next().unwrap_or(' ');
                (c.is_alphabetic(), c.len_utf8())
            };
            match (is_letter, start) {
                (true, None) => start = Some(self.at),
                (false, Some(s)) => return Some((s, &self.text[s..self.at])),
                _ => {}
            }
            self.at += width;
        }
        start.map(|s| (s, &self.text[s..]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_runs_with_offsets() {
        let runs: Vec<_> = letter_runs("Daşkəsən, don't 42abc–Zo").collect();
        assert_eq!(
            runs,
            [
                (0, "Daşkəsən"),
                (13, "don"),
                (17, "t"),
                (21, "abc"),
                (27, "Zo")
            ]
        );
        assert_eq!(letter_runs("").count(), 0);
        assert_eq!(letter_runs("123 !?").count(), 0);
    }
}
