//! ACLED's CSV as ACLED publishes it: its 31 columns in its order, one row per event, in its
//! event-type vocabulary ("Battles" / "Armed clash", "Explosions/Remote violence" /
//! "Shelling/artillery/missile attack", …), actor names in its style with inter codes and
//! their interaction, disorder type, ISO numeric code and region, and fatalities 0 when no
//! report gave a figure.
//!
//! ACLED codes political violence, demonstrations and a few strategic developments; statements,
//! consultations, aid and the like have no ACLED type, so those events are not written (see
//! [`acled_category`]), nor are events told as to come (`future`): ACLED records what
//! happened, nor events dated to a year only (ACLED's coarsest precision is a month).
//! What sitrep cannot know is left empty: `assoc_actor_1/2` (sitrep keeps one actor a side),
//! `admin3`, `source_scale` (no registry of outlets' reach), `tags`.

use std::io::{self, Write};

use super::acled_actors::{
    CIVILIANS as CIVILIAN_INTER, acled_actor, interaction, unidentified_armed_group,
};
use super::{countries, fips};
use crate::model::{Actor, MergedEvent};

/// ACLED's columns, in ACLED's order (ACLED export, 2023 codebook).
pub const ACLED_COLUMNS: [&str; 31] = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
];

const BATTLES: &str = "Battles";
const REMOTE: &str = "Explosions/Remote violence";
const CIVILIANS: &str = "Violence against civilians";
const PROTESTS: &str = "Protests";
const RIOTS: &str = "Riots";
const STRATEGIC: &str = "Strategic developments";

/// ACLED's event type and sub-event type of an event, from its PLOVER type, CAMEO code and mode;
/// `None` for events outside ACLED's scope.
///
/// - ASSAULT: the weapon decides first (mode words, then the CAMEO code): artillery, shelling,
///   missiles, rockets, tanks (CAMEO 194) → Shelling/artillery/missile attack; air strikes,
///   drones, aerial weapons (195) → Air/drone strike; suicide bombing (1831) → Suicide bomb;
///   car and roadside bombs, IEDs, mines (1832, 1833) → Remote explosive/landmine/IED; grenades
///   → Grenade; chemical weapons (2041) → Chemical weapon. Then abduction (181, 184) →
///   Violence against civilians / Abduction/forced disappearance; sexual assault (1821) →
///   Sexual violence; mass killing and unconventional violence against a civilian or unarmed
///   target (18x, 20x) → Violence against civilians / Attack; everything else with weapons
///   (19x, firearms, clashes) → Battles / Armed clash.
/// - PROTEST: riots (145, mode "riot"/"violent") → Riots / Violent demonstration; others →
///   Protests / Peaceful protest.
/// - COERCE: arrest (173) → Strategic developments / Arrests; seizing or destroying property
///   (171) → Looting/property destruction; violent repression (175) → Violence against
///   civilians / Attack; other coercion (curfews, bans, deportation, occupation) → Strategic
///   developments / Other.
/// - AGREE, and ceasefires (0871, or a RETREAT/CONCEDE with mode ceasefire/truce) →
///   Strategic developments / Agreement.
/// - MOBILIZE, RETREAT (withdrawal, demobilization, surrender) → Strategic developments /
///   Change to group/activity.
pub fn acled_category(event: &MergedEvent) -> Option<(&'static str, &'static str)> {
    let code = event.cameo.as_deref().unwrap_or("").trim();
    let mode = event.mode.as_deref().unwrap_or("").to_ascii_lowercase();
    let mode_has = |words: &[&str]| words.iter().any(|w| mode.contains(w));
    let code_is = |prefixes: &[&str]| prefixes.iter().any(|p| code.starts_with(p));
    match event.plover.trim().to_ascii_uppercase().as_str() {
        "ASSAULT" if political_violence(event, code, &mode) => Some(assault(event, code, &mode)),
        "ASSAULT" => None,
        "RETREAT" | "CONCEDE" if code_is(&["0871"]) || mode_has(&["ceasefire", "truce"]) => {
            Some((STRATEGIC, "Agreement"))
        }
        "PROTEST" if code_is(&["145"]) || mode_has(&["riot", "violent"]) => {
            Some((RIOTS, "Violent demonstration"))
        }
        "PROTEST" => Some((PROTESTS, "Peaceful protest")),
        "COERCE" if code_is(&["173"]) || mode_has(&["arrest", "detain"]) => {
            Some((STRATEGIC, "Arrests"))
        }
        "COERCE" if code_is(&["171"]) || mode_has(&["seize", "loot"]) => {
            Some((STRATEGIC, "Looting/property destruction"))
        }
        "COERCE" if code_is(&["175"]) => Some((CIVILIANS, "Attack")),
        "COERCE" => Some((STRATEGIC, "Other")),
        "AGREE" => Some((STRATEGIC, "Agreement")),
        "MOBILIZE" | "RETREAT" => Some((STRATEGIC, "Change to group/activity")),
        _ => None,
    }
}

