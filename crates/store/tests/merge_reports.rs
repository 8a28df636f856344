//! Reports of one event merge by what they mean, through the whole pipeline: three wire
//! reports of the September 2022 attack on Armenia (the bundled scraped story, a Yerevan and a
//! Baku report written for this test) become one event, in any order; two attacks a week apart
//! and an attack and its counter-attack stay apart.

use sitrep_core::{Article, Pipeline, Record};
use sitrep_store::model::MergedEvent;
use sitrep_store::{EventFilter, Store};
use std::sync::LazyLock;

const SCRAPED: &str = include_str!("../../../data/samples/armenia-azerbaijan-2022-09-13.txt");
const YEREVAN: &str = include_str!("fixtures/yerevan-2022-09-13.txt");
const BAKU: &str = include_str!("fixtures/baku-2022-09-14.txt");

static PIPELINE: LazyLock<Pipeline> = LazyLock::new(Pipeline::standard);

fn extract(id: &str, text: &str, url: Option<&str>, published: Option<&str>) -> Record {
    let mut article = Article::text(id, text);
    article.id = Some(id.into());
    article.url = url.map(Into::into);
    article.published = published.map(Into::into);
    PIPELINE.run(article)
}

fn three_reports() -> Vec<Record> {
    vec![
        // Its dateline ("date 2022-09-13") gives the publication date.
        extract("scraped", SCRAPED, None, None),
        extract(
            "yerevan",
            YEREVAN,
            Some("https://yerevan-wire.example/world/1"),
            Some("2022-09-13"),
        ),
        extract(
            "baku",
            BAKU,
            Some("https://caspian-news.example/region/2"),
            Some("2022-09-14"),
        ),
    ]
}

fn side_country(actor: Option<&sitrep_store::model::Actor>) -> Option<&str> {
    actor.and_then(|a| a.country.as_deref())
}

/// Current (not background, not future) assaults by `from`'s side on `to`'s side.
fn assaults(store: &Store, from: &str, to: &str) -> Vec<MergedEvent> {
    let filter = EventFilter {
        plover: Some("ASSAULT".into()),
        ..EventFilter::default()
    };
    let events = store.merged_events(&filter).unwrap();
    events
        .into_iter()
        .filter(|e| !e.background && !e.future)
        .filter(|e| {
            side_country(e.source.as_ref()) == Some(from)
                && side_country(e.target.as_ref()) != Some(from)
        })
        .filter(|e| side_country(e.target.as_ref()).is_none_or(|c| c == to))
        .collect()
}

fn check_one_attack(store: &Store) {
    let events = assaults(store, "AZE", "ARM");
    assert_eq!(
        events.len(),
        1,
        "one attack, not {}: {events:#?}",
        events.len()
    );
    let e = &events[0];
    assert_eq!(side_country(e.target.as_ref()), Some("ARM"));
    assert_eq!(e.date.as_deref(), Some("2022-09-13"));
    assert_eq!(
        e.place.as_ref().and_then(|p| p.country_code.as_deref()),
        Some("AM")
    );
    assert_eq!((e.num_articles, e.num_sources), (3, 3));
    let mut articles = e.articles.clone();
    articles.sort();
    assert_eq!(articles, ["baku", "scraped", "yerevan"]);
    let figure = |article: &str| {
        e.fatality_reports
            .iter()
            .find(|f| f.article == article)
            .map(|f| f.fatalities)
    };
    assert_eq!((figure("scraped"), figure("baku")), (Some(49), Some(99)));
    assert_eq!(
        (e.fatalities, e.fatalities_articles.as_slice()),
        (Some(99), &["baku".to_string()][..])
    );
    assert_eq!(e.fatalities_max, Some(99));
    assert!(
        e.evidence.iter().any(|ev| ev.article == "yerevan")
            && e.evidence.iter().any(|ev| ev.article == "baku")
    );
    assert!(
        e.confidence > 0.9,
        "three independent sources: {}",
        e.confidence
    );
}

/// The events as kept rendered in the database are the events assembled from their reports
/// now: every ingest that changed one rendered it again.
fn assert_rendered_as_assembled(store: &Store) {
    let all = EventFilter {
        limit: Some(1000),
        ..Default::default()
    };
    let (total, rendered) = store.event_page(&all).unwrap();
    let assembled = store.merged_events(&all).unwrap();
    assert_eq!(total as usize, assembled.len());
    assert!(!assembled.is_empty());
    for (kept, event) in rendered.iter().zip(&assembled) {
        assert_eq!(kept.get(), serde_json::to_string(event).unwrap());
    }
}

