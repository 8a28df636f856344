//! `cargo xtask bench-db`: ingest speed, size on disk and query latency on >= 10,000 generated
//! articles.
//!
//! Articles are made from the bundled samples: each joins runs of paragraphs from three
//! samples under a new id, outlet and date, and one in ten is a near-copy of the one before (a wire
//! story republished). Ingest is timed twice: end to end (extraction + store, what `sitrep
//! ingest` does) and store only (the extracted records written again into a fresh database).
//! While the events stage is not in the pipeline the records carry no events; the store-only
//! pass then gives each record 1–3 synthetic events built from its own entities, so event
//! merging and event queries are measured on realistic volumes. The report says so.

use crate::args::BenchDbArgs;
use anyhow::Context;
use rayon::prelude::*;
use sitrep_cli::progress::Progress;
use sitrep_core::ingest::{ReadOptions, read_inputs};
use sitrep_core::record::{EntityKind, Event};
use sitrep_core::runner;
use sitrep_core::{Pipeline, Record};
use sitrep_store::{EventFilter, Near, Prepared, Store};
use std::fmt::Write as _;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(args: BenchDbArgs) -> anyhow::Result<ExitCode> {
    runner::start_threads(None)?;
    let temp = tempfile::tempdir().context("making a temporary folder")?;
    let dir = match &args.dir {
        Some(dir) => {
            std::fs::create_dir_all(dir)?;
            for db in ["full.db", "store.db"] {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(dir.join(format!("{db}{suffix}")));
                }
            }
            dir.clone()
        }
        None => temp.path().to_path_buf(),
    };
    let samples = read_samples(&args.samples)?;
    anyhow::ensure!(
        !samples.is_empty(),
        "no sample articles under {}",
        args.samples.display()
    );
    let input = dir.join("articles.jsonl");
    let words = generate(&samples, args.articles, &input)?;
    eprintln!(
        "generated {} articles ({:.1} M words) from {} samples",
        args.articles,
        words as f64 / 1e6,
        samples.len()
    );

    // End to end: extraction and store, as `sitrep ingest` runs.
    let pipeline = Pipeline::standard();
    let mut progress = Progress::new(false);
    let started = Instant::now();
    let full_cpu_before = cpu_seconds();
    let done = sitrep_cli::ingest::ingest(
        &dir.join("full.db"),
        &[input],
        50 * 1024 * 1024,
        runner::BATCH,
        &pipeline,
        &mut progress,
    )?;
    let full_secs = started.elapsed().as_secs_f64();
    let full_cpu = cpu_seconds()
        .zip(full_cpu_before)
        .map(|(after, before)| after - before);
    progress.bar.finish_and_clear();
    let full = done.report;

    // Store only: the same records into a fresh database, with events where there are none.
    let mut records = done.store.records()?;
    drop(done);
    let had_events = records.iter().any(|r| r.events.is_some());
    if !had_events {
        records.iter_mut().for_each(synthetic_events);
    }
    let n = records.len();
    let mut store = Store::open(dir.join("store.db"))?;
    let started = Instant::now();
    let cpu_before = cpu_seconds();
    let mut report = sitrep_store::IngestReport::default();
    let mut records = records.into_iter();
    loop {
        let chunk: Vec<Record> = records.by_ref().take(runner::BATCH).collect();
        if chunk.is_empty() {
            break;
        }
        let prepared = chunk
            .into_par_iter()
            .map(Prepared::new)
            .collect::<Result<Vec<_>, _>>()?;
        report += store.insert(prepared)?;
    }
    let store_secs = started.elapsed().as_secs_f64();
    let store_cpu = cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    store.checkpoint()?;
    let bytes = store.disk_bytes();

    let mut out = String::new();
    let threads = rayon::current_num_threads();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().next().unwrap_or("?");
    let _ = writeln!(
        out,
        "cargo xtask bench-db: {} articles, {} threads (load average {load} at the end)",
        args.articles, threads
    );
    let _ = writeln!(
        out,
        "ingest, end to end (extraction + store): {:>8.0} articles/s  ({:.1} s; {} stored, {} near-copies linked)",
        full.added as f64 / full_secs,
        full_secs,
        full.added,
        full.near_duplicates
    );
    let _ = writeln!(
        out,
        "ingest, store only (prepare + write):    {:>8.0} articles/s  ({:.1} s; {} events new, {} reports merged{})",
        n as f64 / store_secs,
        store_secs,
        report.events_new,
        report.events_merged,
        if had_events {
            ""
        } else {
            "; events synthetic: the pipeline has no events stage yet"
        }
    );
    // Wall-clock rates depend on what else the machine runs; CPU time per article does not.
    if let (Some(full_cpu), Some(store_cpu)) = (full_cpu, store_cpu) {
        let per = |cpu: f64| cpu * 1000.0 / n as f64;
        let _ = writeln!(
            out,
            "CPU per article (all threads): {:.2} ms end to end; {:.2} ms for the store-only pass, events included",
            per(full_cpu),
            per(store_cpu),
        );
        let _ = writeln!(
            out,
            "=> on {threads} otherwise idle cores: about {:.0} articles/s end to end, {:.0} store only",
            threads as f64 * n as f64 / full_cpu,
            n as f64 / store_cpu
        );
    }
    let _ = writeln!(
        out,
        "database: {} bytes, {:.0} bytes/article (text {:.0} bytes/article)",
        bytes,
        bytes as f64 / n as f64,
        words_bytes(&store)? / n as f64
    );
    let _ = writeln!(out, "query latency over {} runs each (ms):", args.queries);
    for (name, times) in time_queries(&store, args.queries)? {
        let _ = writeln!(
            out,
            "  {name:<48} p50 {:>7.2}  p99 {:>7.2}",
            percentile(&times, 0.50),
            percentile(&times, 0.99)
        );
    }
    sitrep_cli::output::print_line(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// CPU time of this process so far (user + system, all threads), where /proc tells it.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn words_bytes(store: &Store) -> anyhow::Result<f64> {
    let mut total = 0usize;
    store.for_each_record(|r| total += r.text.len())?;
    Ok(total as f64)
}

