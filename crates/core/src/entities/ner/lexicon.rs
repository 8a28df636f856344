//! Word lists the tagger looks words up in: which lower-cased words occur in place names,
//! country names, demonyms, person and organisation names, and how common each word is in
//! English. Built from the public data in `shared/data` at training time and stored inside the
//! model file, so nothing else needs to ship.

use std::borrow::Cow;
use std::path::Path;

use anyhow::{Context, Result};

pub const CITY: u16 = 1;
pub const COUNTRY: u16 = 1 << 1;
pub const DEMONYM: u16 = 1 << 2;
pub const PERSON: u16 = 1 << 3;
pub const ORGANIZATION: u16 = 1 << 4;
/// Bits 5–7 hold a word-frequency class (0 = not an English word, 1–7 = rising zipf).
const FREQ_SHIFT: u16 = 5;

#[derive(Default)]
pub struct Lexicon {
    /// Borrowed from the embedded model for the shipped tagger (no allocation per word at
    /// start-up), owned when built for training.
    words: std::collections::HashMap<Cow<'static, str>, u16, foldhash::fast::FixedState>,
}

impl Lexicon {
    #[inline]
    pub fn lookup(&self, lower: &str) -> u16 {
        self.words.get(lower).copied().unwrap_or(0)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Serialised as sorted `word<TAB>bits` lines, so the same lists give the same bytes.
    pub fn to_text(&self) -> String {
        let mut entries: Vec<_> = self.words.iter().collect();
        entries.sort();
        let mut out = String::new();
        for (w, b) in entries {
            out.push_str(w);
            out.push('\t');
            out.push_str(&b.to_string());
            out.push('\n');
        }
        out
    }

    pub fn from_text(text: &str) -> Lexicon {
        Lexicon::read(text, |w| Cow::Owned(w.to_string()))
    }

    /// As [`Lexicon::from_text`], the words borrowed from `text`.
    pub fn from_static_text(text: &'static str) -> Lexicon {
        Lexicon::read(text, Cow::Borrowed)
    }

    fn read<'a>(text: &'a str, word: impl Fn(&'a str) -> Cow<'static, str>) -> Lexicon {
        // Sized up front: growing a map of 85,000 words rehashes it a dozen times at start-up.
        let mut words = std::collections::HashMap::with_capacity_and_hasher(
            text.lines().count(),
            Default::default(),
        );
        words.extend(text.lines().filter_map(|l| {
            let (w, b) = l.split_once('\t')?;
            Some((word(w), b.parse().ok()?))
        }));
        Lexicon { words }
    }

    fn add_name(&mut self, name: &str, bit: u16) {
        for word in
            name.split(|c: char| c.is_whitespace() || c == '_' || c == ',' || c == '(' || c == ')')
        {
            let word = word.trim_matches(|c: char| !c.is_alphanumeric());
            if word.chars().count() >= 2 && word.chars().any(char::is_alphabetic) {
                *self.words.entry(word.to_lowercase().into()).or_default() |= bit;
            }
        }
    }

    /// Builds the lists from `data_dir` (the shared data folder). Missing files are an error:
    /// a model trained without them would silently be weaker.
    pub fn build(data_dir: &Path) -> Result<Lexicon> {
        let mut lex = Lexicon::default();
        let read = |rel: &str| -> Result<String> {
            let p = data_dir.join(rel);
            std::fs::read_to_string(&p).with_context(|| format!("reading {}", p.display()))
        };
        for line in read("gazetteer/geonames-cities15000.txt")?.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() > 2 {
                lex.add_name(cols[1], CITY);
                lex.add_name(cols[2], CITY);
            }
        }
        let countries: serde_json::Value =
            serde_json::from_str(&read("gazetteer/mledoze-countries.json")?)?;
        for c in countries.as_array().into_iter().flatten() {
            for key in ["common", "official"] {
                if let Some(n) = c["name"][key].as_str() {
                    lex.add_name(n, COUNTRY);
                }
            }
            for alt in c["altSpellings"].as_array().into_iter().flatten() {
                if let Some(n) = alt.as_str() {
                    lex.add_name(n, COUNTRY);
                }
            }
            for g in ["m", "f"] {
                if let Some(n) = c["demonyms"]["eng"][g].as_str() {
                    lex.add_name(n, DEMONYM);
                }
            }
        }
        let dict = "event-coding/petrarch2/dictionaries/";
        // In the countries file, people are the entries whose codes follow on indented lines
        // (with date ranges); entries with an inline [CODE] are countries, places and groups.
        for line in read(&format!("{dict}Phoenix.Countries.actors.txt"))?.lines() {
            if let Some(name) = actor_name(line)
                && !line.contains('[')
            {
                lex.add_name(name, PERSON);
            }
        }
        for file in [
            "Phoenix.International.actors.txt",
            "Phoenix.MilNonState.actors.txt",
        ] {
            for line in read(&format!("{dict}{file}"))?.lines() {
                if let Some(name) = actor_name(line)
                    && line.contains('[')
                {
                    lex.add_name(name, ORGANIZATION);
                }
            }
        }
        for line in read("word-frequencies/wordfreq_large_en.tsv")?
            .lines()
            .skip(1)
        {
            let mut cols = line.split('\t');
            let (Some(w), Some(z)) = (cols.next(), cols.next()) else {
                continue;
            };
            let Ok(z) = z.parse::<f32>() else { continue };
            // Only frequent words: the rare tail is mostly names, which is what we look for.
            if z >= 3.0 && w.chars().all(char::is_alphabetic) {
                let class = ((z - 2.0).floor() as u16).clamp(1, 7);
                *lex.words.entry(w.to_lowercase().into()).or_default() |= class << FREQ_SHIFT;
            }
        }
        Ok(lex)
    }

    #[cfg(test)]
    pub fn from_pairs(pairs: &[(&str, u16)]) -> Lexicon {
        Lexicon {
            words: pairs
                .iter()
                .map(|(w, b)| (w.to_string().into(), *b))
                .collect(),
        }
    }
}

/// The name of an actor-dictionary entry line (`ASHRAF_GHANI_  # comment`), if it is one.
fn actor_name(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let name = line.split(['#', '[', '\t']).next()?.trim();
    (!name.is_empty()).then_some(name)
}