fn assault(event: &MergedEvent, code: &str, mode: &str) -> (&'static str, &'static str) {
    let mode_has = |words: &[&str]| words.iter().any(|w| mode.contains(w));
    let code_is = |prefixes: &[&str]| prefixes.iter().any(|p| code.starts_with(p));
    // PLOVER gives 194 and 195 the same mode ("heavy-weapons"): the air check goes first.
    if mode_has(&["drone", "air", "aerial", "bomber", "jet"]) || code_is(&["195"]) {
        return (REMOTE, "Air/drone strike");
    }
    if mode_has(&[
        "artiller",
        "shell",
        "missile",
        "rocket",
        "mortar",
        "tank",
        "heavy-weapons",
    ]) || code_is(&["194"])
    {
        return (REMOTE, "Shelling/artillery/missile attack");
    }
    if mode_has(&["suicide"]) || code_is(&["1831"]) {
        return (REMOTE, "Suicide bomb");
    }
    if mode_has(&[
        "ied",
        "landmine",
        "mine",
        "explosive",
        "car bomb",
        "roadside",
    ]) || code_is(&["1832", "1833", "183"])
    {
        return (REMOTE, "Remote explosive/landmine/IED");
    }
    if mode_has(&["grenade"]) {
        return (REMOTE, "Grenade");
    }
    if mode_has(&["chemical"]) || code_is(&["2041"]) {
        return (REMOTE, "Chemical weapon");
    }
    if mode_has(&["abduct", "kidnap", "hostage"]) || code_is(&["181", "184"]) {
        return (CIVILIANS, "Abduction/forced disappearance");
    }
    if mode_has(&["sexual", "rape"]) || code_is(&["1821"]) {
        return (CIVILIANS, "Sexual violence");
    }
    let unconventional = code_is(&["18", "20"])
        || mode_has(&["massacre", "cleansing", "assassinat", "beat", "torture"]);
    if unconventional && !armed(event.target.as_ref()) {
        return (CIVILIANS, "Attack");
    }
    (BATTLES, "Armed clash")
}

/// Whether an assault is political violence as ACLED means it: done by a state or an armed
/// group (not a health agency, a company or nobody named), and told with a target, a weapon
/// or a specific attack code. "WHO: H5N1 has killed 109 people" reads as an ASSAULT (CAMEO
/// 190) by the WHO with no one struck: a disease's deaths, not a battle.
fn political_violence(event: &MergedEvent, code: &str, mode: &str) -> bool {
    // An attack on someone by no one named: ACLED's "Unidentified Armed Group".
    let Some(source) = event.source.as_ref() else {
        return event.target.is_some();
    };
    let source_code = source.code.as_deref().unwrap_or("");
    let civilian_roles = [
        "IGO", "NGO", "MNC", "HLH", "MED", "BUS", "EDU", "CVL", "REF", "JRN",
    ];
    let perpetrator = !source_code.is_empty()
        && !(0..source_code.len()).step_by(3).any(|i| {
            source_code
                .get(i..i + 3)
                .is_some_and(|r| civilian_roles.contains(&r))
        });
    let specific =
        code.len() > 3 || !matches!(code, "18" | "180" | "19" | "190" | "20" | "200" | "");
    perpetrator && (event.target.is_some() || !mode.is_empty() || specific)
}

/// ACLED's disorder type of an event type and sub-event type.
fn disorder_type(event_type: &str, sub_event_type: &str) -> &'static str {
    match (event_type, sub_event_type) {
        (STRATEGIC, _) => "Strategic developments",
        (PROTESTS, "Excessive force against protesters") => "Political violence; Demonstrations",
        (PROTESTS, _) | (RIOTS, "Violent demonstration") => "Demonstrations",
        _ => "Political violence",
    }
}

/// Whether an actor is an armed force by its CAMEO role (a clash needs two armed sides).
fn armed(actor: Option<&Actor>) -> bool {
    let Some(code) = actor.and_then(|a| a.code.as_deref()) else {
        return false;
    };
    ["MIL", "REB", "INS", "SEP", "UAF", "COP", "SPY"]
        .iter()
        .any(|role| {
            (0..code.len())
                .step_by(3)
                .any(|i| code.get(i..i + 3) == Some(role))
        })
}

/// Writes the header and one row per event ACLED would record; returns the rows written.
pub fn acled(events: &[MergedEvent], out: &mut impl Write) -> io::Result<usize> {
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record(ACLED_COLUMNS)
        .map_err(io::Error::other)?;
    let mut written = 0;
    for event in events.iter().filter(|e| !e.future) {
        let Some(row) = row(event) else { continue };
        writer.write_record(&row).map_err(io::Error::other)?;
        written += 1;
    }
    writer.flush()?;
    Ok(written)
}

