//! Place names the tagger missed: runs of capitalised words whose key names a country, a
//! first-level division, an informal region, a large city or has a county's form, outside
//! every entity mention; and place names inside names tagged as something else.
//! A hash lookup per run of up to four words rather than an Aho-Corasick automaton over a
//! million names: only capitalised runs can be names, and the automaton would cost its memory
//! and build time for nothing.

use super::gazetteer::{Feature, GAZETTEER, PRIMARY};
use super::key::key;
use crate::record::{Entity, EntityKind, Span};
pub use crate::text::spans::Covered;

const MAX_WORDS: usize = 4;
/// Cities this large are named without being tagged often enough to look for them.
const BIG_CITY: u64 = 100_000;
/// Cities this large are what their name means even when it is a frequent word: "London" and
/// "Paris" are frequent because they are named so often, unlike "Mobile" or "Reading".
const WORLD_CITY: u64 = 1_000_000;

fn common(k: &str) -> bool {
    !k.contains(' ') && crate::lang::en::words().zipf(k) >= 450
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the key names a place worth adding without the tagger's word for it.
fn salient(k: &str) -> bool {
    let g = &*GAZETTEER;
    let common = common(k);
    // Only a place's own names: alternates and abbreviations include words ("Mass", "Man").
    g.exact(k).filter(|&i| i & PRIMARY != 0).any(|i| {
        let p = g.place(i);
        match p.feature {
            Feature::Country => true,
            Feature::Region | Feature::Admin1 => !generic(k),
            Feature::City => {
                p.population >= WORLD_CITY || !common && (p.population >= BIG_CITY || p.rank == 3)
            }
            Feature::Admin2 => !common && k.contains(' '),
        }
    }) || county_form(k)
}

/// Words that describe a part of any place rather than name one: some divisions are called
/// so ("West" in Cameroon, "Central" in Ghana, Brazil's "Federal" district), but in news they
/// are "West Metro Chamber", "Northeast Georgia", "Federal Highway Administration".
fn generic(k: &str) -> bool {
    const WORDS: [&str; 22] = [
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
        "central",
        "centre",
        "center",
        "middle",
        "upper",
        "lower",
        "federal",
        "capital",
        "metro",
        "coast",
        "interior",
        "lakes",
        "islands",
        "mainland",
    ];
    WORDS.contains(&k)
}

/// Whether a surface names a country, state or region by its own name, in capitals or as a
/// longer name.
pub fn is_region_name(surface: &str) -> bool {
    capitalised(surface)
        && !short_mixed(surface)
        && !acronym(surface)
        && names_a_region(&key(surface))
}

/// One word in capitals longer than an abbreviation ("SWAT", "NATO"): an acronym, whatever
/// place shares its letters.
fn acronym(surface: &str) -> bool {
    surface.len() > 3 && !surface.contains(' ') && !surface.chars().any(char::is_lowercase)
}

/// "Us" opening a sentence is not the US; short names count only in capitals.
fn short_mixed(surface: &str) -> bool {
    surface.len() <= 3 && surface.chars().any(char::is_lowercase)
}

/// Whether the key is a country's, a first-level division's or a region's own name: an
/// organization "named" exactly so is a metonym or the tagger's slip ("the US said", "Kentucky
/// won"), a place mention either way.
fn names_a_region(k: &str) -> bool {
    let g = &*GAZETTEER;
    if generic(k) {
        return false;
    }
    g.exact(k).filter(|&i| i & PRIMARY != 0).any(|i| {
        matches!(
            g.place(i).feature,
            Feature::Country | Feature::Region | Feature::Admin1
        )
    })
}

/// Whether a key has the form of a county's name ("laurel county", "iberia parish"): a place
/// whether or not the gazetteer lists it (GeoNames' county list has no points; only counties
/// with a large town are in the gazetteer). Callers check the words are capitalised.
pub fn county_form(k: &str) -> bool {
    k.strip_suffix(" county")
        .or_else(|| k.strip_suffix(" parish"))
        .is_some_and(|rest| !rest.is_empty())
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

/// Whether the key names a place inside a name already tagged as an organization: a county by
/// its form, a country, state or region by its own name, or a town by its own name, words of
/// everyday English aside. The words around it ("University of", "Police Department",
/// "Department of Transportation") mark the body's place or jurisdiction, which news gold sets
/// count as a place mention: with countries and states taken, recall on LGL and TR-News rose by
/// four points at equal precision (towns alone had been taken before).
fn named_place(k: &str) -> bool {
    let g = &*GAZETTEER;
    let common = common(k);
    let mut own = g
        .exact(k)
        .filter(|&i| i & PRIMARY != 0)
        .map(|i| g.place(i).feature)
        .peekable();
    // A town sharing a state's name ("Ontario", California) does not make the state's a town's.
    county_form(k)
        || names_a_region(k)
        || !common
            && own.peek().is_some()
            && own.all(|f| matches!(f, Feature::City | Feature::Admin2))
}

/// Spans of place names in `text` that overlap none of `covered`.
pub fn missed_places(text: &str, covered: &Covered) -> Vec<Span> {
    runs(text, &words(text), covered, salient)
}

/// The organizations of an article that are sports teams: those named beside a score or a
/// fixture's "v" ("Crewe 0 Watford 2", "Durham v Kent"); and, on a page of results (two teams
/// or more so found), every organization (a results page names its teams, not its towns).
pub struct Teams {
    ids: Vec<String>,
    all: bool,
}

impl Teams {
    pub fn of(text: &str, entities: &[Entity]) -> Teams {
        let ids: Vec<String> = entities
            .iter()
            .filter(|e| e.kind == EntityKind::Organization)
            .filter(|e| e.mentions.iter().any(|&m| beside_a_score(text, m)))
            .map(|e| e.id.clone())
            .collect();
        Teams {
            all: ids.len() >= 2,
            ids,
        }
    }

    pub fn contains(&self, e: &Entity) -> bool {
        e.kind == EntityKind::Organization && (self.all || self.ids.contains(&e.id))
    }
}

/// Whether a name reads as a side of a score or a fixture: a number after it where it opens a
/// line or follows a number ("Crewe 0 Watford 2"), or a "v" beside it ("Durham v Kent").
fn beside_a_score(text: &str, [start, end]: Span) -> bool {
    let before = text[..start].trim_end_matches([' ', '\t']);
    let after = text[end..].trim_start_matches([' ', '\t']);
    let word_before = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("");
    let word_after = after.split(char::is_whitespace).next().unwrap_or("");
    let number = |w: &str| w.starts_with(|c: char| c.is_ascii_digit()) && !w.contains('%');
    let versus = |w: &str| matches!(w, "v" | "v." | "vs" | "vs.");
    let line_start = before.is_empty() || before.ends_with('\n');
    (number(word_after) && (line_start || number(word_before)))
        || versus(word_before)
        || versus(word_after)
}

/// Spans of place names inside `span` of `text` (a name tagged as something else) that overlap
/// none of `covered`.
pub fn places_within(text: &str, span: Span, covered: &Covered) -> Vec<Span> {
    let Some(inner) = text.get(span[0]..span[1]) else {
        return Vec::new();
    };
    let words: Vec<(usize, &str)> = words(inner)
        .into_iter()
        .map(|(i, w)| (i + span[0], w))
        .collect();
    let mut found = runs(text, &words, covered, named_place);
    // A word in capitals inside an organization's name is an acronym ("SWAT team", "SEC
    // football") unless it abbreviates a country or state ("US", "NSW").
    found.retain(|s| {
        let t = &text[s[0]..s[1]];
        t.chars().any(char::is_lowercase)
            || t.contains(' ')
            || (!acronym(t) && names_a_region(&key(t)))
    });
    found
}

/// Runs of capitalised words, longest first, whose key `accept`s.
fn runs(
    text: &str,
    words: &[(usize, &str)],
    covered: &Covered,
    accept: fn(&str) -> bool,
) -> Vec<Span> {
    let overlaps = |s: usize, e: usize| covered.overlaps(s, e);
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
            if !short_mixed(surface) && accept(&key(surface)) {
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
        let got: Vec<&str> = words("U.S. troops, O'Hare; Kyiv.")
            .into_iter()
            .map(|(_, w)| w)
            .collect();
        assert_eq!(got, ["U.S", "troops", "O'Hare", "Kyiv"]);
    }

    #[test]
    fn finds_untagged_places_and_respects_entities() {
        let text = "Troops moved from Texas to New South Wales. Paris Hilton said the price rose.";
        let hilton = text.find("Paris Hilton").unwrap();
        let got: Vec<&str> = missed_places(text, &Covered::new([[hilton, hilton + 12]]))
            .iter()
            .map(|s| &text[s[0]..s[1]])
            .collect();
        assert_eq!(got, ["Texas", "New South Wales"]);
    }

    #[test]
    fn world_cities_named_by_common_words_but_not_generic_divisions() {
        let text = "London said so. West and Central officials met in Paris.";
        let got: Vec<&str> = missed_places(text, &Covered::new([]))
            .iter()
            .map(|s| &text[s[0]..s[1]])
            .collect();
        assert_eq!(got, ["London", "Paris"]);
    }

    #[test]
    fn counties_by_form_and_acronyms_inside_organizations() {
        let text = "The Laurel County Sheriff office and an Albany SWAT team and the US Senate.";
        let span = |name: &str| {
            let s = text.find(name).unwrap();
            [s, s + name.len()]
        };
        let inside = |span| -> Vec<&str> {
            places_within(text, span, &Covered::new([]))
                .iter()
                .map(|s| &text[s[0]..s[1]])
                .collect()
        };
        assert_eq!(inside(span("Laurel County Sheriff")), ["Laurel County"]);
        assert_eq!(inside(span("Albany SWAT")), ["Albany"]);
        assert_eq!(inside(span("US Senate")), ["US"]);
        assert!(
            is_region_name("Kentucky")
                && !is_region_name("Us")
                && !is_region_name("West")
                && !is_region_name("SWAT")
        );
    }

    #[test]
    fn places_inside_organization_names() {
        let text = "The Athens Police Department and the University of Kentucky said.";
        let org = |name: &str| {
            let s = text.find(name).unwrap();
            [s, s + name.len()]
        };
        let inside = |span| -> Vec<&str> {
            places_within(text, span, &Covered::new([]))
                .iter()
                .map(|s| &text[s[0]..s[1]])
                .collect()
        };
        assert_eq!(inside(org("Athens Police Department")), ["Athens"]);
        assert_eq!(inside(org("University of Kentucky")), ["Kentucky"]);
        let athens = org("Athens");
        assert!(
            places_within(
                text,
                org("Athens Police Department"),
                &Covered::new([athens])
            )
            .is_empty()
        );
    }
}
