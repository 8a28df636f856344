//! Events: who did what to whom, coded in CAMEO and PLOVER, news told apart from background.
//!
//! For each sentence, [`coder`] finds event verbs (PETRARCH's verb dictionary, [`verbs`]) and
//! event nouns ([`nominal`]) with their source and target among the actors the entities stage
//! found ([`actors`]). This module then dates and places each event, links the casualty counts,
//! tells background from news, and merges the reports of one event inside the article.

pub mod actors;
pub mod cameo;
pub mod coder;
pub mod nominal;
pub mod sentence;
pub mod verbs;

use crate::document::Document;
use crate::entities::World;
use crate::entities::dictionary::Dictionary;
use crate::record::{Count, DateMention, Entity, EntityKind, Event, Record, Span};
use crate::stage::Stage;
use crate::text::spans;
use actors::ActorSpan;
use coder::Coded;
use std::sync::Arc;

/// The events stage.
pub struct Events {
    world: Arc<dyn World + Send + Sync>,
    /// `None`: the shipped English dictionary, loaded on first use.
    verbs: Option<Arc<verbs::VerbDictionary>>,
}

impl Default for Events {
    fn default() -> Self {
        Events::with_dictionaries(Arc::new(Dictionary), None)
    }
}

impl Events {
    /// Codes actors with `world` and events with `verbs` (or the shipped verb dictionary)
    /// instead of the shipped dictionaries (test suites written against their own).
    pub fn with_dictionaries(
        world: Arc<dyn World + Send + Sync>,
        verbs: Option<Arc<verbs::VerbDictionary>>,
    ) -> Events {
        Events { world, verbs }
    }
}

impl Stage for Events {
    fn name(&self) -> &'static str {
        "events"
    }

    fn preloads(&self) -> &'static [fn()] {
        &[cameo::preload, || drop(verbs::english())]
    }

    fn run(&self, doc: &mut Document) {
        let record = &mut doc.record;
        let Some(entities) = record.entities.as_ref() else {
            return;
        };
        let verbs = self.verbs.clone().unwrap_or_else(verbs::english);
        let drafts = code_article(record, entities, self.world.as_ref(), &verbs);
        let mut events = merge(drafts);
        let counts = record.counts.get_or_insert_with(Vec::new);
        for (n, draft) in events.iter_mut().enumerate() {
            draft.event.id = format!("v{}", n + 1);
            for &c in &draft.counts {
                if let Some(count) = counts.get_mut(c) {
                    count.event = Some(draft.event.id.clone());
                }
            }
        }
        record.events = Some(events.into_iter().map(|d| d.event).collect());
    }
}

/// An event with what merging needs to know about it.
struct Draft {
    event: Event,
    source_key: Option<String>,
    target_key: Option<String>,
    /// Indexes into `record.counts` of the casualty figures it carries.
    counts: Vec<usize>,
}

/// What carries over from one sentence to the next: who "he" is, and whether the story is
/// telling the past.
#[derive(Default)]
struct Narrative {
    /// The previous sentence's subject, whatever its kind: "The ministry reported… He also
    /// denounced…" (translated news often genders institutions).
    subject: Option<ActorSpan>,
    person: Option<ActorSpan>,
    thing: Option<ActorSpan>,
    past_date: Option<String>,
}

