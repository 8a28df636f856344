//! The public article record: `../SCHEMA.md` ("sitrep JSON, version 1") as Rust types.
//!
//! Field names and meanings are a contract with other tools. Offsets are UTF-8 byte offsets
//! into `text`, half-open. Fields filled by stages that do not exist yet are `None` and left
//! out of the JSON, so a consumer can tell "not computed" from "none found".

mod date;

pub use date::PartialDate;

use serde::{Deserialize, Serialize};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Record {
    pub schema: u32,
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    /// ISO 8601 at the precision known.
    pub published: Option<String>,
    pub language: Option<String>,
    pub text: String,
    pub agencies: Vec<String>,
    pub media: Vec<Media>,
    pub repairs: Vec<Repair>,
    /// Sentence spans over `text`, in order.
    pub sentences: Vec<Span>,
    pub dates: Vec<DateMention>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<Entity>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quotes: Option<Vec<Quote>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<Vec<Count>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<Event>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub themes: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<Tone>,
    /// Every word with its part of speech and dependency, when asked for (`--syntax`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<SyntaxToken>>,
    /// Problems met while reading this article that did not stop it (lossy decoding, truncation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// One word of `text` with its syntax (Universal Dependencies v2).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SyntaxToken {
    /// UTF-8 byte offsets into `text`.
    pub start: usize,
    pub end: usize,
    /// Universal part-of-speech tag (`NOUN`, `VERB`, `PROPN`, …).
    pub upos: String,
    /// Index of the head word in this same list; `null` for a sentence's root.
    pub head: Option<usize>,
    /// Universal dependency relation to the head (`nsubj`, `obj`, `obl:tmod`, `root`, …).
    pub deprel: String,
}

/// A half-open byte range `[start, end)` into `text`, serialized as `[start, end]`.
pub type Span = [usize; 2];

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Media {
    pub caption: Option<String>,
    pub credit: Option<String>,
    /// The date a caption states, ISO 8601.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Repair {
    pub original: String,
    pub replacement: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct DateMention {
    pub text: String,
    /// ISO 8601 at the precision known; decades as `199X`.
    pub value: String,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub title: Option<String>,
    pub country: Option<String>,
    pub actor: Option<String>,
    pub mentions: Vec<Span>,
    pub geo: Option<Geo>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Location,
    Group,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Geo {
    pub geonames_id: Option<u64>,
    pub name: String,
    pub country_code: Option<String>,
    pub admin1: Option<String>,
    pub feature: String,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Quote {
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_name: Option<String>,
    pub cue: Option<String>,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Count {
    pub kind: String,
    pub number: u64,
    pub qualifier: String,
    pub subject: Option<String>,
    pub event: Option<String>,
    pub background: bool,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Event {
    pub id: String,
    pub plover: String,
    pub cameo: Option<String>,
    pub source: Option<String>,
    pub target: Option<String>,
    pub source_actor: Option<String>,
    pub target_actor: Option<String>,
    pub date: Option<String>,
    pub place: Option<String>,
    pub mode: Option<String>,
    pub fatalities: Option<u64>,
    pub background: bool,
    /// Told as to come ("will meet", "is scheduled to attend"), not yet done: PLOVER's
    /// "future" mode. Records written before the field read as `false`.
    #[serde(default)]
    pub future: bool,
    pub evidence: Vec<Span>,
    pub confidence: f32,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Tone {
    pub score: f32,
    pub positive: f32,
    pub negative: f32,
}
