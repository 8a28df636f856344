//! Builds the shipped actor tables in `data/actors/` from their public sources, deterministically
//! (sorted rows, gzip with no timestamp): the same sources give the same bytes.

use super::build_holders;
use super::codes::{DatedCode, name_key};
use super::petrarch::{read_actors, read_agents};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::Path;

const DICTIONARIES: &str = "event-coding/petrarch2/dictionaries";

/// How a country name was learnt; lookups ask for the kinds that fit their question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameKind {
    /// An official, common or alternative name (mledoze, GeoNames).
    Name,
    /// The people or adjective (mledoze English demonyms).
    Demonym,
    /// Another Phoenix synonym: spellings, adjectives, foreign names.
    Variant,
    /// A city, province or capital Phoenix codes as the country (`Yerevan` → ARM).
    Place,
}

impl NameKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NameKind::Name => "name",
            NameKind::Demonym => "demonym",
            NameKind::Variant => "variant",
            NameKind::Place => "place",
        }
    }

    pub fn parse(s: &str) -> Option<NameKind> {
        Some(match s {
            "name" => NameKind::Name,
            "demonym" => NameKind::Demonym,
            "variant" => NameKind::Variant,
            "place" => NameKind::Place,
            _ => return None,
        })
    }
}

/// Role words news uses that the Phoenix agents file lacks (checked against it at build).
/// Only added when Phoenix has no entry of that name.
const EXTRA_AGENTS: &[(&str, &str)] = &[("forces", "MIL"), ("opposition", "OPP")];

/// Agent phrases dropped from Phoenix: a bare spokesperson is coded MED there, but in news the
/// spokesman's role is that of the body he speaks for ("government spokesman" stays GOV).
const DROPPED_AGENTS: &[&str] = &[
    "spokesman",
    "spokesmen",
    "spokeswoman",
    "spokeswomen",
    "spokesperson",
    "spokespersons",
];

/// CAMEO roles a post in the officeholder table keeps as they are: the state's own branches,
/// and the elites and opposition ("First Lady", "Leader of the Opposition"). Any other role is
/// a ministry's sector (`HLH`, `ENV`) and gets `GOV` before it.
const POST_ROLES: &[&str] = &["GOV", "MIL", "JUD", "LEG", "COP", "SPY", "ELI", "OPP"];

