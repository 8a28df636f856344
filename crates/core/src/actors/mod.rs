//! Countries and CAMEO actor codes for names and titles found in news.
//!
//! CAMEO actor codes are 3-letter segments: a country (ISO3, `ARM`) or an international type
//! (`IGO`, `NGO`, `IMG`, …) then roles (`GOV`, `MIL`, `REB`, `OPP`, `JUD`, `LEG`, `MED`, `COP`,
//! …): `ARMGOV`, `AZEMIL`, `IGOUNO`, `ARMGOVMIL`. The tables are built from the Phoenix
//! PETRARCH dictionaries (MIT), mledoze/countries (ODbL) and GeoNames (CC BY 4.0) by
//! [`build_actor_data`]; see `data/actors/README.md`.
//!
//! Every lookup folds its input ([`crate::text::fold`]: case and accents ignored), reads `_` and
//! `-` as spaces and ignores a leading "the". Lookups never panic and return `None` for what they
//! do not know. People keep the dates of their offices: a former leader is not today's
//! government. The dictionaries end in 2014: later office holders are missing, and a code open
//! at that date (`[ARMGOV >080409]`) is taken to still hold.

mod build;
mod build_holders;
mod codes;
pub mod petrarch;
mod tables;

pub use build::build_actor_data;
pub(crate) use tables::{preload, preload_holders};

use codes::{DatedCode, code_on, is_code, name_key, parse_day};
use tables::{HOLDERS, NamedCodes, TABLES};

/// A country: ISO 3166 alpha-3 and alpha-2 codes and its common English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    pub iso3: &'static str,
    pub iso2: &'static str,
    pub name: &'static str,
}

/// A person known to the dictionaries, with the code that holds on the day asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonActor {
    /// The dictionary's name for them, as a key (`ilham aliyev`).
    pub name: &'static str,
    /// Their name as the officeholder table writes it (`Nikol Pashinyan`), when they are in it.
    pub label: Option<&'static str>,
    /// The full CAMEO code (`AZEGOV`); `ARMELI` for a former officeholder; just the country
    /// (`ARM`) when no role held that day.
    pub code: String,
    /// The country of the code, when it starts with one.
    pub country: Option<Country>,
}

use build::NameKind;

fn country_at(i: usize) -> Country {
    let c = &TABLES.countries[i];
    Country {
        iso3: &c.iso3,
        iso2: &c.iso2,
        name: &c.name,
    }
}

fn country_of_kind(name: &str, kinds: &[NameKind]) -> Option<Country> {
    let (i, kind) = *TABLES.names.get(name_key(name).as_str())?;
    kinds.contains(&kind).then(|| country_at(i))
}

/// The country by its ISO3 code (`ARM`).
pub fn country_by_iso3(iso3: &str) -> Option<Country> {
    TABLES.country_index.get(iso3).map(|&i| country_at(i))
}

/// A country by its name, official name, common abbreviation or a spelling Phoenix knows:
/// "Armenia", "the United States", "US", "U.S.", "Russia", "Republic of Azerbaijan" → its
/// [`Country`]. Demonyms ("Armenian") and cities ("Yerevan") are not names: see
/// [`country_by_demonym`] and [`country_of_place`]. Case is ignored, so "us" matches too: the
/// caller decides whether a lower-case word is a name.
pub fn country_by_name(name: &str) -> Option<Country> {
    country_of_kind(name, &[NameKind::Name, NameKind::Variant])
}

/// A country by the word for its people or its adjective: "Armenian", "Azerbaijani", "Azeri",
/// "American", "French", "Russian", and plurals "Armenians", "Americans".
pub fn country_by_demonym(word: &str) -> Option<Country> {
    let kinds = [NameKind::Demonym, NameKind::Variant];
    country_of_kind(word, &kinds).or_else(|| {
        let key = name_key(word);
        let singular = key.strip_suffix('s').filter(|s| s.len() > 2)?;
        let (i, kind) = *TABLES.names.get(singular)?;
        (kind == NameKind::Demonym).then(|| country_at(i))
    })
}

/// The country a capital, large city or province stands for in the dictionaries: "Yerevan" →
/// Armenia, "Kabul" or "Helmand" → Afghanistan. News uses capitals for governments
/// ("Yerevan said"); a mention may also just be a place.
pub fn country_of_place(name: &str) -> Option<Country> {
    country_of_kind(name, &[NameKind::Place])
}

