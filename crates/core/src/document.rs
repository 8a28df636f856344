//! The document: one article on its way through the pipeline.

use crate::ingest::Article;
use crate::record::{Record, SCHEMA_VERSION};

/// The raw content of an article as ingest found it.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Html(String),
    Text(String),
}

impl Body {
    pub fn as_str(&self) -> &str {
        match self {
            Body::Html(s) | Body::Text(s) => s,
        }
    }
}

/// An article in flight: the record being built plus what the stages still need.
#[derive(Debug, Clone)]
pub struct Document {
    pub record: Record,
    /// What ingest read. The clean stage turns it into `record.text`.
    pub body: Body,
    /// Where the article came from (a path, `path:LINE`, a WARC record id), for messages.
    pub origin: String,
    /// The publication date to assume when neither the input nor the text states one.
    pub default_published: Option<String>,
    /// The words of every sentence with their syntax, from the syntax stage.
    pub tokens: Vec<crate::token::Token>,
}

impl Document {
    /// Starts a document from an ingested article. The id is the input's own, else a hash of
    /// the raw input, so the same article always gets the same id.
    pub fn new(article: Article) -> Document {
        let id = article
            .id
            .unwrap_or_else(|| content_id(article.body.as_str()));
        Document {
            record: Record {
                schema: SCHEMA_VERSION,
                id,
                url: article.url,
                title: article.title,
                published: article.published,
                warnings: article.warnings,
                ..Record::default()
            },
            body: article.body,
            origin: article.origin,
            default_published: None,
            tokens: Vec::new(),
        }
    }
}

/// A stable id for content without one: the first 16 hex digits of its BLAKE3 hash.
pub fn content_id(raw: &str) -> String {
    blake3::hash(raw.as_bytes()).to_hex()[..16].to_string()
}
