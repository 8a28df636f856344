//! The database end to end with hand-made records: idempotent ingest, one event from many
//! reports, the latest casualty figure, near-duplicates, filters, search and migrations.

use sitrep_core::Record;
use sitrep_core::record::{Entity, EntityKind, Event, Geo, Quote};
use sitrep_store::{EventFilter, Near, Store};

fn geo(
    id: u64,
    name: &str,
    admin1: Option<&str>,
    feature: &str,
    lat: f64,
    lon: f64,
) -> Option<Geo> {
    Some(Geo {
        geonames_id: Some(id),
        name: name.into(),
        country_code: Some("AM".into()),
        admin1: admin1.map(Into::into),
        feature: feature.into(),
        lat,
        lon,
    })
}

fn entity(
    id: &str,
    kind: EntityKind,
    name: &str,
    country: Option<&str>,
    actor: Option<&str>,
    geo: Option<Geo>,
) -> Entity {
    Entity {
        id: id.into(),
        kind,
        name: name.into(),
        aliases: vec![],
        title: None,
        country: country.map(Into::into),
        actor: actor.map(Into::into),
        mentions: vec![[0, 5]],
        geo,
    }
}

/// An article from `outlet` reporting an Azerbaijani assault on Armenia at `place` ("jermuk",
/// "armenia" or "goris") on `date`, with `killed` dead, in words of its own (`variant`).
fn report(
    id: &str,
    outlet: &str,
    published: &str,
    date: &str,
    place: &str,
    killed: Option<u64>,
    variant: &str,
) -> Record {
    // Words of its own make each report a different write-up, not a copy of another.
    let own_words: Vec<String> = (0..40).map(|i| format!("{variant}{i}")).collect();
    let text = format!(
        "{variant}: Azerbaijani forces shelled positions near {place} on the night of the attack, \
         the defence ministry in Yerevan said, and soldiers were killed in the fighting. \
         Officials from {outlet} reported that residents had left their homes while diplomats \
         called for restraint. {}.",
        own_words.join(" ")
    );
    let first_sentence = text.find(". ").map(|i| i + 1).unwrap_or(text.len());
    let place_entity = match place {
        "jermuk" => entity(
            "e3",
            EntityKind::Location,
            "Jermuk",
            Some("ARM"),
            None,
            geo(616_629, "Jermuk", Some("Vayots Dzor"), "city", 39.84, 45.67),
        ),
        "goris" => entity(
            "e3",
            EntityKind::Location,
            "Goris",
            Some("ARM"),
            None,
            geo(174_875, "Goris", Some("Syunik"), "city", 39.51, 46.34),
        ),
        _ => entity(
            "e3",
            EntityKind::Location,
            "Armenia",
            Some("ARM"),
            None,
            geo(174_982, "Armenia", None, "country", 40.25, 45.0),
        ),
    };
    Record {
        schema: 1,
        id: id.into(),
        url: Some(format!("https://www.{outlet}/news/{id}")),
        title: Some(format!("Shelling near {place} ({variant})")),
        published: Some(published.into()),
        language: Some("en".into()),
        text,
        entities: Some(vec![
            entity(
                "e1",
                EntityKind::Organization,
                "Azerbaijani forces",
                Some("AZE"),
                Some("AZEMIL"),
                None,
            ),
            entity(
                "e2",
                EntityKind::Location,
                "Armenia",
                Some("ARM"),
                Some("ARM"),
                geo(174_982, "Armenia", None, "country", 40.25, 45.0),
            ),
            place_entity,
        ]),
        quotes: Some(vec![Quote {
            text: "maximum containment of the escalation".into(),
            speaker: None,
            speaker_name: Some("Ned Price".into()),
            cue: Some("said".into()),
            start: 0,
            end: 10,
        }]),
        counts: Some(vec![]),
        events: Some(vec![Event {
            id: "v1".into(),
            plover: "ASSAULT".into(),
            cameo: Some("195".into()),
            source: Some("e1".into()),
            target: Some("e2".into()),
            source_actor: Some("AZEMIL".into()),
            target_actor: Some("ARM".into()),
            date: Some(date.into()),
            place: Some("e3".into()),
            mode: None,
            fatalities: killed,
            background: false,
            future: false,
            evidence: vec![[0, first_sentence]],
            confidence: 0.8,
        }]),
        ..Record::default()
    }
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("test.db")).unwrap();
    (dir, store)
}

