//! Entities: the persons, organizations, groups and places an article names, one entity per
//! referent, with titles, countries and CAMEO actor codes.
//!
//! Mentions come from the statistical tagger ([`ner`]); [`groups`] turns nationalities used as
//! actors into groups; [`cluster`] merges mentions of one referent; [`assemble`] names each
//! entity and codes it with the help of a [`World`] (the actor dictionary).

pub mod assemble;
pub mod cluster;
pub mod consistency;
pub mod dictionary;
pub mod groups;
pub mod mention;
pub mod ner;
pub mod titles;
pub mod world;

pub use mention::{Mention, MentionKind};
pub use world::World;

use crate::document::Document;
use crate::stage::Stage;
use ner::{NerLabel, NerModel};
use std::sync::Arc;

/// The entities stage: tagger, groups, clusters, titles and codes.
pub struct Entities {
    world: Arc<dyn World + Send + Sync>,
}

impl Entities {
    /// Codes actors with the shipped actor dictionary.
    pub fn standard() -> Entities {
        Entities::with_world(Arc::new(dictionary::Dictionary))
    }

    /// Codes actors with another dictionary (an evaluation's own, a test's stand-in).
    pub fn with_world(world: Arc<dyn World + Send + Sync>) -> Entities {
        Entities { world }
    }
}

impl Default for Entities {
    fn default() -> Entities {
        Entities::standard()
    }
}

impl Stage for Entities {
    fn name(&self) -> &'static str {
        "entities"
    }

    fn preloads(&self) -> &'static [fn()] {
        &[
            crate::actors::preload,
            crate::actors::preload_holders,
            ner::preload,
            ner::tokenize::preload,
            titles::preload,
            consistency::preload,
            groups::preload,
        ]
    }

    fn run(&self, doc: &mut Document) {
        let record = &mut doc.record;
        // The tagger knows English; text too short to identify is tried as English too.
        if record.language.as_deref().is_some_and(|l| l != "en") {
            return;
        }
        let mentions = NerModel::english()
            .tag(&record.text, &record.sentences)
            .into_iter()
            .map(|span| {
                let kind = match span.label {
                    NerLabel::Per => MentionKind::Person,
                    NerLabel::Org => MentionKind::Organization,
                    NerLabel::Loc => MentionKind::Location,
                    NerLabel::Misc => MentionKind::Misc,
                };
                Mention::new(span.start, span.end, kind)
            })
            .collect();
        let world: &dyn World = &*self.world;
        let mentions = consistency::correct(&record.text, mentions);
        let mentions = groups::refine(&record.text, mentions, world);
        let cx = assemble::Context {
            text: &record.text,
            sentences: &record.sentences,
            published: record.published.as_deref(),
            world,
        };
        record.entities = Some(assemble::entities(&cx, &mentions));
    }
}
