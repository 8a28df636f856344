//! ACLED-style CSV: a header and one row per event, in ACLED's column names and its event-type
//! vocabulary (as in ACLED's own exports: "Battles" / "Armed clash", "Explosions/Remote
//! violence" / "Shelling/artillery/missile attack", …).
//!
//! ACLED codes political violence, demonstrations and a few strategic developments; statements,
//! consultations, aid and the like have no ACLED type, so those events are not written (see
//! [`acled_category`]), nor are events told as to come (`future`): ACLED records what happened. Fatalities stay empty when no report gave a figure (ACLED would write 0).

use std::io::{self, Write};

use super::fips;
use crate::model::{Actor, MergedEvent};

pub const ACLED_COLUMNS: [&str; 13] = [
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "fatalities",
    "notes",
    "source",
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
        "ASSAULT" => Some(assault(event, code, &mode)),
        "RETREAT" | "CONCEDE" if code_is(&["0871"]) || mode_has(&["ceasefire", "truce"]) => {
            Some((STRATEGIC, "Agreement"))
        }
        "PROTEST" if code_is(&["145"]) || mode_has(&["riot", "violent"]) => {
            Some((RIOTS, "Violent demonstration"))
        }
        "PROTEST" => Some((PROTESTS, "Peaceful protest")),
        "COERCE" if code_is(&["173"]) || mode_has(&["arrest", "detain"]) => Some((STRATEGIC, "Arrests")),
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
    if mode_has(&["artiller", "shell", "missile", "rocket", "mortar", "tank", "heavy-weapons"])
        || code_is(&["194"])
    {
        return (REMOTE, "Shelling/artillery/missile attack");
    }
    if mode_has(&["suicide"]) || code_is(&["1831"]) {
        return (REMOTE, "Suicide bomb");
    }
    if mode_has(&["ied", "landmine", "mine", "explosive", "car bomb", "roadside"])
        || code_is(&["1832", "1833", "183"])
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
    let unconventional =
        code_is(&["18", "20"]) || mode_has(&["massacre", "cleansing", "assassinat", "beat", "torture"]);
    if unconventional && !armed(event.target.as_ref()) {
        return (CIVILIANS, "Attack");
    }
    (BATTLES, "Armed clash")
}

/// Whether an actor is an armed force by its CAMEO role (a clash needs two armed sides).
fn armed(actor: Option<&Actor>) -> bool {
    let Some(code) = actor.and_then(|a| a.code.as_deref()) else { return false };
    ["MIL", "REB", "INS", "SEP", "UAF", "COP", "SPY"]
        .iter()
        .any(|role| (0..code.len()).step_by(3).any(|i| code.get(i..i + 3) == Some(role)))
}

pub fn acled(events: &[MergedEvent], out: &mut impl Write) -> io::Result<usize> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(ACLED_COLUMNS).map_err(io::Error::other)?;
    let mut written = 0;
    for event in events.iter().filter(|e| !e.future) {
        let Some((event_type, sub_event_type)) = acled_category(event) else { continue };
        written += 1;
        let place = event.place.as_ref();
        let country = place.and_then(|p| p.country_code.as_deref()).and_then(fips::country).map(|c| c.name);
        let coordinate = |x: f64| if x.is_finite() { format!("{x:.4}") } else { String::new() };
        let row: [String; 13] = [
            event.date.clone().unwrap_or_default(),
            event_type.to_string(),
            sub_event_type.to_string(),
            actor_name(event.source.as_ref()),
            actor_name(event.target.as_ref()),
            country.unwrap_or("").to_string(),
            place.and_then(|p| p.admin1.clone()).unwrap_or_default(),
            place.map(|p| p.name.clone()).unwrap_or_default(),
            place.map(|p| coordinate(p.lat)).unwrap_or_default(),
            place.map(|p| coordinate(p.lon)).unwrap_or_default(),
            event.fatalities.map(|f| f.to_string()).unwrap_or_default(),
            event.evidence.first().map(|e| one_line(&e.text)).unwrap_or_default(),
            sources(event),
        ];
        writer.write_record(&row).map_err(io::Error::other)?;
    }
    writer.flush()?;
    Ok(written)
}

fn actor_name(actor: Option<&Actor>) -> String {
    actor.map(|a| one_line(&a.name)).unwrap_or_default()
}

/// CSV quotes line breaks correctly, but ACLED's cells are single lines and many readers expect
/// that.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// ACLED's `source`: outlets separated by "; ". Ours are the reporting sites' domains.
fn sources(event: &MergedEvent) -> String {
    let mut hosts: Vec<String> = Vec::new();
    for url in &event.urls {
        let Some(host) =
            url::Url::parse(url.trim()).ok().and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        else {
            continue;
        };
        let host = host.strip_prefix("www.").map(str::to_string).unwrap_or(host);
        if !hosts.contains(&host) {
            hosts.push(host);
        }
    }
    hosts.join("; ")
}
