//! Sentence splitting tuned for news.
//!
//! Hand-written because no maintained crate fits: UAX #29 sentence boundaries split after
//! "Mr." and "U.S.", `srx` drops LanguageTool's look-around rules, and `punkt` does not build on
//! stable (see shared/notes/rust-stack.md). The rules: a paragraph break always ends a sentence;
//! `.`, `!`, `?` (with any closing quotes or brackets) end one when followed by space and a
//! capital, digit or opening quote, unless the word before the period is an abbreviation, an
//! initial, or a dotted acronym that does not close the sentence.

use crate::document::Document;
use crate::record::Span;
use crate::stage::Stage;

pub struct Sentences;

impl Stage for Sentences {
    fn name(&self) -> &'static str {
        "sentences"
    }
    fn run(&self, doc: &mut Document) {
        doc.record.sentences = split_sentences(&doc.record.text);
    }
}

/// Sentence spans of `text`, covering every non-blank stretch, trimmed of surrounding space.
pub fn split_sentences(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    for (start, end) in paragraphs(text) {
        split_paragraph(text, start, end, &mut spans);
    }
    spans
}

/// Paragraph spans: separated by blank lines, or by a single line break when the line before
/// ends a sentence or the next one starts like a new paragraph.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None::<usize>;
    let mut last_end = 0;
    let bytes = text.as_bytes();
    let mut line_start = 0;
    while line_start <= text.len() {
        let line_end = memchr_newline(bytes, line_start).unwrap_or(text.len());
        let line = &text[line_start..line_end];
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some(s) = start.take() {
                out.push((s, last_end));
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            let this_start = line_start + lead;
            if let Some(s) = start {
                let prev = text[s..last_end].trim_end();
                if super::line_continues(prev, trimmed) {
                    // Same paragraph, wrapped line.
                } else {
                    out.push((s, last_end));
                    start = Some(this_start);
                }
            } else {
                start = Some(this_start);
            }
            last_end = line_start + line.trim_end().len();
        }
        if line_end == text.len() {
            break;
        }
        line_start = line_end + 1;
    }
    if let Some(s) = start {
        out.push((s, last_end));
    }
    out
}

fn memchr_newline(bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map(|i| from + i)
}

fn split_paragraph(text: &str, start: usize, end: usize, spans: &mut Vec<Span>) {
    let para = &text[start..end];
    let bytes = para.as_bytes();
    let mut sentence_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'.' || b == b'!' || b == b'?' {
            // Take the whole run of terminal punctuation and closing quotes or brackets.
            let mut j = i + 1;
            while j < bytes.len() {
                let rest = &para[j..];
                let c = rest.chars().next().unwrap();
                if matches!(
                    c,
                    '.' | '!' | '?' | '"' | '\'' | ')' | ']' | '”' | '’' | '»'
                ) {
                    j += c.len_utf8();
                } else {
                    break;
                }
            }
            if j < bytes.len() && is_boundary(para, i, j) {
                let s = start + sentence_start;
                spans.push([s, start + j]);
                // Skip the whitespace to the next sentence.
                let next = para[j..].len() - para[j..].trim_start().len();
                sentence_start = j + next;
                i = sentence_start;
                continue;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if sentence_start < para.len() {
        spans.push([start + sentence_start, end]);
    }
}

/// Whether the terminal punctuation at `para[dot..after]` ends a sentence.
fn is_boundary(para: &str, dot: usize, after: usize) -> bool {
    let rest = &para[after..];
    let Some(space) = rest.chars().next() else {
        return true;
    };
    if !space.is_whitespace() {
        return false;
    }
    let next_word = rest.trim_start();
    let Some(next) = next_word.chars().next() else {
        return true;
    };
    let opens = next.is_uppercase()
        || next.is_numeric()
        || matches!(next, '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '—' | '-');
    if !opens {
        return false;
    }
    if para.as_bytes()[dot] != b'.' || after > dot + 1 {
        // "!", "?" and a period followed by a closing quote always end the sentence.
        return true;
    }
    let before = &para[..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '‘'))
        .map_or(0, |p| p + before[p..].chars().next().unwrap().len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return true;
    }
    let next_token: &str = next_word
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    // Initials ("J. Smith") and dotted acronyms ("U.S.", "a.m.").
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    if word.contains('.') || (letters.len() == 1 && letters[0].is_uppercase()) {
        return crate::lang::en::sentence_starters().contains(&next_token);
    }
    let lower = word.to_lowercase();
    if crate::lang::en::abbreviations().contains(&lower.as_str()) {
        // "No. 5" and "Gen. Smith" continue; "... the company's co. The" is rare enough to miss.
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .iter()
            .map(|[s, e]| &text[*s..*e])
            .collect()
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(
            sentences("Fighting resumed. Dozens were killed! Why? Nobody knows."),
            vec![
                "Fighting resumed.",
                "Dozens were killed!",
                "Why?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_and_initials() {
        assert_eq!(
            sentences(
                "Mr. Pashinyan spoke to U.S. Secretary Blinken on Sept. 13. Gen. J. Smith agreed."
            ),
            vec![
                "Mr. Pashinyan spoke to U.S. Secretary Blinken on Sept. 13.",
                "Gen. J. Smith agreed."
            ]
        );
    }

    #[test]
    fn acronym_can_end_a_sentence() {
        assert_eq!(
            sentences("He flew to the U.S. The talks began."),
            vec!["He flew to the U.S.", "The talks began."]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        let text = "“The figure is not definitive.” He spoke. “It will end,” she said, “soon.”";
        assert_eq!(
            sentences(text),
            vec![
                "“The figure is not definitive.”",
                "He spoke.",
                "“It will end,” she said, “soon.”"
            ]
        );
        // A quote ending in a period and followed by a comma is one sentence.
        let text = "“We will press on.”, detailed the spokesman.";
        assert_eq!(sentences(text), vec![text]);
    }

    #[test]
    fn paragraph_breaks_end_sentences() {
        let text =
            "A headline without a period\n\nThe body starts here\nand wraps here.\nNext paragraph.";
        assert_eq!(
            sentences(text),
            vec![
                "A headline without a period",
                "The body starts here\nand wraps here.",
                "Next paragraph."
            ]
        );
    }

    #[test]
    fn spans_are_inside_text_and_on_char_boundaries() {
        let text = "  Éric dit « non ». Puis il part…   \n\n Ünal agreed. ";
        for [s, e] in split_sentences(text) {
            assert!(s < e && e <= text.len());
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            assert_eq!(text[s..e].trim(), &text[s..e]);
        }
    }

    #[test]
    fn numbers_do_not_split() {
        assert_eq!(
            sentences("Inflation hit 3.5 percent. Prices rose."),
            vec!["Inflation hit 3.5 percent.", "Prices rose."]
        );
    }
}
