//! Codes one sentence: finds the event verbs and event nouns, picks each one's CAMEO code from
//! the verb dictionary's phrases, and its source and target among the sentence's actors.
//!
//! Without a parser, the structure comes from word order: the source is the nearest actor
//! before the verb in its clause (after "by" for a passive), the target the first actor after
//! it; "to"-infinitives of purpose share their verb's actors.

use super::actors::ActorSpan;
use super::sentence::{self, Modality, Token};
use super::verbs::{Codes, Form, FormKind, Slot, VerbDictionary};
use super::{cameo, nominal};
use crate::record::EntityKind;

/// One coded event in a sentence, before dates, places and counts are attached.
#[derive(Debug, Clone)]
pub struct Coded {
    pub code: String,
    /// The trigger's token range.
    pub first: usize,
    pub last: usize,
    pub source: Option<usize>,
    pub target: Option<usize>,
    /// "had attacked": told as earlier than the report.
    pub past_perfect: bool,
    /// "has issued": told as just done, whatever older date the sentence names.
    pub present_perfect: bool,
    /// Told as announced, scheduled or refused, not done: what it governs is not done either.
    pub modal: bool,
    /// Told by the reporter as to come ("will meet", "is scheduled to attend"): the act's own
    /// code, flagged (PLOVER's "future" mode), where an actor's own announcement is an
    /// intention (03, 13).
    pub future: bool,
    /// Matched a phrase of the dictionary, not only the verb.
    pub by_pattern: bool,
    pub nominal: bool,
    /// "pledged to expel": the verb whose intention this event states; its own coding
    /// ("pledged" alone) says less and gives way.
    pub governor: Option<usize>,
    /// Told in the passive: a pronoun before the verb is the target, never the source.
    pub passive: bool,
    /// The other side's act, read off another's ("hosted" from "visited").
    pub mirrored: bool,
}

impl Coded {
    /// The same act seen from the target's side, coded `code`.
    fn mirrored(&self, code: String) -> Option<Coded> {
        let (source, target) = (self.target?, self.source?);
        Some(Coded {
            code,
            source: Some(source),
            target: Some(target),
            mirrored: true,
            ..self.clone()
        })
    }
}

/// How far after a verb its phrase may reach, in words.
const PHRASE_WORDS: usize = 12;
/// How far before a verb a subject may stand, in words.
const SUBJECT_WORDS: usize = 14;

pub struct Sentence<'a> {
    pub tokens: &'a [Token<'a>],
    /// The tokens' lower-case forms, for phrase matching.
    pub words: &'a [&'a str],
    pub actors: &'a [ActorSpan],
    /// Tokens inside quotation marks: speech, not reported acts.
    pub quoted: &'a [bool],
}

impl Sentence<'_> {
    pub fn actor_at(&self, i: usize) -> Option<usize> {
        self.actors.iter().position(|a| a.first <= i && i <= a.last)
    }

    fn lower(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.lower.as_str())
    }

    /// The first token of the clause that holds token `i`.
    fn clause_start(&self, i: usize) -> usize {
        let floor = i.saturating_sub(SUBJECT_WORDS);
        (floor..i)
            .rev()
            .find(|&j| {
                let t = &self.tokens[j + 1];
                (sentence::opens_clause(&self.tokens[j].lower) && self.actor_at(j).is_none())
                    || t.gap.contains(';')
                    || (t.comma_before() && matches!(t.lower.as_str(), "and" | "but" | "while"))
            })
            .map_or(floor, |j| j + 1)
    }

    /// The end (exclusive) of the phrase of the verb ending at token `last`.
    fn phrase_end(&self, dictionary: &VerbDictionary, last: usize) -> usize {
        let limit = (last + 1 + PHRASE_WORDS).min(self.tokens.len());
        (last + 1..limit)
            .find(|&j| {
                let t = &self.tokens[j];
                t.gap.contains([';', ':'])
                    || (t.comma_before() && matches!(t.lower.as_str(), "and" | "but" | "while"))
                    || (sentence::opens_clause(&t.lower) && self.actor_at(j).is_none())
                    || matches!(t.lower.as_str(), "he" | "she" | "they" | "we" | "i")
                    || (t.lower == "to"
                        && !dictionary.forms(self.lower(j + 1)).is_empty()
                        && self.actor_at(j + 1).is_none()
                        && !sentence::noun_marker(self.lower(j + 1)))
                    || (t.comma_before()
                        && dictionary
                            .forms(&t.lower)
                            .iter()
                            .any(|f| f.kind == FormKind::Gerund))
            })
            .unwrap_or(limit)
    }
}