/// A person by full name, with the code in force on `on` (an ISO date, `2022-09-13`; `None`:
/// the code still open when the tables end, else the person's default).
///
/// Two tables answer: Wikidata's officeholders (terms to 2022–23, see `data/actors/README.md`)
/// first, for the office held that day; then Phoenix (to 2014) for older years and people
/// the officeholder table lacks; then the officeholder table again for a day outside every
/// term: `ELI` (a former officeholder) after one ended, the country before the first began.
/// "Nikol Pashinyan" on 2022-09-13 → `ARMGOV`; "Levon Ter-Petrosyan" (president 1991–98) on
/// 2020-01-01 → `ARMELI`. Names match when folded equal, else on the same first name and
/// surname with middle names ignored, the surname allowed one letter of difference when it has
/// 7 letters or more ("Pashinian" / "Pashinyan"). An ambiguous match gives `None`.
pub fn person(name: &str, on: Option<&str>) -> Option<PersonActor> {
    let key = name_key(name);
    let day = on.and_then(parse_day);
    let holder = find_person(&HOLDERS, &key);
    let phoenix = find_person(&TABLES.actors, &key);
    let holder_codes = holder.map(|i| HOLDERS.codes(i)).unwrap_or_default();
    let phoenix_codes = phoenix.map(|i| TABLES.actors.codes(i)).unwrap_or_default();
    let code = holder_code_on(holder_codes, day)
        .or_else(|| code_on(phoenix_codes, day).map(|c| c.code.to_string()))
        .or_else(|| outside_terms(holder_codes, day?))
        // Known, but without a role that day: still of their country.
        .or_else(|| Some(code_on(phoenix_codes, None)?.code.get(..3)?.to_string()))?;
    let country = code.get(..3).and_then(country_by_iso3);
    let (table, row) = match holder {
        Some(i) => (&*HOLDERS, i),
        None => (&TABLES.actors, phoenix?),
    };
    Some(PersonActor {
        name: table.rows[row].key,
        label: table.rows[row].label,
        code,
        country,
    })
}

/// The officeholder's code on `day` (without a day: in the open term). Of posts held at once,
/// the broadest role (`GOV` over `GOVMIL`: a president is also commander-in-chief), then the
/// person's main country (the President of France is also co-prince of Andorra), then the
/// latest term.
fn holder_code_on(codes: &[DatedCode], day: Option<u32>) -> Option<String> {
    let main = main_country(codes);
    codes
        .iter()
        .filter(|c| match day {
            Some(day) => c.covers(day),
            None => c.until.is_none(),
        })
        .min_by_key(|c| {
            (
                c.code.len(),
                !c.code.starts_with(main.unwrap_or_default()),
                std::cmp::Reverse(c.from),
            )
        })
        .map(|c| c.code.to_string())
}

/// For a day outside every term: a former officeholder of a country is of its elite (`ELI`),
/// someone who took office later only of the country.
fn outside_terms(codes: &[DatedCode], day: u32) -> Option<String> {
    let country = country_by_iso3(main_country(codes)?)?.iso3;
    let ended_before = codes.iter().any(|c| c.until.is_some_and(|u| u < day));
    Some(match ended_before {
        true => format!("{country}ELI"),
        false => country.to_string(),
    })
}

/// The 3-letter head most of a person's codes share.
fn main_country(codes: &[DatedCode]) -> Option<&str> {
    let mut heads: Vec<&str> = codes.iter().filter_map(|c| c.code.get(..3)).collect();
    heads.sort_unstable();
    heads
        .chunk_by(|a, b| a == b)
        .max_by_key(|run| run.len())
        .map(|run| run[0])
}

/// Whether a single word is listed as a person's name in its own right ("Obama").
pub fn lone_name_is_person(name: &str) -> bool {
    let key = name_key(name);
    !key.contains(' ') && key.chars().count() >= 4 && TABLES.actors.index.contains_key(key.as_str())
}

/// A row of `table` for a person's name key: the same key, else [`fuzzy_person`].
fn find_person(table: &NamedCodes, key: &str) -> Option<usize> {
    table
        .index
        .get(key)
        .copied()
        .or_else(|| fuzzy_person(table, key))
}

