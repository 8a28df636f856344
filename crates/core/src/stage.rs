//! The one thing every stage knows about the pipeline: this trait. Stages import it from here,
//! and only the pipeline imports the stages, so no stage depends on the pipeline or on the
//! stages that run after it (checked by `tests/architecture.rs`).

use crate::document::Document;

/// One step of the pipeline. A stage reads what earlier stages left in the document and adds
/// its own part; it never undoes another stage's work.
pub trait Stage: Send + Sync {
    fn name(&self) -> &'static str;
    fn run(&self, doc: &mut Document);
}
