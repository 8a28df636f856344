//! sitrep's database: articles and their extracted records stored in SQLite, reports of one
//! event merged, queried and exported.

pub mod model;

use model::MergedEvent;
use sitrep_core::Record;
use std::path::{Path, PathBuf};

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
    /// Source or target actor: CAMEO code prefix ("ARM", "AZEMIL") or actor name (case-insensitive).
    pub actor: Option<String>,
    /// PLOVER event type ("ASSAULT").
    pub plover: Option<String>,
    /// Country of the place (ISO alpha-2) or of either actor (alpha-3, or the alpha-2 mapped).
    pub country: Option<String>,
    /// Event date at or after this ISO date (prefix comparison at the precision given).
    pub since: Option<String>,
    /// Event date at or before this ISO date.
    pub until: Option<String>,
    /// Place within `km` of (`lat`, `lon`).
    pub near: Option<Near>,
    /// At most this many events (newest first); None: all.
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
    /// Opens (creating and migrating if needed) the database at `path`.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        let conn = rusqlite::Connection::open(&path)?;
        Ok(Store { conn, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Merged events matching `filter`, newest first.
    pub fn merged_events(&self, filter: &EventFilter) -> Result<Vec<MergedEvent>> {
        let _ = (&self.conn, filter);
        Ok(Vec::new())
    }

    /// Every stored record, in the order stored.
    pub fn records(&self) -> Result<Vec<Record>> {
        Ok(Vec::new())
    }
}
