//! The events stage on single news sentences: who did what to whom, intentions and refusals
//! as CAMEO codes them, passives, joined parties, and the past kept apart from the news.

use sitrep_core::record::Event;
use sitrep_core::{Article, Pipeline};

fn events(text: &str) -> Vec<Event> {
    let pipeline = Pipeline::standard().with_default_published(Some("2015-06-09".to_string()));
    pipeline
        .run(Article::text("t", text))
        .events
        .unwrap_or_default()
}

fn summary(events: &[Event]) -> Vec<(String, String, String, String)> {
    events
        .iter()
        .map(|e| {
            let code = e.cameo.clone().unwrap_or_default();
            let party = |p: &Option<String>| p.clone().unwrap_or_else(|| "-".to_string());
            (
                e.plover.clone(),
                code,
                party(&e.source_actor),
                party(&e.target_actor),
            )
        })
        .collect()
}

#[test]
fn an_arrest_between_two_national_groups() {
    let coded = summary(&events(
        "Russian police arrested Russian students in Moscow today.",
    ));
    assert!(
        coded
            .iter()
            .any(|(p, c, s, t)| p == "COERCE" && c == "173" && s == "RUSCOP" && t == "RUSEDU"),
        "{coded:?}"
    );
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
    assert!(
        coded.iter().any(|(p, c, s, t)| p == "THREATEN"
            && c == "138"
            && s.starts_with("USA")
            && t == "CHE"),
        "{coded:?}"
    );
    assert!(!coded.iter().any(|(p, ..)| p == "ASSAULT"), "{coded:?}");
}

#[test]
fn a_refusal_is_a_rejection_not_support() {
    let coded = summary(&events(
        "Obama said he would not provide support to Israel.",
    ));
    assert!(
        coded
            .iter()
            .any(|(p, _, s, t)| p == "REJECT" && s.starts_with("USA") && t == "ISR"),
        "{coded:?}"
    );
    assert!(
        !coded.iter().any(|(p, ..)| p == "SUPPORT" || p == "AGREE"),
        "{coded:?}"
    );
}

#[test]
fn a_passive_without_its_agent_has_no_source() {
    let coded = summary(&events(
        "Israel said a mortar bomb was fired at it from the Gaza Strip on Tuesday.",
    ));
    assert!(
        !coded
            .iter()
            .any(|(p, _, s, _)| p == "ASSAULT" && s == "ISR"),
        "{coded:?}"
    );
}

