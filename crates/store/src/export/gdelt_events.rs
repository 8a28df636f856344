//! GDELT 2.0 Events: 61 tab-separated columns, no header, no quoting (GDELT's own export, which
//! its readers parse positionally). Column reference: `/work/shared/notes/event-coding.md` §1.2.
//!
//! Events told as to come (`future`, "will meet") are not written: a GDELT row has no column to
//! say an event has not happened yet.
//!
//! How each GDELT field is filled (the README's export table lists them too):
//! - SQLDATE, MonthYear, Year, FractionDate: the event's date; a month-only date is written as
//!   the month's first day and a year-only one as 1 January (GDELT has no precision column; the
//!   JSONL and Parquet exports keep the precision).
//! - Actor codes as GDELT writes them: a role with no country ("---GOV") is "GOV" with an empty
//!   country; KnownGroupCode is the IGO/NGO or armed group's own code ("IGOUNO" → "UNO",
//!   "IGOUNOHLHWHO" → "WHO"); EthnicCode stays empty (sitrep codes no ethnicity).
//! - Actor geography: the actor's own place when the article names one as the actor (a town, a
//!   country), else its country (Geo_Type 1 at the GeoNames country point); empty (Geo_Type 0)
//!   for actors with no country.
//! - IsRootEvent: 1 when a report of the event was read from its article's lead paragraph.
//! - AvgTone: the mean AFINN tone of the reporting articles (`sitrep_core::tone`).
//! - Geo FeatureID: the GeoNames id (GDELT uses GNS/GNIS ids); for a country the FIPS code, as
//!   GDELT does.
//! - ADM1Code: FIPS country + the first-level division's GeoNames code ("AM10" for Vayots Dzor),
//!   which is the FIPS 10-4 code for most countries (ISO 3166-2 or national codes for a few,
//!   such as the United Kingdom's); for a country-level place the FIPS country. ADM2 (GAUL
//!   codes) stays empty.

use std::io::{self, Write};

use super::cells::{cell, float, gdelt_timestamp, opt_cell, opt_float32};
use super::fips;
use crate::model::{Actor, MergedEvent, Place};
use sitrep_core::record::PartialDate;

pub const GDELT_EVENT_COLUMNS: usize = 61;

/// Returns the rows written.
pub fn gdelt_events(events: &[MergedEvent], out: &mut impl Write) -> io::Result<usize> {
    let mut row: Vec<String> = Vec::with_capacity(GDELT_EVENT_COLUMNS);
    let mut written = 0;
    for event in events.iter().filter(|e| !e.future) {
        written += 1;
        row.clear();
        event_row(event, &mut row);
        debug_assert_eq!(row.len(), GDELT_EVENT_COLUMNS);
        out.write_all(row.join("\t").as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(written)
}

fn event_row(event: &MergedEvent, row: &mut Vec<String>) {
    row.push(event.id.to_string());
    push_dates(event.date.as_deref(), row);
    push_actor(event.source.as_ref(), row);
    push_actor(event.target.as_ref(), row);
    row.push(if event.is_root { "1" } else { "0" }.to_string());
    let code = event
        .cameo
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_digit()));
    row.push(code.unwrap_or("").to_string());
    row.push(code.map_or("", |c| c.get(..3).unwrap_or(c)).to_string());
    row.push(code.map_or("", |c| c.get(..2).unwrap_or(c)).to_string());
    row.push(event.quad_class.map_or_else(String::new, |q| q.to_string()));
    row.push(opt_float32(event.goldstein));
    row.push(event.num_mentions.to_string());
    row.push(event.num_sources.to_string());
    row.push(event.num_articles.to_string());
    row.push(opt_float32(event.tone));
    push_geo(actor_place(event.source.as_ref()).as_ref(), row); // Actor1Geo
    push_geo(actor_place(event.target.as_ref()).as_ref(), row); // Actor2Geo
    push_geo(event.place.as_ref(), row); // ActionGeo
    row.push(
        event
            .first_added
            .as_deref()
            .and_then(gdelt_timestamp)
            .unwrap_or_default(),
    );
    row.push(opt_cell(event.urls.first().map(String::as_str)).into_owned());
}

