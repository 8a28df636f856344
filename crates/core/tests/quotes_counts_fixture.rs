//! The fixture's quotes and counts against its gold record: every gold quote found with its
//! speaker, the required counts with their qualifier and background flag, no year or day as a
//! count.

use serde_json::Value;
use sitrep_core::record::Entity;
use sitrep_core::text::fold;
use sitrep_core::{Article, Pipeline};

const ARTICLE: &str = include_str!("fixtures/armenia-azerbaijan-2022-09-13.txt");
const GOLD: &str = include_str!("fixtures/armenia-azerbaijan-2022-09-13.gold.json");

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Every spelling the gold gives for `name`: the name and the aliases of its gold person or
/// organization.
fn gold_spellings(gold: &Value, name: &str) -> Vec<String> {
    let mut out = vec![fold(name)];
    for list in ["persons", "organizations"] {
        for e in gold[list].as_array().into_iter().flatten() {
            if e["name"].as_str().is_some_and(|n| fold(n) == fold(name)) {
                out.extend(strings(&e["aliases"]).iter().map(|a| fold(a)));
            }
        }
    }
    out
}

fn entity_is(entity: &Entity, spellings: &[String]) -> bool {
    std::iter::once(&entity.name)
        .chain(&entity.aliases)
        .any(|n| spellings.contains(&fold(n)))
}

#[test]
fn gold_quotes_are_found_with_their_speakers() {
    let gold: Value = serde_json::from_str(GOLD).expect("gold parses");
    let record = Pipeline::standard().run(Article::text("fixture", ARTICLE));
    let quotes = record.quotes.as_ref().expect("quotes stage ran");
    let entities = record.entities.as_deref().unwrap_or(&[]);
    let mut failures = Vec::new();
    let gold_quotes = gold["quotes"].as_array().expect("gold quotes");
    for g in gold_quotes {
        let contains = g["contains"].as_str().unwrap_or_default();
        let occurrence = g["occurrence"].as_u64().unwrap_or(1) as usize;
        let Some(q) = quotes
            .iter()
            .filter(|q| q.text.contains(contains))
            .nth(occurrence - 1)
        else {
            failures.push(format!("not found: {contains:?} #{occurrence}"));
            continue;
        };
        let mut names = vec![g["speaker"].as_str().unwrap_or_default().to_string()];
        names.extend(strings(&g["also_ok"]));
        let spellings: Vec<String> = names
            .iter()
            .flat_map(|n| gold_spellings(&gold, n))
            .collect();
        let speaker = q
            .speaker
            .as_ref()
            .and_then(|id| entities.iter().find(|e| &e.id == id));
        if !speaker.is_some_and(|e| entity_is(e, &spellings)) {
            failures.push(format!(
                "{contains:?}: speaker {:?}, want {names:?}",
                q.speaker_name
            ));
        }
    }
    assert!(gold_quotes.len() >= 11);
    assert!(failures.is_empty(), "{failures:#?}\n{quotes:#?}");
}

#[test]
fn gold_counts_are_found_and_no_dates_are_counts() {
    let gold: Value = serde_json::from_str(GOLD).expect("gold parses");
    let record = Pipeline::standard().run(Article::text("fixture", ARTICLE));
    let counts = record.counts.as_ref().expect("counts stage ran");
    let mut failures = Vec::new();
    for g in gold["counts"].as_array().expect("gold counts") {
        if g["optional"].as_bool() == Some(true) {
            continue;
        }
        let found = counts.iter().any(|c| {
            Some(c.kind.as_str()) == g["kind"].as_str()
                && Some(c.number) == g["number"].as_u64()
                && Some(c.qualifier.as_str()) == g["qualifier"].as_str()
                && Some(c.background) == g["background"].as_bool()
                && g["subject_contains"].as_str().is_none_or(|s| {
                    c.subject
                        .as_deref()
                        .is_some_and(|sub| fold(sub).contains(&fold(s)))
                })
        });
        if !found {
            failures.push(format!("missing {g}"));
        }
    }
    for g in gold["not_counts"].as_array().expect("gold not_counts") {
        if let Some(c) = counts
            .iter()
            .find(|c| Some(c.number) == g["number"].as_u64())
        {
            failures.push(format!("not a count: {c:?}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}\n{counts:#?}");
}
