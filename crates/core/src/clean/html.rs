//! Main-content extraction from HTML pages.
//!
//! dom_smoothie (a Readability.js port) finds the article; around it we take figure captions
//! out first (into `media`), read the metadata Readability does not give (canonical URL, the
//! many ways pages state a publication date), render the article as paragraphs, and drop the
//! page furniture Readability leaves inside the body.

mod boilerplate;
mod depth;
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
    /// What was given up to read the page (markup nested too deep).
    pub warnings: Vec<String>,
}

/// The main content and metadata of an HTML page. Never fails: a page without an article
/// gives empty text.
pub fn extract(html: &str) -> HtmlArticle {
    let capped = depth::cap_depth(html, depth::MAX_DEPTH);
    // The DOM and extractor crates are not ours; should one of them panic on some page, that
    // page gives nothing rather than taking the run down.
    let mut article =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extract_unguarded(&capped)))
            .unwrap_or_default();
    if let std::borrow::Cow::Owned(_) = capped {
        article.warnings.push(format!(
            "HTML nested deeper than {} elements; the deeper tags were ignored, their text kept",
            depth::MAX_DEPTH
        ));
    }
    article
}

fn extract_unguarded(html: &str) -> HtmlArticle {
    let doc = dom_query::Document::from(html);
    let page = meta::read(&doc);
    let media = figures::take_captions(&doc);
    let mut out = HtmlArticle {
        url: page.url,
        published: page.published,
        media,
        ..HtmlArticle::default()
    };

    let Ok(mut readability) = Readability::with_document(doc, None, Some(Config::default())) else {
        out.text = whole_page_text(html);
        return out;
    };
    let Ok(article) = readability.parse() else {
        // Readability gives up on pages with too little text to score (a short notice, a
        // fragment, a truncated download); what text there is still beats nothing.
        out.text = whole_page_text(html);
        return out;
    };
    out.title = non_empty(&article.title);
    out.author = article.byline.as_deref().and_then(non_empty);
    if out.published.is_none() {
        out.published = article
            .published_time
            .as_deref()
            .and_then(meta::normalize_date);
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
        if boilerplate::starts_author_box(&paragraph.text) {
            break;
        }
        let Some(text) = prose(&paragraph) else {
            continue;
        };
        if author.as_deref().is_some_and(|a| is_byline_of(&text, a)) {
            continue;
        }
        if let Some(media) = figures::caption_in_paragraph(&text) {
            out.media.push(media);
            continue;
        }
        kept.push(text);
    }
    if let Some(author) = &author {
        let bio = kept
            .iter()
            .rev()
            .take(MAX_TRAILING_BIOS)
            .take_while(|p| is_bio_of(p, author))
            .count();
        kept.truncate(kept.len() - bio);
    }
    let labels = kept
        .iter()
        .take(MAX_LEADING_LABELS)
        .take_while(|p| is_label(p))
        .count();
    out.text = kept[labels..].join("\n\n");
    out
}

/// Every paragraph of the page outside scripts, navigation and forms.
fn whole_page_text(html: &str) -> String {
    let doc = dom_query::Document::from(html);
    doc.select("script, style, noscript, template, nav, header, footer, aside, form, figure")
        .remove();
    let kept: Vec<String> = render::paragraphs(&doc.root())
        .iter()
        .filter_map(prose)
        .collect();
    kept.join("\n\n")
}

/// A paragraph's text, unless it is a list of links or page furniture.
fn prose(paragraph: &render::Paragraph) -> Option<String> {
    if paragraph.link_share() >= LINK_PARAGRAPH_SHARE {
        return None;
    }
    let text = decode_leftover_entities(&paragraph.text);
    (!boilerplate::is_furniture(&text)).then_some(text)
}

/// A paragraph this much link text is a link to elsewhere ("Related" lists, teasers).
const LINK_PARAGRAPH_SHARE: f64 = 0.9;

/// Section names and kickers above the first paragraph ("Entertainment", "World news").
const MAX_LEADING_LABELS: usize = 2;

fn is_label(paragraph: &str) -> bool {
    paragraph.split_whitespace().count() <= 2 && !paragraph.contains(['.', '!', '?', ':', ','])
}

/// Author notes closing a post ("Jane Roe covers energy for ...").
const MAX_TRAILING_BIOS: usize = 2;

