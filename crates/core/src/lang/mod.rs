//! Language data: what the stages know about a language (word lists, word frequencies), in one
//! place per language, loaded from files under `data/`. A stage that needs a word list asks
//! here; this is also where a second language will plug in.

pub mod en;
