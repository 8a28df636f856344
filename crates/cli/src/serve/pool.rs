//! Read-only SQLite connections shared by the server's blocking threads.

use sitrep_store::Store;
use std::path::PathBuf;
use std::sync::Mutex;

/// Idle connections kept for reuse; more are opened under load and closed when returned to a
/// full pool (tokio caps its blocking threads, so their number stays bounded).
const KEEP_IDLE: usize = 32;

pub struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl Pool {
    /// A pool that starts with `first`, a connection already opened (and so checked).
    pub fn new(first: Store) -> Pool {
        Pool {
            path: first.path().to_path_buf(),
            idle: Mutex::new(vec![first]),
        }
    }

    /// Runs `read` on an idle connection, or on a new one when all are busy.
    pub fn read<T>(&self, read: impl FnOnce(&Store) -> T) -> sitrep_store::Result<T> {
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        let store = match idle {
            Some(store) => store,
            None => Store::open_read_only(&self.path)?,
        };
        let out = read(&store);
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < KEEP_IDLE {
            idle.push(store);
        }
        Ok(out)
    }
}
