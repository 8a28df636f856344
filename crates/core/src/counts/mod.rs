//! Counts of people: how many were killed, injured, missing, arrested, displaced, kidnapped,
//! or sent as troops, with the qualifier the text gives ("at least", "more than", "some").
//!
//! Each sentence is read word by word: a number (digits or words, see [`numbers`]), the
//! qualifier before it, the kind from a verb before it ("killed 12") or the first kind word
//! after it ("49 dead", "three civilians injured", "7 militants were killed"), the affected
//! group between the number and the kind word, or after "among"/"of". Years, dates, ages,
//! money, percentages, times, phone numbers and numbers inside names are never counts.
//! A count is background when its sentence dates it before the publication, or speaks of a
//! war or period that ended.

mod numbers;
#[cfg(test)]
mod tests;

pub use numbers::Number;

use crate::document::Document;
use crate::record::{Count, DateMention, Record};
use crate::stage::Stage;

pub struct Counts;

impl Stage for Counts {
    fn name(&self) -> &'static str {
        "counts"
    }
    fn run(&self, doc: &mut Document) {
        let counts = find_counts(&doc.record);
        doc.record.counts = Some(counts);
    }
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const CURRENCIES: &[&str] = &[
    "dollars", "dollar", "euros", "euro", "pounds", "cents", "usd", "eur", "gbp", "rubles",
    "roubles", "yuan", "yen", "rupees", "drams", "manat", "lira", "francs", "bucks", "bn", "m",
];

fn kind_verb_before(word: &str) -> Option<&'static str> {
    Some(match word {
        "killed" | "killing" | "kill" | "kills" | "toll" => "killed",
        "wounded" | "wounding" | "injured" | "injuring" | "injure" | "wound" => "injured",
        "arrested" | "arresting" | "arrest" | "detained" | "detaining" | "detain" => "arrested",
        "kidnapped" | "kidnapping" | "abducted" | "abducting" | "kidnap" | "abduct" => "kidnapped",
        "displaced" | "displacing" | "displace" | "evacuated" | "uprooted" => "displaced",
        _ => return None,
    })
}

fn kind_word_after(word: &str) -> Option<&'static str> {
    Some(match word {
        "dead" | "killed" | "deaths" | "died" | "die" | "dies" | "fatalities" | "fatality"
        | "bodies" | "lives" | "death" | "slain" | "perished" => "killed",
        "injured" | "wounded" | "hurt" | "injuries" | "injury" => "injured",
        "missing" | "unaccounted" => "missing",
        "arrested" | "detained" | "arrests" | "detentions" | "jailed" | "imprisoned" => "arrested",
        "displaced" | "fled" | "refugees" | "evacuated" | "homeless" => "displaced",
        "kidnapped" | "abducted" | "hostages" | "hostage" => "kidnapped",
        _ => return None,
    })
}

fn is_troops(word: &str) -> bool {
    matches!(
        word,
        "soldiers"
            | "troops"
            | "servicemen"
            | "peacekeepers"
            | "marines"
            | "paratroopers"
            | "soldier"
            | "reservists"
            | "conscripts"
            | "personnel"
    )
}

fn is_people(word: &str) -> bool {
    matches!(
        word,
        "people"
            | "persons"
            | "civilians"
            | "residents"
            | "protesters"
            | "protestors"
            | "migrants"
            | "children"
            | "women"
            | "men"
            | "villagers"
            | "demonstrators"
    )
}

/// Words that end the affected group after a number ("12 militants including …", "3 were").
fn ends_subject(word: &str) -> bool {
    matches!(
        word,
        "were"
            | "was"
            | "are"
            | "is"
            | "have"
            | "has"
            | "had"
            | "been"
            | "including"
            | "who"
            | "and"
            | "in"
            | "on"
            | "at"
            | "from"
            | "by"
            | "to"
            | "during"
            | "after"
            | "when"
            | "as"
            | "of"
            | "that"
            | "with"
            | "while"
            | "but"
            | "since"
            | "so"
            | "far"
            | "this"
            | "the"
            | "a"
            | "an"
            | "among"
            | "left"
            | "reported"
    )
}