pub fn code(sentence: &Sentence, dictionary: &VerbDictionary) -> Vec<Coded> {
    let mut coded: Vec<Coded> = Vec::new();
    let tokens = sentence.tokens;
    let mut i = 0;
    while i < tokens.len() {
        if let Some((last, codes, by_pattern)) = verb_at(sentence, dictionary, i) {
            let acting = codes
                .forward
                .clone()
                .or_else(|| codes.reverse.clone())
                .unwrap_or_default();
            if let Some(event) = actors_of_verb(
                sentence,
                dictionary,
                i,
                last,
                acting.clone(),
                by_pattern,
                &coded,
            ) {
                if let Some(governor) = event.governor {
                    coded.retain(|c| c.first != governor);
                }
                // The other side's act ("hosted" for "visited") only when the act was done.
                let mirrored = codes
                    .reverse
                    .filter(|_| event.code == acting)
                    // "meet in Zurich": a meeting's place is not a party to it; a visit's is
                    // the host ("arrived in Gondor").
                    .filter(|reverse| {
                        Some(reverse) != codes.forward.as_ref()
                            || !event.target.is_some_and(|t| placed(sentence, t))
                    })
                    .and_then(|code| event.mirrored(code));
                if codes.forward.is_some() {
                    coded.extend(expand_compounds(sentence, event));
                }
                coded.extend(
                    mirrored
                        .into_iter()
                        .flat_map(|m| expand_compounds(sentence, m)),
                );
            }
            i = last + 1;
            continue;
        }
        if let Some(event) = nominal::event_at(sentence, i) {
            coded.extend(expand_compounds(sentence, event));
        }
        i += 1;
    }
    reported_attacks(sentence, &mut coded);
    drop_alleged(sentence, &mut coded);
    coded
}

/// "A report alleged that France was aware …, and that the French military … took part in the
/// killing": what is alleged is not told as done; the allegation is the event.
fn drop_alleged(sentence: &Sentence, coded: &mut Vec<Coded>) {
    let alleging = |j: usize| {
        !sentence.quoted[j]
            && matches!(sentence.lower(j), "alleged" | "alleges" | "allege" | "alleging")
            // "the alleged attack" is an adjective.
            && !(j > 0 && sentence::noun_marker(sentence.lower(j - 1)))
    };
    let Some(allegation) = (0..sentence.tokens.len()).find(|&j| alleging(j)) else {
        return;
    };
    let clause_break = |to: usize| {
        (allegation + 1..=to).any(|j| {
            let t = &sentence.tokens[j];
            t.gap.contains(';')
                || (t.comma_before() && matches!(t.lower.as_str(), "but" | "while" | "whereas"))
        })
    };
    coded.retain(|c| c.first <= allegation || clause_break(c.first));
}

/// PETRARCH's transformations of a reported attack: "the US claimed that they had attacked
/// Iraq" is the US claiming responsibility (015); "the US said that Iraq had attacked" is the
/// US accusing Iraq (112), beside the attack itself.
fn reported_attacks(sentence: &Sentence, coded: &mut Vec<Coded>) {
    let mut accusations = Vec::new();
    let mut reports = Vec::new();
    for event in coded.iter_mut() {
        if !cameo::violent(&event.code) || event.nominal || event.mirrored {
            continue;
        }
        let floor = event.first.saturating_sub(6);
        let Some(report) = (floor..event.first).rev().find(|&j| {
            !sentence.quoted[j]
                && matches!(
                    sentence.lower(j),
                    "said" | "says" | "say" | "claimed" | "claims" | "claim"
                )
        }) else {
            continue;
        };
        let Some(reporter) = nearest_actor_before(sentence, sentence.clause_start(report), report)
        else {
            continue;
        };
        let country = |a: usize| sentence.actors[a].country();
        let by_itself = match event.source {
            Some(s) => country(s) == country(reporter),
            None => {
                (report + 1..event.first).any(|j| matches!(sentence.lower(j), "they" | "we" | "it"))
            }
        };
        let told = |code: &str, target: usize, event: &Coded| Coded {
            code: code.to_string(),
            first: report,
            last: report,
            source: Some(reporter),
            target: Some(target),
            past_perfect: false,
            present_perfect: false,
            modal: false,
            future: false,
            by_pattern: true,
            governor: None,
            ..event.clone()
        };
        match (by_itself, event.source, event.target) {
            (true, _, Some(target)) => *event = told("015", target, event),
            (false, Some(source), _) => accusations.push(told("112", source, event)),
            _ => continue,
        }
        reports.push(report);
    }
    // The report verb's own reading ("claimed" alone) gives way.
    coded.retain(|c| !reports.contains(&c.first) || c.target.is_some() || c.by_pattern);
    coded.extend(accusations);
}

