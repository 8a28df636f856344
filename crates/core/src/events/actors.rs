//! The actors a sentence names, as the coder needs them: the entities stage's mentions that
//! carry a country or an actor code, nationalities standing alone ("Armenian ambulances"), and
//! role nouns the entities stage leaves out ("insurgents", "the government").

use super::sentence::Token;
use crate::entities::World;
use crate::record::{Entity, EntityKind};

#[derive(Debug, Clone)]
pub struct ActorSpan {
    /// Token range `[first, last]` inside the sentence.
    pub first: usize,
    pub last: usize,
    pub entity: Option<String>,
    pub code: String,
    pub kind: Option<EntityKind>,
}

impl ActorSpan {
    /// The country part of the code, for telling actors apart ("AZEMIL" and "AZE" are one side).
    pub fn country(&self) -> &str {
        self.code.get(..3).unwrap_or(&self.code)
    }
}

/// A location entity acts through its country ("Yerevan accused…" is Armenia); wire agencies
/// and entities without any code do not act.
fn entity_code(entity: &Entity) -> Option<String> {
    entity.actor.clone().or_else(|| entity.country.clone())
}

/// Every mention of an entity that can act, by start offset: built once per article so each
/// sentence finds its own by binary search.
pub struct Mentions<'a> {
    sorted: Vec<(usize, usize, &'a Entity, String)>,
    /// Every location mention's start with its entity's index, sorted.
    places: Vec<(usize, usize)>,
    entities: &'a [Entity],
}

impl<'a> Mentions<'a> {
    pub fn new(entities: &'a [Entity]) -> Mentions<'a> {
        let mut sorted: Vec<_> = entities
            .iter()
            .filter_map(|e| Some((e, entity_code(e)?)))
            .flat_map(|(e, code)| {
                e.mentions
                    .iter()
                    .map(move |m| (m[0], m[1], e, code.clone()))
            })
            .collect();
        sorted.sort_by_key(|m| m.0);
        let mut places: Vec<(usize, usize)> = entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Location)
            .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m[0], i)))
            .collect();
        places.sort_unstable();
        Mentions {
            sorted,
            places,
            entities,
        }
    }

    /// The country of the (first) location entity mentioned at byte `start`.
    fn place_country(&self, start: usize) -> Option<String> {
        let at = self.places.partition_point(|p| p.0 < start);
        let &(found, i) = self.places.get(at)?;
        (found == start)
            .then(|| self.entities[i].country.clone())
            .flatten()
    }

    fn within(&self, start: usize, end: usize) -> &[(usize, usize, &'a Entity, String)] {
        let from = self.sorted.partition_point(|m| m.0 < start);
        let to = self.sorted.partition_point(|m| m.0 < end);
        &self.sorted[from..to]
    }
}

pub fn find(tokens: &[Token], mentions: &Mentions, world: &dyn World) -> Vec<ActorSpan> {
    let mut spans: Vec<ActorSpan> = Vec::new();
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return spans;
    };
    for &(start, end, entity, ref code) in mentions.within(first.start, last.end) {
        {
            let Some(first_token) = tokens.iter().position(|t| t.end > start) else {
                continue;
            };
            let last_token = tokens
                .iter()
                .rposition(|t| t.start < end)
                .unwrap_or(first_token);
            if last_token < first_token {
                continue;
            }
            spans.push(ActorSpan {
                first: first_token,
                last: last_token,
                entity: Some(entity.id.clone()),
                code: code.clone(),
                kind: Some(entity.kind),
            });
        }
    }
    let covered = |i: usize, spans: &[ActorSpan]| spans.iter().any(|s| s.first <= i && i <= s.last);
    for (i, token) in tokens.iter().enumerate() {
        if covered(i, &spans) {
            continue;
        }
        if let Some(country) = world.country_by_demonym(token.text) {
            spans.push(ActorSpan {
                first: i,
                last: i,
                entity: None,
                code: country,
                kind: None,
            });
        } else if is_agent_noun(&token.lower)
            && let Some(role) = world.role(&token.lower)
        {
            // Whose: a nationality right before ("Tunisian court", "Syrian rebels"), a
            // possessive ("Syria's government") or a country after ("a court in Guyana").
            let bare = |s: &ActorSpan| s.code.len() == 3 && s.code != "---";
            // A nationality, a country or an international body right before: "UN troops".
            let owner_kind = |s: &ActorSpan| {
                (bare(s) && s.entity.is_none())
                    || (s.code.starts_with("IGO") && s.last + 1 == i)
                    || (bare(s) && s.kind == Some(EntityKind::Location) && s.last + 1 == i)
            };
            let adjective = spans
                .iter()
                .position(|s| owner_kind(s) && (s.last + 1 == i || s.last + 2 == i));
            let possessive = i
                .checked_sub(2)
                .filter(|&j| matches!(tokens[j + 1].lower.as_str(), "s" | "'s"))
                .and_then(|j| spans.iter().find(|s| s.last == j && bare(s)))
                .map(|s| s.country().to_string());
            let place_after = (tokens
                .get(i + 1)
                .is_some_and(|t| matches!(t.lower.as_str(), "in" | "of" | "from")))
            .then(|| {
                tokens
                    .get(i + 2)
                    .and_then(|t| mentions.place_country(t.start))
            })
            .flatten();
            if let Some(a) = adjective {
                let owner = spans.remove(a);
                spans.push(ActorSpan {
                    first: owner.first,
                    last: i,
                    entity: None,
                    code: owner.code + &role,
                    kind: None,
                });
            } else {
                let country = possessive
                    .or(place_after)
                    .unwrap_or_else(|| "---".to_string());
                spans.push(ActorSpan {
                    first: i,
                    last: i,
                    entity: None,
                    code: country + &role,
                    kind: None,
                });
            }
        }
    }
    spans.sort_by_key(|s| (s.first, std::cmp::Reverse(s.last)));
    // A demonym inside a longer mention, or two entities over the same words: keep the first.
    let mut kept: Vec<ActorSpan> = Vec::with_capacity(spans.len());
    for span in spans {
        if kept.last().is_some_and(|k| span.first <= k.last) {
            continue;
        }
        kept.push(span);
    }
    kept
}

/// Collective nouns that name an actor on their own. The role dictionary knows thousands of
/// role words ("actor", "academic"), most of which name no party to a political event.
fn is_agent_noun(word: &str) -> bool {
    matches!(
        word,
        "government"
            | "governments"
            | "rebels"
            | "insurgents"
            | "militants"
            | "police"
            | "policemen"
            | "troops"
            | "soldiers"
            | "army"
            | "military"
            | "protesters"
            | "protestors"
            | "demonstrators"
            | "activists"
            | "parliament"
            | "congress"
            | "lawmakers"
            | "legislators"
            | "opposition"
            | "separatists"
            | "gunmen"
            | "jihadists"
            | "guerrillas"
            | "guerillas"
            | "fighters"
            | "militia"
            | "militias"
            | "authorities"
            | "regime"
            | "junta"
            | "court"
            | "judge"
            | "prosecutors"
            | "senate"
            | "cabinet"
            | "ministry"
            | "civilians"
            | "refugees"
            | "students"
            | "workers"
            | "farmers"
            | "doctors"
            | "journalists"
            | "rioters"
            | "protestor"
            | "protester"
            | "insurgent"
            | "rebel"
            | "militant"
            | "soldier"
            | "officers"
            | "student"
            | "official"
            | "officials"
            | "leader"
            | "leaders"
            | "minister"
            | "president"
            | "dissidents"
            | "prisoners"
    )
}
