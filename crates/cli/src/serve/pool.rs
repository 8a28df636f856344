//! Read-only SQLite connections shared by the server's blocking threads.

use sitrep_store::Store;
use std::path::PathBuf;
use std::sync::Mutex;
use tokio::sync::Semaphore;

pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
    /// Queries running at once. SQLite work is CPU-bound: more at once than a few per core
    /// only adds switching, and each would need a connection of its own (opening one maps the
    /// file and reads the schema, which under load cost more than the queries).
    running: Semaphore,
}

impl Pool {
    /// A pool that starts with `first`, a connection already opened (and so checked).
    pub fn new(first: Store) -> Pool {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Pool {
            path: first.path().to_path_buf(),
            idle: Mutex::new(vec![first]),
            running: Semaphore::new(2 * cores),
        }
    }

    /// Runs `read` on an idle connection (opened on first need) on a blocking thread, once one
    /// of the pool's places is free.
    pub async fn read<T: Send + 'static>(
        self: std::sync::Arc<Self>,
        read: impl FnOnce(&Store) -> T + Send + 'static,
    ) -> Result<sitrep_store::Result<T>, tokio::task::JoinError> {
        // The semaphore is never closed, so acquiring cannot fail.
        let _place = self.running.acquire().await.ok();
        let pool = self.clone();
        tokio::task::spawn_blocking(move || {
            let idle = pool.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
            let store = match idle {
                Some(store) => store,
                None => Store::open_read_only(&pool.path)?,
            };
            let out = read(&store);
            pool.idle
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(store);
            Ok(out)
        })
        .await
    }
}