/// One event per party when the sentence joins several: "Brazil and the United States are
/// seeking…" is two; "The US, Russia and Switzerland met" with no one else named is each
/// meeting each other.
fn expand_compounds(sentence: &Sentence, event: Coded) -> Vec<Coded> {
    let sources = event
        .source
        .map(|s| coordinated(sentence, s))
        .unwrap_or_default();
    let targets = event
        .target
        .map(|t| coordinated(sentence, t))
        .unwrap_or_default();
    if sources.len() <= 1 && targets.len() <= 1 {
        return vec![event];
    }
    let mut out = Vec::new();
    // Only meetings and cooperation are mutual; "China, Japan and Britain warned…" is not
    // China warning Japan.
    let mutual = ["03", "04", "06"]
        .iter()
        .any(|root| event.code.starts_with(root));
    if sources.len() > 1 && targets.is_empty() && mutual {
        for &s in &sources {
            for &t in sources.iter().filter(|&&t| t != s) {
                out.push(Coded {
                    source: Some(s),
                    target: Some(t),
                    ..event.clone()
                });
            }
        }
        return out;
    }
    let sources: Vec<Option<usize>> = if sources.is_empty() {
        vec![None]
    } else {
        sources.into_iter().map(Some).collect()
    };
    for source in sources {
        for &t in &targets {
            if Some(t) != source {
                out.push(Coded {
                    source,
                    target: Some(t),
                    ..event.clone()
                });
            }
        }
        if targets.is_empty() {
            out.push(Coded {
                source,
                ..event.clone()
            });
        }
    }
    out
}

/// An actor named as where something happens: "in Zurich".
fn placed(sentence: &Sentence, a: usize) -> bool {
    let first = sentence.actors[a].first;
    first > 0 && matches!(sentence.lower(first - 1), "in" | "at" | "near")
}

/// The actors joined with `a` by "and", "or" or commas.
fn coordinated(sentence: &Sentence, a: usize) -> Vec<usize> {
    let actors = sentence.actors;
    let joined = |left: &ActorSpan, right: &ActorSpan| {
        let between: Vec<&str> = (left.last + 1..right.first)
            .map(|j| sentence.lower(j))
            .collect();
        let gap = &sentence.tokens[right.first].gap;
        match between.as_slice() {
            [] => gap.contains(','),
            ["and" | "or"] => true,
            ["and" | "or", "the"] | ["the"] => gap.contains(',') || between[0] != "the",
            _ => false,
        }
    };
    // A list needs an "and" or "or": "the president of Azerbaijan, Ilham Aliyev" is one
    // actor named twice.
    let listed = |left: &ActorSpan, right: &ActorSpan| {
        (left.last + 1..right.first).any(|j| matches!(sentence.lower(j), "and" | "or"))
    };
    let mut group = vec![a];
    let mut has_conjunction = false;
    let mut i = a;
    while i > 0 && joined(&actors[i - 1], &actors[i]) {
        has_conjunction |= listed(&actors[i - 1], &actors[i]);
        i -= 1;
        group.insert(0, i);
    }
    let mut i = a;
    while i + 1 < actors.len() && joined(&actors[i], &actors[i + 1]) {
        has_conjunction |= listed(&actors[i], &actors[i + 1]);
        i += 1;
        group.push(i);
    }
    if has_conjunction { group } else { vec![a] }
}

/// The verb form starting at token `i`, if it is used as a verb here: its last token, its
/// codes and whether a phrase decided it.
fn verb_at(
    sentence: &Sentence,
    dictionary: &VerbDictionary,
    i: usize,
) -> Option<(usize, Codes, bool)> {
    let tokens = sentence.tokens;
    let token = &tokens[i];
    // "Israeli-occupied", "Russian-brokered": a compound adjective, not a verb.
    let hyphenated = token.gap == "-" || token.gap == "‑";
    if sentence.actor_at(i).is_some()
        || sentence.quoted[i]
        || (i > 0 && token.capitalized())
        || hyphenated
    {
        return None;
    }
    let forms = dictionary.forms(&token.lower);
    if forms.is_empty() {
        return None;
    }
    let previous = if i > 0 {
        tokens[i - 1].lower.as_str()
    } else {
        ""
    };
    let mut best: Option<(usize, usize, Codes, bool)> = None; // (score, last, codes, by pattern)
    for form in forms.iter().rev() {
        let last = i + form.rest.len();
        let rest_fits = form
            .rest
            .iter()
            .enumerate()
            .all(|(k, w)| sentence.lower(i + 1 + k) == w);
        if !rest_fits
            || last >= tokens.len()
            || !used_as_verb(form, previous, i, sentence, dictionary)
        {
            continue;
        }
        let end = sentence.phrase_end(dictionary, last);
        let start = sentence.clause_start(i);
        let (score, codes, by_pattern) =
            best_pattern(dictionary, form, sentence, start, i, last, end);
        // A later block that only lists the verb for its phrases must not hide the verb's code.
        let better = |b: &(usize, usize, Codes, bool)| {
            score > b.0 || (score == b.0 && !b.2.is_event() && codes.is_event())
        };
        if best.as_ref().is_none_or(better) {
            best = Some((score, last, codes, by_pattern));
        }
    }
    let (_, last, codes, by_pattern) = best?;
    // "she hoped officials would be indicted": a wish, not an appeal to anyone, unless a
    // phrase says what for ("hoped for a breakthrough"). "helped to plan", "tried to": the
    // act, if any, is the infinitive's.
    let before_infinitive = sentence.lower(last + 1) == "to"
        && matches!(
            sentence::infinitive_governor(&tokens[i].lower),
            Some(Governor::Wish)
        )
        && !dictionary.forms(sentence.lower(last + 2)).is_empty();
    let lemma_is = |test: fn(&str) -> bool| forms.iter().any(|f| test(&f.lemma));
    let bare_lemma_is = |test: fn(&str) -> bool| !by_pattern && lemma_is(test);
    if (!by_pattern && before_infinitive)
        || bare_lemma_is(sentence::wish_verb)
        || bare_lemma_is(sentence::undergoer_verb)
        || bare_lemma_is(sentence::plain_speech_verb)
    {
        return None;
    }
    codes.is_event().then_some((last, codes, by_pattern))
}

