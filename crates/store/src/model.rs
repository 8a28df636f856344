//! What the database gives back: one event after merging every report of it, with actor and
//! place names resolved. `sitrep events --format jsonl` prints these; every export reads them.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct MergedEvent {
    /// The database's id of the merged event (stable across runs of the same database).
    pub id: i64,
    pub plover: String,
    /// CAMEO code as a string ("0871"); leading zeros matter.
    pub cameo: Option<String>,
    /// GDELT QuadClass and Goldstein score of `cameo` (`sitrep_core::events::cameo`).
    pub quad_class: Option<u8>,
    pub goldstein: Option<f32>,
    /// ISO 8601 at the precision known ("2022-09-13", "2022-09", "2022").
    pub date: Option<String>,
    pub source: Option<Actor>,
    pub target: Option<Actor>,
    pub place: Option<Place>,
    pub mode: Option<String>,
    /// The latest figure reported, with the articles that reported it.
    pub fatalities: Option<u64>,
    pub fatalities_articles: Vec<String>,
    /// The highest figure reported, with the articles that reported it.
    #[serde(default)]
    pub fatalities_max: Option<u64>,
    #[serde(default)]
    pub fatalities_max_articles: Vec<String>,
    /// Every figure reported, in publication order.
    #[serde(default)]
    pub fatality_reports: Vec<FatalityReport>,
    pub background: bool,
    /// Told as to come in every report ("will meet"), not yet done.
    #[serde(default)]
    pub future: bool,
    pub num_articles: u32,
    /// Distinct outlets (URL host, else the first wire agency, else the article).
    pub num_sources: u32,
    /// Every report of the event, over all its articles.
    pub num_mentions: u32,
    /// Article ids, first report first.
    pub articles: Vec<String>,
    /// URLs of those articles, where known.
    pub urls: Vec<String>,
    /// Who published the reports (site, else wire agency), first report first; outlets nobody
    /// named are left out.
    #[serde(default)]
    pub outlets: Vec<String>,
    pub evidence: Vec<Evidence>,
    /// Publication date of the first report (ISO), and when it was first stored (RFC 3339).
    pub first_published: Option<String>,
    pub first_added: Option<String>,
    /// Mean tone of the reporting articles, where known.
    pub tone: Option<f32>,
    /// Read from the lead paragraph of at least one report (GDELT's IsRootEvent).
    #[serde(default)]
    pub is_root: bool,
    /// How sure the event is, from 0 to 1: each independent outlet's best report confidence
    /// c adds its share, 1 - Π(1 - c), so it grows with independent sources and near-copies
    /// of one story add nothing.
    #[serde(default)]
    pub confidence: f32,
}

/// One article's casualty figure for an event.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FatalityReport {
    pub article: String,
    pub published: Option<String>,
    pub fatalities: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Actor {
    pub name: String,
    /// CAMEO actor code ("AZEMIL").
    pub code: Option<String>,
    /// ISO 3166-1 alpha-3.
    pub country: Option<String>,
    /// person | organization | group | location
    pub kind: Option<String>,
    /// Where the actor is, when an article places it (a country or town named as the actor).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<Place>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Place {
    pub name: String,
    pub geonames_id: Option<u64>,
    /// ISO 3166-1 alpha-2.
    pub country_code: Option<String>,
    pub admin1: Option<String>,
    /// country | admin1 | admin2 | city | region | other
    pub feature: String,
    pub lat: f64,
    pub lon: f64,
}

/// A sentence an event was read from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Evidence {
    pub article: String,
    pub text: String,
}

/// Where one merged event happened, for a map.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventPoint {
    pub id: i64,
    pub lat: f64,
    pub lon: f64,
    pub plover: String,
    pub quad_class: Option<u8>,
}

/// Merged events per day and PLOVER type, days ascending.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct Timeline {
    pub days: Vec<TimelineDay>,
    /// Events dated only to a month or a year, or not at all.
    pub undated: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TimelineDay {
    /// YYYY-MM-DD.
    pub date: String,
    /// PLOVER type → events.
    pub counts: std::collections::BTreeMap<String, u64>,
}
