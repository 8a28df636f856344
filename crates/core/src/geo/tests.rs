use super::*;

fn at(name: &str, ctx: &Context) -> Option<Geo> {
    resolve(name, ctx)
}

#[test]
fn countries_resolve_to_the_country() {
    let ctx = Context::new();
    for (name, cc) in [("Armenia", "AM"), ("US", "US"), ("U.S.", "US"), ("United States", "US"), ("France", "FR")] {
        let g = at(name, &ctx).unwrap_or_else(|| panic!("{name} unresolved"));
        assert_eq!((g.feature.as_str(), g.country_code.as_deref()), ("country", Some(cc)), "{name}");
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
    assert_eq!((g.feature.as_str(), g.country_code.as_deref()), ("country", Some("GE")));
    let mut us = Context::new();
    us.add_country("US", 3);
    us.add_admin1("US", "GA");
    let g = at("Georgia", &us).expect("Georgia, US");
    assert_eq!((g.feature.as_str(), g.country_code.as_deref()), ("admin1", Some("US")));
}

#[test]
fn context_picks_the_right_namesake() {
    let paris = at("Paris", &Context::new()).expect("Paris");
    assert_eq!(paris.country_code.as_deref(), Some("FR"));
    let mut ctx = Context::new();
    ctx.add_country("CA", 4);
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
