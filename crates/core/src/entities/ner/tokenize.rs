//! Splits a sentence into tokens the way CoNLL-2003 did: words, numbers and punctuation apart,
//! but `U.S.`, `Nagorno-Karabakh`, `al-Assad`, `O'Neill`, `1996-08-22` and `10,000` whole, and
//! `Clinton's` as `Clinton` + `'s`.

use std::sync::LazyLock;

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // Web addresses, handles and hashtags, whole: they name accounts and pages, not
        // entities, and `tag` leaves them outside every entity.
        r#"(?:https?://|www\.)\S*[^\s.,;:!?)\]}"'’”]"#,
        r"|[@#][\p{L}\p{N}_]+",
        // Initialisms: U.S., U.N., e.g.
        r"|(?:\p{L}\.){2,}",
        // Abbreviations CoNLL keeps with their period: titles, company forms, initials.
        r"|(?:Mrs|Mr|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Maj|Sen|Rep|Gov|Rev|Hon|Pres|Jr|Sr|St|Mt|Ft|Inc|Corp|Co|Ltd|Bros|Plc|Cie|No|vs|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec)\.",
        r"|\p{Lu}\.",
        // O'Neill, D'Alema: one letter, an apostrophe, a capitalised name; Macy-O'Toole too.
        r"|\p{L}['’]\p{Lu}[\p{L}\p{M}]+(?:[\-‐‑][\p{L}\p{M}\p{N}]+)*",
        // Numbers with separators: 10,000  3.5  1996-08-22  12:30  1/2
        r"|\p{N}+(?:[.,:/\-]\p{N}+)*",
        // Words, hyphenated compounds kept whole like CoNLL: Nagorno-Karabakh, al-Assad.
        r"|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[\-‐‑](?:\p{L}['’]\p{Lu})?[\p{L}\p{M}\p{N}]+)*",
        // Clitics: 's  'll  n't is rare in news names, left to the fallback.
        r"|['’]\p{L}{1,2}(?-u:\b)",
        // Anything else: one visible character.
        r"|\S",
    ))
    .expect("static token regex")
});

/// Whether `token` is a web address, a handle or a hashtag (as the tokenizer keeps them whole).
pub fn is_web_token(token: &str) -> bool {
    token.len() > 1
        && (token.starts_with(['@', '#'])
            || token.starts_with("http://")
            || token.starts_with("https://")
            || token.starts_with("www."))
}

/// Byte ranges of the tokens of `text`, appended to `out` with `offset` added.
///
/// Every token starts at the first visible character after the last one (the last
/// alternative takes any visible character alone), so each search is anchored there. An
/// unanchored search would find the same tokens but first scan backwards for where each
/// starts, and building that reverse automaton for these Unicode classes was most of the
/// first article's tagging time.
pub fn tokenize_into(text: &str, offset: usize, out: &mut Vec<[usize; 2]>) {
    let mut at = 0;
    while let Some(start) = text[at..]
        .find(|c: char| !c.is_whitespace())
        .map(|i| at + i)
    {
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        let end = match TOKEN.find(input) {
            Some(m) => m.end(),
            // Unreachable (`\S` matches any visible character); step over it all the same.
            None => start + text[start..].chars().next().map_or(1, char::len_utf8),
        };
        out.push([offset + start, offset + end]);
        at = end;
    }
}

/// Loads this module's tables ahead of first use (see `Stage::preloads`).
pub(crate) fn preload() {
    LazyLock::force(&TOKEN);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize_into(text, 0, &mut v);
        v.iter().map(|[s, e]| &text[*s..*e]).collect()
    }

    #[test]
    fn keeps_names_and_numbers_whole() {
        assert_eq!(
            toks(
                "The U.S. envoy met O'Neill in Nagorno-Karabakh on 1996-08-22, with 10,000 troops."
            ),
            [
                "The",
                "U.S.",
                "envoy",
                "met",
                "O'Neill",
                "in",
                "Nagorno-Karabakh",
                "on",
                "1996-08-22",
                ",",
                "with",
                "10,000",
                "troops",
                "."
            ]
        );
        assert_eq!(
            toks("Clinton's (al-Assad)"),
            ["Clinton", "'s", "(", "al-Assad", ")"]
        );
        assert_eq!(
            toks("Mr. George W. Bush of Acme Inc. drove."),
            [
                "Mr.", "George", "W.", "Bush", "of", "Acme", "Inc.", "drove", "."
            ]
        );
        assert!(toks("").is_empty());
    }

    #[test]
    fn typographic_apostrophes_hold_inside_names() {
        assert_eq!(
            toks("Kelly Macy-O’Toole and Seán O’Brien met Maria D’Souza and Jean‑Pierre."),
            [
                "Kelly",
                "Macy-O’Toole",
                "and",
                "Seán",
                "O’Brien",
                "met",
                "Maria",
                "D’Souza",
                "and",
                "Jean‑Pierre",
                "."
            ]
        );
    }

    #[test]
    fn web_addresses_handles_and_hashtags_are_one_token_each() {
        let t =
            toks("Schumer (@SenSchumer) posted at https://twitter.com/a/status/1, with #Ukraine.");
        assert_eq!(
            t,
            [
                "Schumer",
                "(",
                "@SenSchumer",
                ")",
                "posted",
                "at",
                "https://twitter.com/a/status/1",
                ",",
                "with",
                "#Ukraine",
                "."
            ]
        );
        let web: Vec<&str> = t.into_iter().filter(|t| is_web_token(t)).collect();
        assert_eq!(
            web,
            ["@SenSchumer", "https://twitter.com/a/status/1", "#Ukraine"]
        );
        // A lone sign is punctuation, not a handle.
        assert!(!is_web_token("#") && !is_web_token("@"));
    }
}
