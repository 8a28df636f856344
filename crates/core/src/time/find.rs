//! From regex matches to resolved mentions: which form matched, which span it covers, and what
//! it means once anchored to the publication date.

use super::calendar::{
    Anchor, Direction, When, add_days, add_months, day_or_month, month_near, nearest_year,
    weekday_near,
};
use super::context::{bare_year, future_clause, future_follows, habitual, part_of_a_name};
use super::pattern::DATE_RE;
use jiff::civil::Weekday;
use regex::Captures;

/// One expression found: `start..end` is the span of `text` it covers.
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub when: When,
}

pub(crate) fn scan(text: &str, anchor: Anchor) -> Vec<Found> {
    DATE_RE
        .captures_iter(text)
        .filter_map(|caps| classify(text, &caps, anchor))
        .filter(|f| f.when.in_calendar())
        .collect()
}

fn classify(text: &str, caps: &Captures, anchor: Anchor) -> Option<Found> {
    let whole = caps.get(0)?;
    let found = |start: usize, end: usize, when: When| Some(Found { start, end, when });
    let num = |name: &str| caps.name(name).and_then(|m| m.as_str().parse::<i16>().ok());

    if let Some(m) = caps.name("iso") {
        // A longer run of digits is not a date ("2022-09-131").
        if text.as_bytes().get(m.end()).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let v = numbers(m.as_str());
        return found(
            m.start(),
            m.end(),
            day_or_month(v[0], v[1] as i8, v[2] as i8)?,
        );
    }
    if let Some(m) = caps.name("ymd") {
        let v = numbers(m.as_str());
        return found(
            m.start(),
            m.end(),
            day_or_month(v[0], v[1] as i8, v[2] as i8)?,
        );
    }
    if let Some(m) = caps.name("dmy") {
        return found(m.start(), m.end(), numeric_day_first(m.as_str())?);
    }
    if let Some(m) = caps.name("m").or_else(|| caps.name("m2")) {
        let month = month_number(m.as_str())?;
        let day = num("d").or_else(|| num("d2"));
        let year = num("y").or_else(|| num("y2")).or_else(|| num("my"));
        let pre = caps.name("pre").or_else(|| caps.name("pre2"));
        let weekday = caps.name("wd").or_else(|| caps.name("wd2"));
        let when = match (day, year) {
            (Some(d), Some(y)) => day_or_month(y, month, d as i8)?,
            (None, Some(y)) => When::Month(y, month),
            (Some(d), None) => match anchor {
                Anchor::Day(a) => When::Day(nearest_year(a, month, d as i8)?),
                Anchor::Month(y, _) | Anchor::Year(y) => day_or_month(y, month, d as i8)?,
                Anchor::Unknown => return None,
            },
            (None, None) => {
                // A month alone is a date only after a word that makes it one ("in May").
                let modifier = pre?.as_str();
                if weekday.is_some() {
                    return None;
                }
                // "this December" is the one of the publication year, before or after.
                let dir = direction(modifier, text, whole.start(), Direction::Same);
                let (y, m) = match (anchor.month(), anchor.year()) {
                    (Some((y, m)), _) => month_near(y, m, month, dir),
                    (None, Some(y))
                        if matches!(
                            dir,
                            Direction::OnOrBefore | Direction::OnOrAfter | Direction::Same
                        ) =>
                    {
                        (y, month)
                    }
                    _ => return None,
                };
                return found(whole.start(), whole.end(), When::Month(y, m));
            }
        };
        // The span of an absolute date leaves out its preposition, but keeps its weekday.
        let first = caps.name("d2").map_or(m.start(), |d| d.start());
        let start = weekday.map_or(first, |w| w.start());
        return found(start, whole.end(), when);
    }
    if let Some(m) = caps.name("wd3") {
        let weekday = weekday_of(m.as_str())?;
        if caps.name("wmod").is_none() && part_of_a_name(text, m.start(), true) {
            return None;
        }
        let modifier = caps.name("wmod").map_or("", |w| w.as_str());
        if habitual(text, whole.start(), modifier) {
            return None;
        }
        let dir = match direction(modifier, text, whole.start(), Direction::OnOrBefore) {
            Direction::OnOrBefore if future_follows(text, whole.end()) => Direction::OnOrAfter,
            dir => dir,
        };
        let day = weekday_near(anchor.day()?, weekday, dir)?;
        return found(whole.start(), whole.end(), When::Day(day));
    }
    if let Some(m) = caps.name("rel") {
        if m.as_str().starts_with('T') && part_of_a_name(text, m.start(), false) {
            return None;
        }
        let a = anchor.day()?;
        let lower = m.as_str().to_ascii_lowercase();
        let offset = if lower.contains("before") {
            -2
        } else if lower.contains("after") {
            2
        } else if lower.starts_with("yesterday") || lower.starts_with("last") {
            -1
        } else if lower.starts_with("tomorrow") {
            1
        } else {
            0
        };
        return found(m.start(), m.end(), When::Day(add_days(a, offset)?));
    }
    if let (Some(m), Some(unit)) = (caps.name("rmod"), caps.name("unit")) {
        let delta: i32 = match m.as_str().to_ascii_lowercase().as_str() {
            "last" => -1,
            "next" => 1,
            _ => 0,
        };
        let when = match unit.as_str().to_ascii_lowercase().as_str() {
            "week" => When::Week(add_days(anchor.day()?, i64::from(delta) * 7)?),
            "month" => {
                let (y, mo) = anchor.month()?;
                let (y, mo) = add_months(y, mo, delta)?;
                When::Month(y, mo)
            }
            _ => When::Year(anchor.year()?.checked_add(delta as i16)?),
        };
        return found(whole.start(), whole.end(), when);
    }
    if let (Some(n), Some(unit)) = (caps.name("n"), caps.name("agounit")) {
        let n = i32::from(count_word(n.as_str())?);
        let when = match unit.as_str().to_ascii_lowercase().as_str() {
            "day" => When::Day(add_days(anchor.day()?, -i64::from(n))?),
            "week" => When::Week(add_days(anchor.day()?, -7 * i64::from(n))?),
            "month" => {
                let (y, mo) = anchor.month()?;
                let (y, mo) = add_months(y, mo, -n)?;
                When::Month(y, mo)
            }
            _ => When::Year(anchor.year()?.checked_sub(n as i16)?),
        };
        return found(whole.start(), whole.end(), when);
    }
    if caps.name("decade").is_some() || caps.name("short").is_some() {
        let start = if let Some(m) = caps.name("short") {
            // "rock'90s" is not a decade: the apostrophe must open a word.
            if text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
            {
                return None;
            }
            let yy: i16 = m.as_str()[m.as_str().len() - 2..].parse().ok()?;
            short_decade(yy, anchor.year())
        } else {
            let year = num("decade")?;
            // "the 1800s" is a century; "the 2000s" is, in today's usage, a decade.
            if year % 100 == 0 && year < 2000 {
                return found(whole.start(), whole.end(), When::Century(year));
            }
            year
        };
        return found(whole.start(), whole.end(), When::Decade(start));
    }
    if let Some(n) = num("century") {
        if !(1..=21).contains(&n) {
            return None;
        }
        return found(whole.start(), whole.end(), When::Century((n - 1) * 100));
    }
    if let Some(m) = caps.name("year") {
        let year = bare_year(text, m.start(), m.end())?;
        return found(m.start(), m.end(), When::Year(year));
    }
    None
}

