//! An HTML tree as paragraphs of plain text.
//!
//! Hand-written because dom_query's own `formatted_text` does not say where block elements
//! end, and paragraphs are what later stages (and the "blank line between paragraphs"
//! contract) need.

use dom_query::NodeRef;

/// Elements that start and end a paragraph.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tr",
    "ul",
];

/// Elements whose text is never prose.
const SKIPPED: &[&str] = &[
    "button", "canvas", "embed", "form", "iframe", "input", "math", "noscript", "object", "option",
    "script", "select", "style", "svg", "template", "textarea", "video", "audio",
];

/// One paragraph of rendered text.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    /// How much of `text` (in bytes) is link text: a paragraph that is one link is navigation.
    pub link_bytes: usize,
}

impl Paragraph {
    pub fn link_share(&self) -> f64 {
        if self.text.is_empty() {
            0.0
        } else {
            self.link_bytes as f64 / self.text.len() as f64
        }
    }
}

/// The paragraphs under `root`, whitespace collapsed, empty ones left out.
pub fn paragraphs(root: &NodeRef) -> Vec<Paragraph> {
    let mut out = Paragraphs::default();
    out.walk(root, 0);
    out.flush();
    out.done
}

#[derive(Default)]
struct Paragraphs {
    current: String,
    link_bytes: usize,
    in_link: usize,
    done: Vec<Paragraph>,
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
                if matches!(name, "td" | "th") {
                    self.push_text(" ");
                }
                if block {
                    self.flush();
                }
                let link = name == "a";
                self.in_link += usize::from(link);
                self.walk(&child, depth + 1);
                self.in_link -= usize::from(link);
                if block {
                    self.flush();
                }
            }
        }
    }

    fn push_text(&mut self, text: &str) {
        let before = self.current.len();
        self.push_words(text);
        if self.in_link > 0 {
            self.link_bytes += self.current.len() - before;
        }
    }

    fn push_words(&mut self, text: &str) {
        for (i, word) in text.split(is_space).enumerate() {
            if i > 0 && !self.current.ends_with(' ') {
                self.current.push(' ');
            }
            if word.contains(INVISIBLE) {
                self.current
                    .extend(word.chars().filter(|c| !INVISIBLE.contains(c)));
            } else {
                self.current.push_str(word);
            }
        }
    }

    fn flush(&mut self) {
        let paragraph = self.current.trim();
        if !paragraph.is_empty() {
            let link_bytes = self.link_bytes.min(paragraph.len());
            self.done.push(Paragraph {
                text: paragraph.to_string(),
                link_bytes,
            });
        }
        self.current.clear();
        self.link_bytes = 0;
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
    s.split(is_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
