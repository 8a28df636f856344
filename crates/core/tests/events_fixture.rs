//! The fixture's events against its gold record: every required event with its type, CAMEO
//! root, source, target, date, background flag and, where the gold gives them, place country,
//! fatalities and mode; nothing from captions or credits; no background event dated in the
//! publication year.

use serde_json::Value;
use sitrep_core::record::{Entity, Event, Record};
use sitrep_core::text::fold;
use sitrep_core::{Article, Pipeline};

const ARTICLE: &str = include_str!("fixtures/armenia-azerbaijan-2022-09-13.txt");
const GOLD: &str = include_str!("fixtures/armenia-azerbaijan-2022-09-13.gold.json");

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|s| s.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn entity<'a>(record: &'a Record, id: Option<&String>) -> Option<&'a Entity> {
    record.entities.as_ref()?.iter().find(|e| Some(&e.id) == id)
}

/// A gold party is a name (of a person or organization, any spelling the gold gives) or an
/// actor code, matched by prefix.
fn party_matches(
    gold: &Value,
    record: &Record,
    wanted: &Value,
    id: Option<&String>,
    code: Option<&String>,
) -> bool {
    strings(wanted).iter().any(|want| {
        let is_code = want.len() >= 3 && want.chars().all(|c| c.is_ascii_uppercase());
        if is_code {
            return code.is_some_and(|c| c.starts_with(want.as_str()));
        }
        let mut spellings = vec![fold(want)];
        for list in ["persons", "organizations"] {
            for e in gold[list].as_array().into_iter().flatten() {
                if e["name"].as_str().is_some_and(|n| fold(n) == fold(want)) {
                    spellings.extend(strings(&e["aliases"]).iter().map(|a| fold(a)));
                }
            }
        }
        entity(record, id).is_some_and(|e| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .any(|n| spellings.contains(&fold(n)))
        })
    })
}

fn matches(gold: &Value, record: &Record, want: &Value, event: &Event) -> Result<(), String> {
    let check = |ok: bool, what: &str| if ok { Ok(()) } else { Err(what.to_string()) };
    check(
        want["plover"].as_str() == Some(event.plover.as_str()),
        "type",
    )?;
    let root = want["cameo_root"].as_str().unwrap_or("");
    check(
        event.cameo.as_deref().is_some_and(|c| c.starts_with(root)),
        "cameo root",
    )?;
    check(
        party_matches(
            gold,
            record,
            &want["source"],
            event.source.as_ref(),
            event.source_actor.as_ref(),
        ),
        "source",
    )?;
    if !want["target"].is_null() {
        check(
            party_matches(
                gold,
                record,
                &want["target"],
                event.target.as_ref(),
                event.target_actor.as_ref(),
            ),
            "target",
        )?;
    }
    let mut dates = strings(&want["date_any"]);
    dates.extend(strings(&want["date"]));
    if !dates.is_empty() {
        check(
            event.date.as_ref().is_some_and(|d| dates.contains(d)),
            "date",
        )?;
    }
    check(
        want["background"].as_bool() == Some(event.background),
        "background",
    )?;
    if let Some(country) = want["place_country"].as_str() {
        let place = entity(record, event.place.as_ref()).and_then(|e| e.geo.as_ref());
        check(
            place.and_then(|g| g.country_code.as_deref()) == Some(country),
            "place country",
        )?;
    }
    let places = strings(&want["place_any"]);
    if !places.is_empty() {
        // Transliterations differ in their vowels ("Dashkesán" / "Dashkasan"): compare consonants.
        let skeleton = |s: &str| {
            fold(s)
                .chars()
                .filter(|c| c.is_alphabetic() && !"aeiouy".contains(*c))
                .collect::<String>()
        };
        let place = entity(record, event.place.as_ref()).map(|e| skeleton(&e.name));
        check(
            place.is_some_and(|p| places.iter().any(|want| skeleton(want) == p)),
            "place",
        )?;
    }
    if let Some(n) = want["fatalities"].as_u64() {
        check(event.fatalities == Some(n), "fatalities")?;
    }
    let mut modes = strings(&want["mode_any"]);
    modes.extend(strings(&want["mode"]));
    if !modes.is_empty() {
        check(
            event.mode.as_ref().is_some_and(|m| modes.contains(m)),
            "mode",
        )?;
    }
    Ok(())
}

#[test]
fn required_events_are_coded() {
    let gold: Value = serde_json::from_str(GOLD).expect("gold parses");
    let record = Pipeline::standard().run(Article::text("fixture", ARTICLE));
    let events = record.events.as_deref().expect("events stage ran");
    let mut missing = Vec::new();
    for want in gold["events"].as_array().expect("gold events") {
        if want["optional"].as_bool() == Some(true) {
            continue;
        }
        let outcomes: Vec<Result<(), String>> = events
            .iter()
            .map(|e| matches(&gold, &record, want, e))
            .collect();
        if !outcomes.iter().any(Result::is_ok) {
            let reasons: Vec<String> = outcomes.into_iter().filter_map(Result::err).collect();
            missing.push(format!("{want}: {reasons:?}"));
        }
    }
    assert!(
        missing.is_empty(),
        "events not coded:\n{}\n\ncoded: {events:#?}",
        missing.join("\n")
    );
}

#[test]
fn no_event_from_credits_or_past_wars_as_news() {
    let record = Pipeline::standard().run(Article::text("fixture", ARTICLE));
    let events = record.events.as_deref().expect("events stage ran");
    let published_year = record
        .published
        .as_deref()
        .and_then(|p| p.get(..4))
        .expect("published");
    for event in events {
        for party in [&event.source, &event.target] {
            let name = entity(&record, party.as_ref())
                .map(|e| e.name.as_str())
                .unwrap_or("");
            assert!(
                !["Raquel Cunha", "Reuters", "EFE", "AFP"].contains(&name),
                "{event:?}"
            );
        }
        let date = event.date.as_deref().unwrap_or("");
        if event.background {
            assert!(
                !date.starts_with(published_year),
                "background event dated in the news year: {event:?}"
            );
        } else {
            assert!(
                date >= published_year,
                "a past event told as news: {event:?}"
            );
        }
        // The caption "09-06-2021 Azerbaijani military in Nagorno-Karabakh" is not an event.
        assert!(!date.starts_with("2021"), "{event:?}");
    }
}