impl Narrative {
    fn focus(&self, pronoun: Pronoun) -> Option<&ActorSpan> {
        let previous = self.subject.as_ref().filter(|s| match pronoun {
            Pronoun::Person => {
                matches!(s.kind, Some(EntityKind::Person | EntityKind::Organization))
            }
            Pronoun::Thing => s.kind != Some(EntityKind::Person),
        });
        previous.or(match pronoun {
            Pronoun::Person => self.person.as_ref(),
            Pronoun::Thing => self.thing.as_ref(),
        })
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Pronoun {
    /// he, she
    Person,
    /// it, they
    Thing,
}

/// Whether the actor is the object of a preposition ("the president of Azerbaijan"), so not
/// a subject.
fn after_preposition(tokens: &[sentence::Token], a: &ActorSpan) -> bool {
    a.first > 0
        && matches!(
            tokens[a.first - 1].lower.as_str(),
            "of" | "to" | "for" | "with" | "by" | "in" | "on" | "at"
        )
}

/// The first actor of the pronoun's kind standing as a subject (not after a preposition)
/// before token `before`.
fn subject<'a>(
    tokens: &[sentence::Token],
    actors: &'a [ActorSpan],
    pronoun: Pronoun,
    before: usize,
) -> Option<&'a ActorSpan> {
    actors
        .iter()
        .filter(|a| a.last < before && a.entity.is_some())
        .find(|a| {
            let kind_fits = match pronoun {
                Pronoun::Person => a.kind == Some(EntityKind::Person),
                Pronoun::Thing => a.kind != Some(EntityKind::Person),
            };
            kind_fits && !after_preposition(tokens, a)
        })
}

