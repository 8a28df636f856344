//! Paragraphs inside the article body that are page furniture, not prose: "Read more" and
//! "Related:" links, newsletter pitches, share-button labels, advertisement markers.

use std::sync::LazyLock;

use regex::Regex;

/// Furniture is short; a long paragraph that happens to start with "Read" is prose.
const MAX_WORDS: usize = 25;

static LEAD_IN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^\W*(?:
            (?:read|see|watch|listen\ to|view)\ (?:also|more|next|the\ full\ (?:story|article)|this)\b
          | (?:also|more)\ (?:read|see|watch)\b
          | read\ (?:our|the)\ .*\b(?:story|article|coverage|report)\b.*:
          | related(?:\ (?:articles?|stories|story|content|coverage|reading|posts?|links?|news|video|topics))?\s*(?::|$)
          | more\ (?:from|on|about)\ .{0,60}:
          | related\b.{0,60}:\s*$
          | (?:filed\ under|tags?|tagged(?:\ with)?|categories|category|topics|posted\ in)\s*:
          | about\ the\ (?:author|writer|reporter)s?\s*$
          | if\ you\ (?:enjoyed|liked|found|value)\b.{0,80}\b(?:article|story|post|journalism|reporting)\b
          | follow\b.{0,80}\b(?:twitter|facebook|instagram|youtube|linkedin|tiktok|coverage|https?://)
          | (?:sign\ up|subscribe|register)\b.{0,80}\b(?:newsletter|email|inbox|updates|alerts|free)\b
          | (?:get|receive)\ (?:our|the)\b.{0,60}\b(?:newsletter|emails?|inbox)\b
          | (?:advertisement|advertising|advert|sponsored(?:\ content)?|ad|paid\ content|promoted
            |anzeige|werbung|publicidad|publicité|pubblicità|publicidade|iklan|reklame|reklama|annons)\s*$
          | (?:story|article)\ continues\ (?:below|after)
          | continue\ reading\b
          | click\ here\b
          | (?:share|tweet)\ (?:this|on|via)\b
          | sharing\ is\ caring
          | follow\ (?:us|@)
          | like\ us\ on\ facebook
          | (?:recommended|trending|most\ (?:popular|read)|don'?t\ miss|must\ read|top\ stories)(?:\ (?:for\ you|stories|articles|videos?))?\s*(?::|$)
          | you\ (?:may|might)\ also\ (?:like|be\ interested)
          | (?:this\ (?:article|story)\ (?:was|has\ been)\ (?:updated|corrected))\s*$
        )",
    )
    .expect("valid regex")
});

/// Furniture that can sit anywhere in a short paragraph.
static ANYWHERE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
            \bclick(?:ing)?\ here\b
          | \b(?:requires|enable)\ javascript\b
          | \bsubject\ to\ copyright\b
          | \bsuccessfully\ subscribed\b
          | \bsubscrib\w*\b.{0,40}\bnewsletters?\b
          | \baffiliate\ (?:and/or\ \w+\ )?(?:links?|commissions?|partnerships?)\b
          | \b\d+[\ -]?(?:min|minute)s?\ read\b
          | \b(?:reading\ time|read\ time|tempo\ de\ leitura|lesezeit|temps\ de\ lecture|tiempo\ de\ lectura)\b
          | \b(?:may|can)\ be\ (?:reached|contacted)\ (?:at|via|on)\b
          | \bfollow\ (?:him|her|them|me|us)\ on\b
          | \b(?:e-?mail|contact)\ (?:him|her|them|me|us)\ at\b
          | ©
          | \ball\ rights\ reserved\b
          | \bcopyright\ (?:©\ )?\d{4}\b
        ",
    )
    .expect("valid regex")
});
const ANYWHERE_MAX_WORDS: usize = 40;

/// "Updated 5:27 am, Wednesday" and friends: a time stamp on a line of its own.
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:(?:first\ |last\ )?(?:published|updated|posted|modified|created)|(?:date|time)\s*:)").expect("valid regex")
});
const STAMP_MAX_WORDS: usize = 16;

/// A byline on its own line: "By NAME, TITLE".
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:By|BY|Par|Por|Von|Di|Door)\s+\p{Lu}").expect("valid regex"));
const BYLINE_MAX_WORDS: usize = 12;

/// A date and time on a line of their own ("Nov. 20, 2019 6:02 AM EST", "19.11.2019, 08:57").
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
            \b\d{1,2}[:h]\d{2}\b
          | \b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b
          | \b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\ \d{1,2},?\ (?:19|20)\d{2}\b
          | \b\d{1,2}\ (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\ (?:19|20)\d{2}\b
        ",
    )
    .expect("valid regex")
});
const DATE_LINE_MAX_WORDS: usize = 12;

/// Breadcrumbs: "News > Nation".
static BREADCRUMB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[^.!?]{1,60}\s[>›»/]\s[^.!?]{1,60}$").expect("valid regex"));
const BREADCRUMB_MAX_WORDS: usize = 8;