fn fuzzy_person(table: &NamedCodes, key: &str) -> Option<usize> {
    let words: Vec<&str> = key.split(' ').collect();
    let (&first, &last) = (words.first()?, words.last()?);
    if words.len() < 2 {
        return None;
    }
    let candidates = table.by_first.get(first)?;
    let mut exact = Vec::new();
    let mut near = Vec::new();
    let middle = &words[1..words.len() - 1];
    for &i in candidates {
        let theirs: Vec<&str> = table.rows[i].key.split(' ').collect();
        let Some(&their_last) = theirs.last() else {
            continue;
        };
        // Middle names may be left out, not changed: "Jose Manuel Barroso" is "Jose Manuel
        // Durao Barroso", "Nguyen Tran Hien" is not "Nguyen Minh Hien".
        let their_middle = &theirs[1..theirs.len().saturating_sub(1).max(1)];
        let within = |a: &[&str], b: &[&str]| a.iter().all(|w| b.contains(w));
        if !within(middle, their_middle) && !within(their_middle, middle) {
            continue;
        }
        if their_last == last {
            exact.push(i);
        } else if last.chars().count() >= 7 && within_one_edit(their_last, last) {
            near.push(i);
        }
    }
    let pick = if exact.is_empty() { near } else { exact };
    let first_code = |i: usize| code_on(table.codes(i), None).map(|c| &c.code);
    let code = first_code(*pick.first()?);
    pick.iter().all(|&i| first_code(i) == code).then(|| pick[0])
}

/// Levenshtein distance ≤ 1, in one pass.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        short[prefix..]
            .iter()
            .skip(1)
            .eq(long[prefix..].iter().skip(1))
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// The code of an organization, armed group or other named body (its code at the dictionary's
/// end): "United Nations" / "UN" → `IGOUNO`, "NATO" → `IGOWSTNAT`, "European Union" →
/// `IGOEUREEC`, "Red Cross" → `NGOHRIIRC`, "Hamas", "Taliban", "White House" → `USAGOV`,
/// "US Congress" → `USAGOVLEG`. People are in the same table: use [`person`] for dates.
pub fn organization(name: &str) -> Option<String> {
    let i = *TABLES.actors.index.get(name_key(name).as_str())?;
    code_on(TABLES.actors.codes(i), None).map(|c| c.code.to_string())
}

/// The CAMEO role of a title or body, without its country: "Secretary of State", "President",
/// "Prime Minister" → `GOV`; "Minister of Defense", "Defense Ministry" → `GOVMIL`; "Ministry of
/// Health" → `GOVHLH`; "army", "forces", "troops" → `MIL`; "police" → `COP`; "rebels" → `REB`;
/// "opposition" → `OPP`; "court" → `JUD`; "parliament" → `LEG`; "former president" → `ELI`.
/// Words that are no actor role give `None`: "analyst", and a bare "spokesman" (his role is the
/// body's: "government spokesman" → `GOV`).
///
/// Tries the whole title, then it without leading words ("deputy foreign minister" →
/// "foreign minister"), then the part before "of/for/at/in/to" ("president of Azerbaijan" →
/// "president").
pub fn role(title: &str) -> Option<String> {
    role_of_key(&name_key(title))
}

fn role_of_key(key: &str) -> Option<String> {
    role_in(&|k| TABLES.agents.get(k).copied(), key)
}

/// [`role`] over any agents table (the build codes officeholders' posts with the table it is
/// writing).
pub(crate) fn role_in<'a>(agents: &dyn Fn(&str) -> Option<&'a str>, key: &str) -> Option<String> {
    if key.is_empty() {
        return None;
    }
    for prefix in ["former ", "ex "] {
        if let Some(rest) = key.strip_prefix(prefix) {
            return agents(key)
                .map(str::to_string)
                .or_else(|| role_in(agents, rest).map(|_| "ELI".to_string()));
        }
    }
    // "foreign ministry spokesman" speaks for the foreign ministry.
    if let Some((body, last)) = key.rsplit_once(' ')
        && is_spokesperson(last)
    {
        return role_in(agents, body);
    }
    let mut start = 0;
    loop {
        let tail = &key[start..];
        if let Some(role) = agents(tail.strip_prefix("the ").unwrap_or(tail)) {
            return Some(role.to_string());
        }
        match tail.find(' ') {
            Some(space) => start += space + 1,
            None => break,
        }
    }
    for prep in [" of ", " for ", " at ", " in ", " to "] {
        if let Some((head, _)) = key.split_once(prep) {
            return role_in(agents, head);
        }
    }
    None
}

const INTERNATIONAL: [&str; 6] = ["IGO", "NGO", "IMG", "NGM", "MNC", "INT"];

