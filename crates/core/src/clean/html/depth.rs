//! A cap on how deep a page's elements nest, applied to the markup before any parser sees it.
//!
//! The DOM and extractor crates walk the tree recursively and score every node against its
//! ancestors: 100,000 nested `<b>` overflowed the stack and 10,000 nested `<div>` took 25 s.
//! Real pages nest a few dozen levels. Past `MAX_DEPTH` open elements, further start tags (and
//! the end tags that close them) are dropped; their text stays, so nothing readable is lost.
//! This is a tag scanner, not a parser: it only has to keep the depth the parser will build
//! within a small factor of the cap (the parser adds the odd `<tbody>` a page left out).

use std::borrow::Cow;

/// Deeper than any real page; shallow enough that recursion and per-ancestor work stay small.
pub const MAX_DEPTH: usize = 256;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose text is not markup: their content is skipped to the matching end tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "noscript",
    "iframe",
    "noembed",
    "plaintext",
];

/// Elements a sibling of the same kind closes (`<li>a<li>b`, `<td>a<td>b`), so they need not
/// count as nesting: a list of a thousand unclosed items is shallow. Each with the elements
/// that start a new scope for it: a `<tr>` inside a nested table closes no outer row.
const SELF_CLOSING_SIBLINGS: &[(&str, &[&str])] = &[
    ("li", &["ul", "ol", "menu"]),
    ("dt", &["dl"]),
    ("dd", &["dl"]),
    ("tr", &["table"]),
    ("td", &["table"]),
    ("th", &["table"]),
    ("option", &["select"]),
    ("optgroup", &["select"]),
    (
        "p",
        &[
            "div",
            "td",
            "th",
            "li",
            "blockquote",
            "section",
            "article",
            "table",
            "body",
        ],
    ),
    ("rb", &["ruby"]),
    ("rt", &["ruby"]),
    ("rp", &["ruby"]),
];

/// How far up the open elements an implied close may look ("<li><p>a<li>" closes both).
const SIBLING_REACH: usize = 4;

/// How many open elements a start tag `name` closes: an open sibling of its kind near the top
/// of `open` with no new scope for it in between.
fn implied_closes(open: &[String], name: &str) -> usize {
    let Some((_, scopes)) = SELF_CLOSING_SIBLINGS.iter().find(|(n, _)| *n == name) else {
        return 0;
    };
    for (from_top, element) in open.iter().rev().take(SIBLING_REACH).enumerate() {
        if element == name {
            return from_top + 1;
        }
        if scopes.contains(&element.as_str()) {
            return 0;
        }
    }
    0
}