fn three_reports() -> Vec<Record> {
    vec![
        report(
            "a",
            "example-news.com",
            "2022-09-13",
            "2022-09-13",
            "jermuk",
            Some(49),
            "Alpha",
        ),
        report(
            "b",
            "other-daily.org",
            "2022-09-14",
            "2022-09-13",
            "jermuk",
            None,
            "Bravo",
        ),
        // A day later by its own reckoning, and only "Armenia": still the same event.
        report(
            "c",
            "third-wire.net",
            "2022-09-14",
            "2022-09-14",
            "armenia",
            Some(105),
            "Charlie",
        ),
    ]
}

fn all(store: &Store) -> Vec<sitrep_store::model::MergedEvent> {
    store.merged_events(&EventFilter::default()).unwrap()
}

#[test]
fn three_reports_of_one_event_are_one_event_with_three_articles() {
    let (_dir, mut store) = store();
    let report = store.ingest(three_reports()).unwrap();
    assert_eq!(
        (report.added, report.events_new, report.events_merged),
        (3, 1, 2)
    );
    let events = all(&store);
    assert_eq!(events.len(), 1, "{events:#?}");
    let event = &events[0];
    assert_eq!(
        (event.num_articles, event.num_sources, event.num_mentions),
        (3, 3, 3)
    );
    assert_eq!(event.articles, ["a", "b", "c"]);
    assert_eq!(event.plover, "ASSAULT");
    assert_eq!(
        event.source.as_ref().unwrap().code.as_deref(),
        Some("AZEMIL")
    );
    assert_eq!(event.source.as_ref().unwrap().name, "Azerbaijani forces");
    assert_eq!(
        event.target.as_ref().unwrap().country.as_deref(),
        Some("ARM")
    );
    // The finest place reported is kept.
    assert_eq!(event.place.as_ref().unwrap().name, "Jermuk");
    assert_eq!(event.date.as_deref(), Some("2022-09-13"));
    assert_eq!(event.evidence.len(), 3);
    assert!(
        event.evidence[0]
            .text
            .starts_with("Alpha: Azerbaijani forces shelled")
    );
    assert_eq!(
        (event.quad_class, event.goldstein.is_some()),
        (Some(4), true)
    );
}

#[test]
fn reports_apart_in_time_place_or_type_stay_apart() {
    let (_dir, mut store) = store();
    let mut records = three_reports();
    records.push(report(
        "late",
        "example-news.com",
        "2022-10-20",
        "2022-10-20",
        "jermuk",
        None,
        "Delta",
    ));
    records.push(report(
        "elsewhere",
        "example-news.com",
        "2022-09-13",
        "2022-09-13",
        "goris",
        None,
        "Echo",
    ));
    let mut protest = report(
        "protest",
        "example-news.com",
        "2022-09-13",
        "2022-09-13",
        "jermuk",
        None,
        "Foxtrot",
    );
    protest.events.as_mut().unwrap()[0].plover = "PROTEST".into();
    records.push(protest);
    store.ingest(records).unwrap();
    let events = all(&store);
    assert_eq!(events.len(), 4, "{events:#?}");
    let jermuk = events
        .iter()
        .find(|e| e.articles.contains(&"a".to_string()))
        .unwrap();
    assert_eq!(jermuk.num_articles, 3);
    // Goris is in another province, but "Armenia" (report c) contains both: c went to the
    // oldest matching event, the Jermuk one.
    let goris = events.iter().find(|e| e.articles == ["elsewhere"]).unwrap();
    assert_eq!(goris.place.as_ref().unwrap().name, "Goris");
}

#[test]
fn an_event_told_as_to_come_stays_future_until_a_report_tells_it_done() {
    let (_dir, mut store) = store();
    let mut announced = report(
        "announced",
        "example-news.com",
        "2022-09-12",
        "2022-09-13",
        "jermuk",
        None,
        "Golf",
    );
    announced.events.as_mut().unwrap()[0].future = true;
    store.ingest(vec![announced]).unwrap();
    assert!(all(&store)[0].future);
    let mut export = Vec::new();
    sitrep_store::export::gdelt_events(&all(&store), &mut export).unwrap();
    assert!(export.is_empty(), "an event still to come is no GDELT row");

    store
        .ingest(vec![report(
            "done",
            "other-daily.org",
            "2022-09-13",
            "2022-09-13",
            "jermuk",
            None,
            "Hotel",
        )])
        .unwrap();
    let events = all(&store);
    assert_eq!(events.len(), 1, "{events:#?}");
    assert!(!events[0].future);
    assert_eq!(events[0].articles, ["announced", "done"]);
}

