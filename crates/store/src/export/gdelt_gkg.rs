//! GDELT GKG 2.1: one row per article, 27 tab-separated columns, no header, each cell in its own
//! grammar (`/work/shared/notes/event-coding.md` §1.4). Offsets are character offsets, as GDELT
//! counts them (ours are bytes). Cells we have nothing for stay empty: enhanced themes (no
//! offsets), ADM2, GCAM beyond the word count, images, translation info.
//!
//! Choices where our record and GDELT's differ:
//! - GKGRECORDID has GDELT's form `YYYYMMDDHHMMSS-N`: the article's publication time (UTC;
//!   midnight when only the day is known, zeros when unknown) and its row number in the file,
//!   so ids are unique within one export; the record's own id is in the extras
//!   (`<SITREP_ID>`).
//! - Themes: GDELT theme names read off the article's events and counts (`gkg_themes.rs`), with
//!   the character offset of their sentence in V2EnhancedThemes.
//! - V2Tone: Tone, Positive, Negative and Polarity from the AFINN-165 lexicon
//!   (`sitrep_core::tone`), Activity Reference Density as the article's coded events per 100
//!   words (GDELT's own activity dictionary is not public), Self/Group Reference Density as the
//!   share of first-person pronouns, and the word count.
//! - Counts: killed → KILL, injured → WOUND, arrested → ARREST, kidnapped → KIDNAP,
//!   displaced → AFFECT (GDELT's "affected": displaced, evacuated, homeless). Our "missing",
//!   "troops" and "other" have no GDELT type and are left out. Counts carry no place of their
//!   own, so the location fields are empty. Counts also fill AMOUNTS (number, what was counted).
//! - Organizations include our groups (armed groups, parties), as GDELT's do.

use std::fmt::Write as _;
use std::io::{self, Write};

use sitrep_core::record::{Entity, EntityKind, Geo, Record};

use super::cells::{CharOffsets, cell, clean, float, float32, gdelt_timestamp};
use super::fips;
use super::gdelt_events::{full_name, geo_type};
use crate::model::Place;
use sitrep_core::record::PartialDate;

pub const GKG_COLUMNS: usize = 27;

/// Returns the rows written.
pub fn gdelt_gkg(records: &[Record], out: &mut impl Write) -> io::Result<usize> {
    for (n, record) in records.iter().enumerate() {
        let row = gkg_row(record, n + 1);
        debug_assert_eq!(row.len(), GKG_COLUMNS);
        out.write_all(row.join("\t").as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(records.len())
}

fn gkg_row(record: &Record, sequence: usize) -> Vec<String> {
    let mut offsets = CharOffsets::new(&record.text);
    let url = record
        .url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let entities = record.entities.as_deref().unwrap_or_default();
    let (counts_v1, counts_v21) = counts(record, &mut offsets);
    let (locations_v1, locations_v2) = locations(entities, &mut offsets);
    let persons = |e: &Entity| e.kind == EntityKind::Person;
    let organizations = |e: &Entity| matches!(e.kind, EntityKind::Organization | EntityKind::Group);
    let word_count = sitrep_core::text::words(&record.text).count();
    let published = record.published.as_deref().and_then(gdelt_timestamp);
    let themes = super::gkg_themes::themes(record);
    vec![
        format!(
            "{}-{sequence}",
            published.as_deref().unwrap_or("00000000000000")
        ),
        published.unwrap_or_default(),
        // 1 = WEB; without a URL the collection is unknown.
        if url.is_some() {
            "1".to_string()
        } else {
            String::new()
        },
        url.and_then(host).unwrap_or_default(),
        url.map(|u| cell(u).into_owned()).unwrap_or_default(),
        counts_v1,
        counts_v21,
        list(themes.iter().map(|(theme, _)| *theme)),
        enhanced_themes(&themes, &mut offsets),
        locations_v1,
        locations_v2,
        list(names(entities, persons)),
        name_offsets(entities, persons, &mut offsets),
        list(names(entities, organizations)),
        name_offsets(entities, organizations, &mut offsets),
        tone(record),
        dates(record, &mut offsets),
        if record.text.is_empty() {
            String::new()
        } else {
            format!("wc:{word_count}")
        },
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        quotations(record, &mut offsets),
        name_offsets(entities, |_| true, &mut offsets),
        amounts(record, &mut offsets),
        String::new(),
        extras(record),
    ]
}

/// The outlet's domain, as GDELT's SourceCommonName ("www." dropped).
fn host(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url).ok()?;
    let host = parsed.host_str()?;
    Some(
        host.strip_prefix("www.")
            .unwrap_or(host)
            .to_ascii_lowercase(),
    )
}

/// `a;b;c` of distinct cleaned values, first seen first.
fn list<'a>(values: impl Iterator<Item = &'a str>) -> String {
    let mut seen: Vec<String> = Vec::new();
    for value in values {
        let value = clean(value, &[';', '#', ',']).into_owned();
        if !value.is_empty() && !seen.contains(&value) {
            seen.push(value);
        }
    }
    seen.join(";")
}

