use super::*;

fn at(name: &str, ctx: &Context) -> Option<Geo> {
    resolve(name, ctx)
}

#[test]
fn countries_resolve_to_the_country() {
    let ctx = Context::new();
    for (name, cc) in [
        ("Armenia", "AM"),
        ("US", "US"),
        ("U.S.", "US"),
        ("United States", "US"),
        ("France", "FR"),
    ] {
        let g = at(name, &ctx).unwrap_or_else(|| panic!("{name} unresolved"));
        assert_eq!(
            (g.feature.as_str(), g.country_code.as_deref()),
            ("country", Some(cc)),
            "{name}"
        );
    }
}

#[test]
fn accents_and_transliterations_meet() {
    let mut ctx = Context::new();
    ctx.add_country("AZE", 3);
    let a = at("Dashkesán", &ctx).expect("Dashkesán");
    let b = at("Daşkəsən", &ctx).expect("Daşkəsən");
    let c = at("Kelbadzhar", &ctx).expect("Kelbadzhar (loose key)");
    assert!(km((a.lat, a.lon), (b.lat, b.lon)) < 25.0);
    assert_eq!(c.country_code.as_deref(), Some("AZ"));
}

#[test]
fn georgia_is_the_country_unless_the_article_is_american() {
    let g = at("Georgia", &Context::new()).expect("Georgia");
    assert_eq!(
        (g.feature.as_str(), g.country_code.as_deref()),
        ("country", Some("GE"))
    );
    let mut us = Context::new();
    us.add_country("US", 3);
    us.add_admin1("US", "GA");
    let g = at("Georgia", &us).expect("Georgia, US");
    assert_eq!(
        (g.feature.as_str(), g.country_code.as_deref()),
        ("admin1", Some("US"))
    );
}

#[test]
fn context_picks_the_right_namesake() {
    let paris = at("Paris", &Context::new()).expect("Paris");
    assert_eq!(paris.country_code.as_deref(), Some("FR"));
    let mut ctx = Context::new();
    ctx.add_country("CA", 4);
    ctx.add_admin1("CA", "08");
    let london = at("London", &ctx).expect("London, Ontario");
    assert_eq!(london.country_code.as_deref(), Some("CA"));
}

#[test]
fn common_words_and_unknowns_stay_unresolved() {
    let ctx = Context::new();
    assert!(at("Price", &ctx).is_none());
    assert!(at("Xqzzyville", &ctx).is_none());
    assert!(at("", &ctx).is_none());
    assert!(at("\u{0}\u{ffff}..", &ctx).is_none());
}

#[test]
fn disputed_regions_are_known() {
    let g = at("Nagorno-Karabakh", &Context::new()).expect("Nagorno-Karabakh");
    assert_eq!(g.country_code.as_deref(), Some("AZ"));
    assert!(at("the Gaza Strip", &Context::new()).is_some());
}

#[test]
fn state_abbreviations_give_the_namesake() {
    let mut ctx = Context::new();
    ctx.add_country("US", 2);
    let tn = at("Tenn.", &ctx).expect("Tenn.");
    assert_eq!(
        (tn.feature.as_str(), tn.admin1.as_deref()),
        ("admin1", Some("Tennessee"))
    );
    ctx.add_admin1("US", "TN");
    let paris = at("Paris", &ctx).expect("Paris, Tenn.");
    assert_eq!(paris.admin1.as_deref(), Some("Tennessee"));
}

#[test]
fn a_city_wins_over_its_same_named_division() {
    let moscow = at("Moscow", &Context::new()).expect("Moscow");
    assert_eq!(
        (moscow.feature.as_str(), moscow.country_code.as_deref()),
        ("city", Some("RU"))
    );
}

#[test]
fn stage_fills_geo_and_country_and_finds_untagged_places() {
    let text = "Troops shelled villages in Nagorno-Karabakh on Tuesday, officials in Baku said.";
    let mut doc = crate::Document::new(crate::Article::text("t", text));
    doc.record.text = text.to_string();
    let at = text.find("Baku").unwrap();
    doc.record.entities = Some(vec![crate::record::Entity {
        id: "e1".into(),
        kind: EntityKind::Location,
        name: "Baku".into(),
        aliases: vec![],
        title: None,
        country: None,
        actor: None,
        mentions: vec![[at, at + 4]],
        geo: None,
    }]);
    Places::new().run(&mut doc);
    let entities = doc.record.entities.unwrap();
    assert_eq!(entities[0].country.as_deref(), Some("AZE"));
    assert_eq!(
        entities[0].geo.as_ref().map(|g| g.feature.as_str()),
        Some("city")
    );
    let karabakh = entities
        .iter()
        .find(|e| e.name == "Nagorno-Karabakh")
        .expect("found by the scan");
    assert_eq!(
        karabakh
            .geo
            .as_ref()
            .and_then(|g| g.country_code.as_deref()),
        Some("AZ")
    );
}

