//! Splits a sentence into tokens the way CoNLL-2003 did: words, numbers and punctuation apart,
//! but `U.S.`, `Nagorno-Karabakh`, `al-Assad`, `O'Neill`, `1996-08-22` and `10,000` whole, and
//! `Clinton's` as `Clinton` + `'s`.

use std::sync::LazyLock;

use regex::Regex;

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        // Initialisms: U.S., U.N., e.g.
        r"(?:\p{L}\.){2,}",
        // Abbreviations CoNLL keeps with their period: titles, company forms, initials.
        r"|(?:Mrs|Mr|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Maj|Sen|Rep|Gov|Rev|Hon|Pres|Jr|Sr|St|Mt|Ft|Inc|Corp|Co|Ltd|Bros|Plc|Cie|No|vs|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec)\.",
        r"|\p{Lu}\.",
        // O'Neill, D'Alema: one letter, an apostrophe, a capitalised name.
        r"|\p{L}['’]\p{Lu}[\p{L}\p{M}]+",
        // Numbers with separators: 10,000  3.5  1996-08-22  12:30  1/2
        r"|\p{N}+(?:[.,:/\-]\p{N}+)*",
        // Words, hyphenated compounds kept whole like CoNLL: Nagorno-Karabakh, al-Assad.
        r"|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:[\-‐][\p{L}\p{M}\p{N}]+)*",
        // Clitics: 's  'll  n't is rare in news names, left to the fallback.
        r"|['’]\p{L}{1,2}(?-u:\b)",
        // Anything else: one visible character.
        r"|\S",
    ))
    .expect("static token regex")
});

/// Byte ranges of the tokens of `text`, appended to `out` with `offset` added.
pub fn tokenize_into(text: &str, offset: usize, out: &mut Vec<[usize; 2]>) {
    for m in TOKEN.find_iter(text) {
        out.push([offset + m.start(), offset + m.end()]);
    }
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
}
