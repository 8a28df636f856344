//! `sitrep events` and `sitrep export` on a database holding merged events: three reports of
//! one assault become one row everywhere, with the columns each format promises.

use sitrep_core::Record;
use sitrep_core::record::{Entity, EntityKind, Event, Geo};
use sitrep_store::Store;
use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("run sitrep")
}

fn entity(id: &str, kind: EntityKind, name: &str, actor: Option<&str>, geo: Option<Geo>) -> Entity {
    Entity {
        id: id.into(),
        kind,
        name: name.into(),
        aliases: vec![],
        title: None,
        country: actor.map(|a| a[..3].to_string()),
        actor: actor.map(Into::into),
        mentions: vec![[0, 4]],
        geo,
    }
}

/// One outlet's own write-up of the shelling of Jermuk (words of its own, so not a copy).
fn report(n: usize, published: &str, killed: u64) -> Record {
    let own: Vec<String> = (0..40).map(|i| format!("w{n}x{i}")).collect();
    let text = format!(
        "Azerbaijani forces shelled Jermuk, Armenia said. {}.",
        own.join(" ")
    );
    let jermuk = Geo {
        geonames_id: Some(616_629),
        name: "Jermuk".into(),
        country_code: Some("AM".into()),
        admin1: Some("Vayots Dzor".into()),
        feature: "city".into(),
        lat: 39.84,
        lon: 45.67,
    };
    Record {
        schema: 1,
        id: format!("report-{n}"),
        url: Some(format!("https://outlet{n}.example/story")),
        published: Some(published.into()),
        text,
        entities: Some(vec![
            entity(
                "e1",
                EntityKind::Organization,
                "Azerbaijani forces",
                Some("AZEMIL"),
                None,
            ),
            entity("e2", EntityKind::Location, "Armenia", Some("ARM"), None),
            entity("e3", EntityKind::Location, "Jermuk", None, Some(jermuk)),
        ]),
        events: Some(vec![Event {
            id: "v1".into(),
            plover: "ASSAULT".into(),
            cameo: Some("195".into()),
            source: Some("e1".into()),
            target: Some("e2".into()),
            source_actor: Some("AZEMIL".into()),
            target_actor: Some("ARM".into()),
            date: Some("2022-09-13".into()),
            place: Some("e3".into()),
            mode: None,
            fatalities: Some(killed),
            background: false,
            future: false,
            evidence: vec![[0, 47]],
            confidence: 0.8,
        }]),
        ..Record::default()
    }
}

fn database(dir: &Path) -> String {
    let path = dir.join("news.db");
    let mut store = Store::open(&path).unwrap();
    store
        .ingest(vec![
            report(1, "2022-09-13", 49),
            report(2, "2022-09-14", 105),
            report(3, "2022-09-14", 105),
        ])
        .unwrap();
    path.display().to_string()
}

#[test]
fn events_jsonl_is_one_merged_event_with_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let output = run(&[
        "events",
        "--db",
        &db,
        "--actor",
        "AZE",
        "--country",
        "AM",
        "--format",
        "jsonl",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1);
    let event = &lines[0];
    assert_eq!(event["num_articles"], 3);
    assert_eq!(event["num_sources"], 3);
    assert_eq!(
        event["articles"],
        serde_json::json!(["report-1", "report-2", "report-3"])
    );
    assert_eq!(event["fatalities"], 105);
    assert_eq!(
        event["fatalities_articles"],
        serde_json::json!(["report-2", "report-3"])
    );
    assert_eq!(event["source"]["name"], "Azerbaijani forces");
    assert_eq!(event["place"]["name"], "Jermuk");
    assert_eq!(event["quad_class"], 4);

    let table = run(&["events", "--db", &db, "--format", "table"]);
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.starts_with("ID  DATE "), "{table}");
    assert!(table.contains("Azerbaijani forces"));
    let none = run(&[
        "events", "--db", &db, "--near", "0,0,100", "--format", "jsonl",
    ]);
    assert!(none.stdout.is_empty());
}

#[test]
fn exports_have_their_columns() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let gdelt = run(&["export", "--db", &db, "--format", "gdelt-events"]);
    assert!(
        gdelt.status.success(),
        "{}",
        String::from_utf8_lossy(&gdelt.stderr)
    );
    let gdelt = String::from_utf8_lossy(&gdelt.stdout);
    let rows: Vec<Vec<&str>> = gdelt.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].len(), sitrep_store::export::GDELT_EVENT_COLUMNS);

    let gkg = run(&["export", "--db", &db, "--format", "gdelt-gkg"]);
    let gkg = String::from_utf8_lossy(&gkg.stdout);
    assert_eq!(gkg.lines().count(), 3, "one row per article");
    assert!(
        gkg.lines()
            .all(|l| l.split('\t').count() == sitrep_store::export::GKG_COLUMNS)
    );

    let out = dir.path().join("events.csv");
    let acled = run(&[
        "export",
        "--db",
        &db,
        "--format",
        "acled",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        acled.status.success(),
        "{}",
        String::from_utf8_lossy(&acled.stderr)
    );
    let mut reader = csv::Reader::from_path(&out).unwrap();
    assert_eq!(
        reader.headers().unwrap().len(),
        sitrep_store::export::ACLED_COLUMNS.len()
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 1);
    assert!(
        records[0].iter().any(|cell| cell == "105"),
        "{:?}",
        records[0]
    );

    let geojson = run(&[
        "export", "--db", &db, "--format", "geojson", "--type", "ASSAULT",
    ]);
    let geojson: serde_json::Value = serde_json::from_slice(&geojson.stdout).unwrap();
    assert_eq!(geojson["features"].as_array().unwrap().len(), 1);

    let unknown = run(&["export", "--db", &db, "--format", "kml"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("gdelt-events"));
}
