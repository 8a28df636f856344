//! The one thing every stage knows about the pipeline: this trait. Stages import it from here,
//! and only the pipeline imports the stages, so no stage depends on the pipeline or on the
//! stages that run after it (checked by `tests/architecture.rs`).

use crate::document::Document;

/// One step of the pipeline. A stage reads what earlier stages left in the document and adds
/// its own part; it never undoes another stage's work.
pub trait Stage: Send + Sync {
    fn name(&self) -> &'static str;
    fn run(&self, doc: &mut Document);

    /// What the stage loads on first use (models, tables, compiled patterns), as functions
    /// that each load one of them. The runner calls them all at once, in parallel, before the
    /// first article, so start-up is the longest load rather than their sum; `run` still loads
    /// anything not loaded yet, so calling them is never required.
    fn preloads(&self) -> &'static [fn()] {
        &[]
    }
}
