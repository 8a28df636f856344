//! Name keys and dated CAMEO codes, shared by the build and the runtime tables.

use crate::text::fold;
use std::borrow::Cow;

/// The key a name is stored and looked up under: folded (lower case, no accents), `_` and `-`
/// read as spaces, runs of spaces collapsed, a leading "the" dropped. "THE_UNITED_STATES_",
/// "the United States" and "United  States" share the key `united states`.
pub fn name_key(name: &str) -> String {
    let folded = fold(name);
    let mut key = String::with_capacity(folded.len());
    for word in folded
        .split(|c: char| c == '_' || c == '-' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        if key.is_empty() && word == "the" {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(word);
    }
    key
}

/// A CAMEO code with the dates (YYYYMMDD, inclusive) between which it holds. `None` bounds are
/// open; a code with both bounds open and `dated == false` is the entry's default, used when no
/// dated code covers the day asked about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// Borrowed from the embedded table at run time, owned when read from PETRARCH's files.
    pub code: Cow<'static, str>,
    pub from: Option<u32>,
    pub until: Option<u32>,
    pub dated: bool,
}

impl DatedCode {
    /// The stored form: `CODE` when undated, else `CODE/from/until` with empty open bounds.
    pub fn encode(&self) -> String {
        if !self.dated {
            return self.code.to_string();
        }
        let bound = |d: Option<u32>| d.map(|d| d.to_string()).unwrap_or_default();
        format!("{}/{}/{}", self.code, bound(self.from), bound(self.until))
    }

    pub fn decode(s: &'static str) -> Option<DatedCode> {
        let mut parts = s.split('/');
        let code = Cow::Borrowed(parts.next()?);
        let Some(from) = parts.next() else {
            return Some(DatedCode {
                code,
                from: None,
                until: None,
                dated: false,
            });
        };
        let until = parts.next()?;
        Some(DatedCode {
            code,
            from: from.parse().ok(),
            until: until.parse().ok(),
            dated: true,
        })
    }

    pub fn covers(&self, day: u32) -> bool {
        self.dated && self.from.is_none_or(|f| f <= day) && self.until.is_none_or(|u| day <= u)
    }
}

/// The code that holds on `day` (YYYYMMDD): among the dated codes covering it, the one that began
/// last (the most specific); else the undated default. Without a day: the code still open at the
/// dictionary's end (latest start), else the default, else the code that ended last.
pub fn code_on(codes: &[DatedCode], day: Option<u32>) -> Option<&DatedCode> {
    let default = codes.iter().find(|c| !c.dated);
    match day {
        Some(day) => codes
            .iter()
            .filter(|c| c.covers(day))
            .max_by_key(|c| c.from.unwrap_or(0))
            .or(default),
        None => codes
            .iter()
            .filter(|c| c.dated && c.until.is_none())
            .max_by_key(|c| c.from.unwrap_or(0))
            .or(default)
            .or_else(|| codes.iter().max_by_key(|c| c.until.unwrap_or(0))),
    }
}

/// An ISO date (`2022-09-13`, optionally followed by a time) or `20220913` as YYYYMMDD.
pub fn parse_day(iso: &str) -> Option<u32> {
    crate::record::PartialDate::parse_compact_or_iso(iso)?.yyyymmdd()
}

/// Whether `code` is made of whole 3-letter upper-case segments (`GOV`, `USAGOVMIL`).
pub fn is_code(code: &str) -> bool {
    !code.is_empty() && code.len().is_multiple_of(3) && code.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dated(code: &'static str, from: Option<u32>, until: Option<u32>) -> DatedCode {
        DatedCode {
            code: code.into(),
            from,
            until,
            dated: true,
        }
    }

    #[test]
    fn keys_fold_joiners_and_the() {
        assert_eq!(name_key("THE_UNITED_STATES_"), "united states");
        assert_eq!(name_key("  the  Secretary-General "), "secretary general");
        assert_eq!(name_key("Ter-Petrosyan"), "ter petrosyan");
        assert_eq!(name_key("Théâtre"), "theatre");
        assert_eq!(name_key(""), "");
    }

    #[test]
    fn dated_codes_pick_the_one_in_force() {
        let codes = vec![
            dated("AZEELI", Some(19780101), Some(20030804)),
            dated("AZEGOV", Some(20030804), Some(20031104)),
            dated("AZEGOV", Some(20031031), None),
            DatedCode {
                code: "AZEELI".into(),
                from: None,
                until: None,
                dated: false,
            },
        ];
        assert_eq!(code_on(&codes, Some(20220913)).unwrap().code, "AZEGOV");
        assert_eq!(code_on(&codes, Some(19990101)).unwrap().code, "AZEELI");
        assert_eq!(code_on(&codes, Some(19500101)).unwrap().code, "AZEELI");
        assert_eq!(code_on(&codes, None).unwrap().code, "AZEGOV");
        let ended = vec![dated("ARMGOV", Some(19900804), Some(19980203))];
        assert_eq!(code_on(&ended, Some(20220101)), None);
        assert_eq!(code_on(&ended, None).unwrap().code, "ARMGOV");
    }

    #[test]
    fn codes_round_trip() {
        for c in [
            dated("USAGOV", Some(20090120), None),
            dated("USRARM", None, Some(19900823)),
        ] {
            let encoded: &'static str = c.encode().leak();
            assert_eq!(DatedCode::decode(encoded), Some(c));
        }
        assert!(!DatedCode::decode("ARM").unwrap().dated);
    }

    #[test]
    fn days_parse_or_refuse() {
        assert_eq!(parse_day("2022-09-13"), Some(20220913));
        assert_eq!(parse_day("2022-09-13T10:00:00Z"), Some(20220913));
        assert_eq!(parse_day("20220913"), Some(20220913));
        assert_eq!(parse_day("2022-13-01"), None);
        assert_eq!(parse_day("soon"), None);
    }
}
