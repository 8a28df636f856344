//! Main-content extraction from HTML pages.
//!
//! dom_smoothie (a Readability.js port) finds the article; around it we take figure captions
//! out first (into `media`), read the metadata Readability does not give (canonical URL, the
//! many ways pages state a publication date), render the article as paragraphs, and drop the
//! page furniture Readability leaves inside the body.

mod boilerplate;
mod figures;
mod meta;
mod render;

use dom_smoothie::{Config, Readability};

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

/// The main content and metadata of an HTML page. Never fails: a page without an article
/// gives empty text.
pub fn extract(html: &str) -> HtmlArticle {
    let doc = dom_query::Document::from(html);
    let page = meta::read(&doc);
    let media = figures::take_captions(&doc);
    let mut out = HtmlArticle { url: page.url, published: page.published, media, ..HtmlArticle::default() };

    let Ok(mut readability) = Readability::with_document(doc, None, Some(Config::default())) else {
        return out;
    };
    let Ok(article) = readability.parse() else {
        return out;
    };
    out.title = non_empty(&article.title);
    out.author = article.byline.as_deref().and_then(non_empty);
    if out.published.is_none() {
        out.published = article.published_time.as_deref().and_then(meta::normalize_date);
    }
    if out.url.is_none() {
        out.url = article.url.filter(|u| u.starts_with("http"));
    }

    let content = dom_query::Document::fragment(article.content);
    let author = out.author.as_deref().map(|a| {
        let a = a.to_lowercase();
        a.strip_prefix("by ").map(str::to_string).unwrap_or(a)
    });
    let mut kept: Vec<String> = Vec::new();
    for paragraph in render::paragraphs(&content.root()) {
        if paragraph.link_share() >= LINK_PARAGRAPH_SHARE {
            continue;
        }
        let text = decode_leftover_entities(&paragraph.text);
        if boilerplate::is_furniture(&text) || author.as_deref().is_some_and(|a| is_byline_of(&text, a)) {
            continue;
        }
        if let Some(media) = figures::caption_in_paragraph(&text) {
            out.media.push(media);
            continue;
        }
        kept.push(text);
    }
    let labels = kept.iter().take(MAX_LEADING_LABELS).take_while(|p| is_label(p)).count();
    out.text = kept[labels..].join("\n\n");
    out
}

/// A paragraph this much link text is a link to elsewhere ("Related" lists, teasers).
const LINK_PARAGRAPH_SHARE: f64 = 0.9;

/// Section names and kickers above the first paragraph ("Entertainment", "World news").
const MAX_LEADING_LABELS: usize = 2;

fn is_label(paragraph: &str) -> bool {
    paragraph.split_whitespace().count() <= 2 && !paragraph.contains(['.', '!', '?', ':', ','])
}

/// The byline repeated in the body: the author's name alone or with a title.
fn is_byline_of(paragraph: &str, author_lowercase: &str) -> bool {
    let paragraph = paragraph.to_lowercase();
    let paragraph = paragraph.strip_prefix("by ").unwrap_or(&paragraph);
    paragraph.len() <= author_lowercase.len() + 40 && paragraph.starts_with(author_lowercase)
        || paragraph == author_lowercase
}

fn non_empty(s: &str) -> Option<String> {
    let s = render::squash(s);
    (!s.is_empty()).then_some(s)
}

/// Pages that escape twice ("&amp;amp;") leave entities in the parsed text.
fn decode_leftover_entities(text: &str) -> String {
    if text.contains('&') && text.contains(';') {
        html_escape::decode_html_entities(text).into_owned()
    } else {
        text.to_string()
    }
}
