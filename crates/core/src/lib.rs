//! sitrep's core: the article record, the document that flows through the pipeline, and one
//! module per pipeline stage.
//!
//! ```text
//! ingest ──▶ clean ──▶ text::language ──▶ repair ──▶ text::sentences ──▶ time
//! (files)    (HTML main content, captions, credits, agencies)              (dates)
//!        ──▶ entities ──▶ geo ──▶ quotes ──▶ counts
//!            (who)        (where) (who said what) (how many)
//! ```
//!
//! Each stage takes a [`Document`] and adds to it; none reads another's internals. Stages run in
//! the order of [`Pipeline::standard`].

pub mod actors;
pub mod clean;
pub mod counts;
pub mod document;
pub mod entities;
pub mod events;
pub mod flat;
pub mod geo;
pub mod ingest;
pub mod lang;
pub mod pipeline;
pub mod quotes;
pub mod record;
pub mod repair;
pub mod runner;
pub mod stage;
pub mod syntax;
pub mod text;
pub mod time;
pub mod token;
pub mod tone;

pub use document::{Body, Document};
pub use ingest::Article;
pub use pipeline::{Pipeline, Stage};
pub use record::Record;
