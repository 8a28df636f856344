//! Geoparsing: toponym precision and recall, and accuracy of the resolved points, on the news
//! gold sets LGL, TR-News and GeoVirus (`shared/data/geoparsing/Corpora`).
//!
//! Predicted toponyms are the mentions of location entities after the whole pipeline, each
//! with its entity's `geo`. A prediction matches a gold toponym when their spans overlap (one to
//! one). On matched toponyms with gold coordinates: accuracy@161 km (the field's usual 100-mile
//! threshold) among those we resolved, the share we resolved, and the median error.
//!
//! Offsets: the gold counts Python code points; GeoVirus' are one too far (+1) and some of
//! TR-News' one or two, so each gold span is moved by the smallest shift (0, −1, −2, +1, +2) that
//! makes it read its phrase. The pipeline may rewrite text (cleaning, repairs), so a predicted
//! mention is carried back to the original as the same occurrence (k-th) of its surface form.
//! Predictions of another tool can be scored instead (`--predictions`, TSV
//! `corpus<TAB>article<TAB>start<TAB>end<TAB>lat<TAB>lon`, code-point offsets into the text,
//! lat/lon empty when unresolved; see `eval/geo_peer.py`).
//!
//! The resolver's weights are chosen by [`tune`] on the even-numbered articles of each corpus
//! (counting from 0); the report gives the odd-numbered ones apart, as never seen in tuning.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use rayon::prelude::*;
use sitrep_core::geo::{self, Weights, km};
use sitrep_core::record::EntityKind;
use sitrep_core::{Article, Document, Pipeline, Record, Stage};

pub const CORPORA: [(&str, &str); 3] = [
    ("LGL", "lgl.xml"),
    ("TR-News", "TR-News.xml"),
    ("GeoVirus", "GeoVirus.xml"),
];

struct GoldArticle {
    text: String,
    toponyms: Vec<Toponym>,
}

/// A span in code points of the article text, with a point when known.
#[derive(Clone, Debug)]
pub struct Toponym {
    pub start: usize,
    pub end: usize,
    pub at: Option<(f64, f64)>,
}

/// Whether an article (by its index in its corpus) is left out of tuning.
fn held_out(index: usize) -> bool {
    index % 2 == 1
}

#[derive(Default)]
pub struct CorpusRow {
    pub name: String,
    pub articles: usize,
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    /// Matched toponyms whose gold has coordinates.
    pub with_point: usize,
    /// … of which we resolved.
    pub resolved: usize,
    pub within_161: usize,
    pub median_km: Option<f64>,
}

pub struct Report {
    pub rows: Vec<CorpusRow>,
    /// The same on the articles held out of tuning (sitrep only).
    pub held_out: Vec<CorpusRow>,
    pub source: String,
    pub load: Duration,
    pub load_rss_bytes: Option<u64>,
    pub resolves_per_second: f64,
}

fn text_of(node: roxmltree::Node, tag: &str) -> Option<String> {
    node.children()
        .find(|c| c.has_tag_name(tag))
        .and_then(|c| c.text())
        .map(str::to_string)
}

fn slice(chars: &[char], start: usize, end: usize) -> Option<String> {
    (start <= end && end <= chars.len()).then(|| chars[start..end].iter().collect())
}

fn read_corpus(path: &Path) -> Result<Vec<GoldArticle>> {
    let xml =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let doc =
        roxmltree::Document::parse(&xml).with_context(|| format!("parsing {}", path.display()))?;
    let mut out = Vec::new();
    for article in doc.descendants().filter(|n| n.has_tag_name("article")) {
        let text = text_of(article, "text").unwrap_or_default();
        let chars: Vec<char> = text.chars().collect();
        let mut toponyms = Vec::new();
        for t in article
            .descendants()
            .filter(|n| n.has_tag_name("toponym") || n.has_tag_name("location"))
        {
            let num = |tag: &str| text_of(t, tag).and_then(|s| s.trim().parse::<usize>().ok());
            let (Some(start), Some(end)) = (num("start"), num("end")) else {
                continue;
            };
            let phrase = text_of(t, "phrase")
                .or_else(|| text_of(t, "name"))
                .unwrap_or_default();
            let coord = |tag: &str| {
                t.descendants()
                    .find(|c| c.has_tag_name(tag))
                    .and_then(|c| c.text())
                    .and_then(|s| s.trim().parse::<f64>().ok())
            };
            let at = coord("lat").zip(coord("lon"));
            let shift = [0isize, -1, -2, 1, 2].into_iter().find(|&d| {
                let (s, e) = (start as isize + d, end as isize + d);
                s >= 0 && slice(&chars, s as usize, e as usize).as_deref() == Some(phrase.as_str())
            });
            let d = shift.unwrap_or(0);
            let (s, e) = (
                (start as isize + d).max(0) as usize,
                (end as isize + d).max(0) as usize,
            );
            toponyms.push(Toponym {
                start: s,
                end: e,
                at,
            });
        }
        out.push(GoldArticle { text, toponyms });
    }
    Ok(out)
}

