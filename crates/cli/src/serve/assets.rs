//! The web page's files, compiled into the binary so `sitrep serve` works offline and alone.

use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

/// Path, content type, bytes.
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_bytes!("../../../../web/index.html"),
    ),
    (
        "/app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../../../web/app.js"),
    ),
    (
        "/style.css",
        "text/css; charset=utf-8",
        include_bytes!("../../../../web/style.css"),
    ),
    (
        "/world.json",
        "application/json",
        include_bytes!("../../../../web/world.json"),
    ),
];

/// The page forbids every script, style and connection not from this server: article text is
/// escaped by the page, and this keeps a mistake there from running anything.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
     style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

pub async fn file(uri: Uri) -> Response {
    let Some((_, content_type, bytes)) = FILES.iter().find(|(path, ..)| *path == uri.path()) else {
        return (StatusCode::NOT_FOUND, "not found\n").into_response();
    };
    (
        [
            (header::CONTENT_TYPE, *content_type),
            (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        *bytes,
    )
        .into_response()
}