/// The integers of a numeric date, in order ("2022-09-13" → [2022, 9, 13]).
fn numbers(s: &str) -> [i16; 3] {
    let mut out = [0; 3];
    for (slot, part) in out.iter_mut().zip(s.split(['-', '.', '/'])) {
        *slot = part.parse().unwrap_or(0);
    }
    out
}

/// `dd-mm-yyyy` and `dd.mm.yyyy` are read day-first, the convention of agencies outside the
/// US, whose photo captions carry them. With a slash the US writes month first and others day
/// first, so an ambiguous `09/06/2021` gives only its year; an unambiguous one (`13/09/2022`,
/// `09/13/2022`) gives its day. A day-first reading that is impossible falls back to month-first.
pub(crate) fn numeric_day_first(s: &str) -> Option<When> {
    let separators: Vec<char> = s.chars().filter(|c| matches!(c, '-' | '.' | '/')).collect();
    if separators.len() != 2 || separators[0] != separators[1] {
        return None;
    }
    let [a, b, y] = numbers(s);
    let (a, b) = (a as i8, b as i8);
    let day_first = day_or_month(y, b, a).filter(|w| matches!(w, When::Day(_)));
    let month_first = day_or_month(y, a, b).filter(|w| matches!(w, When::Day(_)));
    match (separators[0], day_first, month_first) {
        ('/', Some(d), Some(m)) if d != m => Some(When::Year(y)),
        (_, Some(d), _) => Some(d),
        (_, None, Some(m)) => Some(m),
        _ => None,
    }
}

pub(crate) fn month_number(name: &str) -> Option<i8> {
    let lower = name.get(..3)?.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months.iter().position(|m| *m == lower).map(|i| i as i8 + 1)
}

fn weekday_of(name: &str) -> Option<Weekday> {
    let lower = name.get(..3)?.to_ascii_lowercase();
    Some(match lower.as_str() {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// "last" looks back, "next" forward; otherwise the tense of the clause decides: news reports
/// the past, so the default is the most recent occurrence on or before publication. "this
/// Monday" counts as past too, because copy translated from Spanish or French uses it for a day
/// earlier in the current week.
fn direction(modifier: &str, text: &str, start: usize, this: Direction) -> Direction {
    match modifier.to_ascii_lowercase().as_str() {
        "last" | "past" | "previous" => Direction::Before,
        "next" | "coming" => Direction::After,
        _ if future_clause(text, start) => Direction::OnOrAfter,
        "this" => this,
        _ => Direction::OnOrBefore,
    }
}

fn count_word(word: &str) -> Option<u16> {
    let words = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    let lower = word.to_ascii_lowercase();
    if lower == "a" || lower == "an" {
        return Some(1);
    }
    if let Some(i) = words.iter().position(|w| *w == lower) {
        return Some(i as u16 + 1);
    }
    lower.parse().ok()
}

/// "the '90s": the decade of that name nearest before publication (or before 2030 when the
/// publication year is unknown).
fn short_decade(yy: i16, published_year: Option<i16>) -> i16 {
    let reference = published_year.unwrap_or(2029);
    let candidate = reference - reference.rem_euclid(100) + yy;
    if candidate > reference {
        candidate - 100
    } else {
        candidate
    }
}
