//! Nationalities used as actors: "Azerbaijani forces", "Armenian military", "Russian troops"
//! become group mentions; a demonym right before an organization joins it ("Armenian" +
//! "Ministry of Defense"). Other nationality words are not entities of their own.

use super::mention::{Mention, MentionKind};
use super::world::World;
use crate::text::spans::Covered;
use regex::Regex;
use std::sync::LazyLock;

/// Collective nouns that make a nationality an actor, with the CAMEO role they imply.
pub const GROUP_NOUNS: &[(&str, &str)] = &[
    ("forces", "MIL"),
    ("troops", "MIL"),
    ("soldiers", "MIL"),
    ("military", "MIL"),
    ("army", "MIL"),
    ("navy", "MIL"),
    ("air force", "MIL"),
    ("servicemen", "MIL"),
    ("artillery", "MIL"),
    ("police", "COP"),
    ("security forces", "COP"),
    ("rebels", "REB"),
    ("insurgents", "REB"),
    ("militants", "REB"),
    ("separatists", "REB"),
    ("fighters", "REB"),
    ("militia", "REB"),
    ("militias", "REB"),
    ("government", "GOV"),
    ("authorities", "GOV"),
    ("officials", "GOV"),
    ("diplomats", "GOV"),
    ("lawmakers", "LEG"),
    ("parliament", "LEG"),
    ("opposition", "OPP"),
    ("protesters", "CVL"),
    ("demonstrators", "CVL"),
    ("civilians", "CVL"),
    ("refugees", "REF"),
];

static CAPITALISED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)\p{Lu}[\p{L}-]+").unwrap());

/// The role a group noun implies ("forces" → MIL).
pub fn group_role(noun: &str) -> Option<&'static str> {
    GROUP_NOUNS
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(noun))
        .map(|(_, role)| *role)
}

/// Adds group mentions, extends organizations over a leading demonym, and drops the tagger's
/// other `Misc` mentions. Returns mentions sorted by position, without overlaps.
pub fn refine(text: &str, mut mentions: Vec<Mention>, world: &dyn World) -> Vec<Mention> {
    let mut groups = Vec::new();
    let organizations = Covered::new(
        mentions
            .iter()
            .filter(|o| o.kind == MentionKind::Organization)
            .map(|o| [o.start, o.end]),
    );
    for m in CAPITALISED.find_iter(text) {
        if world.country_by_demonym(m.as_str()).is_none() {
            continue;
        }
        let rest = &text[m.end()..];
        let Some(after_space) = rest.strip_prefix(' ') else {
            continue;
        };
        let noun = GROUP_NOUNS
            .iter()
            .map(|(n, _)| *n)
            .filter(|n| {
                after_space
                    .get(..n.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(n))
                    && !after_space[n.len()..].starts_with(|c: char| c.is_alphanumeric())
            })
            .max_by_key(|n| n.len());
        if let Some(noun) = noun {
            let end = m.end() + 1 + noun.len();
            // "the Armenian Defense Ministry" is an organization, not a group; let it be.
            if !organizations.overlaps(m.start(), end) {
                groups.push(Mention::new(m.start(), end, MentionKind::Group));
            }
        }
    }
    for org in mentions
        .iter_mut()
        .filter(|m| m.kind == MentionKind::Organization)
    {
        let before = &text[..org.start];
        if let Some(word) = before
            .strip_suffix(' ')
            .and_then(|b| b.rsplit([' ', '\n']).next())
            && !word.is_empty()
            && world.country_by_demonym(word).is_some()
        {
            org.start -= word.len() + 1;
        }
    }
    let grouped = Covered::new(groups.iter().map(|g| [g.start, g.end]));
    mentions.retain(|m| m.kind != MentionKind::Misc && !grouped.overlaps(m.start, m.end));
    mentions.extend(groups);
    mentions.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    // Keep the first of overlapping mentions (the longest at a position).
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if out.last().is_none_or(|last| last.end <= m.start) {
            out.push(m);
        }
    }
    out
}

/// Loads this module's tables ahead of first use (see `Stage::preloads`).
pub(crate) fn preload() {
    LazyLock::force(&CAPITALISED);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::world::tests::TinyWorld;

    #[test]
    fn nationality_with_a_group_noun_is_a_group() {
        let text = "Azerbaijani forces shelled the town, Armenian officials said; Azerbaijani diplomacy went on.";
        let misc = Mention::new(0, 11, MentionKind::Misc);
        let got = refine(text, vec![misc], &TinyWorld);
        let names: Vec<&str> = got.iter().map(|m| m.text(text)).collect();
        assert_eq!(names, vec!["Azerbaijani forces", "Armenian officials"]);
        assert!(got.iter().all(|m| m.kind == MentionKind::Group));
    }

    #[test]
    fn accented_words_after_a_demonym_do_not_break_it() {
        let text = "the German island Rügen and the Romanian county Brăila";
        assert!(refine(text, vec![], &TinyWorld).is_empty());
    }

    #[test]
    fn demonym_joins_the_organization_it_qualifies() {
        let text = "the Armenian Ministry of Defense said";
        let org = Mention::new(13, 32, MentionKind::Organization);
        let got = refine(text, vec![org], &TinyWorld);
        assert_eq!(got[0].text(text), "Armenian Ministry of Defense");
    }
}
