//! Properties of the pipeline over random texts built from words, glued words, odd Unicode
//! spaces, punctuation and quotes: no stage panics, every offset lies inside the text on a char
//! boundary, spans are ordered, the record is valid JSON (`support/invariants.rs`), and
//! cleaning clean text changes nothing. 64 cases each, so the suite stays quick in dev builds.

use std::sync::LazyLock;

use proptest::prelude::*;
use sitrep_core::clean::plain;
use sitrep_core::{Article, Body, Pipeline};

#[path = "support/invariants.rs"]
mod invariants;

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::standard);

const WORDS: &[&str] = &[
    "the",
    "a",
    "of",
    "in",
    "and",
    "to",
    "said",
    "told",
    "killed",
    "wounded",
    "people",
    "at",
    "least",
    "soldiers",
    "police",
    "protesters",
    "attack",
    "attacked",
    "troops",
    "border",
    "government",
    "minister",
    "president",
    "on",
    "Monday",
    "September",
    "13",
    "2022",
    "1,000",
    "dozens",
    "three",
    "Armenia",
    "Azerbaijan",
    "Kyiv",
    "Ukraine",
    "Russia",
    "Paris",
    "United",
    "Nations",
    "Antony",
    "Blinken",
    "Guterres",
    "Reuters",
    "AP",
    "AFP",
    "By",
    "Photo:",
    "EFE",
    "REUTERS/Raquel",
    "Cunha",
    "(Reuters)",
    "-",
    "Read",
    "more",
    "Advertisement",
    "é",
    "naïve",
    "São",
    "Paulo",
    "Zürich",
    "北京",
    "Москва",
    "🙂",
];
const GLUED: &[&str] = &[
    "Guterresasked",
    "Blinkcalled",
    "Aliyevto",
    "theattack",
    "saidon",
    "Armeniaand",
    "killedat",
    "Mondaythe",
    "Zürichsaid",
    "Москваand",
];
/// Spaces a scraper leaves: thin, em, ideographic, line and paragraph separators, NEL,
/// no-break and zero-width, besides the ordinary ones.
const SPACES: &[&str] = &[
    " ", " ", " ", "\n", "\n\n", "\t", "\r\n", "\u{2009}", "\u{2003}", "\u{3000}", "\u{2028}",
    "\u{2029}", "\u{0085}", "\u{00A0}", "\u{200B}",
];
const PUNCTUATION: &[&str] = &[
    ".", ". ", ",", "!", "?", ";", ":", "—", "–", "-", "(", ")", "…", "/", "%", "&",
];
const QUOTES: &[&str] = &["\"", "“", "”", "‘", "’", "'", "«", "»", "„", "\" "];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(WORDS).prop_map(str::to_string),
        2 => prop::sample::select(GLUED).prop_map(str::to_string),
        6 => prop::sample::select(SPACES).prop_map(str::to_string),
        2 => prop::sample::select(PUNCTUATION).prop_map(str::to_string),
        1 => prop::sample::select(QUOTES).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Pieces joined as they come: a word next to a word is a glued word, as scraping leaves them.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|pieces| pieces.concat())
}

/// 64, or `PROPTEST_CASES` for a longer search.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

fn record_of(body: Body) -> sitrep_core::Record {
    let mut article = Article::text("property", "");
    article.body = body;
    PIPELINE.run(article)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn text_bodies_give_records_with_sound_offsets_and_json(text in text()) {
        let record = record_of(Body::Text(text));
        if let Err(message) = invariants::check_record(&record) {
            panic!("{message}\nrecord text: {:?}", record.text);
        }
    }

    #[test]
    fn html_bodies_give_records_with_sound_offsets_and_json(
        title in text(),
        paragraphs in prop::collection::vec(text(), 1..6),
    ) {
        let mut html = format!("<html><head><title>{title}</title></head><body><article><h1>{title}</h1>");
        for paragraph in &paragraphs {
            html.push_str(&format!("<p>{paragraph}</p>"));
        }
        html.push_str("</article></body></html>");
        let record = record_of(Body::Html(html));
        if let Err(message) = invariants::check_record(&record) {
            panic!("{message}\nrecord text: {:?}", record.text);
        }
    }

    #[test]
    fn cleaning_clean_text_changes_nothing(text in text()) {
        let once = plain::clean(&text).text;
        let twice = plain::clean(&once).text;
        prop_assert_eq!(twice, once);
    }
}
