//! Page metadata the article text does not carry: canonical URL and publication date.

use std::sync::LazyLock;

use dom_query::{Document, Matcher};
use regex::Regex;
use serde_json::Value;

use super::render::squash;

fn matcher(selector: &str) -> Matcher {
    Matcher::new(selector).expect("valid selector")
}

static CANONICAL: LazyLock<Matcher> =
    LazyLock::new(|| matcher(r#"link[rel~="canonical" i][href]"#));
static META: LazyLock<Matcher> = LazyLock::new(|| matcher("meta[content]"));
static JSON_LD: LazyLock<Matcher> =
    LazyLock::new(|| matcher(r#"script[type="application/ld+json" i]"#));
static ITEMPROP_PUBLISHED: LazyLock<Matcher> =
    LazyLock::new(|| matcher(r#"[itemprop="datePublished" i]"#));
static TIME_PUBDATE: LazyLock<Matcher> = LazyLock::new(|| matcher("time[pubdate]"));
static TIME: LazyLock<Matcher> = LazyLock::new(|| matcher("time[datetime]"));

/// `name`/`property` values of `<meta>` tags that state the publication date, most specific first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "publish-date",
    "publishdate",
    "publish_date",
    "published_time",
    "publication_date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "date",
];

const URL_KEYS: &[&str] = &["og:url", "twitter:url"];

/// An ISO 8601 timestamp's date part, at the precision written.
static ISO_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ]|\s*$)").expect("valid regex")
});

#[derive(Debug, Default, PartialEq)]
pub struct PageMeta {
    pub url: Option<String>,
    pub published: Option<String>,
}

pub fn read(doc: &Document) -> PageMeta {
    let metas: Vec<(String, String)> = doc
        .select_matcher(&META)
        .nodes()
        .iter()
        .filter_map(|node| {
            let key = node
                .attr("property")
                .or_else(|| node.attr("name"))
                .or_else(|| node.attr("itemprop"))?;
            Some((
                key.trim().to_ascii_lowercase(),
                squash(&node.attr("content")?),
            ))
        })
        .filter(|(_, value)| !value.is_empty())
        .collect();
    let meta = |keys: &[&str]| -> Vec<&str> {
        keys.iter()
            .flat_map(|key| {
                metas
                    .iter()
                    .filter(move |(k, _)| k == key)
                    .map(|(_, v)| v.as_str())
            })
            .collect()
    };

    let canonical = doc
        .select_matcher(&CANONICAL)
        .nodes()
        .iter()
        .filter_map(|n| n.attr("href"))
        .map(|h| h.trim().to_string())
        .find(|h| is_absolute(h));
    let url = canonical.or_else(|| {
        meta(URL_KEYS)
            .into_iter()
            .find(|u| is_absolute(u))
            .map(str::to_string)
    });

    let mut candidates: Vec<String> = json_ld_published(doc);
    candidates.extend(meta(PUBLISHED_KEYS).into_iter().map(str::to_string));
    for m in [&*ITEMPROP_PUBLISHED, &*TIME_PUBDATE, &*TIME] {
        for node in doc.select_matcher(m).nodes() {
            if let Some(v) = node.attr("datetime").or_else(|| node.attr("content")) {
                candidates.push(v.to_string());
            } else {
                candidates.push(squash(&node.text()));
            }
        }
    }
    let published = candidates.iter().find_map(|c| normalize_date(c));
    PageMeta { url, published }
}

fn is_absolute(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

/// `YYYY-MM-DD` (or `YYYY-MM`) from an ISO timestamp; other forms go to the date reader.
pub fn normalize_date(s: &str) -> Option<String> {
    if let Some(c) = ISO_DATE.captures(s) {
        let (year, month) = (&c[1], &c[2]);
        if !(1..=12).contains(&month.parse::<u32>().ok()?) {
            return None;
        }
        return Some(match c.get(3) {
            Some(day) if (1..=31).contains(&day.as_str().parse::<u32>().ok()?) => {
                format!("{year}-{month}-{}", day.as_str())
            }
            Some(_) => return None,
            None => format!("{year}-{month}"),
        });
    }
    if s.trim().is_empty() {
        return None;
    }
    crate::time::parse_date(s.trim())
}

fn json_ld_published(doc: &Document) -> Vec<String> {
    let mut found = Vec::new();
    for node in doc.select_matcher(&JSON_LD).nodes() {
        if let Ok(value) = serde_json::from_str::<Value>(node.text().trim()) {
            collect_key(&value, "datePublished", &mut found, 0);
        }
    }
    found
}

/// Depth-limited, since JSON-LD from the wild can nest without end.
fn collect_key(value: &Value, key: &str, found: &mut Vec<String>, depth: usize) {
    if depth > 16 {
        return;
    }
    match value {
        Value::Object(map) => {
            if let Some(Value::String(s)) = map.get(key) {
                found.push(s.clone());
            }
            for v in map.values() {
                collect_key(v, key, found, depth + 1);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|v| collect_key(v, key, found, depth + 1)),
        _ => {}
    }
}
