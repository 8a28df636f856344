//! Event coding against three gold sets under `DIR` (`../shared/data/event-coding`), each
//! scored when present and reported absent otherwise:
//!
//! - **GSR**: `universal-petrarch/PETR2_GSR_validation.xml`, 78 real-news sentences coded with
//!   the production Phoenix dictionaries. The issue's bar is on this set: root-code accuracy
//!   ≥ 0.70 with a false-positive share ≤ 0.20.
//! - **Unit tests**: `petrarch2/text/PETR.UnitTest.records.xml`, 284 stylised sentences with
//!   fictional actors, coded with the suite's own `PETR.Validate.{actors,agents}.txt` (through
//!   [`PetrWorld`]) instead of the shipped actor dictionary.
//! - **PLOVER GSR**: `plover/PLOVER_GSR_CAMEO.json`, CAMEO-manual examples with PLOVER 0.5 types
//!   (renamed to today's: DEMAND → REQUEST, DISAPPROVE/INVESTIGATE → ACCUSE, FIGHT → ASSAULT).
//!
//! Each sentence goes alone, as a plain-text article dated by its record, through the standard
//! pipeline; its events are those of `record.events` not marked `background`. Events flagged
//! `future` ("will meet") count as output: the gold sets code announced and scheduled acts by
//! the act itself; how many there are is printed beside each score.
//!
//! Definitions (per set; sentences are independent):
//! - **Matching**: per sentence, each gold coding in file order takes one unmatched output event
//!   with the same key, the one agreeing best on actors (strict source + target, then country
//!   level), the first on ties. The key is the CAMEO **root** (first two digits) on the CAMEO
//!   sets and the PLOVER type on the PLOVER set.
//! - **Root-code accuracy** = matched / gold events (the same number as recall);
//!   **precision** = matched / output events; **F1** their harmonic mean;
//!   **false-positive share** = unmatched output events / output events. A `noevents` record
//!   has no gold event: anything output there is a false positive.
//! - **Source / target accuracy** among matched events whose gold names that actor: *strict*
//!   when our code starts with the gold code (gold `ARNMIL` is satisfied by `ARNMIL…`, gold
//!   `ARN` by `ARNGOV`); *country level* when the first three letters agree (ours `ARN` for
//!   gold `ARNMIL`). A gold slot listing several actors is satisfied by any of them.
//! - **PLOVER-type accuracy** on the CAMEO sets: the same matching with both sides mapped to
//!   PLOVER types by `plover/CAMEO2PLOVER-2021.txt` (read from DIR at run time; codes it
//!   leaves out, roots 01 and 02, drop out of this score on both sides); our events keep their
//!   own `plover` field when set.
//! - **Confusion** (gold key rows × our key columns): matched pairs on the diagonal; in each
//!   sentence the unmatched gold and unmatched outputs are paired in order (a gold 19 coded as
//!   18 in the same sentence), the rest go to the `none` column (missed) or `none` row (false
//!   positives). `?` is an output event without a CAMEO code.
//!
//! With `EVDUMP` set in the environment (`EVDUMP=all`: every sentence too) every missed gold coding (MISS, with the actors the
//! entities stage coded) and unmatched output event (FP) is printed to stderr with its sentence.

mod gold;
mod petr_world;

pub use gold::{
    CameoToPlover, Case, GoldEvent, current_plover, read_petrarch_xml, read_plover_gsr,
};
pub use petr_world::PetrWorld;

use anyhow::Result;
use rayon::prelude::*;
use sitrep_core::record::{Event, Record};
use sitrep_core::{Article, Pipeline};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

const GSR: &str = "universal-petrarch/PETR2_GSR_validation.xml";
const UNIT_TESTS: &str = "petrarch2/text/PETR.UnitTest.records.xml";
const UNIT_DICTIONARIES: &str = "petrarch2/dictionaries";
const PLOVER_GSR: &str = "plover/PLOVER_GSR_CAMEO.json";
const CAMEO2PLOVER: &str = "plover/CAMEO2PLOVER-2021.txt";

