//! Repair: splits words that scraping glued together (`Guterresasked` → `Guterres asked`).
//!
//! Only tokens the English word model does not know are considered, and only split on strong
//! evidence (see [`splitter`]); the document's own capitalised words serve as the list of names.

pub mod model;
pub mod splitter;

use std::collections::{BTreeMap, HashMap};

use crate::document::Document;
use crate::pipeline::Stage;
use crate::record::Repair as RepairRecord;
use crate::text::{fold, words};
use model::WordModel;
use splitter::{NameEvidence, Split};

pub use model::build_word_model;

pub struct Repair {
    language: &'static str,
    model: &'static WordModel,
}

impl Repair {
    pub fn english() -> Repair {
        Repair { language: "en", model: &model::ENGLISH }
    }
}

impl Stage for Repair {
    fn name(&self) -> &'static str {
        "repair"
    }

    fn run(&self, doc: &mut Document) {
        if doc.record.language.as_deref() != Some(self.language) {
            return;
        }
        let (text, repairs) = repair_text(&doc.record.text, self.model);
        if !repairs.is_empty() {
            doc.record.text = text;
            doc.record.repairs.extend(repairs);
        }
    }
}

/// `text` with its glued words split, and the list of repairs (offsets into the new text).
/// Returns `text` unchanged and no repairs when nothing is glued.
pub fn repair_text(text: &str, model: &WordModel) -> (String, Vec<RepairRecord>) {
    let candidates: Vec<(usize, &str)> =
        words(text).filter(|&(at, w)| is_candidate(w, model) && stands_alone(text, at, at + w.len())).collect();
    if candidates.is_empty() {
        return (text.to_string(), Vec::new());
    }
    let evidence = DocumentEvidence::gather(text, &candidates);
    let mut out = String::with_capacity(text.len() + 16);
    let mut repairs = Vec::new();
    let mut copied = 0;
    for (at, token) in candidates {
        if evidence.occurs_more_than_once(token) {
            continue; // a word written twice the same way is a word
        }
        let Some(Split { left, right_start }) = splitter::split(token, model, &evidence) else { continue };
        out.push_str(&text[copied..at]);
        let start = out.len();
        out.push_str(&left);
        out.push(' ');
        out.push_str(&token[right_start..]);
        repairs.push(RepairRecord {
            original: token.to_string(),
            replacement: out[start..].to_string(),
            start,
            end: out.len(),
        });
        copied = at + token.len();
    }
    out.push_str(&text[copied..]);
    (out, repairs)
}

/// Cheap filters first: most words fail on length or on being known.
fn is_candidate(word: &str, model: &WordModel) -> bool {
    let b = word.as_bytes();
    b.len() >= 6
        && b.len() <= 40
        && b.iter().all(u8::is_ascii_alphabetic)
        && b[1..].iter().all(u8::is_ascii_lowercase)
        && !model.knows(&word.to_ascii_lowercase())
}

/// A word in running prose, not part of a URL, e-mail address, hashtag, path or compound.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    const GLUE_BEFORE: &[char] = &['-', '‐', '–', '/', '\\', '@', '#', '_', '.', '&', '=', '+', '~', '%', '$'];
    const GLUE_AFTER: &[char] = &['-', '‐', '/', '\\', '@', '_', '&', '=', '+', '~', '%'];
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    if before.is_some_and(|c| c.is_alphanumeric() || GLUE_BEFORE.contains(&c))
        || after.is_some_and(|c| c.is_alphanumeric() || GLUE_AFTER.contains(&c))
    {
        return false;
    }
    let chunk_start = text[..start].rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let chunk_end = text[end..].find(char::is_whitespace).map_or(text.len(), |i| end + i);
    let chunk = &text[chunk_start..chunk_end];
    !(chunk.contains("://") || chunk.contains("www.") || chunk.contains('@') || chunk.contains('#'))
}

