//! Quotations and who said them.
//!
//! Quoted stretches are found by their marks ([`marks`]), then each is attributed: a reporting
//! verb right after the quote ("…,” said X / “…,” X said), else the last reporting verb before
//! it in its sentence ("X said that “…”", "according to X, … “…”"), else the speaker of an
//! earlier quote it continues. The speaker is the subject of the verb, resolved to an entity of
//! `record.entities` through its mentions, pronouns to the entity last in focus. Sentences with
//! no quotation marks give indirect speech when a reporting verb is followed by "that", or the
//! sentence opens with "According to X,".

mod attribution;
mod cues;
mod marks;
#[cfg(test)]
mod tests;

pub use attribution::{Attributed, find_quotes};
pub use marks::{Quoted, find_quoted};

use crate::document::Document;
use crate::pipeline::Stage;

pub struct Quotes;

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn run(&self, doc: &mut Document) {
        let quotes = find_quotes(&doc.record).into_iter().map(|a| a.quote).collect();
        doc.record.quotes = Some(quotes);
    }
}
