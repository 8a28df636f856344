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
/// `data/actors/officeholders.tsv.gz`, decompressed by the build script.
static HOLDERS_TSV: &str = include_str!(concat!(env!("OUT_DIR"), "/officeholders.tsv"));
static AGENTS_TSV: &str = include_str!("../../../../data/actors/agents.tsv");

pub struct CountryRow {
    pub iso3: String,
    pub iso2: String,
    pub name: String,
}

pub struct Tables {
    pub countries: Vec<CountryRow>,
    pub country_index: Map<&'static str, usize>,
    pub names: Map<&'static str, (usize, NameKind)>,
    /// Phoenix's people, bodies and groups (to 2014).
    pub actors: NamedCodes,
    pub agents: Map<&'static str, &'static str>,
}

/// Names with dated codes: one row per name key.
pub struct NamedCodes {
    pub rows: Vec<NamedRow>,
    /// Every row's codes, one after another (one vector, not one per row).
    codes: Vec<DatedCode>,
    pub index: Map<&'static str, usize>,
    /// Rows of two or more words by their first word, for person matches that tolerate
    /// middle names and a one-letter spelling difference in the surname.
    pub by_first: Map<&'static str, Vec<usize>>,
}

pub struct NamedRow {
    pub key: &'static str,
    /// The name as written, when the source gives one (officeholders).
    pub label: Option<&'static str>,
    /// Where its codes are in [`NamedCodes::codes`].
    codes: std::ops::Range<u32>,
}

pub static TABLES: LazyLock<Tables> = LazyLock::new(load);

/// Wikidata's officeholders (to 2022–23), with their written names: apart from [`TABLES`] so
/// that the two load at once on two threads.
pub static HOLDERS: LazyLock<NamedCodes> = LazyLock::new(|| NamedCodes::read(HOLDERS_TSV, true));

impl NamedCodes {
    /// The codes of row `i`.
    pub fn codes(&self, i: usize) -> &[DatedCode] {
        let range = &self.rows[i].codes;
        &self.codes[range.start as usize..range.end as usize]
    }

    /// Reads `key<TAB>codes` rows, or `key<TAB>label<TAB>codes` when `labelled`.
    fn read(text: &'static str, labelled: bool) -> NamedCodes {
        let mut table = NamedCodes {
            rows: Vec::with_capacity(text.lines().count()),
            codes: Vec::with_capacity(text.lines().count() * 2),
            index: map_for(text),
            by_first: map_for(text),
        };
        let lines = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty());
        for line in lines {
            let mut fields = line.splitn(3, '\t');
            let (Some(key), Some(second)) = (fields.next(), fields.next()) else {
                continue;
            };
            let (label, codes) = match labelled {
                true => (Some(second), fields.next().unwrap_or_default()),
                false => (None, second),
            };
            let start = table.codes.len() as u32;
            table
                .codes
                .extend(codes.split(' ').filter_map(DatedCode::decode));
            let i = table.rows.len();
            table.index.insert(key, i);
            if let Some((first, _)) = key.split_once(' ') {
                table.by_first.entry(first).or_default().push(i);
            }
            table.rows.push(NamedRow {
                key,
                label,
                codes: start..table.codes.len() as u32,
            });
        }
        table
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

    let mut agents = map_for(AGENTS_TSV);
    agents.extend(rows::<2>(AGENTS_TSV).map(|[key, role]| (key, role)));
    Tables {
        countries,
        country_index,
        names,
        actors: NamedCodes::read(ACTORS_TSV, false),
        agents,
    }
}

/// Loads the country, Phoenix and agents tables ahead of first use (see `Stage::preloads`).
pub(crate) fn preload() {
    LazyLock::force(&TABLES);
}

/// Loads the officeholder table ahead of first use, beside [`preload`] on another thread.
pub(crate) fn preload_holders() {
    LazyLock::force(&HOLDERS);
}