/// Whether a verb form is a verb here rather than a noun ("the attack", "Azerbaijani strikes").
fn used_as_verb(
    form: &Form,
    previous: &str,
    i: usize,
    sentence: &Sentence,
    dictionary: &VerbDictionary,
) -> bool {
    if sentence::noun_marker(previous) {
        return false;
    }
    let after_actor = i > 0 && sentence.actor_at(i - 1).is_some();
    match form.kind {
        FormKind::Base => {
            previous == "to"
                || sentence::modality(previous).is_some()
                || matches!(previous, "did" | "do" | "does" | "they" | "we")
                || (after_actor
                    && subject_opens_clause(sentence, i - 1)
                    && (sentence.actors[sentence.actor_at(i - 1).unwrap_or(0)]
                        .kind
                        .is_none()
                        || plural_subject(sentence, i - 1)))
        }
        FormKind::Gerund => sentence::be_form(previous) || sentence::adverb(previous),
        FormKind::Third => {
            // A demonym before a plural noun ("Azerbaijani attacks") makes it a noun; so does a
            // verb whose object it is ("supplied arms", "condemned attacks").
            let demonym_before = after_actor
                && sentence.actors[sentence.actor_at(i - 1).unwrap_or(0)]
                    .entity
                    .is_none();
            let verb_before = !after_actor
                && !matches!(previous, "has" | "have" | "had" | "does" | "do" | "did")
                && !sentence::be_form(previous)
                && dictionary.forms(previous).iter().any(|f| match f.kind {
                    FormKind::Past | FormKind::Third => true,
                    // "will supply arms"; "the attack kills" is a noun and its verb.
                    FormKind::Base => {
                        i >= 2
                            && (sentence.lower(i - 2) == "to"
                                || sentence::modality(sentence.lower(i - 2)).is_some())
                    }
                    FormKind::Gerund => false,
                });
            !demonym_before && !verb_before
        }
        FormKind::Past => {
            // "a report released Tuesday", "a trip aimed at": a participle after a plain noun
            // describes it; the clause's verb is elsewhere.
            let describes_noun_before = i > 0
                && !after_actor
                && sentence.tokens[i].gap.trim().is_empty()
                && plain_noun(sentence, i - 1);
            // "to expel exiled leaders": a participle between a verb and its noun is an adjective.
            let next = sentence.lower(i + 1);
            let describes_noun_after = i > 0
                && !after_actor
                && !dictionary.forms(previous).is_empty()
                && !matches!(previous, "has" | "have" | "had" | "having")
                && !sentence::be_form(previous)
                && sentence.actor_at(i + 1).is_none()
                && next.chars().all(char::is_alphabetic)
                && !next.is_empty()
                && !sentence::noun_marker(next)
                && !sentence::preposition(next)
                && !sentence::opens_clause(next)
                && !sentence::adverb(next)
                && !matches!(
                    next,
                    "and" | "or" | "up" | "down" | "out" | "off" | "back" | "away"
                );
            // "The civilians imprisoned for acting against Moscow were released": a participle
            // right after its noun, with the clause's own verb to come.
            let reduced_relative = after_actor
                && sentence.actors[sentence.actor_at(i - 1).unwrap_or(0)]
                    .entity
                    .is_none()
                && matches!(next, "for" | "in" | "during" | "since" | "over" | "after")
                && (i + 2..(i + 12).min(sentence.tokens.len()))
                    .any(|j| matches!(sentence.lower(j), "were" | "was" | "are" | "is"));
            !describes_noun_before && !describes_noun_after && !reduced_relative
        }
    }
}

/// Whether the actor ending at token `i` is the first thing in its clause: "militants join"
/// after "helping young" is an object with its own verb, not a report.
fn subject_opens_clause(sentence: &Sentence, i: usize) -> bool {
    let Some(a) = sentence.actor_at(i) else {
        return false;
    };
    let first = sentence.actors[a].first;
    let start = sentence.clause_start(first);
    (start..first).all(|j| {
        matches!(
            sentence.lower(j),
            "the" | "a" | "an" | "and" | "both" | "some" | "many" | "other"
        )
    })
}

