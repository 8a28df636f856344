//! The plain-text pass: what scraping leaves in a body that is not the story.
//!
//! The text is read as blocks (paragraphs). A block is kept, trimmed, or moved out:
//! - leading metadata (`date 2022-09-13`, `Published: …`, a short `By …` byline) becomes
//!   `published` / `author`;
//! - photo captions with their credit (`… REUTERS/Name/Pool`, `… Handout via REUTERS`,
//!   `(AP Photo/Name)`, an all-caps institutional credit, a caption opening with `DD-MM-YYYY`)
//!   become `media`; `ATTENTION EDITORS …` notices are dropped;
//! - sign-offs (`(With information from EFE)`, `Reporting by …; Editing by …`) and boilerplate
//!   lines (`Read more: …`, `Sign up for …`) are dropped; the agencies they credit are kept.
//!
//! Kept blocks are joined with a blank line, wrapped lines inside a block with a space.

use super::agencies;
use crate::record::Media;
use crate::{text, time};
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    pub text: String,
    pub media: Vec<Media>,
    /// Agencies credited by the sign-offs and credits that were removed.
    pub agencies: Vec<&'static str>,
    pub published: Option<String>,
    pub author: Option<String>,
}

/// Captions are short; a long block that happens to end in capitals is a paragraph.
const MAX_CAPTION_WORDS: usize = 80;
/// Credits name an agency and a photographer or two, never a sentence.
const MAX_CREDIT_WORDS: usize = 12;

macro_rules! regex {
    ($name:ident, $re:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($re).unwrap());
    };
}

// A date as metadata lines write it: ISO with optional time, `13/09/2022`, `Sept. 13, 2022`,
// `13 September 2022`.
const DATE: &str = r"(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|[A-Z][a-z]{2,8}\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]{2,8}\.? \d{4})";

regex!(
    LEADING_DATE,
    &format!(
        r"^(?i:date|dated|published(?: on)?|posted(?: on)?|updated(?: on)?|last updated|first published)\s*:?\s*(?-i:({DATE}))\s*(?:[|·•–—-]\s*)?"
    )
);
// A wire dateline opening the story: `WASHINGTON, Sept. 13, 2022 (Reuters) -`. The text keeps
// it; only its date is read.
regex!(
    DATELINE,
    r"^\p{Lu}[\p{Lu}\p{M} .'/-]{1,40}(?:,\s*\p{Lu}[\p{L} .]{1,30})?,\s+((?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})|(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}))\s*(?:\([^)]{2,40}\)\s*)?[-–—]"
);
regex!(
    BYLINE,
    r"^(?i:by)\s+(\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3}(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3})*)$"
);
regex!(CAPTION_DATE, r"^(\d{1,2}[-./]\d{1,2}[-./]\d{4})\s+");
regex!(ATTENTION_EDITORS, r"\s*\bATTENTION EDITORS\b.*$");
// `(AP Photo/Evan Vucci)`, `(Photo: Reuters)`, `[Image: Getty]` at the end of a block.
regex!(
    BRACKETED_CREDIT,
    r"\s*[(\[]((?i:photo|photos|picture|image|credit|file photo|video|ap photo|afp photo)\b[^)\]]{0,80})[)\]]\s*$"
);
// `Agency/Photographer`, `Ministry/Handout`: a slash between capitalised words.
regex!(CREDIT_SLASH, r"\p{L}\s?/\s?\p{Lu}");
// Words that mark a line as a photo credit rather than prose, and the sources credits name.
regex!(
    CREDIT_MARKER,
    r"(?i)\b(?:via|handout|pool|file photo|photo|photograph|courtesy|stringer)\b"
);
regex!(
    CREDIT_SOURCE,
    r"(?i)\b(?:reuters|afp|ap|epa|efe|xinhua|anadolu|dpa|ansa|tass|sputnik|getty|images|shutterstock|alamy)\b"
);
// A whole block that only signs the story off or credits its sources.
regex!(
    SIGN_OFF,
    r"(?ix)^[(\[]?\s*(?:
        with\s+(?:information|reporting|input|files)\s+from\b
      | (?:additional\s+)?reporting\s+by\b
      | (?:writing|editing|compiled)\s+by\b
      | (?:source|sources)\s*:\s*\S
      | with\s+(?:agencies|afp|ap|reuters|efe|dpa)\s*[)\]]?\s*$
      | (?:the\s+)?(?:associated\s+press|reuters|afp|efe|dpa|agencies)\s+contributed\s+to\s+this\s+report
      | ©|copyright\b|all\s+rights\s+reserved
    )"
);
// A sign-off in parentheses at the end of the last paragraph.
regex!(
    TRAILING_SIGN_OFF,
    r"(?i)\s*\((?:with\s+(?:information|reporting|input|files)\s+from|(?:additional\s+)?reporting\s+by|writing\s+by|editing\s+by)\b[^()]*\)\s*$"
);
// Site furniture that scrapers keep between paragraphs.
regex!(
    BOILERPLATE,
    r"(?ix)^(?:
        read\s+(?:more|also|next)\b | also\s+read\b | related\s*(?::|articles?\b|stories\b|coverage\b)
      | see\s+also\s*: | more\s*:\s | recommended\s*: | watch\s*: | listen\s*:
      | sign\s+up\s+(?:for|to)\s+(?:our|the)\s+(?:free\s+)?(?:\w+\s+)?(?:newsletters?|e-?mails?|alerts)\b
      | subscribe\s+(?:to\s+our|now|here|today)\b | follow\s+us\b | share\s+this\b
      | (?:advertisement|sponsored|skip\s+advertisement)\s*$
    )"
);

