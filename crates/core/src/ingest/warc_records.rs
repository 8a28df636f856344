//! WARC: the HTML pages among a crawl's `response` and `resource` records, one record at a time.

use std::io::{self, BufRead, Read, Take};

use super::decode::{charset_param, decode_html};
use super::http::{HttpHead, decode_body, parse_head};
use super::source::{Reader, Source, read_error, too_large};
use super::warc_header::{self, RecordKind, RecordMeta};
use super::{Article, InputError};
use crate::document::Body;

/// No real header block comes near this; it stops a file without line breaks from being read
/// whole while the header parser looks for the blank line.
const HEADER_LIMIT: u64 = 1024 * 1024;
/// Enough of a record's block to hold the HTTP header block and decide whether to keep it.
const PREFIX_LIMIT: u64 = 64 * 1024;

/// The HTML articles of one WARC stream. A broken record is an error item and the others go on;
/// a broken stream (truncation, garbage between records) ends the file with one error item.
pub(crate) struct WarcRecords {
    reader: Take<Reader>,
    file: FileName,
    max_bytes: u64,
    records: u64,
    yielded: u64,
    done: bool,
}

/// The file, kept apart from the reader so error closures can borrow it while reading.
struct FileName {
    path: String,
    gzip: bool,
}

impl FileName {
    fn fatal(&self, message: String) -> InputError {
        InputError {
            origin: self.path.clone(),
            message,
        }
    }

    fn io_fatal(&self, error: &io::Error) -> InputError {
        self.fatal(read_error(error, self.gzip))
    }
}

/// What the next record amounted to.
enum Step {
    Item(Result<Article, InputError>),
    Skipped,
    End,
}

impl WarcRecords {
    pub fn new(source: Source, path: String, max_bytes: u64) -> WarcRecords {
        WarcRecords {
            reader: source.reader.take(HEADER_LIMIT),
            file: FileName {
                path,
                gzip: source.gzip,
            },
            max_bytes,
            records: 0,
            yielded: 0,
            done: false,
        }
    }

    fn next_step(&mut self) -> Result<Step, InputError> {
        self.reader.set_limit(HEADER_LIMIT);
        self.skip_record_separators()
            .map_err(|e| self.file.io_fatal(&e))?;
        let head = self.reader.fill_buf().map_err(|e| self.file.io_fatal(&e))?;
        if head.is_empty() {
            return match (self.records, self.yielded) {
                (0, _) => Err(self.file.fatal("empty file".to_string())),
                // Like a directory with nothing readable: worth one line, not silence.
                (n, 0) => Err(self
                    .file
                    .fatal(format!("no HTML page among its {n} WARC records"))),
                _ => Ok(Step::End),
            };
        }
        let prefix = &head[..head.len().min(5)];
        if !b"WARC/".starts_with(prefix) {
            let message = match self.records {
                0 => "not a WARC file (no WARC/ version line)".to_string(),
                n => format!("garbage after WARC record {n}; rest of file skipped"),
            };
            return Err(self.file.fatal(message));
        }
        self.records += 1;
        let meta = self.read_header()?;
        self.reader.set_limit(u64::MAX);
        self.read_block(&meta)
    }

    /// Blank lines between records: the standard asks for exactly two CRLFs, writers vary.
    fn skip_record_separators(&mut self) -> io::Result<()> {
        loop {
            let chunk = self.reader.fill_buf()?;
            let blank = chunk
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            if blank == 0 {
                return Ok(());
            }
            self.reader.consume(blank);
        }
    }

    /// Reads the header block up to its blank line (within `HEADER_LIMIT`) and parses it.
    fn read_header(&mut self) -> Result<RecordMeta, InputError> {
        let number = self.records;
        let mut block = Vec::new();
        loop {
            let line_start = block.len();
            let read = self
                .reader
                .read_until(b'\n', &mut block)
                .map_err(|e| self.file.io_fatal(&e))?;
            if read == 0 {
                return Err(self.file.fatal(match self.reader.limit() {
                    0 => format!(
                        "WARC record {number}: header block larger than 1 MiB; rest of file skipped"
                    ),
                    _ => format!("WARC record {number}: truncated header"),
                }));
            }
            if matches!(&block[line_start..], b"\r\n" | b"\n") {
                break;
            }
        }
        warc_header::parse(&block).map_err(|why| {
            self.file
                .fatal(format!("WARC record {number}: {why}; rest of file skipped"))
        })
    }

