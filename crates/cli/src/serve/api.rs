//! The JSON API: merged events, their points and timeline, articles, entities, search.
//! `openapi.json` beside this file describes it; a test checks the two name the same paths.

use super::Pool;
use super::assets;
use super::cache::{self, ResponseCache};
use crate::args::{parse_near, parse_plover, parse_published};
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sitrep_store::model::EventPoint;
use sitrep_store::{EntityRow, EventFilter, SearchHit, Store};
use std::sync::Arc;

/// Events per page when no limit is asked for, and the most a page may hold.
const DEFAULT_PAGE: usize = 100;
const MAX_PAGE: usize = 1000;
/// Points for the map: every placed event up to this many, most recent first past it.
const MAX_POINTS: usize = 100_000;
const MAX_HITS: usize = 200;

const OPENAPI: &str = include_str!("openapi.json");

/// The API and the page. With a `cache`, answers are kept until the database changes.
pub fn router(pool: Arc<Pool>, cache: Option<Arc<ResponseCache>>) -> Router {
    let mut api = Router::new()
        .route("/api/summary", get(summary))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/points", get(points))
        .route("/api/timeline", get(timeline))
        .route("/api/articles/{id}", get(article))
        .route("/api/entities", get(entities))
        .route("/api/search", get(search))
        .with_state(pool);
    if let Some(cache) = cache {
        api = api.layer(axum::middleware::from_fn_with_state(cache, cache::cached));
    }
    Router::new()
        .merge(api)
        .route("/api/openapi.json", get(openapi))
        .route("/api/{*rest}", get(unknown))
        .fallback(assets::file)
}

/// An error as the API answers it: a status and `{"error": "…"}`.
#[derive(Debug)]
pub struct ApiError(StatusCode, String);

impl ApiError {
    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError(StatusCode::BAD_REQUEST, message.into())
    }
    fn not_found(message: impl Into<String>) -> ApiError {
        ApiError(StatusCode::NOT_FOUND, message.into())
    }
}

impl From<sitrep_store::Error> for ApiError {
    fn from(err: sitrep_store::Error) -> ApiError {
        match err {
            sitrep_store::Error::BadQuery { .. } => ApiError::bad_request(err.to_string()),
            err => ApiError(StatusCode::INTERNAL_SERVER_ERROR, err.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "error": self.1 }))).into_response()
    }
}

/// An answer serialized where it was computed, on a blocking thread: a large page of events
/// would otherwise be written out on the few threads that serve every connection.
pub struct JsonBody(pub Bytes);

impl IntoResponse for JsonBody {
    fn into_response(self) -> Response {
        ([(header::CONTENT_TYPE, "application/json")], self.0).into_response()
    }
}

type ApiResult = Result<JsonBody, ApiError>;

/// Runs `read` on a pooled connection and serializes its answer.
async fn read<T: Serialize>(
    pool: Arc<Pool>,
    read: impl FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
) -> ApiResult {
    let answer = pool
        .read(move |store| -> ApiResult {
            let mut body = Vec::with_capacity(16 * 1024);
            serde_json::to_writer(&mut body, &read(store)?)
                .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
            Ok(JsonBody(body.into()))
        })
        .await
        .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    answer?
}

/// The filters `/api/events`, `/api/points` and `/api/timeline` share, as the query string
/// gives them (strings, checked here so that every mistake is a 400 that says what is wrong).
#[derive(Debug, Default, Deserialize)]
pub struct EventParams {
    #[serde(rename = "type")]
    plover: Option<String>,
    actor: Option<String>,
    country: Option<String>,
    since: Option<String>,
    until: Option<String>,
    near: Option<String>,
    q: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
}

impl EventParams {
    fn filter(&self) -> Result<EventFilter, ApiError> {
        let checked =
            |v: &Option<String>, parse: fn(&str) -> Result<String, String>, name: &str| {
                given(v)
                    .map(|s| parse(s).map_err(|e| ApiError::bad_request(format!("{name}: {e}"))))
                    .transpose()
            };
        Ok(EventFilter {
            plover: checked(&self.plover, parse_plover, "type")?,
            actor: given(&self.actor).map(str::to_string),
            country: given(&self.country).map(str::to_string),
            since: checked(&self.since, parse_published, "since")?,
            until: checked(&self.until, parse_published, "until")?,
            near: given(&self.near)
                .map(|s| parse_near(s).map_err(|e| ApiError::bad_request(format!("near: {e}"))))
                .transpose()?,
            text: given(&self.q).map(str::to_string),
            ..Default::default()
        })
    }

    /// The filter with this request's page: `limit` (default 100, at most 1000) from `offset`.
    fn page(&self) -> Result<EventFilter, ApiError> {
        let mut filter = self.filter()?;
        filter.limit = Some(number(
            self.limit.as_deref(),
            "limit",
            DEFAULT_PAGE,
            MAX_PAGE,
        )?);
        filter.offset = number(self.offset.as_deref(), "offset", 0, usize::MAX)?;
        Ok(filter)
    }
}