fn code_article(
    record: &Record,
    entities: &[Entity],
    world: &dyn World,
    dictionary: &verbs::VerbDictionary,
) -> Vec<Draft> {
    let published = record.published.as_deref();
    let mut drafts = Vec::new();
    let mut narrative = Narrative::default();
    let mentions = actors::Mentions::new(entities);
    let counts = record.counts.as_deref().unwrap_or(&[]);
    let quotes_in = spans::by_sentence(
        &record.sentences,
        record.quotes.iter().flatten().map(|q| [q.start, q.end]),
    );
    let dates_in = spans::by_sentence(
        &record.sentences,
        record.dates.iter().map(|d| [d.start, d.end]),
    );
    let counts_in = spans::by_sentence(&record.sentences, counts.iter().map(|c| [c.start, c.end]));
    for (n, &span) in record.sentences.iter().enumerate() {
        let tokens = sentence::tokens(&record.text, span);
        if tokens.is_empty() {
            continue;
        }
        let mut actors = actors::find(&tokens, &mentions, world);
        let quotes: Vec<[usize; 2]> = quotes_in[n]
            .iter()
            .filter_map(|&i| record.quotes.as_ref()?.get(i))
            .filter(|q| direct_quote(&record.text, q.start, q.end))
            .map(|q| [q.start, q.end])
            .collect();
        let quoted: Vec<bool> = tokens
            .iter()
            .map(|t| quotes.iter().any(|q| q[0] <= t.start && t.end <= q[1]))
            .collect();
        let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
        let s = coder::Sentence {
            tokens: &tokens,
            words: &words,
            actors: &actors,
            quoted: &quoted,
        };
        let coded = coder::code(&s, dictionary);
        let dates: Vec<&DateMention> = dates_in[n]
            .iter()
            .map(|&i| &record.dates[i])
            .filter(|d| d.start >= span[0] && d.end <= span[1])
            .collect();
        let sentence_is_past = dates.iter().any(|d| is_past(&d.value, published));
        let mut sentence_drafts = Vec::new();
        for event in coded {
            let Some(plover) = cameo::plover(&event.code) else {
                continue;
            };
            let mut event = event;
            let source = match event.source {
                Some(s) => Some(actors[s].clone()),
                None if event.passive => None,
                None => pronoun_subject(&tokens, event.first).and_then(|p| {
                    subject(&tokens, &actors, p, event.first)
                        .or_else(|| narrative.focus(p))
                        .cloned()
                }),
            };
            let Some(source) = source else { continue };
            // A meeting or call with no one named is too vague to keep ("which he called …").
            if plover.event == "CONSULT" && event.target.is_none() {
                continue;
            }
            // An act toward no one, read off the bare verb ("Canada has bought drugs", "they
            // caught influenza"), is mostly a word with another sense; acts that stand alone
            // (protest, mobilize, sanction, coerce, assault: roots 14-20) are kept.
            let stands_alone = matches!(cameo::root_number(&event.code), Some(14..=20));
            if event.target.is_none() && !event.by_pattern && !event.nominal && !stands_alone {
                continue;
            }
            // Civilians and refugees suffer attacks in the news far more than they make them.
            if plover.event == "ASSAULT"
                && (source.code.ends_with("CVL") || source.code.ends_with("REF"))
            {
                continue;
            }
            if event.nominal && event.target.is_none() {
                event.target = other_side(&actors, &source, &sentence_drafts);
            }
            // "an air strike by government forces" with no country and no one struck: too
            // little to say who did what to whom.
            if source.code.starts_with("---") && event.target.is_none() {
                continue;
            }
            let target = event.target.map(|t| actors[t].clone());
            // "Russia → Russia": one actor read twice, not an event between two.
            if target.as_ref().is_some_and(|t| t.code == source.code) {
                continue;
            }
            let trigger = tokens[event.first].start;
            // "has issued warrants for men sought in a slaying three years ago": the present
            // perfect is recent news, whatever older date the sentence names.
            let date = nearest_date(&dates, trigger)
                .filter(|d| !(event.present_perfect && is_past(&d.value, published)));
            let (date, background) = match date {
                Some(d) => (Some(d.value.clone()), is_past(&d.value, published)),
                None if event.past_perfect => (None, true),
                None if narrative.past_date.is_some() && !event.nominal => {
                    (narrative.past_date.clone(), true)
                }
                None => (published.map(str::to_string), false),
            };
            let counts = fatalities(counts, &counts_in[n], span, plover.event);
            let fatalities = counts
                .iter()
                .filter_map(|&c| record.counts.as_ref()?.get(c))
                .map(|c| c.number)
                .max();
            let place = place(
                &tokens,
                &actors,
                entities,
                &source,
                target.as_ref(),
                event.first,
                plover.event,
            );
            let draft = Draft {
                source_key: Some(actor_key(&source)),
                target_key: target.as_ref().map(actor_key),
                counts,
                event: Event {
                    id: String::new(),
                    plover: plover.event.to_string(),
                    cameo: Some(event.code.clone()),
                    source: source.entity.clone(),
                    target: target.as_ref().and_then(|t| t.entity.clone()),
                    source_actor: Some(source.code.clone()),
                    target_actor: target.as_ref().map(|t| t.code.clone()),
                    date,
                    place,
                    mode: mode(&tokens, &event, plover.event, plover.mode),
                    fatalities,
                    background,
                    future: event.future,
                    evidence: vec![span],
                    confidence: confidence(&event),
                },
            };
            sentence_drafts.push(draft);
        }
        // The sentence's subjects are who "he" and "it" are in the next one.
        narrative.subject = actors
            .iter()
            .find(|a| a.entity.is_some() && !after_preposition(&tokens, a))
            .cloned();
        if let Some(person) = subject(&tokens, &actors, Pronoun::Person, tokens.len()) {
            narrative.person = Some(person.clone());
        }
        if let Some(thing) = subject(&tokens, &actors, Pronoun::Thing, tokens.len()) {
            narrative.thing = Some(thing.clone());
        }
        narrative.past_date = if sentence_is_past {
            dates
                .iter()
                .find(|d| is_past(&d.value, published))
                .map(|d| d.value.clone())
        } else if dates.is_empty() {
            narrative.past_date.take()
        } else {
            None
        };
        actors.clear();
        drafts.extend(sentence_drafts);
    }
    drafts
}

/// Words in quotation marks are speech, not reported acts; "the ministry said that Azerbaijani
/// forces shelled…" is how news reports acts.
fn direct_quote(text: &str, start: usize, end: usize) -> bool {
    let mark = |c: char| matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '\'');
    let before = text
        .get(..start)
        .and_then(|t| t.trim_end().chars().next_back());
    let first = text
        .get(start..end)
        .and_then(|t| t.trim_start().chars().next());
    before.is_some_and(mark) || first.is_some_and(mark)
}