struct Sample {
    title: Option<String>,
    paragraphs: Vec<String>,
}

fn read_samples(path: &std::path::Path) -> anyhow::Result<Vec<Sample>> {
    let mut samples = Vec::new();
    for article in read_inputs(
        &[path.to_path_buf()],
        &ReadOptions {
            max_bytes: 50 * 1024 * 1024,
        },
    )
    .flatten()
    {
        let text = article.body.as_str();
        let mut paragraphs: Vec<String> = text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect();
        if paragraphs.len() < 3 {
            // One block of text: sentences stand in for paragraphs.
            paragraphs = text
                .split_inclusive(". ")
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect();
        }
        if !paragraphs.is_empty() {
            samples.push(Sample {
                title: article.title,
                paragraphs,
            });
        }
    }
    Ok(samples)
}

/// Writes `count` synthetic articles as JSONL; returns their words.
fn generate(samples: &[Sample], count: usize, path: &std::path::Path) -> anyhow::Result<usize> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let start = jiff::civil::date(2022, 1, 1);
    let mut words = 0;
    let mut previous: Option<(String, String)> = None;
    for i in 0..count {
        let day = start.checked_add(jiff::Span::new().days(((i * 37) % 700) as i64))?;
        let outlet = format!("outlet{}.example", i % 40);
        let (title, text) = match previous.take() {
            Some((title, text)) if i % 10 == 9 => (
                format!("{title} | {outlet}"),
                format!("{text}\n\n(Republished by {outlet}; reporting by staff {i}.)"),
            ),
            _ => {
                // Runs of paragraphs from three samples picked by a hash of `i`: two articles
                // rarely share more than one run, so they are different stories to the
                // near-duplicate test, as different outlets' reports are.
                let mut paragraphs: Vec<&str> = Vec::new();
                for k in 0..3 {
                    let pick = mix(i as u64 * 3 + k);
                    let sample = &samples[(pick % samples.len() as u64) as usize];
                    let len = sample.paragraphs.len();
                    let take = len.div_ceil(2);
                    let from = (pick >> 32) as usize % (len - take + 1);
                    paragraphs.extend(
                        sample.paragraphs[from..from + take]
                            .iter()
                            .map(String::as_str),
                    );
                }
                let base = &samples[(mix(i as u64 * 3) % samples.len() as u64) as usize];
                let title = format!("{} ({})", base.title.as_deref().unwrap_or("Report"), i);
                (title, paragraphs.join("\n\n"))
            }
        };
        words += text.split_whitespace().count();
        let line = serde_json::json!({
            "id": format!("synthetic-{i}"),
            "url": format!("https://www.{outlet}/news/{i}"),
            "title": title,
            "published": day.to_string(),
            "text": text,
        });
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
        previous = Some((title, text));
    }
    out.flush()?;
    Ok(words)
}

