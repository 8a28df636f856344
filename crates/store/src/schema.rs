//! Versioned schema migrations, tracked in SQLite's `user_version`. Each migration runs once,
//! in its own transaction, in order; a database from a newer sitrep is refused rather than
//! written with assumptions that no longer hold.

use crate::{Error, Result};
use rusqlite::Connection;

/// Migration `i` brings the schema from version `i` to `i + 1`. Append only: never edit a
/// migration that has shipped.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5];

/// The schema version this build writes.
pub const VERSION: u32 = MIGRATIONS.len() as u32;

const V1: &str = r#"
CREATE TABLE articles (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash BLOB NOT NULL UNIQUE,
    minhash BLOB,
    duplicate_of INTEGER REFERENCES articles(pk),
    url TEXT,
    outlet TEXT NOT NULL,
    title TEXT,
    published TEXT,
    language TEXT,
    tone REAL,
    added TEXT NOT NULL,
    text TEXT NOT NULL,
    -- the full record as deflated JSON, with `text` left empty (it is the column above)
    record BLOB NOT NULL
);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of) WHERE duplicate_of IS NOT NULL;

-- MinHash LSH: an article's signature in 16 bands of 4 values, each band hashed to a key;
-- articles sharing a key are candidate copies of one story.
CREATE TABLE minhash_bands (
    band INTEGER NOT NULL,
    value INTEGER NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(pk),
    PRIMARY KEY (band, value, article)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE article_fts USING fts5(
    title, text, content='articles', content_rowid='pk',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TABLE places (
    pk INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    geonames_id INTEGER,
    name TEXT NOT NULL,
    country_code TEXT,
    admin1 TEXT,
    feature TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    articles INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX places_lat_lon ON places(lat, lon);
CREATE INDEX places_articles ON places(articles DESC);

CREATE TABLE entities (
    pk INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    actor TEXT,
    place INTEGER REFERENCES places(pk),
    articles INTEGER NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_kind_articles ON entities(kind, articles DESC);
CREATE INDEX entities_articles ON entities(articles DESC);

CREATE TABLE mentions (
    article INTEGER NOT NULL REFERENCES articles(pk),
    local_id TEXT NOT NULL,
    entity INTEGER NOT NULL REFERENCES entities(pk),
    -- how often; where is in the record's entity spans
    count INTEGER NOT NULL,
    PRIMARY KEY (article, local_id)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE quotes (
    pk INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(pk),
    text TEXT NOT NULL,
    speaker INTEGER REFERENCES entities(pk),
    speaker_name TEXT,
    cue TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX quotes_article ON quotes(article);
CREATE VIRTUAL TABLE quote_fts USING fts5(
    text, speaker_name, content='quotes', content_rowid='pk',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TABLE counts (
    pk INTEGER PRIMARY KEY,
    article INTEGER NOT NULL REFERENCES articles(pk),
    kind TEXT NOT NULL,
    number INTEGER NOT NULL,
    qualifier TEXT NOT NULL,
    subject TEXT,
    event_local TEXT,
    background INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL
);
CREATE INDEX counts_article ON counts(article);

-- One row per merged event; `win_lo`/`win_hi` (days since 1970-01-01) is the window a new
-- report's dates must overlap to join it, `day_lo`/`day_hi` the dates actually reported.
CREATE TABLE events (
    pk INTEGER PRIMARY KEY,
    plover TEXT NOT NULL,
    cameo TEXT,
    source_key TEXT,
    target_key TEXT,
    source_actor TEXT,
    target_actor TEXT,
    source_entity INTEGER REFERENCES entities(pk),
    target_entity INTEGER REFERENCES entities(pk),
    date TEXT,
    day_lo INTEGER,
    day_hi INTEGER,
    win_lo INTEGER,
    win_hi INTEGER,
    place INTEGER REFERENCES places(pk),
    mode TEXT,
    background INTEGER NOT NULL,
    first_added TEXT NOT NULL
);
CREATE INDEX events_match ON events(plover, source_key, target_key, win_hi);
CREATE INDEX events_day ON events(day_lo);
CREATE INDEX events_place ON events(place);
CREATE INDEX events_source_actor ON events(source_actor);
CREATE INDEX events_target_actor ON events(target_actor);

-- Event <-> article links: one row per event an article reports.
CREATE TABLE event_reports (
    article INTEGER NOT NULL REFERENCES articles(pk),
    local_id TEXT NOT NULL,
    event INTEGER NOT NULL REFERENCES events(pk),
    cameo TEXT,
    date TEXT,
    fatalities INTEGER,
    evidence TEXT NOT NULL,
    confidence REAL NOT NULL,
    duplicate INTEGER NOT NULL,
    PRIMARY KEY (article, local_id)
) WITHOUT ROWID;
CREATE INDEX event_reports_event ON event_reports(event);
"#;

/// Events told as to come ("will meet"): kept apart from those done until a report tells
/// them done.
const V2: &str = r#"
ALTER TABLE events ADD COLUMN future INTEGER NOT NULL DEFAULT 0;
"#;

/// Merging by meaning: each side's country as the article gives it (a role-only "---MIL" takes
/// the country its article names), whether a report's date was stated in its sentence or is
/// its dateline's, and candidate events found by type and date window alone (sides are
/// compared by identity in Rust, not by spelling in SQL); whether a report sits in its
/// article's lead paragraph.
const V3: &str = r#"
ALTER TABLE events ADD COLUMN source_country TEXT;
ALTER TABLE events ADD COLUMN target_country TEXT;
ALTER TABLE event_reports ADD COLUMN date_stated INTEGER;
-- whether the report was read from its article's lead paragraph (GDELT's IsRootEvent)
ALTER TABLE event_reports ADD COLUMN lead INTEGER;
CREATE INDEX events_window ON events(plover, win_hi);
"#;

/// Indexes for every event filter, so that none reads every event: events of one type newest
/// first (the list the API pages through, and its count); events by actor entity, entities
/// and places by country (the actor and country filters); the events an article reports (the
/// text filter: articles found by full-text search, then their events).
const V4: &str = r#"
CREATE INDEX events_type_day ON events(plover, day_lo);
CREATE INDEX events_source_entity ON events(source_entity);
CREATE INDEX events_target_entity ON events(target_entity);
CREATE INDEX entities_country ON entities(country);
CREATE INDEX places_country ON places(country_code);
CREATE INDEX event_reports_article ON event_reports(article, event);
"#;

/// Each merged event as `sitrep events --format jsonl` prints it, kept beside it: a page of
/// the API is then its filter and these strings, not a hundred events assembled from their
/// reports and articles. NULL until rendered: an ingest clears the events it changes and
/// renders them again after its commit (`Store::render_missing`); a NULL is rendered live.
const V5: &str = r#"
ALTER TABLE events ADD COLUMN rendered TEXT;
CREATE INDEX events_unrendered ON events(pk) WHERE rendered IS NULL;
"#;

/// Brings `conn` to [`VERSION`], one transaction per migration.
pub fn migrate(conn: &mut Connection) -> Result<u32> {
    let mut version = version(conn)?;
    if version > VERSION {
        return Err(Error::Other(format!(
            "the database has schema version {version}; this sitrep knows up to {VERSION}: upgrade sitrep"
        )));
    }
    while version < VERSION {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated between our read and taking the write lock.
        let now: u32 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
        // Checked under the write lock: a sitrep migrating at the same moment commits its
        // tables and version together, so tables without a version are another program's.
        if now == 0 && has_any_table(&tx)? {
            return Err(Error::Other(
                "an SQLite database but not sitrep's: sitrep adds no tables to it".into(),
            ));
        }
        if now == version {
            tx.execute_batch(MIGRATIONS[version as usize])?;
            tx.pragma_update(None, "user_version", version + 1)?;
        }
        tx.commit()?;
        version = self::version(conn)?;
    }
    Ok(version)
}

/// Checks, by reading only, that `conn` is a sitrep database of this build's schema version:
/// queries never create or migrate, so a foreign or older database is refused.
pub fn ensure_current(conn: &Connection, path: &std::path::Path) -> Result<()> {
    let version = version(conn)?;
    if version == 0 || !has_sitrep_tables(conn)? {
        return Err(Error::Other(format!(
            "{} is an SQLite database but not sitrep's",
            path.display()
        )));
    }
    if version > VERSION {
        return Err(Error::Other(format!(
            "{} has schema version {version}; this sitrep knows up to {VERSION}: upgrade sitrep",
            path.display()
        )));
    }
    if version < VERSION {
        return Err(Error::Other(format!(
            "{} has schema version {version}, older than this sitrep's {VERSION}: queries do not upgrade it, \
             the next `sitrep ingest … --db {}` will",
            path.display(),
            path.display()
        )));
    }
    Ok(())
}

/// Whether the tables every sitrep schema has are there.
fn has_sitrep_tables(conn: &Connection) -> Result<bool> {
    let found: u32 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('articles', 'events', 'event_reports')",
        [],
        |row| row.get(0),
    )?;
    Ok(found == 3)
}

/// Whether the database holds anything: a file that is not new and has no sitrep version is
/// another program's.
fn has_any_table(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table')",
        [],
        |row| row.get(0),
    )?)
}

pub fn version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}
