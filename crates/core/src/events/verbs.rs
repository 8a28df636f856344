//! The verb dictionary: which words are event verbs, in which forms, and which phrases around
//! them pick a CAMEO code. Read from PETRARCH's `CAMEO.2.0.txt` (shipped in `data/events/`),
//! then our own additions in `verbs-extra.txt`, which win where both have a phrase.
//!
//! PETRARCH matches these patterns against a constituency parse. We have no parser (the
//! pipeline must stay far faster than one), so a pattern's words are matched in order inside the
//! verb's own phrase: the words between the verb and the next clause boundary or verb.

use foldhash::fast::FixedState;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

pub use crate::lang::en::FormKind;
use crate::lang::en::verbs::{kind_of, regular_forms};

/// One word of a pattern: a word (any of its plural forms) or any member of a synonym set.
#[derive(Debug, Clone, PartialEq)]
pub enum Slot {
    Word(String),
    Set(usize),
}

/// What a verb or phrase codes: `[042:043]` is a visit one way (042) and hosting it the other
/// (043); `[:173]` only the other way ("appeared before the court" is the court acting);
/// `[---]`, neither: the phrase is explicitly not an event ("call a cabinet meeting").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Codes {
    /// Source to target.
    pub forward: Option<String>,
    /// Target to source.
    pub reverse: Option<String>,
}

impl Codes {
    pub fn is_event(&self) -> bool {
        self.forward.is_some() || self.reverse.is_some()
    }
}

#[derive(Debug, Clone)]
pub struct Pattern {
    /// Words before the verb, nearest last.
    pub before: Vec<Slot>,
    /// Words after the verb, in order.
    pub after: Vec<Slot>,
    pub codes: Codes,
    /// The verb the phrase was written for (its `# VERB` comment): a block's synonyms share
    /// its phrases, and where two fit equally the verb's own wins ("ratified an agreement").
    pub written_for: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Block {
    pub codes: Codes,
    pub patterns: Vec<Pattern>,
}

/// A verb form as it appears in text: its first word (the lookup key), the words that must
/// follow it for multi-word verbs ("ask for"), its block and its own code.
#[derive(Debug, Clone)]
pub struct Form {
    pub rest: Vec<String>,
    pub block: usize,
    /// The verb's own codes: `None` takes the block's.
    pub codes: Option<Codes>,
    pub kind: FormKind,
    /// The verb's base form, one word per `_` ("ask_for" → "ask for").
    pub lemma: String,
}

#[derive(Debug, Default)]
pub struct VerbDictionary {
    /// foldhash rather than SipHash: every word of every sentence is looked up here.
    forms: HashMap<String, Vec<Form>, FixedState>,
    pub blocks: Vec<Block>,
    sets: Vec<Vec<Vec<String>>>,
    /// Per set, its phrases by first word: patterns are tried at every word of a phrase, so
    /// a set is looked up, not scanned.
    set_starts: Vec<HashMap<String, Vec<usize>>>,
    set_names: HashMap<String, usize>,
}

/// The shipped dictionary: PETRARCH's verbs plus ours.
pub fn english() -> Arc<VerbDictionary> {
    static DICTIONARY: LazyLock<Arc<VerbDictionary>> = LazyLock::new(|| {
        let mut dictionary = VerbDictionary::default();
        dictionary.read(include_str!("../../../../data/events/CAMEO.2.0.txt"));
        dictionary.read(include_str!("../../../../data/events/verbs-extra.txt"));
        Arc::new(dictionary)
    });
    DICTIONARY.clone()
}

impl VerbDictionary {
    pub fn parse(text: &str) -> VerbDictionary {
        let mut dictionary = VerbDictionary::default();
        dictionary.read(text);
        dictionary
    }