fn is_bio_of(paragraph: &str, author_lowercase: &str) -> bool {
    let Some(first_name) = author_lowercase
        .split_whitespace()
        .next()
        .filter(|n| n.chars().count() >= 2)
    else {
        return false;
    };
    let start: String = paragraph
        .chars()
        .take(author_lowercase.len() + 1)
        .collect::<String>()
        .to_lowercase();
    start.starts_with(&format!("{author_lowercase} "))
        || start.starts_with(&format!("{first_name} "))
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

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "<p>The council voted on Tuesday to close the old bridge to traffic, citing a report \
        that found serious corrosion in its steel supports and a risk of collapse under heavy loads.</p>\
        <p>Engineers had warned for years that the bridge, built in 1931, needed repairs that the city \
        could not afford, and the vote followed a long and heated public meeting in the town hall.</p>\
        <p>Residents on the east side said the closure would add half an hour to their daily commute, \
        and several business owners asked the council to reconsider before the holiday season began.</p>";

    fn page(head: &str, body: &str) -> String {
        format!(
            "<!DOCTYPE html><html><head><title>Bridge to close</title>{head}</head><body><article><h1>Bridge to close</h1>{body}</article></body></html>"
        )
    }

    #[test]
    fn short_or_truncated_pages_keep_their_text() {
        let article =
            extract("<html><body><nav><a href=/>Home</a></nav><p>Polls close at 8 p.m. <b>tonight");
        assert_eq!(article.text, "Polls close at 8 p.m. tonight");
    }

    #[test]
    fn figcaption_goes_to_media_not_text() {
        let html = page(
            "",
            &format!(
                "{BODY}<figure><img src=\"a.jpg\"><figcaption>The old bridge at dusk. \
                 <span class=\"credit\">Jane Roe/Example Agency</span></figcaption></figure>"
            ),
        );
        let article = extract(&html);
        assert!(
            article.text.contains("serious corrosion"),
            "{}",
            article.text
        );
        assert!(!article.text.contains("bridge at dusk"));
        assert!(!article.text.contains("Jane Roe"));
        assert_eq!(
            article.media,
            vec![Media {
                caption: Some("The old bridge at dusk.".into()),
                credit: Some("Jane Roe/Example Agency".into()),
                date: None
            }]
        );
    }

    #[test]
    fn trailing_credit_in_caption_is_split_off() {
        let html = page(
            "",
            &format!(
                "{BODY}<figure><figcaption>Crowds gather. (AP Photo/John Doe)</figcaption></figure>"
            ),
        );
        let article = extract(&html);
        assert_eq!(article.media[0].caption.as_deref(), Some("Crowds gather."));
        assert_eq!(
            article.media[0].credit.as_deref(),
            Some("AP Photo/John Doe")
        );
        assert!(!article.text.contains("Crowds"));
    }

    #[test]
    fn published_from_json_ld() {
        let head = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"Bridge","datePublished":"2021-03-04T10:00:00+01:00"}]}</script>"#;
        assert_eq!(
            extract(&page(head, BODY)).published.as_deref(),
            Some("2021-03-04")
        );
    }

    #[test]
    fn published_from_meta_and_time() {
        let head = r#"<meta property="article:published_time" content="2020-11-19T08:30:00Z"><link rel="canonical" href="https://news.example/bridge">"#;
        let article = extract(&page(head, BODY));
        assert_eq!(article.published.as_deref(), Some("2020-11-19"));
        assert_eq!(article.url.as_deref(), Some("https://news.example/bridge"));
        let head = r#"<meta name="DC.date" content="2019-07">"#;
        assert_eq!(
            extract(&page(head, BODY)).published.as_deref(),
            Some("2019-07")
        );
        let body = format!("<time datetime=\"2018-02-03\">Feb 3</time>{BODY}");
        assert_eq!(
            extract(&page("", &body)).published.as_deref(),
            Some("2018-02-03")
        );
    }

    #[test]
    fn read_more_and_share_lines_are_dropped() {
        let body = format!(
            "{BODY}<p>Read more: <a href=\"/x\">Why old bridges fail</a></p><p>Share on Facebook</p>\
             <p>Sign up for our daily newsletter</p>"
        );
        let article = extract(&page("", &body));
        assert!(article.text.contains("holiday season"));
        assert!(!article.text.contains("Read more"), "{}", article.text);
        assert!(!article.text.contains("Share on"));
        assert!(!article.text.contains("newsletter"));
    }

    #[test]
    fn paragraphs_are_separated_by_a_blank_line_and_entities_decoded() {
        let body = format!(
            "{BODY}<p>Costs rose by a third &amp;amp; more, the report&#8217;s authors said in their summary of the findings.</p>"
        );
        let article = extract(&page("", &body));
        assert_eq!(article.text.matches("\n\n").count(), 3, "{}", article.text);
        assert!(
            article
                .text
                .contains("a third & more, the report’s authors"),
            "{}",
            article.text
        );
    }

    #[test]
    fn junk_never_panics() {
        let long = "<div>".repeat(5000);
        let deep = "<b>".repeat(100_000) + "text";
        for input in [
            "",
            "   ",
            "<html",
            "<p>unclosed <b>bold",
            "\u{0}\u{1}\u{fffd}binary",
            "{\"json\": true}",
            &long,
            &deep,
        ] {
            let article = extract(input);
            assert!(article.media.is_empty());
        }
        let truncated = page("", BODY);
        let _ = extract(&truncated[..truncated.len() / 2]);
    }
}
