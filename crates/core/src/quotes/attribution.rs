//! Attribution: the cue verb of each quote and its speaker.

use super::cues::{self, Pronoun, is_cue, is_filler, needs_particle, pronoun};
use super::marks::{Quoted, find_quoted};
use crate::record::{Entity, EntityKind, Quote, Record, Span};
use std::collections::HashMap;

/// A quote with what the record does not keep: the surface span its speaker was read from (a
/// name, a pronoun, "a source"), and whether quotation marks delimit it.
#[derive(Debug, Clone, PartialEq)]
pub struct Attributed {
    pub quote: Quote,
    pub speaker_span: Option<Span>,
    pub direct: bool,
}

/// Who a quote is from: an entity (index into `record.entities`), else a phrase.
#[derive(Debug, Clone, Default)]
struct Speaker {
    entity: Option<usize>,
    phrase: Option<String>,
    span: Option<Span>,
}

impl Speaker {
    fn known(&self) -> bool {
        self.entity.is_some() || self.phrase.is_some()
    }
}

/// Words that join clauses: a stretch holding one is no speaker's noun phrase.
fn is_connective(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "while"
            | "as"
            | "that"
            | "and"
            | "but"
            | "because"
            | "if"
            | "when"
            | "after"
            | "before"
            | "although"
            | "though"
            | "so"
            | "than"
            | "about"
            | "since"
            | "until"
            | "whether"
            | "where"
            | "what"
            | "how"
            | "why"
            | "to"
            | "not"
            | "no"
            | "in"
            | "on"
            | "with"
    )
}

/// Frequent irregular past tenses and present forms, which end a subject noun phrase.
fn is_common_verb(word: &str) -> bool {
    matches!(
        word,
        "began"
            | "sought"
            | "took"
            | "made"
            | "gave"
            | "went"
            | "came"
            | "got"
            | "led"
            | "held"
            | "met"
            | "sent"
            | "spent"
            | "kept"
            | "left"
            | "brought"
            | "thought"
            | "felt"
            | "won"
            | "ran"
            | "struck"
            | "threw"
            | "put"
            | "set"
            | "let"
            | "hit"
            | "saw"
            | "became"
            | "drew"
            | "fought"
            | "stood"
            | "spoke"
            | "knew"
            | "chose"
            | "grew"
            | "rose"
            | "shot"
            | "wants"
            | "seems"
            | "gets"
            | "makes"
            | "takes"
            | "gives"
            | "goes"
            | "comes"
    )
}

fn is_determiner(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "these"
            | "those"
            | "another"
            | "one"
            | "two"
            | "some"
            | "many"
    )
}

struct Context<'a> {
    text: &'a str,
    entities: &'a [Entity],
    /// (start, end, entity index), sorted by start.
    mentions: Vec<(usize, usize, usize)>,
    sentences: &'a [Span],
    /// Speakers attributed so far: (quote start, sentence index, entity).
    spoken: Vec<(usize, usize, Option<usize>, Speaker)>,
    /// Indices into `spoken` by sentence, so a look-up per sentence costs no scan of them all.
    spoken_by_sentence: HashMap<usize, Vec<usize>>,
}

type Word<'a> = (usize, &'a str);

impl<'a> Context<'a> {
    fn remember(&mut self, quote_start: usize, sentence: usize, speaker: &Speaker) {
        self.spoken_by_sentence
            .entry(sentence)
            .or_default()
            .push(self.spoken.len());
        self.spoken
            .push((quote_start, sentence, speaker.entity, speaker.clone()));
    }

    /// What was attributed in one sentence, latest first.
    fn spoken_in(
        &self,
        sentence: usize,
    ) -> impl Iterator<Item = &(usize, usize, Option<usize>, Speaker)> {
        self.spoken_by_sentence
            .get(&sentence)
            .into_iter()
            .flatten()
            .rev()
            .map(|&i| &self.spoken[i])
    }

