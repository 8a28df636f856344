//! Entities: the persons, organizations, groups and places an article names, one entity per
//! referent, with titles, countries and CAMEO actor codes.
//!
//! Mentions come from the statistical tagger ([`ner`]); [`groups`] turns nationalities used as
//! actors into groups; [`cluster`] merges mentions of one referent; [`assemble`] names each
//! entity and codes it with the help of a [`World`] (the actor dictionary).

pub mod assemble;
pub mod cluster;
pub mod dictionary;
pub mod groups;
pub mod mention;
pub mod ner;
pub mod titles;
pub mod world;

pub use mention::{Mention, MentionKind};
pub use world::World;
