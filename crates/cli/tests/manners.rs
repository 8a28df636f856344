//! The CLI's manners: a reader that closes the pipe early ends any command quietly with exit
//! 0; help says what is true; the binary carries only the user's commands; an unknown type, actor or format is an error listing the valid
//! ones; the export summary counts the rows written.

use sitrep_core::Record;
use sitrep_core::record::{Entity, EntityKind, Event};
use sitrep_store::Store;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn sitrep() -> Command {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
}

fn run(args: &[&str]) -> Output {
    sitrep().args(args).output().expect("run sitrep")
}

/// Runs `sitrep args` with its standard output a pipe the reader closes before reading
/// anything (`sitrep … | true`).
fn run_into_closed_pipe(args: &[&str]) -> Output {
    let mut child = sitrep()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sitrep");
    drop(child.stdout.take());
    child.wait_with_output().expect("wait for sitrep")
}

fn record(n: usize, plover: &str, cameo: &str) -> Record {
    let own: Vec<String> = (0..200).map(|i| format!("w{n}x{i}")).collect();
    let text = format!(
        "Azerbaijani forces shelled Armenian positions. {}.",
        own.join(" ")
    );
    let entity = |id: &str, name: &str, actor: &str| Entity {
        id: id.into(),
        kind: EntityKind::Organization,
        name: name.into(),
        aliases: vec![],
        title: None,
        country: Some(actor[..3].to_string()),
        actor: Some(actor.into()),
        mentions: vec![[0, 4]],
        geo: None,
    };
    Record {
        schema: 1,
        id: format!("article-{n}"),
        url: Some(format!("https://outlet{n}.example/story")),
        published: Some(format!("2022-{:02}-13", 1 + n % 12)),
        text,
        entities: Some(vec![
            entity("e1", "Azerbaijani forces", "AZEMIL"),
            entity("e2", "Armenia", "ARM"),
        ]),
        events: Some(vec![Event {
            id: "v1".into(),
            plover: plover.into(),
            cameo: Some(cameo.into()),
            source: Some("e1".into()),
            target: Some("e2".into()),
            source_actor: Some("AZEMIL".into()),
            target_actor: Some("ARM".into()),
            date: Some(format!("{}-{:02}-13", 2000 + n / 12, 1 + n % 12)),
            place: None,
            mode: None,
            fatalities: None,
            background: false,
            future: false,
            evidence: vec![[0, 47]],
            confidence: 0.8,
        }]),
        ..Record::default()
    }
}

/// Enough events, ACLED-able or not, that every output is larger than a pipe's buffer.
fn database(dir: &Path) -> String {
    let path = dir.join("news.db");
    let mut store = Store::open(&path).unwrap();
    let records: Vec<Record> = (0..400)
        .map(|n| {
            if n % 2 == 0 {
                record(n, "ASSAULT", "190")
            } else {
                record(n, "CONSULT", "040")
            }
        })
        .collect();
    store.ingest(records).unwrap();
    path.display().to_string()
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let commands: Vec<Vec<&str>> = vec![
        vec!["article", "--db", &db, "article-0", "--pretty"],
        vec!["events", "--db", &db, "--format", "jsonl"],
        vec!["events", "--db", &db, "--format", "csv"],
        vec!["events", "--db", &db, "--format", "table"],
        vec!["entities", "--db", &db, "--format", "jsonl"],
        vec!["export", "--db", &db, "--format", "gdelt-events"],
        vec!["export", "--db", &db, "--format", "gdelt-gkg"],
        vec!["export", "--db", &db, "--format", "acled"],
        vec!["export", "--db", &db, "--format", "jsonl"],
        vec!["export", "--db", &db, "--format", "geojson"],
        vec!["export", "--db", &db, "--format", "parquet"],
        vec!["search", "--db", &db, "--format", "jsonl", "shelled"],
        vec![
            "extract",
            "--pretty",
            "../../data/samples/armenia-azerbaijan-2022-09-13.txt",
        ],
        vec!["--help"],
    ];
    for args in commands {
        let output = run_into_closed_pipe(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?} printed: {stderr}");
    }
}

#[test]
fn the_users_binary_has_only_the_users_commands() {
    let help = String::from_utf8_lossy(&run(&["--help"]).stdout).to_string();
    for user in ["extract", "ingest", "events", "export", "serve"] {
        assert!(help.contains(user), "--help lacks {user}: {help}");
    }
    // Evaluations, benchmarks, builds and training are the developer tool's (`cargo xtask`).
    for developer in ["eval", "bench", "bench-db", "train", "build"] {
        let output = run(&[developer, "--help"]);
        assert_eq!(output.status.code(), Some(2), "sitrep {developer} ran");
        assert!(
            !help.lines().any(|l| l.trim_start().starts_with(developer)),
            "--help lists {developer}: {help}"
        );
    }
}

#[test]
fn help_says_what_is_true() {
    for command in ["events", "export", "search", "entities", "article"] {
        let help = String::from_utf8_lossy(&run(&[command, "--help"]).stdout).to_string();
        assert!(
            !help.contains("created when missing"),
            "{command} --help: {help}"
        );
        assert!(
            help.contains("ingest` creates it"),
            "{command} --help: {help}"
        );
    }
    // And it is true: a query on a missing database creates nothing.
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    let output = run(&["events", "--db", missing.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!missing.exists());
}

#[test]
fn unknown_values_are_errors_listing_the_valid_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let unknown_type = run(&["events", "--db", &db, "--type", "FOO"]);
    let stderr = String::from_utf8_lossy(&unknown_type.stderr);
    assert_eq!(unknown_type.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("ASSAULT") && stderr.contains("PROTEST") && stderr.contains("FOO"),
        "{stderr}"
    );
    // Case is forgiven.
    assert!(
        run(&[
            "events", "--db", &db, "--type", "assault", "--format", "csv"
        ])
        .status
        .success()
    );

    let unknown_actor = run(&["events", "--db", &db, "--actor", "XYZ"]);
    let stderr = String::from_utf8_lossy(&unknown_actor.stderr);
    assert_eq!(unknown_actor.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("AZEMIL") && stderr.contains("ARM"),
        "{stderr}"
    );
    // A known actor with nothing in the period is an empty answer, not an error.
    let quiet_period = run(&[
        "events", "--db", &db, "--actor", "AZE", "--since", "2090", "--format", "csv",
    ]);
    assert!(
        quiet_period.status.success(),
        "{}",
        String::from_utf8_lossy(&quiet_period.stderr)
    );

    let unknown_format = run(&["export", "--db", &db, "--format", "kml"]);
    let stderr = String::from_utf8_lossy(&unknown_format.stderr);
    assert_eq!(unknown_format.status.code(), Some(2));
    assert!(
        stderr.contains("gdelt-events") && stderr.contains("parquet"),
        "{stderr}"
    );
    let unknown_table = run(&["events", "--db", &db, "--format", "xml"]);
    assert!(String::from_utf8_lossy(&unknown_table.stderr).contains("jsonl"));
}

#[test]
fn export_summary_counts_rows_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let out = dir.path().join("acled.csv");
    let output = run(&[
        "export",
        "--db",
        &db,
        "--format",
        "acled",
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    let rows = csv::Reader::from_path(&out).unwrap().records().count();
    // Half the events are consultations, which ACLED does not record.
    assert_eq!(rows, 200);
    assert!(
        stderr.contains("exported 200 rows as acled (from 400 events)"),
        "{stderr}"
    );
}