/// A lower-case word that is neither an actor nor one of the small words around verbs.
fn plain_noun(sentence: &Sentence, i: usize) -> bool {
    let Some(token) = sentence.tokens.get(i) else {
        return false;
    };
    let word = token.lower.as_str();
    // "a report", "the trip": a noun phrase of common words; "Iraq's security advisor met"
    // has an actor in it and is a subject.
    let determined = (i.saturating_sub(3)..i)
        .any(|j| matches!(sentence.lower(j), "a" | "an" | "the"))
        && (i.saturating_sub(3)..i).all(|j| sentence.actor_at(j).is_none());
    determined
        && !token.capitalized()
        && word.chars().all(char::is_alphabetic)
        && sentence.actor_at(i).is_none()
        && !sentence::adverb(word)
        && !sentence::be_form(word)
        && sentence::modality(word).is_none()
        && !sentence::opens_clause(word)
        && !matches!(
            word,
            "and"
                | "or"
                | "then"
                | "has"
                | "have"
                | "had"
                | "it"
                | "he"
                | "she"
                | "they"
                | "we"
                | "i"
                | "who"
                | "which"
                | "that"
                | "also"
                | "jointly"
                | "yesterday"
                | "today"
        )
}

fn plural_subject(sentence: &Sentence, i: usize) -> bool {
    let word = sentence.lower(i);
    word.ends_with('s') && !word.ends_with("ss")
}

/// The best phrase of `form`'s block around the verb: the most words matched wins; ties go to
/// blocks read later (our own additions), then to phrases written for this very verb, then
/// to phrases listed first.
fn best_pattern(
    dictionary: &VerbDictionary,
    form: &Form,
    sentence: &Sentence,
    start: usize,
    first: usize,
    last: usize,
    end: usize,
) -> (usize, Codes, bool) {
    let words = sentence.words;
    let block = &dictionary.blocks[form.block];
    let own = form.codes.clone().unwrap_or_else(|| block.codes.clone());
    let mut best: (usize, Option<&super::verbs::Pattern>) = (0, None);
    // "Evidence against Russia was presented": in the passive the object stands before the verb.
    let passive = form.kind == FormKind::Past
        && (start..first)
            .rev()
            .map(|j| words[j])
            .take_while(|w| sentence::be_form(w) || sentence::adverb(w))
            .any(sentence::be_form);
    for pattern in &block.patterns {
        let after =
            match_in_order(dictionary, &pattern.after, words, last + 1, end).or_else(|| {
                (passive && pattern.before.is_empty())
                    .then(|| match_in_order(dictionary, &pattern.after, words, start, first))
                    .flatten()
            });
        let Some(after) = after else { continue };
        let Some(before) = match_before(dictionary, &pattern.before, words, start, first) else {
            continue;
        };
        let score = after + before;
        let written_for_verb =
            |p: &super::verbs::Pattern| p.written_for.as_deref() == Some(form.lemma.as_str());
        if score > best.0
            || (score == best.0
                && best.1.is_some_and(|b| !written_for_verb(b))
                && written_for_verb(pattern))
        {
            best = (score, Some(pattern));
        }
    }
    match best {
        (score, Some(pattern)) => (score, pattern.codes.clone(), true),
        (_, None) => (0, own, false),
    }
}

/// Matches `slots` in order inside `words[from..to]`, gaps allowed; the words matched.
fn match_in_order(
    dictionary: &VerbDictionary,
    slots: &[Slot],
    words: &[&str],
    from: usize,
    to: usize,
) -> Option<usize> {
    let mut at = from;
    let mut matched = 0;
    for slot in slots {
        // The words skipped before a slot: one phrase like "on Thursday" may stand between a
        // verb and its object, a second one puts the word out of its reach ("made his remarks
        // in Doha at the start of a trip"); a "be" or a modal starts another clause ("says
        // Russia was behind the attacks").
        let slot_is_preposition = matches!(slot, Slot::Word(w) if sentence::preposition(w));
        let mut prepositions = 0;
        let (position, length) = (at..to)
            .take_while(|&j| {
                let Some(&skipped) = j.checked_sub(1).filter(|&p| p >= at).map(|p| &words[p])
                else {
                    return true;
                };
                prepositions += usize::from(!slot_is_preposition && sentence::preposition(skipped));
                !(sentence::be_form(skipped) || sentence::modality(skipped).is_some())
                    && prepositions < 2
            })
            .find_map(|j| dictionary.slot_match(slot, &words[..to], j).map(|n| (j, n)))?;
        at = position + length;
        matched += length;
    }
    Some(matched)
}

fn match_before(
    dictionary: &VerbDictionary,
    slots: &[Slot],
    words: &[&str],
    start: usize,
    verb: usize,
) -> Option<usize> {
    if slots.is_empty() {
        return Some(0);
    }
    match_in_order(dictionary, slots, words, start, verb)
}