/// The names a document attests (its capitalised words, folded) and how often each candidate
/// token occurs.
struct DocumentEvidence {
    names: BTreeMap<String, String>,
    candidate_counts: HashMap<String, u32>,
}

impl DocumentEvidence {
    fn gather(text: &str, candidates: &[(usize, &str)]) -> DocumentEvidence {
        let mut candidate_counts: HashMap<String, u32> =
            candidates.iter().map(|(_, w)| (w.to_ascii_lowercase(), 0)).collect();
        let mut names = BTreeMap::new();
        let mut lower = String::new();
        for (_, word) in words(text) {
            let mut chars = word.chars();
            if chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase) {
                let folded = fold(word);
                names.entry(folded).or_insert_with(|| word.to_string());
            }
            if word.is_ascii() && word.len() >= 6 {
                lower.clear();
                lower.push_str(word);
                lower.make_ascii_lowercase();
                if let Some(n) = candidate_counts.get_mut(lower.as_str()) {
                    *n += 1;
                }
            }
        }
        DocumentEvidence { names, candidate_counts }
    }

    fn occurs_more_than_once(&self, token: &str) -> bool {
        self.candidate_counts.get(&token.to_ascii_lowercase()).is_some_and(|&n| n > 1)
    }
}

impl NameEvidence for DocumentEvidence {
    fn spelling(&self, folded: &str) -> Option<&str> {
        self.names.get(folded).map(String::as_str)
    }

    fn starting_with<'a>(&'a self, prefix: &'a str) -> Box<dyn Iterator<Item = (&'a str, &'a str)> + 'a> {
        Box::new(
            self.names
                .range::<str, _>((std::ops::Bound::Included(prefix), std::ops::Bound::Unbounded))
                .take_while(move |(k, _)| k.starts_with(prefix))
                .map(|(k, v)| (k.as_str(), v.as_str())),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Article;

    fn run(text: &str, language: Option<&str>) -> crate::record::Record {
        let mut doc = Document::new(Article::text("test", text));
        doc.record.text = text.to_string();
        doc.record.language = language.map(str::to_string);
        Repair::english().run(&mut doc);
        doc.record
    }

    const GLUED: &str = "NATO chief Jens Stoltenbergwarned on Friday that the alliance would respond. \
                         Stoltenberg spoke in Brussels, near the villagewhich hosts the summit.";

    #[test]
    fn repairs_english_and_records_offsets_in_new_text() {
        let record = run(GLUED, Some("en"));
        let found: Vec<_> = record.repairs.iter().map(|r| (r.original.as_str(), r.replacement.as_str())).collect();
        assert_eq!(found, [("Stoltenbergwarned", "Stoltenberg warned"), ("villagewhich", "village which")]);
        for r in &record.repairs {
            assert_eq!(&record.text[r.start..r.end], r.replacement);
        }
    }

    #[test]
    fn leaves_other_languages_alone() {
        let fr = "Le président Emmanuel Macronadéclaré que la régionwhich est calme. Macron parle.";
        let record = run(fr, Some("fr"));
        assert!(record.repairs.is_empty());
        assert_eq!(record.text, fr);
        assert!(run(GLUED, None).repairs.is_empty());
    }

    #[test]
    fn skips_urls_mail_hashtags_and_compounds() {
        let text = "See https://example.com/villagewhich and mail villagewhich@example.org or \
                    #villagewhich and the pre-villagewhich era. Stoltenberg said so.";
        assert!(run(text, Some("en")).repairs.is_empty());
    }

    #[test]
    fn a_token_written_twice_is_a_word() {
        let text = "The villagewhich festival. Another villagewhich festival came later.";
        assert!(run(text, Some("en")).repairs.is_empty());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in ["", " ", "\u{0}\u{feff}ÿ", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "Ωmega٣ villagewhiché"] {
            run(text, Some("en"));
        }
        let long = "Stoltenbwarned xyzzyplugh ".repeat(10_000);
        run(&long, Some("en"));
    }
}
