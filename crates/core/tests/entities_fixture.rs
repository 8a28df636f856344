//! The fixture's persons and organizations against its gold record: one entity per person
//! with title, country and actor code; no credit or place as a person. Expected values are
//! read from the gold file.

use serde_json::Value;
use sitrep_core::record::{Entity, EntityKind};
use sitrep_core::text::fold;
use sitrep_core::{Article, Pipeline};

const ARTICLE: &str = include_str!("fixtures/armenia-azerbaijan-2022-09-13.txt");
const GOLD: &str = include_str!("fixtures/armenia-azerbaijan-2022-09-13.gold.json");

fn entities() -> (Vec<Entity>, Value) {
    let record = Pipeline::standard().run(Article::text("fixture", ARTICLE));
    (
        record.entities.expect("the entities stage ran"),
        serde_json::from_str(GOLD).unwrap(),
    )
}

fn names(gold: &Value) -> Vec<String> {
    let mut names = vec![fold(gold["name"].as_str().unwrap())];
    for alias in gold["aliases"].as_array().into_iter().flatten() {
        names.push(fold(alias.as_str().unwrap()));
    }
    names
}

/// Entities of `kind` known by any of the gold entry's names.
fn matching<'e>(entities: &'e [Entity], kind: EntityKind, gold: &Value) -> Vec<&'e Entity> {
    let names = names(gold);
    entities
        .iter()
        .filter(|e| e.kind == kind)
        .filter(|e| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .any(|n| names.contains(&fold(n)))
        })
        .collect()
}

fn check_coding(entity: &Entity, gold: &Value) {
    if let Some(country) = gold["country"].as_str() {
        assert_eq!(
            entity.country.as_deref(),
            Some(country),
            "country of {}",
            entity.name
        );
    }
    if let Some(actor) = gold["actor"].as_str() {
        let got = entity.actor.as_deref().unwrap_or("");
        assert!(
            got.starts_with(actor),
            "actor of {}: {got:?}, want {actor}",
            entity.name
        );
    }
}

#[test]
fn every_person_once_with_title_country_and_actor() {
    let (entities, gold) = entities();
    for person in gold["persons"].as_array().unwrap() {
        let found = matching(&entities, EntityKind::Person, person);
        assert_eq!(found.len(), 1, "{}: {found:#?}", person["name"]);
        let entity = found[0];
        if let Some(title) = person["title"].as_str() {
            assert_eq!(
                entity.title.as_deref().map(fold),
                Some(fold(title)),
                "title of {}",
                entity.name
            );
        }
        check_coding(entity, person);
    }
}

#[test]
fn credits_places_and_fragments_are_not_persons() {
    let (entities, gold) = entities();
    for name in gold["not_persons"].as_array().unwrap() {
        let name = fold(name.as_str().unwrap());
        let wrong: Vec<&Entity> = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .filter(|e| {
                std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .any(|n| fold(n) == name)
            })
            .collect();
        assert!(wrong.is_empty(), "{name} is not a person: {wrong:#?}");
    }
}

#[test]
fn required_organizations_with_actor_codes() {
    let (entities, gold) = entities();
    for org in gold["organizations"].as_array().unwrap() {
        if org["optional"].as_bool() == Some(true) {
            continue;
        }
        let found = matching(&entities, EntityKind::Organization, org);
        assert_eq!(found.len(), 1, "{}: {found:#?}", org["name"]);
        check_coding(found[0], org);
    }
}

#[test]
fn mentions_are_spans_of_the_text() {
    let record = Pipeline::standard().run(Article::text("fixture", ARTICLE));
    for entity in record.entities.unwrap() {
        for [start, end] in &entity.mentions {
            let surface = &record.text[*start..*end];
            assert!(
                surface == entity.name || entity.aliases.iter().any(|a| a == surface),
                "{surface:?} in {entity:?}"
            );
        }
    }
}
