//! The fixture's record against its gold: publication date, agencies, media, and nothing of
//! the captions or credits left in the text. Expected values are read from the gold file.

use serde_json::Value;
use sitrep_core::{Article, Pipeline, Record};

const ARTICLE: &str = include_str!("fixtures/armenia-azerbaijan-2022-09-13.txt");
const GOLD: &str = include_str!("fixtures/armenia-azerbaijan-2022-09-13.gold.json");

fn record_and_gold() -> (Record, Value) {
    let record = Pipeline::standard().run(Article::text("fixture", ARTICLE));
    (record, serde_json::from_str(GOLD).unwrap())
}

fn normalized(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn publication_date_and_language() {
    let (record, gold) = record_and_gold();
    assert_eq!(record.published.as_deref(), gold["published"].as_str());
    assert_eq!(record.language.as_deref(), gold["language"].as_str());
}

#[test]
fn every_credited_agency_once() {
    let (record, gold) = record_and_gold();
    let mut want: Vec<&str> = gold["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    let mut got: Vec<&str> = record.agencies.iter().map(String::as_str).collect();
    want.sort();
    got.sort();
    assert_eq!(got, want);
}

#[test]
fn captions_and_credits_go_to_media() {
    let (record, gold) = record_and_gold();
    let want = gold["media"].as_array().unwrap();
    assert_eq!(record.media.len(), want.len(), "media: {:#?}", record.media);
    for (got, want) in record.media.iter().zip(want) {
        assert_eq!(
            got.caption.as_deref().map(normalized),
            want["caption"].as_str().map(normalized)
        );
        assert_eq!(
            got.credit.as_deref().map(normalized),
            want["credit"].as_str().map(normalized)
        );
        assert_eq!(got.date.as_deref(), want["date"].as_str());
    }
}

#[test]
fn no_caption_or_credit_text_left() {
    let (record, gold) = record_and_gold();
    for banned in gold["not_in_text"].as_array().unwrap() {
        let banned = banned.as_str().unwrap();
        assert!(
            !record.text.contains(banned),
            "{banned:?} is still in the text"
        );
    }
}

#[test]
fn sentences_cover_the_text_in_order() {
    let (record, _) = record_and_gold();
    let mut previous_end = 0;
    for [start, end] in &record.sentences {
        assert!(previous_end <= *start && start < end && *end <= record.text.len());
        assert!(
            record.text[previous_end..*start].trim().is_empty(),
            "text between sentences"
        );
        previous_end = *end;
    }
    assert!(record.text[previous_end..].trim().is_empty());
}
