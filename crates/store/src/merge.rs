//! When two reports are one event: compared by what they mean, not how they are spelled.
//!
//! A report (one event read from one article) joins an existing merged event when all hold:
//! 1. the same PLOVER type;
//! 2. the same sides ([`compare_sides`]): equal CAMEO actor codes or the same stored entity;
//!    for acts of force ([`FORCE_TYPES`]) a country and its state (government, forces,
//!    police, intelligence) are one side, so "Azerbaijan" and "Azerbaijani troops" (AZE,
//!    AZEMIL) agree while an opposition group does not; a role-only code ("---MIL") takes the
//!    country its article gives it ([`role_country`]). A side one report leaves unsaid does
//!    not disagree, but at least one side must agree (and a report with no date at all, which
//!    no window places in time, must say the same sides as the event);
//! 3. overlapping date windows: a report's window is the days its sentence's own date covers
//!    (the time expression resolved against its publication date: "early on Tuesday" in a
//!    Wednesday report is Tuesday), widened by [`SLACK_DAYS`] each side; a month or a year
//!    widens it to the month or year; a report whose sentence states no date was dated by its
//!    dateline, so its window is the publication day and the [`UNDATED_DAYS`] before it;
//! 4. compatible places by containment: the same stored place, or the same country and
//!    first-level region (admin1), or one of them is the whole country the other lies in, or
//!    either report does not say where;
//! 5. and at least an actor or a place: two bare "ASSAULT"s with no actor and no place say too
//!    little to be called one event, so they stay apart.
//!
//! Among several matching events the one agreeing on most (sides, place) wins, then the
//! oldest. The merged event's window grows to cover the report; its date is the day most
//! reports state ([`consensus_date`]), its CAMEO code the most specific, its place the finest
//! reported. Casualty figures are not merged here: the latest and the highest published
//! figures are kept at read time (`query.rs`), with the articles that reported them.

use sitrep_core::record::PartialDate;

/// Days a report's date window is widened by on each side.
pub const SLACK_DAYS: i64 = 1;
/// Days before publication an event without a date of its own may have happened.
pub const UNDATED_DAYS: i64 = 2;

/// The days a report may refer to, and the days it states (or its publication's, when it
/// states none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub lo: i64,
    pub hi: i64,
    pub days: (i64, i64),
}

/// `stated`: whether the report's own sentence gives the date (else it is its dateline's).
pub fn report_window(
    event_date: Option<&str>,
    stated: bool,
    published: Option<&str>,
) -> Option<Window> {
    if let Some((lo, hi)) = event_date
        .and_then(PartialDate::parse)
        .map(PartialDate::days)
    {
        if !stated {
            return Some(Window {
                lo: lo - UNDATED_DAYS,
                hi,
                days: (lo, hi),
            });
        }
        return Some(Window {
            lo: lo - SLACK_DAYS,
            hi: hi + SLACK_DAYS,
            days: (lo, hi),
        });
    }
    let (lo, hi) = published
        .and_then(PartialDate::parse)
        .map(PartialDate::days)?;
    Some(Window {
        lo: lo - UNDATED_DAYS,
        hi,
        days: (lo, hi),
    })
}

/// PLOVER types where a country and its state organs are one side.
pub const FORCE_TYPES: &[&str] = &["ASSAULT", "COERCE", "MOBILIZE"];

/// CAMEO roles that act for the state itself (CAMEO actor codebook): none, government,
/// military, police, intelligence.
const STATE_ROLES: &[&str] = &["", "GOV", "MIL", "COP", "SPY"];

/// One side of a report or of a stored event, as far as merging cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Side<'a> {
    /// CAMEO actor code ("AZEMIL", "---GOV").
    pub code: Option<&'a str>,
    /// The stored entity.
    pub entity: Option<i64>,
    /// ISO alpha-3 country of the side: the code's, else the one its article gives it.
    pub country: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Agreement {
    Same,
    /// One of the two does not say.
    Unknown,
    Different,
}

