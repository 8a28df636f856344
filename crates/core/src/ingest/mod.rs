//! Ingest: turns paths (files, directories, stdin) into articles.
//!
//! Formats: `.txt`, `.html`/`.htm`, `.jsonl`, `.warc`, each optionally `.gz`; directories are
//! walked recursively in name order; `-` is stdin. A failure reading one input is an
//! [`InputError`] item in the stream; the other inputs go on.

use crate::document::Body;

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
