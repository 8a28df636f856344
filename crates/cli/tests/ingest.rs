//! `sitrep ingest` and the query commands end to end, including a `kill -9` in mid-ingest.

use sitrep_store::Store;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn sitrep() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    command.current_dir(repo_root()).stdin(Stdio::null());
    command
}

fn run(args: &[&str]) -> Output {
    sitrep().args(args).output().expect("run sitrep")
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `copies` variants of every bundled JSONL sample, each with its own id, title and ending
/// (so none is the same content as another), in `copies` files. Texts are cut to their
/// opening so the test spends its time storing, not extracting.
fn variants(dir: &Path, copies: usize) -> BTreeSet<String> {
    let samples =
        std::fs::read_to_string(repo_root().join("data/samples/geovirus-wikinews.jsonl")).unwrap();
    let mut ids = BTreeSet::new();
    for copy in 0..copies {
        let mut lines = String::new();
        for line in samples.lines() {
            let mut value: serde_json::Value = serde_json::from_str(line).unwrap();
            let id = format!("{}#{copy}", value["id"].as_str().unwrap());
            value["title"] = format!("{} ({copy})", value["title"].as_str().unwrap_or("")).into();
            let text = value["text"].as_str().unwrap();
            let cut = (800..text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(text.len());
            value["text"] = format!(
                "{}\n\nUpdate {copy}: no further details were given.",
                &text[..cut]
            )
            .into();
            value["id"] = id.clone().into();
            lines.push_str(&serde_json::to_string(&value).unwrap());
            lines.push('\n');
            ids.insert(id);
        }
        std::fs::write(dir.join(format!("copy-{copy:03}.jsonl")), lines).unwrap();
    }
    ids
}

fn stored_ids(db: &Path) -> Vec<String> {
    Store::open(db)
        .unwrap()
        .records()
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect()
}

fn articles_stored(db: &Path) -> u64 {
    Store::open(db)
        .and_then(|s| s.summary(1))
        .map(|s| s.articles)
        .unwrap_or(0)
}

#[test]
fn kill_9_mid_ingest_loses_nothing_committed_and_a_rerun_completes_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    let want = variants(&inputs, 2);
    let db = dir.path().join("news.db");
    let ingest_args = |db: &Path| {
        vec![
            "ingest".to_string(),
            inputs.display().to_string(),
            "--db".into(),
            db.display().to_string(),
            "--batch".into(),
            "16".into(),
            "--quiet".into(),
        ]
    };

    let mut child = sitrep()
        .args(ingest_args(&db))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Kill it once a few batches are committed, while it is still working.
    let deadline = Instant::now() + Duration::from_secs(50);
    loop {
        if db.exists() && articles_stored(&db) >= 48 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "ingest ended before it could be killed"
        );
        assert!(
            Instant::now() < deadline,
            "ingest committed nothing in time"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    let status = child.wait().unwrap();
    assert!(!status.success(), "killed, not finished");
    let partial = stored_ids(&db);
    assert!(
        partial.len() >= 48 && partial.len() < want.len(),
        "{} of {} stored when killed",
        partial.len(),
        want.len()
    );
    assert_eq!(partial.len() % 16, 0, "only whole batches are committed");

    let output = sitrep().args(ingest_args(&db)).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let ids = stored_ids(&db);
    assert_eq!(ids.len(), want.len(), "no duplicates, none missing");
    assert_eq!(ids.iter().cloned().collect::<BTreeSet<_>>(), want);

    // The interrupted database ends as one ingested in a single run would.
    let fresh = dir.path().join("fresh.db");
    let output = sitrep().args(ingest_args(&fresh)).output().unwrap();
    assert!(output.status.success());
    let (resumed, fresh) = (Store::open(&db).unwrap(), Store::open(&fresh).unwrap());
    assert_eq!(resumed.summary(20).unwrap(), fresh.summary(20).unwrap());
    assert_eq!(
        resumed.entities(None, 100_000).unwrap(),
        fresh.entities(None, 100_000).unwrap()
    );
}

#[test]
fn ingest_twice_then_query() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("news.db");
    let db_arg = db.to_str().unwrap();
    let first = run(&["ingest", "data/samples", "--db", db_arg]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let summary = String::from_utf8_lossy(&first.stdout);
    assert!(summary.contains("230 articles"), "{summary}");
    assert!(summary.contains("top places"), "{summary}");
    let before = Store::open(&db).unwrap().summary(50).unwrap();

    let second = run(&["ingest", "data/samples", "--db", db_arg]);
    assert!(second.status.success());
    assert!(
        String::from_utf8_lossy(&second.stderr).contains("0 stored"),
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(Store::open(&db).unwrap().summary(50).unwrap(), before);

    let search = run(&[
        "search", "--db", db_arg, "ebola", "outbreak", "--format", "jsonl",
    ]);
    assert!(search.status.success());
    let hits: Vec<serde_json::Value> = String::from_utf8_lossy(&search.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!hits.is_empty());
    assert!(hits[0]["snippet"].as_str().unwrap().contains('['));

    let id = hits[0]["article"].as_str().unwrap();
    let article = run(&["article", "--db", db_arg, id]);
    let record: serde_json::Value = serde_json::from_slice(&article.stdout).unwrap();
    assert_eq!(record["id"], id);
    assert!(!record["text"].as_str().unwrap().is_empty());
    assert_eq!(
        run(&["article", "--db", db_arg, "no-such-id"])
            .status
            .code(),
        Some(1)
    );

    let entities = run(&[
        "entities", "--db", db_arg, "--kind", "location", "--limit", "5", "--format", "csv",
    ]);
    let csv = String::from_utf8_lossy(&entities.stdout);
    assert_eq!(
        csv.lines().next(),
        Some("NAME,KIND,COUNTRY,ACTOR,ARTICLES,MENTIONS")
    );
    assert_eq!(csv.lines().count(), 6);
    let table = run(&[
        "entities", "--db", db_arg, "--limit", "3", "--format", "table",
    ]);
    assert!(String::from_utf8_lossy(&table.stdout).starts_with("NAME "));

    let events = run(&[
        "events",
        "--db",
        db_arg,
        "--type",
        "ASSAULT",
        "--since",
        "2000-01-01",
        "--format",
        "csv",
    ]);
    assert!(
        events.status.success(),
        "{}",
        String::from_utf8_lossy(&events.stderr)
    );
    assert!(String::from_utf8_lossy(&events.stdout).starts_with("ID,DATE,WHEN,TYPE,CAMEO,"));
}

#[test]
fn queries_refuse_a_missing_database_and_bad_arguments() {
    let missing = run(&["events", "--db", "/nonexistent/news.db"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("no database at /nonexistent/news.db")
    );
    let bad = run(&["events", "--near", "91,0,5"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("LAT,LON,KM"));
    let help = run(&["ingest", "--help"]);
    assert!(String::from_utf8_lossy(&help.stdout).contains("Examples:"));
}