#[test]
fn three_reports_of_one_attack_are_one_event() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("s.db")).unwrap();
    let mut confidence = Vec::new();
    for record in three_reports() {
        store.ingest(vec![record]).unwrap();
        assert_rendered_as_assembled(&store);
        let best = assaults(&store, "AZE", "ARM")
            .iter()
            .map(|e| e.confidence)
            .fold(0.0f32, f32::max);
        confidence.push(best);
    }
    check_one_attack(&store);
    assert!(
        confidence.windows(2).all(|w| w[1] > w[0]),
        "each independent source adds confidence: {confidence:?}"
    );

    // Re-ingest changes nothing.
    let before = store.summary(5).unwrap();
    let again = store.ingest(three_reports()).unwrap();
    assert_eq!((again.added, again.unchanged), (0, 3));
    assert_eq!(store.summary(5).unwrap(), before);
    check_one_attack(&store);
}

#[test]
fn the_order_of_reports_does_not_matter() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("s.db")).unwrap();
    for record in three_reports().into_iter().rev() {
        store.ingest(vec![record]).unwrap();
        assert_rendered_as_assembled(&store);
    }
    check_one_attack(&store);
}

/// A short report of an attack; `detail` makes each write-up its own (an identical text is
/// the same article and is skipped).
fn shelling(attackers: &str, defenders: &str, town: &str, day: &str, detail: &str) -> String {
    format!(
        "{attackers} forces shelled {defenders} positions near {town} on {day}, the defence ministry said.\n\n\
         Residents said {detail}."
    )
}

/// Each separate event is read as an attack by the pipeline at all (else the test would pass
/// by extracting nothing).
fn assert_each_is_an_attack(records: &[Record]) {
    for record in records {
        let found = record
            .events
            .iter()
            .flatten()
            .any(|e| e.plover == "ASSAULT" && !e.background);
        assert!(
            found,
            "no attack read from {}: {:?}",
            record.id, record.events
        );
    }
}

#[test]
fn attacks_a_week_apart_stay_two_events() {
    let records = vec![
        extract(
            "first",
            &shelling(
                "Azerbaijani",
                "Armenian",
                "Jermuk",
                "Tuesday",
                "they had spent the night in basements",
            ),
            None,
            Some("2022-09-13"),
        ),
        extract(
            "second",
            &shelling(
                "Azerbaijani",
                "Armenian",
                "Jermuk",
                "Tuesday",
                "the shelling had started again a week later",
            ),
            None,
            Some("2022-09-20"),
        ),
    ];
    assert_each_is_an_attack(&records);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("s.db")).unwrap();
    store.ingest(records).unwrap();
    let mut dates: Vec<Option<String>> = assaults(&store, "AZE", "ARM")
        .into_iter()
        .map(|e| e.date)
        .collect();
    dates.sort();
    assert_eq!(
        dates,
        [
            Some("2022-09-13".to_string()),
            Some("2022-09-20".to_string())
        ]
    );
}

#[test]
fn an_attack_and_the_counter_attack_stay_apart() {
    let records = vec![
        extract(
            "attack",
            &shelling(
                "Azerbaijani",
                "Armenian",
                "Jermuk",
                "Tuesday",
                "they had spent the night in basements",
            ),
            None,
            Some("2022-09-13"),
        ),
        extract(
            "counter",
            &shelling(
                "Armenian",
                "Azerbaijani",
                "Lachin",
                "Tuesday",
                "Armenian guns had answered within hours",
            ),
            None,
            Some("2022-09-13"),
        ),
    ];
    assert_each_is_an_attack(&records);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("s.db")).unwrap();
    store.ingest(records).unwrap();
    let attack = assaults(&store, "AZE", "ARM");
    let counter = assaults(&store, "ARM", "AZE");
    assert_eq!(
        (attack.len(), counter.len()),
        (1, 1),
        "{attack:#?} {counter:#?}"
    );
    assert_eq!((attack[0].num_articles, counter[0].num_articles), (1, 1));
}