/// Published reference figures, printed beside ours.
const REFERENCE: &str = "reference: UD-PETRARCH on its validation suite (244 records): TP 68.27%, FP 22.95% \
     (UniversalPetrarch dev-validate README, 2018-05-25)";

/// One of our events, as scored.
#[derive(Debug, Clone, PartialEq)]
pub struct Predicted {
    pub cameo: Option<String>,
    pub plover: String,
    pub source: Option<String>,
    pub target: Option<String>,
    /// Flagged as to come ("will meet"): still output, since the gold codes announced and
    /// scheduled acts by the act; counted apart so the figure shows how many there are.
    pub future: bool,
}

impl Predicted {
    pub fn from_event(e: &Event) -> Predicted {
        Predicted {
            cameo: e.cameo.clone().filter(|c| !c.trim().is_empty()),
            plover: e.plover.trim().to_ascii_uppercase(),
            source: e.source_actor.clone().filter(|c| !c.is_empty()),
            target: e.target_actor.clone().filter(|c| !c.is_empty()),
            future: e.future,
        }
    }
}

/// The events a record asserts: those not marked background.
pub fn predictions(record: &Record) -> Vec<Predicted> {
    record
        .events
        .iter()
        .flatten()
        .filter(|e| !e.background)
        .map(Predicted::from_event)
        .collect()
}

/// What codes are compared on.
#[derive(Debug, Clone, Copy)]
pub enum Scheme<'a> {
    /// Gold and ours are CAMEO codes, compared on their root.
    CameoRoot,
    /// Gold is CAMEO, mapped to PLOVER; ours is our PLOVER type (or our CAMEO code mapped).
    CameoAsPlover(&'a CameoToPlover),
    /// Gold is a PLOVER type; ours is our PLOVER type.
    Plover,
}

impl Scheme<'_> {
    /// The gold coding's key; `None` drops it from this score.
    fn gold_key(self, code: &str) -> Option<String> {
        match self {
            Scheme::CameoRoot => cameo_root(code),
            Scheme::CameoAsPlover(map) => map.plover(code).map(str::to_string),
            Scheme::Plover => Some(code.trim().to_ascii_uppercase()).filter(|c| !c.is_empty()),
        }
    }

    /// Our event's key: `Some(None)` is an output event without a usable code (scored as `?`);
    /// `None` drops it from this score.
    fn our_key(self, p: &Predicted) -> Option<Option<String>> {
        match self {
            Scheme::CameoRoot => Some(p.cameo.as_deref().and_then(cameo_root)),
            Scheme::CameoAsPlover(map) => {
                let own = Some(p.plover.clone()).filter(|t| !t.is_empty());
                own.or_else(|| map.plover(p.cameo.as_deref()?).map(str::to_string))
                    .map(Some)
            }
            Scheme::Plover => Some(Some(p.plover.clone()).filter(|t| !t.is_empty())),
        }
    }
}

/// "0871" → "08", and "174K" → "17" (the unit tests' lettered sub-codes); `None` for what is
/// no CAMEO code.
pub fn cameo_root(code: &str) -> Option<String> {
    let code = code.trim();
    let root = code.get(..2)?;
    let well_formed = code.len() <= 4
        && root.bytes().all(|b| b.is_ascii_digit())
        && code.bytes().all(|b| b.is_ascii_alphanumeric());
    well_formed.then(|| root.to_string())
}

/// Whether a root is one of CAMEO's twenty (the unit tests also use codes of their own verb
/// dictionary, 21x–91x, which no CAMEO coder produces).
fn is_cameo_root(root: &str) -> bool {
    root.parse::<u8>().is_ok_and(|n| (1..=20).contains(&n))
}

#[derive(Debug, Clone, Copy, Default)]
pub struct ActorTally {
    /// Matched events whose gold names this actor.
    pub scored: usize,
    pub strict: usize,
    pub country: usize,
}

impl ActorTally {
    fn add(&mut self, gold: &[String], ours: Option<&str>) {
        if gold.is_empty() {
            return;
        }
        self.scored += 1;
        self.strict += usize::from(actor_strict(gold, ours));
        self.country += usize::from(actor_country(gold, ours));
    }
}

