//! One entity per real-world referent: mentions grouped by name.
//!
//! Persons: a full name joins an earlier one when the surnames agree and the given names agree
//! or are close ("Nikol Pashinian" ~ "Nicole Pashinyan", a translation slip); a lone name joins
//! the person whose surname (or given name) it is ("Blinken"). Organizations: the same content
//! words once abbreviations are expanded and spelling variants aligned ("UN Security Council" ~
//! "United Nations Security Council", "Armenian Ministry of Defense" ~ "Armenian Defense
//! Ministry"), an acronym of an earlier name ("NATO"), or a shorter form with a single longer
//! match ("State Department" ~ "US State Department"). Places and groups: the same folded name.

use super::mention::{Mention, MentionKind};
use crate::text::fold;
use std::collections::{BTreeSet, HashMap};

/// Groups of mention indices, one per referent, ordered by first mention.
///
/// Linear in the number of mentions for any article: a cluster keeps each distinct spelling
/// once, and a mention is compared only with the clusters that share one of its blocking
/// tokens (see [`Key::blocks`]) rather than with every cluster of its kind.
pub fn cluster(text: &str, mentions: &[Mention]) -> Vec<Vec<usize>> {
    let mut clusters: Vec<Cluster> = Vec::new();
    let mut blocks: HashMap<(MentionKind, String), Vec<usize>> = HashMap::new();
    let mut candidates: Vec<usize> = Vec::new();
    // Full names and longer organization names first, so short forms find what they stand for.
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&i| {
        (
            name_words(mentions[i].text(text)).len() < 2,
            mentions[i].start,
        )
    });
    for i in order {
        let mention = &mentions[i];
        let key = Key::new(mention.text(text), mention.kind);
        let tokens = key.blocks();
        candidates.clear();
        for token in &tokens {
            if let Some(ids) = blocks.get(&(mention.kind, token.clone())) {
                candidates.extend(ids);
            }
        }
        // Ascending cluster order keeps the tie-break of a scan over all clusters.
        candidates.sort_unstable();
        candidates.dedup();
        let found = candidates
            .iter()
            .copied()
            .filter(|&c| clusters[c].keys.iter().any(|k| k.same_referent(&key)))
            .min_by_key(|&c| clusters[c].first.abs_diff(mention.start));
        let id = match found {
            Some(id) => {
                let c = &mut clusters[id];
                c.members.push(i);
                c.first = c.first.min(mention.start);
                if c.keys.iter().any(|k| k.spelled_as(&key)) {
                    continue;
                }
                c.keys.push(key);
                id
            }
            None => {
                clusters.push(Cluster {
                    members: vec![i],
                    keys: vec![key],
                    first: mention.start,
                });
                clusters.len() - 1
            }
        };
        for token in tokens {
            let ids = blocks.entry((mention.kind, token)).or_default();
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
    }
    clusters.sort_by_key(|c| c.first);
    clusters
        .into_iter()
        .map(|mut c| {
            c.members.sort_by_key(|&i| mentions[i].start);
            c.members
        })
        .collect()
}

struct Cluster {
    members: Vec<usize>,
    /// Each distinct spelling once.
    keys: Vec<Key>,
    first: usize,
}

/// A mention's name reduced for comparison.
struct Key {
    kind: MentionKind,
    /// Folded words, honorifics dropped (persons) or function words dropped (others).
    words: Vec<String>,
    /// Content words with abbreviations expanded and variants aligned (organizations, places).
    content: BTreeSet<String>,
    /// The mention itself, if it is written as an acronym ("NATO", "U.N.").
    acronym: Option<String>,
}

/// Abbreviations news uses for the names they stand in, as folded word sequences.
const EXPANSIONS: &[(&str, &str)] = &[
    ("un", "united nations"),
    ("u.n", "united nations"),
    ("us", "united states"),
    ("u.s", "united states"),
    ("usa", "united states"),
    ("uk", "united kingdom"),
    ("u.k", "united kingdom"),
    ("eu", "european union"),
    ("e.u", "european union"),
    ("dept", "department"),
    ("defence", "defense"),
    ("int'l", "international"),
];

