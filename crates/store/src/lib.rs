//! sitrep's database: articles and their extracted records stored in SQLite, reports of one
//! event merged, queried and exported.
//!
//! One file, WAL mode: readers (queries, exports) run while an ingest writes. Every batch is
//! one transaction, so a killed ingest leaves whole batches and a re-run skips what is stored
//! (same article id or same content). The merge rule for events is in [`merge`].

mod actors;
pub mod export;
pub mod fingerprint;
mod ingest;
pub mod merge;
pub mod model;
mod query;
pub mod schema;

pub use ingest::{IngestReport, Prepared, outlet};
pub use query::{EntityRow, SearchHit, Summary};

use std::path::{Path, PathBuf};
use std::time::Duration;

/// What can go wrong opening, writing or reading the database.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored record is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A search query that FTS5 cannot parse (`"unbalanced`, `AND OR`).
    #[error(
        "malformed search query {query:?} ({reason}); plain words are all searched for, \
         a phrase goes in double quotes (in a shell: '\"exact words\"'), and AND, OR, NOT go between terms"
    )]
    BadQuery { query: String, reason: String },
    #[error("{0}")]
    Other(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// Which merged events to return; every field is optional and they combine with AND.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Only the merged event with this id.
    pub id: Option<i64>,
    /// Source or target actor: a CAMEO code prefix ("ARM", "AZEMIL") or part of an actor's
    /// name ("Pashinyan"), case ignored.
    pub actor: Option<String>,
    /// PLOVER event type ("ASSAULT"), case ignored.
    pub plover: Option<String>,
    /// Country of the place (ISO alpha-2) or of either actor; alpha-2 or alpha-3 accepted.
    pub country: Option<String>,
    /// Events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY).
    pub since: Option<String>,
    /// Events on or before this date (the end of the month or year when given so).
    pub until: Option<String>,
    /// Events placed within `km` of (`lat`, `lon`).
    pub near: Option<Near>,
    /// Events reported by articles matching this full-text query (plain words all occur;
    /// FTS5 syntax honoured, as in [`Store::search`]).
    pub text: Option<String>,
    /// At most this many events (newest first); `None`: all.
    pub limit: Option<usize>,
    /// Skip this many of them first (paging).
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    pub lat: f64,
    pub lon: f64,
    pub km: f64,
}

/// An open sitrep database.
pub struct Store {
    conn: rusqlite::Connection,
    path: PathBuf,
}

impl Store {
    /// Opens the database at `path`, creating it and bringing its schema up to date if needed.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let mut conn = rusqlite::Connection::open(&path)?;
        // Another process may hold the write lock for one batch: wait for it rather than fail.
        conn.busy_timeout(Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // In WAL mode NORMAL loses nothing committed when the process dies (kill -9); only a
        // power cut can cost the last transactions, never consistency.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", false)?;
        // The default 2 MB page cache makes every FTS and index update re-read pages from the
        // OS; 64 MB keeps the hot part of a large database in memory, and reads map the file.
        conn.pragma_update(None, "cache_size", -65_536)?;
        conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.set_prepared_statement_cache_capacity(64);
        query::register_functions(&conn)?;
        schema::migrate(&mut conn)?;
        Ok(Store { conn, path })
    }

    /// Opens an existing sitrep database for reading only (queries and exports): nothing is
    /// created, migrated or written, so a database in a read-only directory, or one an ingest
    /// is writing, can be read, and a wrong `--db` is refused rather than turned into one.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        ensure_sqlite_file(&path)?;
        let conn = match connect_read_only(&path, false) {
            // A WAL database whose -shm file is missing and cannot be created (a read-only
            // directory: SQLITE_READONLY_DIRECTORY or SQLITE_CANTOPEN): SQLite reads it only
            // when told nobody writes it, which no one can there. Immutable reads skip the
            // write-ahead log, so only when there is none to skip.
            Err(Error::Sqlite(err))
                if matches!(
                    err.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen)
                ) && !has_pending_wal(&path) =>
            {
                connect_read_only(&path, true)?
            }
            other => other.map_err(|err| match err {
                // SQLite's own messages do not say which file.
                Error::Sqlite(err) => Error::Other(format!("opening {}: {err}", path.display())),
                other => other,
            })?,
        };
        Ok(Store { conn, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<u32> {
        schema::version(&self.conn)
    }

    /// Bytes the database takes on disk (main file and write-ahead log).
    pub fn disk_bytes(&self) -> u64 {
        let wal = PathBuf::from(format!("{}-wal", self.path.display()));
        [&self.path, &wal]
            .iter()
            .filter_map(|p| std::fs::metadata(p).ok())
            .map(|m| m.len())
            .sum()
    }

    /// A number that changes whenever another connection (of this or another process) has
    /// committed a change to the database since this one last asked: what a cache of query
    /// answers checks before it answers.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "data_version", |row| row.get(0))?)
    }

    /// Folds the write-ahead log into the main file (after a large ingest).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

/// Whether a write-ahead log with transactions not yet in the main file lies beside `path`.
fn has_pending_wal(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

/// Refuses what is not an SQLite file at all, by its 16-byte header, before SQLite is asked.
fn ensure_sqlite_file(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut header = [0u8; 16];
    let mut file =
        std::fs::File::open(path).map_err(|e| Error::Other(format!("{}: {e}", path.display())))?;
    let complete = file.read_exact(&mut header).is_ok();
    if !complete || &header != b"SQLite format 3\0" {
        return Err(Error::Other(format!(
            "{} is not an SQLite database",
            path.display()
        )));
    }
    Ok(())
}

/// A read-only connection to the sitrep database at `path`, its schema checked by reading.
/// `immutable`: SQLite takes no locks and reads no write-ahead log (for a database that
/// cannot be written anyway: its directory is read-only).
fn connect_read_only(path: &Path, immutable: bool) -> Result<rusqlite::Connection> {
    use rusqlite::OpenFlags;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = if immutable {
        rusqlite::Connection::open_with_flags(immutable_uri(path)?, flags)?
    } else {
        rusqlite::Connection::open_with_flags(path, flags)?
    };
    conn.busy_timeout(Duration::from_secs(30))?;
    conn.pragma_update(None, "cache_size", -65_536)?;
    conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.set_prepared_statement_cache_capacity(64);
    // Plans that do not hang on bound values: otherwise a new LIMIT, OFFSET or LIKE pattern
    // makes SQLite plan the whole statement again before running it, and a server sees a new
    // value with nearly every request.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    query::register_functions(&conn)?;
    schema::ensure_current(&conn, path)?;
    Ok(conn)
}

/// `file:///abs/path?immutable=1`, the path percent-encoded (it may hold `?`, `#` or `%`).
fn immutable_uri(path: &Path) -> Result<String> {
    let absolute =
        std::path::absolute(path).map_err(|e| Error::Other(format!("{}: {e}", path.display())))?;
    let url = url::Url::from_file_path(&absolute).map_err(|()| {
        Error::Other(format!(
            "{}: cannot be named as a file: URI",
            path.display()
        ))
    })?;
    Ok(format!("{url}?immutable=1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The immutable fallback is taken only in a read-only directory, which root (the test
    /// runner here) cannot make for itself; its URI, with characters that mean something in a
    /// URI, is checked directly.
    #[test]
    fn an_immutable_connection_reads_a_path_with_uri_characters() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("odd ?name#1 %41.db");
        Store::open(&path).unwrap();
        let conn = connect_read_only(&path, true).unwrap();
        assert_eq!(schema::version(&conn).unwrap(), schema::VERSION);
        assert!(!dir.path().join("odd ").exists());
    }
}
