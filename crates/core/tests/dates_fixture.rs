//! The time stage over a real wire story: every date of the gold record must be found.

use serde_json::Value;
use sitrep_core::time::find_dates;

const TEXT: &str = include_str!("fixtures/armenia-azerbaijan-2022-09-13.txt");
const GOLD: &str = include_str!("fixtures/armenia-azerbaijan-2022-09-13.gold.json");

#[test]
fn every_gold_date_is_found() {
    let gold: Value = serde_json::from_str(GOLD).expect("gold JSON parses");
    let published = gold["published"].as_str();
    let found = find_dates(TEXT, published);
    for m in &found {
        assert_eq!(&TEXT[m.start..m.end], m.text, "offsets of {m:?}");
    }
    let entries = gold["dates"].as_array().expect("gold has dates");
    assert!(!entries.is_empty());
    let mut missing = Vec::new();
    for entry in entries {
        let text = entry["text"].as_str().expect("text");
        let value = entry["value"].as_str().expect("value");
        let optional = entry["optional"].as_bool().unwrap_or(false);
        let hit = found
            .iter()
            .any(|m| m.text.eq_ignore_ascii_case(text) && m.value == value);
        if !hit && !optional {
            missing.push(format!("{text} = {value}"));
        }
    }
    assert!(missing.is_empty(), "missing {missing:?}; found {found:#?}");
}

#[test]
fn counts_are_not_dates() {
    let found = find_dates(TEXT, Some("2022-09-13"));
    for count in ["2,000", "6,500"] {
        let at = TEXT.find(count).expect("the count is in the text");
        let overlapping = found
            .iter()
            .filter(|m| m.start < at + count.len() && at < m.end)
            .collect::<Vec<_>>();
        assert!(overlapping.is_empty(), "{count} read as {overlapping:?}");
    }
    assert!(found.iter().all(|m| m.value != "2000" && m.value != "6500"));
}
