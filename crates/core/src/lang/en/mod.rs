//! English.

mod lists;
pub mod verbs;
pub mod words;

pub use lists::*;
pub use verbs::{FormKind, VerbList, speech_verbs};
pub use words::{WordModel, build_word_model};

/// The English word-frequency model (wordfreq), decoded at first use.
pub fn words() -> &'static WordModel {
    &words::ENGLISH
}
