//! The PETRARCH validation dictionaries (`PETR.Validate.actors.txt`, `PETR.Validate.agents.txt`)
//! as the entities stage's [`World`], so the unit-test suite is coded with the actors it was
//! written against (Arnor = ARN, Gondor = GON, Frodo = HOB …) instead of the shipped dictionary.
//!
//! These files do not say which entries are countries: an entry whose code is a bare 3-letter
//! segment (`ARNOR_ [ARN]`, `+FRENCH`) is read as a country (and its synonyms as its names and
//! demonyms); every entry answers as an organization or a person. PETRARCH reads a name
//! without a trailing `_` as a stem (`ARGENTIN` matches "Argentina", "Argentine"); the reader
//! drops the underscores, so every key is allowed to match as a stem of a longer last word.

use sitrep_core::actors::petrarch::{read_actors, read_agents};
use sitrep_core::entities::World;
use sitrep_core::text::fold;
use std::collections::HashMap;

/// Entries shorter than this do not match as stems: "elf" must not take "elfin" or "self".
const MIN_STEM: usize = 4;

#[derive(Debug, Default)]
pub struct PetrWorld {
    /// Name key → index into `entries`.
    names: HashMap<String, usize>,
    entries: Vec<Entry>,
    /// Agent phrase key → role code (`president` → GOV).
    agents: HashMap<String, String>,
}

#[derive(Debug)]
struct Entry {
    /// (code, from, until) with YYYYMMDD bounds; both `None` and `dated == false`: the default.
    codes: Vec<(String, Option<u32>, Option<u32>, bool)>,
}

impl PetrWorld {
    /// Reads the two dictionaries' text. Malformed lines are skipped (by the readers).
    pub fn new(actors: &str, agents: &str) -> PetrWorld {
        let mut world = PetrWorld::default();
        for block in read_actors(actors) {
            let codes: Vec<_> = block
                .codes
                .iter()
                .map(|c| (c.code.to_string(), c.from, c.until, c.dated))
                .collect();
            world.entries.push(Entry { codes });
            let i = world.entries.len() - 1;
            for name in block.names {
                // The first entry of a name wins, as in PETRARCH's longest-first, file-order reading.
                world.names.entry(name).or_insert(i);
            }
        }
        for (phrase, role) in read_agents(agents) {
            world.agents.entry(phrase).or_insert(role);
        }
        world
    }

    /// Reads both files from the PETRARCH dictionaries folder.
    pub fn from_dir(dir: &std::path::Path) -> std::io::Result<PetrWorld> {
        let read = |name: &str| {
            std::fs::read(dir.join(name)).map(|b| String::from_utf8_lossy(&b).into_owned())
        };
        Ok(PetrWorld::new(
            &read("PETR.Validate.actors.txt")?,
            &read("PETR.Validate.agents.txt")?,
        ))
    }

    fn entry(&self, name: &str) -> Option<&Entry> {
        let key = key(name);
        if key.is_empty() {
            return None;
        }
        if let Some(&i) = self.names.get(&key) {
            return self.entries.get(i);
        }
        // Longest stem first: "argentina" → "argentin".
        let mut ends: Vec<usize> = key
            .char_indices()
            .map(|(i, _)| i)
            .filter(|&i| i >= MIN_STEM)
            .collect();
        ends.reverse();
        let last_word = key.rfind(' ').map_or(0, |i| i + 1);
        ends.into_iter()
            .filter(|&end| end > last_word)
            .find_map(|end| self.names.get(&key[..end]))
            .and_then(|&i| self.entries.get(i))
    }

    fn country(&self, name: &str) -> Option<String> {
        let code = self.entry(name)?.code_on(None)?;
        (code.len() == 3).then(|| code.to_string())
    }

    fn role_of_key(&self, key: &str) -> Option<String> {
        if key.is_empty() {
            return None;
        }
        // The whole title, then without its leading words ("deputy foreign minister"), then the
        // part before "of" ("president of Gondor").
        let mut start = 0;
        loop {
            if let Some(role) = self.agents.get(&key[start..]) {
                return Some(role.clone());
            }
            match key[start..].find(' ') {
                Some(space) => start += space + 1,
                None => break,
            }
        }
        key.split_once(" of ")
            .and_then(|(head, _)| self.role_of_key(head))
    }
}

