//! The events stage on single news sentences: who did what to whom, intentions and refusals
//! as CAMEO codes them, passives, joined parties, and the past kept apart from the news.

use sitrep_core::record::Event;
use sitrep_core::{Article, Pipeline};

fn events(text: &str) -> Vec<Event> {
    let pipeline = Pipeline::standard().with_default_published(Some("2015-06-09".to_string()));
    pipeline.run(Article::text("t", text)).events.unwrap_or_default()
}

fn summary(events: &[Event]) -> Vec<(String, String, String, String)> {
    events
        .iter()
        .map(|e| {
            let code = e.cameo.clone().unwrap_or_default();
            let party = |p: &Option<String>| p.clone().unwrap_or_else(|| "-".to_string());
            (e.plover.clone(), code, party(&e.source_actor), party(&e.target_actor))
        })
        .collect()
}

#[test]
fn an_arrest_between_two_national_groups() {
    let coded = summary(&events("Russian police arrested Russian students in Moscow today."));
    assert!(coded.iter().any(|(p, c, s, t)| p == "COERCE" && c == "173" && s == "RUSCOP" && t == "RUSEDU"), "{coded:?}");
}

#[test]
fn a_meeting_of_three_is_each_meeting_each_other() {
    let coded = summary(&events("The US, Russia, and Switzerland met yesterday."));
    let consults = coded.iter().filter(|(p, ..)| p == "CONSULT").count();
    assert_eq!(consults, 6, "{coded:?}");
}

#[test]
fn a_stated_intention_is_a_threat_not_an_attack() {
    let coded = summary(&events("Obama wants to attack Switzerland."));
    assert!(coded.iter().any(|(p, c, s, t)| p == "THREATEN" && c == "138" && s.starts_with("USA") && t == "CHE"), "{coded:?}");
    assert!(!coded.iter().any(|(p, ..)| p == "ASSAULT"), "{coded:?}");
}

#[test]
fn a_refusal_is_a_rejection_not_support() {
    let coded = summary(&events("Obama said he would not provide support to Israel."));
    assert!(coded.iter().any(|(p, _, s, t)| p == "REJECT" && s.starts_with("USA") && t == "ISR"), "{coded:?}");
    assert!(!coded.iter().any(|(p, ..)| p == "SUPPORT" || p == "AGREE"), "{coded:?}");
}

#[test]
fn a_passive_without_its_agent_has_no_source() {
    let coded = summary(&events("Israel said a mortar bomb was fired at it from the Gaza Strip on Tuesday."));
    assert!(!coded.iter().any(|(p, _, s, _)| p == "ASSAULT" && s == "ISR"), "{coded:?}");
}

#[test]
fn an_attacker_named_by_its_nationality() {
    let coded = summary(&events(
        "The Armenian Ministry of Defense denounced new Azerbaijani attacks with artillery and drones.",
    ));
    assert!(coded.iter().any(|(p, _, s, t)| p == "ACCUSE" && s.starts_with("ARM") && t == "AZE"), "{coded:?}");
    assert!(coded.iter().any(|(p, _, s, t)| p == "ASSAULT" && s == "AZE" && t.starts_with("ARM")), "{coded:?}");
}

#[test]
fn a_past_year_makes_background() {
    let coded = events("In 2014, Russia annexed Crimea after its troops seized the peninsula.");
    assert!(!coded.is_empty());
    for event in &coded {
        assert!(event.background, "{event:?}");
        assert_eq!(event.date.as_deref(), Some("2014"), "{event:?}");
    }
}
