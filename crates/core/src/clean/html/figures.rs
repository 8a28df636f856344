//! Figure captions and photo credits: taken out of the page before extraction, kept as media.

use std::sync::LazyLock;

use dom_query::{Document, Matcher, Selection};
use regex::Regex;

use super::render::squash;
use crate::record::Media;

static FIGCAPTION: LazyLock<Matcher> =
    LazyLock::new(|| Matcher::new("figcaption").expect("valid selector"));
/// Captions pages mark up without `<figcaption>`, by class name.
static CAPTION_CLASS: LazyLock<Matcher> = LazyLock::new(|| {
    Matcher::new("[class*=caption i]:not(body, html, main, article)").expect("valid selector")
});
/// Stand-alone photo credits, by class name.
static CREDIT_CLASS: LazyLock<Matcher> = LazyLock::new(|| {
    Matcher::new("[class*=credit i]:not(body, html, main, article), [class*=copyright i]:not(body, html, main, article, footer)")
        .expect("valid selector")
});
/// A class-named caption longer than this is a container with more than the caption in it.
const MAX_CAPTION_WORDS: usize = 80;
const MAX_CREDIT_WORDS: usize = 16;

/// A paragraph ending in a parenthesised photo credit is a caption the page did not mark up.
static PARENTHESISED_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)\s*\(
            ( [^()]*\b(?i:photo|photograph|foto|image|picture|pic|getty|shutterstock|credit)\b[^()]*
            | \p{Lu}{2,}[^()]*/[^()]* )
        \)\s*$",
    )
    .expect("valid regex")
});

/// Elements inside a caption that hold the credit on their own, by markup or by class.
static CREDIT: LazyLock<Matcher> =
    LazyLock::new(|| Matcher::new(CREDIT_SELECTOR).expect("valid selector"));
const CREDIT_SELECTOR: &str = "cite, [class*=credit], [class*=Credit], [class*=copyright], \
    [class*=photographer], [class*=attribution], [class*=byline], [class*=source], \
    [itemprop=copyrightHolder], [itemprop=creditText], [itemprop=author]";

/// A credit written at the end of the caption text. Alternatives, in order: a parenthesised
/// "(AP Photo/…)"-style credit; "Photo: …" / "Credit: …" / "Image by …" lead-ins; a wire
/// slug in capitals followed by a slash ("REUTERS/Name"); "Name/Agency" or "Name for Agency"
/// ending in a picture agency; a bare picture agency at the end.
static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?:^|\s)
        (
          \((?:[^()]*\b(?:Photo|Foto|Image|Picture|Credit|Getty|Reuters|AFP|EPA|Shutterstock)\b[^()]*)\)
        | (?i:photo(?:graph)?s?|foto|image|picture|credit|photo\ credit|illustration|source|courtesy)
            (?:\ (?i:by|of|courtesy\ of))?\s*[:：|]\s*\S.*
        | (?i:photo(?:graph)?s?|image|picture|illustration)\ (?i:by|courtesy\ of)\ \S.*
        | \p{Lu}{2,}(?:[\ -]\p{Lu}{2,})*\s?/\s?\S.*
        | (?:\p{Lu}[\p{L}.'-]*\ ){0,4}\p{Lu}[\p{L}.'-]*\s?(?:/|\ for\ |\ via\ )\s?\S.*
        | (?:©|\(c\)|Copyright)\s*\S.*
        | (?:AFP\ via\ )?Getty\ Images.*
        | Shutterstock.*
        )\s*$",
    )
    .expect("valid regex")
});

/// Takes every caption out of `doc` (`<figcaption>`s, then elements classed as captions or
/// credits), returning what each said.
pub fn take_captions(doc: &Document) -> Vec<Media> {
    let mut media = Vec::new();
    take_matching(doc, &FIGCAPTION, usize::MAX, &mut media);
    take_matching(doc, &CAPTION_CLASS, MAX_CAPTION_WORDS, &mut media);
    for node in doc.select_matcher(&CREDIT_CLASS).nodes() {
        let text = squash(&node.text());
        let words = text.split_whitespace().count();
        if words > MAX_CREDIT_WORDS || !is_attached(node) {
            continue;
        }
        node.remove_from_parent();
        if words > 0 {
            media.push(Media {
                caption: None,
                credit: Some(text),
                date: None,
            });
        }
    }
    media
}

