//! An HTML tree as paragraphs of plain text.
//!
//! Hand-written because dom_query's own `formatted_text` does not say where block elements
//! end, and paragraphs are what later stages (and the "blank line between paragraphs"
//! contract) need.

use dom_query::NodeRef;

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol",
    "p", "pre", "section", "summary", "table", "tbody", "td", "th", "thead", "tr", "ul",
];

/// Elements whose text is never prose.
const SKIPPED: &[&str] = &[
    "button", "canvas", "embed", "form", "iframe", "input", "math", "noscript", "object",
    "option", "script", "select", "style", "svg", "template", "textarea", "video", "audio",
];

/// The paragraphs under `root`, whitespace collapsed, empty ones left out.
pub fn paragraphs(root: &NodeRef) -> Vec<String> {
    let mut out = Paragraphs::default();
    out.walk(root, 0);
    out.flush();
    out.done
}

#[derive(Default)]
struct Paragraphs {
    current: String,
    done: Vec<String>,
}

/// Deeper trees than this are junk or an attack; their text is dropped rather than risk the stack.
const MAX_DEPTH: usize = 400;

impl Paragraphs {
    fn walk(&mut self, node: &NodeRef, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in node.children_it(false) {
            if child.is_text() {
                self.push_text(&child.text());
            } else if child.is_element() {
                let name = child.node_name().unwrap_or_default();
                let name = name.as_ref();
                if SKIPPED.contains(&name) || child.has_attr("hidden") {
                    continue;
                }
                let block = BLOCKS.contains(&name);
                if block {
                    self.flush();
                }
                self.walk(&child, depth + 1);
                if block {
                    self.flush();
                }
            }
        }
    }

    fn push_text(&mut self, text: &str) {
        for (i, word) in text.split(is_space).enumerate() {
            if i > 0 && !self.current.ends_with(' ') {
                self.current.push(' ');
            }
            if word.contains(INVISIBLE) {
                self.current.extend(word.chars().filter(|c| !INVISIBLE.contains(c)));
            } else {
                self.current.push_str(word);
            }
        }
    }

    fn flush(&mut self) {
        let paragraph = self.current.trim();
        if !paragraph.is_empty() {
            self.done.push(paragraph.to_string());
        }
        self.current.clear();
    }
}

/// Characters that render as nothing: zero-width space, byte-order mark, soft hyphen.
const INVISIBLE: &[char] = &['\u{200B}', '\u{FEFF}', '\u{00AD}'];

/// Whitespace as pages use it, no-break spaces included.
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// `s` with runs of whitespace made one space, trimmed.
pub fn squash(s: &str) -> String {
    s.split(is_space).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}
