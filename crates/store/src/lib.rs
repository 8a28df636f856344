//! sitrep's database: articles and their extracted records stored in SQLite, reports of one
//! event merged, queried and exported.
//!
//! One file, WAL mode: readers (queries, exports) run while an ingest writes. Every batch is
//! one transaction, so a killed ingest leaves whole batches and a re-run skips what is stored
//! (same article id or same content). The merge rule for events is in [`merge`].

mod actors;
mod days;
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
    #[error("{0}")]
    Other(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// Which merged events to return; every field is optional and they combine with AND.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
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
    /// At most this many events (newest first); `None`: all.
    pub limit: Option<usize>,
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
        schema::migrate(&mut conn)?;
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
        [&self.path, &wal].iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum()
    }

    /// Folds the write-ahead log into the main file (after a large ingest).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}