/// Whether two sides are one actor (see the module's rule 2).
pub fn compare_sides(a: Option<&Side>, b: Option<&Side>, plover: &str) -> Agreement {
    let (Some(a), Some(b)) = (a, b) else {
        return Agreement::Unknown;
    };
    let same_state =
        FORCE_TYPES.contains(&plover) && state_of(a).is_some() && state_of(a) == state_of(b);
    // "The soldiers" is one stored entity across all articles: a role with no country is one
    // actor only with the same role (or, in an attack, the same state) of the same country.
    if a.code.is_some_and(role_only) || b.code.is_some_and(role_only) {
        let same_role = a.code == b.code && a.country.is_some() && a.country == b.country;
        return if same_role || same_state {
            Agreement::Same
        } else {
            Agreement::Different
        };
    }
    if a.code.is_some() && a.code == b.code {
        return Agreement::Same;
    }
    if (a.entity.is_some() && a.entity == b.entity) || same_state {
        return Agreement::Same;
    }
    Agreement::Different
}

/// A code naming a role with no country ("---MIL").
pub fn role_only(code: &str) -> bool {
    code.starts_with("---")
}

/// The country a side acts for as a state, if it is a country or one of its state organs.
fn state_of<'a>(side: &Side<'a>) -> Option<&'a str> {
    let code = side.code?;
    let role = code.get(3..6).unwrap_or("");
    if !STATE_ROLES.contains(&role) || code.get(6..).is_some_and(|rest| !rest.is_empty()) {
        return None;
    }
    let prefix = code.get(..3)?;
    if sitrep_core::actors::country_by_iso3(prefix).is_some() {
        return Some(prefix);
    }
    if role_only(code) { side.country } else { None }
}

/// The country a side's code names, if any ("AZEMIL" → "AZE").
pub fn code_country(code: &str) -> Option<&str> {
    let prefix = code.get(..3)?;
    sitrep_core::actors::country_by_iso3(prefix).map(|_| prefix)
}

/// The country an article gives a role it names without one ("the troops"): the country its
/// entities mention most, other than `other_side`'s, when one clearly leads.
pub fn role_country(record: &sitrep_core::Record, other_side: Option<&str>) -> Option<String> {
    let mut mentions: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for entity in record.entities.iter().flatten() {
        let Some(country) = entity.country.as_deref() else {
            continue;
        };
        if Some(country) != other_side {
            *mentions.entry(country).or_default() += entity.mentions.len().max(1);
        }
    }
    let mut ranked: Vec<(&str, usize)> = mentions.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    match ranked.as_slice() {
        [(country, _)] => Some(country.to_string()),
        [(country, first), (_, second), ..] if first > second => Some(country.to_string()),
        _ => None,
    }
}

/// The merged event's date: the day most reports state (a dateline's day counts only when no
/// report states one), the finest precision first, ties to the earliest.
pub fn consensus_date(reports: &[(String, bool)]) -> Option<String> {
    let stated: Vec<&str> = reports
        .iter()
        .filter(|(_, s)| *s)
        .map(|(d, _)| d.as_str())
        .collect();
    let pool: Vec<&str> = if stated.is_empty() {
        reports.iter().map(|(d, _)| d.as_str()).collect()
    } else {
        stated
    };
    let finest = pool
        .iter()
        .filter(|d| PartialDate::parse(d).is_some())
        .map(|d| d.len().min(10))
        .max()?;
    let mut tally: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for d in pool
        .iter()
        .filter(|d| d.len().min(10) == finest && PartialDate::parse(d).is_some())
    {
        if let Some(day) = d.get(..finest) {
            *tally.entry(day).or_default() += 1;
        }
    }
    // `max_by_key` returns the last of equal maxima: walking the dates latest first makes
    // that the earliest.
    tally
        .into_iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(d, _)| d.to_string())
}

/// A stored place as far as merging cares.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRef {
    pub pk: i64,
    pub country_code: Option<String>,
    pub admin1: Option<String>,
    pub feature: String,
}

pub fn same_place(a: Option<&PlaceRef>, b: Option<&PlaceRef>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return true;
    };
    if a.pk == b.pk {
        return true;
    }
    let same_country = a.country_code.is_some() && a.country_code == b.country_code;
    let same_admin1 = a.admin1.is_some() && a.admin1 == b.admin1;
    same_country && (same_admin1 || a.feature == "country" || b.feature == "country")
}

