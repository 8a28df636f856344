//! Repair: splits words that scraping glued together (`Guterresasked` → `Guterres asked`).
//!
//! Only tokens the English word model does not know are considered, and only split on strong
//! evidence (see [`splitter`]); the document's own capitalised words serve as the list of names.

mod runs;
pub mod splitter;

use std::collections::{BTreeMap, HashMap};

use crate::document::Document;
use crate::lang::en::{WordModel, words};
use crate::record::Repair as RepairRecord;
use crate::stage::Stage;
use crate::text::fold;
use splitter::{NameEvidence, Split};

pub struct Repair {
    language: &'static str,
    /// The language's word model, loaded on first use.
    model: fn() -> &'static WordModel,
}

impl Repair {
    pub fn english() -> Repair {
        Repair {
            language: "en",
            model: words,
        }
    }
}

impl Stage for Repair {
    fn name(&self) -> &'static str {
        "repair"
    }

    fn preloads(&self) -> &'static [fn()] {
        &[|| {
            words();
        }]
    }

    fn run(&self, doc: &mut Document) {
        if doc.record.language.as_deref() != Some(self.language) {
            return;
        }
        let (text, repairs) = repair_text(&doc.record.text, (self.model)());
        if !repairs.is_empty() {
            doc.record.text = text;
            doc.record.repairs.extend(repairs);
        }
    }
}

/// `text` with its glued words split, and the list of repairs (offsets into the new text).
/// Returns `text` unchanged and no repairs when nothing is glued.
pub fn repair_text(text: &str, model: &WordModel) -> (String, Vec<RepairRecord>) {
    // One pass collects the unknown tokens and where the capitalised words are; the names are
    // only built (allocating) when some token is a candidate.
    let mut unknown: Vec<(usize, &str)> = Vec::new();
    let mut capitalised: Vec<&str> = Vec::new();
    for (at, run) in runs::letter_runs(text) {
        if is_unknown(run, model) {
            unknown.push((at, run));
        }
        let mut chars = run.chars();
        if run.len() >= MIN_NAME_LEN
            && chars.next().is_some_and(char::is_uppercase)
            && chars.any(char::is_lowercase)
        {
            capitalised.push(run);
        }
    }
    let candidates: Vec<(usize, &str)> = unknown
        .iter()
        .copied()
        .filter(|&(at, w)| stands_alone(text, at, at + w.len()))
        .collect();
    if candidates.is_empty() {
        return (text.to_string(), Vec::new());
    }
    let evidence = DocumentEvidence::gather(text, &capitalised, &unknown);
    let mut out = String::with_capacity(text.len() + 16);
    let mut repairs = Vec::new();
    let mut copied = 0;
    for (at, token) in candidates {
        if evidence.occurs_more_than_once(token) {
            continue; // a word written twice the same way is a word
        }
        let Some(Split { left, right_start }) = splitter::split(token, model, &evidence) else {
            continue;
        };
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

const MIN_TOKEN_LEN: usize = 6;
/// Longer letter runs are not two glued words of prose.
const MAX_TOKEN_LEN: usize = 40;
/// Names shorter than the shortest left part the splitter takes are no evidence.
const MIN_NAME_LEN: usize = 4;

/// An ASCII token, lower case or capitalised, that the word model does not know. Cheap
/// filters first: most words fail on length or case.
fn is_unknown(word: &str, model: &WordModel) -> bool {
    let b = word.as_bytes();
    if b.len() < MIN_TOKEN_LEN
        || b.len() > MAX_TOKEN_LEN
        || !b[0].is_ascii_alphabetic()
        || !b[1..].iter().all(u8::is_ascii_lowercase)
    {
        return false;
    }
    // Lower-cased on the stack: this runs for every long word of every article.
    let mut lower = [0u8; MAX_TOKEN_LEN];
    lower[..b.len()].copy_from_slice(b);
    lower[0] = lower[0].to_ascii_lowercase();
    std::str::from_utf8(&lower[..b.len()]).is_ok_and(|w| !model.knows(w))
}

/// A word in running prose, not part of a URL, e-mail address, hashtag, path, number,
/// contraction or hyphenated compound.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    const GLUE_BEFORE: &[char] = &[
        '-', '‐', '–', '/', '\\', '@', '#', '_', '.', '&', '=', '+', '~', '%', '$',
    ];
    const GLUE_AFTER: &[char] = &['-', '‐', '/', '\\', '@', '_', '&', '=', '+', '~', '%'];
    const JOINS_WHEN_FOLLOWED: &[char] = &['\'', '’', '.'];
    let mut before = text[..start].chars().rev();
    let mut after = text[end..].chars();
    let (b1, b2) = (before.next(), before.next());
    let (a1, a2) = (after.next(), after.next());
    let is_word_char = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    if is_word_char(b1)
        || is_word_char(a1)
        || b1.is_some_and(|c| GLUE_BEFORE.contains(&c))
        || a1.is_some_and(|c| GLUE_AFTER.contains(&c))
        || (b1.is_some_and(|c| JOINS_WHEN_FOLLOWED.contains(&c)) && is_word_char(b2))
        || (a1.is_some_and(|c| JOINS_WHEN_FOLLOWED.contains(&c)) && is_word_char(a2))
    {
        return false;
    }
    // Any Unicode space counts, and some are several bytes long.
    let chunk_start = text[..start].rfind(char::is_whitespace).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let chunk_end = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    let chunk = &text[chunk_start..chunk_end];
    !(chunk.contains("://") || chunk.contains("www.") || chunk.contains('@') || chunk.contains('#'))
}

