//! Export formats: merged events (and article records, for the GKG) written in the formats other
//! event-data tools read. Writers are pure: they take slices and any `Write`, and never fail on
//! odd values (a value we lack becomes an empty cell, never a guess).

mod acled;
mod acled_actors;
mod cells;
pub mod countries;
pub mod fips;
mod gdelt_events;
mod gdelt_gkg;
mod geojson;
mod gkg_themes;
mod jsonl;
#[cfg(feature = "parquet")]
mod parquet;

use std::fmt;
use std::io;
use std::str::FromStr;

#[cfg(feature = "parquet")]
pub use self::parquet::{parquet, parquet_schema};
pub use acled::{ACLED_COLUMNS, acled, acled_category};
pub use gdelt_events::{GDELT_EVENT_COLUMNS, gdelt_events};
pub use gdelt_gkg::{GKG_COLUMNS, gdelt_gkg};
pub use geojson::geojson;
pub use jsonl::jsonl;

/// An export format the CLI can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    GdeltEvents,
    GdeltGkg,
    Acled,
    Jsonl,
    Geojson,
    Parquet,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::GdeltEvents,
        Format::GdeltGkg,
        Format::Acled,
        Format::Jsonl,
        Format::Geojson,
        Format::Parquet,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::GdeltEvents => "gdelt-events",
            Format::GdeltGkg => "gdelt-gkg",
            Format::Acled => "acled",
            Format::Jsonl => "jsonl",
            Format::Geojson => "geojson",
            Format::Parquet => "parquet",
        }
    }

    /// The GKG describes articles, not events: it is written from records.
    pub fn reads_records(self) -> bool {
        self == Format::GdeltGkg
    }

    /// Parquet is binary: the CLI should refuse to write it to a terminal.
    pub fn is_binary(self) -> bool {
        self == Format::Parquet
    }

    /// The file extension GDELT, ACLED and GIS tools expect ("CSV" for GDELT's headerless TSV,
    /// as GDELT names its own files).
    pub fn extension(self) -> &'static str {
        match self {
            Format::GdeltEvents => "export.CSV",
            Format::GdeltGkg => "gkg.csv",
            Format::Acled => "csv",
            Format::Jsonl => "jsonl",
            Format::Geojson => "geojson",
            Format::Parquet => "parquet",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        write!(
            f,
            "unknown export format {:?} (expected one of: {})",
            self.0,
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Format::ALL
            .into_iter()
            .find(|f| f.name() == wanted)
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// Why an export failed: the output could not be written, or (Parquet) the encoder refused.
#[derive(Debug)]
pub enum ExportError {
    Io(io::Error),
    /// The crate was built without the `parquet` feature.
    ParquetDisabled,
    #[cfg(feature = "parquet")]
    Parquet(::parquet::errors::ParquetError),
    #[cfg(feature = "parquet")]
    Arrow(arrow_schema::ArrowError),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Io(e) => write!(f, "export: {e}"),
            ExportError::ParquetDisabled => {
                f.write_str("export: sitrep was built without Parquet support")
            }
            #[cfg(feature = "parquet")]
            ExportError::Parquet(e) => write!(f, "parquet export: {e}"),
            #[cfg(feature = "parquet")]
            ExportError::Arrow(e) => write!(f, "parquet export: {e}"),
        }
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExportError::Io(e) => Some(e),
            ExportError::ParquetDisabled => None,
            #[cfg(feature = "parquet")]
            ExportError::Parquet(e) => Some(e),
            #[cfg(feature = "parquet")]
            ExportError::Arrow(e) => Some(e),
        }
    }
}

impl From<io::Error> for ExportError {
    fn from(e: io::Error) -> Self {
        ExportError::Io(e)
    }
}

#[cfg(feature = "parquet")]
impl From<::parquet::errors::ParquetError> for ExportError {
    fn from(e: ::parquet::errors::ParquetError) -> Self {
        ExportError::Parquet(e)
    }
}

#[cfg(feature = "parquet")]
impl From<arrow_schema::ArrowError> for ExportError {
    fn from(e: arrow_schema::ArrowError) -> Self {
        ExportError::Arrow(e)
    }
}

/// Without the `parquet` feature the format still parses, and asking for it says why it fails.
#[cfg(not(feature = "parquet"))]
pub fn parquet(
    _events: &[crate::model::MergedEvent],
    _out: impl io::Write + Send,
) -> Result<usize, ExportError> {
    Err(ExportError::ParquetDisabled)
}

/// Writes `events` (or `records`, for the GKG) in `format` and returns the rows (lines,
/// features) written: formats leave out what they cannot hold (events to come, events without
/// a place or outside ACLED's scope). One entry point for the CLI.
pub fn write(
    format: Format,
    events: &[crate::model::MergedEvent],
    records: &[sitrep_core::record::Record],
    mut out: impl io::Write + Send,
) -> Result<usize, ExportError> {
    Ok(match format {
        Format::GdeltEvents => gdelt_events(events, &mut out)?,
        Format::GdeltGkg => gdelt_gkg(records, &mut out)?,
        Format::Acled => acled(events, &mut out)?,
        Format::Jsonl => jsonl(events, &mut out)?,
        Format::Geojson => geojson(events, &mut out)?,
        Format::Parquet => return parquet(events, out),
    })
}