fn actor_strict(gold: &[String], ours: Option<&str>) -> bool {
    ours.is_some_and(|o| gold.iter().any(|g| o.starts_with(g.as_str())))
}

fn actor_country(gold: &[String], ours: Option<&str>) -> bool {
    ours.and_then(|o| o.get(..3))
        .is_some_and(|o| gold.iter().any(|g| g.get(..3) == Some(o)))
}

#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub sentences: usize,
    pub no_event_sentences: usize,
    pub no_event_with_output: usize,
    pub gold: usize,
    pub output: usize,
    pub matched: usize,
    /// Output and matched events flagged future.
    pub future_output: usize,
    pub future_matched: usize,
    pub source: ActorTally,
    pub target: ActorTally,
    /// (gold key or "none", our key or "none"/"?") → count.
    pub confusion: BTreeMap<(String, String), usize>,
}

impl Tally {
    pub fn accuracy(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.output)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.accuracy());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    pub fn false_positive_share(&self) -> f64 {
        ratio(self.output - self.matched, self.output)
    }

    fn merge(&mut self, other: &Tally) {
        self.sentences += other.sentences;
        self.no_event_sentences += other.no_event_sentences;
        self.no_event_with_output += other.no_event_with_output;
        self.gold += other.gold;
        self.output += other.output;
        self.matched += other.matched;
        self.future_output += other.future_output;
        self.future_matched += other.future_matched;
        for (mine, theirs) in [
            (&mut self.source, other.source),
            (&mut self.target, other.target),
        ] {
            mine.scored += theirs.scored;
            mine.strict += theirs.strict;
            mine.country += theirs.country;
        }
        for (k, n) in &other.confusion {
            *self.confusion.entry(k.clone()).or_default() += n;
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// What went wrong in one sentence, for `EVDUMP`.
#[derive(Debug, Default)]
pub struct Misses {
    pub missed: Vec<String>,
    pub false_positives: Vec<String>,
}

/// Scores one sentence: matches `ours` to `case.gold` and adds the counts to `tally`.
pub fn score_case(scheme: Scheme, case: &Case, ours: &[Predicted], tally: &mut Tally) -> Misses {
    let gold: Vec<(String, &GoldEvent)> = case
        .gold
        .iter()
        .filter_map(|g| Some((scheme.gold_key(&g.code)?, g)))
        .collect();
    let ours: Vec<(Option<String>, &Predicted)> = ours
        .iter()
        .filter_map(|p| Some((scheme.our_key(p)?, p)))
        .collect();
    tally.sentences += 1;
    if case.gold.is_empty() {
        tally.no_event_sentences += 1;
        tally.no_event_with_output += usize::from(!ours.is_empty());
    }
    tally.gold += gold.len();
    tally.output += ours.len();
    tally.future_output += ours.iter().filter(|(_, p)| p.future).count();
    let mut taken = vec![false; ours.len()];
    let mut unmatched_gold = Vec::new();
    for (key, g) in &gold {
        let agreement = |p: &Predicted| {
            let (s, t) = (p.source.as_deref(), p.target.as_deref());
            (
                usize::from(actor_strict(&g.sources, s)) + usize::from(actor_strict(&g.targets, t)),
                usize::from(actor_country(&g.sources, s))
                    + usize::from(actor_country(&g.targets, t)),
            )
        };
        // max_by_key keeps the last of equals: reverse so the first wins.
        let best = (0..ours.len())
            .rev()
            .filter(|&i| !taken[i] && ours[i].0.as_deref() == Some(key.as_str()))
            .max_by_key(|&i| agreement(ours[i].1));
        match best {
            Some(i) => {
                taken[i] = true;
                tally.matched += 1;
                tally.future_matched += usize::from(ours[i].1.future);
                tally.source.add(&g.sources, ours[i].1.source.as_deref());
                tally.target.add(&g.targets, ours[i].1.target.as_deref());
                *tally
                    .confusion
                    .entry((key.clone(), key.clone()))
                    .or_default() += 1;
            }
            None => unmatched_gold.push((key, *g)),
        }
    }
    let unmatched_ours: Vec<_> = (0..ours.len())
        .filter(|&i| !taken[i])
        .map(|i| &ours[i])
        .collect();
    let label = |k: &Option<String>| k.clone().unwrap_or_else(|| "?".to_string());
    for n in 0..unmatched_gold.len().max(unmatched_ours.len()) {
        let row = unmatched_gold
            .get(n)
            .map_or("none".to_string(), |(k, _)| (*k).clone());
        let col = unmatched_ours
            .get(n)
            .map_or("none".to_string(), |(k, _)| label(k));
        *tally.confusion.entry((row, col)).or_default() += 1;
    }
    let actors = |s: &[String]| {
        if s.is_empty() {
            "-".to_string()
        } else {
            s.join("|")
        }
    };
    Misses {
        missed: unmatched_gold
            .iter()
            .map(|(_, g)| format!("{} {}→{}", g.code, actors(&g.sources), actors(&g.targets)))
            .collect(),
        false_positives: unmatched_ours
            .iter()
            .map(|(_, p)| {
                format!(
                    "{}/{} {}→{}",
                    p.cameo.as_deref().unwrap_or("?"),
                    p.plover,
                    p.source.as_deref().unwrap_or("-"),
                    p.target.as_deref().unwrap_or("-")
                )
            })
            .collect(),
    }
}

/// The scores of one gold set.
#[derive(Debug, Default)]
pub struct SetReport {
    pub name: &'static str,
    /// Why the set was not scored (file absent), or `None` when it was.
    pub absent: Option<String>,
    /// CAMEO root on the CAMEO sets, PLOVER type on the PLOVER set.
    pub primary: Tally,
    /// PLOVER types on the CAMEO sets (when the CAMEO → PLOVER table was read).
    pub plover: Option<Tally>,
    pub categories: BTreeMap<String, Tally>,
    /// Sentences whose record had `events` computed (`Some`).
    pub with_events: usize,
    pub seconds: f64,
    /// Whether the bar applies to this set.
    pub has_bar: bool,
}

#[derive(Debug, Default)]
pub struct Report {
    pub sets: Vec<SetReport>,
}

pub fn evaluate(dir: &Path) -> Result<Report> {
    let dump = std::env::var_os("EVDUMP").is_some();
    let table = std::fs::read_to_string(dir.join(CAMEO2PLOVER))
        .map(|t| CameoToPlover::read(&t))
        .unwrap_or_default();
    let table = (!table.is_empty()).then_some(table);
    let mut sets = Vec::new();

    let mut gsr = cameo_set(
        "GSR (PETR2_GSR_validation, real news, Phoenix dictionaries)",
        dir,
        GSR,
        || Ok(Pipeline::standard()),
        table.as_ref(),
        dump,
    )?;
    gsr.has_bar = true;
    sets.push(gsr);

    let dictionaries = dir.join(UNIT_DICTIONARIES);
    sets.push(cameo_set(
        "unit tests (PETR.UnitTest.records, PETR.Validate dictionaries)",
        dir,
        UNIT_TESTS,
        || {
            let world = PetrWorld::from_dir(&dictionaries)
                .map_err(|e| anyhow::anyhow!("{}: {e}", dictionaries.display()))?;
            let verbs_file = dictionaries.join("PETR.Validate.verbs.txt");
            let verbs = std::fs::read_to_string(&verbs_file)
                .map_err(|e| anyhow::anyhow!("{}: {e}", verbs_file.display()))?;
            let verbs = sitrep_core::events::verbs::VerbDictionary::parse(&verbs);
            Ok(Pipeline::standard_with(
                Arc::new(world),
                Some(Arc::new(verbs)),
            ))
        },
        table.as_ref(),
        dump,
    )?);

    sets.push(plover_set(dir, dump)?);
    Ok(Report { sets })
}

fn cameo_set(
    name: &'static str,
    dir: &Path,
    file: &str,
    pipeline: impl FnOnce() -> Result<Pipeline>,
    table: Option<&CameoToPlover>,
    dump: bool,
) -> Result<SetReport> {
    let path = dir.join(file);
    let Ok(bytes) = std::fs::read(&path) else {
        return Ok(SetReport {
            name,
            absent: Some(format!("{} not found", path.display())),
            ..Default::default()
        });
    };
    let cases = read_petrarch_xml(&String::from_utf8_lossy(&bytes));
    let pipeline = match pipeline() {
        Ok(p) => p,
        Err(e) => {
            return Ok(SetReport {
                name,
                absent: Some(format!("{e:#}")),
                ..Default::default()
            });
        }
    };
    let mut report = run_set(name, &cases, &pipeline, Scheme::CameoRoot, dump);
    if let Some(table) = table {
        let mut tally = Tally::default();
        for (case, ours) in cases.iter().zip(&report.outputs) {
            score_case(Scheme::CameoAsPlover(table), case, ours, &mut tally);
        }
        report.set.plover = Some(tally);
    }
    Ok(report.set)
}

fn plover_set(dir: &Path, dump: bool) -> Result<SetReport> {
    let name = "PLOVER GSR (PLOVER_GSR_CAMEO, CAMEO-manual examples)";
    let path = dir.join(PLOVER_GSR);
    let Ok(bytes) = std::fs::read(&path) else {
        return Ok(SetReport {
            name,
            absent: Some(format!("{} not found (held aside)", path.display())),
            ..Default::default()
        });
    };
    let cases = read_plover_gsr(&String::from_utf8_lossy(&bytes))?;
    Ok(run_set(name, &cases, &Pipeline::standard(), Scheme::Plover, dump).set)
}

struct SetRun {
    set: SetReport,
    outputs: Vec<Vec<Predicted>>,
}

fn run_set(
    name: &'static str,
    cases: &[Case],
    pipeline: &Pipeline,
    scheme: Scheme,
    dump: bool,
) -> SetRun {
    let started = Instant::now();
    let records: Vec<Record> = cases
        .par_iter()
        .map(|case| {
            let mut doc = pipeline.document(Article::text(case.id.clone(), case.text.clone()));
            // As `Pipeline::with_default_published`, per record.
            doc.default_published = case.date.clone();
            pipeline.process(&mut doc);
            doc.record
        })
        .collect();
    let seconds = started.elapsed().as_secs_f64();
    let outputs: Vec<Vec<Predicted>> = records.iter().map(predictions).collect();
    let mut set = SetReport {
        name,
        with_events: records.iter().filter(|r| r.events.is_some()).count(),
        seconds,
        ..Default::default()
    };
    for ((case, ours), record) in cases.iter().zip(&outputs).zip(&records) {
        let mut tally = Tally::default();
        let misses = score_case(scheme, case, ours, &mut tally);
        set.primary.merge(&tally);
        set.categories
            .entry(case.category.clone())
            .or_default()
            .merge(&tally);
        if dump && std::env::var("EVDUMP").is_ok_and(|v| v == "all") {
            eprintln!(
                "CASE [{}] gold: {} | ours: {} | {}",
                case.id,
                describe_gold(&case.gold),
                describe(ours),
                case.text
            );
        }
        if dump {
            for m in &misses.missed {
                eprintln!(
                    "MISS [{}] {m} | ours: {} | actors: {} | {}",
                    case.id,
                    describe(ours),
                    actors_of(record),
                    case.text
                );
            }
            for f in &misses.false_positives {
                eprintln!(
                    "FP   [{}] {f} | gold: {} | {}",
                    case.id,
                    describe_gold(&case.gold),
                    case.text
                );
            }
        }
    }
    SetRun { set, outputs }
}

fn describe(ours: &[Predicted]) -> String {
    if ours.is_empty() {
        return "none".to_string();
    }
    let one = |p: &Predicted| {
        format!(
            "{}/{} {}→{}",
            p.cameo.as_deref().unwrap_or("?"),
            p.plover,
            p.source.as_deref().unwrap_or("-"),
            p.target.as_deref().unwrap_or("-")
        )
    };
    ours.iter().map(one).collect::<Vec<_>>().join("; ")
}

/// The entities the pipeline coded, for telling actor misses from event misses.
fn actors_of(record: &Record) -> String {
    let coded: Vec<String> = record
        .entities
        .iter()
        .flatten()
        .filter_map(|e| {
            Some(format!(
                "{}={}",
                e.name,
                e.actor.as_deref().or(e.country.as_deref())?
            ))
        })
        .collect();
    if coded.is_empty() {
        "none".to_string()
    } else {
        coded.join(", ")
    }
}

fn describe_gold(gold: &[GoldEvent]) -> String {
    if gold.is_empty() {
        return "no event".to_string();
    }
    let one = |g: &GoldEvent| format!("{} {}→{}", g.code, g.sources.join("|"), g.targets.join("|"));
    gold.iter().map(one).collect::<Vec<_>>().join("; ")
}

fn write_tally(f: &mut fmt::Formatter<'_>, label: &str, t: &Tally) -> fmt::Result {
    writeln!(
        f,
        "  {label}: gold {} output {} matched {} | accuracy {:.3} precision {:.3} recall {:.3} F1 {:.3} | false-positive share {:.3}",
        t.gold,
        t.output,
        t.matched,
        t.accuracy(),
        t.precision(),
        t.accuracy(),
        t.f1(),
        t.false_positive_share()
    )?;
    let actor = |a: ActorTally| {
        format!(
            "{:.3} strict / {:.3} country ({} scored)",
            ratio(a.strict, a.scored),
            ratio(a.country, a.scored),
            a.scored
        )
    };
    writeln!(
        f,
        "    source accuracy {}; target accuracy {}",
        actor(t.source),
        actor(t.target)
    )?;
    writeln!(
        f,
        "    flagged future (told as to come): {} output, {} matched",
        t.future_output, t.future_matched
    )
}

fn write_confusion(f: &mut fmt::Formatter<'_>, t: &Tally) -> fmt::Result {
    if t.confusion.is_empty() {
        return Ok(());
    }
    let order = |k: &String| (k == "none", k == "?", k.clone());
    let mut rows: Vec<String> = t
        .confusion
        .keys()
        .map(|k| k.0.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut cols: Vec<String> = t
        .confusion
        .keys()
        .map(|k| k.1.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    rows.sort_by_key(order);
    cols.sort_by_key(order);
    let width = rows
        .iter()
        .chain(&cols)
        .map(String::len)
        .max()
        .unwrap_or(4)
        .max(4);
    write!(
        f,
        "  confusion (gold rows × ours columns)\n  {:>width$}",
        ""
    )?;
    for c in &cols {
        write!(f, " {c:>width$}")?;
    }
    writeln!(f)?;
    for r in &rows {
        write!(f, "  {r:>width$}")?;
        for c in &cols {
            match t.confusion.get(&(r.clone(), c.clone())) {
                Some(n) => write!(f, " {n:>width$}")?,
                None => write!(f, " {:>width$}", ".")?,
            }
        }
        writeln!(f)?;
    }
    Ok(())
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for set in &self.sets {
            writeln!(f, "== {}", set.name)?;
            if let Some(why) = &set.absent {
                writeln!(f, "  absent: {why}")?;
                continue;
            }
            let t = &set.primary;
            writeln!(
                f,
                "  {} sentences ({} with no event; {} of those got output), {:.1} s; events computed for {} of {}",
                t.sentences,
                t.no_event_sentences,
                t.no_event_with_output,
                set.seconds,
                set.with_events,
                t.sentences
            )?;
            if set.with_events == 0 {
                writeln!(
                    f,
                    "  note: record.events was None for every sentence (no events stage yet): zeros expected"
                )?;
            }
            let primary = if set.plover.is_some() {
                "CAMEO root"
            } else {
                "PLOVER type"
            };
            write_tally(f, primary, t)?;
            let outside: usize = t
                .confusion
                .iter()
                .filter(|((gold, _), _)| {
                    set.plover.is_some() && gold != "none" && !is_cameo_root(gold)
                })
                .map(|(_, n)| n)
                .sum();
            let matched_outside: usize = t
                .confusion
                .iter()
                .filter(|((gold, ours), _)| {
                    set.plover.is_some() && gold == ours && !is_cameo_root(gold)
                })
                .map(|(_, n)| n)
                .sum();
            if outside > 0 {
                writeln!(
                    f,
                    "    {outside} gold events have codes outside CAMEO roots 01-20 (the suite's own verbs); \
                     accuracy on the other {}: {:.3}",
                    t.gold - outside,
                    ratio(t.matched - matched_outside, t.gold - outside)
                )?;
            }
            if let Some(p) = &set.plover {
                write_tally(f, "PLOVER type (CAMEO2PLOVER)", p)?;
            }
            if set.has_bar {
                let pass = t.accuracy() >= 0.70 && t.output > 0 && t.false_positive_share() <= 0.20;
                writeln!(
                    f,
                    "  bar: root-code accuracy >= 0.70 and false-positive share <= 0.20: {}",
                    if pass { "met" } else { "NOT met" }
                )?;
            }
            writeln!(f, "  {REFERENCE}")?;
            if set.categories.len() > 1 {
                writeln!(
                    f,
                    "  by category: sentences gold output matched accuracy fp-share"
                )?;
                for (name, c) in &set.categories {
                    writeln!(
                        f,
                        "    {name:<12} {:>4} {:>4} {:>4} {:>4} {:>6.3} {:>6.3}",
                        c.sentences,
                        c.gold,
                        c.output,
                        c.matched,
                        c.accuracy(),
                        c.false_positive_share()
                    )?;
                }
            }
            write_confusion(f, t)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(
        cameo: &str,
        plover: &str,
        source: Option<&str>,
        target: Option<&str>,
        background: bool,
    ) -> Event {
        Event {
            id: "e".into(),
            plover: plover.into(),
            cameo: Some(cameo.into()),
            source: None,
            target: None,
            source_actor: source.map(Into::into),
            target_actor: target.map(Into::into),
            date: None,
            place: None,
            mode: None,
            fatalities: None,
            background,
            future: false,
            evidence: Vec::new(),
            confidence: 0.5,
        }
    }

    fn case(gold: &[(&str, &str, &str)]) -> Case {
        let slot = |s: &str| {
            if s.is_empty() {
                Vec::new()
            } else {
                vec![s.to_string()]
            }
        };
        Case {
            id: "c".into(),
            category: "DEMO".into(),
            date: None,
            text: "t".into(),
            gold: gold
                .iter()
                .map(|(c, s, t)| GoldEvent {
                    code: c.to_string(),
                    sources: slot(s),
                    targets: slot(t),
                })
                .collect(),
        }
    }

    fn record(events: Vec<Event>) -> Record {
        Record {
            events: Some(events),
            ..Default::default()
        }
    }

    #[test]
    fn root_matching_actors_and_false_positives() {
        let gold = case(&[("190", "ARNMIL", "GON"), ("0871", "GON", "ARN")]);
        let rec = record(vec![
            event("193", "ASSAULT", Some("ARN"), Some("GONGOV"), false),
            event("120", "REJECT", Some("GON"), Some("ARN"), false),
            event("042", "CONSULT", Some("GON"), Some("ARN"), true),
        ]);
        let mut t = Tally::default();
        let misses = score_case(Scheme::CameoRoot, &gold, &predictions(&rec), &mut t);
        assert_eq!(
            (t.gold, t.output, t.matched),
            (2, 2, 1),
            "background events are not output"
        );
        assert_eq!(
            (t.source.strict, t.source.country, t.source.scored),
            (0, 1, 1)
        );
        assert_eq!(
            (t.target.strict, t.target.country),
            (1, 1),
            "gold GON is satisfied by GONGOV"
        );
        assert!((t.accuracy() - 0.5).abs() < 1e-9 && (t.false_positive_share() - 0.5).abs() < 1e-9);
        assert_eq!(t.confusion.get(&("19".into(), "19".into())), Some(&1));
        assert_eq!(
            t.confusion.get(&("08".into(), "12".into())),
            Some(&1),
            "unmatched pair up in the sentence"
        );
        assert_eq!(misses.missed.len(), 1);
        assert_eq!(misses.false_positives.len(), 1);
    }

    #[test]
    fn best_actor_agreement_wins_and_no_event_records_count_false_positives() {
        let gold = case(&[("173", "TUNJUD", "NGAEDU")]);
        let rec = record(vec![
            event("172", "COERCE", Some("NGA"), Some("TUN"), false),
            event("173", "COERCE", Some("TUNJUD"), Some("NGAEDU"), false),
        ]);
        let mut t = Tally::default();
        score_case(Scheme::CameoRoot, &gold, &predictions(&rec), &mut t);
        assert_eq!((t.matched, t.source.strict, t.target.strict), (1, 1, 1));

        let none = case(&[]);
        let mut t = Tally::default();
        score_case(
            Scheme::CameoRoot,
            &none,
            &predictions(&record(vec![event("010", "", None, None, false)])),
            &mut t,
        );
        assert_eq!(
            (
                t.no_event_sentences,
                t.no_event_with_output,
                t.output,
                t.matched
            ),
            (1, 1, 1, 0)
        );
        assert_eq!(t.confusion.get(&("none".into(), "01".into())), Some(&1));

        let mut t = Tally::default();
        score_case(
            Scheme::CameoRoot,
            &gold,
            &predictions(&Record::default()),
            &mut t,
        );
        assert_eq!(
            (t.gold, t.output, t.matched),
            (1, 0, 0),
            "events None: nothing output"
        );
        assert_eq!(t.precision(), 0.0);
    }

    #[test]
    fn plover_schemes() {
        let table = CameoToPlover::read("10: REQUEST\n19: ASSAULT\n18: ASSAULT\n");
        let gold = case(&[("190", "", ""), ("010", "", ""), ("102", "", "")]);
        let rec = record(vec![
            event("183", "ASSAULT", None, None, false),
            event("011", "", None, None, false),
        ]);
        let mut t = Tally::default();
        score_case(
            Scheme::CameoAsPlover(&table),
            &gold,
            &predictions(&rec),
            &mut t,
        );
        assert_eq!(
            (t.gold, t.output, t.matched),
            (2, 1, 1),
            "01 has no PLOVER type on either side"
        );

        let plover_gold = case(&[("REQUEST", "ARNGOV", "")]);
        let rec = record(vec![event("100", "REQUEST", Some("ARNGOV"), None, false)]);
        let mut t = Tally::default();
        score_case(Scheme::Plover, &plover_gold, &predictions(&rec), &mut t);
        assert_eq!((t.matched, t.source.strict, t.target.scored), (1, 1, 0));
    }

    #[test]
    fn cameo_roots() {
        assert_eq!(cameo_root("0871").as_deref(), Some("08"));
        assert_eq!(cameo_root("19").as_deref(), Some("19"));
        assert_eq!(cameo_root("174K").as_deref(), Some("17"));
        assert_eq!(cameo_root("1a"), None);
        assert!(is_cameo_root("20") && !is_cameo_root("90") && !is_cameo_root("00"));
        assert_eq!(cameo_root("7"), None);
    }

    #[test]
    fn missing_sets_say_so() {
        let dir = tempfile::tempdir().unwrap();
        let report = evaluate(dir.path()).unwrap();
        assert_eq!(report.sets.len(), 3);
        assert!(report.sets.iter().all(|s| s.absent.is_some()));
        assert!(report.to_string().contains("absent"));
    }

    #[test]
    fn plover_file_is_scored_end_to_end() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("plover")).unwrap();
        std::fs::write(
            dir.path().join(PLOVER_GSR),
            r#"[{"id":"0","event":"DOCUMENT","text":"x"},{"id":"1","date":"2000-01-01","event":"FIGHT","text":"Arnor troops clashed with Gondor forces.","source":[{"actorText":"Arnor","code":"ARN","sector":"MIL"}],"target":""}]"#,
        )
        .unwrap();
        let report = evaluate(dir.path()).unwrap();
        let plover = &report.sets[2];
        assert!(plover.absent.is_none());
        assert_eq!((plover.primary.sentences, plover.primary.gold), (1, 1));
        assert!(report.to_string().contains("PLOVER type"));
    }
}