/// Code-point offsets of the `nth` occurrence of `needle` in `hay`.
fn nth_occurrence(hay: &str, needle: &str, nth: usize) -> Option<(usize, usize)> {
    let (byte, _) = hay.match_indices(needle).nth(nth)?;
    let start = hay[..byte].chars().count();
    Some((start, start + needle.chars().count()))
}

/// Our toponyms for one article, in code points of the original text, and the other entities'
/// mentions (kind, span) for the miss dump.
fn predict(pipeline: &Pipeline, text: &str) -> (Vec<Toponym>, Vec<(EntityKind, usize, usize)>) {
    toponyms(&pipeline.run(Article::text("geo-eval", text)), text)
}

/// The toponyms of a record of `text` (see [`predict`]).
fn toponyms(record: &Record, text: &str) -> (Vec<Toponym>, Vec<(EntityKind, usize, usize)>) {
    let mut out = Vec::new();
    let mut others = Vec::new();
    for e in record.entities.iter().flatten() {
        for &[s, end] in &e.mentions {
            let Some(surface) = record.text.get(s..end) else {
                continue;
            };
            let nth = record.text[..s].matches(surface).count();
            let Some((start, end)) = nth_occurrence(text, surface, nth) else {
                continue;
            };
            if e.kind == EntityKind::Location {
                out.push(Toponym {
                    start,
                    end,
                    at: e.geo.as_ref().map(|g| (g.lat, g.lon)),
                });
            } else {
                others.push((e.kind, start, end));
            }
        }
    }
    (out, others)
}

