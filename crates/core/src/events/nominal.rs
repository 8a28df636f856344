//! Events told as nouns: "new Azerbaijani attacks", "an air strike by government forces",
//! "Israeli tank shelling". News reports much of its violence this way, often inside another
//! event ("the ministry denounced Azerbaijani attacks" is an accusation *and* an assault).
//! Only a noun with its own attacker is coded: "the fighting" alone says nothing of who.

use super::coder::{Coded, Sentence};

/// Event nouns and their CAMEO codes. Two-word nouns are keyed by their last word.
fn code_of(words: &[&str]) -> Option<(&'static str, usize)> {
    let (&last, before) = words.split_last()?;
    let previous = before.last().copied().unwrap_or("");
    let two = match (previous, last) {
        (
            "air" | "drone" | "missile",
            "strike" | "strikes" | "raid" | "raids" | "attack" | "attacks",
        ) => Some("195"),
        ("artillery" | "rocket" | "mortar", "fire" | "attack" | "attacks") => Some("194"),
        ("suicide", "bombing" | "bombings" | "attack" | "attacks") => Some("1831"),
        ("car", "bombing" | "bombings") => Some("1832"),
        _ => None,
    };
    if let Some(code) = two {
        return Some((code, 2));
    }
    let one = match last {
        "attack" | "attacks" | "aggression" | "offensive" | "offensives" | "assault"
        | "assaults" | "raid" | "raids" | "incursion" | "incursions" | "invasion" => "190",
        "shelling" | "shellings" | "bombardment" | "bombardments" | "shells" => "194",
        "airstrike" | "airstrikes" => "195",
        "bombing" | "bombings" => "183",
        _ => return None,
    };
    Some((one, 1))
}

/// Words before an event noun that make it unreal or not this actor's act.
fn hedged(word: &str) -> bool {
    matches!(
        word,
        "threat"
            | "threats"
            | "fear"
            | "fears"
            | "risk"
            | "possible"
            | "prevent"
            | "avoid"
            | "no"
            | "against"
            | "potential"
            | "planned"
            | "imminent"
            | "future"
            | "deter"
            | "any"
    )
}

pub fn event_at(sentence: &Sentence, i: usize) -> Option<Coded> {
    let tokens = sentence.tokens;
    if sentence.quoted[i] || sentence.actor_at(i).is_some() {
        return None;
    }
    let words = &sentence.words[i.saturating_sub(1)..=i];
    let (code, length) = code_of(words)?;
    let first = i + 1 - length;
    if (first.saturating_sub(3)..first).any(|j| hedged(&tokens[j].lower)) {
        return None;
    }
    // The attacker: right before the noun ("Azerbaijani forces attacks", "Israeli tank
    // shelling"), or after "by".
    let before = (first.saturating_sub(2)..first)
        .rev()
        .find_map(|j| sentence.actor_at(j));
    let by = (tokens.get(i + 1).is_some_and(|t| t.lower == "by"))
        .then(|| sentence.actor_at(i + 2))
        .flatten();
    let source = by.or(before)?;
    // The attacked: "on", "against", "towards", "at" a named actor, within a few words.
    let target = (i + 1..(i + 6).min(tokens.len()))
        .find(|&j| {
            matches!(
                tokens[j].lower.as_str(),
                "on" | "against" | "towards" | "toward" | "at" | "in"
            )
        })
        .and_then(|j| (j + 1..(j + 4).min(tokens.len())).find_map(|k| sentence.actor_at(k)))
        .filter(|&t| sentence.actors[t].country() != sentence.actors[source].country());
    Some(Coded {
        code: code.to_string(),
        first,
        last: i,
        source: Some(source),
        target,
        past_perfect: false,
        present_perfect: false,
        modal: false,
        future: false,
        by_pattern: false,
        nominal: true,
        governor: None,
        passive: false,
        mirrored: false,
    })
}
