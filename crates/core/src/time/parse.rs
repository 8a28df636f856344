//! One date written on its own: meta tags, datelines, photo captions.

use super::calendar::{Anchor, When, day_or_month};
use super::find::scan;

/// The date `s` states, at its precision. Machine formats (`2022-09-13`, with or without a
/// time and offset; `2022-09`; `2022`) are read directly; the date part of a timestamp is taken
/// as written, in the publisher's own time zone. Anything else (`Tue, 13 Sep 2022 10:00:00 GMT`,
/// `Sept. 13, 2022`, `13 September 2022`, `09-06-2021` read day-first) goes through the same
/// patterns as running text, and the first absolute date found wins: relative words cannot be
/// resolved without a reference date, so they give nothing.
pub(crate) fn parse_when(s: &str) -> Option<When> {
    let s = s.trim();
    let bytes = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        bytes
            .get(r.clone())
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    let number = |r: std::ops::Range<usize>| s.get(r).and_then(|t| t.parse::<i16>().ok());
    if digits(0..4) {
        let year = number(0..4)?;
        match bytes.len() {
            4 => return Some(When::Year(year)),
            7 if bytes[4] == b'-' && digits(5..7) => {
                let month = number(5..7)? as i8;
                return (1..=12)
                    .contains(&month)
                    .then_some(When::Month(year, month));
            }
            _ => {}
        }
        let dated = bytes.len() >= 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && digits(5..7)
            && digits(8..10);
        if dated && (bytes.len() == 10 || matches!(bytes[10], b'T' | b't' | b' ')) {
            return day_or_month(year, number(5..7)? as i8, number(8..10)? as i8);
        }
    }
    scan(s, Anchor::Unknown).into_iter().next().map(|f| f.when)
}

#[cfg(test)]
mod tests {
    use super::super::parse_date;

    #[test]
    fn machine_and_human_formats() {
        let cases = [
            ("2022-09-13", Some("2022-09-13")),
            ("2022-09-13T10:00:00Z", Some("2022-09-13")),
            ("2022-09-13 10:00:00+02:00", Some("2022-09-13")),
            (" 2022-09 ", Some("2022-09")),
            ("2022", Some("2022")),
            ("Tue, 13 Sep 2022 10:00:00 GMT", Some("2022-09-13")),
            ("Sept. 13, 2022", Some("2022-09-13")),
            ("September 13, 2022", Some("2022-09-13")),
            (
                "Tuesday, September 13th, 2022 at 10:00 a.m.",
                Some("2022-09-13"),
            ),
            ("13 September 2022", Some("2022-09-13")),
            ("Published: 13 Sept 2022", Some("2022-09-13")),
            ("September 2022", Some("2022-09")),
            ("13/09/2022", Some("2022-09-13")),
            ("09/13/2022", Some("2022-09-13")),
            ("09/06/2021", Some("2021")),
            ("09-06-2021", Some("2021-06-09")),
            ("09.06.2021", Some("2021-06-09")),
            (
                "09-06-2021 Azerbaijani troops in the region.",
                Some("2021-06-09"),
            ),
            ("2022/09/13", Some("2022-09-13")),
            ("2022-13-45", None),
            ("yesterday", None),
            ("Sept 13", None),
            ("", None),
            ("not a date", None),
            ("\u{0}\u{fffd}\u{202e}", None),
        ];
        for (input, want) in cases {
            assert_eq!(parse_date(input).as_deref(), want, "{input:?}");
        }
    }
}