#[test]
fn reingesting_changes_nothing() {
    let (dir, mut store) = store();
    store.ingest(three_reports()).unwrap();
    let before = (
        store.summary(10).unwrap(),
        all(&store),
        store.records().unwrap(),
        store.entities(None, 100).unwrap(),
    );
    let again = store.ingest(three_reports()).unwrap();
    assert_eq!(
        (
            again.added,
            again.unchanged,
            again.events_new,
            again.events_merged
        ),
        (0, 3, 0, 0)
    );
    // The same content under another id is the same article.
    let mut renamed = three_reports().remove(0);
    renamed.id = "a-again".into();
    assert_eq!(store.ingest(vec![renamed]).unwrap().unchanged, 1);
    drop(store);
    let store = Store::open(dir.path().join("test.db")).unwrap();
    let after = (
        store.summary(10).unwrap(),
        all(&store),
        store.records().unwrap(),
        store.entities(None, 100).unwrap(),
    );
    assert_eq!(before, after);
}

#[test]
fn the_latest_casualty_figure_is_kept_with_its_sources() {
    let (_dir, mut store) = store();
    // Stored out of publication order: "latest" is by publication, not by arrival.
    let mut records = three_reports();
    records.reverse();
    records.push(report(
        "d",
        "fourth.example",
        "2022-09-15",
        "2022-09-13",
        "jermuk",
        Some(105),
        "Delta",
    ));
    store.ingest(records).unwrap();
    let events = all(&store);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].fatalities, Some(105));
    assert_eq!(events[0].fatalities_articles, ["c", "d"]);

    // A later report lowering the figure is the latest.
    store
        .ingest(vec![report(
            "e",
            "fifth.example",
            "2022-09-16",
            "2022-09-13",
            "jermuk",
            Some(77),
            "Echo",
        )])
        .unwrap();
    let event = &all(&store)[0];
    assert_eq!(
        (event.fatalities, event.fatalities_articles.clone()),
        (Some(77), vec!["e".to_string()])
    );
}

#[test]
fn a_republished_wire_story_is_linked_not_counted_twice() {
    let (_dir, mut store) = store();
    let original = report(
        "wire",
        "wire-agency.com",
        "2022-09-13",
        "2022-09-13",
        "jermuk",
        Some(49),
        "Alpha",
    );
    let mut copy = original.clone();
    copy.id = "copy".into();
    copy.url = Some("https://mirror-site.net/story".into());
    copy.title = Some("Another headline on a mirror site".into());
    copy.text.push_str(" Copyright the mirror site.");
    let report = store.ingest(vec![original, copy]).unwrap();
    assert_eq!((report.added, report.near_duplicates), (2, 1));
    let events = all(&store);
    assert_eq!(events.len(), 1);
    assert_eq!(
        (
            events[0].num_articles,
            events[0].num_sources,
            events[0].num_mentions
        ),
        (1, 2, 1)
    );
    assert_eq!(events[0].articles, ["wire", "copy"]);
    assert_eq!(store.summary(5).unwrap().near_duplicates, 1);
    let hits = store.search("shelled positions", 10).unwrap();
    assert_eq!(
        hits.iter().filter(|h| h.kind == "article").count(),
        1,
        "{hits:#?}"
    );
    // Entities are counted once per story.
    let forces = store.entities(Some("organization"), 10).unwrap();
    assert_eq!(forces[0].articles, 1);
}