/// A paragraph that is a caption: it ends in a parenthesised credit, or is a credit alone.
pub fn caption_in_paragraph(paragraph: &str) -> Option<Media> {
    if let Some(c) = PARENTHESISED_CREDIT.captures(paragraph) {
        let (whole, credit) = (c.get(0)?, c.get(1)?);
        let caption = paragraph[..whole.start()].trim();
        return Some(Media {
            caption: (!caption.is_empty()).then(|| caption.to_string()),
            credit: Some(credit.as_str().trim().to_string()),
            date: None,
        });
    }
    let (start, credit) = trailing_credit(paragraph)?;
    (start == 0 && paragraph.split_whitespace().count() <= MAX_CREDIT_WORDS).then_some(Media {
        caption: None,
        credit: Some(credit),
        date: None,
    })
}

fn take_matching(doc: &Document, matcher: &Matcher, max_words: usize, media: &mut Vec<Media>) {
    let captions = doc.select_matcher(matcher);
    for caption in captions.nodes() {
        // An outer caption taken earlier took this one with it.
        if !is_attached(caption) {
            continue;
        }
        if max_words != usize::MAX && caption.text().split_whitespace().nth(max_words).is_some() {
            continue;
        }
        let mut credit: Vec<String> = Vec::new();
        for node in Selection::from(*caption).select_matcher(&CREDIT).nodes() {
            let text = squash(&node.text());
            if !text.is_empty() && !credit.contains(&text) {
                credit.push(text);
            }
            node.remove_from_parent();
        }
        let mut text = squash(&caption.text());
        if credit.is_empty()
            && let Some((start, found)) = trailing_credit(&text)
        {
            credit.push(found);
            text.truncate(start);
            text.truncate(text.trim_end().len());
        }
        caption.remove_from_parent();
        let caption = (!text.is_empty()).then_some(text);
        let credit = (!credit.is_empty()).then(|| credit.join("; "));
        if caption.is_some() || credit.is_some() {
            media.push(Media {
                caption,
                credit,
                date: None,
            });
        }
    }
}

fn is_attached(node: &dom_query::NodeRef) -> bool {
    node.ancestors_it(None).any(|a| a.is_document())
}

/// The credit at the end of a caption: where it starts and its text.
fn trailing_credit(caption: &str) -> Option<(usize, String)> {
    let m = TRAILING_CREDIT.captures(caption)?.get(1)?;
    let credit = m.as_str().trim();
    let credit = credit
        .strip_prefix('(')
        .and_then(|c| c.strip_suffix(')'))
        .unwrap_or(credit)
        .trim();
    // A long tail is a sentence of the caption, not a credit.
    if credit.split_whitespace().count() > 12 {
        return None;
    }
    Some((m.start(), credit.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credit_of(caption: &str) -> Option<String> {
        trailing_credit(caption).map(|(_, c)| c)
    }

    #[test]
    fn trailing_credits_are_recognised() {
        assert_eq!(
            credit_of("The president speaks. (AP Photo/Evan Vucci)").as_deref(),
            Some("AP Photo/Evan Vucci")
        );
        assert_eq!(
            credit_of("Troops at the border. REUTERS/Jane Doe").as_deref(),
            Some("REUTERS/Jane Doe")
        );
        assert_eq!(
            credit_of("A street in Kyiv. Photo: John Smith").as_deref(),
            Some("Photo: John Smith")
        );
        assert_eq!(
            credit_of("Fans cheer. John Smith/Getty Images").as_deref(),
            Some("John Smith/Getty Images")
        );
        assert_eq!(credit_of("Fans cheer in the rain at the stadium"), None);
    }
}
