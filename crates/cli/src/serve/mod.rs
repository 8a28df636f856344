//! `sitrep serve`: the database behind a JSON API and the web page that explores it.
//!
//! Every request reads through a pool of read-only connections on tokio's blocking threads, a
//! few at a time: SQLite calls block, and a read-only connection can never change the database
//! an ingest may be writing at the same time.

mod api;
mod assets;
mod cache;
mod pool;

use crate::args::ServeArgs;
use anyhow::Context;
use std::process::ExitCode;
use std::sync::Arc;

use api::router;
use cache::ResponseCache;
pub use pool::Pool;

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let store = crate::query::open(&args.db)?;
    let cache = answer_cache(&args.db.db, !args.no_cache)?;
    let pool = Arc::new(Pool::new(store));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("listening on {}", args.addr))?;
        let addr = listener.local_addr()?;
        if !addr.ip().is_loopback() {
            eprintln!(
                "sitrep: {addr} is reachable from other machines; the API has no authentication"
            );
        }
        // Tests and scripts read this line to find a port chosen with :0.
        eprintln!(
            "sitrep: serving {} on http://{addr}/ (Ctrl-C stops)",
            args.db.db.display()
        );
        axum::serve(listener, router(pool, cache))
            .with_graceful_shutdown(stop_signal())
            .await
            .context("serving")
    })?;
    eprintln!("sitrep: stopped");
    Ok(ExitCode::SUCCESS)
}

/// The cache of API answers for the database at `db`, unless turned off.
pub fn answer_cache(
    db: &std::path::Path,
    enabled: bool,
) -> anyhow::Result<Option<Arc<ResponseCache>>> {
    if !enabled {
        return Ok(None);
    }
    let watcher = sitrep_store::Store::open_read_only(db)?;
    Ok(Some(Arc::new(ResponseCache::new(watcher))))
}

/// Ctrl-C, or SIGTERM from a service manager: requests in flight finish, new ones are refused.
async fn stop_signal() {
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => return std::future::pending().await,
            };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Serves `pool` on a free loopback port from a thread of its own, for as long as the process
/// lives (`bench-serve` measures the server in its own process so that one command does all).
pub fn spawn_on_loopback(
    pool: Arc<Pool>,
    cache: Option<Arc<ResponseCache>>,
) -> anyhow::Result<std::net::SocketAddr> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let addr = listener.local_addr()?;
    std::thread::spawn(move || {
        if let Err(err) =
            runtime.block_on(async { axum::serve(listener, router(pool, cache)).await })
        {
            eprintln!("sitrep: the server stopped: {err}");
        }
    });
    Ok(addr)
}
