//! The fixture's required places against its gold record: each resolved within its tolerance.
//! Names, countries, points and tolerances are read from the gold file.

use serde_json::Value;
use sitrep_core::geo::km;
use sitrep_core::record::EntityKind;
use sitrep_core::text::fold;
use sitrep_core::{Article, Pipeline};

const ARTICLE: &str = include_str!("fixtures/armenia-azerbaijan-2022-09-13.txt");
const GOLD: &str = include_str!("fixtures/armenia-azerbaijan-2022-09-13.gold.json");

#[test]
fn every_required_place_within_tolerance() {
    let record = Pipeline::standard().run(Article::text("fixture", ARTICLE));
    let entities = record.entities.expect("the entities stage ran");
    let gold: Value = serde_json::from_str(GOLD).unwrap();
    let mut failures = Vec::new();
    let mut checked = 0;
    for place in gold["places"].as_array().unwrap() {
        if place["optional"].as_bool() == Some(true) {
            continue;
        }
        checked += 1;
        let mut names = vec![fold(place["name"].as_str().unwrap())];
        names.extend(
            place["aliases"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(fold),
        );
        let want = (
            place["lat"].as_f64().unwrap(),
            place["lon"].as_f64().unwrap(),
        );
        let tolerance = place["tolerance_km"].as_f64().unwrap_or(25.0);
        let found = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Location)
            .find(|e| {
                std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .any(|n| names.contains(&fold(n)))
            });
        let Some(entity) = found else {
            failures.push(format!("{}: no location entity", place["name"]));
            continue;
        };
        let Some(geo) = &entity.geo else {
            failures.push(format!("{}: unresolved", place["name"]));
            continue;
        };
        let off = km(want, (geo.lat, geo.lon));
        if off > tolerance {
            failures.push(format!("{}: {:?} is {off:.0} km off", place["name"], geo));
        }
        if let Some(cc) = place["country"].as_str()
            && geo.country_code.as_deref() != Some(cc)
        {
            failures.push(format!(
                "{}: country {:?}, want {cc}",
                place["name"], geo.country_code
            ));
        }
    }
    assert!(checked >= 12, "gold lists {checked} required places");
    assert!(failures.is_empty(), "{failures:#?}");
}
