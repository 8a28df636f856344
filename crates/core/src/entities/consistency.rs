//! Document-level corrections of the tagger's mentions: what the whole article makes clear
//! about a name that one sentence does not.
//!
//! - A capitalised name right after a title is a person, even when its words are common
//!   nouns the tagger doubts ("the spokesman …, Ned Price,").
//! - A lone name that is the surname of a person named in full elsewhere is that person, not
//!   an organization ("Blinken stressed …").
//! - Lone names listed with places ("the Dashkesán, Kelbajár and Lachin directions") are places.

use super::mention::{Mention, MentionKind};
use super::titles;
use crate::record::Span;
use crate::text::fold;
use crate::text::spans::Covered;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashSet;
use std::sync::LazyLock;

/// Title heads, found case-insensitively. A regex with the names after them was tried first;
/// its automaton was too large for the regex engine's cache and cost most of the stage.
static HEADS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let heads: Vec<String> = titles::heads().map(|h| h.join(" ")).collect();
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(heads)
        .expect("title heads")
});

pub fn correct(text: &str, mut mentions: Vec<Mention>) -> Vec<Mention> {
    for m in &mut mentions {
        trim(text, m);
    }
    mentions.retain(|m| m.start < m.end);
    add_titled_names(text, &mut mentions);
    mentions.sort_by_key(|m| m.start);
    acronyms_take_their_names_kind(text, &mut mentions);
    surnames_are_persons(text, &mut mentions);
    listed_with_places(text, &mut mentions);
    mentions
}

fn add_titled_names(text: &str, mentions: &mut Vec<Mention>) {
    // A name added here only displaces mentions that are not persons, so the persons to stay
    // clear of are the tagger's and those added before. Names come almost always in text
    // order, so the furthest end added so far settles most checks without a scan.
    let persons = Covered::new(
        mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Person)
            .map(|m| [m.start, m.end]),
    );
    let mut added: Vec<Span> = Vec::new();
    let mut added_end = 0;
    for head in HEADS.find_iter(text) {
        let before = text[..head.start()].chars().next_back();
        let after = text[head.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        let Some((start, end)) = name_after_title(text, head.end()) else {
            continue;
        };
        let name = &text[start..end];
        let names_a_body = name.split_whitespace().any(|w| {
            let w = fold(w);
            crate::lang::en::not_name_words().contains(&w.as_str())
                || titles::heads().any(|h| h.len() == 1 && h[0] == w)
        });
        let overlaps_added = added_end > start && added.iter().any(|a| a[0] < end && start < a[1]);
        if names_a_body || persons.overlaps(start, end) || overlaps_added {
            continue;
        }
        added.push([start, end]);
        added_end = added_end.max(end);
    }
    let displaced = Covered::new(added.iter().copied());
    mentions.retain(|m| !displaced.overlaps(m.start, m.end));
    mentions.extend(
        added
            .into_iter()
            .map(|[start, end]| Mention::new(start, end, MentionKind::Person)),
    );
}

/// The name after a title head ending at `from`: past an optional "of/for [the] Body" and an
/// optional comma, two or three capitalised words that end there (punctuation or a lower-case
/// word follows).
fn name_after_title(text: &str, from: usize) -> Option<(usize, usize)> {
    let mut at = from;
    let rest = &text[at..];
    let mut body_words = Vec::new();
    for link in [" of the ", " for the ", " of ", " for "] {
        if rest.starts_with(link) {
            at += link.len();
            body_words = capitalised_words(text, at);
            break;
        }
    }
    let mut words = if let Some(&(_, body_end)) = body_words.last() {
        // Without a comma the body and the name cannot be told apart ("Chief of Regional
        // Animal Disease and …"); the tagger has to find such names.
        if !text[body_end..].starts_with(", ") {
            return None;
        }
        capitalised_words(text, body_end + 2)
    } else {
        let gap = if text[at..].starts_with(", ") {
            2
        } else if text[at..].starts_with(' ') {
            1
        } else {
            return None;
        };
        capitalised_words(text, at + gap)
    };
    words.truncate(3);
    if words.len() < 2 {
        return None;
    }
    let (start, end) = (words[0].0, words.last()?.1);
    let after = &text[end..];
    let ends = after.is_empty()
        || after.starts_with([',', '.', ';', ':', ')'])
        || after
            .strip_prefix(' ')
            .is_some_and(|a| a.starts_with(|c: char| c.is_lowercase()));
    ends.then_some((start, end))
}

/// Capitalised words from `at`, separated by single spaces: their spans.
fn capitalised_words(text: &str, mut at: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    loop {
        let rest = &text[at..];
        if !rest.starts_with(|c: char| c.is_uppercase()) {
            break;
        }
        let len = rest
            .find(|c: char| !(c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.')))
            .unwrap_or(rest.len());
        let word = rest[..len].trim_end_matches('.');
        out.push((at, at + word.len()));
        at += word.len();
        if !text[at..].starts_with(' ') {
            break;
        }
        at += 1;
    }
    out
}

/// Quotes and punctuation the tagger left at a mention's edges ("” Bureau of …").
fn trim(text: &str, m: &mut Mention) {
    let s = &text[m.start..m.end];
    let lead = s.len() - s.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    let kept = s[lead..].trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '.' || c == ')'));
    m.start += lead;
    m.end = m.start + kept.len();
}

/// "the Bureau of Animal Industry (BAI)": the acronym in parentheses is the same kind of thing.
fn acronyms_take_their_names_kind(text: &str, mentions: &mut [Mention]) {
    for i in 1..mentions.len() {
        let (name, acronym) = (mentions[i - 1], mentions[i]);
        let short = acronym.text(text);
        if text.get(name.end..acronym.start) == Some(" (")
            && text[acronym.end..].starts_with(')')
            && short.chars().all(|c| c.is_uppercase() || c == '.')
            && abbreviates(short, name.text(text))
        {
            mentions[i].kind = name.kind;
        }
    }
}