/// A hand-made report: `source` attacks `target` on 13 September 2022; `named` are the
/// countries the article names (ISO alpha-3, with mentions), besides the sides.
fn coded_report(
    id: &str,
    source: (&str, Option<&str>),
    target: (&str, Option<&str>),
    named: &[(&str, usize)],
) -> Record {
    use sitrep_core::record::{Entity, EntityKind, Event};
    let own: Vec<String> = (0..40).map(|i| format!("{id}w{i}")).collect();
    let text = format!(
        "Forces shelled positions overnight, officials said. {}.",
        own.join(" ")
    );
    let entity =
        |eid: &str, name: &str, country: Option<&str>, actor: Option<&str>, mentions: usize| {
            Entity {
                id: eid.into(),
                kind: EntityKind::Group,
                name: name.into(),
                aliases: vec![],
                title: None,
                country: country.map(Into::into),
                actor: actor.map(Into::into),
                mentions: vec![[0, 6]; mentions],
                geo: None,
            }
        };
    let mut entities = vec![
        entity("s", &format!("{id} attackers"), source.1, Some(source.0), 1),
        // A role is named alike everywhere ("the soldiers"), so it is one stored entity.
        entity(
            "t",
            if target.0.starts_with("---") {
                "the soldiers"
            } else {
                "defenders"
            },
            target.1,
            Some(target.0),
            1,
        ),
    ];
    for (i, (country, mentions)) in named.iter().enumerate() {
        entities.push(entity(
            &format!("n{i}"),
            &format!("{country} named"),
            Some(country),
            None,
            *mentions,
        ));
    }
    Record {
        schema: 1,
        id: id.into(),
        url: Some(format!("https://{id}.example/story")),
        published: Some("2022-09-13".into()),
        text,
        entities: Some(entities),
        events: Some(vec![Event {
            id: "v1".into(),
            plover: "ASSAULT".into(),
            cameo: Some("194".into()),
            source: Some("s".into()),
            target: Some("t".into()),
            source_actor: Some(source.0.into()),
            target_actor: Some(target.0.into()),
            date: Some("2022-09-13".into()),
            place: None,
            mode: None,
            fatalities: None,
            background: false,
            future: false,
            evidence: vec![[0, 50]],
            confidence: 0.7,
        }]),
        ..Record::default()
    }
}

#[test]
fn a_role_without_a_country_takes_the_one_its_article_gives_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("s.db")).unwrap();
    let first = coded_report("first", ("AZEMIL", Some("AZE")), ("ARM", Some("ARM")), &[]);
    // "Azerbaijani troops attacked the soldiers", in an article about Armenia.
    let soldiers = coded_report(
        "soldiers",
        ("AZE", Some("AZE")),
        ("---MIL", None),
        &[("ARM", 3), ("AZE", 2)],
    );
    // The same words in an article about Georgia: Georgian soldiers, another attack.
    let elsewhere = coded_report(
        "elsewhere",
        ("AZE", Some("AZE")),
        ("---MIL", None),
        &[("GEO", 3), ("AZE", 2)],
    );
    store.ingest(vec![first, soldiers, elsewhere]).unwrap();
    let events = store.merged_events(&EventFilter::default()).unwrap();
    let mut groups: Vec<Vec<String>> = events.iter().map(|e| e.articles.clone()).collect();
    groups.sort();
    assert_eq!(
        groups,
        [
            vec!["elsewhere".to_string()],
            vec!["first".to_string(), "soldiers".to_string()]
        ]
    );
    let georgian = events.iter().find(|e| e.articles == ["elsewhere"]).unwrap();
    assert_eq!(side_country(georgian.target.as_ref()), Some("GEO"));

    // Alone, the two role-only reports stay apart too, though "the soldiers" is one stored
    // entity in both.
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("s.db")).unwrap();
    let soldiers = coded_report(
        "soldiers",
        ("AZE", Some("AZE")),
        ("---MIL", None),
        &[("ARM", 3), ("AZE", 2)],
    );
    let elsewhere = coded_report(
        "elsewhere",
        ("AZE", Some("AZE")),
        ("---MIL", None),
        &[("GEO", 3), ("AZE", 2)],
    );
    store.ingest(vec![soldiers, elsewhere]).unwrap();
    assert_eq!(
        store.merged_events(&EventFilter::default()).unwrap().len(),
        2
    );
}

#[test]
fn undated_reports_merge_only_when_they_say_the_same_sides() {
    let undated = |id: &str, with_target: bool| {
        let mut record = coded_report(id, ("USA", Some("USA")), ("GBR", Some("GBR")), &[]);
        record.published = None;
        let event = &mut record.events.as_mut().unwrap()[0];
        event.date = None;
        if !with_target {
            event.target = None;
            event.target_actor = None;
        }
        record
    };
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("s.db")).unwrap();
    // No window places them in time: one says whom, the other does not, so they stay apart.
    store
        .ingest(vec![undated("one", true), undated("other", false)])
        .unwrap();
    assert_eq!(
        store.merged_events(&EventFilter::default()).unwrap().len(),
        2
    );
    // The same sides, both said: one event, as before.
    store.ingest(vec![undated("again", true)]).unwrap();
    let events = store.merged_events(&EventFilter::default()).unwrap();
    assert_eq!(events.len(), 2);
    assert!(events.iter().any(|e| e.num_articles == 2));
}