/// SplitMix64's finalizer: a well-spread pseudo-random number from a counter.
fn mix(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One to three events between the record's own actors at its first place, dated on its
/// publication day: the shape the events stage gives, for measuring merging and queries.
fn synthetic_events(record: &mut Record) {
    const TYPES: [(&str, &str); 5] = [
        ("ASSAULT", "190"),
        ("PROTEST", "141"),
        ("ACCUSE", "112"),
        ("CONSULT", "040"),
        ("AID", "070"),
    ];
    let entities = record.entities.as_deref().unwrap_or(&[]);
    let actors: Vec<&str> = entities
        .iter()
        .filter(|e| e.kind != EntityKind::Location && (e.actor.is_some() || e.country.is_some()))
        .map(|e| e.id.as_str())
        .collect();
    let place = entities
        .iter()
        .find(|e| e.geo.is_some())
        .map(|e| e.id.clone());
    let hash = record
        .id
        .bytes()
        .fold(7usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
    let first_sentence = record.sentences.first().copied().unwrap_or([0, 0]);
    let events = (0..1 + hash % 3)
        .map(|k| {
            let (plover, cameo) = TYPES[(hash / 3 + k) % TYPES.len()];
            Event {
                id: format!("v{k}"),
                plover: plover.into(),
                cameo: Some(cameo.into()),
                source: actors.get(k).map(|s| s.to_string()),
                target: actors.get(k + 1).map(|s| s.to_string()),
                source_actor: None,
                target_actor: None,
                date: record.published.clone(),
                place: place.clone(),
                mode: None,
                fatalities: (plover == "ASSAULT").then_some((hash % 60) as u64),
                background: false,
                future: false,
                evidence: vec![first_sentence],
                confidence: 0.5,
            }
        })
        .collect();
    record.events = Some(events);
}

type Timings = Vec<(String, Vec<f64>)>;

fn time_queries(store: &Store, runs: usize) -> anyhow::Result<Timings> {
    let types = ["ASSAULT", "PROTEST", "ACCUSE", "CONSULT", "AID"];
    let summary = store.summary(20)?;
    let actors: Vec<String> = summary.top_actors.iter().map(|(a, _)| a.clone()).collect();
    let sample_events = store.merged_events(&EventFilter {
        limit: Some(200),
        ..Default::default()
    })?;
    let places: Vec<(f64, f64)> = sample_events
        .iter()
        .filter_map(|e| e.place.as_ref().map(|p| (p.lat, p.lon)))
        .collect();
    let countries = ["US", "GB", "CN", "FR", "AU", "IN", "CA", "DE"];
    let searches = [
        "ebola outbreak",
        "health officials",
        "vaccine",
        "flu virus",
        "hospital patients",
        "\"world health organization\"",
    ];
    let mut ids = Vec::new();
    store.for_each_record(|r| ids.push(r.id))?;
    let pick = |list_len: usize, i: usize| (i * 7 + 3) % list_len.max(1);

    let mut timings: Timings = Vec::new();
    let mut time =
        |name: &str, f: &mut dyn FnMut(usize) -> anyhow::Result<usize>| -> anyhow::Result<()> {
            let mut times = Vec::with_capacity(runs);
            let mut rows = 0;
            for i in 0..runs {
                let started = Instant::now();
                rows += f(i)?;
                times.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            timings.push((
                format!("{name} [{:.0} rows]", rows as f64 / runs as f64),
                times,
            ));
            Ok(())
        };
    let events =
        |filter: EventFilter| -> anyhow::Result<usize> { Ok(store.merged_events(&filter)?.len()) };
    time("events --type T --limit 100", &mut |i| {
        events(EventFilter {
            plover: Some(types[i % types.len()].into()),
            limit: Some(100),
            ..Default::default()
        })
    })?;
    time("events --actor A --since D --limit 100", &mut |i| {
        let actor = actors.get(pick(actors.len(), i)).cloned();
        let since = format!("2022-{:02}-01", 1 + i % 12);
        events(EventFilter {
            actor,
            since: Some(since),
            limit: Some(100),
            ..Default::default()
        })
    })?;
    time("events --country C --limit 100", &mut |i| {
        events(EventFilter {
            country: Some(countries[i % countries.len()].into()),
            limit: Some(100),
            ..Default::default()
        })
    })?;
    time("events --near LAT,LON,300 --limit 100", &mut |i| {
        let (lat, lon) = places
            .get(pick(places.len(), i))
            .copied()
            .unwrap_or((0.0, 0.0));
        events(EventFilter {
            near: Some(Near {
                lat,
                lon,
                km: 300.0,
            }),
            limit: Some(100),
            ..Default::default()
        })
    })?;
    time("events --type T --since D --until D+1m (all)", &mut |i| {
        let month = 1 + i % 12;
        events(EventFilter {
            plover: Some(types[i % types.len()].into()),
            since: Some(format!("2022-{month:02}")),
            until: Some(format!("2022-{month:02}")),
            ..Default::default()
        })
    })?;
    time("search WORDS --limit 20", &mut |i| {
        Ok(store.search(searches[i % searches.len()], 20)?.len())
    })?;
    time("entities --kind person --limit 50", &mut |_| {
        Ok(store.entities(Some("person"), 50)?.len())
    })?;
    time("article ID", &mut |i| {
        Ok(store
            .article(&ids[pick(ids.len(), i * 13)])?
            .map_or(0, |_| 1))
    })?;
    Ok(timings)
}

fn percentile(times: &[f64], q: f64) -> f64 {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted.get(i).copied().unwrap_or(0.0)
}
