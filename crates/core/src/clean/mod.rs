//! Clean: from raw input to the article body, with what does not belong in it moved out.
//!
//! HTML pages go through main-content extraction first ([`html`]); then every body, from HTML
//! or plain text, goes through the plain-text pass ([`plain`]) that scraping leftovers need:
//! metadata lines, photo captions and credits, agency sign-offs. Wire agencies credited
//! anywhere in the input are collected under canonical names ([`agencies`]).

pub mod agencies;
pub mod html;
pub mod plain;

use crate::document::{Body, Document};
use crate::stage::Stage;

pub struct Clean;

impl Stage for Clean {
    fn name(&self) -> &'static str {
        "clean"
    }

    fn preloads(&self) -> &'static [fn()] {
        &[agencies::preload]
    }

    fn run(&self, doc: &mut Document) {
        let record = &mut doc.record;
        let body = match &doc.body {
            Body::Html(html) => {
                let page = html::extract(html);
                record.title = record.title.take().or(page.title);
                record.published = record.published.take().or(page.published);
                record.author = record.author.take().or(page.author);
                record.url = record.url.take().or(page.url);
                record.media.extend(page.media);
                record.warnings.extend(page.warnings);
                page.text
            }
            Body::Text(text) => text.clone(),
        };
        let cleaned = plain::clean(&body);
        record.text = cleaned.text;
        record.media.extend(cleaned.media);
        record.published = record.published.take().or(cleaned.published);
        record.author = record.author.take().or(cleaned.author);
        record.published = record.published.take().or(doc.default_published.clone());
        let mut credited = cleaned.agencies;
        credited.extend(agencies::find(&body));
        if let Some(author) = &record.author {
            credited.extend(agencies::find(author));
        }
        for media in &record.media {
            credited.extend(
                media
                    .credit
                    .as_deref()
                    .map(agencies::find)
                    .unwrap_or_default(),
            );
        }
        record.agencies = agencies::dedup(credited);
    }
}