    /// Reads one record's block; only errors of the stream itself are `Err`.
    fn read_block(&mut self, meta: &RecordMeta) -> Result<Step, InputError> {
        let origin = match meta.id.as_str() {
            "" => format!("{}#record-{}", self.file.path, self.records),
            id => format!("{}#{id}", self.file.path),
        };
        let record_error = |message: String| InputError {
            origin: origin.clone(),
            message,
        };
        let is_http = match meta.kind {
            RecordKind::Response => meta
                .content_type
                .as_deref()
                .is_none_or(|ct| ct.to_ascii_lowercase().starts_with("application/http")),
            RecordKind::Resource => false,
            _ => return self.skip_bytes(meta.length).map(|()| Step::Skipped),
        };
        if meta.kind == RecordKind::Response && !is_http {
            return self.skip_bytes(meta.length).map(|()| Step::Skipped);
        }

        let mut block = Vec::new();
        let prefix_len = meta.length.min(PREFIX_LIMIT);
        self.read_exact_into(&mut block, prefix_len)?;
        let rest = meta.length - prefix_len;

        let head = if is_http {
            match parse_head(&block) {
                Ok(head) => Some(head),
                Err(message) => {
                    self.skip_bytes(rest)?;
                    return Ok(Step::Item(Err(record_error(message))));
                }
            }
        } else {
            None
        };
        let body_offset = head.as_ref().map_or(0, |h| h.body_offset);
        let content_type = match &head {
            Some(head) => head.content_type.as_deref(),
            None => meta.content_type.as_deref(),
        };
        let successful = head.as_ref().is_none_or(|h| (200..300).contains(&h.status));
        if !successful || !is_html(content_type, &block[body_offset..]) {
            self.skip_bytes(rest)?;
            return Ok(Step::Skipped);
        }
        if meta.length.saturating_sub(body_offset as u64) > self.max_bytes {
            self.skip_bytes(rest)?;
            return Ok(Step::Item(Err(record_error(format!(
                "record {}",
                too_large(self.max_bytes)
            )))));
        }
        self.read_exact_into(&mut block, rest)?;

        let mut warnings = Vec::new();
        if meta.truncated {
            warnings.push("WARC record was truncated by the crawler".to_string());
        }
        let plain_head;
        let head = match &head {
            Some(head) => head,
            None => {
                plain_head = HttpHead {
                    status: 200,
                    content_type: None,
                    chunked: false,
                    content_encoding: None,
                    body_offset: 0,
                };
                &plain_head
            }
        };
        let body = match decode_body(&block[body_offset..], head, self.max_bytes) {
            Ok((body, warning)) => {
                warnings.extend(warning);
                body.into_owned()
            }
            Err(message) => return Ok(Step::Item(Err(record_error(message)))),
        };
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(Step::Item(Err(record_error("empty HTML body".to_string()))));
        }
        let decoded = match decode_html(body, content_type.and_then(charset_param)) {
            Ok(decoded) => decoded,
            Err(message) => return Ok(Step::Item(Err(record_error(message.to_string())))),
        };
        warnings.extend(decoded.warning);
        Ok(Step::Item(Ok(Article {
            id: None,
            origin,
            body: Body::Html(decoded.text),
            url: meta.target_uri.clone().filter(|uri| !uri.is_empty()),
            title: None,
            published: None,
            warnings,
        })))
    }

    fn read_exact_into(&mut self, buffer: &mut Vec<u8>, len: u64) -> Result<(), InputError> {
        let read = (&mut self.reader)
            .take(len)
            .read_to_end(buffer)
            .map_err(|e| self.file.io_fatal(&e))?;
        if (read as u64) < len {
            return Err(self
                .file
                .fatal(format!("WARC record {}: truncated body", self.records)));
        }
        Ok(())
    }

    fn skip_bytes(&mut self, len: u64) -> Result<(), InputError> {
        let skipped = io::copy(&mut (&mut self.reader).take(len), &mut io::sink())
            .map_err(|e| self.file.io_fatal(&e))?;
        if skipped < len {
            return Err(self
                .file
                .fatal(format!("WARC record {}: truncated body", self.records)));
        }
        Ok(())
    }
}

impl Iterator for WarcRecords {
    type Item = Result<Article, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_step() {
                Ok(Step::Item(item)) => {
                    self.yielded += 1;
                    return Some(item);
                }
                Ok(Step::Skipped) => continue,
                Ok(Step::End) => self.done = true,
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
            }
        }
        None
    }
}

/// Whether a payload is an HTML page: by its declared type, or by its first tag when undeclared.
fn is_html(content_type: Option<&str>, body_start: &[u8]) -> bool {
    match content_type.map(str::trim).filter(|ct| !ct.is_empty()) {
        Some(ct) => {
            let ct = ct.to_ascii_lowercase();
            ct.starts_with("text/html") || ct.starts_with("application/xhtml")
        }
        None => {
            let start = body_start
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(body_start.len());
            let head = &body_start[start..body_start.len().min(start + 15)];
            let head = head.to_ascii_lowercase();
            head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
        }
    }
}
