//! Answers of the read API kept in memory until the database changes.
//!
//! The page asks the same questions again and again (the list, the map's points and the
//! timeline on every filter change, back and forth, and every analyst opening a shared view),
//! and between two ingests their answers cannot change. Each request first asks SQLite whether
//! anyone has committed since (`PRAGMA data_version` on a connection of the cache's own, a few
//! microseconds); if so, everything kept is dropped.

use super::api::JsonBody;
use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sitrep_store::Store;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// All answers kept, in bytes: past it, everything is dropped and the cache fills again.
const MAX_BYTES: usize = 64 << 20;
/// An answer larger than this is not kept (a whole map of a large database).
const MAX_ANSWER: usize = 8 << 20;

pub struct ResponseCache {
    /// Asked for the data version only; never reads data.
    watcher: Mutex<Store>,
    kept: Mutex<Kept>,
    hits: AtomicU64,
    misses: AtomicU64,
}

#[derive(Default)]
struct Kept {
    version: Option<i64>,
    bytes: usize,
    answers: HashMap<String, Bytes>,
}

impl ResponseCache {
    pub fn new(watcher: Store) -> ResponseCache {
        ResponseCache {
            watcher: Mutex::new(watcher),
            kept: Mutex::new(Kept::default()),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// Requests answered from memory and from the database so far.
    pub fn hits_and_misses(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    /// The answer kept for `key`, after dropping everything if the database has changed; and
    /// the data version it was asked under.
    fn get(&self, key: &str) -> (Option<Bytes>, Option<i64>) {
        let version = self
            .watcher
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .data_version()
            .ok();
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if version.is_none() || kept.version != version {
            *kept = Kept {
                version,
                ..Kept::default()
            };
            return (None, version);
        }
        (kept.answers.get(key).cloned(), version)
    }

    /// Keeps `answer`, computed after the database was seen at `version`, unless it has changed
    /// since (the answer may then be older than what was committed).
    fn put(&self, key: String, answer: Bytes, version: Option<i64>) {
        let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        if version.is_none() || kept.version != version || answer.len() > MAX_ANSWER {
            return;
        }
        if kept.bytes + answer.len() > MAX_BYTES {
            kept.answers.clear();
            kept.bytes = 0;
        }
        kept.bytes += answer.len();
        if let Some(old) = kept.answers.insert(key, answer) {
            kept.bytes -= old.len();
        }
    }
}

/// Middleware: a kept answer when there is one, else the handler's, kept when it is a 200.
pub async fn cached(
    State(cache): State<Arc<ResponseCache>>,
    request: Request,
    next: Next,
) -> Response {
    let key = request.uri().to_string();
    let (kept, version) = cache.get(&key);
    if let Some(answer) = kept {
        cache.hits.fetch_add(1, Ordering::Relaxed);
        return JsonBody(answer).into_response();
    }
    cache.misses.fetch_add(1, Ordering::Relaxed);
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    // The handlers' answers are whole in memory already: this takes them, it does not wait.
    let (parts, body) = response.into_parts();
    match to_bytes(body, usize::MAX).await {
        Ok(bytes) => {
            cache.put(key, bytes.clone(), version);
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(err) => (StatusCode::INTERNAL_SERVER_ERROR, err.to_string()).into_response(),
    }
}