#[test]
fn an_attacker_named_by_its_nationality() {
    let coded = summary(&events(
        "The Armenian Ministry of Defense denounced new Azerbaijani attacks with artillery and drones.",
    ));
    assert!(
        coded
            .iter()
            .any(|(p, _, s, t)| p == "ACCUSE" && s.starts_with("ARM") && t == "AZE"),
        "{coded:?}"
    );
    assert!(
        coded
            .iter()
            .any(|(p, _, s, t)| p == "ASSAULT" && s == "AZE" && t.starts_with("ARM")),
        "{coded:?}"
    );
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

#[test]
fn a_visit_is_hosted_by_the_other_side() {
    let coded = summary(&events(
        "French President Emmanuel Macron concluded a visit to Germany on Monday.",
    ));
    assert!(
        coded
            .iter()
            .any(|(_, c, s, t)| c == "042" && s == "FRAGOV" && t == "DEU"),
        "{coded:?}"
    );
    assert!(
        coded
            .iter()
            .any(|(_, c, s, t)| c == "043" && s == "DEU" && t == "FRAGOV"),
        "{coded:?}"
    );
}

#[test]
fn a_meeting_place_is_no_party_to_the_meeting() {
    let coded = summary(&events(
        "Barack Obama and Vladimir Putin held talks in Zurich on Monday.",
    ));
    assert!(coded.iter().any(|(p, ..)| p == "CONSULT"), "{coded:?}");
    assert!(!coded.iter().any(|(_, _, s, _)| s == "CHE"), "{coded:?}");
}

#[test]
fn wanting_another_to_act_is_an_appeal() {
    let coded = summary(&events("Obama wants Putin to attack Switzerland."));
    assert!(
        coded.iter().any(|(p, c, s, t)| p == "REQUEST"
            && c.starts_with("02")
            && s.starts_with("USA")
            && t.starts_with("RUS")),
        "{coded:?}"
    );
    assert!(
        !coded.iter().any(|(p, ..)| p == "ASSAULT" || p == "AGREE"),
        "{coded:?}"
    );
}

#[test]
fn a_hope_is_no_appeal() {
    let coded = summary(&events(
        "Rwanda's information minister said she hoped French officials would be indicted for war crimes.",
    ));
    assert!(coded.is_empty(), "{coded:?}");
}

#[test]
fn a_purpose_shares_the_refusal_of_its_verb() {
    let coded = summary(&events(
        "Obama said he would not give permission to Russia to help Israel.",
    ));
    assert!(coded.iter().any(|(p, ..)| p == "REJECT"), "{coded:?}");
    assert!(!coded.iter().any(|(p, ..)| p == "AID"), "{coded:?}");
}

#[test]
fn the_present_perfect_is_news_whatever_older_date_the_sentence_names() {
    let text = "A court in Guyana has issued arrest warrants for two Brazilian men sought in the slaying of two missionaries three years ago.";
    let coded = events(text);
    let warrant = coded
        .iter()
        .find(|e| e.plover == "COERCE")
        .unwrap_or_else(|| panic!("{coded:?}"));
    assert!(!warrant.background, "{warrant:?}");
    assert_eq!(warrant.date.as_deref(), Some("2015-06-09"));
}

#[test]
fn a_participle_before_a_noun_is_no_event() {
    let coded = summary(&events(
        "Qatar has pledged to expel exiled leaders of Egypt's Muslim Brotherhood.",
    ));
    assert!(coded.iter().any(|(p, ..)| p == "THREATEN"), "{coded:?}");
    assert!(!coded.iter().any(|(p, ..)| p == "COERCE"), "{coded:?}");
}

#[test]
fn a_passive_object_before_the_verb_picks_the_phrase() {
    let coded = summary(&events("Evidence against Russia was presented by the US."));
    assert!(
        coded
            .iter()
            .any(|(p, c, s, t)| p == "ACCUSE" && c == "1124" && s == "USA" && t == "RUS"),
        "{coded:?}"
    );
}

#[test]
fn a_reported_attack_is_also_an_accusation() {
    let coded = summary(&events("The US said that Iraq attacked Kuwait on Monday."));
    assert!(
        coded
            .iter()
            .any(|(p, _, s, t)| p == "ASSAULT" && s == "IRQ" && t == "KWT"),
        "{coded:?}"
    );
    assert!(
        coded
            .iter()
            .any(|(p, c, s, t)| p == "ACCUSE" && c == "112" && s == "USA" && t == "IRQ"),
        "{coded:?}"
    );
}

#[test]
fn a_phrase_does_not_reach_into_a_reported_clause() {
    let coded = summary(&events(
        "Ukraine says it has strong evidence proving Russia was behind the chemical attacks.",
    ));
    assert!(!coded.iter().any(|(_, _, s, _)| s == "UKR"), "{coded:?}");
}

#[test]
fn a_meeting_told_as_to_come_is_a_meeting_flagged_future() {
    let found =
        events("Barack Obama and Vladimir Putin will meet Angela Merkel in Berlin next week.");
    let meetings: Vec<&Event> = found.iter().filter(|e| e.plover == "CONSULT").collect();
    assert!(!meetings.is_empty(), "{:?}", summary(&found));
    assert!(
        meetings.iter().all(|e| e.future && !e.background),
        "{found:?}"
    );
    let scheduled =
        events("Obama is scheduled to attend a summit in Switzerland on the unrest in Iran.");
    assert!(
        scheduled
            .iter()
            .any(|e| e.cameo.as_deref().is_some_and(|c| c.starts_with("04")) && e.future),
        "{scheduled:?}"
    );
}

#[test]
fn an_actors_own_word_that_it_will_act_is_an_intention_not_a_future_act() {
    let found = events("Obama and Putin said they will attack Iraq.");
    let coded = summary(&found);
    assert!(
        coded
            .iter()
            .any(|(p, c, _, t)| p == "THREATEN" && c == "138" && t == "IRQ"),
        "{coded:?}"
    );
    assert!(found.iter().all(|e| !e.future), "{coded:?}");
}

#[test]
fn only_acts_one_can_announce_are_told_as_to_come() {
    let coded = summary(&events(
        "Officials predicted that the number of cholera infections in Zimbabwe will decline to around 60,000.",
    ));
    assert!(coded.is_empty(), "{coded:?}");
}

#[test]
fn a_plural_right_after_a_verb_is_its_object() {
    let coded = summary(&events("Russia supplied arms to Syria."));
    assert_eq!(
        coded,
        [(
            "AID".to_string(),
            "072".to_string(),
            "RUS".to_string(),
            "SYR".to_string()
        )]
    );
}

#[test]
fn two_groups_of_one_country_stay_two_sides() {
    let coded = summary(&events(
        "Russian students received ministers from the Russian government on Monday.",
    ));
    assert!(
        coded
            .iter()
            .any(|(_, c, s, t)| c == "043" && s == "RUSEDU" && t == "RUSGOV"),
        "{coded:?}"
    );
    assert!(
        coded
            .iter()
            .any(|(_, c, s, t)| c == "042" && s == "RUSGOV" && t == "RUSEDU"),
        "{coded:?}"
    );
}

#[test]
fn what_is_alleged_is_not_told_as_done() {
    let coded = summary(&events(
        "Ukraine alleged on Monday that Russian troops had supplied weapons to the rebels and helped to plan the offensive.",
    ));
    assert!(
        coded
            .iter()
            .any(|(p, _, s, t)| p == "ACCUSE" && s == "UKR" && t.starts_with("RUS")),
        "{coded:?}"
    );
    assert!(
        !coded.iter().any(|(p, ..)| p == "AID" || p == "COOPERATE"),
        "{coded:?}"
    );
}

#[test]
fn with_no_agent_a_strike_came_from_who_struck() {
    let coded = summary(&events(
        "Rockets were fired from Lebanon at northern Israel on Sunday.",
    ));
    assert!(
        coded
            .iter()
            .any(|(p, _, s, t)| p == "ASSAULT" && s == "LBN" && t == "ISR"),
        "{coded:?}"
    );
    let reported = summary(&events(
        "Syria said a shell was fired at it from Turkey on Monday.",
    ));
    assert!(
        reported
            .iter()
            .any(|(p, c, s, t)| p == "ACCUSE" && c == "112" && s == "SYR" && t == "TUR"),
        "{reported:?}"
    );
}

#[test]
fn the_dead_are_no_attackers() {
    let coded = summary(&events(
        "At least two children in Baghdad have died after eating poisoned cake.",
    ));
    assert!(coded.is_empty(), "{coded:?}");
    let clashes = summary(&events(
        "Five Syrian soldiers died in clashes with Turkish troops on Monday.",
    ));
    assert!(clashes.iter().any(|(p, ..)| p == "ASSAULT"), "{clashes:?}");
}

#[test]
fn a_place_after_the_noun_it_locates_is_not_the_subject() {
    let coded = summary(&events(
        "A cholera epidemic in Angola has killed over 1,200 people in the past three months.",
    ));
    assert!(coded.is_empty(), "{coded:?}");
}

#[test]
fn saying_something_more_is_no_grant() {
    let coded = summary(&events(
        "\"With the concerns in Dallas, we are taking it seriously,\" the mayor of Houston added.",
    ));
    assert!(coded.is_empty(), "{coded:?}");
}

#[test]
fn a_bare_verb_toward_no_one_is_no_event_but_a_protest_is() {
    let coded = summary(&events(
        "Canada has also bought large amounts of anti-viral drugs.",
    ));
    assert!(coded.is_empty(), "{coded:?}");
    let protest = summary(&events(
        "Opponents of the Kenyan government protested in Nairobi on Tuesday.",
    ));
    assert!(protest.iter().any(|(p, ..)| p == "PROTEST"), "{protest:?}");
}
