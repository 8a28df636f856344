//! Which reader an input needs: by file extension, or by its first bytes when there is none.

use std::path::Path;

/// The input formats ingest reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    /// One JSON object per line.
    Jsonl,
    Warc,
}

impl Format {
    /// The format named by a path's extension (case-insensitive), looking through a final `.gz`.
    /// `None` for an extension ingest does not know.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let (_, extension) = name.rsplit_once('.')?;
        match extension {
            "txt" => Some(Format::Text),
            "html" | "htm" => Some(Format::Html),
            "jsonl" => Some(Format::Jsonl),
            "warc" => Some(Format::Warc),
            _ => None,
        }
    }
}

/// Guesses the format of content that came without a name (stdin, or a file with an unknown
/// extension) from its first bytes: a first non-space `{` is JSONL, `WARC/` a WARC file, `<`
/// HTML, anything else plain text.
pub fn sniff_format(head: &[u8]) -> Format {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    if head.starts_with(b"{") {
        Format::Jsonl
    } else if head.starts_with(b"WARC/") {
        Format::Warc
    } else if head.starts_with(b"<") {
        Format::Html
    } else {
        Format::Text
    }
}

/// Whether a byte stream starts with the gzip magic number. Decided by content, not by the
/// `.gz` extension, because pages saved by crawlers are often gzip'd under a plain `.html` name.
pub fn is_gzip(head: &[u8]) -> bool {
    head.starts_with(&[0x1f, 0x8b])
}
