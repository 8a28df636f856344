//! Queries open the database read-only: they never create, migrate or write it, and refuse a
//! file that is not a sitrep database instead of turning it into one.

use sitrep_core::Record;
use sitrep_store::{EventFilter, Store};
use std::path::Path;

fn record(id: &str) -> Record {
    Record {
        schema: 1,
        id: id.into(),
        text: format!("Story {id}: the ministry said talks would resume."),
        ..Record::default()
    }
}

fn sitrep_database(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("news.db");
    Store::open(&path)
        .unwrap()
        .ingest(vec![record("a")])
        .unwrap();
    path
}

fn tables(path: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .collect::<rusqlite::Result<Vec<String>>>()
        .unwrap()
}

#[test]
fn a_read_only_store_reads_and_cannot_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = sitrep_database(dir.path());
    let before = std::fs::read(&path).unwrap();
    let mut store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.records().unwrap().len(), 1);
    assert!(
        store
            .merged_events(&EventFilter::default())
            .unwrap()
            .is_empty()
    );
    // The connection itself is read-only (SQLITE_OPEN_READ_ONLY): a write is refused by SQLite.
    let err = store
        .ingest(vec![record("b")])
        .expect_err("a read-only store cannot write");
    assert!(err.to_string().contains("readonly"), "{err}");
    drop(store);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "reading changed the database file"
    );
}

#[test]
fn read_only_open_refuses_what_is_not_a_sitrep_database_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();

    let missing = dir.path().join("missing.db");
    assert!(Store::open_read_only(&missing).is_err());
    assert!(!missing.exists(), "a query created a database");

    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT)")
        .unwrap();
    let err = Store::open_read_only(&foreign)
        .err()
        .expect("a foreign database is refused");
    assert!(
        err.to_string()
            .contains("is an SQLite database but not sitrep's"),
        "{err}"
    );
    assert_eq!(tables(&foreign), ["notes"]);

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database at all, just some words in a file").unwrap();
    let err = Store::open_read_only(&text)
        .err()
        .expect("a text file is refused");
    assert!(
        err.to_string().contains("is not an SQLite database"),
        "{err}"
    );

    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, "").unwrap();
    assert!(Store::open_read_only(&empty).is_err());
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);
}

#[test]
fn read_only_open_does_not_migrate_an_older_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = sitrep_database(dir.path());
    rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 1)
        .unwrap();
    let err = Store::open_read_only(&path)
        .err()
        .expect("an older schema is not read as the current one");
    assert!(err.to_string().contains("schema version 1"), "{err}");
    let version: u32 = rusqlite::Connection::open(&path)
        .unwrap()
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, 1);
}

#[test]
fn ingest_adds_no_tables_to_a_foreign_database() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("foreign.db");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes (body TEXT)")
        .unwrap();
    let err = Store::open(&foreign)
        .err()
        .expect("a foreign database is not written into");
    assert!(err.to_string().contains("not sitrep's"), "{err}");
    assert_eq!(tables(&foreign), ["notes"]);
}