/// Reads `shared_data` (the folder holding `event-coding/` and `gazetteer/`) and writes
/// `countries.tsv`, `country-names.tsv`, `actors.tsv.gz` and `agents.tsv` into `out_dir`.
/// Returns a one-line summary of what was written.
pub fn build_actor_data(shared_data: &Path, out_dir: &Path) -> std::io::Result<String> {
    let read = |rel: &str| {
        let path = shared_data.join(rel);
        std::fs::read(&path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|e| std::io::Error::new(e.kind(), format!("reading {}: {e}", path.display())))
    };
    let dict = |file: &str| read(&format!("{DICTIONARIES}/{file}"));
    std::fs::create_dir_all(out_dir)?;

    let countries = read_countries(
        &read("gazetteer/countryInfo.tsv")?,
        &read("gazetteer/mledoze-countries.json")?,
    )?;
    let places = read_places(
        &read("gazetteer/geonames-cities15000.txt")?,
        &read("gazetteer/admin1CodesASCII.txt")?,
        &countries,
    );

    let population = |iso3: &str| countries.get(iso3).map_or(0, |c| c.population);
    let mut names: BTreeMap<String, (NameKind, String)> = BTreeMap::new();
    // A name shared by several countries ("American": USA and its territories, "Dutch") goes to
    // the better kind of name, then to the most populous country.
    let mut add_name = |key: String, kind: NameKind, iso3: &str| {
        if key.len() > 1 {
            let entry = names.entry(key).or_insert((kind, iso3.to_string()));
            if (kind, std::cmp::Reverse(population(iso3)))
                < (entry.0, std::cmp::Reverse(population(&entry.1)))
            {
                *entry = (kind, iso3.to_string());
            }
        }
    };
    for c in countries.values() {
        for n in &c.names {
            add_name(name_key(n), NameKind::Name, &c.iso3);
        }
        for d in &c.demonyms {
            add_name(name_key(d), NameKind::Demonym, &c.iso3);
        }
    }

    let mut actors: BTreeMap<String, Vec<DatedCode>> = BTreeMap::new();
    let mut collisions = 0usize;
    for file in [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ] {
        for block in read_actors(&dict(file)?) {
            if let Some(iso3) = country_block(&block.codes, &countries) {
                for key in block.names {
                    let kind = if places.contains(&(key.clone(), iso3.clone())) {
                        NameKind::Place
                    } else {
                        NameKind::Variant
                    };
                    add_name(key, kind, &iso3);
                }
                continue;
            }
            for key in block.names {
                match actors.entry(key) {
                    std::collections::btree_map::Entry::Vacant(v) => {
                        v.insert(block.codes.clone());
                    }
                    // The first entry wins: the Countries file comes first and is the most curated.
                    std::collections::btree_map::Entry::Occupied(_) => collisions += 1,
                }
            }
        }
    }

    let mut agents: BTreeMap<String, String> = BTreeMap::new();
    for (key, role) in read_agents(&dict("Phoenix.agents.txt")?) {
        if !DROPPED_AGENTS.contains(&key.as_str()) {
            agents.entry(key).or_insert(role);
        }
    }
    for (key, role) in EXTRA_AGENTS {
        agents
            .entry((*key).to_string())
            .or_insert_with(|| (*role).to_string());
    }

    let mut text =
        String::from("# iso3\tiso2\tname (mledoze/countries ODbL, GeoNames CC BY 4.0)\n");
    for c in countries.values() {
        text.push_str(&format!("{}\t{}\t{}\n", c.iso3, c.iso2, c.name));
    }
    std::fs::write(out_dir.join("countries.tsv"), &text)?;

    let mut text = String::from("# name key\tiso3\tkind (name|demonym|variant|place)\n");
    for (key, (kind, iso3)) in &names {
        text.push_str(&format!("{key}\t{iso3}\t{}\n", kind.as_str()));
    }
    std::fs::write(out_dir.join("country-names.tsv"), &text)?;

    let mut text = String::from(
        "# name key\tcodes: CODE (default) or CODE/fromYYYYMMDD/untilYYYYMMDD (Phoenix, MIT)\n",
    );
    for (key, codes) in &actors {
        let codes: Vec<String> = codes.iter().map(DatedCode::encode).collect();
        text.push_str(&format!("{key}\t{}\n", codes.join(" ")));
    }
    write_gz(&out_dir.join("actors.tsv.gz"), &text)?;

    let code_of_post = |iso3: &str, position: &str| {
        let body = |name: &str| {
            let codes = actors.get(&name_key(name))?;
            Some(super::codes::code_on(codes, None)?.code.to_string())
        };
        let anchor = match iso3 {
            "XUN" => body("United Nations")?,
            "XEU" => body("European Union")?,
            // Other intergovernmental bodies: the one the post is of ("Director-General of the
            // World Trade Organization").
            "XIO" => [" of ", " to ", " for "]
                .iter()
                .find_map(|prep| body(position.rsplit_once(prep)?.1))?,
            iso3 if countries.contains_key(iso3) => iso3.to_string(),
            _ => return None,
        };
        let agent = |k: &str| agents.get(k).map(String::as_str);
        let role = match super::role_in(&agent, &name_key(position)) {
            Some(role) if POST_ROLES.contains(&&role[..3]) => role,
            Some(sector) => format!("GOV{sector}"),
            None => "GOV".into(),
        };
        super::actor_code(Some(&anchor), Some(&role))
    };
    let (holders, held) = build_holders::read_holders(
        &read("actors/officeholders.tsv")?,
        &read("actors/reign-leaderlist.csv")?,
        code_of_post,
    );
    let mut text = String::from(
        "# name key\tname (Wikidata label, CC0)\tcodes of each term: CODE/fromYYYYMMDD/untilYYYYMMDD\n",
    );
    for (key, holder) in &holders {
        let codes: Vec<String> = holder.codes.iter().map(DatedCode::encode).collect();
        text.push_str(&format!("{key}\t{}\t{}\n", holder.label, codes.join(" ")));
    }
    write_gz(&out_dir.join("officeholders.tsv.gz"), &text)?;

    let mut text = String::from("# role phrase key\trole code (Phoenix agents, MIT)\n");
    for (key, role) in &agents {
        text.push_str(&format!("{key}\t{role}\n"));
    }
    std::fs::write(out_dir.join("agents.tsv"), &text)?;

    Ok(format!(
        "{} countries, {} country names, {} actor names ({} duplicate names skipped), {} agent phrases; \
         {} officeholders from {} terms ({} posts without a code, {} names of two people left out), \
         REIGN: {} of {} terms joined to them ({} country abbreviations tied to ISO codes)",
        countries.len(),
        names.len(),
        actors.len(),
        collisions,
        agents.len(),
        holders.len(),
        held.terms,
        held.terms_without_code,
        held.shared_names,
        held.reign_attached,
        held.reign_terms,
        held.reign_countries,
    ))
}

