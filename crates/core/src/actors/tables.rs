//! The shipped tables, parsed once on first use.

use super::build::NameKind;
use super::codes::DatedCode;
use std::collections::HashMap;
use std::io::Read;
use std::sync::LazyLock;

static COUNTRIES_TSV: &str = include_str!("../../../../data/actors/countries.tsv");
static NAMES_TSV: &str = include_str!("../../../../data/actors/country-names.tsv");
static ACTORS_GZ: &[u8] = include_bytes!("../../../../data/actors/actors.tsv.gz");
static AGENTS_TSV: &str = include_str!("../../../../data/actors/agents.tsv");

pub struct CountryRow {
    pub iso3: String,
    pub iso2: String,
    pub name: String,
}

pub struct ActorRow {
    pub key: String,
    pub codes: Vec<DatedCode>,
}

pub struct Tables {
    pub countries: Vec<CountryRow>,
    pub country_index: HashMap<String, usize>,
    pub names: HashMap<String, (usize, NameKind)>,
    pub actors: Vec<ActorRow>,
    pub actor_index: HashMap<String, usize>,
    /// Actor rows of two or more words by their first word, for person matches that tolerate
    /// middle names and a one-letter spelling difference in the surname.
    pub by_first: HashMap<String, Vec<usize>>,
    pub agents: HashMap<String, String>,
}

pub static TABLES: LazyLock<Tables> = LazyLock::new(load);

fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
}

fn load() -> Tables {
    let mut countries = Vec::new();
    let mut country_index = HashMap::new();
    for f in rows(COUNTRIES_TSV).filter(|f| f.len() >= 3) {
        country_index.insert(f[0].to_string(), countries.len());
        countries.push(CountryRow {
            iso3: f[0].into(),
            iso2: f[1].into(),
            name: f[2].into(),
        });
    }
    let names = rows(NAMES_TSV)
        .filter(|f| f.len() >= 3)
        .filter_map(|f| {
            Some((
                f[0].to_string(),
                (*country_index.get(f[1])?, NameKind::parse(f[2])?),
            ))
        })
        .collect();

    // A damaged embedded file would be a build error caught by the tests; degrade to empty.
    let mut actors_tsv = String::new();
    let _ = flate2::read::GzDecoder::new(ACTORS_GZ).read_to_string(&mut actors_tsv);
    let mut actors = Vec::new();
    let mut actor_index = HashMap::new();
    let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
    for f in rows(&actors_tsv).filter(|f| f.len() >= 2) {
        let codes: Vec<DatedCode> = f[1].split(' ').filter_map(DatedCode::decode).collect();
        let i = actors.len();
        actor_index.insert(f[0].to_string(), i);
        if let Some((first, _)) = f[0].split_once(' ') {
            by_first.entry(first.to_string()).or_default().push(i);
        }
        actors.push(ActorRow {
            key: f[0].to_string(),
            codes,
        });
    }
    let agents = rows(AGENTS_TSV)
        .filter(|f| f.len() >= 2)
        .map(|f| (f[0].to_string(), f[1].to_string()))
        .collect();
    Tables {
        countries,
        country_index,
        names,
        actors,
        actor_index,
        by_first,
        agents,
    }
}
