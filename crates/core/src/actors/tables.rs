//! The shipped tables, parsed once on first use. Keys borrow from the embedded text, and the
//! maps use foldhash: building them is part of every run's start-up.

use super::build::NameKind;
use super::codes::DatedCode;
use foldhash::fast::RandomState;
use std::collections::HashMap;
use std::sync::LazyLock;

type Map<K, V> = HashMap<K, V, RandomState>;

static COUNTRIES_TSV: &str = include_str!("../../../../data/actors/countries.tsv");
static NAMES_TSV: &str = include_str!("../../../../data/actors/country-names.tsv");
/// `data/actors/actors.tsv.gz`, decompressed by the build script.
static ACTORS_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/actors.tsv"));
static AGENTS_TSV: &str = include_str!("../../../../data/actors/agents.tsv");

pub struct CountryRow {
    pub iso3: String,
    pub iso2: String,
    pub name: String,
}

pub struct ActorRow {
    pub key: &'static str,
    /// Where its codes are in [`Tables::codes`].
    codes: std::ops::Range<u32>,
}

pub struct Tables {
    pub countries: Vec<CountryRow>,
    pub country_index: Map<&'static str, usize>,
    pub names: Map<&'static str, (usize, NameKind)>,
    pub actors: Vec<ActorRow>,
    /// Every actor's codes, one after another (one vector, not one per actor).
    codes: Vec<DatedCode>,
    pub actor_index: Map<&'static str, usize>,
    /// Actor rows of two or more words by their first word, for person matches that tolerate
    /// middle names and a one-letter spelling difference in the surname.
    pub by_first: Map<&'static str, Vec<usize>>,
    pub agents: Map<&'static str, &'static str>,
}

pub static TABLES: LazyLock<Tables> = LazyLock::new(load);

impl Tables {
    /// The codes of the actor at `i` of [`Tables::actors`].
    pub fn codes(&self, i: usize) -> &[DatedCode] {
        let range = &self.actors[i].codes;
        &self.codes[range.start as usize..range.end as usize]
    }
}

/// The first `N` tab-separated fields of each data line that has at least `N` (without a
/// vector per line: the tables hold tens of thousands of rows, and start-up reads them all).
fn rows<const N: usize>(text: &'static str) -> impl Iterator<Item = [&'static str; N]> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .filter_map(|l| {
            let mut fields = l.split('\t');
            let mut row = [""; N];
            for field in &mut row {
                *field = fields.next()?;
            }
            Some(row)
        })
}

/// A map sized for the lines of `text`, so building it never rehashes.
fn map_for<K, V>(text: &str) -> Map<K, V> {
    Map::with_capacity_and_hasher(text.lines().count(), RandomState::default())
}

fn load() -> Tables {
    let mut countries = Vec::new();
    let mut country_index = map_for(COUNTRIES_TSV);
    for f in rows::<3>(COUNTRIES_TSV) {
        country_index.insert(f[0], countries.len());
        countries.push(CountryRow {
            iso3: f[0].into(),
            iso2: f[1].into(),
            name: f[2].into(),
        });
    }
    let mut names = map_for(NAMES_TSV);
    names.extend(
        rows::<3>(NAMES_TSV)
            .filter_map(|f| Some((f[0], (*country_index.get(f[1])?, NameKind::parse(f[2])?)))),
    );

    let mut actors = Vec::with_capacity(ACTORS_TSV.lines().count());
    let mut actor_index = map_for(ACTORS_TSV);
    let mut by_first: Map<&str, Vec<usize>> = map_for(ACTORS_TSV);
    let mut codes = Vec::with_capacity(actors.capacity() * 3 / 2);
    for f in rows::<2>(ACTORS_TSV) {
        let start = codes.len() as u32;
        codes.extend(f[1].split(' ').filter_map(DatedCode::decode));
        let i = actors.len();
        actor_index.insert(f[0], i);
        if let Some((first, _)) = f[0].split_once(' ') {
            by_first.entry(first).or_default().push(i);
        }
        actors.push(ActorRow {
            key: f[0],
            codes: start..codes.len() as u32,
        });
    }
    let mut agents = map_for(AGENTS_TSV);
    agents.extend(rows::<2>(AGENTS_TSV).map(|[key, role]| (key, role)));
    Tables {
        countries,
        country_index,
        names,
        actors,
        codes,
        actor_index,
        by_first,
        agents,
    }
}

/// Loads this module's tables ahead of first use (see `Stage::preloads`).
pub(crate) fn preload() {
    LazyLock::force(&TABLES);
}