#[test]
fn filters_select_events() {
    let (_dir, mut store) = store();
    let mut records = three_reports();
    records.push(report(
        "late",
        "example-news.com",
        "2022-10-20",
        "2022-10-20",
        "goris",
        None,
        "Delta",
    ));
    store.ingest(records).unwrap();
    let count = |filter: EventFilter| store.merged_events(&filter).unwrap().len();
    assert_eq!(count(EventFilter::default()), 2);
    assert_eq!(
        count(EventFilter {
            actor: Some("AZE".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            actor: Some("azerbaijani".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            actor: Some("RUS".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            plover: Some("assault".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            plover: Some("PROTEST".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            country: Some("AM".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            country: Some("ARM".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            country: Some("FR".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            since: Some("2022-10".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            until: Some("2022-09-30".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            since: Some("2022-09-14".into()),
            until: Some("2022-09".into()),
            ..Default::default()
        }),
        1
    );
    let near_jermuk = Near {
        lat: 39.84,
        lon: 45.67,
        km: 20.0,
    };
    assert_eq!(
        count(EventFilter {
            near: Some(near_jermuk),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            near: Some(Near {
                km: 200.0,
                ..near_jermuk
            }),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        count(EventFilter {
            limit: Some(1),
            ..Default::default()
        }),
        1
    );
    // Newest first.
    assert_eq!(
        store.merged_events(&EventFilter::default()).unwrap()[0].articles,
        ["late"]
    );
    assert!(
        store
            .merged_events(&EventFilter {
                since: Some("soon".into()),
                ..Default::default()
            })
            .is_err()
    );
}

#[test]
fn like_wildcards_in_an_actor_or_country_match_only_themselves() {
    let (_dir, mut store) = store();
    store.ingest(three_reports()).unwrap();
    let count = |filter: EventFilter| store.merged_events(&filter).unwrap().len();
    // Unescaped, each of these is a LIKE pattern matching every actor.
    for wildcard in ["%", "_", "___", "A%", "\\", "%%%"] {
        assert_eq!(
            count(EventFilter {
                actor: Some(wildcard.into()),
                ..Default::default()
            }),
            0,
            "--actor {wildcard}"
        );
    }
    assert_eq!(
        count(EventFilter {
            country: Some("%%%".into()),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        count(EventFilter {
            country: Some("A_M".into()),
            ..Default::default()
        }),
        0
    );
    // Ordinary prefixes and names still match.
    assert_eq!(
        count(EventFilter {
            actor: Some("AZEM".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        count(EventFilter {
            actor: Some("forces".into()),
            ..Default::default()
        }),
        1
    );
}

#[test]
fn limits_beyond_i64_mean_no_limit() {
    let (_dir, mut store) = store();
    store.ingest(three_reports()).unwrap();
    let huge = Some(usize::MAX);
    assert_eq!(
        store
            .merged_events(&EventFilter {
                limit: huge,
                ..Default::default()
            })
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        store
            .merged_events(&EventFilter {
                limit: Some(i64::MAX as usize + 1),
                ..Default::default()
            })
            .unwrap()
            .len(),
        1
    );
    assert!(
        !store
            .search("maximum containment", usize::MAX)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store.entities(None, usize::MAX).unwrap().len(),
        store.entities(None, 1000).unwrap().len()
    );
    assert_eq!(store.summary(usize::MAX).unwrap().events_by_type.len(), 1);
}

#[test]
fn records_come_back_whole_and_search_finds_articles_and_quotes() {
    let (_dir, mut store) = store();
    let records = three_reports();
    store.ingest(records.clone()).unwrap();
    assert_eq!(store.records().unwrap(), records);
    assert_eq!(store.article("b").unwrap().as_ref(), Some(&records[1]));
    assert_eq!(store.article("nope").unwrap(), None);

    let hits = store.search("maximum containment", 10).unwrap();
    assert!(
        hits.iter()
            .any(|h| h.kind == "quote" && h.snippet.contains("[maximum]")),
        "{hits:#?}"
    );
    let hits = store.search("diplomats Bravo7", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].article, "b");
    assert!(hits[0].snippet.contains("[Bravo7]"), "{}", hits[0].snippet);
    // Punctuation in plain words is no syntax.
    assert!(store.search("U.S. co-operation: yes", 10).is_ok());
}

#[test]
fn malformed_fts_syntax_is_a_bad_query_error_not_a_silent_other_search() {
    let (_dir, mut store) = store();
    store.ingest(three_reports()).unwrap();
    for query in [
        "\"unbalanced",
        "AND OR",
        "\"unbalanced AND (",
        "ceasefire NOT",
        "nosuchcolumn: \"x\"",
    ] {
        match store.search(query, 10) {
            Err(sitrep_store::Error::BadQuery { query: q, .. }) => assert_eq!(q, query),
            other => panic!("{query:?} gave {other:?}"),
        }
    }
    let message = store.search("AND OR", 10).unwrap_err().to_string();
    assert!(
        message.contains("malformed search query") && message.contains("double quotes"),
        "{message}"
    );
    assert!(
        !store
            .search("\"maximum containment\"", 10)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn entities_are_global_across_articles() {
    let (_dir, mut store) = store();
    store.ingest(three_reports()).unwrap();
    let orgs = store.entities(Some("organization"), 10).unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(
        (orgs[0].name.as_str(), orgs[0].articles),
        ("Azerbaijani forces", 3)
    );
    let summary = store.summary(3).unwrap();
    assert_eq!(summary.articles, 3);
    assert_eq!(summary.events_by_type, [("ASSAULT".to_string(), 1)]);
    assert_eq!(summary.top_places[0], ("Armenia".to_string(), 3));
}

#[test]
fn schema_is_migrated_and_newer_schemas_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        sitrep_store::schema::VERSION
    );
    assert_eq!(
        sitrep_store::schema::VERSION as usize,
        sitrep_store::schema::MIGRATIONS.len()
    );
    drop(store);
    // Opening again applies nothing twice.
    assert_eq!(
        Store::open(&path).unwrap().schema_version().unwrap(),
        sitrep_store::schema::VERSION
    );
    let conn = rusqlite_connection(&path);
    conn.pragma_update(None, "user_version", 999).unwrap();
    drop(conn);
    let err = Store::open(&path).err().expect("a newer schema is refused");
    assert!(err.to_string().contains("999"), "{err}");
}

fn rusqlite_connection(path: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}
