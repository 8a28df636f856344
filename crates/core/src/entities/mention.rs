//! Mentions: typed spans of the text that name someone or something.

/// What a mention names. `Misc` covers the tagger's other names (nationalities, events,
/// products); they shape groups and affiliations but are not entities of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MentionKind {
    Person,
    Organization,
    Location,
    Group,
    Misc,
}

/// A typed span `[start, end)` of the text (UTF-8 byte offsets).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: MentionKind,
}

impl Mention {
    pub fn new(start: usize, end: usize, kind: MentionKind) -> Mention {
        Mention { start, end, kind }
    }

    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// Test mentions: each `(name, kind)` found in `text` after the previous one.
#[cfg(test)]
pub(crate) fn spans_in(text: &str, spans: &[(&str, MentionKind)]) -> Vec<Mention> {
    let mut mentions = Vec::new();
    let mut from = 0;
    for (name, kind) in spans {
        let start = from + text[from..].find(name).unwrap();
        mentions.push(Mention::new(start, start + name.len(), *kind));
        from = start + name.len();
    }
    mentions
}