/// Source and target of the verb at `first..=last`, or `None` when the act is not reported as
/// done (future, wish, negation, condition) or has no source.
fn actors_of_verb(
    sentence: &Sentence,
    dictionary: &VerbDictionary,
    first: usize,
    last: usize,
    code: String,
    by_pattern: bool,
    earlier: &[Coded],
) -> Option<Coded> {
    let tokens = sentence.tokens;
    let start = sentence.clause_start(first);
    let end = sentence.phrase_end(dictionary, last);
    // The auxiliaries and adverbs right before the verb.
    let mut k = first;
    let mut passive = false;
    let mut past_perfect = false;
    let mut present_perfect = false;
    // "would", "pledged to": an actor's announcement. "will", "is scheduled to": told as to come.
    let mut announced = false;
    let mut will = false;
    let mut negated = false;
    while k > start {
        let word = tokens[k - 1].lower.as_str();
        match sentence::modality(word) {
            Some(Modality::Will) => will = true,
            Some(Modality::Would) => announced = true,
            Some(Modality::Negated) => negated = true,
            Some(Modality::Hypothetical) => return None,
            None if sentence::be_form(word) => passive |= word != "being" || k < first,
            None if word == "had" => past_perfect = true,
            None if matches!(word, "has" | "have") => present_perfect = true,
            None if sentence::adverb(word) || matches!(word, "having" | "did" | "does" | "do") => {}
            None => break,
        }
        k -= 1;
    }
    let infinitive = k > 0 && tokens[k - 1].lower == "to";
    // "efforts to counter", "a threat to boycott": an infinitive after a plain noun names an
    // aim, not an act.
    if infinitive && k >= 2 && noun_before_to(sentence, dictionary, k - 2) {
        return None;
    }
    let mut governor = None;
    if infinitive {
        let (kind, at) = governing_verb(sentence, dictionary, k - 1);
        match kind {
            Governor::Wish => return None,
            Governor::Intent => announced = true,
            Governor::Scheduled => will = true,
            Governor::Refusal => negated = true,
            Governor::Purpose => {}
        }
        governor = at;
    }
    if start > 0
        && matches!(
            tokens[start - 1].lower.as_str(),
            "if" | "unless" | "whether"
        )
    {
        return None;
    }
    // The agent after "by" ("by the US"): its actor.
    let by = (last + 1..end)
        .find(|&j| tokens[j].lower == "by")
        .and_then(|j| {
            let skip = usize::from(matches!(sentence.lower(j + 1), "the" | "a" | "an"));
            sentence.actor_at(j + 1 + skip)
        });
    if by.is_some() && !passive && tokens[first].gap.contains(',') {
        // "Russia, supported by Armenia, …": a participle describing, not an event.
        return None;
    }
    // "was fired at it from Gaza": the passive names the target; without "by", no source.
    let participle = dictionary
        .forms(&tokens[first].lower)
        .iter()
        .any(|f| f.kind == FormKind::Past);
    let passive = passive && participle;
    let left = nearest_actor_before(sentence, start, k).filter(|&a| {
        let span = &sentence.actors[a];
        // "the Azerbaijani aggression has left…": a nationality before a noun is an adjective,
        // not the subject.
        let adjective = span.entity.is_none()
            && span.code.len() == 3
            && span.last + 1 < k
            && sentence.actor_at(span.last + 1).is_none()
            && !matches!(
                sentence.lower(span.last + 1),
                "," | "and" | "on" | "in" | "has" | "have"
            );
        // "reported three civilians injured": a participle after an object, not an act.
        let counted_object = span.first > 0
            && is_number(sentence.lower(span.first - 1))
            && (start..span.first).any(|j| !dictionary.forms(sentence.lower(j)).is_empty());
        !adjective && !counted_object
    });
    // "alleged on Monday that Russian troops had …": an accusation's target is the one it
    // says did the deed, the subject of its "that" clause.
    let right = first_actor_after(sentence, last + 1, end).or_else(|| {
        let accusation = code.starts_with("11");
        let that = accusation && sentence.lower(end) == "that";
        let subject = end + 1 + usize::from(sentence.lower(end + 1) == "the");
        that.then(|| sentence.actor_at(subject)).flatten()
    });
    // "a mortar bomb was fired at it from the Gaza Strip": with no agent, where a strike came
    // from is who struck.
    let origin = || {
        let from = (last + 1..end)
            .find(|&j| tokens[j].lower == "from")
            .filter(|_| cameo::violent(&code))?;
        sentence.actor_at(from + 1 + usize::from(sentence.lower(from + 1) == "the"))
    };
    let (mut source, mut target) = if passive {
        // "rockets were fired from Lebanon at northern Israel": the target after "at".
        let aimed_at = || {
            let at = (last + 1..end)
                .find(|&j| matches!(tokens[j].lower.as_str(), "at" | "against" | "into"))?;
            first_actor_after(sentence, at + 1, (at + 4).min(end))
        };
        (
            by.or_else(origin),
            nearest_actor_before(sentence, start, k).or_else(aimed_at),
        )
    } else {
        (left, right)
    };
    let main = earlier.iter().rev().find(|m| !m.mirrored);
    if infinitive
        && let Some(main) = main.filter(|m| m.last < first && m.source.is_some() && !m.nominal)
    {
        // "X called Y to call for …": the purpose shares the main verb's actors, and its
        // modality: "would not give permission to Russia to help" helps no one.
        if main.modal && !announced && !will && !negated {
            return None;
        }
        source = main.source;
        target = main.target.or(target);
    }
    if source.is_some() && source == target {
        target = None;
    }
    // "Obama wants Putin to attack": wanting another to act is an appeal to them.
    let wanting = matches!(
        tokens[first].lower.as_str(),
        "want" | "wants" | "wanted" | "wish" | "wishes" | "wished"
    );
    let modal = announced || will || negated;
    let code = match target {
        Some(t) if wanting && !modal && sentence.lower(sentence.actors[t].last + 1) == "to" => {
            "020".to_string()
        }
        _ => code,
    };
    // "Obama and Putin said they will attack Iraq": their own word that they will is a
    // threat; "Obama will visit China", told by the reporter or another, is a visit to come.
    if will && !announced && own_announcement(sentence, start, k, left.or(source)) {
        announced = true;
    }
    let future = will && !announced && !negated;
    // Only acts one can announce are told as to come: "the number of infections will decline"
    // is no rejection.
    if future {
        intent_code(&code)?;
    }
    // CAMEO codes a stated intention as an event of its own (03 "express intent to
    // cooperate", 13 "threaten") and a refusal as 12 "reject"; the act itself did not happen.
    let code = match (announced, negated) {
        (false, false) => code,
        (true, false) => intent_code(&code)?,
        (_, true) => refusal_code(&code)?,
    };
    let governor = governor.filter(|_| modal);
    let present_perfect = present_perfect && !past_perfect;
    Some(Coded {
        code,
        first,
        last,
        source,
        target,
        past_perfect,
        present_perfect,
        modal,
        future,
        by_pattern,
        nominal: false,
        governor,
        passive,
        mirrored: false,
    })
}

