//! JSONL: one article per line, read line by line so a multi-GB file never sits in memory.

use std::borrow::Cow;
use std::io::{BufRead, Read};

use serde::Deserialize;

use super::decode::LOSSY_UTF8;
use super::source::{Source, read_error, too_large};
use super::{Article, InputError};
use crate::document::Body;

/// The fields ingest takes from a line; others are ignored.
#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
}

/// The articles of one JSONL stream; a bad line is an error item and the lines after it go on.
pub(crate) struct JsonlRecords {
    source: Source,
    path: String,
    max_bytes: u64,
    line_number: u64,
    records: u64,
    buffer: Vec<u8>,
    done: bool,
}

impl JsonlRecords {
    pub fn new(source: Source, path: String, max_bytes: u64) -> JsonlRecords {
        JsonlRecords {
            source,
            path,
            max_bytes,
            line_number: 0,
            records: 0,
            buffer: Vec::new(),
            done: false,
        }
    }

    fn file_error(&mut self, message: String) -> Option<Result<Article, InputError>> {
        self.done = true;
        Some(Err(InputError {
            origin: self.path.clone(),
            message,
        }))
    }

    /// Throws away the rest of an over-long line, so the next line can still be read.
    fn skip_rest_of_line(&mut self) -> std::io::Result<()> {
        loop {
            let chunk = self.source.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(());
            }
            match chunk.iter().position(|&b| b == b'\n') {
                Some(end) => {
                    self.source.reader.consume(end + 1);
                    return Ok(());
                }
                None => {
                    let len = chunk.len();
                    self.source.reader.consume(len);
                }
            }
        }
    }
}

impl Iterator for JsonlRecords {
    type Item = Result<Article, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buffer.clear();
            // Two bytes of slack for the line's own `\r\n`.
            let limit = self.max_bytes.saturating_add(2);
            let read = (&mut self.source.reader)
                .take(limit)
                .read_until(b'\n', &mut self.buffer);
            match read {
                Err(error) => {
                    let message = read_error(&error, self.source.gzip);
                    return self.file_error(message);
                }
                Ok(0) if self.records == 0 => return self.file_error("empty file".to_string()),
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
            }
            self.line_number += 1;
            let origin = format!("{}:{}", self.path, self.line_number);
            let cut_short = !self.buffer.ends_with(b"\n") && self.buffer.len() as u64 == limit;
            let content = trim_line_end(&self.buffer);
            if content.len() as u64 > self.max_bytes || cut_short {
                self.records += 1;
                if cut_short && let Err(error) = self.skip_rest_of_line() {
                    let message = read_error(&error, self.source.gzip);
                    return self.file_error(message);
                }
                return Some(Err(InputError {
                    origin,
                    message: format!("line {}", too_large(self.max_bytes)),
                }));
            }
            let content = if self.line_number == 1 {
                content.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(content)
            } else {
                content
            };
            if content.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.records += 1;
            return Some(parse_line(content, origin));
        }
        None
    }
}

fn trim_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

fn parse_line(bytes: &[u8], origin: String) -> Result<Article, InputError> {
    let fail = |message: String| InputError {
        origin: origin.clone(),
        message,
    };
    let (json, warnings) = match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), Vec::new()),
        Err(_) => (String::from_utf8_lossy(bytes), vec![LOSSY_UTF8.to_string()]),
    };
    // serde would also fill the struct from a JSON array, by position; only objects are records.
    if !json.trim_start().starts_with('{') {
        return Err(fail("not a JSON object".to_string()));
    }
    let line: Line = serde_json::from_str(&json).map_err(|e| fail(json_error(&e)))?;
    let id = match line.id {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(id)) if id.trim().is_empty() => None,
        Some(serde_json::Value::String(id)) => Some(id),
        Some(serde_json::Value::Number(id)) => Some(id.to_string()),
        Some(_) => return Err(fail("\"id\" must be a string or a number".to_string())),
    };
    // Given both, `text` wins: its producer already did the extraction `html` would need.
    let body = match (line.text, line.html) {
        (Some(text), _) if !text.trim().is_empty() => Body::Text(text),
        (_, Some(html)) if !html.trim().is_empty() => Body::Html(html),
        (None, None) => return Err(fail("record has neither \"text\" nor \"html\"".to_string())),
        _ => return Err(fail("record has an empty \"text\"/\"html\"".to_string())),
    };
    Ok(Article {
        id,
        origin,
        body,
        url: line.url.filter(|s| !s.trim().is_empty()),
        title: line.title.filter(|s| !s.trim().is_empty()),
        published: line.published.filter(|s| !s.trim().is_empty()),
        warnings,
    })
}

/// serde_json's message, with its position given as a column: the line is always 1 within a
/// record, and "line 1" would contradict the file line number in the origin.
fn json_error(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let message = message.split(" at line ").next().unwrap_or(&message);
    format!(
        "invalid JSON record: {message} at column {}",
        error.column()
    )
}
