//! Figure captions and photo credits: taken out of the page before extraction, kept as media.

use std::sync::LazyLock;

use dom_query::{Document, Matcher, Selection};
use regex::Regex;

use super::render::squash;
use crate::record::Media;

static FIGCAPTION: LazyLock<Matcher> = LazyLock::new(|| Matcher::new("figcaption").expect("valid selector"));

/// Elements inside a caption that hold the credit on their own, by markup or by class.
static CREDIT: LazyLock<Matcher> = LazyLock::new(|| Matcher::new(CREDIT_SELECTOR).expect("valid selector"));
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

/// Takes every `<figcaption>` out of `doc`, returning what each said.
pub fn take_captions(doc: &Document) -> Vec<Media> {
    let mut media = Vec::new();
    let captions = doc.select_matcher(&FIGCAPTION);
    for caption in captions.nodes() {
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
            media.push(Media { caption, credit, date: None });
        }
    }
    media
}

/// The credit at the end of a caption: where it starts and its text.
fn trailing_credit(caption: &str) -> Option<(usize, String)> {
    let m = TRAILING_CREDIT.captures(caption)?.get(1)?;
    let credit = m.as_str().trim();
    let credit = credit.strip_prefix('(').and_then(|c| c.strip_suffix(')')).unwrap_or(credit);
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
        assert_eq!(credit_of("The president speaks. (AP Photo/Evan Vucci)").as_deref(), Some("AP Photo/Evan Vucci"));
        assert_eq!(credit_of("Troops at the border. REUTERS/Jane Doe").as_deref(), Some("REUTERS/Jane Doe"));
        assert_eq!(credit_of("A street in Kyiv. Photo: John Smith").as_deref(), Some("Photo: John Smith"));
        assert_eq!(credit_of("Fans cheer. John Smith/Getty Images").as_deref(), Some("John Smith/Getty Images"));
        assert_eq!(credit_of("Fans cheer in the rain at the stadium"), None);
    }
}
