//! Cuts a sentence into syntactic words the way UD English EWT does: punctuation apart, hyphens
//! between words apart (`Nagorno-Karabakh` → `Nagorno` `-` `Karabakh`), clitics apart (`don't`
//! → `do` `n't`, `Clinton's` → `Clinton` `'s`, `cannot` → `can` `not`), but web addresses,
//! e-mail addresses, handles, numbers with separators (`10,000`, `1996-08-22`), initialisms
//! (`U.S.`) and abbreviations (`Mr.`) whole. Every word is a contiguous byte range.

use std::sync::LazyLock;

use regex::Regex;

static WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r#"(?:https?://|www\.)\S*[^\s.,;:!?)\]}"'’”]"#,
        r"|[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)+",
        r"|[@#][\p{L}\p{N}_]+",
        r"|(?:\p{L}\.){2,}",
        r"|(?:Mrs|Mr|Ms|Dr|Prof|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Maj|Sen|Rep|Gov|Rev|Hon|Pres|Jr|Sr|St|Mt|Ft|Inc|Corp|Co|Ltd|Bros|Plc|No|vs|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|etc)\.",
        r"|\p{Lu}\.",
        r"|[$€£¥]?\p{N}+(?:[.,:/\-]\p{N}+)*(?:st|nd|rd|th|s)?",
        // Words with inner apostrophes (contractions are cut apart below).
        r"|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’][\p{L}\p{M}]+)*",
        r"|['’]\p{L}{1,2}(?-u:\b)",
        r"|\.{2,}|-{2,}|[!?]+",
        r"|\S",
    ))
    .expect("static word regex")
});

/// Byte ranges of the words of `sentence`, appended to `out` with `offset` added.
pub fn words_into(sentence: &str, offset: usize, out: &mut Vec<[usize; 2]>) {
    for m in WORD.find_iter(sentence) {
        let (s, e) = (m.start(), m.end());
        let cut = clitic_start(m.as_str()).map(|k| s + k);
        match cut {
            Some(c) => {
                out.push([offset + s, offset + c]);
                out.push([offset + c, offset + e]);
            }
            None => out.push([offset + s, offset + e]),
        }
    }
}

/// The words of `sentence` as strings (for tests and tools).
pub fn words(sentence: &str) -> Vec<&str> {
    let mut spans = Vec::new();
    words_into(sentence, 0, &mut spans);
    spans.iter().map(|&[s, e]| &sentence[s..e]).collect()
}

/// Where a trailing clitic starts inside `word`, if it ends in one.
fn clitic_start(word: &str) -> Option<usize> {
    if word.eq_ignore_ascii_case("cannot") {
        return Some(3);
    }
    if !word.contains(['\'', '’']) {
        return None;
    }
    for clitic in ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"] {
        for apostrophe in ["'", "’"] {
            let clitic = clitic.replace('\'', apostrophe);
            let Some(k) = word.len().checked_sub(clitic.len()).filter(|&k| k > 0) else {
                continue;
            };
            if word.is_char_boundary(k) && word[k..].eq_ignore_ascii_case(&clitic) {
                return Some(k);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_like_the_treebank() {
        assert_eq!(
            words("Iran's envoy didn't say, \"We cannot.\""),
            [
                "Iran", "'s", "envoy", "did", "n't", "say", ",", "\"", "We", "can", "not", ".",
                "\""
            ]
        );
        assert_eq!(
            words("The U.S.-led talks in Nagorno-Karabakh drew 10,000 people on 1996-08-22..."),
            [
                "The",
                "U.S.",
                "-",
                "led",
                "talks",
                "in",
                "Nagorno",
                "-",
                "Karabakh",
                "drew",
                "10,000",
                "people",
                "on",
                "1996-08-22",
                "..."
            ]
        );
        assert_eq!(
            words("Mr. O’Neill’s aide wrote to a@b.org and @AP at https://x.org/a."),
            [
                "Mr.",
                "O’Neill",
                "’s",
                "aide",
                "wrote",
                "to",
                "a@b.org",
                "and",
                "@AP",
                "at",
                "https://x.org/a",
                "."
            ]
        );
        assert!(words("").is_empty());
    }

    #[test]
    fn every_word_is_a_range_of_the_text() {
        let text = "“They’re here,” she said — WON’T they?";
        let mut spans = Vec::new();
        words_into(text, 0, &mut spans);
        let rebuilt: String = spans.iter().map(|&[s, e]| &text[s..e]).collect();
        assert_eq!(rebuilt, text.split_whitespace().collect::<String>());
        assert!(words(text).contains(&"n’t") || words(text).contains(&"N’T"));
    }
}
