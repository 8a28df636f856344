//! Place names the tagger missed: runs of capitalised words whose key names a country, a
//! first-level division, an informal region or a large city, outside every entity mention.
//! A hash lookup per run of up to four words rather than an Aho-Corasick automaton over a
//! million names: only capitalised runs can be names, and the automaton would cost its memory
//! and build time for nothing.

use super::gazetteer::{Feature, GAZETTEER, PRIMARY};
use super::key::key;
use crate::record::Span;

const MAX_WORDS: usize = 4;
/// Cities this large are named without being tagged often enough to look for them.
const BIG_CITY: u64 = 100_000;

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the key names a place worth adding without the tagger's word for it.
fn salient(k: &str) -> bool {
    let g = &*GAZETTEER;
    let common = !k.contains(' ') && crate::repair::model::ENGLISH.zipf(k) >= 450;
    // Only a place's own names: alternates and abbreviations include words ("Mass", "Man").
    g.exact(k).filter(|&i| i & PRIMARY != 0).any(|i| {
        let p = g.place(i);
        match p.feature {
            Feature::Country | Feature::Region | Feature::Admin1 => true,
            Feature::City => !common && (p.population >= BIG_CITY || p.rank == 3),
            Feature::Admin2 => !common && k.contains(' '),
        }
    })
}

/// Words as letter and digit runs, joined across an inner full stop or apostrophe ("U.S",
/// "O'Hare"). Not UAX #29 (`text::words`): that segmentation cost the stage most of its time,
/// and place names need no more than this.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner = matches!(c, '.' | '\'' | '’')
            && start.is_some()
            && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, &text[s..i]));
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Spans of place names in `text` that overlap none of `covered` (sorted or not).
pub fn missed_places(text: &str, covered: &[Span]) -> Vec<Span> {
    let words = words(text);
    let overlaps = |s: usize, e: usize| covered.iter().any(|c| c[0] < e && s < c[1]);
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (start, first) = words[i];
        if !capitalised(first) {
            i += 1;
            continue;
        }
        let mut taken = 0;
        // Longest run first: "New South Wales" before "Wales".
        let mut run = 1;
        while run < MAX_WORDS && i + run < words.len() {
            let (prev_start, prev) = words[i + run - 1];
            let (next_start, next) = words[i + run];
            let gap = &text[prev_start + prev.len()..next_start];
            if !capitalised(next) || gap.len() > 2 || gap.chars().any(|c| !matches!(c, ' ' | '-')) {
                break;
            }
            run += 1;
        }
        for n in (1..=run).rev() {
            let (last_start, last) = words[i + n - 1];
            let end = last_start + last.len();
            if overlaps(start, end) {
                continue;
            }
            let surface = &text[start..end];
            // "Us" opening a sentence is not the US; short names count only in capitals.
            let short_mixed = surface.len() <= 3 && surface.chars().any(char::is_lowercase);
            if !short_mixed && salient(&key(surface)) {
                found.push([start, end]);
                taken = n;
                break;
            }
        }
        i += taken.max(1);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_stops() {
        let got: Vec<&str> = words("U.S. troops, O'Hare; Kyiv.").into_iter().map(|(_, w)| w).collect();
        assert_eq!(got, ["U.S", "troops", "O'Hare", "Kyiv"]);
    }

    #[test]
    fn finds_untagged_places_and_respects_entities() {
        let text = "Troops moved from Texas to New South Wales. Paris Hilton said the price rose.";
        let hilton = text.find("Paris Hilton").unwrap();
        let got: Vec<&str> = missed_places(text, &[[hilton, hilton + 12]]).iter().map(|s| &text[s[0]..s[1]]).collect();
        assert_eq!(got, ["Texas", "New South Wales"]);
    }
}