/// A query-string value that says something: present, and not blank once trimmed.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// A count from the query string: `default` when absent, an error past `max`.
fn number(value: Option<&str>, name: &str, default: usize, max: usize) -> Result<usize, ApiError> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(default);
    };
    match value.parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        Ok(_) => Err(ApiError::bad_request(format!(
            "{name}: at most {max}, got {value}"
        ))),
        Err(_) => Err(ApiError::bad_request(format!(
            "{name}: expected a whole number, got {value:?}"
        ))),
    }
}

async fn summary(State(pool): State<Arc<Pool>>) -> ApiResult {
    read(pool, |store| Ok(store.summary(20)?)).await
}

/// A page of merged events, each as `sitrep events --format jsonl` prints it.
#[derive(Serialize)]
struct EventPage {
    total: u64,
    limit: Option<usize>,
    offset: usize,
    events: Vec<Box<serde_json::value::RawValue>>,
}

async fn events(State(pool): State<Arc<Pool>>, Query(params): Query<EventParams>) -> ApiResult {
    let filter = params.page()?;
    read(pool, move |store| {
        let (total, events) = store.event_page(&filter)?;
        Ok(EventPage {
            total,
            events,
            limit: filter.limit,
            offset: filter.offset,
        })
    })
    .await
}

async fn event(State(pool): State<Arc<Pool>>, Path(id): Path<String>) -> ApiResult {
    let id: i64 = id
        .parse()
        .map_err(|_| ApiError::bad_request(format!("an event id is a number, got {id:?}")))?;
    read(pool, move |store| {
        store
            .merged_event(id)?
            .ok_or_else(|| ApiError::not_found(format!("no event {id}")))
    })
    .await
}

#[derive(Serialize)]
struct Points {
    total: usize,
    truncated: bool,
    points: Vec<EventPoint>,
}

async fn points(State(pool): State<Arc<Pool>>, Query(params): Query<EventParams>) -> ApiResult {
    let filter = params.filter()?;
    read(pool, move |store| {
        let mut points = store.event_points(&filter)?;
        let total = points.len();
        // The newest past the cap: ids grow as events are stored.
        points.drain(..total.saturating_sub(MAX_POINTS));
        Ok(Points {
            total,
            truncated: total > MAX_POINTS,
            points,
        })
    })
    .await
}

async fn timeline(State(pool): State<Arc<Pool>>, Query(params): Query<EventParams>) -> ApiResult {
    let filter = params.filter()?;
    read(pool, move |store| Ok(store.timeline(&filter)?)).await
}

async fn article(State(pool): State<Arc<Pool>>, Path(id): Path<String>) -> ApiResult {
    read(pool, move |store| {
        store
            .article(&id)?
            .ok_or_else(|| ApiError::not_found(format!("no article {id:?}")))
    })
    .await
}

#[derive(Debug, Deserialize)]
struct EntityParams {
    kind: Option<String>,
    q: Option<String>,
    limit: Option<String>,
}

#[derive(Serialize)]
struct Entities {
    entities: Vec<EntityRow>,
}

async fn entities(State(pool): State<Arc<Pool>>, Query(params): Query<EntityParams>) -> ApiResult {
    const KINDS: [&str; 4] = ["person", "organization", "group", "location"];
    let kind = params.kind.filter(|k| !k.trim().is_empty());
    if let Some(kind) = &kind
        && !KINDS.contains(&kind.to_ascii_lowercase().as_str())
    {
        return Err(ApiError::bad_request(format!(
            "kind: one of {}, got {kind:?}",
            KINDS.join(", ")
        )));
    }
    let limit = number(params.limit.as_deref(), "limit", DEFAULT_PAGE, MAX_PAGE)?;
    read(pool, move |store| {
        let entities = store.entities_named(kind.as_deref(), given(&params.q), limit)?;
        Ok(Entities { entities })
    })
    .await
}

#[derive(Debug, Deserialize)]
struct SearchParams {
    q: Option<String>,
    limit: Option<String>,
}

#[derive(Serialize)]
struct Hits {
    hits: Vec<SearchHit>,
}

async fn search(State(pool): State<Arc<Pool>>, Query(params): Query<SearchParams>) -> ApiResult {
    let Some(q) = params.q.filter(|q| !q.trim().is_empty()) else {
        return Err(ApiError::bad_request(
            "q: the words to search for are missing",
        ));
    };
    let limit = number(params.limit.as_deref(), "limit", 20, MAX_HITS)?;
    read(pool, move |store| {
        Ok(Hits {
            hits: store.search(&q, limit)?,
        })
    })
    .await
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

async fn unknown(Path(rest): Path<String>) -> ApiError {
    ApiError::not_found(format!(
        "no such API path /api/{rest}; /api/openapi.json lists them"
    ))
}