/// How fine a place is: a city says more than its region, a region more than its country.
pub fn fineness(feature: &str) -> u8 {
    match feature {
        "country" => 0,
        "admin1" | "region" => 1,
        "admin2" => 2,
        _ => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(pk: i64, cc: &str, admin1: Option<&str>, feature: &str) -> PlaceRef {
        PlaceRef {
            pk,
            country_code: Some(cc.into()),
            admin1: admin1.map(Into::into),
            feature: feature.into(),
        }
    }

    #[test]
    fn places_match_by_region_or_country() {
        let jermuk = place(1, "AM", Some("Vayots Dzor"), "city");
        let vayk = place(2, "AM", Some("Vayots Dzor"), "city");
        let goris = place(3, "AM", Some("Syunik"), "city");
        let armenia = place(4, "AM", None, "country");
        let baku = place(5, "AZ", Some("Baku"), "city");
        assert!(same_place(Some(&jermuk), Some(&vayk)));
        assert!(!same_place(Some(&jermuk), Some(&goris)));
        assert!(same_place(Some(&goris), Some(&armenia)));
        assert!(!same_place(Some(&baku), Some(&armenia)));
        assert!(same_place(None, Some(&baku)));
    }

    #[test]
    fn windows_widen_by_precision_and_fall_back_to_publication() {
        let day = report_window(Some("2022-09-13"), true, None).unwrap();
        assert_eq!((day.hi - day.lo, day.days.1 - day.days.0), (2, 0));
        let month = report_window(Some("2022-09"), true, Some("2022-09-20")).unwrap();
        assert_eq!(month.days.1 - month.days.0, 29);
        assert!(month.hi - month.lo > day.hi - day.lo);
        let undated = report_window(None, false, Some("2022-09-14")).unwrap();
        assert_eq!((undated.hi - undated.lo), UNDATED_DAYS);
        let dateline = report_window(Some("2022-09-14"), false, Some("2022-09-14")).unwrap();
        assert_eq!((dateline.lo, dateline.hi), (undated.lo, undated.hi));
        assert_eq!(report_window(Some("199X"), true, None), None);
    }

    fn side(code: &str) -> Side<'_> {
        Side {
            code: Some(code),
            entity: None,
            country: code_country(code),
        }
    }

    #[test]
    fn a_country_and_its_forces_are_one_side_of_an_attack() {
        use Agreement::*;
        assert_eq!(
            compare_sides(Some(&side("AZE")), Some(&side("AZEMIL")), "ASSAULT"),
            Same
        );
        assert_eq!(
            compare_sides(Some(&side("AZEGOV")), Some(&side("AZEMIL")), "ASSAULT"),
            Same
        );
        assert_eq!(
            compare_sides(Some(&side("AZE")), Some(&side("ARM")), "ASSAULT"),
            Different
        );
        assert_eq!(
            compare_sides(Some(&side("ARMOPP")), Some(&side("ARMGOV")), "ASSAULT"),
            Different
        );
        assert_eq!(
            compare_sides(Some(&side("AZE")), Some(&side("AZEMIL")), "CONSULT"),
            Different
        );
        assert_eq!(
            compare_sides(None, Some(&side("AZEMIL")), "ASSAULT"),
            Unknown
        );
        let armenian_troops = Side {
            code: Some("---MIL"),
            entity: None,
            country: Some("ARM"),
        };
        let unknown_troops = Side {
            code: Some("---MIL"),
            entity: None,
            country: None,
        };
        assert_eq!(
            compare_sides(Some(&armenian_troops), Some(&side("ARM")), "ASSAULT"),
            Same
        );
        assert_eq!(
            compare_sides(Some(&unknown_troops), Some(&side("ARM")), "ASSAULT"),
            Different
        );
        assert_eq!(
            compare_sides(Some(&unknown_troops), Some(&unknown_troops), "ASSAULT"),
            Different
        );
    }

    #[test]
    fn the_date_most_reports_state_wins() {
        let r = |d: &str, stated| (d.to_string(), stated);
        assert_eq!(
            consensus_date(&[
                r("2022-09-12", true),
                r("2022-09-13", true),
                r("2022-09-13", true)
            ])
            .as_deref(),
            Some("2022-09-13")
        );
        assert_eq!(
            consensus_date(&[
                r("2022-09-13", true),
                r("2022-09-14", false),
                r("2022-09-14", false)
            ])
            .as_deref(),
            Some("2022-09-13")
        );
        assert_eq!(
            consensus_date(&[r("2022-09-14", true), r("2022-09-12", true)]).as_deref(),
            Some("2022-09-12")
        );
        assert_eq!(
            consensus_date(&[r("2022-09", true), r("2022-09-20", true)]).as_deref(),
            Some("2022-09-20")
        );
        assert_eq!(consensus_date(&[r("2022", false)]).as_deref(), Some("2022"));
        assert_eq!(consensus_date(&[]), None);
    }
}