/// SQLDATE (YYYYMMDD), MonthYear (YYYYMM), Year, FractionDate; a date known to the month or
/// year only starts at its first day, as GDELT's columns have no precision.
fn push_dates(date: Option<&str>, row: &mut Vec<String>) {
    let date = date.and_then(PartialDate::parse);
    let year = date.map(|d| d.year);
    let month = date.map(|d| d.month.unwrap_or(1));
    let day = date.map(|d| d.day.unwrap_or(1));
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => row.push(format!("{y:04}{m:02}{d:02}")),
        _ => row.push(String::new()),
    }
    match (year, month) {
        (Some(y), Some(m)) => row.push(format!("{y:04}{m:02}")),
        _ => row.push(String::new()),
    }
    row.push(year.map_or_else(String::new, |y| format!("{y:04}")));
    match (year, month, day) {
        // GDELT's own formula: YYYY + (MONTH*30 + DAY)/365, four decimals.
        (Some(y), Some(m), Some(d)) => row.push(format!(
            "{:.4}",
            f64::from(y) + (f64::from(m) * 30.0 + f64::from(d)) / 365.0
        )),
        _ => row.push(String::new()),
    }
}

/// CAMEO role codes (CAMEO 1.1b3 actor types, with the Phoenix additions our dictionaries use),
/// and religion codes, which GDELT splits out of the full actor code.
const TYPE_CODES: &[&str] = &[
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM",
    "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD",
    "PTY", "IGO", "NGO", "NGM", "MNC", "IMG", "PPL",
];
const RELIGION_CODES: &[&str] = &["BUD", "CHR", "CTH", "HIN", "JEW", "MUS", "REL"];

/// Where an actor is, for GDELT's actor geography: its own place when the article gives one,
/// else its country's point.
fn actor_place(actor: Option<&Actor>) -> Option<Place> {
    let actor = actor?;
    if let Some(place) = &actor.place {
        return Some(place.clone());
    }
    let geo = sitrep_core::geo::country_geo(actor.country.as_deref()?)?;
    Some(Place {
        name: geo.name,
        geonames_id: geo.geonames_id,
        country_code: geo.country_code,
        admin1: geo.admin1,
        feature: geo.feature,
        lat: geo.lat,
        lon: geo.lon,
    })
}

/// GDELT's KnownGroupCode: the most specific code of an international or non-state
/// organization that has one of its own ("IGOUNO" → "UNO", "IGOUNOHLHWHO" → "WHO",
/// "NGOHRIAMN" → "AMN").
fn known_group(code: &str) -> Option<&str> {
    let chunks: Vec<&str> = (0..code.len())
        .step_by(3)
        .filter_map(|i| code.get(i..i + 3))
        .collect();
    let group_kind = chunks
        .iter()
        .position(|c| ["IGO", "NGO", "NGM", "MNC", "REB", "INS", "SEP"].contains(c))?;
    chunks[group_kind + 1..]
        .iter()
        .rev()
        .find(|c| !TYPE_CODES.contains(c) && !RELIGION_CODES.contains(c))
        .copied()
}

/// The name GDELT gives an actor it knows by code alone: its country, else its roles.
fn role_name(code: &str) -> String {
    let chunks: Vec<&str> = (0..code.len())
        .step_by(3)
        .filter_map(|i| code.get(i..i + 3))
        .collect();
    let words: Vec<String> = chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            let country = (i == 0)
                .then(|| sitrep_core::actors::country_by_iso3(chunk))
                .flatten();
            match (country, *chunk) {
                (Some(c), _) => c.name.to_uppercase(),
                (None, "GOV") => "GOVERNMENT".into(),
                (None, "MIL") => "MILITARY".into(),
                (None, "COP") => "POLICE".into(),
                (None, "REB") => "REBEL".into(),
                (None, "INS") => "INSURGENT".into(),
                (None, "OPP") => "OPPOSITION".into(),
                (None, "CVL") => "CIVILIAN".into(),
                (None, "JUD") => "JUDGE".into(),
                (None, "LEG") => "LEGISLATOR".into(),
                (None, "SPY") => "INTELLIGENCE".into(),
                (None, "UAF") => "ARMED GROUP".into(),
                (None, other) => other.to_string(),
            }
        })
        .collect();
    words.join(" ")
}

/// Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1, Religion2, Type1..3.
fn push_actor(actor: Option<&Actor>, row: &mut Vec<String>) {
    let Some(actor) = actor else {
        row.extend(std::iter::repeat_n(String::new(), 10));
        return;
    };
    // A role with no country ("---GOV") is written as GDELT writes it: the role alone.
    let code = actor
        .code
        .as_deref()
        .map(|c| c.trim().trim_start_matches('-'))
        .filter(|c| !c.is_empty() && c.is_ascii());
    let known = |c: &str| TYPE_CODES.contains(&c) || RELIGION_CODES.contains(&c);
    // A CAMEO actor code opens with its country when it has one ("AZEMIL").
    let country = actor
        .country
        .as_deref()
        .map(str::trim)
        .filter(|c| c.len() == 3 && c.is_ascii())
        .or_else(|| {
            code.and_then(|c| c.get(..3))
                .filter(|c| c.bytes().all(|b| b.is_ascii_uppercase()) && !known(c))
        });
    let (mut types, mut religions) = (Vec::new(), Vec::new());
    if let Some(code) = code.filter(|c| c.len() % 3 == 0) {
        let chunks = (0..code.len())
            .step_by(3)
            .filter_map(|i| code.get(i..i + 3));
        for (i, chunk) in chunks.enumerate() {
            if i == 0 && Some(chunk) == country {
                continue;
            }
            if TYPE_CODES.contains(&chunk) {
                types.push(chunk);
            } else if RELIGION_CODES.contains(&chunk) {
                religions.push(chunk);
            }
        }
    }
    row.push(code.map_or_else(String::new, |c| cell(c).into_owned()));
    // GDELT's actor names are upper-case dictionary names; an actor known only by its code
    // is named by its role, as GDELT names "GOV" actors "GOVERNMENT".
    let name = if Some(actor.name.trim()) == actor.code.as_deref().map(str::trim) {
        code.map_or_else(String::new, role_name)
    } else {
        cell(&actor.name).to_uppercase()
    };
    row.push(name);
    row.push(country.unwrap_or("").to_string());
    row.push(code.and_then(known_group).unwrap_or("").to_string());
    row.push(String::new()); // EthnicCode
    for slot in 0..2 {
        row.push(religions.get(slot).copied().unwrap_or("").to_string());
    }
    for slot in 0..3 {
        row.push(types.get(slot).copied().unwrap_or("").to_string());
    }
}

/// GDELT's Geo_Type of a place: 1 COUNTRY, 2 USSTATE, 3 USCITY, 4 WORLDCITY, 5 WORLDSTATE.
/// Cities, districts and landmarks are all "city" to GDELT; a region with no country fits none.
pub(super) fn geo_type(place: &Place) -> Option<u8> {
    let us = place
        .country_code
        .as_deref()
        .is_some_and(|c| c.eq_ignore_ascii_case("US"));
    let has_country = place
        .country_code
        .as_deref()
        .is_some_and(|c| !c.trim().is_empty());
    match place.feature.as_str() {
        "country" => Some(1),
        "admin1" if us => Some(2),
        "admin1" => Some(5),
        _ if !has_country => None,
        _ if us => Some(3),
        _ => Some(4),
    }
}

/// GDELT's "City, State, Country" full name from what the place carries.
pub(super) fn full_name(place: &Place) -> String {
    let country = place
        .country_code
        .as_deref()
        .and_then(fips::country)
        .map(|c| c.name);
    let mut parts: Vec<&str> = vec![place.name.as_str()];
    if place.feature != "country" && place.feature != "admin1" {
        parts.extend(place.admin1.as_deref().filter(|a| *a != place.name));
    }
    if place.feature != "country" {
        parts.extend(country.filter(|c| *c != place.name));
    }
    parts.join(", ")
}

/// GDELT's ADM1Code: the FIPS country and the division's code; the FIPS country alone for a
/// country-level place.
fn adm1_code(place: &Place, geo_type: Option<u8>, fips: Option<&str>) -> String {
    let Some(fips) = fips else {
        return String::new();
    };
    if geo_type == Some(1) {
        return fips.to_string();
    }
    let code = place
        .admin1
        .as_deref()
        .zip(place.country_code.as_deref())
        .and_then(|(admin1, country)| sitrep_core::geo::admin1_code(country, admin1));
    code.map(|c| format!("{fips}{c}")).unwrap_or_default()
}

/// Type, FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID.
fn push_geo(place: Option<&Place>, row: &mut Vec<String>) {
    let Some(place) = place else {
        row.push("0".to_string());
        row.extend(std::iter::repeat_n(String::new(), 7));
        return;
    };
    let geo_type = geo_type(place);
    let fips = place.country_code.as_deref().and_then(fips::fips);
    row.push(geo_type.map_or_else(String::new, |t| t.to_string()));
    row.push(cell(&full_name(place)).into_owned());
    row.push(fips.unwrap_or("").to_string());
    row.push(adm1_code(place, geo_type, fips));
    row.push(String::new());
    row.push(float(place.lat));
    row.push(float(place.lon));
    row.push(match (geo_type, place.geonames_id) {
        (Some(1), _) if fips.is_some() => fips.unwrap_or("").to_string(),
        (_, Some(id)) => id.to_string(),
        _ => String::new(),
    });
}