fn name_words(name: &str) -> Vec<String> {
    fold(name)
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.')
                .trim_end_matches('.')
                .to_string()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

impl Key {
    fn new(name: &str, kind: MentionKind) -> Key {
        let mut words = name_words(name);
        if kind == MentionKind::Person {
            words.retain(|w| !crate::lang::en::honorifics().contains(&w.as_str()));
        }
        let mut content = BTreeSet::new();
        for word in &words {
            if crate::lang::en::name_joiners().contains(&word.as_str()) {
                continue;
            }
            match EXPANSIONS.iter().find(|(short, _)| short == word) {
                Some((_, long)) => content.extend(long.split(' ').map(str::to_string)),
                None => {
                    content.insert(word.clone());
                }
            }
        }
        let letters: String = name.chars().filter(|c| c.is_alphanumeric()).collect();
        let acronym = (letters.len() >= 2
            && letters.chars().all(|c| c.is_uppercase() || c.is_numeric()))
        .then(|| letters.to_lowercase());
        Key {
            kind,
            words,
            content,
            acronym,
        }
    }

    /// Whether two keys are the same spelling for every comparison below.
    fn spelled_as(&self, other: &Key) -> bool {
        self.words == other.words && self.acronym == other.acronym
    }

    /// Tokens two keys share whenever `same_referent` can hold between them, so only clusters
    /// sharing a token need comparing. Persons: the surname's first letter (a spelling
    /// variant close enough to match keeps it, short of a slip in the very first letter) and
    /// the given name or lone name. Organizations: each content word (equal or contained
    /// names share one) and the initials, with and without a leading country word, against
    /// acronyms. Places and groups: the content words.
    fn blocks(&self) -> Vec<String> {
        let initials = |words: &[String]| -> String {
            words
                .iter()
                .filter(|w| !crate::lang::en::name_joiners().contains(&w.as_str()))
                .filter_map(|w| w.chars().next())
                .collect()
        };
        let mut tokens = Vec::new();
        match self.kind {
            MentionKind::Person => {
                if let (Some(first), Some(last)) = (self.words.first(), self.words.last()) {
                    tokens.push(format!("s:{}", last.chars().next().unwrap_or_default()));
                    tokens.push(format!("g:{first}"));
                    if self.words.len() == 1 {
                        tokens.push(format!("g:{last}"));
                    }
                }
            }
            MentionKind::Organization => {
                tokens.extend(self.content_blocks());
                let initials = initials(&self.words);
                if let Some(acronym) = &self.acronym {
                    tokens.push(format!("a:{acronym}"));
                }
                if initials.len() >= 2 {
                    tokens.extend(
                        initials
                            .char_indices()
                            .nth(1)
                            .map(|(i, _)| format!("a:{}", &initials[i..])),
                    );
                    tokens.push(format!("a:{initials}"));
                }
            }
            MentionKind::Location | MentionKind::Group | MentionKind::Misc => {
                tokens.extend(self.content_blocks())
            }
        }
        // Equal word lists always match, whatever else the key lacks.
        tokens.push(format!("w:{}", self.words.join(" ")));
        tokens.sort_unstable();
        tokens.dedup();
        tokens
    }

    /// Each content word; names of function words alone have equal (empty) content.
    fn content_blocks(&self) -> Vec<String> {
        match self.content.is_empty() {
            true => vec!["c:".to_string()],
            false => self.content.iter().map(|w| format!("c:{w}")).collect(),
        }
    }

    fn same_referent(&self, other: &Key) -> bool {
        if self.words == other.words {
            return true;
        }
        match self.kind {
            MentionKind::Person => same_person(&self.words, &other.words),
            MentionKind::Organization => self.same_organization(other),
            MentionKind::Location | MentionKind::Group | MentionKind::Misc => {
                self.content == other.content
            }
        }
    }

    fn same_organization(&self, other: &Key) -> bool {
        if self.content == other.content {
            return true;
        }
        if let Some(acronym) = self.acronym.as_deref().or(other.acronym.as_deref()) {
            let full = if self.acronym.is_some() { other } else { self };
            let initials: String = full
                .words
                .iter()
                .filter(|w| !crate::lang::en::name_joiners().contains(&w.as_str()))
                .filter_map(|w| w.chars().next())
                .collect();
            // The acronym may leave out a leading country word: "Philippine Department of
            // Agriculture (DA)".
            if acronym.len() >= 2
                && (initials == acronym
                    || (initials.len() == acronym.len() + 1 && initials.ends_with(acronym)))
            {
                return true;
            }
        }
        // "State Department" within "US State Department"; a single word ("UN") is too little
        // to tell which of its bodies is meant.
        let (short, long) = if self.content.len() < other.content.len() {
            (self, other)
        } else {
            (other, self)
        };
        let short_words = short
            .words
            .iter()
            .filter(|w| !crate::lang::en::name_joiners().contains(&w.as_str()))
            .count();
        short_words >= 2 && short.content.is_subset(&long.content)
    }
}

fn same_person(a: &[String], b: &[String]) -> bool {
    let (Some(a_last), Some(b_last)) = (a.last(), b.last()) else {
        return false;
    };
    match (a.len(), b.len()) {
        (1, 1) => similar(a_last, b_last, 0.92),
        // A lone name is the surname, or (for people known by one) the given name.
        (1, _) => similar(a_last, b_last, 0.92) || a_last == &b[0],
        (_, 1) => similar(a_last, b_last, 0.92) || b_last == &a[0],
        _ => {
            similar(a_last, b_last, 0.92)
                && (similar(&a[0], &b[0], 0.8)
                    || initial_of(&a[0], &b[0])
                    || initial_of(&b[0], &a[0]))
        }
    }
}

/// Same word, or a spelling variant of a long enough one (Jaro-Winkler at least `threshold`).
fn similar(a: &str, b: &str, threshold: f64) -> bool {
    a == b
        || (a.chars().count() >= 5
            && b.chars().count() >= 5
            && strsim::jaro_winkler(a, b) >= threshold)
}

fn initial_of(initial: &str, name: &str) -> bool {
    initial.chars().count() == 1 && name.starts_with(initial)
}

#[cfg(test)]
mod tests {
    use super::*;
    use MentionKind::*;

    fn clusters_of(text: &str, spans: &[(&str, MentionKind)]) -> Vec<Vec<String>> {
        let mentions = crate::entities::mention::spans_in(text, spans);
        cluster(text, &mentions)
            .into_iter()
            .map(|c| {
                c.into_iter()
                    .map(|i| mentions[i].text(text).to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn spelling_variants_and_short_forms_of_a_person() {
        let text = "Volodymyr Zelensky spoke. Zelenskyy said no. Volodimir Zelenskiy left. Putin answered.";
        let got = clusters_of(
            text,
            &[
                ("Volodymyr Zelensky", Person),
                ("Zelenskyy", Person),
                ("Volodimir Zelenskiy", Person),
                ("Putin", Person),
            ],
        );
        assert_eq!(
            got,
            vec![
                vec!["Volodymyr Zelensky", "Zelenskyy", "Volodimir Zelenskiy"],
                vec!["Putin"]
            ]
        );
    }

    #[test]
    fn different_people_with_one_surname_stay_apart() {
        let text = "Hillary Clinton and Bill Clinton met Boris Johnson.";
        let got = clusters_of(
            text,
            &[
                ("Hillary Clinton", Person),
                ("Bill Clinton", Person),
                ("Boris Johnson", Person),
            ],
        );
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn organization_variants() {
        let text = "the UN Security Council and the United Nations Security Council; the French Defence \
                    Ministry and the French Ministry of Defense; the North Atlantic Treaty Organization and NATO; \
                    the US State Department and the State Department";
        let got = clusters_of(
            text,
            &[
                ("UN Security Council", Organization),
                ("United Nations Security Council", Organization),
                ("French Defence Ministry", Organization),
                ("French Ministry of Defense", Organization),
                ("North Atlantic Treaty Organization", Organization),
                ("NATO", Organization),
                ("US State Department", Organization),
                ("State Department", Organization),
            ],
        );
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got.iter().all(|c| c.len() == 2), "{got:?}");
    }

    #[test]
    fn acronym_without_the_country_word() {
        let text = "the Kenyan Ministry of Water (MW) said";
        let got = clusters_of(
            text,
            &[
                ("Kenyan Ministry of Water", Organization),
                ("MW", Organization),
            ],
        );
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn an_abbreviation_alone_is_not_one_of_its_bodies() {
        let text = "the UN Security Council and the UN chief";
        let got = clusters_of(
            text,
            &[("UN Security Council", Organization), ("UN", Organization)],
        );
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn kinds_never_mix() {
        let text = "Georgia the state and Georgia the person";
        let got = clusters_of(text, &[("Georgia", Location), ("Georgia", Person)]);
        assert_eq!(got.len(), 2);
    }
}