fn names<'a>(
    entities: &'a [Entity],
    keep: impl Fn(&Entity) -> bool + 'a,
) -> impl Iterator<Item = &'a str> {
    entities
        .iter()
        .filter(move |e| keep(e))
        .map(|e| e.name.as_str())
}

/// `Name,offset;` for every mention, in text order.
fn name_offsets(
    entities: &[Entity],
    keep: impl Fn(&Entity) -> bool,
    offsets: &mut CharOffsets,
) -> String {
    let mut mentions: Vec<(usize, String)> = Vec::new();
    for entity in entities.iter().filter(|e| keep(e)) {
        let name = clean(&entity.name, &[';', '#', ',']);
        if name.is_empty() {
            continue;
        }
        mentions.extend(entity.mentions.iter().map(|m| (m[0], name.to_string())));
    }
    mentions.sort();
    let mut out = String::new();
    for (byte, name) in mentions {
        let _ = write!(out, "{name},{};", offsets.of(byte));
    }
    out
}

fn count_type(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "killed" => "KILL",
        "injured" => "WOUND",
        "arrested" => "ARREST",
        "kidnapped" => "KIDNAP",
        "displaced" => "AFFECT",
        _ => return None,
    })
}

/// V1COUNTS and V2.1COUNTS (the same blocks, V2.1 with the character offset).
fn counts(record: &Record, offsets: &mut CharOffsets) -> (String, String) {
    let (mut v1, mut v21) = (String::new(), String::new());
    for count in record.counts.as_deref().unwrap_or_default() {
        let Some(kind) = count_type(&count.kind) else {
            continue;
        };
        let object = count
            .subject
            .as_deref()
            .map(|s| clean(s, &['#', ';']))
            .unwrap_or_default();
        // Type, count, object, then the place fields we do not have: LocType … LocFeatureID.
        let block = format!("{kind}#{}#{object}#######", count.number);
        let _ = write!(v1, "{block};");
        let _ = write!(v21, "{block}#{};", offsets.of(count.start));
    }
    (v1, v21)
}

fn place_of(geo: &Geo) -> Place {
    Place {
        name: geo.name.clone(),
        geonames_id: geo.geonames_id,
        country_code: geo.country_code.clone(),
        admin1: geo.admin1.clone(),
        feature: geo.feature.clone(),
        lat: geo.lat,
        lon: geo.lon,
    }
}

/// V1LOCATIONS (`Type#FullName#CC#ADM1#Lat#Long#FeatureID`, once per place) and
/// V2ENHANCEDLOCATIONS (`Type#FullName#CC#ADM1#ADM2#Lat#Long#FeatureID#Offset`, per mention).
/// Places GDELT's location types cannot express (a region with no country) are left out.
fn locations(entities: &[Entity], offsets: &mut CharOffsets) -> (String, String) {
    let mut v1 = Vec::new();
    let mut v2: Vec<(usize, String)> = Vec::new();
    for entity in entities.iter().filter(|e| e.kind == EntityKind::Location) {
        let Some(geo) = &entity.geo else { continue };
        let place = place_of(geo);
        let Some(kind) = geo_type(&place) else {
            continue;
        };
        let fips = place
            .country_code
            .as_deref()
            .and_then(fips::fips)
            .unwrap_or("");
        let adm1 = if kind == 1 { fips } else { "" };
        let feature = match (kind, place.geonames_id) {
            (1, _) if !fips.is_empty() => fips.to_string(),
            (_, Some(id)) => id.to_string(),
            _ => String::new(),
        };
        let name = clean(&full_name(&place), &['#', ';']).into_owned();
        let (lat, lon) = (float(place.lat), float(place.lon));
        let block = format!("{kind}#{name}#{fips}#{adm1}#{lat}#{lon}#{feature}");
        if !v1.contains(&block) {
            v1.push(block);
        }
        for mention in &entity.mentions {
            v2.push((
                mention[0],
                format!("{kind}#{name}#{fips}#{adm1}##{lat}#{lon}#{feature}"),
            ));
        }
    }
    v2.sort();
    let mut v2_cell = String::new();
    for (byte, block) in v2 {
        let _ = write!(v2_cell, "{block}#{};", offsets.of(byte));
    }
    (v1.join(";"), v2_cell)
}

