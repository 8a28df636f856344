//! The pipeline: named stages run in order over one document.

use crate::document::Document;
use crate::ingest::Article;
use crate::record::Record;
use crate::{clean, counts, entities, events, geo, quotes, repair, syntax, text, time, tone};
use rayon::prelude::*;
use std::cell::Cell;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use crate::stage::Stage;

pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
    default_published: Option<String>,
    budget: Option<Duration>,
    syntax_output: bool,
}

thread_local! {
    static CURRENT_STAGE: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// The stage running on this thread, for a panic report to name it.
pub fn current_stage() -> Option<&'static str> {
    CURRENT_STAGE.get()
}

impl Pipeline {
    /// Every stage that exists, in dependency order.
    pub fn standard() -> Pipeline {
        Pipeline::standard_with_world(Arc::new(entities::dictionary::Dictionary))
    }

    /// The standard stages, with actors coded by `world` instead of the shipped dictionary.
    pub fn standard_with_world(world: Arc<dyn entities::World + Send + Sync>) -> Pipeline {
        Pipeline::standard_with(world, None)
    }

    /// The standard stages with other actor and verb dictionaries (test suites written
    /// against their own; `None`: the shipped verb dictionary).
    pub fn standard_with(
        world: Arc<dyn entities::World + Send + Sync>,
        verbs: Option<Arc<events::verbs::VerbDictionary>>,
    ) -> Pipeline {
        Pipeline {
            stages: vec![
                Box::new(clean::Clean),
                Box::new(text::Language),
                Box::new(repair::Repair::english()),
                Box::new(text::Sentences),
                Box::new(time::Dates),
                Box::new(entities::Entities::with_world(world.clone())),
                Box::new(geo::Places::new()),
                Box::new(quotes::Quotes),
                Box::new(counts::Counts),
                Box::new(events::Events::with_dictionaries(world, verbs)),
                Box::new(tone::Tones),
            ],
            default_published: None,
            budget: None,
            syntax_output: false,
        }
    }

    /// Also tags and parses every sentence and puts the words in the record (`--syntax`).
    /// No stage reads the parse yet, so it runs only when asked for.
    pub fn with_syntax(mut self, on: bool) -> Pipeline {
        let present = self.stages.iter().any(|s| s.name() == "syntax");
        if on && !present {
            let after = self
                .stages
                .iter()
                .position(|s| s.name() == "sentences")
                .map_or(0, |k| k + 1);
            self.stages.insert(after, Box::new(syntax::Syntax));
        } else if !on && present {
            self.stages.retain(|s| s.name() != "syntax");
        }
        self.syntax_output = on;
        self
    }

    /// The publication date for articles that state none (`--published`).
    pub fn with_default_published(mut self, date: Option<String>) -> Pipeline {
        self.default_published = date;
        self
    }

    /// Time one article may take (`--max-seconds`): once it is spent, the stages still to run
    /// are skipped and the record says so. Checked between stages, which all run in time
    /// linear (or n log n) in the article's length.
    pub fn with_budget(mut self, budget: Option<Duration>) -> Pipeline {
        self.budget = budget;
        self
    }

    /// The stages in the order they run, for tools that time or trace them one by one.
    pub fn stages(&self) -> &[Box<dyn Stage>] {
        &self.stages
    }

    /// Loads every stage's models and tables at once, in parallel (see [`Stage::preloads`]).
    /// A load that panics is left for its stage to meet again, inside the runner's per-article
    /// isolation, rather than ending the run here.
    pub fn prepare(&self) {
        let loads: Vec<fn()> = self
            .stages
            .iter()
            .flat_map(|s| s.preloads())
            .copied()
            .collect();
        loads.into_par_iter().for_each(|load| {
            let _ = std::panic::catch_unwind(load);
        });
    }

    /// A fresh document for `article`, ready for [`Pipeline::process`].
    pub fn document(&self, article: Article) -> Document {
        let mut doc = Document::new(article);
        doc.default_published = self.default_published.clone();
        doc
    }

    pub fn process(&self, doc: &mut Document) {
        let started = Instant::now();
        for (i, stage) in self.stages.iter().enumerate() {
            if let Some(budget) = self.budget.filter(|&b| started.elapsed() > b) {
                let skipped: Vec<&str> = self.stages[i..].iter().map(|s| s.name()).collect();
                doc.record.warnings.push(format!(
                    "time budget of {} s spent; stages skipped: {}",
                    budget.as_secs_f64(),
                    skipped.join(", ")
                ));
                break;
            }
            CURRENT_STAGE.set(Some(stage.name()));
            stage.run(doc);
        }
        CURRENT_STAGE.set(None);
        if self.syntax_output {
            doc.record.tokens = Some(syntax::record_tokens(&doc.tokens));
        }
    }

    /// Runs every stage over one article and returns its record.
    pub fn run(&self, article: Article) -> Record {
        let mut doc = self.document(article);
        self.process(&mut doc);
        doc.record
    }
}
