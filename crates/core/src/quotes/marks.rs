//! Quoted stretches of text: every quotation-mark style news uses, and quotes that run on over
//! paragraphs (the convention of leaving the paragraph open and re-opening the next one).
//!
//! Hand-written: no crate pairs typographic quotes with the apostrophe and paragraph rules
//! news needs, and a single linear scan is all it takes.

/// One quotation: the content between the marks (marks excluded), as byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quoted {
    /// Offset of the opening mark.
    pub open: usize,
    /// Content `[start, end)`, trimmed of surrounding space.
    pub start: usize,
    pub end: usize,
    /// Offset just after the closing mark (or the content end when the quote was left open).
    pub close_end: usize,
    /// Whether the quote ran on over a paragraph break.
    pub spans_paragraphs: bool,
}

/// The marks that may close a quote opened by `open`.
fn closes(open: char, c: char) -> bool {
    match open {
        '“' => c == '”',
        '„' => c == '“' || c == '”',
        '«' => c == '»',
        '‘' => c == '’',
        '‚' => c == '‘' || c == '’',
        '"' => c == '"',
        _ => false,
    }
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// Whether `c` at this place opens a quote. Straight and single marks are ambiguous (inches,
/// apostrophes), so they open only before a word and after a non-word.
fn opens(c: char, before: Option<char>, after: Option<char>) -> bool {
    match c {
        '“' | '„' | '«' => after.is_some_and(|a| !a.is_whitespace() || c == '«'),
        '‘' | '‚' | '"' => !is_word(before) && after.is_some_and(|a| !a.is_whitespace()),
        _ => false,
    }
}

/// Whether `c` at this place closes a quote opened by `open`: a closing single mark followed by
/// a letter is an apostrophe ("Tuesday’s"), not a close.
fn closes_here(open: char, c: char, after: Option<char>) -> bool {
    // Typed text mixes curly and straight marks (“…," he said); a mark followed by no word
    // closes what the other style opened, and so does a mistyped opening mark (“…,“ he said).
    let ends_word = !is_word(after);
    if matches!((open, c), ('“', '"') | ('"', '”') | ('“', '“')) && ends_word {
        return true;
    }
    if !closes(open, c) {
        return false;
    }
    match c {
        '’' | '‘' => !is_word(after),
        _ => true,
    }
}

const OPENERS: &[char] = &['“', '„', '«', '‘', '‚', '"'];

/// Every top-level quotation in `text`, in order. Nested quotes stay inside their outer one.
pub fn find_quoted(text: &str) -> Vec<Quoted> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut before: Option<char> = None;
    // (opening mark, offset of the mark, content start, ran over a paragraph)
    let mut inside: Option<(char, usize, usize, bool)> = None;
    while let Some((i, c)) = chars.next() {
        let after = chars.peek().map(|&(_, a)| a);
        match inside {
            None => {
                if opens(c, before, after) {
                    inside = Some((c, i, i + c.len_utf8(), false));
                }
            }
            Some((open, at, start, over)) => {
                if closes_here(open, c, after) {
                    push(&mut out, text, at, start, i, i + c.len_utf8(), over);
                    inside = None;
                } else if c == '\n' {
                    // A quote never crosses a paragraph unless the next one re-opens it.
                    let rest = &text[i..];
                    let next = rest.trim_start();
                    let next_at = i + rest.len() - next.len();
                    let next_char = next.chars().next();
                    let line = text[start..i].rsplit('\n').next().unwrap_or("");
                    if next_char.is_some_and(|n| OPENERS.contains(&n)) {
                        // Skip the re-opening mark; the quote goes on.
                        while chars.peek().is_some_and(|&(j, _)| j <= next_at) {
                            chars.next();
                        }
                        inside = Some((open, at, start, true));
                        before = next_char;
                        continue;
                    } else if crate::text::line_continues(line.trim_end(), next) {
                        // A wrapped line inside one paragraph.
                    } else {
                        push(&mut out, text, at, start, i, i, over);
                        inside = None;
                    }
                }
            }
        }
        before = Some(c);
    }
    if let Some((_, at, start, over)) = inside {
        push(&mut out, text, at, start, text.len(), text.len(), over);
    }
    out
}

fn push(
    out: &mut Vec<Quoted>,
    text: &str,
    open: usize,
    start: usize,
    end: usize,
    close_end: usize,
    over: bool,
) {
    let content = &text[start..end];
    let trimmed_start = start + (content.len() - content.trim_start().len());
    let trimmed_end = start + content.trim_end().len();
    if trimmed_end > trimmed_start && content.chars().any(char::is_alphanumeric) {
        out.push(Quoted {
            open,
            start: trimmed_start,
            end: trimmed_end,
            close_end,
            spans_paragraphs: over,
        });
    }
}