/// The names a document attests (its capitalised words, folded) and how often each unknown
/// token occurs.
struct DocumentEvidence<'t> {
    text: &'t str,
    names: BTreeMap<String, String>,
    unknown_counts: HashMap<String, u32>,
}

impl<'t> DocumentEvidence<'t> {
    fn gather(
        text: &'t str,
        capitalised: &[&str],
        unknown: &[(usize, &str)],
    ) -> DocumentEvidence<'t> {
        let mut names = BTreeMap::new();
        for &word in capitalised {
            let folded = if word.is_ascii() {
                word.to_ascii_lowercase()
            } else {
                fold(word)
            };
            names.entry(folded).or_insert_with(|| word.to_string());
        }
        let mut unknown_counts: HashMap<String, u32> = HashMap::new();
        for (_, word) in unknown {
            *unknown_counts.entry(word.to_ascii_lowercase()).or_default() += 1;
        }
        DocumentEvidence {
            text,
            names,
            unknown_counts,
        }
    }

    fn occurs_more_than_once(&self, token: &str) -> bool {
        self.unknown_counts
            .get(&token.to_ascii_lowercase())
            .is_some_and(|&n| n > 1)
    }
}

impl NameEvidence for DocumentEvidence<'_> {
    fn spelling(&self, folded: &str) -> Option<&str> {
        self.names.get(folded).map(String::as_str)
    }

    /// Searched on demand: asked only about the rare common-word left part of a candidate.
    fn written_in_lower_case(&self, word: &str) -> bool {
        self.text.match_indices(word).any(|(at, w)| {
            let before = self.text[..at].chars().next_back();
            let after = self.text[at + w.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    }

    fn starting_with<'a>(
        &'a self,
        prefix: &'a str,
    ) -> Box<dyn Iterator<Item = (&'a str, &'a str)> + 'a> {
        Box::new(
            self.names
                .range::<str, _>((
                    std::ops::Bound::Included(prefix),
                    std::ops::Bound::Unbounded,
                ))
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
        let found: Vec<_> = record
            .repairs
            .iter()
            .map(|r| (r.original.as_str(), r.replacement.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("Stoltenbergwarned", "Stoltenberg warned"),
                ("villagewhich", "village which")
            ]
        );
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
                    #villagewhich and the pre-villagewhich era, villagewhich.org, villagewhich's \
                    and o'villagewhich. Stoltenberg said so.";
        assert!(run(text, Some("en")).repairs.is_empty());
    }

    #[test]
    fn a_token_written_twice_is_a_word() {
        let text = "The villagewhich festival. Another villagewhich festival came later.";
        assert!(run(text, Some("en")).repairs.is_empty());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            " ",
            "\u{0}\u{feff}ÿ",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "Ωmega٣ villagewhiché",
        ] {
            run(text, Some("en"));
        }
        let long = "Stoltenbwarned xyzzyplugh ".repeat(10_000);
        run(&long, Some("en"));
    }
}