/// Tone, Positive, Negative, Polarity, ActivityRefDensity, SelfGroupRefDensity, WordCount.
/// GDELT's V2Tone: Tone, Positive, Negative, Polarity, Activity Reference Density,
/// Self/Group Reference Density, WordCount; empty for an article without text.
fn tone(record: &Record) -> String {
    let m = sitrep_core::tone::measure(&record.text);
    if m.words == 0 {
        return String::new();
    }
    let events = record.events.iter().flatten().filter(|e| !e.future).count();
    let activity = (events as f64 * 100.0 / m.words as f64) as f32;
    let [tone, positive, negative, polarity, activity, self_group] = [
        m.tone,
        m.positive,
        m.negative,
        m.polarity,
        activity,
        m.self_group,
    ]
    .map(float32);
    format!(
        "{tone},{positive},{negative},{polarity},{activity},{self_group},{}",
        m.words
    )
}

/// `THEME,offset;` for the themes read from a place in the text, in text order.
fn enhanced_themes(themes: &[(&str, Option<usize>)], offsets: &mut CharOffsets) -> String {
    let mut out = String::new();
    for (theme, at) in themes {
        if let Some(at) = at {
            let _ = write!(
                out,
                "{},{};",
                clean(theme, &[';', '#', ',']),
                offsets.of(*at)
            );
        }
    }
    out
}

/// `Resolution#Month#Day#Year#Offset;` (1 year, 2 month and year, 3 full date). Decades and
/// malformed values are left out.
fn dates(record: &Record, offsets: &mut CharOffsets) -> String {
    let mut mentions: Vec<_> = record
        .dates
        .iter()
        .filter_map(|d| Some((d.start, PartialDate::parse(&d.value)?)))
        .collect();
    mentions.sort_by_key(|(start, _)| *start);
    let mut out = String::new();
    for (start, date) in mentions {
        let resolution = match (date.month, date.day) {
            (Some(_), Some(_)) => 3,
            (Some(_), None) => 2,
            _ => 1,
        };
        let (month, day) = (date.month.unwrap_or(0), date.day.unwrap_or(0));
        let _ = write!(
            out,
            "{resolution}#{month}#{day}#{}#{};",
            date.year,
            offsets.of(start)
        );
    }
    out
}

/// `Offset|Length|Verb|Quote#` per quotation, in text order.
fn quotations(record: &Record, offsets: &mut CharOffsets) -> String {
    let mut quotes: Vec<_> = record
        .quotes
        .as_deref()
        .unwrap_or_default()
        .iter()
        .collect();
    quotes.sort_by_key(|q| q.start);
    let mut out = String::new();
    for quote in quotes {
        let text = clean(&quote.text, &['|', '#']);
        if text.is_empty() {
            continue;
        }
        let verb = quote
            .cue
            .as_deref()
            .map(|c| clean(c, &['|', '#']))
            .unwrap_or_default();
        let start = offsets.of(quote.start);
        let length = offsets.of(quote.end.max(quote.start)) - start;
        let _ = write!(out, "{start}|{length}|{verb}|{text}#");
    }
    out
}

/// `Amount,Object,Offset;` from our counts (of any kind: every count is an amount of something).
fn amounts(record: &Record, offsets: &mut CharOffsets) -> String {
    let mut counts: Vec<_> = record
        .counts
        .as_deref()
        .unwrap_or_default()
        .iter()
        .collect();
    counts.sort_by_key(|c| c.start);
    let mut out = String::new();
    for count in counts {
        let object = count
            .subject
            .as_deref()
            .map(|s| clean(s, &[',', ';', '#']))
            .unwrap_or_default();
        let _ = write!(
            out,
            "{},{object},{};",
            count.number,
            offsets.of(count.start)
        );
    }
    out
}

fn xml_escape(text: &str) -> String {
    let text = cell(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// V2EXTRASXML: the page title and authors, as GDELT's `<PAGE_TITLE>` / `<PAGE_AUTHORS>`.
fn extras(record: &Record) -> String {
    let mut out = format!("<SITREP_ID>{}</SITREP_ID>", xml_escape(&record.id));
    if let Some(title) = record.title.as_deref().filter(|t| !t.trim().is_empty()) {
        let _ = write!(out, "<PAGE_TITLE>{}</PAGE_TITLE>", xml_escape(title));
    }
    if let Some(author) = record.author.as_deref().filter(|a| !a.trim().is_empty()) {
        let _ = write!(out, "<PAGE_AUTHORS>{}</PAGE_AUTHORS>", xml_escape(author));
    }
    out
}
