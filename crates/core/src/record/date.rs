//! Dates of the record at the precision known. Every crate reads the record's ISO dates through
//! [`PartialDate`] instead of splitting strings itself.

use std::fmt;

/// A date known to the year, the month or the day: ISO 8601 `2022`, `2022-09`, `2022-09-13`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    /// Only with a month.
    pub day: Option<u8>,
}

impl PartialDate {
    /// Reads an ISO 8601 date at its precision, optionally followed by a time
    /// (`2022-09-13T10:00:00Z`). Decades (`199X`), impossible days (`2022-02-30`) and anything
    /// else give `None`.
    pub fn parse(value: &str) -> Option<PartialDate> {
        let value = value.trim();
        let date = match value.get(10..) {
            Some(rest) if rest.is_empty() || rest.starts_with(['T', ' ']) => &value[..10],
            Some(_) => return None,
            None => value,
        };
        let mut parts = date.split('-');
        let year = number(parts.next()?, 4)? as u16;
        let month = parts
            .next()
            .map(|m| number(m, 2))
            .map(|m| m.filter(|m| (1..=12).contains(m)));
        let day = parts.next().map(|d| number(d, 2));
        if parts.next().is_some() {
            return None;
        }
        let month = match month {
            Some(m) => Some(m? as u8),
            None => None,
        };
        let day = match (day, month) {
            (None, _) => None,
            (Some(d), Some(m)) => {
                Some(d.filter(|&d| d >= 1 && d <= month_len(year, m) as u32)? as u8)
            }
            (Some(_), None) => return None,
        };
        Some(PartialDate { year, month, day })
    }

    /// A date written `YYYYMMDD` (the actor dictionaries' form), or ISO as [`PartialDate::parse`].
    pub fn parse_compact_or_iso(value: &str) -> Option<PartialDate> {
        let v = value.trim();
        if v.len() == 8 && v.bytes().all(|b| b.is_ascii_digit()) {
            return PartialDate::parse(&format!("{}-{}-{}", &v[..4], &v[4..6], &v[6..]));
        }
        PartialDate::parse(v)
    }

    /// `YYYYMMDD` as a number, when the day is known.
    pub fn yyyymmdd(self) -> Option<u32> {
        Some(self.year as u32 * 10_000 + self.month? as u32 * 100 + self.day? as u32)
    }

    /// The first and last day it covers, as days since 1970-01-01: one day, a month or a year.
    pub fn days(self) -> (i64, i64) {
        let y = self.year as i64;
        match (self.month, self.day) {
            (Some(m), Some(d)) => (civil_day(y, m, d), civil_day(y, m, d)),
            (Some(m), None) => (civil_day(y, m, 1), civil_day(y, m, month_len(self.year, m))),
            _ => (civil_day(y, 1, 1), civil_day(y, 12, 31)),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

fn number(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn month_len(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`):
/// plain arithmetic, cheaper than building a calendar value per report.
fn civil_day(year: i64, month: u8, day: u8) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: u16, m: Option<u8>, d: Option<u8>) -> Option<PartialDate> {
        Some(PartialDate {
            year: y,
            month: m,
            day: d,
        })
    }

    #[test]
    fn each_precision() {
        assert_eq!(PartialDate::parse("2022"), date(2022, None, None));
        assert_eq!(PartialDate::parse("2022-09"), date(2022, Some(9), None));
        assert_eq!(
            PartialDate::parse("2022-09-13"),
            date(2022, Some(9), Some(13))
        );
        assert_eq!(
            PartialDate::parse("2022-09-13T10:00:00Z"),
            date(2022, Some(9), Some(13))
        );
        assert_eq!(
            PartialDate::parse_compact_or_iso("20220913"),
            date(2022, Some(9), Some(13))
        );
        for bad in [
            "199X",
            "2022-13",
            "2022-02-30",
            "2022-9-1",
            "22-09-13",
            "",
            "soon",
            "2022-09-13junk",
        ] {
            assert_eq!(PartialDate::parse(bad), None, "{bad}");
        }
        assert_eq!(
            PartialDate::parse("2024-02-29").unwrap().to_string(),
            "2024-02-29"
        );
        assert_eq!(
            PartialDate::parse("2022-09").unwrap().to_string(),
            "2022-09"
        );
    }

    #[test]
    fn day_ranges() {
        let days = |s: &str| PartialDate::parse(s).unwrap().days();
        assert_eq!(days("1970-01-01"), (0, 0));
        assert_eq!(days("2022-09-13"), (19248, 19248));
        assert_eq!(days("2022-09"), (19236, 19265));
        assert_eq!(days("2024-02").1 - days("2024-02").0, 28);
        assert_eq!(days("2022").1 - days("2022").0, 364);
        assert_eq!(
            PartialDate::parse("2022-09-13").unwrap().yyyymmdd(),
            Some(20220913)
        );
        assert_eq!(PartialDate::parse("2022-09").unwrap().yyyymmdd(), None);
    }
}
