//! Directories: every file of a known format, recursively, in file-name order.

use std::path::PathBuf;

use walkdir::{DirEntry, WalkDir};

use super::format::Format;
use super::read::{Articles, read_file};
use super::{Article, InputError, ReadOptions};

type Entries = Box<dyn Iterator<Item = walkdir::Result<DirEntry>> + Send>;

/// The articles of a directory tree. Unknown extensions and hidden entries (`.git`, editor
/// files) are skipped silently; a tree with no known file at all is one error.
pub(crate) struct DirInputs {
    root: PathBuf,
    entries: Entries,
    current: Option<Articles>,
    opts: ReadOptions,
    found_input: bool,
    reported_error: bool,
    done: bool,
}

impl DirInputs {
    pub fn new(root: PathBuf, opts: ReadOptions) -> DirInputs {
        let entries = WalkDir::new(&root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
            });
        DirInputs {
            root,
            entries: Box::new(entries),
            current: None,
            opts,
            found_input: false,
            reported_error: false,
            done: false,
        }
    }
}

impl Iterator for DirInputs {
    type Item = Result<Article, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.current.as_mut().and_then(Iterator::next) {
                return Some(item);
            }
            self.current = None;
            if self.done {
                return None;
            }
            match self.entries.next() {
                None => {
                    self.done = true;
                    if !self.found_input && !self.reported_error {
                        return Some(Err(InputError {
                            origin: self.root.display().to_string(),
                            message: "directory has no readable input (.txt, .html, .htm, .jsonl, .warc, each optionally .gz)".to_string(),
                        }));
                    }
                }
                Some(Err(error)) => {
                    self.reported_error = true;
                    let origin = error.path().unwrap_or(&self.root).display().to_string();
                    let message = match error.io_error() {
                        Some(io) => super::source::open_error(io),
                        None => error.to_string(),
                    };
                    return Some(Err(InputError { origin, message }));
                }
                Some(Ok(entry)) if entry.file_type().is_file() => {
                    if let Some(format) = Format::from_path(entry.path()) {
                        self.found_input = true;
                        let origin = entry.path().display().to_string();
                        self.current =
                            Some(read_file(entry.path(), origin, Some(format), &self.opts));
                    }
                }
                Some(Ok(_)) => {}
            }
        }
    }
}