/// Whether the verb whose clause starts at `start` and auxiliaries at `auxiliary` is what its
/// subject (`actor`, or a pronoun) said of itself: "Russia said it will".
fn own_announcement(
    sentence: &Sentence,
    start: usize,
    auxiliary: usize,
    actor: Option<usize>,
) -> bool {
    let Some(said) = (start.saturating_sub(3)..auxiliary)
        .rev()
        .find(|&j| !sentence.quoted[j] && speaking_word(sentence.lower(j)))
    else {
        return false;
    };
    let Some(speaker) = nearest_actor_before(sentence, sentence.clause_start(said), said) else {
        return false;
    };
    match actor {
        None => true,
        Some(a) => {
            a == speaker || sentence.actors[a].country() == sentence.actors[speaker].country()
        }
    }
}

/// Words that report what their subject says, as written ("said", "vowed").
fn speaking_word(word: &str) -> bool {
    crate::lang::en::speaking_words().contains(&word)
}

fn noun_before_to(sentence: &Sentence, dictionary: &VerbDictionary, i: usize) -> bool {
    let word = sentence.lower(i);
    // "an initial threat to boycott": a determiner makes the word a noun whatever else it is.
    let determined = (i.saturating_sub(2)..i).any(|j| {
        matches!(
            sentence.lower(j),
            "a" | "an" | "the" | "its" | "their" | "his" | "her"
        )
    });
    if determined
        && sentence.actor_at(i).is_none()
        && dictionary
            .forms(word)
            .iter()
            .all(|f| f.kind != FormKind::Past)
    {
        return true;
    }
    sentence.actor_at(i).is_none()
        && dictionary
            .forms(word)
            .iter()
            .all(|f| f.kind == FormKind::Base || f.kind == FormKind::Third)
        && sentence::infinitive_governor(word).is_none()
        && !sentence::adverb(word)
        && !sentence::be_form(word)
        && word.chars().all(char::is_alphabetic)
        && !matches!(word, "and" | "or" | "order" | "how" | "able" | "unable")
}

/// What the verb governing a "to"-infinitive makes of it.
pub enum Governor {
    /// "asked X to", "hoped to", "tried to": wished for; the appeal, if any, is its own event.
    Wish,
    /// "pledged to", "will seek to": announced.
    Intent,
    /// "is scheduled to", "is about to": told as to come.
    Scheduled,
    /// "refused to", "declined to".
    Refusal,
    /// "sent troops to oversee": done for that purpose, shares the main verb's actors.
    Purpose,
}

