//! Calendar values at the precision a text states them, and the arithmetic that resolves
//! relative expressions against the publication date.
//!
//! jiff does the day arithmetic, but has no partial date ("2022-09", "199X"), so partial values
//! are our own small enum.

use jiff::Span;
use jiff::civil::{Date, Weekday};

/// A point in time as precise as the text makes it, never more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum When {
    Day(Date),
    /// The ISO week containing this day.
    Week(Date),
    Month(i16, i8),
    Year(i16),
    /// First year of the decade: 1990 for "the 1990s".
    Decade(i16),
    /// First year of the century: 1900 for "the 20th century".
    Century(i16),
}

impl When {
    /// Whether the value can be written as a four-digit ISO year (arithmetic near the ends of
    /// the calendar can step outside it).
    pub(crate) fn in_calendar(self) -> bool {
        match self {
            When::Month(y, _) | When::Year(y) | When::Decade(y) | When::Century(y) => {
                (1..=9999).contains(&y)
            }
            When::Day(_) | When::Week(_) => true,
        }
    }

    pub(crate) fn iso(self) -> String {
        match self {
            When::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            When::Week(d) => {
                let w = d.iso_week_date();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            When::Month(y, m) => format!("{y:04}-{m:02}"),
            When::Year(y) => format!("{y:04}"),
            When::Decade(y) => format!("{:03}X", y / 10),
            When::Century(y) => format!("{:02}XX", y / 100),
        }
    }
}

/// Month-or-day validated constructor: a day that does not exist degrades to its month.
pub(crate) fn day_or_month(year: i16, month: i8, day: i8) -> Option<When> {
    if !(1..=12).contains(&month) {
        return None;
    }
    Some(match Date::new(year, month, day) {
        Ok(d) => When::Day(d),
        Err(_) => When::Month(year, month),
    })
}

/// What the publication date tells us, at its own precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    Day(Date),
    Month(i16, i8),
    Year(i16),
    Unknown,
}

impl Anchor {
    pub(crate) fn from_published(published: Option<&str>) -> Anchor {
        match published.and_then(super::parse::parse_when) {
            Some(When::Day(d)) => Anchor::Day(d),
            Some(When::Month(y, m)) => Anchor::Month(y, m),
            Some(When::Year(y)) => Anchor::Year(y),
            _ => Anchor::Unknown,
        }
    }

    pub(crate) fn day(self) -> Option<Date> {
        match self {
            Anchor::Day(d) => Some(d),
            _ => None,
        }
    }

    pub(crate) fn month(self) -> Option<(i16, i8)> {
        match self {
            Anchor::Day(d) => Some((d.year(), d.month())),
            Anchor::Month(y, m) => Some((y, m)),
            _ => None,
        }
    }

    pub(crate) fn year(self) -> Option<i16> {
        match self {
            Anchor::Day(d) => Some(d.year()),
            Anchor::Month(y, _) => Some(y),
            Anchor::Year(y) => Some(y),
            Anchor::Unknown => None,
        }
    }
}

/// Which occurrence of a weekday or month a phrase means, relative to publication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// "last Friday": strictly before.
    Before,
    /// "on Friday", "this Friday" in past-tense copy: on or before.
    OnOrBefore,
    /// "on Friday" after "will": on or after.
    OnOrAfter,
    /// "next Friday": strictly after.
    After,
    /// "this September": the one in the publication year.
    Same,
}

pub(crate) fn add_days(date: Date, days: i64) -> Option<Date> {
    date.checked_add(Span::new().try_days(days).ok()?).ok()
}

pub(crate) fn weekday_near(anchor: Date, wd: Weekday, dir: Direction) -> Option<Date> {
    let forward = i64::from(anchor.weekday().until(wd)); // 0..=6
    let backward = i64::from(wd.until(anchor.weekday())); // 0..=6
    let offset = match dir {
        Direction::Before => -(if backward == 0 { 7 } else { backward }),
        Direction::OnOrBefore | Direction::Same => -backward,
        Direction::OnOrAfter => forward,
        Direction::After => {
            if forward == 0 {
                7
            } else {
                forward
            }
        }
    };
    add_days(anchor, offset)
}