/// Clause words past which a kind word no longer belongs to the number.
fn ends_clause(word: &str) -> bool {
    matches!(
        word,
        "when" | "while" | "but" | "because" | "although" | "whereas" | "after" | "since" | "than"
    )
}

/// The qualifier stated in the (lower-cased) words before word `i`, and how many words it
/// takes.
fn qualifier(words: &[String], i: usize) -> (&'static str, usize) {
    let w = |back: usize| {
        i.checked_sub(back)
            .and_then(|k| words.get(k))
            .map_or("", String::as_str)
    };
    match (w(3), w(2), w(1)) {
        (_, "at", "least") | (_, "at", "minimum") => ("at_least", 2),
        ("no", "fewer" | "less", "than") => ("at_least", 3),
        ("in", "excess", "of") => ("more_than", 3),
        (_, "more" | "greater", "than") | (_, "upwards", "of") => ("more_than", 2),
        (_, "up", "to") | ("as", "many", "as") => ("up_to", if w(3) == "as" { 3 } else { 2 }),
        (_, "close", "to") | (_, "an", "estimated") => ("about", 2),
        (_, _, "over" | "above" | "exceeding") => ("more_than", 1),
        (
            _,
            _,
            "some" | "about" | "around" | "roughly" | "approximately" | "nearly" | "almost"
            | "estimated" | "approx" | "circa" | "perhaps" | "possibly",
        ) => ("about", 1),
        _ => ("exact", 0),
    }
}

/// Every count in the record's text.
pub fn find_counts(record: &Record) -> Vec<Count> {
    let text = record.text.as_str();
    let mut out = Vec::new();
    let mut lower: Vec<String> = Vec::new();
    let mut offsets: Vec<(usize, usize)> = Vec::new();
    let mut lowered = String::new();
    let published = record.published.as_deref().and_then(day_number);
    let dates_in = crate::text::spans::by_sentence(
        &record.sentences,
        record.dates.iter().map(|d| [d.start, d.end]),
    );
    for (&[a, b], dates) in record.sentences.iter().zip(&dates_in) {
        if a >= b || b > text.len() || !text.is_char_boundary(a) || !text.is_char_boundary(b) {
            continue;
        }
        let sentence = &text[a..b];
        lowered.clear();
        lowered.push_str(sentence);
        lowered.make_ascii_lowercase();
        if !may_count(&lowered) {
            continue;
        }
        lower.clear();
        offsets.clear();
        for (i, w) in crate::text::words(sentence) {
            lower.push(w.to_lowercase());
            offsets.push((a + i, a + i + w.len()));
        }
        let mut background = None;
        let mut i = 0;
        while i < lower.len() {
            let Some(n) = numbers::read(&lower, i, |k| gap(text, &offsets, k).trim() == "-") else {
                i += 1;
                continue;
            };
            let next_i = n.last + 1;
            if let Some(count) = read_count(text, &lower, &offsets, i, n) {
                let bg = *background
                    .get_or_insert_with(|| is_background(record, dates, sentence, a, b, published));
                out.push(Count {
                    background: bg,
                    ..count
                });
            }
            i = next_i;
        }
    }
    out
}

/// A cheap test that a (lower-cased) sentence holds a digit or a number word before the
/// word-level reading.
fn may_count(sentence: &str) -> bool {
    sentence.bytes().any(|b| b.is_ascii_digit())
        || [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "teen", "ty ", "ty-", "dozen", "hundred", "thousand", "scores",
        ]
        .iter()
        .any(|w| sentence.contains(w))
}

/// The text between word `k` and word `k + 1`.
fn gap<'a>(text: &'a str, offsets: &[(usize, usize)], k: usize) -> &'a str {
    match (offsets.get(k), offsets.get(k + 1)) {
        (Some(&(_, e)), Some(&(s, _))) if e <= s => &text[e..s],
        // A few bytes of what follows, cut on a character boundary (a closing quote is three).
        (Some(&(_, e)), None) => &text[e..text.floor_char_boundary(e + 3)],
        _ => "",
    }
}

