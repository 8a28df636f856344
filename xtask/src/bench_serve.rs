//! `cargo xtask bench-serve`: many concurrent clients against the API, throughput and latency.

use crate::args::BenchServeArgs;
use sitrep_cli::serve::{Pool, answer_cache, spawn_on_loopback};
use sitrep_store::EventFilter;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub fn run(args: BenchServeArgs) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(
        args.requests > 0 && args.connections > 0,
        "--requests and --connections must be at least 1"
    );
    let store = sitrep_cli::query::open(&args.db)?;
    let queries = queries(&store)?;
    let events = store.count_events(&EventFilter::default())?;
    let cache = answer_cache(&args.db.db, !args.no_cache)?;
    let addr = spawn_on_loopback(Arc::new(Pool::new(store)), cache.clone())?;
    let base = format!("http://{addr}");

    let next = AtomicUsize::new(0);
    let latencies = Mutex::new(Vec::with_capacity(args.requests));
    let errors = Mutex::new(Vec::new());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..args.connections {
            scope.spawn(|| {
                // One agent per client: its connection is kept alive between requests.
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(30)))
                    .build()
                    .into();
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= args.requests {
                        break;
                    }
                    let url = format!("{base}{}", queries[i % queries.len()]);
                    let sent = Instant::now();
                    let outcome = agent.get(&url).call().and_then(|mut response| {
                        let status = response.status();
                        response
                            .body_mut()
                            .read_to_string()
                            .map(|body| (status, body))
                    });
                    mine.push(sent.elapsed());
                    match outcome {
                        Ok((status, _)) if status == 200 => {}
                        Ok((status, body)) => lock(&errors).push(format!("{url}: {status} {body}")),
                        Err(err) => lock(&errors).push(format!("{url}: {err}")),
                    }
                }
                lock(&latencies).extend(mine);
            });
        }
    });
    let elapsed = started.elapsed();
    let mut latencies = latencies.into_inner().unwrap_or_else(|e| e.into_inner());
    let errors = errors.into_inner().unwrap_or_else(|e| e.into_inner());
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "bench-serve: {} requests over {} connections to filtered /api/events ({} query shapes, {events} events in {}; {})\n  \
         throughput {:.0} requests/s ({:.2} s)\n  latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms\n  errors {}",
        latencies.len(),
        args.connections,
        queries.len(),
        args.db.db.display(),
        match cache.as_ref().map(|c| c.hits_and_misses()) {
            None => "no answer cache".to_string(),
            Some((hits, misses)) =>
                format!("answer cache: {hits} answered from memory, {misses} from the database"),
        },
        latencies.len() as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(at(1.0)),
        errors.len(),
    );
    for error in errors.iter().take(5) {
        eprintln!("  {error}");
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Filtered `/api/events` queries made from the database's own events, so that each finds
/// something: by type, actor and month, country, nearness, month range and text.
fn queries(store: &sitrep_store::Store) -> anyhow::Result<Vec<String>> {
    let sample = store.merged_events(&EventFilter {
        limit: Some(200),
        ..Default::default()
    })?;
    anyhow::ensure!(!sample.is_empty(), "the database holds no events to query");
    let encode = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    let mut queries = Vec::new();
    for event in &sample {
        let month = event.date.as_deref().and_then(|d| d.get(..7));
        queries.push(format!("/api/events?type={}", event.plover));
        if let Some(code) = event
            .source
            .as_ref()
            .and_then(|a| a.code.as_deref())
            .and_then(|c| c.get(..3))
        {
            let since = month.map(|m| format!("&since={m}")).unwrap_or_default();
            queries.push(format!("/api/events?actor={}{since}", encode(code)));
        }
        if let Some(place) = &event.place {
            if let Some(country) = &place.country_code {
                queries.push(format!("/api/events?country={country}&limit=50"));
            }
            queries.push(format!(
                "/api/events?near={:.3},{:.3},200",
                place.lat, place.lon
            ));
        }
        if let Some(month) = month {
            queries.push(format!(
                "/api/events?type={}&since={month}&until={month}",
                event.plover
            ));
        }
        let word = event.evidence.first().and_then(|e| {
            e.text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.len() >= 6)
                .nth(1)
        });
        if let Some(word) = word {
            queries.push(format!("/api/events?q={}&limit=20", encode(word)));
        }
    }
    Ok(queries)
}
