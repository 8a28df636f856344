//! Hostile input cannot take a run down (issue 19): wildcards, malformed queries, huge
//! numbers, read-only and foreign databases, odd export targets and control characters.

use sitrep_core::Record;
use sitrep_core::record::{Entity, EntityKind, Event};
use sitrep_store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .output()
        .expect("run sitrep")
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
    database(
        dir,
        vec![article("a1", "Shelling near Jermuk", "Azerbaijani forces")],
    )
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
        assert!(
            message.contains("malformed search query") && message.contains("double quotes"),
            "{message}"
        );
    }
}

#[test]
fn search_without_a_hit_says_so_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = plain_database(dir.path());
    let out = run(&[
        "search",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "jsonl",
        "zebra",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no match"), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
    let hit = run(&[
        "search",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "jsonl",
        "ceasefire",
    ]);
    assert_eq!(hit.status.code(), Some(0), "{}", stderr(&hit));
    assert!(!stderr(&hit).contains("no match"));
    let help = stdout(&run(&["search", "--help"]));
    assert!(
        help.contains("Exit status") && help.contains("no match"),
        "{help}"
    );
}

#[test]
fn limits_beyond_i64_are_no_limit_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = plain_database(dir.path());
    let db = db.to_str().unwrap();
    let huge = "18446744073709551615";
    for args in [
        vec!["events", "--db", db, "--limit", huge, "--format", "jsonl"],
        vec![
            "search",
            "--db",
            db,
            "--limit",
            huge,
            "--format",
            "jsonl",
            "ceasefire",
        ],
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
    let uid = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if uid.is_ok_and(|uid| uid == "0") {
        Command::new("setpriv")
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                env!("CARGO_BIN_EXE_sitrep"),
            ])
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
    let set_mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    set_mode(dir.path(), 0o755);
    set_mode(&db, 0o644);
    // No -wal or -shm file can be created here: a read-write open, or a read-only one that
    // needs the shared-memory file, fails with SQLITE_READONLY_DIRECTORY.
    set_mode(&folder, 0o555);
    let results: Vec<(Vec<&str>, Output)> = query_commands(db.to_str().unwrap())
        .into_iter()
        .map(|args| (args.clone(), run_unprivileged(&args)))
        .collect();
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
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT)")
        .unwrap();
    let foreign_bytes = std::fs::read(&foreign).unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "just words, not a database").unwrap();
    let cases = [
        (
            &missing,
            format!(
                "no database at {}; create one with `sitrep ingest",
                missing.display()
            ),
        ),
        (
            &foreign,
            format!(
                "{} is an SQLite database but not sitrep's",
                foreign.display()
            ),
        ),
        (
            &text,
            format!("{} is not an SQLite database", text.display()),
        ),
    ];
    for (path, message) in &cases {
        for args in query_commands(path.to_str().unwrap()) {
            let out = run(&args);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
            assert!(
                stderr(&out).contains(message.as_str()),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
    assert!(!missing.exists());
    assert_eq!(std::fs::read(&foreign).unwrap(), foreign_bytes);
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "just words, not a database"
    );
}

/// The files in `dir`, but for SQLite's -wal and -shm files (a read-only connection cannot
/// remove them when it closes; they are the database's, not an export's).
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with("-wal") && !name.ends_with("-shm"))
        .collect();
    names.sort();
    names
}

#[test]
fn export_into_a_device_through_a_symlink_writes_into_the_device() {
    let dir = tempfile::tempdir().unwrap();
    let db = plain_database(dir.path());
    // Not `-o /dev/null` itself: a regression would replace the system's /dev/null. Through a
    // link the old code replaced only the link; now the link is followed to the device.
    let link = dir.path().join("sink");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let out = run(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "jsonl",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced"
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert_eq!(names_in(dir.path()), ["news.db", "sink"]);

    // A link the kernel resolves to a pipe (as /dev/stdout does): written into.
    let out = run(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "jsonl",
        "-o",
        "/proc/self/fd/1",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("\"plover\":\"ASSAULT\""),
        "{}",
        stdout(&out)
    );

    // A descriptor the shell opened on a regular file to append (`-o /dev/stdout >> log`):
    // appended to, not replaced by a new file.
    let log = dir.path().join("log.jsonl");
    std::fs::write(&log, "earlier line\n").unwrap();
    let appending = std::fs::File::options().append(true).open(&log).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args([
            "export",
            "--db",
            db.to_str().unwrap(),
            "--format",
            "jsonl",
            "-o",
            "/proc/self/fd/1",
        ])
        .stdout(appending)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(
        logged.starts_with("earlier line\n{") && logged.contains("ASSAULT"),
        "{logged}"
    );
}

#[test]
fn export_through_a_symlink_replaces_its_target_and_keeps_the_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = plain_database(dir.path());
    std::fs::create_dir(dir.path().join("exports")).unwrap();
    let target = dir.path().join("exports/events.jsonl");
    std::fs::write(&target, "old\n").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("latest.jsonl");
    std::os::unix::fs::symlink("exports/events.jsonl", &link).unwrap();
    let out = run(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "jsonl",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link was replaced"
    );
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("\"plover\":\"ASSAULT\""), "{written}");
    assert_eq!(
        std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(names_in(&dir.path().join("exports")), ["events.jsonl"]);
}