/// With `SITREP_GEO_MISSES` set, one line per miss on stderr (tab-separated: kind, corpus,
/// article, surface, what covers it, context): `FN` gold toponyms we missed, `FP` our toponyms
/// the gold lacks, `FAR` points over 161 km off (with km, gold and our point), `UNRES` matched
/// toponyms we left unresolved. For reading errors, not for scores.
fn dump_misses(
    name: &str,
    gold: &[GoldArticle],
    predicted: &[Vec<Toponym>],
    others: &[Vec<(EntityKind, usize, usize)>],
) {
    if std::env::var_os("SITREP_GEO_MISSES").is_none() {
        return;
    }
    let mut out = String::new();
    for (a, (g, p)) in gold.iter().zip(predicted).enumerate() {
        let chars: Vec<char> = g.text.chars().collect();
        let context = |s: usize, e: usize| -> String {
            let from = s.saturating_sub(40);
            let to = (e + 40).min(chars.len());
            let show = |x: usize, y: usize| {
                slice(&chars, x, y)
                    .unwrap_or_default()
                    .replace(['\n', '\t', '\r'], " ")
            };
            format!("{}[{}]{}", show(from, s), show(s, e), show(e, to))
        };
        let cover = |s: usize, e: usize| -> String {
            others
                .get(a)
                .into_iter()
                .flatten()
                .filter(|&&(_, x, y)| x < e && s < y)
                .map(|&(k, x, y)| format!("{k:?}:{}", slice(&chars, x, y).unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("|")
        };
        let mut used = vec![false; p.len()];
        for t in &g.toponyms {
            let surface = slice(&chars, t.start, t.end)
                .unwrap_or_default()
                .replace(['\n', '\t', '\r'], " ");
            let Some(j) =
                (0..p.len()).find(|&j| !used[j] && p[j].start < t.end && t.start < p[j].end)
            else {
                out += &format!(
                    "FN\t{name}\t{a}\t{surface}\t{}\t{}\n",
                    cover(t.start, t.end),
                    context(t.start, t.end)
                );
                continue;
            };
            used[j] = true;
            match (t.at, p[j].at) {
                (Some(want), Some(got)) if km(want, got) > 161.0 => {
                    out += &format!(
                        "FAR\t{name}\t{a}\t{surface}\t{:.0} km gold {:.2},{:.2} ours {:.2},{:.2}\t{}\n",
                        km(want, got),
                        want.0,
                        want.1,
                        got.0,
                        got.1,
                        context(t.start, t.end)
                    );
                }
                (Some(_), None) => {
                    out += &format!(
                        "UNRES\t{name}\t{a}\t{surface}\t\t{}\n",
                        context(t.start, t.end)
                    )
                }
                _ => {}
            }
        }
        for q in p.iter().zip(&used).filter(|&(_, &u)| !u).map(|(q, _)| q) {
            let surface = slice(&chars, q.start, q.end)
                .unwrap_or_default()
                .replace(['\n', '\t', '\r'], " ");
            let at =
                q.at.map_or(String::new(), |(la, lo)| format!("{la:.2},{lo:.2}"));
            out += &format!(
                "FP\t{name}\t{a}\t{surface}\t{at}\t{}\n",
                context(q.start, q.end)
            );
        }
    }
    eprint!("{out}");
}

fn score<'a>(
    name: &str,
    gold: impl IntoIterator<Item = &'a GoldArticle>,
    predicted: impl IntoIterator<Item = &'a Vec<Toponym>>,
) -> CorpusRow {
    let mut row = CorpusRow {
        name: name.to_string(),
        ..Default::default()
    };
    let mut errors = Vec::new();
    for (g, p) in gold.into_iter().zip(predicted) {
        row.articles += 1;
        row.gold += g.toponyms.len();
        row.predicted += p.len();
        let mut used = vec![false; p.len()];
        for t in &g.toponyms {
            let Some(j) =
                (0..p.len()).find(|&j| !used[j] && p[j].start < t.end && t.start < p[j].end)
            else {
                continue;
            };
            used[j] = true;
            row.matched += 1;
            if let Some(want) = t.at {
                row.with_point += 1;
                if let Some(got) = p[j].at {
                    row.resolved += 1;
                    let d = km(want, got);
                    row.within_161 += usize::from(d <= 161.0);
                    errors.push(d);
                }
            }
        }
    }
    errors.sort_by(f64::total_cmp);
    row.median_km = errors.get(errors.len() / 2).copied();
    row
}

fn read_predictions(path: &Path) -> Result<HashMap<(String, usize), Vec<Toponym>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut out: HashMap<(String, usize), Vec<Toponym>> = HashMap::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 6 {
            continue;
        }
        let (Ok(article), Ok(start), Ok(end)) = (f[1].parse(), f[2].parse(), f[3].parse()) else {
            continue;
        };
        let at = f[4].parse().ok().zip(f[5].parse().ok());
        out.entry((f[0].to_string(), article))
            .or_default()
            .push(Toponym { start, end, at });
    }
    Ok(out)
}

fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? * 1024)
}

/// Scores the pipeline on `dir/Corpora/*` (`dir`: the geoparsing data folder).
pub fn evaluate(dir: &Path) -> Result<Report> {
    evaluate_with(dir, None)
}