fn read_count(
    text: &str,
    lower: &[String],
    offsets: &[(usize, usize)],
    i: usize,
    n: Number,
) -> Option<Count> {
    let word = |k: usize| lower.get(k).map_or("", String::as_str);
    let first = word(i);
    let last = n.last;
    let digits = numbers::is_digits(first);
    let (start, end) = (offsets[i].0, offsets[last].1);
    let before_char = text[..start].chars().next_back();
    let after = &text[end..];
    // Dates, years, ages, money, percentages, times, phone numbers, names.
    if MONTHS.contains(&word(last + 1)) || (i > 0 && MONTHS.contains(&word(i - 1))) {
        return None;
    }
    let year_like =
        digits && first.len() == 4 && !first.contains(',') && (1000..=2100).contains(&n.value);
    if year_like && !kind_noun(word(last + 1)) {
        return None;
    }
    if matches!(word(last + 1), "year" | "years")
        && (after.starts_with('-') || word(last + 2) == "old")
        || (i > 0 && matches!(word(i - 1), "aged" | "age" | "ages"))
        || after.starts_with("-year")
    {
        return None;
    }
    if before_char.is_some_and(|c| matches!(c, '$' | '€' | '£' | '¥' | '₽' | '+' | '#'))
        || CURRENCIES.contains(&word(last + 1))
        || (i > 0 && CURRENCIES.contains(&word(i - 1)))
    {
        return None;
    }
    if after.starts_with(['%', ':', '/'])
        || matches!(
            word(last + 1),
            "percent" | "pc" | "am" | "pm" | "gmt" | "utc" | "h"
        )
        || (word(last + 1) == "per" && word(last + 2) == "cent")
    {
        return None;
    }
    if digits
        && (before_char.is_some_and(|c| matches!(c, '-' | '/' | '(' | '.' | ':'))
            || after.starts_with(['-', ')'])
                && after[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        return None;
    }
    let (qual, qual_len) = qualifier(lower, i);
    let q_start = i - qual_len;
    // A capitalised word right before a number names it ("Resolution 2020", "Flight 17").
    if q_start > 1 && digits && qual_len == 0 {
        let prev = &text[offsets[q_start - 1].0..offsets[q_start - 1].1];
        if prev.starts_with(char::is_uppercase) && !MONTHS.contains(&word(q_start - 1)) {
            return None;
        }
    }
    let qualifier = if qual == "exact" && n.vague {
        "about"
    } else {
        qual
    };

    // The kind: a verb just before ("killed at least 12"), else the first kind word after.
    let mut kind = None;
    let mut kind_at = None;
    // "one of them" is a part of a count already read.
    if matches!(word(last + 1), "of")
        && matches!(word(last + 2), "them" | "us" | "whom" | "those" | "these")
    {
        return None;
    }
    if q_start > 0 && !gap(text, offsets, q_start - 1).contains([',', '.', ';', ':']) {
        if let Some(k) = kind_verb_before(word(q_start - 1)) {
            kind = Some(k);
        } else if q_start > 1
            && word(q_start - 2) == "toll"
            && matches!(
                word(q_start - 1),
                "to" | "of" | "at" | "reached" | "rose" | "stood" | "stands"
            )
        {
            kind = Some("killed");
        }
    }
    if kind.is_none() {
        for k in last + 1..lower.len().min(last + 11) {
            if ends_clause(word(k)) || gap(text, offsets, k.saturating_sub(1)).contains([';', ':'])
            {
                break;
            }
            if let Some(found) = kind_word_after(word(k)) {
                kind = Some(found);
                kind_at = Some(k);
                break;
            }
        }
    }
    let head = last + 1;
    let (kind, subject) = match kind {
        Some(k) => (k, subject_of(text, lower, offsets, head, kind_at)),
        None if (head..head + 3).any(|k| is_troops(word(k))) => {
            let k = (head..head + 3)
                .find(|&k| is_troops(word(k)))
                .unwrap_or(head);
            (
                "troops",
                Some(text[offsets[head].0..offsets[k].1].to_string()),
            )
        }
        None if is_people(word(head)) || is_people(word(head + 1)) && !ends_subject(word(head)) => {
            ("other", subject_of(text, lower, offsets, head, None))
        }
        None => return None,
    };
    Some(Count {
        kind: kind.to_string(),
        number: n.value,
        qualifier: qualifier.to_string(),
        subject,
        event: None,
        background: false,
        start: offsets[q_start].0,
        end,
    })
}

fn kind_noun(word: &str) -> bool {
    is_troops(word) || is_people(word) || kind_word_after(word).is_some()
}

/// The affected group: the words between the number and the kind word ("12 Taliban militants
/// were killed"), else after "among"/"of" ("49 dead among the Armenian military").
fn subject_of(
    text: &str,
    lower: &[String],
    offsets: &[(usize, usize)],
    head: usize,
    kind_at: Option<usize>,
) -> Option<String> {
    let word = |k: usize| lower.get(k).map_or("", String::as_str);
    let mut end = head;
    while end < lower.len()
        && end < head + 4
        && Some(end) != kind_at
        && !ends_subject(word(end))
        && kind_word_after(word(end)).is_none()
    {
        end += 1;
    }
    if end > head {
        return Some(
            text[offsets[head].0..offsets[end - 1].1]
                .trim_matches(['(', ')'])
                .to_string(),
        );
    }
    let k = kind_at.map_or(head, |k| k + 1);
    if matches!(word(k), "among" | "of") && !matches!(word(k + 1), "them" | "whom" | "which") {
        let mut s = k + 1;
        while matches!(
            word(s),
            "the" | "a" | "an" | "its" | "their" | "his" | "her"
        ) {
            s += 1;
        }
        let mut e = s;
        while e < lower.len()
            && e < s + 4
            && !ends_subject(word(e))
            && !gap(text, offsets, e.saturating_sub(1)).contains([',', ';']) | (e == s)
        {
            e += 1;
            if gap(text, offsets, e - 1).contains([',', ';', '.']) {
                break;
            }
        }
        if e > s {
            return Some(text[offsets[s].0..offsets[e - 1].1].to_string());
        }
    }
    None
}

/// Whether the sentence speaks of the past: a date in it before the publication (more than a
/// month), or a war or period that ended. `dates`: indices of the record's dates that overlap it.
fn is_background(
    record: &Record,
    dates: &[usize],
    sentence: &str,
    a: usize,
    b: usize,
    published: Option<i64>,
) -> bool {
    if let Some(p) = published {
        let dated_before = dates
            .iter()
            .map(|&i| &record.dates[i])
            .filter(|d| d.start >= a && d.end <= b)
            .any(|d| latest_day(d).is_some_and(|last| last + 31 < p));
        if dated_before {
            return true;
        }
    }
    let lower = sentence.to_lowercase();
    [
        "ended with",
        "ended in",
        " since ",
        "in the 19",
        "in the 20",
        "war of 19",
        "anniversary",
    ]
    .iter()
    .any(|p| lower.contains(p))
}

/// An approximate day number (months of 31 days) of an ISO date `YYYY[-MM[-DD]]`.
fn day_number(iso: &str) -> Option<i64> {
    let mut parts = iso.get(..10.min(iso.len()))?.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(1);
    let d: i64 = parts.next().and_then(|d| d.parse().ok()).unwrap_or(1);
    Some(y * 372 + (m - 1) * 31 + d)
}

/// The last day a date mention can mean: the end of its year, month or decade.
fn latest_day(d: &DateMention) -> Option<i64> {
    let v = d.value.as_str();
    if v.len() == 4 && v.ends_with('X') {
        let decade: i64 = v[..3].parse().ok()?;
        return Some((decade * 10 + 9) * 372 + 372);
    }
    match v.len() {
        4 => Some(v.parse::<i64>().ok()? * 372 + 372),
        7 => day_number(v).map(|d| d + 30),
        _ => day_number(v),
    }
}