    fn words(&self, from: usize, to: usize) -> Vec<Word<'a>> {
        let to = to.min(self.text.len());
        if from >= to || !self.text.is_char_boundary(from) || !self.text.is_char_boundary(to) {
            return Vec::new();
        }
        crate::text::words(&self.text[from..to])
            .map(|(i, w)| (from + i, w))
            .collect()
    }

    fn sentence_of(&self, pos: usize) -> usize {
        match self.sentences.binary_search_by(|s| s[0].cmp(&pos)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    fn sentence_span(&self, i: usize) -> Span {
        self.sentences
            .get(i)
            .copied()
            .unwrap_or([0, self.text.len()])
    }

    /// The mention covering byte `pos`.
    fn mention_at(&self, pos: usize) -> Option<(usize, usize, usize)> {
        let i = self.mentions.partition_point(|m| m.0 <= pos);
        self.mentions[..i]
            .iter()
            .rev()
            .take(4)
            .find(|m| m.1 > pos)
            .copied()
    }

    fn mentions_in(
        &self,
        from: usize,
        to: usize,
    ) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        let i = self.mentions.partition_point(|m| m.0 < from);
        self.mentions[i..]
            .iter()
            .take_while(move |m| m.0 < to)
            .filter(move |m| m.1 <= to)
            .copied()
    }

    fn kind(&self, entity: usize) -> EntityKind {
        self.entities[entity].kind
    }

    fn is_actor(&self, entity: usize) -> bool {
        matches!(
            self.kind(entity),
            EntityKind::Person | EntityKind::Organization | EntityKind::Group
        )
    }

    fn entity_speaker(&self, m: (usize, usize, usize)) -> Speaker {
        Speaker {
            entity: Some(m.2),
            phrase: None,
            span: Some([m.0, m.1]),
        }
    }

    /// The speaker a pronoun at `at` stands for: the one in focus in the sentences before it,
    /// the speaker of their last quote, else their subject (first person, else organization
    /// or group).
    fn resolve(&self, at: usize, kind: Pronoun) -> Speaker {
        let here = self.sentence_of(at);
        let first = here.saturating_sub(3);
        for s in (first..here).rev() {
            if let Some((_, _, _, sp)) = self.spoken_in(s).find(|q| q.3.entity.is_some()) {
                return Speaker {
                    entity: sp.entity,
                    phrase: None,
                    span: Some([at, at + word_len(self.text, at)]),
                };
            }
            let [a, b] = self.sentence_span(s);
            let wanted: &[EntityKind] = match kind {
                Pronoun::Thing => &[
                    EntityKind::Organization,
                    EntityKind::Group,
                    EntityKind::Person,
                ],
                Pronoun::Plural => &[
                    EntityKind::Group,
                    EntityKind::Organization,
                    EntityKind::Person,
                ],
                _ => &[
                    EntityKind::Person,
                    EntityKind::Organization,
                    EntityKind::Group,
                ],
            };
            for k in wanted {
                if let Some(m) = self.mentions_in(a, b).find(|m| self.kind(m.2) == *k) {
                    return Speaker {
                        entity: Some(m.2),
                        phrase: None,
                        span: Some([at, at + word_len(self.text, at)]),
                    };
                }
            }
        }
        Speaker {
            entity: None,
            phrase: None,
            span: Some([at, at + word_len(self.text, at)]),
        }
    }

    /// The subject ending just before the cue at word `j` of `words`.
    fn subject_before(
        &self,
        words: &[Word<'a>],
        j: usize,
        sentence: usize,
        before_quote: usize,
    ) -> Speaker {
        let k = self.skip_to_subject(words, j);
        if k == 0 {
            return self.inherit_or_subject(
                sentence,
                before_quote,
                words.get(j).map_or(0, |w| w.0),
            );
        }
        let (at, word) = words[k - 1];
        let gap = &self.text[at + word.len()..words[k].0.max(at + word.len())];
        // "X said, adding “…”", "X criticized Y, calling him “…”": a participle after a clause
        // shares its subject.
        // Without a comma, a participle takes the actor named right before it ("with Trump
        // saying"); after anything else ("by saying", "a statement calling") the clause's.
        let participle = words[j].1.ends_with("ing");
        let actor_before = self.mention_at(at).filter(|m| self.is_actor(m.2));
        if participle
            && (gap.contains(',')
                || is_cue(word)
                || actor_before.is_none() && pronoun(word).is_none())
        {
            if let Some(i) = (0..k)
                .rev()
                .find(|&i| self.cue_at(words, i) && cues::is_finite(words[i].1))
            {
                return self.subject_before(words, i, sentence, before_quote);
            }
            return self.inherit_or_subject(sentence, before_quote, at);
        }
        if let Some(p) = pronoun(word) {
            if p == Pronoun::Relative {
                // "Obama, who called …": the antecedent speaks, read from the relative pronoun.
                let antecedent = self.nearest_actor_before(at, sentence);
                return Speaker {
                    span: Some([at, at + word.len()]),
                    ..antecedent
                };
            }
            return self.resolve(at, p);
        }
        if gap.contains(',') {
            // "Guterres, through his spokesman, declared": the subject is before the aside.
            let subject = self.before_apposition(words, at, sentence);
            // "He suggested …, called her “…”": else a verb in a series shares the clause's.
            return if subject.known() {
                subject
            } else {
                self.inherit_or_subject(sentence, before_quote, at)
            };
        }
        if let Some(m) = self.mention_at(at) {
            return self.entity_speaker(m);
        }
        if matches!(
            word.to_ascii_lowercase().as_str(),
            "and" | "but" | "or" | "then"
        ) {
            return self.inherit_or_subject(sentence, before_quote, at);
        }
        self.phrase_before(words, k)
    }

    /// The word index just after the subject of the cue at `j`: back over fillers, time phrases
    /// ("X on Monday said", "X two weeks ago said") and a parenthesis ("Ryan (R-Wis.) said").
    fn skip_to_subject(&self, words: &[Word<'a>], j: usize) -> usize {
        let mut k = j;
        loop {
            let before = k;
            while k > 0 && (is_filler(words[k - 1].1) || cues::is_time_word(words[k - 1].1)) {
                k -= 1;
            }
            if k < before
                && k > 0
                && matches!(
                    words[k - 1].1.to_ascii_lowercase().as_str(),
                    "on" | "last" | "this" | "late" | "early"
                )
            {
                k -= 1;
            }
            if k > 0 && words[k - 1].1.eq_ignore_ascii_case("ago") {
                k = k.saturating_sub(3);
            }
            if k > 0 && k < words.len() {
                let (at, w) = words[k - 1];
                let gap = &self.text[at + w.len()..words[k].0.max(at + w.len())];
                if gap.contains(')')
                    && let Some(open) = self.text[words[0].0..at].rfind('(')
                {
                    let open = words[0].0 + open;
                    k = words[..k].partition_point(|w| w.0 < open);
                }
            }
            if k == before {
                return k;
            }
        }
    }

    /// A common-noun speaker ("a source", "the spokesman", "officials") ending at word `k`.
    fn phrase_before(&self, words: &[Word<'a>], k: usize) -> Speaker {
        let mut s = k;
        while s > 0 && k - s < 5 {
            let w = words[s - 1].1;
            if is_connective(w) || cues::is_cue(w) {
                break;
            }
            let gap =
                &self.text[words[s - 1].0 + w.len()..words[s].0.max(words[s - 1].0 + w.len())];
            if s < k && gap.contains([',', ';', ':', '(', ')', '"', '“', '”']) {
                break;
            }
            s -= 1;
            if is_determiner(w) {
                break;
            }
        }
        if s == k {
            return Speaker::default();
        }
        let (a, b) = (words[s].0, words[k - 1].0 + words[k - 1].1.len());
        if let Some(m) = self.mentions_in(a, b).filter(|m| self.is_actor(m.2)).last() {
            return self.entity_speaker(m);
        }
        Speaker {
            entity: None,
            phrase: Some(self.text[a..b].to_string()),
            span: Some([a, b]),
        }
    }

    /// The subject before an aside ending at the word at `at` ("Murphy, who ran a super PAC,
    /// said", "Rep. Glenn Thompson, R-Pa., said"): walking back over comma-delimited stretches,
    /// the first person named before a comma, else the first actor, else the nearest one.
    fn before_apposition(&self, words: &[Word<'a>], at: usize, sentence: usize) -> Speaker {
        let [sentence_start, _] = self.sentence_span(sentence);
        let lo = sentence_start.max(words.first().map_or(0, |w| w.0)).min(at);
        let mut pos = at;
        let mut fallback = None;
        for _ in 0..3 {
            let Some(comma) = self.text[lo..pos].rfind(',') else {
                break;
            };
            let mut end = lo + self.text[lo..lo + comma].trim_end().len();
            if self.text[lo..end].ends_with(')')
                && let Some(open) = self.text[lo..end].rfind('(')
            {
                end = lo + self.text[lo..lo + open].trim_end().len();
            }
            let Some(&(wa, w)) = self.words(lo, end).last() else {
                break;
            };
            if let Some(p) = pronoun(w)
                && matches!(p, Pronoun::Person | Pronoun::Plural | Pronoun::Thing)
                && !matches!(
                    w.to_ascii_lowercase().as_str(),
                    "him" | "her" | "his" | "them" | "its"
                )
            {
                return self.resolve(wa, p);
            }
            if let Some(m) = self.mention_at(wa).filter(|m| self.is_actor(m.2)) {
                if self.kind(m.2) == EntityKind::Person {
                    return self.entity_speaker(m);
                }
                fallback.get_or_insert(m);
            }
            pos = wa;
        }
        match fallback {
            Some(m) => self.entity_speaker(m),
            None => self.nearest_actor_before(at + word_len(self.text, at), sentence),
        }
    }

    /// The person, organization or group mentioned last before `pos` in the sentence.
    fn nearest_actor_before(&self, pos: usize, sentence: usize) -> Speaker {
        let [a, _] = self.sentence_span(sentence);
        let best = self
            .mentions_in(a.min(pos), pos)
            .filter(|m| self.is_actor(m.2))
            .last();
        best.map(|m| self.entity_speaker(m)).unwrap_or_default()
    }

    /// A cue with a shared subject ("… and called for “…”"): the speaker of the sentence's
    /// earlier quote, else the sentence's first actor.
    fn inherit_or_subject(&self, sentence: usize, before_quote: usize, pos: usize) -> Speaker {
        if let Some(q) = self
            .spoken_in(sentence)
            .find(|q| q.0 < before_quote && q.3.known())
        {
            return q.3.clone();
        }
        let [a, _] = self.sentence_span(sentence);
        let opening = self.words(a, pos);
        // "But he also … and said": the sentence's own subject pronoun.
        if let Some(&(at, w)) = opening
            .iter()
            .take(2)
            .find(|w| pronoun(w.1).is_some_and(|p| matches!(p, Pronoun::Person | Pronoun::Plural)))
            && !w.eq_ignore_ascii_case("her")
            && !w.eq_ignore_ascii_case("his")
        {
            return self.resolve(at, pronoun(w).unwrap_or(Pronoun::Person));
        }
        // "The Florida senator sought …, saying": a description opening the sentence is its
        // subject.
        if let Some(subject) = self.opening_description(&opening) {
            return subject;
        }
        // The first actor not inside a prepositional phrase ("In an interview with X, Y said").
        let actors: Vec<_> = self
            .mentions_in(a, pos)
            .filter(|m| self.is_actor(m.2))
            .collect();
        let governed = |m: &(usize, usize, usize)| {
            self.words(a, m.0).last().is_some_and(|w| {
                matches!(
                    w.1.to_ascii_lowercase().as_str(),
                    "with"
                        | "to"
                        | "in"
                        | "at"
                        | "from"
                        | "by"
                        | "on"
                        | "for"
                        | "of"
                        | "about"
                        | "against"
                        | "over"
                        | "the"
                        | "a"
                )
            }) || self
                .words(a, m.0)
                .iter()
                .rev()
                .take(4)
                .any(|w| w.1 == "with" || w.1 == "to")
        };
        actors
            .iter()
            .find(|m| !governed(m))
            .or(actors.first())
            .map(|&m| self.entity_speaker(m))
            .unwrap_or_default()
    }

    /// A noun phrase opening a sentence with "The"/"A"/"An" and naming no actor ("The town",
    /// "The billionaire businessman"): up to four words, ending before a verb-like word.
    fn opening_description(&self, opening: &[Word<'a>]) -> Option<Speaker> {
        let (first_at, first) = *opening.first()?;
        if !matches!(first, "The" | "A" | "An") {
            return self.opening_name(opening);
        }
        let mut end = 0;
        for (n, &(_, w)) in opening.iter().enumerate().skip(1).take(4) {
            let lower = w.to_ascii_lowercase();
            let lower_case = w.chars().next().is_some_and(char::is_lowercase);
            if lower_case
                && (lower.ends_with("ed")
                    || is_filler(&lower)
                    || is_connective(&lower)
                    || is_cue(&lower)
                    || is_determiner(&lower)
                    || is_common_verb(&lower))
            {
                break;
            }
            let (at, _) = opening[n];
            if n > 1 && self.text[opening[n - 1].0..at].contains([',', ';', ':', '(', '"', '“']) {
                break;
            }
            end = n;
        }
        if end == 0 {
            return None;
        }
        let (a, b) = (first_at, opening[end].0 + opening[end].1.len());
        if self.mentions_in(a, b + 1).any(|m| self.is_actor(m.2)) || self.mention_at(a).is_some() {
            return None;
        }
        Some(Speaker {
            entity: None,
            phrase: Some(self.text[a..b].to_string()),
            span: Some([a, b]),
        })
    }

    /// A name the tagger missed opening a sentence as its subject ("Carson took the stage",
    /// "Trump subsequently defended"): one to three capitalised words right before a verb.
    fn opening_name(&self, opening: &[Word<'a>]) -> Option<Speaker> {
        let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let n = opening.iter().take(4).position(|w| !capitalised(w.1))?;
        if n == 0 || n > 3 {
            return None;
        }
        let verb = opening[n].1;
        let verb_like = verb.ends_with("ed")
            || is_filler(verb)
            || is_common_verb(verb)
            || cues::is_finite(verb);
        let (a, b) = (opening[0].0, opening[n - 1].0 + opening[n - 1].1.len());
        let plain_words = opening[..n].iter().all(|w| {
            !w.1.ends_with("ing")
                && !is_connective(w.1)
                && !is_determiner(w.1)
                && pronoun(w.1).is_none()
        });
        if !verb_like
            || !plain_words
            || self.text[a..b].contains([',', ';', ':', '(', '"', '“', '\n'])
        {
            return None;
        }
        Some(Speaker {
            entity: None,
            phrase: Some(self.text[a..b].to_string()),
            span: Some([a, b]),
        })
    }

    /// The speaker named after an inverted cue ("said the spokesman, Ned Price, in …"): the
    /// first person within a clause, else the first actor or place, else the noun phrase.
    fn subject_after(&self, words: &[Word<'a>], j: usize) -> Speaker {
        let rest = &words[j + 1..words.len().min(j + 16)];
        if let Some(&(at, w)) = rest.first()
            && let Some(p) = pronoun(w)
            && p != Pronoun::Relative
        {
            return self.resolve(at, p);
        }
        let Some(&(from, _)) = rest.first() else {
            return Speaker::default();
        };
        let mut to = rest.last().map_or(from, |w| w.0 + w.1.len());
        if let Some(stop) = self.text[from..to].find(['.', ';', '“', '"', '«']) {
            to = from + stop;
        }
        let mut found = self.mentions_in(from, to).filter(|m| self.is_actor(m.2));
        let first = found.next();
        if let Some(person) = first
            .into_iter()
            .chain(found)
            .find(|m| self.kind(m.2) == EntityKind::Person)
        {
            return self.entity_speaker(person);
        }
        if let Some(m) = first.or_else(|| self.mentions_in(from, to).next()) {
            // Only a mention at the head of the phrase is its speaker.
            if self.words(from, m.0).len() <= 3 {
                return self.entity_speaker(m);
            }
        }
        let mut end = 0;
        for (n, &(at, w)) in rest.iter().enumerate() {
            if at >= to
                || (n > 0
                    && (is_connective(w) || matches!(w, "in" | "at" | "on" | "for" | "during")))
            {
                break;
            }
            end = n + 1;
            if self.text[at + w.len()..].starts_with([',', '.', ';']) {
                break;
            }
        }
        if end == 0 {
            return Speaker::default();
        }
        let (a, b) = (rest[0].0, rest[end - 1].0 + rest[end - 1].1.len());
        Speaker {
            entity: None,
            phrase: Some(self.text[a..b].to_string()),
            span: Some([a, b]),
        }
    }

    /// The index of the cue word in `words`, as a verb: not after a determiner ("a call"), with
    /// its particle when it needs one ("pointed out").
    fn cue_at(&self, words: &[Word<'a>], j: usize) -> bool {
        let w = words[j].1;
        // "Said Dorothy Poynter, …": an inverted cue opening its sentence is capitalised.
        let opening = w.chars().next().is_some_and(char::is_uppercase)
            && self.text[..words[j].0]
                .trim_end()
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '.' | '\n' | '"' | '”' | '!' | '?'))
            && cues::is_finite(&w.to_ascii_lowercase())
            && is_cue(&w.to_ascii_lowercase());
        if !is_cue(w) && !opening {
            return false;
        }
        // "a call", "so-called": nouns and compounds, not speech.
        if j > 0 && is_determiner(words[j - 1].1) || self.text[..words[j].0].ends_with('-') {
            return false;
        }
        // "Kim's mental state", "Trump's remarks": a possessive makes it a noun.
        if j > 0 && (words[j - 1].1.ends_with("'s") || words[j - 1].1.ends_with("’s")) {
            return false;
        }
        match needs_particle(w) {
            Some(p) => words
                .get(j + 1)
                .is_some_and(|n| n.1.eq_ignore_ascii_case(p)),
            None => true,
        }
    }

    /// Cue and speaker given later in the quote's sentence, past a named speaker's aside
    /// (“…,” Fred Kagan, director of …, said) or at the sentence's end after a comma
    /// (“…” about fixing inequality, said Marla Kilfoyle / “…” for the victory, Sanders said).
    fn later(&self, q: &Quoted, next_open: usize) -> Option<(String, Speaker)> {
        let s = self.sentence_of(q.close_end.saturating_sub(1));
        let [_, end] = self.sentence_span(s);
        let end = end.min(next_open);
        if end <= q.close_end {
            return None;
        }
        let rest = &self.text[q.close_end..end];
        let words = self.words(q.close_end, end);
        // A person named right after the quote, then an aside between commas, then the cue.
        if let Some(&(at, _)) = words.first()
            && at <= q.close_end + 2
            && let Some(m) = self
                .mention_at(at)
                .filter(|m| self.kind(m.2) == EntityKind::Person)
            && self.text[m.1..].starts_with(',')
            && let Some(comma) = self.text[m.1 + 1..end].find(',')
        {
            let after_aside = self.words(m.1 + 1 + comma, end);
            if let Some(j) = (0..after_aside.len().min(2)).find(|&j| self.cue_at(&after_aside, j)) {
                return Some((
                    after_aside[j].1.to_ascii_lowercase(),
                    self.entity_speaker(m),
                ));
            }
        }
        // ", said X." / ", X said." closing the sentence.
        let comma = rest.rfind(',')?;
        let tail = self.words(q.close_end + comma, end);
        if tail.is_empty() || tail.len() > 10 {
            return None;
        }
        if self.cue_at(&tail, 0) && !cues::is_bare_stem(&tail[0].1.to_ascii_lowercase()) {
            return Some((tail[0].1.to_ascii_lowercase(), self.subject_after(&tail, 0)));
        }
        let j = (1..tail.len().min(6)).find(|&j| self.cue_at(&tail, j))?;
        if tail.len() - j > 5 || tail[..j].iter().any(|w| is_connective(w.1)) {
            return None;
        }
        Some((
            tail[j].1.to_ascii_lowercase(),
            self.subject_before(&tail, j, s, q.start),
        ))
    }

    /// A quote signed on the next line ("“…” / - Bernie Sanders."), as fact checks and
    /// collections of reactions print them.
    fn signed(&self, q: &Quoted) -> Option<(String, Speaker)> {
        let rest = &self.text[q.close_end..];
        let line = rest.trim_start();
        let dash = line.strip_prefix(['-', '—', '―', '–'])?;
        let at = self.text.len() - dash.len();
        let words = self.words(at, (at + 60).min(self.text.len()));
        let first = words.first()?;
        if self.text[q.close_end..first.0].matches('\n').count() > 3 {
            return None;
        }
        let m = self
            .mention_at(first.0)
            .filter(|m| self.kind(m.2) == EntityKind::Person)?;
        Some((String::new(), self.entity_speaker(m)))
    }

    /// A quote right after a colon ("In a 1963 speech, he declared:"): the cue before the colon
    /// in its sentence, else that sentence's subject with no cue.
    fn announced(&self, q: &Quoted) -> Option<(String, Speaker)> {
        let before = self.text[..q.open].trim_end();
        if !before.ends_with(':') {
            return None;
        }
        let colon = before.len() - 1;
        let s = self.sentence_of(colon);
        let [a, _] = self.sentence_span(s);
        let words = self.words(a.min(colon), colon);
        match (0..words.len())
            .rev()
            .find(|&j| self.cue_at(&words, j) && words[j].1 != "according")
        {
            Some(j) => Some((
                words[j].1.to_ascii_lowercase(),
                self.subject_before(&words, j, s, q.start),
            )),
            // "Trump leaned in and boomed: “…”": a colon after a clause gives its subject's words.
            None => {
                let speaker = self.inherit_or_subject(s, q.start, colon);
                let named = speaker.entity.is_some();
                speaker
                    .known()
                    .then(|| (String::new(), speaker))
                    .filter(|_| words.len() >= 2 || named)
            }
        }
    }

    /// Cue and speaker from the words right after a quote ("…,” he said / “…,” said X).
    fn after(&self, q: &Quoted, next_open: usize) -> Option<(String, Speaker)> {
        let s = self.sentence_of(q.close_end.saturating_sub(1));
        let [_, mut end] = self.sentence_span(s);
        let opens_sentence = self.text[self.sentence_span(self.sentence_of(q.open))[0]..q.open]
            .trim()
            .is_empty();
        if end <= q.close_end + 1 && opens_sentence {
            // The quote is a sentence of its own: a short one after it may still attribute it.
            let [ns, ne] = self.sentence_span(s + 1);
            if s + 1 < self.sentences.len() && ns <= q.close_end + 3 {
                end = ne;
            }
        }
        let end = end.min(next_open);
        let words = self.words(q.close_end, end);
        let first = words.first()?;
        let gap = &self.text[q.close_end..first.0];
        let content_end = self.text[q.start..q.end]
            .trim_end()
            .trim_end_matches(['’', '\'', '"', '”'])
            .chars()
            .next_back();
        let clause_ended = gap.contains([',', '.', '!', '?', '—', '–'])
            || content_end.is_some_and(|c| matches!(c, ',' | '.' | '!' | '?' | '—' | '–'));
        if gap.len() > 4 || gap.contains(['(', '\n']) {
            return None;
        }
        // After a quote opening its sentence and closed by a comma, the words up to the cue are its subject, which may be
        // a long noun phrase ("“…,” a narrator in the Clinton ad asks", "“…,” panel Chairman
        // Rep. Jason Chaffetz (R-Utah) said"): prepositions and "and" join its parts there.
        let comma_closed = opens_sentence && (gap.contains(',') || content_end == Some(','));
        let reach = if comma_closed { 12 } else { 7 };
        for j in 0..words.len().min(reach) {
            if !self.cue_at(&words, j) {
                let w = words[j].1.to_ascii_lowercase();
                let joins_phrase = comma_closed
                    && matches!(
                        w.as_str(),
                        "and" | "in" | "on" | "with" | "of" | "at" | "for"
                    );
                if is_connective(&w) && !joins_phrase {
                    return None;
                }
                continue;
            }
            if j > 0 && !clause_ended {
                return None;
            }
            let cue = words[j].1.to_ascii_lowercase();
            if j == 0 {
                // An inverted verb is inflected ("said X", "adds X"); a bare stem right after a
                // quote is a noun (the “disheartened” state of).
                if cues::is_bare_stem(&cue) {
                    return None;
                }
                return Some((cue, self.subject_after(&words, j)));
            }
            let mut subject = self.subject_before(&words, j, s, q.start);
            // "…,” he stressed to the analyst X: translated Spanish order, where X speaks.
            if let Some(p) = pronoun(words[j - 1].1)
                && p != Pronoun::Relative
                && words.get(j + 1).is_some_and(|w| w.1 == "to")
                && words.get(j + 2).is_some_and(|w| is_determiner(w.1))
            {
                let (from, to) = (words[j + 1].0, words.get(j + 8).map_or(end, |w| w.0));
                if let Some(m) = self
                    .mentions_in(from, to)
                    .find(|m| self.kind(m.2) == EntityKind::Person)
                {
                    subject = self.entity_speaker(m);
                }
            }
            return Some((cue, subject));
        }
        // "“…,” Trump shot back.": after a quote opening its sentence and closed by a comma, a
        // short clause of a subject and any verb tells who spoke.
        let quote_words = self.text[q.start..q.end].split_whitespace().count();
        if comma_closed
            && quote_words >= 4
            && (2..=8).contains(&words.len())
            && first.0 <= q.close_end + 2
        {
            let verb_at = |n: usize| {
                words.get(n).is_some_and(|w| {
                    w.1.chars().next().is_some_and(char::is_lowercase)
                        && (w.1.ends_with("ed") || is_common_verb(w.1) || is_filler(w.1))
                })
            };
            if let Some(p) =
                pronoun(first.1).filter(|p| matches!(p, Pronoun::Person | Pronoun::Plural))
                && !matches!(first.1, "him" | "her" | "his" | "them")
                && verb_at(1)
            {
                return Some((String::new(), self.resolve(first.0, p)));
            }
            if let Some(m) = self
                .mention_at(first.0)
                .filter(|m| self.kind(m.2) == EntityKind::Person)
            {
                let n = words.partition_point(|w| w.0 < m.1);
                if verb_at(n) {
                    return Some((String::new(), self.entity_speaker(m)));
                }
            }
        }
        None
    }

    /// Cue and speaker from the last reporting verb before the quote in its sentence.
    fn before(&self, q: &Quoted, from: usize) -> Option<(String, Speaker)> {
        let s = self.sentence_of(q.open);
        let words = self.words(from, q.open);
        for j in (0..words.len()).rev() {
            if !self.cue_at(&words, j) {
                continue;
            }
            let cue = words[j].1.to_ascii_lowercase();
            if cue == "according" {
                let after = &words[j + 1..];
                let speaker = match after.get(1) {
                    Some(&(at, w)) if pronoun(w).is_some() => {
                        self.resolve(at, pronoun(w).unwrap_or(Pronoun::Person))
                    }
                    Some(_) => self.subject_after(&words, j + 1),
                    None => Speaker::default(),
                };
                return Some(("according to".to_string(), speaker));
            }
            return Some((cue, self.subject_before(&words, j, s, q.start)));
        }
        None
    }
}

fn word_len(text: &str, at: usize) -> usize {
    text[at..]
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(text.len() - at)
}

/// Every quote of the record with its cue and speaker. Needs `text`, `sentences` and, for
/// speakers as entities, `entities`.
pub fn find_quotes(record: &Record) -> Vec<Attributed> {
    let text = record.text.as_str();
    let entities = record.entities.as_deref().unwrap_or(&[]);
    let mut mentions: Vec<(usize, usize, usize)> = entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m[0], m[1], i)))
        .filter(|m| m.0 < m.1 && m.1 <= text.len())
        .collect();
    mentions.sort_unstable();
    let mut cx = Context {
        text,
        entities,
        mentions,
        sentences: &record.sentences,
        spoken: Vec::new(),
        spoken_by_sentence: HashMap::new(),
    };
    let quoted = find_quoted(text);
    let mut out = Vec::with_capacity(quoted.len());
    for (n, q) in quoted.iter().enumerate() {
        let next_open = quoted.get(n + 1).map_or(text.len(), |x| x.open);
        let s = cx.sentence_of(q.open);
        let [sentence_start, _] = cx.sentence_span(s);
        let prev_close = n
            .checked_sub(1)
            .map(|p| quoted[p].close_end)
            .filter(|&c| c > sentence_start);
        let found = cx
            .after(q, next_open)
            .or_else(|| cx.before(q, prev_close.unwrap_or(sentence_start)))
            .or_else(|| cx.later(q, next_open))
            .or_else(|| cx.announced(q))
            .or_else(|| cx.signed(q));
        let (cue, speaker) = match found {
            Some((cue, speaker)) => ((!cue.is_empty()).then_some(cue), speaker),
            None => (None, continued(&cx, q, s, prev_close.is_some())),
        };
        let words = text[q.start..q.end].split_whitespace().count();
        if cue.is_none() && !speaker.known() && words < 4 {
            // Scare quotes, titles and nicknames: no one is quoted.
            continue;
        }
        let [sentence_start, _] = cx.sentence_span(s);
        let speaker = if cue.is_none()
            && !speaker.known()
            && text[sentence_start..q.open].trim().is_empty()
        {
            // A quote standing as its own sentence, with no cue: news gives it to the person in
            // focus, as it would a "he".
            let mut focus = cx.resolve(q.open, Pronoun::Person);
            focus.span = None;
            if focus.entity.is_some() {
                focus
            } else {
                speaker
            }
        } else {
            speaker
        };
        cx.remember(
            q.start,
            cx.sentence_of(q.close_end.saturating_sub(1)),
            &speaker,
        );
        cx.remember(q.start, s, &speaker);
        let content = if q.spans_paragraphs {
            join_paragraphs(&text[q.start..q.end])
        } else {
            text[q.start..q.end].to_string()
        };
        out.push(attributed(&cx, content, q.start, q.end, cue, speaker, true));
    }
    indirect(&mut cx, &quoted, &mut out);
    out.sort_by_key(|a| a.quote.start);
    out
}

/// A quote with no cue of its own continues the one before it: in the same sentence ("…,” as
/// X was “…”) or opening the next sentence or paragraph (“…,” he said. “…”).
fn continued(cx: &Context, q: &Quoted, s: usize, same_sentence: bool) -> Speaker {
    let last = cx.spoken.last();
    let [sentence_start, _] = cx.sentence_span(s);
    let lead = &cx.text[sentence_start..q.open];
    let opens_sentence = lead.trim().is_empty();
    // "But “…”": only connectives before it, no one else named.
    let bare_lead = cx.words(sentence_start, q.open).iter().all(|w| {
        is_connective(w.1)
            || matches!(
                w.1.to_ascii_lowercase().as_str(),
                "and" | "but" | "yet" | "still" | "then"
            )
    });
    // "Tarar said selling Trump has been a challenge. “In the beginning …”": a reported
    // speaker in the sentence before, after the last quote, takes over.
    if opens_sentence && !same_sentence && s > 0 {
        let [a, b] = cx.sentence_span(s - 1);
        let unquoted = !cx.text[a..b].contains(['“', '”', '"', '«', '»']);
        if unquoted && last.is_none_or(|l| l.0 < a) {
            let words = cx.words(a, b);
            if let Some(j) =
                (1..words.len()).find(|&j| cx.cue_at(&words, j) && cues::is_finite(words[j].1))
            {
                let speaker = cx.subject_before(&words, j, s - 1, a);
                if speaker.entity.is_some() {
                    return speaker;
                }
            }
        }
    }
    match last {
        Some(l) if same_sentence || ((opens_sentence || bare_lead) && l.1 + 2 >= s) => l.3.clone(),
        _ => Speaker::default(),
    }
}

fn join_paragraphs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, para) in s.split("\n\n").enumerate() {
        let para = para.trim().trim_start_matches(['“', '„', '«', '‘', '"']);
        if i > 0 {
            out.push(' ');
        }
        out.push_str(para);
    }
    out
}

fn attributed(
    cx: &Context,
    text: String,
    start: usize,
    end: usize,
    cue: Option<String>,
    speaker: Speaker,
    direct: bool,
) -> Attributed {
    let entity = speaker.entity.map(|i| &cx.entities[i]);
    Attributed {
        quote: Quote {
            text,
            speaker: entity.map(|e| e.id.clone()),
            speaker_name: entity.map(|e| e.name.clone()).or(speaker.phrase),
            cue,
            start,
            end,
        },
        speaker_span: speaker.span,
        direct,
    }
}

/// Indirect speech in sentences without quotation marks: "X stressed that …" and
/// "According to X, …"; the content runs to the end of the sentence.
fn indirect(cx: &mut Context, quoted: &[Quoted], out: &mut Vec<Attributed>) {
    let mut marks = quoted.iter().peekable();
    for s in 0..cx.sentences.len() {
        let [a, b] = cx.sentence_span(s);
        while marks.peek().is_some_and(|q| q.close_end <= a) {
            marks.next();
        }
        if marks.peek().is_some_and(|q| q.open < b) {
            continue;
        }
        let sentence = &cx.text[a..b];
        if !sentence.contains(" that ") && !sentence.starts_with("According to") {
            continue;
        }
        let words = cx.words(a, b);
        let Some(j) = (0..words.len()).find(|&j| {
            cx.cue_at(&words, j)
                && (words[j].1 == "According" || words.get(j + 1).is_some_and(|w| w.1 == "that"))
        }) else {
            continue;
        };
        let (cue, speaker, from) = if words[j].1 == "According" {
            let comma = sentence.find(',').map(|c| a + c + 1);
            let Some(from) = comma else { continue };
            let speaker = match words.get(j + 2) {
                Some(&(at, w)) if pronoun(w).is_some() => {
                    cx.resolve(at, pronoun(w).unwrap_or(Pronoun::Person))
                }
                Some(_) => cx.subject_after(&words, j + 1),
                None => Speaker::default(),
            };
            ("according to".to_string(), speaker, from)
        } else {
            let speaker = cx.subject_before(&words, j, s, words[j].0);
            (words[j].1.to_string(), speaker, words[j + 1].0 + 4)
        };
        let content = cx.text[from..b].trim().trim_end_matches(['.', '!', '?']);
        if content.split_whitespace().count() < 3 || !speaker.known() {
            continue;
        }
        let start = from + (cx.text[from..b].len() - cx.text[from..b].trim_start().len());
        let end = start + content.len();
        cx.remember(start, s, &speaker);
        out.push(attributed(
            cx,
            content.to_string(),
            start,
            end,
            Some(cue),
            speaker,
            false,
        ));
    }
}
