//! Evaluations against the gold data in `../shared/data`, and benchmarks. Each prints its
//! figures; none is a unit test.

pub mod articles;
pub mod repairs;
pub mod bench;
pub mod hostile;
pub mod build;
pub mod geo;
pub mod ner;
pub mod counts;
pub mod quotes;
pub mod events;
