//! ISO dates at any precision as day ranges, so reports can be compared by overlap.

/// The days (since 1970-01-01) an ISO date at its precision covers: "2022-09-13" one day,
/// "2022-09" thirty, "2022" a year. `None` for anything else ("199X", junk).
pub fn range(iso: &str) -> Option<(i64, i64)> {
    let iso = iso.get(..10.min(iso.len()))?;
    let mut parts = iso.split('-');
    let year: i64 = parse(parts.next()?, 4)?;
    let Some(month) = parts.next() else {
        return Some((day(year, 1, 1), day(year, 12, 31)));
    };
    let month: u32 = parse(month, 2)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let last = month_len(year, month);
    let Some(d) = parts.next() else {
        return Some((day(year, month, 1), day(year, month, last)));
    };
    let d: u32 = parse(d, 2)?;
    (1..=last)
        .contains(&d)
        .then(|| (day(year, month, d), day(year, month, d)))
}

fn parse<T: std::str::FromStr>(s: &str, len: usize) -> Option<T> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn month_len(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`):
/// plain arithmetic, cheaper than building a calendar value per report.
fn day(year: i64, month: u32, d: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::range;

    #[test]
    fn precisions() {
        assert_eq!(range("1970-01-01"), Some((0, 0)));
        assert_eq!(range("2022-09-13"), Some((19248, 19248)));
        assert_eq!(range("2022-09"), Some((19236, 19265)));
        assert_eq!(range("2024-02").map(|(a, b)| b - a + 1), Some(29));
        assert_eq!(range("2022").map(|(a, b)| b - a + 1), Some(365));
        assert_eq!(range("2022-09-13T10:00:00Z"), Some((19248, 19248)));
        assert_eq!(range("199X"), None);
        assert_eq!(range("2022-13"), None);
        assert_eq!(range("2022-02-30"), None);
        assert_eq!(range(""), None);
    }
}
