//! Text from articles and file names made safe to show on a terminal. A title with ESC can
//! recolour or clear the screen, a newline forges an extra table row or error line, a
//! right-to-left override (U+202E) shows text reversed; JSON and CSV output keep text exact.

use std::borrow::Cow;
use std::fmt::Write as _;

/// A table cell: one line, with no character the terminal would act on. Line breaks and tabs
/// become a space (the text reads on); any other control shows as an escape (`\u{1b}`).
pub fn cell(text: &str) -> Cow<'_, str> {
    replace_hidden(text, |c, out| {
        if breaks_line_or_tabs(c) {
            out.push(' ');
        } else {
            let _ = write!(out, "{}", c.escape_unicode());
        }
    })
}

/// A file name or message for one line on stderr: control characters escaped as in Rust
/// (`\n`, `\t`, `\u{1b}`); a name without any prints as it is.
pub fn escaped(text: &str) -> Cow<'_, str> {
    replace_hidden(text, |c, out| match c {
        '\n' => out.push_str("\\n"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        _ => {
            let _ = write!(out, "{}", c.escape_unicode());
        }
    })
}

/// `text` with each hidden character replaced by what `show` writes; borrowed when none.
fn replace_hidden(text: &str, show: impl Fn(char, &mut String)) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_hidden(c) {
            show(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Characters a terminal acts on rather than shows: C0 and C1 controls and DEL, line and
/// paragraph separators, and the bidirectional marks, embeddings, overrides and isolates.
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        || matches!(c, '\u{2028}' | '\u{2029}')
}

fn breaks_line_or_tabs(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

#[cfg(test)]
mod tests {
    use super::{cell, escaped};

    #[test]
    fn cells_show_controls_and_keep_one_line() {
        assert_eq!(cell("Plain title, é ü 東京"), "Plain title, é ü 東京");
        assert!(matches!(cell("plain"), std::borrow::Cow::Borrowed(_)));
        assert_eq!(cell("a\nb\tc\r\nd"), "a b c  d");
        assert_eq!(cell("\u{1b}[31mred\u{1b}[0m"), "\\u{1b}[31mred\\u{1b}[0m");
        assert_eq!(cell("x\u{9b}y\u{7f}z\u{0}"), "x\\u{9b}y\\u{7f}z\\u{0}");
        assert_eq!(cell("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(
            cell("a\u{2066}b\u{2069}\u{2028}c"),
            "a\\u{2066}b\\u{2069} c"
        );
    }

    #[test]
    fn names_escape_controls_as_rust_does_and_leave_the_rest() {
        assert_eq!(escaped("data/story one.txt"), "data/story one.txt");
        assert_eq!(
            escaped("bad\nname\t\u{1b}[2J.txt"),
            "bad\\nname\\t\\u{1b}[2J.txt"
        );
        assert_eq!(escaped("x\u{202e}txt.exe"), "x\\u{202e}txt.exe");
        assert_eq!(escaped("nul\u{0}"), "nul\\u{0}");
        assert_eq!(escaped("C1\u{85}"), "C1\\u{85}");
    }
}