impl Entry {
    /// The code in force on `day` (YYYYMMDD): the covering dated code that began last, else the
    /// undated default; without a day, the code still open (or the default, or the first).
    fn code_on(&self, day: Option<u32>) -> Option<&str> {
        let default = self.codes.iter().find(|c| !c.3);
        let pick = match day {
            Some(day) => self
                .codes
                .iter()
                .filter(|c| c.3 && c.1.is_none_or(|f| f <= day) && c.2.is_none_or(|u| day <= u))
                .max_by_key(|c| c.1.unwrap_or(0))
                .or(default),
            None => self
                .codes
                .iter()
                .filter(|c| c.3 && c.2.is_none())
                .max_by_key(|c| c.1.unwrap_or(0))
                .or(default),
        };
        pick.or_else(|| self.codes.first()).map(|c| c.0.as_str())
    }
}

/// The readers' key form: folded, `_`/`-` as spaces, single spaces, no leading "the".
fn key(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<&str> = folded
        .split(|c: char| c == '_' || c == '-' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.first() {
        Some(&"the") => &words[1..],
        _ => &words[..],
    };
    words.join(" ")
}

fn day_of(iso: &str) -> Option<u32> {
    sitrep_core::record::PartialDate::parse_compact_or_iso(iso)?.yyyymmdd()
}

impl World for PetrWorld {
    fn country_by_name(&self, name: &str) -> Option<String> {
        self.country(name)
    }

    fn country_by_demonym(&self, word: &str) -> Option<String> {
        self.country(word)
            .or_else(|| self.country(word.strip_suffix('s').filter(|w| w.len() > 3)?))
    }

    fn organization(&self, name: &str) -> Option<String> {
        self.entry(name)?.code_on(None).map(str::to_string)
    }

    fn person(&self, name: &str, date: Option<&str>) -> Option<String> {
        self.entry(name)?
            .code_on(date.and_then(day_of))
            .map(str::to_string)
    }

    fn role(&self, title: &str) -> Option<String> {
        self.role_of_key(&key(title))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTORS: &str = "ARNOR_  [ARN]\n+ARNORIAN\nARGENTIN  [ARG]\nGOLLUM  # x\n+SMEAGOL\n\t[HOB < 950601]\n\
        \t[HOBGOV 19950601 - 19990815]\nHAMAS [PSEREBHMS]\nELF [ELF]\n";
    const AGENTS: &str = "PRESIDENT [~GOV]\nFOREIGN_MINISTER [~GOVFRM]\nPOLICE {} [ ~COP]\n";

    #[test]
    fn countries_people_and_roles() {
        let w = PetrWorld::new(ACTORS, AGENTS);
        assert_eq!(w.country_by_name("Arnor").as_deref(), Some("ARN"));
        assert_eq!(w.country_by_demonym("Arnorians").as_deref(), Some("ARN"));
        assert_eq!(
            w.country_by_name("Argentina").as_deref(),
            Some("ARG"),
            "stems match longer words"
        );
        assert_eq!(
            w.country_by_name("Hamas"),
            None,
            "a longer code is no country"
        );
        assert_eq!(w.organization("Hamas").as_deref(), Some("PSEREBHMS"));
        assert_eq!(
            w.person("Smeagol", Some("1994-01-01")).as_deref(),
            Some("HOB")
        );
        assert_eq!(
            w.person("Gollum", Some("1996-03-01")).as_deref(),
            Some("HOBGOV")
        );
        assert_eq!(w.role("deputy foreign minister").as_deref(), Some("GOVFRM"));
        assert_eq!(w.role("President of Arnor").as_deref(), Some("GOV"));
        assert_eq!(w.role("analyst"), None);
        assert_eq!(w.organization("self"), None, "short entries are no stems");
        assert_eq!(w.organization(""), None);
    }
}