/// Cleans a scraped plain-text body.
pub fn clean(body: &str) -> Cleaned {
    let mut out = Cleaned::default();
    let mut kept: Vec<String> = Vec::new();
    for mut block in blocks(body) {
        if kept.is_empty()
            && out.published.is_none()
            && let Some(m) = LEADING_DATE.captures(&block)
        {
            out.published = time::parse_date(&m[1]);
            block = block[m.get(0).unwrap().end()..].to_string();
        }
        if kept.is_empty()
            && out.published.is_none()
            && let Some(m) = DATELINE.captures(&block)
        {
            out.published = time::parse_date(&m[1]);
        }
        if kept.is_empty()
            && out.author.is_none()
            && word_count(&block) <= 8
            && let Some(m) = BYLINE.captures(&block)
        {
            out.author = Some(m[1].to_string());
            continue;
        }
        if block.is_empty() || is_sign_off(&block, &mut out.agencies) || is_boilerplate(&block) {
            continue;
        }
        if let Some(media) = caption(&block) {
            out.agencies.extend(
                media
                    .credit
                    .as_deref()
                    .map(agencies::find)
                    .unwrap_or_default(),
            );
            out.media.push(media);
            continue;
        }
        if let Some(m) = TRAILING_SIGN_OFF.find(&block) {
            out.agencies.extend(agencies::find(m.as_str()));
            block.truncate(m.start());
        }
        kept.push(block);
    }
    out.text = kept.join("\n\n");
    out
}

