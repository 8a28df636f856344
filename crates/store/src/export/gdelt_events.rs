//! GDELT 2.0 Events: 61 tab-separated columns, no header, no quoting (GDELT's own export, which
//! its readers parse positionally). Column reference: `/work/shared/notes/event-coding.md` §1.2.
//!
//! Events told as to come (`future`, "will meet") are not written: a GDELT row has no column to
//! say an event has not happened yet.
//!
//! What we write where GDELT has something we do not:
//! - IsRootEvent, ethnic and known-group codes, ADM2 (GAUL) and the actors' own geo: empty
//!   (actor geo blocks get Geo_Type 0, GDELT's "no location").
//! - Geo FeatureID: the GeoNames id (GDELT uses GNS/GNIS ids); for a country the FIPS code, as
//!   GDELT does.
//! - ADM1: FIPS country + admin1 code in GDELT; our places carry the admin1 *name* only, so the
//!   code is written for country-level places alone (= the FIPS country, as GDELT does) and
//!   left empty otherwise.

use std::io::{self, Write};

use super::cells::{cell, float, gdelt_timestamp, iso_date, opt_cell, opt_float32};
use super::fips;
use crate::model::{Actor, MergedEvent, Place};

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
    row.push(String::new()); // IsRootEvent: where the event sat in its first report is not kept.
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
    push_geo(None, row); // Actor1Geo
    push_geo(None, row); // Actor2Geo
    push_geo(event.place.as_ref(), row); // ActionGeo
    row.push(event.first_added.as_deref().and_then(gdelt_timestamp).unwrap_or_default());
    row.push(opt_cell(event.urls.first().map(String::as_str)).into_owned());
}

/// SQLDATE (YYYYMMDD), MonthYear (YYYYMM), Year, FractionDate: each only at a precision we have.
fn push_dates(date: Option<&str>, row: &mut Vec<String>) {
    let date = date.and_then(iso_date);
    let year = date.map(|d| d.year);
    let month = date.and_then(|d| d.month);
    let day = date.and_then(|d| d.day);
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
        (Some(y), Some(m), Some(d)) => {
            row.push(format!("{:.4}", f64::from(y) + (f64::from(m) * 30.0 + f64::from(d)) / 365.0))
        }
        _ => row.push(String::new()),
    }
}

/// CAMEO role codes (CAMEO 1.1b3 actor types, with the Phoenix additions our dictionaries use),
/// and religion codes, which GDELT splits out of the full actor code.
const TYPE_CODES: &[&str] = &[
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM", "CVL", "DEV",
    "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD", "PTY", "IGO", "NGO", "NGM",
    "MNC", "IMG", "PPL",
];
const RELIGION_CODES: &[&str] = &["BUD", "CHR", "CTH", "HIN", "JEW", "MUS", "REL"];

/// Code, Name, CountryCode, KnownGroupCode, EthnicCode, Religion1, Religion2, Type1..3.
fn push_actor(actor: Option<&Actor>, row: &mut Vec<String>) {
    let Some(actor) = actor else {
        row.extend(std::iter::repeat_n(String::new(), 10));
        return;
    };
    let code = actor.code.as_deref().map(str::trim).filter(|c| !c.is_empty() && c.is_ascii());
    let known = |c: &str| TYPE_CODES.contains(&c) || RELIGION_CODES.contains(&c);
    // A CAMEO actor code opens with its country when it has one ("AZEMIL").
    let country =
        actor.country.as_deref().map(str::trim).filter(|c| c.len() == 3 && c.is_ascii()).or_else(|| {
            code.and_then(|c| c.get(..3)).filter(|c| c.bytes().all(|b| b.is_ascii_uppercase()) && !known(c))
        });
    let (mut types, mut religions) = (Vec::new(), Vec::new());
    if let Some(code) = code.filter(|c| c.len() % 3 == 0) {
        let chunks = (0..code.len()).step_by(3).filter_map(|i| code.get(i..i + 3));
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
    // GDELT's actor names are upper-case dictionary names.
    row.push(cell(&actor.name).to_uppercase());
    row.push(country.unwrap_or("").to_string());
    row.push(String::new()); // KnownGroupCode: needs GDELT's known-group table.
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
    let us = place.country_code.as_deref().is_some_and(|c| c.eq_ignore_ascii_case("US"));
    let has_country = place.country_code.as_deref().is_some_and(|c| !c.trim().is_empty());
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
    let country = place.country_code.as_deref().and_then(fips::country).map(|c| c.name);
    let mut parts: Vec<&str> = vec![place.name.as_str()];
    if place.feature != "country" && place.feature != "admin1" {
        parts.extend(place.admin1.as_deref().filter(|a| *a != place.name));
    }
    if place.feature != "country" {
        parts.extend(country.filter(|c| *c != place.name));
    }
    parts.join(", ")
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
    row.push(if geo_type == Some(1) { fips.unwrap_or("").to_string() } else { String::new() });
    row.push(String::new());
    row.push(float(place.lat));
    row.push(float(place.lon));
    row.push(match (geo_type, place.geonames_id) {
        (Some(1), _) if fips.is_some() => fips.unwrap_or("").to_string(),
        (_, Some(id)) => id.to_string(),
        _ => String::new(),
    });
}