/// "He also denounced…": the personal pronoun standing as the verb's subject.
fn pronoun_subject(tokens: &[sentence::Token], verb: usize) -> Option<Pronoun> {
    let floor = verb.saturating_sub(4);
    tokens[floor..verb]
        .iter()
        .rev()
        .find_map(|t| match t.lower.as_str() {
            "he" | "she" => Some(Pronoun::Person),
            "it" | "they" => Some(Pronoun::Thing),
            _ => None,
        })
}

/// For an attack told without its target: the other party the sentence names, or whoever
/// reports it.
fn other_side(actors: &[ActorSpan], source: &ActorSpan, reports: &[Draft]) -> Option<usize> {
    let reporter = reports
        .last()
        .and_then(|d| d.event.source_actor.as_deref())
        .map(|c| c.get(..3).unwrap_or(c));
    actors
        .iter()
        .position(|a| Some(a.country()) == reporter && a.country() != source.country())
}

fn actor_key(actor: &ActorSpan) -> String {
    match actor.kind {
        Some(EntityKind::Person | EntityKind::Organization) => {
            actor.entity.clone().unwrap_or_default()
        }
        _ => actor.country().to_string(),
    }
}

fn nearest_date<'a>(dates: &[&'a DateMention], at: usize) -> Option<&'a DateMention> {
    dates.iter().copied().min_by_key(|d| d.start.abs_diff(at))
}

/// Whether an ISO date (or a decade like "199X") lies more than a month before publication.
fn is_past(value: &str, published: Option<&str>) -> bool {
    let Some(published) = published else {
        return false;
    };
    let year = |s: &str| {
        s.get(..4)
            .map(|y| y.replace('X', "9"))
            .and_then(|y| y.parse::<i32>().ok())
    };
    let (Some(y), Some(py)) = (year(value), year(published)) else {
        return false;
    };
    if y != py {
        return y < py;
    }
    let month = |s: &str| s.get(5..7).and_then(|m| m.parse::<i32>().ok());
    match (month(value), month(published)) {
        (Some(m), Some(pm)) => pm - m > 1,
        _ => false,
    }
}

/// The killed counts of the sentence (`in_sentence`: indices of the counts overlapping it), for
/// violent events.
fn fatalities(counts: &[Count], in_sentence: &[usize], span: Span, plover: &str) -> Vec<usize> {
    if plover != "ASSAULT" {
        return Vec::new();
    }
    in_sentence
        .iter()
        .copied()
        .filter(|&i| {
            let c = &counts[i];
            c.kind == "killed" && !c.background && c.start >= span[0] && c.end <= span[1]
        })
        .collect()
}

/// Where: a place the sentence names that is not one of the parties, else (for attacks) the
/// target's own territory.
fn place(
    tokens: &[sentence::Token],
    actors: &[ActorSpan],
    entities: &[Entity],
    source: &ActorSpan,
    target: Option<&ActorSpan>,
    trigger: usize,
    plover: &str,
) -> Option<String> {
    let located = |a: &ActorSpan| {
        a.entity
            .as_ref()
            .and_then(|id| entities.iter().find(|e| &e.id == id))
            .filter(|e| e.kind == EntityKind::Location && e.geo.is_some())
    };
    let is_party = |a: &ActorSpan| {
        a.entity.is_some()
            && (a.entity == source.entity || target.is_some_and(|t| t.entity == a.entity))
    };
    let after_preposition = |a: &ActorSpan| {
        (a.first.saturating_sub(2)..a.first).any(|j| {
            matches!(
                tokens[j].lower.as_str(),
                "in" | "near" | "at" | "on" | "of" | "outside"
            )
        })
    };
    let candidates: Vec<&ActorSpan> = actors
        .iter()
        .filter(|a| !is_party(a) && located(a).is_some())
        .collect();
    // An attack with no place stated after it happened on the attacked side.
    let attacked_side = || {
        actors.iter().find(|a| {
            plover == "ASSAULT"
                && located(a).is_some()
                && target.is_some_and(|t| t.country() == a.country())
                && a.country() != source.country()
        })
    };
    let chosen = candidates
        .iter()
        .find(|a| a.first > trigger && after_preposition(a))
        .copied()
        .or_else(attacked_side)
        .or_else(|| candidates.iter().find(|a| after_preposition(a)).copied());
    chosen.and_then(|a| a.entity.clone())
}

