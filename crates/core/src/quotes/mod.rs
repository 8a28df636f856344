//! Quotations and who said them.
//!
//! Quoted stretches are found by their marks ([`marks`]; curly and straight marks may close
//! each other, as typed text mixes them), then each is attributed: a reporting verb right
//! after the quote ("…,” said X / “…,” X said; the next sentence only for a quote that is a
//! sentence of its own; after a sentence-opening quote closed by a comma, a long subject
//! phrase, or a short subject and any verb: "“…,” Trump shot back"), else the last reporting verb before it in its sentence ("X said that
//! “…”", "according to X, … “…”"), else a cue later in the sentence ("“…,” X, an aside, said",
//! "“…” for the victory, X said"), else the clause before a colon ("Trump boomed: “…”"), else
//! a signature line ("- X"), else the speaker of an earlier quote it continues, or of a
//! reported-speech sentence just before it, else, for a quote standing as its own sentence,
//! the person in focus. The speaker is the subject of the verb (past asides, parentheses and
//! time phrases; a participle's or a verb in a series is its clause's: "X said, adding “…”",
//! else a description or untagged name opening the sentence: "The town released …, saying";
//! a relative pronoun's is its antecedent, read from the pronoun), resolved to an entity
//! of `record.entities` through its mentions, pronouns to the entity last in focus. Sentences with
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
use crate::stage::Stage;

pub struct Quotes;

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn run(&self, doc: &mut Document) {
        let quotes = find_quotes(&doc.record)
            .into_iter()
            .map(|a| a.quote)
            .collect();
        doc.record.quotes = Some(quotes);
    }
}
