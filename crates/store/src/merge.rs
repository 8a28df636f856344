//! When two reports are one event.
//!
//! A report (one event read from one article) joins an existing merged event when all hold:
//! 1. the same PLOVER type;
//! 2. the same source and the same target actor: the CAMEO actor code when the report has
//!    one ("AZEMIL" from "Azerbaijani forces" and from "Azerbaijan's army" alike), else the
//!    stored entity (canonical name + country/actor), else both absent;
//! 3. overlapping date windows: a report's window is the days its date covers ("2022-09" is
//!    the month) widened by [`SLACK_DAYS`] each side, since later reports resolve "yesterday"
//!    against a later day; a report without an event date uses its article's publication date
//!    and the [`UNDATED_DAYS`] before it; a report with neither only joins undated events;
//! 4. compatible places: the same stored place, or the same country and first-level region
//!    (admin1), or one of them is the whole country the other lies in, or either report does
//!    not say where;
//! 5. and at least an actor or a place: two bare "ASSAULT"s with no actor and no place say too
//!    little to be called one event, so they stay apart.
//!
//! The oldest matching event wins. The merged event's window grows to cover the report; it
//! keeps the most precise date, the most specific CAMEO code and the finest place reported.
//! Casualty figures are not merged here: the latest published figure is kept at read time
//! (`query.rs`), with the articles that reported it.

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

pub fn report_window(event_date: Option<&str>, published: Option<&str>) -> Option<Window> {
    if let Some((lo, hi)) = event_date.and_then(crate::days::range) {
        return Some(Window { lo: lo - SLACK_DAYS, hi: hi + SLACK_DAYS, days: (lo, hi) });
    }
    let (lo, hi) = published.and_then(crate::days::range)?;
    Some(Window { lo: lo - UNDATED_DAYS, hi, days: (lo, hi) })
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
    let (Some(a), Some(b)) = (a, b) else { return true };
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
        PlaceRef { pk, country_code: Some(cc.into()), admin1: admin1.map(Into::into), feature: feature.into() }
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
        let day = report_window(Some("2022-09-13"), None).unwrap();
        assert_eq!((day.hi - day.lo, day.days.1 - day.days.0), (2, 0));
        let month = report_window(Some("2022-09"), Some("2022-09-20")).unwrap();
        assert_eq!(month.days.1 - month.days.0, 29);
        let undated = report_window(None, Some("2022-09-14")).unwrap();
        assert_eq!((undated.hi - undated.lo), UNDATED_DAYS);
        assert_eq!(report_window(Some("199X"), None), None);
    }
}
