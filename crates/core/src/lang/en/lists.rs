//! Word lists of English that stages ask for, read from `data/lang/en/` (one entry a line,
//! `#` lines are comments). Each list says, at the top of its file, what it is for.

use std::sync::LazyLock;

fn parse(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

macro_rules! word_lists {
    ($($(#[$doc:meta])* $name:ident = $file:literal;)*) => {
        $(
            $(#[$doc])*
            pub fn $name() -> &'static [&'static str] {
                static LIST: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
                    parse(include_str!(concat!("../../../../../data/lang/en/", $file)))
                });
                &LIST
            }
        )*

        /// Every list, with its file name.
        #[cfg(test)]
        const ALL: &[(&str, fn() -> &'static [&'static str])] = &[$(($file, $name)),*];
    };
}

word_lists! {
    /// Abbreviations that do not end a sentence when followed by a capital (titles, months,
    /// company suffixes that precede more words). Lower case, without the period.
    abbreviations = "abbreviations.txt";
    /// Words that, capitalised after a dotted acronym ("... in the U.S. The ..."), show that the
    /// acronym closed the sentence.
    sentence_starters = "sentence-starters.txt";
    /// The commonest English words: their share of a text's words tells English apart.
    function_words = "function-words.txt";
    /// Honorifics left out when person names are compared ("Mr Pashinyan" = "Pashinyan").
    honorifics = "honorifics.txt";
    /// Small words inside organization names, left out when names are compared.
    name_joiners = "name-joiners.txt";
    /// Words of institutions and titles: a "name" made of them is not a person's
    /// ("General Assembly", "Prime Minister").
    not_name_words = "not-name-words.txt";
    /// Words that may stand between an article and a title without saying whose it is.
    title_modifiers = "title-modifiers.txt";
    /// Articles and possessives that may open a title ("the president", "his deputy").
    articles = "articles.txt";
    /// Words that link a title to whose it is ("president of", "spokesman for").
    title_links = "title-links.txt";
    /// Words after a number that make it a count or a measure, not a year ("1994 people").
    count_nouns = "count-nouns.txt";
    /// Words before a number that make it a count or a label, not a year.
    not_year_before = "not-year-before.txt";
    /// Words before an old number that make it a year all the same ("in 1815").
    year_prepositions = "year-prepositions.txt";
    /// Capitalised words that turn a weekday into a named day ("Black Friday").
    named_day_prefixes = "named-day-prefixes.txt";
    /// Words before a weekday that make it a habit or a rule, not a date ("every Monday", "the
    /// fourth Thursday in November", "the last Friday of the month").
    habitual = "habitual.txt";
    /// Words that put the rest of their clause in the future.
    future_cues = "future-cues.txt";
    /// Words that, met first, keep the clause in the past ("said he will ... on Monday" is future;
    /// "will ..., he said on Monday" is not).
    past_cues = "past-cues.txt";
    /// Stems of verbs and adjectives that make the infinitive after them an intention
    /// ("pledged to", "ready to").
    intent_stems = "intent-stems.txt";
    /// Stems that make the infinitive after them scheduled ("set to", "due to").
    scheduled_stems = "scheduled-stems.txt";
    /// Stems that make the infinitive after them refused ("refused to", "declined to").
    refusal_stems = "refusal-stems.txt";
    /// Stems that make the infinitive after them wished, asked or tried, not done
    /// ("hoped to", "urged X to", "tried to").
    wish_stems = "wish-stems.txt";
    /// Words that refer to the writer or their group (GDELT's Self/Group Reference Density).
    self_or_group = "self-or-group.txt";
    /// Words of a time phrase met between a speaker and the cue ("on Monday", "last week").
    quote_time_words = "quote-time-words.txt";
    /// Words allowed between a speaker and its cue ("Blinken himself already said", "X has also
    /// told"). Reflexives, auxiliaries, adverbs of time and manner.
    quote_fillers = "quote-fillers.txt";
    /// Words before a verb form that show it is a noun ("the attack", "their strikes").
    noun_markers = "noun-markers.txt";
    /// Words that report what their subject says, as written ("said", "vowed").
    speaking_words = "speaking-words.txt";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_file_is_read_and_holds_distinct_entries() {
        for (file, list) in ALL {
            let words = list();
            assert!(!words.is_empty(), "{file} is empty");
            let mut sorted = words.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), words.len(), "{file} repeats an entry");
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/lang/en");
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let read = ALL.iter().any(|(file, _)| *file == name) || name == "speech-verbs.txt";
            assert!(read, "data/lang/en/{name} is read by no list");
        }
    }
}
