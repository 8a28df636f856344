//! Main-content extraction from HTML pages.

use crate::record::Media;

/// What an HTML page gives: its main text and metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlArticle {
    /// The main content as plain text, paragraphs separated by a blank line.
    pub text: String,
    pub title: Option<String>,
    /// ISO 8601 at the precision known.
    pub published: Option<String>,
    pub author: Option<String>,
    /// The canonical URL the page states.
    pub url: Option<String>,
    /// Figure captions and credits, never part of `text`.
    pub media: Vec<Media>,
}

/// PLACEHOLDER (html helper).
pub fn extract(html: &str) -> HtmlArticle {
    HtmlArticle { text: html.to_string(), ..HtmlArticle::default() }
}