/// `html` with start tags past `max_depth` open elements (and their end tags) removed. Returns
/// the input unchanged when it never nests that deep.
pub fn cap_depth(html: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    // Names of dropped start tags still open, with how many: their end tags go too.
    let mut dropped: Vec<(String, usize)> = Vec::new();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        let lt = at + offset;
        let Some(tag) = Tag::read(html, lt) else {
            at = lt + 1;
            continue;
        };
        at = tag.end;
        match tag.kind {
            TagKind::Other => {}
            TagKind::Start {
                ref name,
                self_closed,
            } => {
                if self_closed || VOID.contains(&name.as_str()) {
                    continue;
                }
                open.truncate(open.len() - implied_closes(&open, name));
                if open.len() >= max_depth {
                    cuts.push((lt, tag.end));
                    match dropped.iter_mut().find(|(n, _)| n == name) {
                        Some((_, count)) => *count += 1,
                        None => dropped.push((name.clone(), 1)),
                    }
                    continue;
                }
                if RAW_TEXT.contains(&name.as_str()) {
                    at = raw_text_end(html, at, name);
                    continue;
                }
                open.push(name.clone());
            }
            TagKind::End(ref name) => {
                if let Some((_, count)) = dropped
                    .iter_mut()
                    .find(|(n, count)| n == name && *count > 0)
                {
                    *count -= 1;
                    cuts.push((lt, tag.end));
                } else if let Some(i) = open.iter().rposition(|n| n == name) {
                    open.truncate(i);
                }
            }
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    for (start, end) in cuts {
        out.push_str(&html[copied..start]);
        copied = end;
    }
    out.push_str(&html[copied..]);
    Cow::Owned(out)
}

enum TagKind {
    Start {
        name: String,
        self_closed: bool,
    },
    End(String),
    /// A comment, doctype or processing instruction.
    Other,
}

struct Tag {
    kind: TagKind,
    /// Just past the closing `>` (or the end of the input).
    end: usize,
}

impl Tag {
    /// The tag opening at `lt` (a `<`), or `None` when the `<` is text ("a < b").
    fn read(html: &str, lt: usize) -> Option<Tag> {
        let rest = &html[lt + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            let end = comment.find("-->").map_or(html.len(), |i| lt + 4 + i + 3);
            return Some(Tag {
                kind: TagKind::Other,
                end,
            });
        }
        if rest.starts_with(['!', '?']) {
            return Some(Tag {
                kind: TagKind::Other,
                end: close_of(html, lt),
            });
        }
        let (closing, name_start) = match rest.strip_prefix('/') {
            Some(after) => (true, after),
            None => (false, rest),
        };
        let name_len = name_start
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
            .count();
        if name_len == 0 || !name_start.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let name = name_start[..name_len].to_ascii_lowercase();
        let end = close_of(html, lt);
        let kind = match closing {
            true => TagKind::End(name),
            false => TagKind::Start {
                name,
                self_closed: html[..end].ends_with("/>"),
            },
        };
        Some(Tag { kind, end })
    }
}

/// Just past the `>` that closes the tag opening at `lt`, quoted attribute values skipped.
fn close_of(html: &str, lt: usize) -> usize {
    let mut quote = None;
    for (i, b) in html.bytes().enumerate().skip(lt + 1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    html.len()
}

/// Just past the end tag that closes a raw-text element whose content starts at `from`.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let lower_needle = format!("</{name}");
    let haystack = &html.as_bytes()[from..];
    haystack
        .windows(lower_needle.len())
        .position(|w| w.eq_ignore_ascii_case(lower_needle.as_bytes()))
        .map_or(html.len(), |i| close_of(html, from + i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<html><body><ul><li>a<li>b<li>c</ul><p>x<p>y<br><img src='a>b'><!-- <b> --><script>if (a<b) {}</script></body></html>";
        assert!(matches!(cap_depth(page, 6), Cow::Borrowed(_)));
        let many_items = format!("<ul>{}</ul>", "<li>item ".repeat(10_000));
        assert!(matches!(cap_depth(&many_items, 8), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_and_the_text_kept() {
        let deep = format!(
            "<body>{}deep text{}</body><p>after</p>",
            "<b>".repeat(1000),
            "</b>".repeat(1000)
        );
        let capped = cap_depth(&deep, 10);
        assert_eq!(capped.matches("<b>").count(), 9);
        assert_eq!(capped.matches("</b>").count(), 9);
        assert!(capped.contains("deep text") && capped.ends_with("</body><p>after</p>"));
        let unclosed = format!("<body>{}text", "<i>".repeat(100_000));
        assert_eq!(cap_depth(&unclosed, 256).matches("<i>").count(), 255);
        let tables = "<table><tr><td>".repeat(100);
        assert_eq!(cap_depth(&tables, 30).matches("<table>").count(), 10);
    }

    #[test]
    fn truncated_and_stray_markup_never_panics() {
        for page in [
            "<",
            "<b",
            "</",
            "<!--",
            "<p a=\"",
            "a < b > c",
            "<script>",
            "<ü>",
            "<b>é</b",
        ] {
            let _ = cap_depth(page, 1);
        }
    }
}
