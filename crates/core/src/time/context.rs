//! Judging a candidate by its neighbours: is a bare four-digit number a year, and does a bare
//! weekday or month sit in a clause about the future?
//!
//! Hand-written because no crate does this: it is a handful of word lists over the few bytes
//! around a match, cheap enough to run on every candidate.

pub(crate) fn previous_word(text: &str, start: usize) -> &str {
    // "No. 1994": the abbreviation's period belongs to the word.
    let before = text[..start].trim_end();
    let before = before.strip_suffix('.').unwrap_or(before);
    let from = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[from..];
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

fn next_word(text: &str, end: usize) -> (&str, usize) {
    let after = text[end..].trim_start_matches([' ', '\t', '\u{a0}']);
    let offset = text.len() - after.len();
    let len = after
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after.len());
    (&after[..len], offset + len)
}

fn in_list(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// A four-digit number at `start..end` read as a year only when its neighbours allow it.
pub(crate) fn bare_year(text: &str, start: usize, end: usize) -> Option<i16> {
    let year: i16 = text[start..end].parse().ok()?;
    let bytes = text.as_bytes();
    let before = |k: usize| start.checked_sub(k).map(|i| bytes[i]);
    let after = |k: usize| bytes.get(end + k - 1).copied();
    let digit = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_digit());

    // Part of a larger number, an amount or a code: "1,1994", "$2000", "555-1994", "2000%".
    if matches!(before(1), Some(b'$' | b'#' | b'+')) || text[..start].ends_with(['€', '£', '¥'])
    {
        return None;
    }
    if matches!(before(1), Some(b',' | b'.' | b':' | b'/' | b'-')) && digit(before(2)) {
        // A year range "1994-2020" is the one joined number that stays a year.
        let range = before(1) == Some(b'-')
            && start >= 5
            // Bytes, not a str slice: the byte five back may be inside a character ("€12-2020").
            && text.as_bytes()[start - 5..start - 1].iter().all(u8::is_ascii_digit);
        if !range {
            return None;
        }
    }
    if matches!(after(1), Some(b',' | b'.' | b':' | b'/')) && digit(after(2)) {
        return None;
    }
    if after(1) == Some(b'%') {
        return None;
    }
    if after(1) == Some(b'-') && digit(after(2)) {
        // "2019-20" and "1994-2020" are ranges of years; "1994-5555" is a code.
        let run = text[end + 1..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if run != 2 && run != 4 {
            return None;
        }
    }

    let previous = previous_word(text, start);
    if in_list(previous, crate::lang::en::not_year_before())
        || previous.bytes().all(|b| b.is_ascii_digit()) && !previous.is_empty()
    {
        return None;
    }
    // A model or product code ("RTX 2060", "COVID 2019"), unless the whole line shouts.
    let acronym = previous.len() >= 2 && previous.bytes().all(|b| b.is_ascii_uppercase());
    if acronym && !in_list(previous, crate::lang::en::year_prepositions()) && !shouting(text, start)
    {
        return None;
    }
    let (next, next_end) = next_word(text, end);
    if in_list(next, crate::lang::en::count_nouns()) {
        return None;
    }
    // "1994 Armenian soldiers": look one word further past a capitalised adjective.
    if next.chars().next().is_some_and(char::is_uppercase)
        && in_list(next_word(text, next_end).0, crate::lang::en::count_nouns())
    {
        return None;
    }
    let plausible = (1900..=2100).contains(&year)
        || (1500..1900).contains(&year) && in_list(previous, crate::lang::en::year_prepositions());
    plausible.then_some(year)
}

/// Whether the text around `at` is in capitals, as headlines and datelines sometimes are.
fn shouting(text: &str, at: usize) -> bool {
    let mut from = at.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (at + 40).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let letters = text[from..to].chars().filter(|c| c.is_alphabetic());
    let (upper, total) = letters.fold((0, 0), |(u, t), c| {
        (u + usize::from(c.is_uppercase()), t + 1)
    });
    total >= 8 && upper * 10 >= total * 9
}

/// Whether the weekday whose phrase starts at `start` names no one day.
pub(crate) fn habitual(text: &str, start: usize, modifier: &str) -> bool {
    let previous = previous_word(text, start);
    in_list(previous, crate::lang::en::habitual())
        || modifier.eq_ignore_ascii_case("last") && previous.eq_ignore_ascii_case("the")
}

/// Whether the phrase ending at `end` is the subject of a future verb ("Sunday will be grey").
pub(crate) fn future_follows(text: &str, end: usize) -> bool {
    let (next, _) = next_word(text, end);
    next.eq_ignore_ascii_case("will") || next.eq_ignore_ascii_case("shall")
}

/// Whether the weekday at `start` is part of a named day, or "Today" part of a title such as
/// "USA Today": a capitalised word right before it, in the middle of a sentence.
pub(crate) fn part_of_a_name(text: &str, start: usize, weekday: bool) -> bool {
    let previous = previous_word(text, start);
    if !previous.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    if weekday {
        return in_list(previous, crate::lang::en::named_day_prefixes());
    }
    let joined = text[..start].trim_end_matches([' ', '\u{a0}']);
    joined.len() < start && joined.ends_with(char::is_alphanumeric)
}

/// Whether the clause before `start` speaks of the future.
pub(crate) fn future_clause(text: &str, start: usize) -> bool {
    let mut from = start.saturating_sub(100);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = &text[from..start];
    let clause_start = window
        .char_indices()
        .rev()
        .find(|(_, c)| {
            matches!(
                c,
                '.' | '!' | '?' | '\n' | ',' | ';' | ':' | '"' | '“' | '”'
            )
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    let clause = &window[clause_start..];
    for word in clause
        .rsplit(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if in_list(word, crate::lang::en::past_cues()) {
            return false;
        }
        if in_list(word, crate::lang::en::future_cues()) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year_in(text: &str) -> Option<i16> {
        let start = text.find(|c: char| c.is_ascii_digit()).unwrap();
        let end = start + text[start..].bytes().take_while(u8::is_ascii_digit).count();
        bare_year(text, start, end)
    }

    #[test]
    fn years_by_their_neighbours() {
        assert_eq!(year_in("the war that ended in 1994."), Some(1994));
        assert_eq!(year_in("since the 2020 war ended"), Some(2020));
        assert_eq!(year_in("Russia's 2022 invasion"), Some(2022));
        assert_eq!(year_in("from 2019-20 onwards"), Some(2019));
        assert_eq!(year_in("in 1815, Napoleon"), Some(1815));
        assert_eq!(year_in("1994 people died"), None);
        assert_eq!(year_in("some 2000 were killed"), None);
        assert_eq!(year_in("sent 2000 Russian troops"), None);
        assert_eq!(year_in("call 555-1994-2020"), None);
        assert_eq!(year_in("Resolution 2020 says"), None);
        assert_eq!(year_in("at 1930 GMT"), None);
        assert_eq!(year_in("costs $2000 now"), None);
        assert_eq!(year_in("a 1500 metre race"), None);
        assert_eq!(year_in("lost 2000 of them"), None);
        assert_eq!(year_in("1850 more"), None);
        assert_eq!(year_in("hadith no.1997 says"), None);
        assert_eq!(year_in("the RTX 2060 card"), None);
        assert_eq!(year_in("BLOODSHED ENDED IN 1994"), Some(1994));
        assert_eq!(year_in("WAR OF 2020 ENDS"), Some(2020));
    }

    #[test]
    fn future_or_past_clause() {
        let at = |s: &str| future_clause(s, s.find("Monday").unwrap());
        assert!(at("The ministers will meet in Baku on Monday"));
        assert!(at("He said he will travel on Monday"));
        assert!(!at("The US will press for peace, Price said on Monday"));
        assert!(!at("The talks began on Monday"));
        assert!(!at("Blinken called on Monday"));
    }
}
