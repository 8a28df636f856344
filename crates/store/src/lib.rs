//! sitrep's database: articles and their extracted records stored in SQLite, reports of one
//! event merged, queried and exported.

pub mod model;
pub mod export;