    /// Adds the synonym sets, verb blocks and patterns of one file in PETRARCH's format. A verb
    /// already known joins the new block too, so a later file's patterns are tried first.
    pub fn read(&mut self, text: &str) {
        let mut current_set: Option<usize> = None;
        let mut current_block: Option<usize> = None;
        for raw in text.lines() {
            let (line, comment) = raw.split_once('#').unwrap_or((raw, ""));
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('&') {
                let id = self.set_id(name.trim());
                current_set = Some(id);
                current_block = None;
            } else if line.starts_with("---") {
                current_set = None;
                let codes = bracket_codes(line).unwrap_or_default();
                self.blocks.push(Block {
                    codes,
                    patterns: Vec::new(),
                });
                current_block = Some(self.blocks.len() - 1);
            } else if let Some(pattern) = line.strip_prefix('-') {
                if let Some(block) = current_block {
                    let mut pattern = self.pattern(pattern);
                    pattern.written_for = comment
                        .split_whitespace()
                        .next()
                        .filter(|w| w.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
                        .map(|w| phrase_words(w).join(" "));
                    self.blocks[block].patterns.push(pattern);
                }
            } else if let (Some(set), Some(member)) = (current_set, line.strip_prefix('+')) {
                let words = phrase_words(member);
                if !words.is_empty() {
                    self.set_starts[set]
                        .entry(words[0].clone())
                        .or_default()
                        .push(self.sets[set].len());
                    self.sets[set].push(words);
                }
            } else if let Some(block) = current_block {
                self.add_verb(line, block);
            }
        }
    }

    fn set_id(&mut self, name: &str) -> usize {
        let key = name.trim_end_matches('_').to_ascii_lowercase();
        if let Some(&id) = self.set_names.get(&key) {
            return id;
        }
        self.sets.push(Vec::new());
        self.set_starts.push(HashMap::new());
        self.set_names.insert(key, self.sets.len() - 1);
        self.sets.len() - 1
    }

    fn add_verb(&mut self, line: &str, block: usize) {
        let codes = bracket_codes(line);
        let head = line.split(['{', '[']).next().unwrap_or("").trim();
        let lemma = phrase_words(head.trim_start_matches('+'));
        if lemma.is_empty() {
            return;
        }
        let listed: Vec<Vec<String>> = match (line.find('{'), line.find('}')) {
            (Some(open), Some(close)) if open < close => line[open + 1..close]
                .split_whitespace()
                .map(|form| phrase_words(form.trim_start_matches('+')))
                .filter(|words| !words.is_empty())
                .collect(),
            _ => Vec::new(),
        };
        let mut forms = vec![(lemma.clone(), FormKind::Base)];
        if listed.is_empty() {
            let (first, rest) = lemma.split_first().expect("non-empty");
            for (form, kind) in regular_forms(first) {
                let mut words = vec![form];
                words.extend(rest.iter().cloned());
                forms.push((words, kind));
            }
        } else {
            for words in listed {
                let kind = kind_of(&words[0], &lemma[0]);
                forms.push((words, kind));
            }
        }
        let lemma = lemma.join(" ");
        for (words, kind) in forms {
            let (first, rest) = words.split_first().expect("non-empty");
            self.forms.entry(first.clone()).or_default().push(Form {
                rest: rest.to_vec(),
                block,
                codes: codes.clone(),
                kind,
                lemma: lemma.clone(),
            });
        }
    }

    fn pattern(&mut self, text: &str) -> Pattern {
        let codes = bracket_codes(text).unwrap_or_default();
        let body = text.split('[').next().unwrap_or("");
        let mut before = Vec::new();
        let mut after = Vec::new();
        let mut seen_verb = false;
        for token in body.split_whitespace() {
            let token = token.trim_matches(|c| matches!(c, '{' | '}' | '(' | ')'));
            if token == "*" {
                seen_verb = true;
                continue;
            }
            // Source, target, skip and compound markers place actors; we find actors ourselves.
            if token.is_empty() || matches!(token, "$" | "+" | "^" | "%") {
                continue;
            }
            let slot = match token.strip_prefix('&') {
                Some(set) => Slot::Set(self.set_id(set)),
                None => match phrase_words(token).into_iter().next() {
                    Some(word) => Slot::Word(word),
                    None => continue,
                },
            };
            if seen_verb {
                after.push(slot)
            } else {
                before.push(slot)
            }
        }
        Pattern {
            before,
            after,
            codes,
            written_for: None,
        }
    }

    /// The verb forms starting with `word` (lower case).
    pub fn forms(&self, word: &str) -> &[Form] {
        self.forms.get(word).map_or(&[], Vec::as_slice)
    }

    /// Whether `words[at..]` starts with one of `slot`'s phrases; the length matched.
    pub fn slot_match(&self, slot: &Slot, words: &[&str], at: usize) -> Option<usize> {
        match slot {
            Slot::Word(word) => word_matches(word, words.get(at)?).then_some(1),
            Slot::Set(set) => {
                let token = *words.get(at)?;
                singular_forms(token)
                    .into_iter()
                    .flatten()
                    .find_map(|first| {
                        self.set_starts[*set].get(first)?.iter().find_map(|&p| {
                            let phrase = &self.sets[*set][p];
                            let fits = phrase.iter().enumerate().all(|(i, w)| {
                                words.get(at + i).is_some_and(|t| word_matches(w, t))
                            });
                            fits.then_some(phrase.len())
                        })
                    })
            }
        }
    }
}

/// The dictionary forms a text word may stand for: itself and its singulars.
fn singular_forms(token: &str) -> [Option<&str>; 3] {
    [
        Some(token),
        token.strip_suffix('s'),
        token.strip_suffix("es"),
    ]
}

/// A dictionary word matches its plural and possessive too ("attack" ~ "attacks").
fn word_matches(word: &str, token: &str) -> bool {
    // Most comparisons fail on the first letter; every variant below keeps it.
    if word.as_bytes().first() != token.as_bytes().first() || token.len() < word.len() {
        return false;
    }
    token == word
        || token
            .strip_suffix('s')
            .is_some_and(|t| t == word || t.strip_suffix('e') == Some(word))
        || (word.ends_with('y') && token.strip_suffix("ies") == word.strip_suffix('y'))
}

/// `[042:043]`, `[:173]`, `[190]`, `[---]`; `None` when the line has no codes.
fn bracket_codes(line: &str) -> Option<Codes> {
    let open = line.find('[')?;
    let close = open + line[open..].find(']')?;
    let (forward, reverse) = line[open + 1..close]
        .split_once(':')
        .unwrap_or((&line[open + 1..close], ""));
    let code = |c: &str| {
        let c = c.trim();
        (!c.is_empty() && c.bytes().all(|b| b.is_ascii_digit())).then(|| c.to_string())
    };
    Some(Codes {
        forward: code(forward),
        reverse: code(reverse),
    })
}

/// `ASK_FOR` → ["ask", "for"]; trailing `_` (no inflection) dropped.
fn phrase_words(token: &str) -> Vec<String> {
    token
        .split('_')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
&WEAPON
+ARTILLERY
+HEAVY_WEAPON

---  ATTACK   [190]  ---
ATTACK
STRIKE {STRIKES STRUCK STRIKING}
- * (WITH &WEAPON)     [194]   # ATTACK
- * CABINET            [---]
- * VISIT              [042:043]
- * (BEFORE COURT)     [:173]
";

    #[test]
    fn reads_forms_blocks_and_patterns() {
        let d = VerbDictionary::parse(SAMPLE);
        let attacked = &d.forms("attacked")[0];
        assert_eq!(attacked.kind, FormKind::Past);
        assert_eq!(
            d.blocks[attacked.block].codes.forward.as_deref(),
            Some("190")
        );
        assert_eq!(d.forms("struck")[0].kind, FormKind::Past);
        assert!(d.forms("strikeed").is_empty());
        let patterns = &d.blocks[0].patterns;
        assert_eq!(patterns[0].codes.forward.as_deref(), Some("194"));
        assert_eq!(patterns[0].written_for.as_deref(), Some("attack"));
        assert_eq!(patterns[1].codes, Codes::default());
        assert_eq!(
            patterns[2].codes,
            Codes {
                forward: Some("042".into()),
                reverse: Some("043".into())
            }
        );
        assert_eq!(
            patterns[3].codes,
            Codes {
                forward: None,
                reverse: Some("173".into())
            }
        );
        let words = ["with", "heavy", "weapons"];
        assert_eq!(d.slot_match(&patterns[0].after[1], &words, 1), Some(2));
    }

    #[test]
    fn shipped_dictionary_knows_common_verbs() {
        let d = english();
        for (word, code) in [("denounced", "111"), ("accused", "112")] {
            let form = &d.forms(word)[0];
            let own = form
                .codes
                .clone()
                .unwrap_or_else(|| d.blocks[form.block].codes.clone());
            assert_eq!(own.forward.as_deref(), Some(code), "{word}");
        }
        assert!(!d.forms("telephoned").is_empty());
        assert_eq!(
            d.forms("holds")[0].codes,
            Some(Codes::default()),
            "HOLD is listed [---] in its block"
        );
    }
}
