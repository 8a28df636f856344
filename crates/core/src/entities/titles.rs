//! Titles and roles next to a person's name: "US Secretary of State, Antony Blinken",
//! "the president of Azerbaijan, Ilham Aliyev", "Ned Price, the State Department spokesman".
//!
//! A title is a head from `data/entities/titles.txt`, the capitalised words before it that say
//! whose title it is ("US", "Armenian", "UN"), and an `of`/`for` phrase after it ("of
//! Azerbaijan", "for the US State Department"). Which of those is a country, an organization or
//! a portfolio ("Minister of Defense") is for the caller to decide with its dictionaries.

use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The head as written: "Secretary of State", "president", "spokesman".
    pub head: String,
    /// The capitalised words before the head: "US", "Armenian", "State Department".
    pub qualifier: Option<String>,
    /// The phrase after "of"/"for"/"at", without its article: "Azerbaijan", "US State Department".
    pub of: Option<String>,
}

/// Heads as word sequences (lower case), longest first so "prime minister" beats "minister".
static HEADS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let mut heads: Vec<Vec<String>> = include_str!("../../../../data/entities/titles.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect();
    heads.sort_by_key(|h| std::cmp::Reverse(h.len()));
    heads
});

/// Every title head, as lower-case words.
pub fn heads() -> impl Iterator<Item = &'static Vec<String>> {
    HEADS.iter()
}

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}][\p{L}\p{N}.'’-]*").unwrap());

/// How far from the name a title may start, in words.
const MAX_WORDS: usize = 12;

struct Word<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

fn words(segment: &str, offset: usize) -> Vec<Word<'_>> {
    WORD.find_iter(segment)
        .map(|m| {
            let text = m.as_str().trim_end_matches(['\'', '’']);
            Word {
                text,
                start: offset + m.start(),
                end: offset + m.start() + text.len(),
            }
        })
        .collect()
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The head ending exactly at word index `end` (exclusive), as `(start, end)`.
fn head_ending_at(words: &[Word], end: usize) -> Option<usize> {
    HEADS.iter().find_map(|head| {
        let start = end.checked_sub(head.len())?;
        words[start..end]
            .iter()
            .zip(head)
            .all(|(w, h)| w.text.eq_ignore_ascii_case(h))
            .then_some(start)
    })
}

/// A title ending right before a name that starts at `name_start`, looking back no further
/// than `clause_start` (the sentence start).
pub fn before(text: &str, clause_start: usize, name_start: usize) -> Option<Title> {
    let segment = text[clause_start..name_start].trim_end();
    let segment = segment.strip_suffix(',').unwrap_or(segment);
    // Only the last clause of what precedes the name can be its title.
    let cut = segment
        .rfind([',', ';', ':', '(', ')', '“', '”', '"', '—'])
        .map_or(0, |i| {
            i + segment[i..].chars().next().map_or(1, char::len_utf8)
        });
    let mut all = words(&segment[cut..], clause_start + cut);
    if all.len() > MAX_WORDS {
        all.drain(..all.len() - MAX_WORDS);
    }
    let words = all;
    if words.is_empty() {
        return None;
    }
    // "… president of Azerbaijan" or "… spokesman for the US State Department".
    for link in (1..words.len()).rev() {
        if !crate::lang::en::title_links()
            .iter()
            .any(|l| words[link].text.eq_ignore_ascii_case(l))
        {
            continue;
        }
        let rest = &words[link + 1..];
        let object: Vec<&Word> = rest
            .iter()
            .skip_while(|w| crate::lang::en::articles().contains(&w.text.to_lowercase().as_str()))
            .collect();
        if object.is_empty()
            || !object
                .iter()
                .all(|w| is_capitalised(w.text) || w.text == "and")
        {
            continue;
        }
        if let Some(start) = head_ending_at(&words, link) {
            let of = &text[object[0].start..object.last().unwrap().end];
            return Some(title(text, &words, start, link, Some(of)));
        }
    }
    let start = head_ending_at(&words, words.len())?;
    Some(title(text, &words, start, words.len(), None))
}

/// A title in apposition right after a name ending at `name_end`: ", the State Department
/// spokesman," — the phrase must open with an article and end the clause.
pub fn after(text: &str, name_end: usize, clause_end: usize) -> Option<Title> {
    let segment = &text[name_end..clause_end];
    let rest = segment.strip_prefix(", ")?;
    let phrase_len = rest
        .find([',', ';', '.', ')', '(', '“', '"'])
        .unwrap_or(rest.len());
    let phrase = &rest[..phrase_len];
    let offset = name_end + 2;
    let words = words(phrase, offset);
    if words.len() < 2
        || words.len() > MAX_WORDS
        || !crate::lang::en::articles().contains(&words[0].text.to_lowercase().as_str())
    {
        return None;
    }
    before(text, offset, offset + phrase_len)
}

fn title(
    text: &str,
    words: &[Word],
    head_start: usize,
    head_end: usize,
    of: Option<&str>,
) -> Title {
    let head = text[words[head_start].start..words[head_end - 1].end].to_string();
    // Whose title: the run of capitalised words right before the head, past any modifiers.
    let mut first = head_start;
    while first > 0 {
        let w = words[first - 1].text;
        if is_capitalised(w) && !crate::lang::en::articles().contains(&w.to_lowercase().as_str()) {
            first -= 1;
        } else {
            break;
        }
    }
    let mut qualifier_words: Vec<&Word> = words[first..head_start].iter().collect();
    while qualifier_words.first().is_some_and(|w| {
        crate::lang::en::title_modifiers().contains(&w.text.to_lowercase().as_str())
    }) {
        qualifier_words.remove(0);
    }
    let qualifier = (!qualifier_words.is_empty())
        .then(|| text[qualifier_words[0].start..qualifier_words.last().unwrap().end].to_string());
    Title {
        head,
        qualifier,
        of: of.map(str::to_string),
    }
}

/// Loads this module's tables ahead of first use (see `Stage::preloads`).
pub(crate) fn preload() {
    LazyLock::force(&HEADS);
    LazyLock::force(&WORD);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title_before(text: &str, name: &str) -> Option<Title> {
        before(text, 0, text.find(name).unwrap())
    }

    fn t(head: &str, qualifier: Option<&str>, of: Option<&str>) -> Option<Title> {
        Some(Title {
            head: head.into(),
            qualifier: qualifier.map(Into::into),
            of: of.map(Into::into),
        })
    }

    #[test]
    fn title_with_qualifier_before_a_comma() {
        let text = "The French Foreign Minister, Jean Dupont, arrived.";
        assert_eq!(
            title_before(text, "Jean"),
            t("Foreign Minister", Some("French"), None)
        );
    }

    #[test]
    fn title_with_of_phrase() {
        let text = "He met the president of Kenya, Ali Omondi, on Monday.";
        assert_eq!(
            title_before(text, "Ali"),
            t("president", None, Some("Kenya"))
        );
        let text = "said the spokeswoman for the German Foreign Office, Anna Roth, in Berlin.";
        assert_eq!(
            title_before(text, "Anna"),
            t("spokeswoman", None, Some("German Foreign Office"))
        );
    }

    #[test]
    fn title_without_comma_and_hyphenated_heads() {
        let text = "he told the Reuters analyst Mark Lee, adding";
        assert_eq!(
            title_before(text, "Mark"),
            t("analyst", Some("Reuters"), None)
        );
        let text = "For her part, the UN Secretary-General, Maria Silva, asked";
        assert_eq!(
            title_before(text, "Maria"),
            t("Secretary-General", Some("UN"), None)
        );
        let text = "and Kenyan Prime Minister Ruto spoke.";
        assert_eq!(
            title_before(text, "Ruto"),
            t("Prime Minister", Some("Kenyan"), None)
        );
    }

    #[test]
    fn no_title_without_a_head() {
        assert_eq!(
            title_before("Yesterday, crowds greeted John Smith.", "John"),
            None
        );
        assert_eq!(title_before("John Smith said", "John"), None);
    }

    #[test]
    fn former_is_not_a_qualifier() {
        let text = "the former Chilean President Ana Vidal said";
        assert_eq!(
            title_before(text, "Ana"),
            t("President", Some("Chilean"), None)
        );
    }

    #[test]
    fn apposition_after_the_name() {
        let text = "Tom Baker, the State Department spokesman, said on Monday.";
        let end = "Tom Baker".len();
        assert_eq!(
            after(text, end, text.len()),
            t("spokesman", Some("State Department"), None)
        );
        assert_eq!(after("Tom Baker, who was there, said.", end, 30), None);
    }
}