/// How: words in the sentence that name the means, else the mode the CAMEO code implies.
fn mode(
    tokens: &[sentence::Token],
    event: &Coded,
    plover: &str,
    implied: Option<&str>,
) -> Option<String> {
    let from = event.first.saturating_sub(3);
    let to = (event.last + 10).min(tokens.len());
    let cue = tokens[from..to].iter().find_map(|t| {
        Some(match t.lower.as_str() {
            "phone" | "telephone" | "telephoned" | "phoned" => "phone",
            "visit" | "visited" | "visiting" => "visit",
            "drone" | "drones" => "drone",
            "artillery" | "shelling" | "shelled" | "mortar" | "mortars" | "tank" | "tanks"
            | "howitzer" => "artillery",
            "airstrike" | "airstrikes" | "warplanes" | "jets" | "aerial" | "bombers"
            | "helicopter" => "aerial",
            "gunfire" | "gunmen" | "rifle" | "rifles" | "firearms" | "shot" | "shooting" => {
                "firearms"
            }
            "bomb" | "bombs" | "explosive" | "explosives" | "ied" | "landmine" => "explosives",
            "missile" | "missiles" | "rocket" | "rockets" => "missile",
            _ => return None,
        })
    });
    // Means of force belong to forceful events, phone and visit to meetings.
    let cue = cue.filter(|&c| match c {
        "phone" | "visit" => plover == "CONSULT",
        _ => matches!(plover, "ASSAULT" | "THREATEN" | "COERCE" | "MOBILIZE"),
    });
    let phoned = event.code == "041";
    cue.or(phoned.then_some("phone"))
        .or(implied)
        .map(str::to_string)
}

fn confidence(event: &Coded) -> f32 {
    let base: f32 = if event.nominal {
        0.6
    } else if event.by_pattern {
        0.8
    } else {
        0.7
    };
    if event.target.is_some() {
        base
    } else {
        base - 0.1
    }
}

/// Merges reports of one event inside the article: same type, same sides (an attacker's
/// forces and its country are one side), same news, background or future. A report without a target
/// joins one with a target.
fn merge(drafts: Vec<Draft>) -> Vec<Draft> {
    let mut merged: Vec<Draft> = Vec::new();
    for draft in drafts {
        let same = |m: &Draft| {
            m.event.plover == draft.event.plover
                && m.source_key == draft.source_key
                && m.event.background == draft.event.background
                && m.event.future == draft.event.future
                && (m.target_key == draft.target_key || draft.target_key.is_none() || m.target_key.is_none())
                // AZEMIL and AZE are one side; GEOCVL and GEOGOV, both Georgian, are two.
                && nested(m.event.source_actor.as_deref(), draft.event.source_actor.as_deref())
        };
        match merged.iter_mut().find(|m| same(m)) {
            Some(m) => absorb(m, draft),
            None => merged.push(draft),
        }
    }
    merged
}

/// Whether one actor code is the other or a part of it ("AZE" and "AZEMIL").
fn nested(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.starts_with(b) || b.starts_with(a),
        _ => true,
    }
}

fn absorb(into: &mut Draft, other: Draft) {
    let event = &mut into.event;
    if into.target_key.is_none() && other.target_key.is_some() {
        into.target_key = other.target_key;
        event.target = other.event.target;
        event.target_actor = other.event.target_actor;
    }
    for span in other.event.evidence {
        if !event.evidence.contains(&span) {
            event.evidence.push(span);
        }
    }
    event.place = event.place.take().or(other.event.place);
    event.mode = event.mode.take().or(other.event.mode);
    event.fatalities = event.fatalities.max(other.event.fatalities);
    event.confidence = event.confidence.max(other.event.confidence);
    into.counts.extend(other.counts);
}
