//! English.

pub mod words;

pub use words::{WordModel, build_word_model};

/// The English word-frequency model (wordfreq), decoded at first use.
pub fn words() -> &'static WordModel {
    &words::ENGLISH
}