#[test]
fn junk_and_many_places_do_not_panic() {
    let junk = "\u{0}\u{feff}ÿ Ω.. 'U.S' -- ''. Mass. Man. Us. US.".repeat(50);
    let places = "Paris, London, Springfield, Georgia, Texas and Moscow. ".repeat(200);
    for text in [junk, places, String::new()] {
        let mut doc = crate::Document::new(crate::Article::text("t", text.clone()));
        doc.record.text = text;
        doc.record.entities = Some(Vec::new());
        Places::new().run(&mut doc);
        assert!(doc.record.entities.is_some());
    }
}

/// Runs the stage over `text` with organizations named by `orgs` (each mention found in order).
fn places_with_organizations(text: &str, orgs: &[&str]) -> Vec<crate::record::Entity> {
    let mut doc = crate::Document::new(crate::Article::text("t", text));
    doc.record.text = text.to_string();
    let mut from = 0;
    let entities = orgs
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let at = from + text[from..].find(name).expect("org in text");
            from = at + name.len();
            crate::record::Entity {
                id: format!("e{}", i + 1),
                kind: EntityKind::Organization,
                name: name.to_string(),
                aliases: vec![],
                title: None,
                country: None,
                actor: None,
                mentions: vec![[at, from]],
                geo: None,
            }
        })
        .collect();
    doc.record.entities = Some(entities);
    Places::new().run(&mut doc);
    doc.record.entities.unwrap()
}

#[test]
fn a_span_is_one_kind_and_teams_stay_organizations() {
    // The tagger's organization named as a state is the state, and no longer an organization.
    let got = places_with_organizations(
        "Officials in Kentucky said the roads were closed.",
        &["Kentucky"],
    );
    let kinds: Vec<_> = got.iter().map(|e| (e.name.as_str(), e.kind)).collect();
    assert_eq!(kinds, [("Kentucky", EntityKind::Location)]);
    // Named beside scores, they are teams.
    let results = "Kentucky 3 Tennessee 1\nTexas 2 Florida 0";
    let got = places_with_organizations(results, &["Kentucky", "Tennessee", "Texas", "Florida"]);
    assert!(
        got.iter().all(|e| e.kind == EntityKind::Organization),
        "{got:#?}"
    );
    assert_eq!(got.len(), 4);
}

#[test]
fn a_town_takes_the_namesake_near_the_articles_other_places() {
    // "Springfield" has namesakes in many states; beside a county only Illinois has, it is
    // Illinois' capital, and without that neighbour it is not.
    let neighbours = |names: &[&str]| -> Context {
        let mut ctx = Context::new();
        ctx.add_country("US", 2);
        ctx.neighbours = neighbours_of((1..).zip(names.iter().copied()));
        ctx.this = Some(0);
        ctx
    };
    let near = at("Springfield", &neighbours(&["Sangamon County"])).expect("Springfield");
    assert_eq!(near.admin1.as_deref(), Some("Illinois"), "{near:?}");
    let alone = at("Springfield", &neighbours(&[]));
    assert_ne!(
        alone.and_then(|g| g.admin1),
        Some("Illinois".to_string()),
        "the neighbour decided"
    );
}

#[test]
fn us_counties_without_a_large_town_have_a_point() {
    // Laurel County, Kentucky, has no town of 15,000; its point comes from the Census shapes.
    let mut ctx = Context::new();
    ctx.add_country("US", 2);
    let g = at("Laurel County", &ctx).expect("Laurel County");
    assert_eq!(
        (g.feature.as_str(), g.admin1.as_deref()),
        ("admin2", Some("Kentucky"))
    );
    assert!(km((g.lat, g.lon), (37.11, -84.12)) < 30.0, "{g:?}");
}
