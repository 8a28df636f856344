//! Hostile input cannot take a run down (issue 19): wildcards, malformed queries, huge
//! numbers, read-only and foreign databases, odd export targets and control characters.

use sitrep_core::Record;
use sitrep_core::record::{Entity, EntityKind, Event};
use sitrep_store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep")).args(args).output().expect("run sitrep")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn entity(id: &str, kind: EntityKind, name: &str, actor: &str) -> Entity {
    Entity {
        id: id.into(),
        kind,
        name: name.into(),
        aliases: vec![],
        title: None,
        country: Some(actor[..3].to_string()),
        actor: Some(actor.into()),
        mentions: vec![[0, 4]],
        geo: None,
    }
}

/// One article on an assault by `source_name` (AZEMIL) on Armenia, titled `title`.
fn article(id: &str, title: &str, source_name: &str) -> Record {
    let text = format!("Azerbaijani forces shelled Jermuk, Armenia said. Story {id} ceasefire.");
    Record {
        schema: 1,
        id: id.into(),
        title: Some(title.into()),
        published: Some("2022-09-13".into()),
        text,
        entities: Some(vec![
            entity("e1", EntityKind::Organization, source_name, "AZEMIL"),
            entity("e2", EntityKind::Location, "Armenia", "ARM"),
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

/// A sitrep database at `dir/news.db` with one event from one article.
fn database(dir: &Path, records: Vec<Record>) -> PathBuf {
    let path = dir.join("news.db");
    let mut store = Store::open(&path).unwrap();
    store.ingest(records).unwrap();
    path
}

fn plain_database(dir: &Path) -> PathBuf {
    database(dir, vec![article("a1", "Shelling near Jermuk", "Azerbaijani forces")])
}

#[test]
fn search_with_malformed_syntax_says_how_to_quote_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let db = plain_database(dir.path());
    for query in ["\"unbalanced", "AND OR"] {
        let out = run(&["search", "--db", db.to_str().unwrap(), query]);
        assert_eq!(out.status.code(), Some(2), "{query}: {}", stderr(&out));
        let message = stderr(&out);
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(message.contains("malformed search query") && message.contains("double quotes"), "{message}");
    }
}

#[test]
fn search_without_a_hit_says_so_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = plain_database(dir.path());
    let out = run(&["search", "--db", db.to_str().unwrap(), "--format", "jsonl", "zebra"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no match"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let hit = run(&["search", "--db", db.to_str().unwrap(), "--format", "jsonl", "ceasefire"]);
    assert_eq!(hit.status.code(), Some(0), "{}", stderr(&hit));
    assert!(!stderr(&hit).contains("no match"));
    let help = stdout(&run(&["search", "--help"]));
    assert!(help.contains("Exit status") && help.contains("no match"), "{help}");
}

#[test]
fn limits_beyond_i64_are_no_limit_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = plain_database(dir.path());
    let db = db.to_str().unwrap();
    let huge = "18446744073709551615";
    for args in [
        vec!["events", "--db", db, "--limit", huge, "--format", "jsonl"],
        vec!["search", "--db", db, "--limit", huge, "--format", "jsonl", "ceasefire"],
        vec!["entities", "--db", db, "--limit", huge, "--format", "jsonl"],
        vec!["export", "--db", db, "--limit", huge, "--format", "jsonl"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(!stdout(&out).is_empty(), "{args:?}");
    }
}

/// Every command that only reads the database, with its arguments.
fn query_commands(db: &str) -> Vec<Vec<&str>> {
    vec![
        vec!["events", "--db", db, "--format", "jsonl"],
        vec!["search", "--db", db, "--format", "jsonl", "ceasefire"],
        vec!["entities", "--db", db, "--format", "jsonl"],
        vec!["article", "--db", db, "a1"],
        vec!["export", "--db", db, "--format", "jsonl"],
    ]
}

/// Runs `args` as an unprivileged user when the tests run as root: root ignores directory
/// permissions, so a read-only directory stops only another user (setpriv, util-linux).
fn run_unprivileged(args: &[&str]) -> Output {
    let uid = Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if uid.is_ok_and(|uid| uid == "0") {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_sitrep")])
            .args(args)
            .output()
            .expect("setpriv (util-linux) runs sitrep as nobody")
    } else {
        run(args)
    }
}

#[test]
fn queries_read_a_database_in_a_read_only_directory() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ro");
    std::fs::create_dir(&folder).unwrap();
    let db = plain_database(&folder);
    let set_mode = |path: &Path, mode: u32| std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    set_mode(dir.path(), 0o755);
    set_mode(&db, 0o644);
    // No -wal or -shm file can be created here: a read-write open, or a read-only one that
    // needs the shared-memory file, fails with SQLITE_READONLY_DIRECTORY.
    set_mode(&folder, 0o555);
    let results: Vec<(Vec<&str>, Output)> =
        query_commands(db.to_str().unwrap()).into_iter().map(|args| (args.clone(), run_unprivileged(&args))).collect();
    set_mode(&folder, 0o755);
    for (args, out) in results {
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(!stdout(&out).is_empty(), "{args:?}");
    }
}

#[test]
fn queries_never_create_or_change_a_file_that_is_not_a_sitrep_database() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign).unwrap().execute_batch("CREATE TABLE notes (body TEXT)").unwrap();
    let foreign_bytes = std::fs::read(&foreign).unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "just words, not a database").unwrap();
    let cases = [
        (&missing, format!("no database at {}; create one with `sitrep ingest", missing.display())),
        (&foreign, format!("{} is an SQLite database but not sitrep's", foreign.display())),
        (&text, format!("{} is not an SQLite database", text.display())),
    ];
    for (path, message) in &cases {
        for args in query_commands(path.to_str().unwrap()) {
            let out = run(&args);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            assert!(stderr(&out).contains(message.as_str()), "{args:?}: {}", stderr(&out));
        }
    }
    assert!(!missing.exists());
    assert_eq!(std::fs::read(&foreign).unwrap(), foreign_bytes);
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "just words, not a database");
}