/// As [`evaluate`], scoring another tool's predictions file instead when given.
pub fn evaluate_with(dir: &Path, predictions: Option<&Path>) -> Result<Report> {
    let rss_before = rss_bytes();
    let started = Instant::now();
    let _ = geo::resolve("Paris", &geo::Context::new());
    let load = started.elapsed();
    let load_rss_bytes = rss_bytes()
        .zip(rss_before)
        .map(|(a, b)| a.saturating_sub(b));
    let peer = predictions.map(read_predictions).transpose()?;
    let pipeline = Pipeline::standard();
    let mut rows = Vec::new();
    let mut held = Vec::new();
    let mut names = Vec::new();
    for (name, file) in CORPORA {
        let gold = read_corpus(&dir.join("Corpora").join(file))?;
        let (predicted, others): (Vec<Vec<Toponym>>, Vec<_>) = match &peer {
            Some(p) => (0..gold.len())
                .map(|i| {
                    (
                        p.get(&(name.to_string(), i)).cloned().unwrap_or_default(),
                        Vec::new(),
                    )
                })
                .unzip(),
            None => gold.par_iter().map(|g| predict(&pipeline, &g.text)).unzip(),
        };
        dump_misses(name, &gold, &predicted, &others);
        for (g, p) in gold.iter().zip(&predicted) {
            let chars: Vec<char> = g.text.chars().collect();
            names.extend(p.iter().filter_map(|t| slice(&chars, t.start, t.end)));
        }
        rows.push(score(name, &gold, &predicted));
        if peer.is_none() {
            let odd = |i: &usize| held_out(*i);
            held.push(score(
                name,
                gold.iter().enumerate().filter(|(i, _)| odd(i)).map(|x| x.1),
                predicted
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| odd(i))
                    .map(|x| x.1),
            ));
        }
    }
    Ok(Report {
        rows,
        held_out: held,
        source: predictions.map_or("sitrep".to_string(), |p| p.display().to_string()),
        load,
        load_rss_bytes,
        resolves_per_second: resolve_rate(&names),
    })
}

/// Single-thread resolutions per second over the predicted surface forms, in the context of a
/// typical article (a few countries and a division), repeated to run at least half a second.
fn resolve_rate(names: &[String]) -> f64 {
    if names.is_empty() {
        return 0.0;
    }
    let mut ctx = geo::Context::new();
    ctx.add_country("US", 3);
    ctx.add_country("GB", 1);
    ctx.add_admin1("US", "CA");
    let started = Instant::now();
    let mut done = 0usize;
    let mut found = 0usize;
    while started.elapsed() < Duration::from_millis(500) {
        for n in names {
            found += usize::from(geo::resolve(n, &ctx).is_some());
        }
        done += names.len();
    }
    std::hint::black_box(found);
    done as f64 / started.elapsed().as_secs_f64()
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "geoparsing: {} (toponyms by span overlap; points on matched toponyms with gold coordinates)",
            self.source
        )?;
        let header = format!(
            "{:<9} {:>8} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>10} {:>11}",
            "corpus",
            "articles",
            "gold",
            "predicted",
            "precision",
            "recall",
            "resolved",
            "acc@161",
            "acc@161all",
            "median km"
        );
        writeln!(f, "{header}")?;
        write_rows(f, &self.rows)?;
        if !self.held_out.is_empty() {
            writeln!(
                f,
                "odd-numbered articles only (never seen by `cargo xtask train geo`):\n{header}"
            )?;
            write_rows(f, &self.held_out)?;
        }
        writeln!(
            f,
            "resolved: share of matched toponyms with a gold point that got one; acc@161: within 161 km among those; acc@161all: counting unresolved as wrong"
        )?;
        writeln!(
            f,
            "gazetteer load: {:.0} ms, RSS +{}; resolve: {:.0} mentions/s on one core",
            self.load.as_secs_f64() * 1e3,
            self.load_rss_bytes
                .map_or("unknown".to_string(), |b| format!(
                    "{:.1} MB",
                    b as f64 / 1e6
                )),
            self.resolves_per_second
        )
    }
}

fn write_rows(f: &mut fmt::Formatter<'_>, rows: &[CorpusRow]) -> fmt::Result {
    for r in rows {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        writeln!(
            f,
            "{:<9} {:>8} {:>6} {:>9} {:>9.3} {:>9.3} {:>9.3} {:>9.3} {:>10.3} {:>11}",
            r.name,
            r.articles,
            r.gold,
            r.predicted,
            ratio(r.matched, r.predicted),
            ratio(r.matched, r.gold),
            ratio(r.resolved, r.with_point),
            ratio(r.within_161, r.resolved),
            ratio(r.within_161, r.with_point),
            r.median_km.map_or("-".to_string(), |m| format!("{m:.1}")),
        )?;
    }
    Ok(())
}

/// What a wrong point costs against a right one in tuning: a wrong point misleads, a missing
/// one only leaves a reader to look.
const WRONG_COST: f64 = 1.0;