/// Whether `short` can abbreviate `long` (Schwartz & Hearst 2003): its first letter starts a
/// word of `long` and the others follow in order. "Torrance Zellner (U.S.)" names a country.
fn abbreviates(short: &str, long: &str) -> bool {
    let mut letters = short
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase);
    let Some(first) = letters.next() else {
        return false;
    };
    let Some(start) = long.split_whitespace().position(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.to_lowercase().eq([first]))
    }) else {
        return false;
    };
    let mut rest = long
        .split_whitespace()
        .skip(start)
        .flat_map(str::chars)
        .skip(1)
        .flat_map(char::to_lowercase);
    letters.all(|l| rest.any(|c| c == l))
}

fn surnames_are_persons(text: &str, mentions: &mut [Mention]) {
    let surnames: HashSet<String> = mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Person)
        .filter_map(|m| {
            let name = m.text(text);
            let mut words = name.split_whitespace();
            let last = words.next_back()?;
            words.next().map(|_| fold(last))
        })
        .collect();
    for m in mentions.iter_mut() {
        if matches!(m.kind, MentionKind::Organization | MentionKind::Misc)
            && !m.text(text).contains(' ')
            && surnames.contains(&fold(m.text(text)))
        {
            m.kind = MentionKind::Person;
        }
    }
}

fn listed_with_places(text: &str, mentions: &mut [Mention]) {
    let mut i = 0;
    while i < mentions.len() {
        // A run of mentions joined only by ", ", " and ", ", and ".
        let mut j = i;
        while j + 1 < mentions.len()
            && is_list_joint(&text[mentions[j].end..mentions[j + 1].start.max(mentions[j].end)])
        {
            j += 1;
        }
        if j > i
            && mentions[i..=j]
                .iter()
                .any(|m| m.kind == MentionKind::Location)
        {
            for m in &mut mentions[i..=j] {
                if m.kind == MentionKind::Person && !m.text(text).contains(' ') {
                    m.kind = MentionKind::Location;
                }
            }
        }
        i = j + 1;
    }
}

fn is_list_joint(between: &str) -> bool {
    matches!(between, ", " | " and " | ", and " | " or " | ", or ")
}

/// Loads this module's tables ahead of first use (see `Stage::preloads`).
pub(crate) fn preload() {
    LazyLock::force(&HEADS);
}

#[cfg(test)]
mod tests {
    use super::*;
    use MentionKind::*;

    fn kinds(text: &str, spans: &[(&str, MentionKind)]) -> Vec<(String, MentionKind)> {
        let mentions = crate::entities::mention::spans_in(text, spans);
        correct(text, mentions)
            .iter()
            .map(|m| (m.text(text).to_string(), m.kind))
            .collect()
    }

    #[test]
    fn a_name_after_a_title_is_a_person() {
        let text = "said the spokesman for the UK Home Office, Mark Bell, on Monday.";
        let got = kinds(text, &[("UK Home Office", Organization)]);
        assert!(got.contains(&("Mark Bell".to_string(), Person)), "{got:?}");
        let text = "the UN General Assembly President Ana Roth said.";
        let got = kinds(text, &[]);
        assert_eq!(got, vec![("Ana Roth".to_string(), Person)]);
        let text = "Chilean President Gabriel Boric said.";
        assert_eq!(
            kinds(text, &[("Chilean", Misc)]).last().unwrap(),
            &("Gabriel Boric".to_string(), Person)
        );
    }

    #[test]
    fn a_surname_of_a_person_named_in_full_is_that_person() {
        let text = "Jane Roe arrived. Roe said no.";
        let got = kinds(text, &[("Jane Roe", Person), ("Roe", Organization)]);
        assert_eq!(got[1], ("Roe".to_string(), Person));
    }

    #[test]
    fn an_acronym_takes_the_kind_of_the_name_it_abbreviates_only() {
        let text = "Torrance Zellner (U.S.) won; the United Nations Interim Force in Lebanon (UNIFIL) did not.";
        let got = kinds(
            text,
            &[
                ("Torrance Zellner", Person),
                ("U.S.", Location),
                ("United Nations Interim Force in Lebanon", Organization),
                ("UNIFIL", Location),
            ],
        );
        assert_eq!(got[1], ("U.S.".to_string(), Location));
        assert_eq!(got[3], ("UNIFIL".to_string(), Organization));
    }

    #[test]
    fn edges_are_trimmed_and_acronyms_follow_their_names() {
        let text = "by Friday,” Office of Water Supply (OWS) head";
        let mut mentions =
            crate::entities::mention::spans_in(text, &[("” Office of Water Supply", Organization)]);
        let acronym = text.find("OWS").unwrap();
        mentions.push(Mention::new(acronym, acronym + 3, Location));
        let got: Vec<(String, MentionKind)> = correct(text, mentions)
            .iter()
            .map(|m| (m.text(text).to_string(), m.kind))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Office of Water Supply".to_string(), Organization),
                ("OWS".to_string(), Organization)
            ]
        );
    }

    #[test]
    fn names_listed_with_places_are_places() {
        let text = "fighting in the Tavush, Syunik and Vayots directions";
        let got = kinds(
            text,
            &[("Tavush", Location), ("Syunik", Person), ("Vayots", Person)],
        );
        assert!(got.iter().all(|(_, k)| *k == Location), "{got:?}");
        let text = "John Smith and Paris";
        let got = kinds(text, &[("John Smith", Person), ("Paris", Location)]);
        assert_eq!(got[0].1, Person);
    }
}
