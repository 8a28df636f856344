//! The HTTP response stored in a WARC `response` record: its header block, then the body with
//! transfer- and content-encodings undone.

use std::borrow::Cow;
use std::io::Read;

use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use super::format::is_gzip;
use super::source::too_large;

/// What ingest needs from an HTTP response header block.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct HttpHead {
    pub status: u16,
    pub content_type: Option<String>,
    pub chunked: bool,
    pub content_encoding: Option<String>,
    /// Where the body starts in the record's block.
    pub body_offset: usize,
}

/// Parses the status line and headers at the start of `block`.
pub(crate) fn parse_head(block: &[u8]) -> Result<HttpHead, String> {
    let mut headers = [httparse::EMPTY_HEADER; 256];
    let mut response = httparse::Response::new(&mut headers);
    // Crawled servers break the grammar in these ways often enough that browsers accept them.
    let parsed = httparse::ParserConfig::default()
        .allow_spaces_after_header_name_in_responses(true)
        .allow_obsolete_multiline_headers_in_responses(true)
        .allow_multiple_spaces_in_response_status_delimiters(true)
        .ignore_invalid_headers_in_responses(true)
        .parse_response(&mut response, block);
    let body_offset = match parsed {
        Ok(httparse::Status::Complete(offset)) => offset,
        Ok(httparse::Status::Partial) => return Err("HTTP header block is incomplete".to_string()),
        Err(error) => return Err(format!("malformed HTTP header block ({error})")),
    };
    let header = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    Ok(HttpHead {
        status: response.code.unwrap_or(0),
        content_type: header("content-type"),
        chunked: header("transfer-encoding")
            .is_some_and(|te| te.to_ascii_lowercase().contains("chunked")),
        content_encoding: header("content-encoding").map(|ce| ce.to_ascii_lowercase()),
        body_offset,
    })
}

/// The entity body with chunking and compression undone, plus a warning if it had to be cut.
/// Crawlers often store bodies already decoded but keep the original headers, so each step
/// first checks that the bytes really are in the announced encoding.
pub(crate) fn decode_body<'a>(
    body: &'a [u8],
    head: &HttpHead,
    max_bytes: u64,
) -> Result<(Cow<'a, [u8]>, Option<String>), String> {
    let mut warning = None;
    let mut bytes = Cow::Borrowed(body);
    if head.chunked
        && let Some((dechunked, complete)) = dechunk(body)
    {
        if !complete {
            warning = Some("malformed chunked transfer-encoding; body cut short".to_string());
        }
        bytes = Cow::Owned(dechunked);
    }
    let encoding = head.content_encoding.as_deref().unwrap_or("identity");
    let decoded = match encoding {
        "identity" | "" | "none" => return Ok((bytes, warning)),
        "gzip" | "x-gzip" if is_gzip(&bytes) => {
            inflate(MultiGzDecoder::new(&bytes[..]), max_bytes)?
        }
        "deflate" if is_zlib(&bytes) => inflate(ZlibDecoder::new(&bytes[..]), max_bytes)?,
        "deflate" => inflate(DeflateDecoder::new(&bytes[..]), max_bytes)?,
        "gzip" | "x-gzip" => return Ok((bytes, warning)),
        other => return Err(format!("unsupported Content-Encoding: {other}")),
    };
    let (inflated, truncated) = decoded;
    if truncated {
        warning = Some(format!(
            "truncated {encoding} content-encoding; body cut short"
        ));
    }
    Ok((Cow::Owned(inflated), warning))
}

/// Decompresses up to `max_bytes`; a stream that ends early keeps what came out of it.
fn inflate(mut decoder: impl Read, max_bytes: u64) -> Result<(Vec<u8>, bool), String> {
    let mut out = Vec::new();
    let result = (&mut decoder)
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut out);
    if out.len() as u64 > max_bytes {
        return Err(too_large(max_bytes));
    }
    match result {
        Ok(_) => Ok((out, false)),
        Err(_) if !out.is_empty() => Ok((out, true)),
        Err(error) => Err(format!("cannot decompress body ({error})")),
    }
}

/// A zlib header: compression method 8 and a check value divisible by 31 (RFC 1950).
fn is_zlib(bytes: &[u8]) -> bool {
    bytes.len() >= 2
        && bytes[0] & 0x0f == 8
        && (u16::from(bytes[0]) << 8 | u16::from(bytes[1])) % 31 == 0
}

/// Undoes chunked transfer-encoding. `None` if the body does not start with a chunk size (it
/// was stored de-chunked); otherwise the data and whether the terminating chunk was reached.
/// Hand-written because httparse only parses the size line and no maintained crate decodes a
/// complete in-memory body.
fn dechunk(body: &[u8]) -> Option<(Vec<u8>, bool)> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    let mut first = true;
    loop {
        let (consumed, size) = match httparse::parse_chunk_size(rest) {
            Ok(httparse::Status::Complete(found)) => found,
            _ if first => return None,
            _ => return Some((out, false)),
        };
        first = false;
        rest = &rest[consumed..];
        if size == 0 {
            return Some((out, true));
        }
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        if size > rest.len() {
            out.extend_from_slice(rest);
            return Some((out, false));
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_is_parsed() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\nbody";
        let head = parse_head(block).unwrap();
        assert_eq!(head.status, 200);
        assert_eq!(
            head.content_type.as_deref(),
            Some("text/html; charset=utf-8")
        );
        assert!(head.chunked);
        assert_eq!(&block[head.body_offset..], b"body");
    }

    #[test]
    fn chunked_body_is_joined() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n6\r\n world\r\n0\r\n\r\n"),
            Some((b"Hello world".to_vec(), true))
        );
        assert_eq!(dechunk(b"5\r\nHel"), Some((b"Hel".to_vec(), false)));
        assert_eq!(dechunk(b"<html>"), None);
    }

    #[test]
    fn gzip_content_encoding_is_undone_and_plain_bodies_kept() {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(b"<p>hi</p>").unwrap();
        let gz = encoder.finish().unwrap();
        let head = HttpHead {
            status: 200,
            content_type: None,
            chunked: false,
            content_encoding: Some("gzip".into()),
            body_offset: 0,
        };
        assert_eq!(
            decode_body(&gz, &head, 1000).unwrap().0.as_ref(),
            b"<p>hi</p>"
        );
        assert_eq!(
            decode_body(b"<p>hi</p>", &head, 1000).unwrap().0.as_ref(),
            b"<p>hi</p>"
        );
        assert!(decode_body(&gz, &head, 3).is_err());
    }
}