/// Where tuning starts: the weights as first set by hand (the proximity and division weights a first guess).
const START: &str = "country\t55\nregion\t60\nadmin1\t30\nadmin2\t10\ncapital\t40\n\
    division_seat\t12\nlower_seat\t6\npopulation\t6\nin_named_country\t30\n\
    per_country_mention\t2\nin_named_division\t35\nholds_named_places\t10\n\
    in_shared_division\t15\nnear_named_places\t20\nnear_km\t50\nnamed_country\t10\n\
    own_name\t8\nmin_score\t32\nmargin\t6\n";

/// Chooses the resolver's weights on the tuning articles (not [`held_out`]) of the three
/// corpora, starting from [`START`], by coordinate ascent on the mean over corpora of
/// (points within 161 km − WRONG_COST × points farther) / matched toponyms with a gold point,
/// and writes them to `output`. Deterministic: the same data gives the same file.
pub fn tune(dir: &Path, output: &Path) -> Result<String> {
    let pipeline = Pipeline::standard();
    let stages = pipeline.stages();
    let geo_at = stages
        .iter()
        .position(|s| s.name() == "geo")
        .context("the pipeline has no geo stage")?;
    let mut sets: Vec<(Vec<GoldArticle>, Vec<Document>)> = Vec::new();
    for (_, file) in CORPORA {
        let gold: Vec<GoldArticle> = read_corpus(&dir.join("Corpora").join(file))?
            .into_iter()
            .enumerate()
            .filter(|(i, _)| !held_out(*i))
            .map(|(_, g)| g)
            .collect();
        let docs = gold
            .par_iter()
            .map(|g| {
                let mut doc = pipeline.document(Article::text("geo-eval", &g.text));
                for stage in &stages[..geo_at] {
                    stage.run(&mut doc);
                }
                doc
            })
            .collect();
        sets.push((gold, docs));
    }
    let utility = |w: &Weights| -> f64 {
        let stage = geo::Places::with_weights(w.clone());
        let per_corpus = sets.iter().map(|(gold, docs)| {
            let predicted: Vec<Vec<Toponym>> = docs
                .par_iter()
                .zip(gold)
                .map(|(doc, g)| {
                    let mut doc = doc.clone();
                    stage.run(&mut doc);
                    toponyms(&doc.record, &g.text).0
                })
                .collect();
            let row = score("", gold, &predicted);
            let wrong = row.resolved - row.within_161;
            (row.within_161 as f64 - WRONG_COST * wrong as f64) / row.with_point.max(1) as f64
        });
        per_corpus.sum::<f64>() / sets.len() as f64
    };
    let mut best = Weights::parse(START).map_err(anyhow::Error::msg)?;
    let start = utility(&best);
    let mut best_utility = start;
    for round in 1..=12 {
        let before = best_utility;
        for name in Weights::NAMES {
            let value = best.get(name).unwrap_or_default();
            let tries = [0.5, 0.75, 0.9, 1.1, 1.25, 1.5, 2.0]
                .map(|f| value * f)
                .into_iter()
                .chain([-10.0, -3.0, 3.0, 10.0].map(|d| value + d));
            // Rounded, so the file written holds exactly the weights measured.
            for v in tries.map(|v| (v * 1e4).round() / 1e4) {
                let mut w = best.clone();
                *w.get_mut(name).expect("a listed weight") = v;
                let u = utility(&w);
                if u > best_utility + 1e-9 {
                    (best, best_utility) = (w, u);
                }
            }
        }
        eprintln!("round {round}: utility {best_utility:.4}");
        if best_utility <= before + 1e-9 {
            break;
        }
    }
    let header = format!(
        "Weights of the place resolver (crates/core/src/geo/weights.rs), chosen by `cargo xtask train geo`\n\
         on the even-numbered articles of LGL, TR-News and GeoVirus: utility {best_utility:.4} (from {start:.4}),\n\
         the mean over corpora of (points within 161 km - {WRONG_COST} x points farther) / toponyms with a gold point."
    );
    std::fs::write(output, best.to_tsv(&header))
        .with_context(|| format!("writing {}", output.display()))?;
    Ok(format!(
        "wrote {}: tuning utility {start:.4} -> {best_utility:.4}",
        output.display()
    ))
}