/// The governing verb's kind and position.
fn governing_verb(
    sentence: &Sentence,
    dictionary: &VerbDictionary,
    to: usize,
) -> (Governor, Option<usize>) {
    let floor = to.saturating_sub(6);
    for j in (floor..to).rev() {
        let word = sentence.lower(j);
        let next = sentence.lower(j + 1);
        if matches!(word, "call" | "called" | "calls" | "calling") {
            if matches!(next, "on" | "upon" | "for") {
                return (Governor::Wish, Some(j));
            }
            continue;
        }
        if let Some(governor) = sentence::infinitive_governor(word) {
            // "wants Putin to attack": someone else is to act; an appeal, not an intention.
            let object_between = (j + 1..to).any(|b| sentence.actor_at(b).is_some());
            return (
                if object_between {
                    Governor::Wish
                } else {
                    governor
                },
                Some(j),
            );
        }
        if !dictionary.forms(word).is_empty() && sentence.actor_at(j).is_none() && j + 1 < to {
            break;
        }
    }
    (Governor::Purpose, None)
}

/// The CAMEO code for announcing `code` as an intention, where CAMEO has one.
fn intent_code(code: &str) -> Option<String> {
    let mapped = match code {
        c if c.starts_with("03")
            || c.starts_with("13")
            || c.starts_with("02")
            || c.starts_with("10") =>
        {
            c
        }
        "0841" | "084" => "0353",
        "085" => "0354",
        "087" | "0871" | "0872" | "0873" | "0874" => "0356",
        c if c.starts_with("04") => "036",
        c if c.starts_with("05") => "032",
        c if c.starts_with("06") => "031",
        "071" => "0331",
        "072" => "0332",
        "073" => "0333",
        "074" => "0334",
        c if c.starts_with("07") => "033",
        c if c.starts_with("08") => "035",
        c if c.starts_with("14") => "133",
        c if c.starts_with("16") => "131",
        c if c.starts_with("17") => "137",
        c if c.starts_with("15")
            || c.starts_with("18")
            || c.starts_with("19")
            || c.starts_with("20") =>
        {
            "138"
        }
        _ => return None,
    };
    Some(mapped.to_string())
}

/// The CAMEO code for refusing to do `code`: cooperation refused is a rejection; refusing
/// to fight or to demand codes nothing.
fn refusal_code(code: &str) -> Option<String> {
    let mapped = match code {
        c if c.starts_with("04") || c.starts_with("036") => "125",
        c if c.starts_with("05") || c.starts_with("032") => "120",
        c if c.starts_with("06") || c.starts_with("031") => "121",
        c if c.starts_with("07") || c.starts_with("033") => "122",
        c if c.starts_with("08") || c.starts_with("035") => "124",
        c if c.starts_with("02") => "124",
        _ => return None,
    };
    Some(mapped.to_string())
}

fn is_number(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit() || b == b',')
        || matches!(
            word,
            "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "dozens"
                | "hundreds"
                | "thousands"
                | "several"
                | "many"
                | "some"
        )
}

fn nearest_actor_before(sentence: &Sentence, start: usize, verb: usize) -> Option<usize> {
    // "'… in Dallas …', Whitley added": who is named inside a quotation does not act outside it.
    let outside =
        |j: usize| !sentence.quoted[j] || sentence.quoted.get(verb).copied().unwrap_or(false);
    let candidates: Vec<usize> = (start..verb)
        .filter(|&j| outside(j))
        .filter_map(|j| sentence.actor_at(j))
        .collect();
    let mut nearest = *candidates.last()?;
    // "the president of Azerbaijan, Ilham Aliyev, …" is right; "the Minister of Defense of
    // Armenia said" wants the head before "of".
    let span = &sentence.actors[nearest];
    if span.first > 0
        && matches!(
            sentence.lower(span.first - 1),
            "of" | "in" | "from" | "for" | "at"
        )
        && let Some(&before) = candidates
            .iter()
            .rev()
            .find(|&&c| sentence.actors[c].last < span.first)
    {
        nearest = before;
    } else if span.first > 1
        && span.kind == Some(EntityKind::Location)
        && placed(sentence, nearest)
        && plain_noun(sentence, span.first - 2)
    {
        // "a farm in Suffolk had birds killed", "children in Baghdad have died": a place after
        // the noun it locates is not the subject.
        return None;
    }
    Some(nearest)
}

fn first_actor_after(sentence: &Sentence, from: usize, end: usize) -> Option<usize> {
    let a = (from..end).find_map(|j| sentence.actor_at(j))?;
    // "the president of Azerbaijan, Ilham Aliyev": the person in apposition is the target.
    let mut current = a;
    for next in a + 1..sentence.actors.len() {
        let (left, right) = (&sentence.actors[current], &sentence.actors[next]);
        if right.first >= end {
            break;
        }
        let linked =
            (left.last + 1..right.first).all(|j| matches!(sentence.lower(j), "of" | "the"));
        if !linked {
            break;
        }
        if right.kind == Some(EntityKind::Person) && sentence.tokens[right.first].comma_before() {
            return Some(next);
        }
        current = next;
    }
    Some(a)
}