/// Gzip with no timestamp or name in the header, so equal text gives equal bytes.
fn write_gz(path: &Path, text: &str) -> std::io::Result<()> {
    let mut gz = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    gz.write_all(text.as_bytes())?;
    std::fs::write(path, gz.finish()?)
}

struct CountrySource {
    iso3: String,
    iso2: String,
    name: String,
    names: Vec<String>,
    demonyms: Vec<String>,
    capitals: Vec<String>,
    population: u64,
}

/// GeoNames' country list joined with mledoze's names, spellings and demonyms, by ISO3.
fn read_countries(
    geonames: &str,
    mledoze: &str,
) -> std::io::Result<BTreeMap<String, CountrySource>> {
    let mut out: BTreeMap<String, CountrySource> = BTreeMap::new();
    for line in geonames.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() > 5 && f[1].len() == 3 {
            out.insert(
                f[1].to_string(),
                CountrySource {
                    iso3: f[1].to_string(),
                    iso2: f[0].to_string(),
                    name: f[4].to_string(),
                    names: vec![f[4].to_string()],
                    demonyms: Vec::new(),
                    capitals: vec![f[5].trim().to_string()],
                    population: f.get(7).and_then(|p| p.parse().ok()).unwrap_or(0),
                },
            );
        }
    }
    let json: serde_json::Value = serde_json::from_str(mledoze).map_err(std::io::Error::other)?;
    let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
    for c in json.as_array().into_iter().flatten() {
        let (Some(iso3), Some(iso2)) = (text(&c["cca3"]), text(&c["cca2"])) else {
            continue;
        };
        let entry = out.entry(iso3.clone()).or_insert_with(|| CountrySource {
            iso3,
            iso2,
            name: String::new(),
            names: Vec::new(),
            demonyms: Vec::new(),
            capitals: Vec::new(),
            population: 0,
        });
        if let Some(common) = text(&c["name"]["common"]) {
            entry.name = common.clone();
            entry.names.push(common);
        }
        entry.names.extend(text(&c["name"]["official"]));
        // Two-letter alt spellings are ISO codes ("AM", "IN"), which collide with words.
        entry.names.extend(
            c["altSpellings"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(text)
                .filter(|s| s.len() > 2),
        );
        entry.demonyms.extend(text(&c["demonyms"]["eng"]["m"]));
        entry.demonyms.extend(text(&c["demonyms"]["eng"]["f"]));
        entry.capitals.extend(
            c["capital"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(text),
        );
    }
    Ok(out)
}

/// (name key, ISO3) of cities of 15,000+ people, first-level divisions and capitals, to tell a
/// Phoenix place synonym (`KABUL_`, `HELMAND`) from a country spelling.
fn read_places(
    cities: &str,
    admin1: &str,
    countries: &BTreeMap<String, CountrySource>,
) -> BTreeSet<(String, String)> {
    let iso3_of: BTreeMap<&str, &str> = countries
        .values()
        .map(|c| (c.iso2.as_str(), c.iso3.as_str()))
        .collect();
    let mut out = BTreeSet::new();
    let mut add = |name: &str, iso2: &str| {
        if let Some(iso3) = iso3_of.get(iso2) {
            out.insert((name_key(name), (*iso3).to_string()));
        }
    };
    for line in cities.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() > 8 {
            add(f[1], f[8]);
            add(f[2], f[8]);
        }
    }
    for line in admin1.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() > 2
            && let Some((iso2, _)) = f[0].split_once('.')
        {
            add(f[1], iso2);
            add(f[2], iso2);
            // "Helmand Province" is listed as "Helmand" in Phoenix.
            add(f[2].trim_end_matches(" Province"), iso2);
        }
    }
    for c in countries.values() {
        for cap in &c.capitals {
            out.insert((name_key(cap), c.iso3.clone()));
        }
    }
    out
}

/// The ISO3 of a country block: the code in force at the dictionary's end is a bare, known
/// country code (`[ARM >911221]` after `[USRARM <900823]`); people and bodies carry roles.
fn country_block(
    codes: &[DatedCode],
    countries: &BTreeMap<String, CountrySource>,
) -> Option<String> {
    let current = super::codes::code_on(codes, None)?;
    (current.code.len() == 3 && countries.contains_key(current.code.as_ref()))
        .then(|| current.code.to_string())
}