pub(crate) fn month_near(year: i16, month: i8, target: i8, dir: Direction) -> (i16, i8) {
    let y = match dir {
        Direction::Before => year - i16::from(target >= month),
        Direction::OnOrBefore => year - i16::from(target > month),
        Direction::OnOrAfter => year + i16::from(target < month),
        Direction::After => year + i16::from(target <= month),
        Direction::Same => year,
    };
    (y, target)
}

pub(crate) fn add_months(year: i16, month: i8, delta: i32) -> Option<(i16, i8)> {
    let index = i32::from(year) * 12 + i32::from(month) - 1 + delta;
    let y = i16::try_from(index.div_euclid(12)).ok()?;
    Some((y, (index.rem_euclid(12) + 1) as i8))
}

/// The year of a day-and-month written without one ("Sept 13"): the occurrence nearest the
/// publication date, where a date after publication counts as twice as far, since news
/// mostly reports what has happened.
pub(crate) fn nearest_year(anchor: Date, month: i8, day: i8) -> Option<Date> {
    let mut best: Option<(i64, Date)> = None;
    for y in [anchor.year() - 1, anchor.year(), anchor.year() + 1] {
        let Ok(candidate) = Date::new(y, month, day) else {
            continue;
        };
        let Ok(span) = anchor.until(candidate) else {
            continue;
        };
        let days = i64::from(span.get_days());
        let cost = if days > 0 { days * 2 } else { -days };
        if best.is_none_or(|(c, _)| cost < c) {
            best = Some((cost, candidate));
        }
    }
    best.map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn iso_forms() {
        assert_eq!(When::Day(date(2022, 9, 3)).iso(), "2022-09-03");
        assert_eq!(When::Week(date(2022, 9, 13)).iso(), "2022-W37");
        assert_eq!(When::Week(date(2021, 1, 2)).iso(), "2020-W53");
        assert_eq!(When::Month(2022, 9).iso(), "2022-09");
        assert_eq!(When::Decade(1990).iso(), "199X");
        assert_eq!(When::Century(1900).iso(), "19XX");
    }

    #[test]
    fn weekdays_around_a_tuesday() {
        let tue = date(2022, 9, 13);
        let near = |wd, dir| weekday_near(tue, wd, dir).unwrap();
        assert_eq!(
            near(Weekday::Monday, Direction::OnOrBefore),
            date(2022, 9, 12)
        );
        assert_eq!(near(Weekday::Tuesday, Direction::OnOrBefore), tue);
        assert_eq!(near(Weekday::Tuesday, Direction::Before), date(2022, 9, 6));
        assert_eq!(
            near(Weekday::Wednesday, Direction::OnOrBefore),
            date(2022, 9, 7)
        );
        assert_eq!(near(Weekday::Tuesday, Direction::After), date(2022, 9, 20));
        assert_eq!(
            near(Weekday::Friday, Direction::OnOrAfter),
            date(2022, 9, 16)
        );
    }

    #[test]
    fn months_and_years() {
        assert_eq!(month_near(2022, 9, 9, Direction::OnOrBefore), (2022, 9));
        assert_eq!(month_near(2022, 9, 10, Direction::OnOrBefore), (2021, 10));
        assert_eq!(month_near(2022, 9, 9, Direction::Before), (2021, 9));
        assert_eq!(month_near(2022, 9, 3, Direction::After), (2023, 3));
        assert_eq!(add_months(2022, 1, -1), Some((2021, 12)));
        assert_eq!(add_months(2022, 9, -14), Some((2021, 7)));
        assert_eq!(
            nearest_year(date(2022, 9, 13), 12, 1),
            Some(date(2022, 12, 1))
        );
        assert_eq!(
            nearest_year(date(2022, 12, 28), 1, 3),
            Some(date(2023, 1, 3))
        );
        assert_eq!(
            nearest_year(date(2022, 1, 5), 12, 20),
            Some(date(2021, 12, 20))
        );
        assert_eq!(day_or_month(2022, 2, 30), Some(When::Month(2022, 2)));
        assert_eq!(day_or_month(2022, 13, 1), None);
    }
}
