//! English.

mod lists;
pub mod verbs;
pub mod words;

pub use lists::*;
pub use verbs::{FormKind, VerbList, speech_verbs};
pub use words::{WordModel, build_word_model};

use std::sync::LazyLock;

/// The English word-frequency model (wordfreq): the core's build script indexes
/// `data/models/words-en.tsv.gz` into a flat archive ([`WordModel::to_archive`]), read in place.
pub fn words() -> &'static WordModel {
    static ENGLISH: LazyLock<WordModel> = LazyLock::new(|| {
        // Written by the build script and checked by tests; an empty model only disables
        // repairs rather than aborting the pipeline.
        WordModel::from_archive(crate::flat::embed!("words-en.bin")).unwrap_or_default()
    });
    &ENGLISH
}