/// Gallery controls and counters: "Image 1 of 8", "Caption", "Close".
static CONTROL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^\W*(?:
            (?:image|photo|picture|slide|item|video)?\s*\d+\s*(?:of|/)\s*/?\s*\d+
          | (?:hide|show|toggle|view|expand)?\s*(?:caption|captions|close|expand|enlarge|fullscreen|full\ screen|loading|previous|next|prev|back\ to\ top|skip|more|less|show\ more|show\ less|menu|search|play|pause|replay|open|zoom|gallery|photos?|comments?|listen|audio|print)
          | \.\.\.\ ?more
        )\W*$",
    )
    .expect("valid regex")
});

/// Words that make up share bars: a paragraph of only these is button labels.
const SHARE_WORDS: &[&str] = &[
    "share",
    "shares",
    "tweet",
    "facebook",
    "twitter",
    "x",
    "email",
    "e-mail",
    "mail",
    "whatsapp",
    "linkedin",
    "pinterest",
    "reddit",
    "print",
    "copy",
    "link",
    "copied",
    "comments",
    "comment",
    "messenger",
    "sms",
    "flipboard",
    "pin",
    "save",
    "telegram",
    "tumblr",
    "this",
    "article",
    "on",
    "via",
    "story",
    "url",
    "gift",
    "bluesky",
    "threads",
];

pub fn is_furniture(paragraph: &str) -> bool {
    let words = paragraph.split_whitespace().count();
    if words > MAX_WORDS {
        return false;
    }
    is_number(paragraph)
        || LEAD_IN.is_match(paragraph)
        || is_share_bar(paragraph)
        || CONTROL.is_match(paragraph)
        || (words <= ANYWHERE_MAX_WORDS && ANYWHERE.is_match(paragraph))
        || (words <= STAMP_MAX_WORDS && STAMP.is_match(paragraph) && has_date_sign(paragraph))
        || (words <= BYLINE_MAX_WORDS && BYLINE.is_match(paragraph) && !paragraph.ends_with('.'))
        || (words <= DATE_LINE_MAX_WORDS
            && !ends_sentence(paragraph)
            && !is_post_signature(paragraph)
            && DATE_LINE.is_match(paragraph))
        || (words <= BREADCRUMB_MAX_WORDS && BREADCRUMB.is_match(paragraph))
}

/// Whether everything after this paragraph is about the author, not the story.
pub fn starts_author_box(paragraph: &str) -> bool {
    static ABOUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\W*about\ the\ (?:author|writer|reporter)s?\W*$").expect("valid regex")
    });
    ABOUT.is_match(paragraph)
}

/// The signature under an embedded social post ("— Name (@handle) November 18, 2019") is
/// part of the quoted post, not a page date.
fn is_post_signature(s: &str) -> bool {
    s.starts_with(['—', '–', '-']) || s.contains("(@")
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with(['.', '!', '?', '"', '”', '»', ')'])
}

/// A number alone: comment and share counters.
fn is_number(s: &str) -> bool {
    let s = s.trim_matches(|c: char| !c.is_alphanumeric());
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == 'K' || c == 'k')
}

fn has_date_sign(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit()) || s.to_ascii_lowercase().contains(" ago")
}

fn is_share_bar(paragraph: &str) -> bool {
    let mut any = false;
    for word in paragraph.split(|c: char| !c.is_alphanumeric() && c != '-') {
        if word.is_empty() {
            continue;
        }
        if word.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if !SHARE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(word)) {
            return false;
        }
        any = true;
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines() {
        for line in [
            "Read more: The war in numbers",
            "READ MORE",
            "Related: Markets fall again",
            "Sign up for our daily newsletter",
            "Share on Facebook",
            "Facebook Twitter Email",
            "Advertisement",
            "Story continues below advertisement",
            "Updated 5:27 am CST, Wednesday, November 20, 2019",
            "PUBLISHED: 10:48, Tue, Nov 19, 2019",
            "By ROBERT BURNS, AP National Security Writer",
            "Image 1 of / 8",
            "Caption",
            "Advert",
            "This slideshow requires JavaScript.",
            "1,204",
            "Nov. 20, 2019 6:02 AM EST",
            "Sharing is caring!",
            "19.11.2019, 08:57",
            "News > Nation",
            "Filed under: Politics |",
            "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
            "This post may contain affiliate and/or referral links.",
            "Related coverage from Money:",
            "The contents of this site are ©2019 Example Publishing Corp.",
            "Have a tip? Jane Roe may be reached at jane@example.com.",
        ] {
            assert!(is_furniture(line), "{line}");
        }
    }

    #[test]
    fn prose_is_kept() {
        for line in [
            "Read the room, the minister told reporters on Tuesday.",
            "Related companies reported losses in the third quarter.",
            "She said she would share the prize with her team.",
            "Subscribers to the service fell by a third last year, the company said.",
            "By Tuesday, the troops had left the city.",
            "Updated figures are expected next week.",
            "More than 300 people were arrested.",
            "The vote is set for Nov. 20, 2019.",
            "Follow the money, he said.",
            "— Jane Roe (@janeroe) November 18, 2019",
        ] {
            assert!(!is_furniture(line), "{line}");
        }
    }
}
