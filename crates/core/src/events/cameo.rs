//! CAMEO code tables: the PLOVER type and mode of a code (CAMEO2PLOVER-2021), GDELT's Goldstein
//! scale and the QuadClass. Tables live in `data/events/` with their sources.

use std::collections::HashMap;
use std::sync::LazyLock;

/// What PLOVER makes of one CAMEO code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plover {
    pub event: &'static str,
    /// The PLOVER mode the code implies ("phone", "ceasefire", "aerial"…), if any.
    pub mode: Option<&'static str>,
}

static PLOVER: LazyLock<HashMap<&'static str, Plover>> = LazyLock::new(|| {
    let mut table = HashMap::new();
    for line in include_str!("../../../../data/events/CAMEO2PLOVER-2021.txt").lines() {
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        let code = code.trim();
        if code.starts_with('#') || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let fields: Vec<&str> = rest
            .split('#')
            .next()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .collect();
        let Some(&event) = fields.first().filter(|e| !e.is_empty()) else {
            continue;
        };
        let mode = fields.get(1).copied().filter(|m| !m.is_empty());
        // Root 08 is listed twice (CONCEDE, then RETREAT); its codes say which, the root keeps
        // the first.
        table.entry(code).or_insert(Plover { event, mode });
    }
    // CAMEO2PLOVER has no 02 rows: PLOVER's REQUEST covers appeals as well as demands
    // (data/events/README.md).
    table.insert(
        "02",
        Plover {
            event: "REQUEST",
            mode: None,
        },
    );
    table
});

static GOLDSTEIN: LazyLock<HashMap<&'static str, f32>> = LazyLock::new(|| {
    include_str!("../../../../data/events/goldstein.tsv")
        .lines()
        .skip(1)
        .filter_map(|line| {
            let (code, score) = line.split_once('\t')?;
            Some((code, score.trim().parse().ok()?))
        })
        .collect()
});

/// The first two digits: the CAMEO root ("0871" → "08").
pub fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

/// The PLOVER type and mode of `code`, from its most specific row. CAMEO 01 (statements) has
/// none: PLOVER does not code them.
pub fn plover(code: &str) -> Option<Plover> {
    (2..=code.len())
        .rev()
        .find_map(|len| PLOVER.get(code.get(..len)?).copied())
}

/// Every PLOVER event type a CAMEO code maps to, sorted (what `--type` accepts).
pub fn plover_types() -> Vec<&'static str> {
    let mut types: Vec<&'static str> = PLOVER.values().map(|p| p.event).collect();
    types.sort_unstable();
    types.dedup();
    types
}

/// GDELT's Goldstein score of `code` (−10 … +10), from its most specific row.
pub fn goldstein(code: &str) -> Option<f32> {
    (2..=code.len())
        .rev()
        .find_map(|len| GOLDSTEIN.get(code.get(..len)?).copied())
}

/// The CAMEO root as a number ("0871" → 8).
pub fn root_number(code: &str) -> Option<u8> {
    root(code).parse().ok()
}

/// Force used: 18 assault, 19 fight, 20 mass violence.
pub fn violent(code: &str) -> bool {
    matches!(root_number(code), Some(18..=20))
}

/// GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
/// 4 material conflict.
pub fn quad_class(code: &str) -> Option<u8> {
    match root_number(code)? {
        1..=5 => Some(1),
        6..=9 => Some(2),
        10..=14 => Some(3),
        15..=20 => Some(4),
        _ => None,
    }
}

/// Loads this module's tables ahead of first use (see `Stage::preloads`).
pub(crate) fn preload() {
    LazyLock::force(&PLOVER);
    LazyLock::force(&GOLDSTEIN);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plover_types_follow_the_most_specific_row() {
        assert_eq!(
            plover("041"),
            Some(Plover {
                event: "CONSULT",
                mode: Some("phone")
            })
        );
        assert_eq!(
            plover("0871").map(|p| (p.event, p.mode)),
            Some(("RETREAT", Some("ceasefire")))
        );
        assert_eq!(plover("081").unwrap().event, "CONCEDE");
        assert_eq!(plover("163").unwrap().event, "COERCE");
        assert_eq!(plover("1712").unwrap().event, "ASSAULT");
        assert_eq!(plover("195").unwrap().event, "ASSAULT");
        assert_eq!(plover("0211").unwrap().event, "REQUEST");
        assert_eq!(plover("010"), None);
    }

    #[test]
    fn goldstein_and_quad_class() {
        assert_eq!(goldstein("0874"), Some(10.0));
        assert_eq!(goldstein("190"), Some(-10.0));
        assert_eq!(goldstein("1056"), Some(-5.0));
        assert_eq!(quad_class("042"), Some(1));
        assert_eq!(quad_class("0871"), Some(2));
        assert_eq!(quad_class("112"), Some(3));
        assert_eq!(quad_class("195"), Some(4));
        assert_eq!(quad_class("xx"), None);
    }

    #[test]
    fn violence_is_roots_18_to_20() {
        assert!(violent("1831") && violent("190") && violent("2041"));
        assert!(!violent("173") && !violent("---") && !violent(""));
        assert_eq!(root_number("0871"), Some(8));
    }
}
