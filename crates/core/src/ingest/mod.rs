//! Ingest: turns paths (files, directories, stdin) into articles.
//!
//! Formats: `.txt`, `.html`/`.htm`, `.jsonl`, `.warc`, each optionally `.gz`; directories are
//! walked recursively in name order; `-` is stdin. A failure reading one input is an
//! [`InputError`] item in the stream; the other inputs go on.
//!
//! Everything streams: files are opened only when the iterator reaches them, and JSONL and WARC
//! files are read record by record, so memory stays at one record (or one plain file), each
//! bounded by [`ReadOptions::max_bytes`].

mod decode;
mod format;
mod http;
mod jsonl;
mod read;
mod source;
mod walk;
mod warc_header;
mod warc_records;

use std::path::PathBuf;

use crate::document::Body;

pub use format::{Format, sniff_format};

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// The most bytes one article may take after decompression: a whole `.txt`/`.html` file,
    /// one JSONL line or one WARC record. Larger ones are an error, found without reading them.
    pub max_bytes: u64,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            max_bytes: 50 * 1024 * 1024,
        }
    }
}

/// The articles in `paths`, in order: each path as given, directories recursively in file-name
/// order, `-` for stdin (its format sniffed by [`sniff_format`]). Each problem is one
/// [`InputError`] item naming the input, and reading goes on with the next record or input.
pub fn read_inputs(
    paths: &[PathBuf],
    opts: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<Article, InputError>> + Send> {
    let (paths, opts) = (paths.to_vec(), opts.clone());
    Box::new(
        paths
            .into_iter()
            .flat_map(move |path| read::read_path(path, &opts)),
    )
}

/// The articles in `bytes`, read as a file called `name` would be: the format from `name`'s
/// extension (looking through `.gz`), else sniffed by [`sniff_format`]; gzip undone by content.
/// For input that is already in memory (fuzzing, tests, callers that fetched it themselves).
pub fn read_bytes(
    bytes: Vec<u8>,
    name: &str,
    opts: &ReadOptions,
) -> Box<dyn Iterator<Item = Result<Article, InputError>> + Send> {
    read::read_bytes(bytes, name.to_string(), opts)
}

/// One article as read from the input, before any stage has run.
#[derive(Debug, Clone, PartialEq)]
pub struct Article {
    /// The input's own id (JSONL `id`); `None` lets the document hash the content.
    pub id: Option<String>,
    /// Where it came from, for messages: `path`, `path:LINE`, `path#WARC-Record-ID`.
    pub origin: String,
    pub body: Body,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    /// Problems that did not stop the article (lossy UTF-8 decoding, ...).
    pub warnings: Vec<String>,
}

impl Article {
    pub fn text(origin: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            id: None,
            origin: origin.into(),
            body: Body::Text(text.into()),
            url: None,
            title: None,
            published: None,
            warnings: Vec::new(),
        }
    }
}

/// A clear, one-line reason an input (or part of one) could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct InputError {
    pub origin: String,
    pub message: String,
}
