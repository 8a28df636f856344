//! Wire agencies credited in an article, under canonical names.
//!
//! The table lives in `data/agencies.tsv` so it can grow without code changes.

use regex::{Regex, RegexSet};
use std::sync::{LazyLock, OnceLock};

struct Agencies {
    names: Vec<&'static str>,
    any: RegexSet,
    /// Each agency's own pattern, to find where it is credited; compiled the first time the
    /// set says it matches (most never do, and compiling them all doubled start-up).
    each: Vec<(String, OnceLock<Regex>)>,
}

static AGENCIES: LazyLock<Agencies> = LazyLock::new(|| {
    let mut names = Vec::new();
    let mut patterns = Vec::new();
    for line in include_str!("../../../../data/agencies.tsv").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let (name, pattern) = line.split_once('\t').expect("agencies.tsv: name<TAB>regex");
        names.push(name);
        // ASCII word boundaries keep the regex engine on its fast DFA path on non-ASCII text.
        patterns.push(pattern.replace(r"\b", r"(?-u:\b)"));
    }
    let any = RegexSet::new(&patterns).expect("agencies.tsv: valid regexes");
    let each = patterns.into_iter().map(|p| (p, OnceLock::new())).collect();
    Agencies { names, any, each }
});

/// The agencies credited in `text`, each once, in order of first mention.
pub fn find(text: &str) -> Vec<&'static str> {
    let agencies = &*AGENCIES;
    let mut found: Vec<(usize, &'static str)> = agencies
        .any
        .matches(text)
        .into_iter()
        .filter_map(|i| {
            let (pattern, regex) = &agencies.each[i];
            // The set compiled the same pattern, so it is valid.
            regex
                .get_or_init(|| Regex::new(pattern).expect("valid in the set"))
                .find(text)
                .map(|m| (m.start(), agencies.names[i]))
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, name)| name).collect()
}

/// Canonical names, each once, keeping the order given.
pub fn dedup(found: impl IntoIterator<Item = &'static str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in found {
        if !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// Loads this module's tables ahead of first use (see `Stage::preloads`).
pub(crate) fn preload() {
    LazyLock::force(&AGENCIES);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_agencies_in_order_under_canonical_names() {
        let text =
            "KYIV (Reuters) - Officials told Agence France-Presse ... (Reporting by AP; with dpa)";
        assert_eq!(find(text), vec!["Reuters", "AFP", "AP", "dpa"]);
    }

    #[test]
    fn acronyms_need_their_case() {
        assert!(find("the map shows efe and afp in lower case, and a DPAD").is_empty());
        assert_eq!(find("(With information from EFE)"), vec!["EFE"]);
    }

    #[test]
    fn region_names_are_not_agencies() {
        assert!(find("Growth in the MENA region and central Anadolu slowed.").is_empty());
        assert_eq!(find("Anadolu Agency reported"), vec!["Anadolu"]);
    }

    #[test]
    fn dedup_keeps_first_order() {
        assert_eq!(dedup(["EFE", "Reuters", "EFE"]), vec!["EFE", "Reuters"]);
    }
}