#[test]
fn a_failed_export_leaves_the_old_file_and_no_partial_file() {
    let dir = tempfile::tempdir().unwrap();
    let long_title = "Shelling near Jermuk ".repeat(150);
    let articles: Vec<Record> = (0..40)
        .map(|i| {
            article(
                &format!("a{i}"),
                &format!("{long_title}{i}"),
                "Azerbaijani forces",
            )
        })
        .collect();
    let db = database(dir.path(), articles);
    let exports = dir.path().join("exports");
    std::fs::create_dir(&exports).unwrap();
    let target = exports.join("gkg.tsv");
    std::fs::write(&target, "old\n").unwrap();
    // Files may grow to 100 blocks (51 or 102 kB: room for SQLite's 32 kB -shm file) and the
    // 40 articles' GKG rows take 120 kB: the write fails part-way with EFBIG. SIGXFSZ is
    // ignored so that sitrep sees an error instead of dying.
    let script = format!(
        "trap '' XFSZ; ulimit -f 100; exec '{}' export --db '{}' --format gdelt-gkg -o '{}'",
        env!("CARGO_BIN_EXE_sitrep"),
        db.display(),
        target.display()
    );
    let out = Command::new("sh").arg("-c").arg(&script).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("gkg.tsv"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old\n");
    assert_eq!(
        names_in(&exports),
        ["gkg.tsv"],
        "a partial file was left behind"
    );

    // A directory cannot be replaced by an export: refused, nothing left beside it.
    let out = run(&[
        "export",
        "--db",
        db.to_str().unwrap(),
        "--format",
        "jsonl",
        "-o",
        exports.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a directory"), "{}", stderr(&out));
    assert_eq!(names_in(dir.path()), ["exports", "news.db"]);
}

/// Characters a terminal acts on: ESC (colours, clearing), a C1 CSI, a right-to-left override.
const HOSTILE_NAME: &str = "Evil\u{1b}[2J Corp\u{9b}31m \u{202e}gnp.exe";
const HOSTILE_TITLE: &str = "Line one\nforged row\tand \u{1b}]0;title\u{7}";

fn assert_shown_not_acted_on(output: &str) {
    for raw in ['\u{1b}', '\u{9b}', '\u{202e}', '\u{7}'] {
        assert!(!output.contains(raw), "raw {raw:?} in {output:?}");
    }
}

#[test]
fn tables_show_control_characters_escaped_and_csv_json_keep_them_exact() {
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path(), vec![article("a1", HOSTILE_TITLE, HOSTILE_NAME)]);
    let db = db.to_str().unwrap();

    let entities = stdout(&run(&["entities", "--db", db, "--format", "table"]));
    assert_shown_not_acted_on(&entities);
    assert!(
        entities.contains("Evil\\u{1b}[2J Corp\\u{9b}31m \\u{202e}gnp.exe"),
        "{entities}"
    );
    let events = stdout(&run(&["events", "--db", db, "--format", "table"]));
    assert_shown_not_acted_on(&events);
    assert!(events.contains("Evil\\u{1b}[2J"), "{events}");
    let search = stdout(&run(&[
        "search",
        "--db",
        db,
        "--format",
        "table",
        "ceasefire",
    ]));
    assert_shown_not_acted_on(&search);
    assert_eq!(
        search.lines().count(),
        2,
        "a newline in a title forged a row: {search}"
    );
    assert!(
        search.contains("Line one forged row and \\u{1b}]0;title\\u{7}"),
        "{search}"
    );

    // Programs get the text exact.
    let csv = stdout(&run(&["entities", "--db", db, "--format", "csv"]));
    assert!(csv.contains(HOSTILE_NAME), "{csv}");
    let jsonl = stdout(&run(&["entities", "--db", db, "--format", "jsonl"]));
    let names: Vec<String> = jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["name"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(names.iter().any(|n| n == HOSTILE_NAME), "{names:?}");
}

#[test]
fn file_names_with_control_characters_print_escaped_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(
        inputs.join("ok.txt"),
        "The ministry said on Monday that talks would resume.",
    )
    .unwrap();
    // Empty, so reported: the report must not carry the name's newline and ESC raw.
    std::fs::write(inputs.join("bad\nforged line\u{1b}[2J.txt"), "").unwrap();
    let db = dir.path().join("news.db");
    for args in [
        vec!["extract", inputs.to_str().unwrap()],
        vec![
            "ingest",
            "--quiet",
            "--db",
            db.to_str().unwrap(),
            inputs.to_str().unwrap(),
        ],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        let message = stderr(&out);
        assert!(
            message.contains("bad\\nforged line\\u{1b}[2J.txt: empty file"),
            "{message}"
        );
        assert!(
            !message.contains('\u{1b}') && !message.contains("\nforged"),
            "{message:?}"
        );
        assert!(
            message.lines().all(|line| line.starts_with("sitrep: ")),
            "{message:?}"
        );
    }
    // Ordinary names print as they are.
    let ordinary = inputs.join("plain name.txt");
    std::fs::write(&ordinary, "").unwrap();
    let message = stderr(&run(&["extract", ordinary.to_str().unwrap()]));
    assert!(
        message.contains(&format!("{}: empty file", ordinary.display())),
        "{message}"
    );

    // Errors naming a database escape it as well.
    let odd_db = dir.path().join("odd\n\u{1b}[31m.db");
    let message = stderr(&run(&["events", "--db", odd_db.to_str().unwrap()]));
    assert!(message.contains("odd\\n\\u{1b}[31m.db"), "{message}");
    assert_eq!(message.lines().count(), 1, "{message:?}");
}
