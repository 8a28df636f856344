//! Evaluations against the gold data in `../shared/data`, and benchmarks. Each prints its
//! figures; none is a unit test.

pub mod articles;
pub mod bench;
pub mod build;
pub mod counts;
pub mod events;
pub mod geo;
pub mod hostile;
pub mod ner;
pub mod quotes;
pub mod repairs;
pub mod startup;
pub mod syntax;
