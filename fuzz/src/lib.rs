//! What the fuzz targets share: the code that feeds bytes to the pipeline and the record
//! invariants, both the core crate's own test support, included by path so the targets and
//! `crates/core/tests/fuzz_regressions.rs` do exactly the same with an input.

#[path = "../../crates/core/tests/support/invariants.rs"]
mod invariants;

#[path = "../../crates/core/tests/support/fuzz_input.rs"]
mod fuzz_input;

pub use fuzz_input::{MAX_INPUT, TARGETS, run_target, warm_up};
pub use invariants::check_record;