/// Composes an actor code from an anchor (an ISO3 country or a fuller code such as `IGOUNO` or
/// `USAGOV`) and a role: (`ARM`, `GOV`) → `ARMGOV`; (`ARMGOV`, `GOVMIL`) → `ARMGOVMIL` (no
/// segment twice); (`IGOUNO`, `GOV`) → `IGOUNO` (the head of an international body is the
/// body: "UN Secretary-General"); (`ARM`, None) → `ARM`. No anchor gives `None`: a role alone
/// ("the army") needs its country from context.
pub fn actor_code(country: Option<&str>, role: Option<&str>) -> Option<String> {
    let base = country?.trim();
    if !is_code(base) {
        return None;
    }
    let mut code = base.to_string();
    let Some(role) = role.map(str::trim).filter(|r| !r.is_empty()) else {
        return Some(code);
    };
    if !is_code(role) {
        return None;
    }
    let international = INTERNATIONAL.contains(&&base[..3]);
    for i in (0..role.len()).step_by(3) {
        let segment = &role[i..i + 3];
        let present = (3..code.len())
            .step_by(3)
            .any(|j| &code[j..j + 3] == segment);
        let head_of_body = international && segment == "GOV";
        if !present && !head_of_body {
            code.push_str(segment);
        }
    }
    Some(code)
}

/// The actor code for a mention as news writes it, dated `on` (ISO date) for people:
/// a person or named body ("Ilham Aliyev" → `AZEGOV`, "NATO" → `IGOWSTNAT`), a country or its
/// people ("Armenia", "Armenians" → `ARM`), a country or body with a title ("Armenian Prime Minister" → `ARMGOV`,
/// "US Secretary of State" → `USAGOV`, "UN Secretary-General" → `IGOUNO`, "Azerbaijan's
/// Defense Ministry" → `AZEGOVMIL`), or a title of a country ("the president of Azerbaijan" →
/// `AZEGOV`). Members of a named body ("Hamas militants", "UN peacekeepers") get the body's
/// code. A title without an actor role ("the AFP analyst", "Armenian analyst") gives `None`.
/// Capitals standing for governments ("Baku said") are left to the caller: see
/// [`country_of_place`].
pub fn actor(mention: &str, on: Option<&str>) -> Option<String> {
    let key = name_key(mention);
    if key.is_empty() {
        return None;
    }
    if let Some(p) = person(&key, on) {
        return Some(p.code);
    }
    if let Some(c) = country_by_name(&key).or_else(|| country_by_demonym(&key)) {
        return Some(c.iso3.to_string());
    }
    // "Azerbaijan's defense ministry"
    if let Some((owner, rest)) = key.split_once("'s ") {
        return actor_code(Some(&anchor(owner)?), Some(&role_of_key(rest)?));
    }
    // "Armenian prime minister", "US secretary of state", "UN peacekeeping chief"
    let words: Vec<&str> = key.split(' ').collect();
    for n in (1..words.len().min(5)).rev() {
        let (prefix, rest) = (words[..n].join(" "), words[n..].join(" "));
        if let Some(body) = organization(&prefix).filter(|_| country_by_name(&prefix).is_none()) {
            // Members and officers of a named body are the body: "Hamas militants", "NATO chief".
            return (role_of_key(&rest).is_some() || is_member_word(&rest)).then_some(body);
        }
        if let Some(c) = country_by_name(&prefix).or_else(|| country_by_demonym(&prefix)) {
            return actor_code(Some(c.iso3), Some(&role_of_key(&rest)?));
        }
    }
    // "president of Azerbaijan", "ministry of defense of Armenia", "spokesman for the UN"
    for prep in [" of ", " for ", " in ", " at "] {
        let mut from = 0;
        while let Some(at) = key[from..].find(prep).map(|i| i + from) {
            let (head, tail) = (&key[..at], &key[at + prep.len()..]);
            if let Some(base) = anchor(tail.strip_prefix("the ").unwrap_or(tail)) {
                let role = role_of_key(head);
                // A title whose own role is none ("spokesman") speaks for the body itself.
                return match role {
                    Some(role) => actor_code(Some(&base), Some(&role)),
                    None if is_spokesperson(head) => Some(base),
                    None => None,
                };
            }
            from = at + 1;
        }
    }
    None
}

/// A country (by name) or a named body, as the anchor of a composed code.
fn anchor(name: &str) -> Option<String> {
    country_by_name(name)
        .map(|c| c.iso3.to_string())
        .or_else(|| organization(name))
}

/// Words naming members or officers of a body that are no role of their own.
fn is_member_word(words: &str) -> bool {
    let last = words.rsplit(' ').next().unwrap_or(words);
    is_spokesperson(last)
        || matches!(
            last,
            "leader"
                | "leaders"
                | "chief"
                | "head"
                | "official"
                | "officials"
                | "member"
                | "members"
                | "fighters"
                | "peacekeepers"
                | "envoy"
                | "representative"
                | "delegation"
        )
}

fn is_spokesperson(title: &str) -> bool {
    title
        .rsplit(' ')
        .next()
        .is_some_and(|w| w.starts_with("spokes"))
}

#[cfg(test)]
mod tests;