/// ACLED's date and time precision: 1 the day is known, 3 only the month (ACLED then codes
/// the middle of the month, the 15th). Year-only and undated events have none.
fn date_and_precision(date: Option<&str>) -> Option<(String, u8)> {
    let date = sitrep_core::record::PartialDate::parse(date?)?;
    match (date.month, date.day) {
        (Some(m), Some(d)) => Some((format!("{:04}-{m:02}-{d:02}", date.year), 1)),
        (Some(m), None) => Some((format!("{:04}-{m:02}-15", date.year), 3)),
        _ => None,
    }
}

/// ACLED's geo_precision: 1 the town itself, 2 a district around it, 3 only a region or the
/// country.
fn geo_precision(feature: &str) -> u8 {
    match feature {
        "country" | "admin1" | "region" => 3,
        "admin2" => 2,
        _ => 1,
    }
}

fn row(event: &MergedEvent) -> Option<[String; 31]> {
    let (event_type, sub_event_type) = acled_category(event)?;
    let (date, time_precision) = date_and_precision(event.date.as_deref())?;
    let place = event.place.as_ref();
    let iso2 = place.and_then(|p| p.country_code.as_deref());
    let facts = iso2.and_then(countries::facts);
    let country = iso2.and_then(fips::country).map(|c| c.name);
    let coordinate = |x: f64| {
        if x.is_finite() {
            format!("{x:.4}")
        } else {
            String::new()
        }
    };
    let actor1 = match &event.source {
        Some(a) => Some(acled_actor(a, event_type)),
        None if disorder_type(event_type, sub_event_type) == "Political violence" => {
            Some(unidentified_armed_group())
        }
        None => None,
    };
    let actor2 = event.target.as_ref().map(|a| acled_actor(a, event_type));
    let inter1 = actor1.as_ref().map_or(0, |a| a.inter);
    let inter2 = actor2.as_ref().map_or(0, |a| a.inter);
    let disorder = disorder_type(event_type, sub_event_type);
    let civilian_targeting = disorder.starts_with("Political violence") && inter2 == CIVILIAN_INTER;
    // ACLED's ids are the country's alpha-3 and a number.
    let id_prefix = facts.map(|f| f.iso3).unwrap_or("XXX");
    let timestamp = event
        .first_added
        .as_deref()
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .map(|t| t.as_second().to_string())
        .unwrap_or_default();
    Some([
        format!("{id_prefix}{}", event.id),
        date.clone(),
        date.get(..4).unwrap_or("").to_string(),
        time_precision.to_string(),
        disorder.to_string(),
        event_type.to_string(),
        sub_event_type.to_string(),
        actor1
            .as_ref()
            .map(|a| one_line(&a.name))
            .unwrap_or_default(),
        String::new(),
        inter1.to_string(),
        actor2
            .as_ref()
            .map(|a| one_line(&a.name))
            .unwrap_or_default(),
        String::new(),
        inter2.to_string(),
        interaction(inter1, inter2).to_string(),
        if civilian_targeting {
            "Civilian targeting".to_string()
        } else {
            String::new()
        },
        facts.map(|f| f.numeric.to_string()).unwrap_or_default(),
        facts
            .map(|f| f.acled_region.to_string())
            .unwrap_or_default(),
        country.unwrap_or("").to_string(),
        place
            .and_then(|p| p.admin1.as_deref())
            .map(one_line)
            .unwrap_or_default(),
        place
            .filter(|p| p.feature == "admin2")
            .map(|p| one_line(&p.name))
            .unwrap_or_default(),
        String::new(),
        place.map(|p| one_line(&p.name)).unwrap_or_default(),
        place.map(|p| coordinate(p.lat)).unwrap_or_default(),
        place.map(|p| coordinate(p.lon)).unwrap_or_default(),
        place
            .map(|p| geo_precision(&p.feature).to_string())
            .unwrap_or_default(),
        sources(event),
        String::new(),
        event
            .evidence
            .first()
            .map(|e| one_line(&e.text))
            .unwrap_or_default(),
        event.fatalities.unwrap_or(0).to_string(),
        String::new(),
        timestamp,
    ])
}

/// CSV quotes line breaks correctly, but ACLED's cells are single lines and many readers expect
/// that.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ACLED's `source`: outlets separated by "; ": the reporting sites' domains, or the wire
/// agencies credited where an article has no address.
fn sources(event: &MergedEvent) -> String {
    let mut hosts: Vec<String> = event.outlets.iter().map(|o| one_line(o)).collect();
    for url in &event.urls {
        let Some(host) = url::Url::parse(url.trim())
            .ok()
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        else {
            continue;
        };
        let host = host
            .strip_prefix("www.")
            .map(str::to_string)
            .unwrap_or(host);
        if !hosts.contains(&host) {
            hosts.push(host);
        }
    }
    hosts.join("; ")
}
