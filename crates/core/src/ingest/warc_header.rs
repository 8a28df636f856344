//! A WARC record's header block: the version line, then named fields up to a blank line.
//!
//! Read here rather than through the `warc` crate, whose header accessor unwraps the value as
//! UTF-8 and so panics on one stray byte from a crawler (`Content-Type: application/http;\x9a`).
//! The field grammar is HTTP's, so `httparse` does the parsing; values are decoded lossily.

use std::borrow::Cow;

/// Fields past this many make the block malformed; real records carry a dozen or so.
const MAX_FIELDS: usize = 128;

/// What a record is, as far as ingest cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordKind {
    Response,
    Resource,
    /// warcinfo, request, metadata, revisit, conversion, continuation, or anything newer.
    Other,
}

/// The header fields ingest uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecordMeta {
    pub kind: RecordKind,
    pub id: String,
    pub target_uri: Option<String>,
    pub content_type: Option<String>,
    pub length: u64,
    pub truncated: bool,
}

/// Parses one header block (version line through the blank line). The error says what is wrong.
pub(crate) fn parse(block: &[u8]) -> Result<RecordMeta, String> {
    let first_line_end = block
        .iter()
        .position(|&b| b == b'\n')
        .ok_or("no version line")?;
    if !block.starts_with(b"WARC/") {
        return Err("no WARC/ version line".to_string());
    }
    let mut fields = [httparse::EMPTY_HEADER; MAX_FIELDS];
    let fields = match httparse::parse_headers(&block[first_line_end + 1..], &mut fields) {
        Ok(httparse::Status::Complete((_, fields))) => fields,
        Ok(httparse::Status::Partial) => return Err("header block ends early".to_string()),
        Err(httparse::Error::TooManyHeaders) => {
            return Err(format!("more than {MAX_FIELDS} header fields"));
        }
        Err(error) => return Err(format!("malformed header field ({error})")),
    };
    let field = |name: &str| -> Option<Cow<'_, str>> {
        fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
            .map(|f| String::from_utf8_lossy(f.value))
    };
    let length = field("Content-Length").ok_or("no Content-Length")?;
    let length = length
        .trim()
        .parse::<u64>()
        .map_err(|_| format!("bad Content-Length {:?}", length.trim()))?;
    let kind = match field("WARC-Type")
        .ok_or("no WARC-Type")?
        .trim()
        .to_ascii_lowercase()
        .as_str()
    {
        "response" => RecordKind::Response,
        "resource" => RecordKind::Resource,
        _ => RecordKind::Other,
    };
    Ok(RecordMeta {
        kind,
        id: field("WARC-Record-ID")
            .map(|id| id.trim().to_string())
            .unwrap_or_default(),
        target_uri: field("WARC-Target-URI").map(|uri| {
            uri.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        }),
        content_type: field("Content-Type").map(|ct| ct.trim().to_string()),
        length,
        truncated: field("WARC-Truncated").is_some(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK: &[u8] = b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\n\
        WARC-Target-URI: <https://news.example/a>\r\nContent-Type: application/http; msgtype=response\r\n\
        Content-Length: 42\r\n\r\n";

    #[test]
    fn reads_the_fields_ingest_uses() {
        let meta = parse(BLOCK).unwrap();
        assert_eq!(meta.kind, RecordKind::Response);
        assert_eq!(meta.id, "<urn:uuid:1>");
        assert_eq!(meta.target_uri.as_deref(), Some("https://news.example/a"));
        assert_eq!(meta.length, 42);
        assert!(!meta.truncated);
    }

    #[test]
    fn stray_bytes_in_a_value_are_decoded_not_fatal() {
        let block = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http;\x9a msgtype=response\r\nContent-Length: 3\r\n\r\n";
        let meta = parse(block).unwrap();
        assert_eq!(
            meta.content_type.as_deref(),
            Some("application/http;\u{fffd} msgtype=response")
        );
    }

    #[test]
    fn a_malformed_block_is_an_error_naming_the_fault() {
        assert!(
            parse(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n")
                .unwrap_err()
                .contains("Content-Length")
        );
        assert!(
            parse(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: ten\r\n\r\n")
                .unwrap_err()
                .contains("ten")
        );
        assert!(parse(b"WARC/1.0\r\nno colon here\r\n\r\n").is_err());
        assert!(parse(b"HTTP/1.1 200 OK\r\n\r\n").is_err());
    }
}
