//! Cell-level helpers shared by the tabular writers: separators out of free text, dates in GDELT's
//! compact forms, byte offsets turned into GDELT's character offsets.

use std::borrow::Cow;

/// `text` with tabs, line breaks and other control characters as spaces, and any of `also` (the
/// separators of the cell grammar it is embedded in) as spaces too, so one value can never split a
/// row, a cell or a block.
pub fn clean<'a>(text: &'a str, also: &[char]) -> Cow<'a, str> {
    let bad = |c: char| c.is_control() || also.contains(&c);
    if !text.contains(bad) {
        return Cow::Borrowed(text.trim());
    }
    let replaced: String = text.chars().map(|c| if bad(c) { ' ' } else { c }).collect();
    Cow::Owned(replaced.trim().to_string())
}

/// A free-text cell of a tab-separated file.
pub fn cell(text: &str) -> Cow<'_, str> {
    clean(text, &[])
}

pub fn opt_cell(text: Option<&str>) -> Cow<'_, str> {
    text.map_or(Cow::Borrowed(""), cell)
}

/// A float as its shortest exact decimal form; NaN and infinities (never meaningful here) empty.
pub fn float(x: f64) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

/// An `f32` in its own shortest form: widened to f64 first, 2.8 would print as 2.799999952316284.
pub fn float32(x: f32) -> String {
    if x.is_finite() {
        format!("{x}")
    } else {
        String::new()
    }
}

pub fn opt_float32(x: Option<f32>) -> String {
    x.map_or_else(String::new, float32)
}

/// An `f32` as a JSON number with its shortest decimal form (null when not finite).
pub fn json_f32(x: Option<f32>) -> serde_json::Value {
    x.and_then(|x| float32(x).parse::<f64>().ok())
        .map_or(serde_json::Value::Null, serde_json::Value::from)
}

/// GDELT's `YYYYMMDDHHMMSS` in UTC from an RFC 3339 timestamp, a civil date-time (taken as
/// UTC: no zone known) or a full date (midnight). Anything less precise gives `None`.
pub fn gdelt_timestamp(value: &str) -> Option<String> {
    let value = value.trim();
    let civil = if let Ok(ts) = value.parse::<jiff::Timestamp>() {
        ts.to_zoned_datetime(jiff::tz::TimeZone::UTC).datetime()
    } else if let Ok(dt) = value.parse::<jiff::civil::DateTime>() {
        dt
    } else {
        return None;
    };
    // jiff reads a bare date as a midnight date-time; a year-month is refused above.
    Some(format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}",
        civil.year(),
        civil.month(),
        civil.day(),
        civil.hour(),
        civil.minute(),
        civil.second()
    ))
}

/// Character offsets (what GDELT counts) of byte offsets into one text. Remembers where it last
/// stopped, so offsets asked in increasing order cost one pass over the text.
pub struct CharOffsets<'a> {
    text: &'a [u8],
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    pub fn new(text: &'a str) -> Self {
        CharOffsets {
            text: text.as_bytes(),
            byte: 0,
            chars: 0,
        }
    }

    /// Offsets past the end count to the end; an offset inside a character counts the
    /// characters that start before it.
    pub fn of(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        let is_char_start = |b: &u8| (*b as i8) >= -0x40;
        self.chars += self.text[self.byte..byte]
            .iter()
            .filter(|b| is_char_start(b))
            .count();
        self.byte = byte;
        self.chars
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_removes_separators_and_control_characters() {
        assert_eq!(cell("a\tb\nc\r\u{0}d"), "a b c  d");
        assert_eq!(clean("x#y;z", &['#', ';']), "x y z");
        assert!(matches!(cell("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn f32_values_keep_their_short_form() {
        assert_eq!(float32(2.8), "2.8");
        assert_eq!(json_f32(Some(-4.2)).to_string(), "-4.2");
        assert_eq!(float32(f32::NAN), "");
        assert!(json_f32(Some(f32::INFINITY)).is_null());
    }

    #[test]
    fn timestamps_in_utc() {
        assert_eq!(
            gdelt_timestamp("2022-09-13T10:15:00+02:00").as_deref(),
            Some("20220913081500")
        );
        assert_eq!(
            gdelt_timestamp("2022-09-13T10:15:00Z").as_deref(),
            Some("20220913101500")
        );
        assert_eq!(
            gdelt_timestamp("2022-09-13").as_deref(),
            Some("20220913000000")
        );
        assert_eq!(gdelt_timestamp("2022-09"), None);
        assert_eq!(gdelt_timestamp("junk"), None);
    }

    #[test]
    fn char_offsets_count_characters_not_bytes() {
        let text = "Laçın is in Azərbaycan";
        let mut offsets = CharOffsets::new(text);
        let byte = text.find("is").unwrap();
        assert_eq!(offsets.of(byte), 6);
        assert_eq!(offsets.of(2), 2);
        assert_eq!(
            offsets.of(3),
            3,
            "inside 'ç' counts the characters started before it"
        );
        assert_eq!(offsets.of(10_000), text.chars().count());
    }
}