/// Paragraphs of `body`, wrapped lines joined and runs of spaces collapsed.
fn blocks(body: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in body.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if line.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() && !text::line_continues(&current, line) {
            out.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        push_collapsed(&mut current, line);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn push_collapsed(out: &mut String, line: &str) {
    let mut space = false;
    for c in line.chars() {
        if c == ' ' || c == '\t' || c == '\u{a0}' {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn is_sign_off(block: &str, agencies_out: &mut Vec<&'static str>) -> bool {
    if word_count(block) > 40 || !SIGN_OFF.is_match(block) {
        return false;
    }
    agencies_out.extend(agencies::find(block));
    true
}

fn is_boilerplate(block: &str) -> bool {
    word_count(block) <= 25 && BOILERPLATE.is_match(block)
}

/// Reads a block as a photo caption: text, then a credit. `None` when it is prose.
fn caption(block: &str) -> Option<Media> {
    if word_count(block) > MAX_CAPTION_WORDS {
        return None;
    }
    let had_notice = ATTENTION_EDITORS.is_match(block);
    let block = ATTENTION_EDITORS.replace(block, "");
    let (dated, rest) = match CAPTION_DATE.captures(&block) {
        Some(c) => (
            time::parse_date(&c[1]).or(Some(String::new())),
            &block[c.get(0).unwrap().end()..],
        ),
        None => (None, &block[..]),
    };
    let (text, credit) = split_credit(rest).unwrap_or((rest, None));
    if credit.is_none() && dated.is_none() && !had_notice {
        return None;
    }
    let text = text.trim();
    Some(Media {
        caption: (!text.is_empty()).then(|| text.to_string()),
        credit,
        date: dated.filter(|d| !d.is_empty()),
    })
}

/// Splits a trailing credit off a caption: `(caption, Some(credit))`.
fn split_credit(block: &str) -> Option<(&str, Option<String>)> {
    if let Some(c) = BRACKETED_CREDIT.captures(block) {
        let whole = c.get(0).unwrap();
        return Some((&block[..whole.start()], Some(c[1].trim().to_string())));
    }
    // The credit follows the caption's last sentence; a block may also be only a credit.
    let tail_start = last_sentence_end(block).unwrap_or(0);
    let tail = block[tail_start..].trim();
    let caption = &block[..tail_start];
    if is_credit(tail, caption.chars().any(char::is_lowercase)) {
        return Some((caption, Some(tail.to_string())));
    }
    None
}

/// Byte offset just after the last `. ` / `! ` / `? ` (with closing quotes) in `s`.
fn last_sentence_end(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    (1..bytes.len()).rev().find(|&i| {
        bytes[i] == b' '
            && (matches!(bytes[i - 1], b'.' | b'!' | b'?' | b'"') || s[..i].ends_with('”'))
    })
}

/// Whether `tail` reads as a photo credit. An all-caps line counts only after a caption: on
/// its own it is far more often a subheading ("BOYS SOCCER") or a dateline.
fn is_credit(tail: &str, after_caption: bool) -> bool {
    let words = word_count(tail);
    if words == 0 || words > MAX_CREDIT_WORDS || tail.contains("http") || tail.contains("www.") {
        return false;
    }
    let letters: Vec<char> = tail.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() >= 6 && letters.iter().all(|c| c.is_uppercase());
    if all_caps {
        return after_caption && words >= 2 && !tail.ends_with(['.', '!', '?']);
    }
    // `REUTERS/Name/Pool`, `Name/Handout via REUTERS`, `Photo: Getty Images`; an agency name
    // alone is not enough, or every short headline that names Reuters would be a credit.
    let starts_capitalised = tail
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c == '©');
    let marked = CREDIT_SLASH.is_match(tail)
        || tail.starts_with('©')
        || (CREDIT_MARKER.is_match(tail) && CREDIT_SOURCE.is_match(tail));
    starts_capitalised && marked && !tail.ends_with(['.', '!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caption_with_slash_credit_moves_to_media() {
        let c = clean(
            "Troops patrol the border. REUTERS/Jane Doe/File\n\nThe talks resumed on Monday.",
        );
        assert_eq!(c.text, "The talks resumed on Monday.");
        assert_eq!(c.media.len(), 1);
        assert_eq!(
            c.media[0].caption.as_deref(),
            Some("Troops patrol the border.")
        );
        assert_eq!(c.media[0].credit.as_deref(), Some("REUTERS/Jane Doe/File"));
        assert_eq!(c.agencies, vec!["Reuters"]);
    }

    #[test]
    fn handout_credit_and_editors_notice() {
        let c = clean(
            "Smoke rises over the city. Defence Ministry/Handout via REUTERS ATTENTION EDITORS - THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY.\n\nBody text here.",
        );
        assert_eq!(c.text, "Body text here.");
        assert_eq!(
            c.media[0].credit.as_deref(),
            Some("Defence Ministry/Handout via REUTERS")
        );
        assert_eq!(
            c.media[0].caption.as_deref(),
            Some("Smoke rises over the city.")
        );
    }

    #[test]
    fn all_caps_credit_and_dated_caption() {
        let c = clean(
            "The vote was held.\n\n21-03-2020 Soldiers near the front line. PRESS SERVICE OF THE GENERAL STAFF\n\nMore text.",
        );
        assert_eq!(c.text, "The vote was held.\n\nMore text.");
        assert_eq!(
            c.media[0].caption.as_deref(),
            Some("Soldiers near the front line.")
        );
        assert_eq!(
            c.media[0].credit.as_deref(),
            Some("PRESS SERVICE OF THE GENERAL STAFF")
        );
    }

    #[test]
    fn bracketed_photo_credit() {
        let c = clean(
            "Protesters march in the capital. (AP Photo/John Roe)\n\nPolice said 12 were arrested.",
        );
        assert_eq!(c.media[0].credit.as_deref(), Some("AP Photo/John Roe"));
        assert_eq!(c.text, "Police said 12 were arrested.");
    }

    #[test]
    fn dateline_gives_the_publication_date_and_stays() {
        let text = "KYIV, Ukraine, March 3, 2022 (AP) — Shelling resumed at dawn.";
        let c = clean(text);
        assert_eq!(c.published.as_deref(), Some("2022-03-03"));
        assert_eq!(c.text, text);
        assert_eq!(
            clean("GENEVA, 14 June 2021 - Talks ended.")
                .published
                .as_deref(),
            Some("2021-06-14")
        );
        assert_eq!(clean("The UN, March 3, 2022 - x").published, None);
    }

    #[test]
    fn leading_metadata_gives_byline() {
        let c = clean("By Jane Doe and John Roe\n\nThe talks resumed.");
        assert_eq!(c.author.as_deref(), Some("Jane Doe and John Roe"));
        assert_eq!(c.text, "The talks resumed.");
    }

    #[test]
    fn sign_offs_and_boilerplate_are_dropped() {
        let c = clean(
            "The talks resumed.\n\nRead more: Why the talks matter\n\nThey ended late. (Reporting by Jane Doe; Editing by John Roe)\n\n(With information from AFP)",
        );
        assert_eq!(c.text, "The talks resumed.\n\nThey ended late.");
        assert_eq!(c.agencies, vec!["AFP"]);
    }

    #[test]
    fn headlines_naming_an_agency_are_not_credits() {
        let text = "Talks collapse, Reuters reports\n\nThe talks collapsed on Monday.";
        assert_eq!(clean(text).text, text);
    }

    #[test]
    fn prose_is_kept() {
        let text = "The UN said the convoy reached the city.\n\nOfficials from the WHO and UNICEF arrived later, according to the ministry.\n\n“We need help now,” she said. \"It is urgent.\"";
        let c = clean(text);
        assert_eq!(c.text, text);
        assert!(c.media.is_empty());
    }

    #[test]
    fn wrapped_lines_join() {
        let c = clean("The ministry said the attack\nhit a school.\nThe army denied it.");
        assert_eq!(
            c.text,
            "The ministry said the attack hit a school.\n\nThe army denied it."
        );
    }

    #[test]
    fn empty_and_blank_inputs() {
        assert_eq!(clean("").text, "");
        assert_eq!(clean(" \n\n\t\n").text, "");
    }
}
