//! Bytes to text: byte-order marks, declared HTML charsets, lossy UTF-8, and telling binary
//! junk from text.

use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;

pub(crate) const BINARY: &str = "binary content, not text";
pub(crate) const LOSSY_UTF8: &str = "invalid UTF-8 decoded lossily";

/// Decoded text plus the problem (if any) that decoding papered over.
pub(crate) struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Decodes plain text: a BOM decides the encoding, else UTF-8 (lossily, with a warning).
pub(crate) fn decode_text(bytes: Vec<u8>) -> Result<Decoded, &'static str> {
    match Encoding::for_bom(&bytes) {
        Some((encoding, bom_len)) if encoding != UTF_8 => {
            Ok(decode_with(encoding, &bytes[bom_len..]))
        }
        _ => {
            if looks_binary(&bytes) {
                return Err(BINARY);
            }
            Ok(decode_utf8(strip_utf8_bom(bytes)))
        }
    }
}

/// Decodes an HTML document the way browsers choose its encoding: a BOM first, then the
/// transport's charset (HTTP `Content-Type`), then a `<meta charset>` near the top, else UTF-8.
pub(crate) fn decode_html(
    bytes: Vec<u8>,
    transport_charset: Option<&str>,
) -> Result<Decoded, &'static str> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(&bytes)
        && encoding != UTF_8
    {
        return Ok(decode_with(encoding, &bytes[bom_len..]));
    }
    let declared = transport_charset
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .or_else(|| meta_charset(&bytes))
        // A page cannot be UTF-16 if its ASCII `<meta>` was readable, and `replacement` would
        // turn the whole page into one U+FFFD: the HTML standard reads both as UTF-8.
        .filter(|&e| {
            e != encoding_rs::UTF_16LE
                && e != encoding_rs::UTF_16BE
                && e != encoding_rs::REPLACEMENT
        })
        .unwrap_or(UTF_8);
    if looks_binary(&bytes) {
        return Err(BINARY);
    }
    if declared == UTF_8 {
        Ok(decode_utf8(strip_utf8_bom(bytes)))
    } else {
        Ok(decode_with(declared, &bytes))
    }
}

/// UTF-8 without copying when valid; lossy (with the warning) when not.
pub(crate) fn decode_utf8(bytes: Vec<u8>) -> Decoded {
    match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            text,
            warning: None,
        },
        Err(error) => Decoded {
            text: String::from_utf8_lossy(error.as_bytes()).into_owned(),
            warning: Some(LOSSY_UTF8.to_string()),
        },
    }
}

fn decode_with(encoding: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        warning: had_errors.then(|| format!("invalid {} decoded lossily", encoding.name())),
    }
}

fn strip_utf8_bom(mut bytes: Vec<u8>) -> Vec<u8> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    bytes
}

/// The encoding named by a `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">`
/// in the first few KiB (browsers look at the first 1024 bytes; real pages put it later).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    static META: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i-u)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)"#)
            .expect("valid regex")
    });
    let head = &bytes[..bytes.len().min(4096)];
    let label = META.captures(head)?.get(1)?.as_bytes();
    Encoding::for_label(label)
}

/// The charset parameter of a MIME type such as `text/html; charset="ISO-8859-1"`.
pub(crate) fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let start = lower.find("charset=")? + "charset=".len();
    let value = content_type[start..]
        .trim_start()
        .trim_start_matches(['"', '\'']);
    let end = value
        .find(['"', '\'', ';', ' ', '\t', ','])
        .unwrap_or(value.len());
    Some(&value[..end]).filter(|v| !v.is_empty())
}

/// Whether the start of some content is binary rather than text: any NUL byte, or control
/// bytes above 2% (random bytes have about 10%; text, even in a legacy 8-bit or CJK encoding,
/// has next to none). Invalid UTF-8 alone does not make content binary: undeclared legacy
/// encodings are text, and they are decoded lossily with a warning instead.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    const SAMPLE: usize = 8192;
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| {
            (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | 0x1b)) || b == 0x7f
        })
        .count();
    controls >= 2 && controls * 50 > sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_parameter_is_found_in_any_case_and_quoting() {
        assert_eq!(
            charset_param("text/html; charset=\"ISO-8859-1\""),
            Some("ISO-8859-1")
        );
        assert_eq!(charset_param("text/html;CHARSET=utf-8"), Some("utf-8"));
        assert_eq!(charset_param("text/html"), None);
    }

    #[test]
    fn meta_charset_decides_html_encoding() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body></html>"
            .to_vec();
        let decoded = decode_html(page, None).unwrap();
        assert!(decoded.text.contains("café"));
        assert_eq!(decoded.warning, None);

        let page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">na\xefve"
                .to_vec();
        assert!(decode_html(page, None).unwrap().text.contains("naïve"));
    }

    #[test]
    fn transport_charset_wins_over_meta() {
        let page = b"<meta charset=utf-8>caf\xe9".to_vec();
        assert!(
            decode_html(page, Some("latin1"))
                .unwrap()
                .text
                .contains("café")
        );
    }

    #[test]
    fn utf16_text_with_bom_is_decoded_not_called_binary() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Hello".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode_text(bytes).unwrap().text, "Hello");
    }

    #[test]
    fn legacy_encodings_are_text_and_random_bytes_are_binary() {
        let latin1: Vec<u8> = "Le café de la gare était fermé à cause de la grève."
            .chars()
            .map(|c| c as u8)
            .collect();
        assert!(!looks_binary(&latin1));
        let (gbk, _, _) =
            encoding_rs::GBK.encode("北京时间周二，政府官员在首都举行会议，讨论物价上涨问题。");
        assert!(!looks_binary(&gbk));
        // No NUL byte in it, so only the share of control bytes can tell.
        let random: Vec<u8> = (1..=255u8)
            .cycle()
            .take(3000)
            .map(|b| b.wrapping_mul(167) | 1)
            .collect();
        assert!(looks_binary(&random));
    }
}
