//! One input path to its articles: the reader chosen by format, plain files read whole.

use std::fs::{self, File};
use std::io;
use std::iter;
use std::path::{Path, PathBuf};

use super::decode::{decode_html, decode_text};
use super::format::{Format, sniff_format};
use super::jsonl::JsonlRecords;
use super::source::{Source, open_error, read_error, too_large};
use super::walk::DirInputs;
use super::warc_records::WarcRecords;
use super::{Article, InputError, ReadOptions};
use crate::document::Body;

pub(crate) type Articles = Box<dyn Iterator<Item = Result<Article, InputError>> + Send>;

/// A file, a directory or `-` (stdin). A file with an unknown extension is still read when
/// named explicitly, its format sniffed like stdin's.
pub(crate) fn read_path(path: PathBuf, opts: &ReadOptions) -> Articles {
    if path.as_os_str() == "-" {
        return read_stdin(opts);
    }
    let origin = path.display().to_string();
    match fs::metadata(&path) {
        Err(error) => failure(origin, open_error(&error)),
        Ok(metadata) if metadata.is_dir() => Box::new(DirInputs::new(path, opts.clone())),
        Ok(_) => read_file(&path, origin, Format::from_path(&path), opts),
    }
}

/// Opens a file only now, when the stream reaches it, so a large directory holds one file open.
pub(crate) fn read_file(
    path: &Path,
    origin: String,
    format: Option<Format>,
    opts: &ReadOptions,
) -> Articles {
    let file = match open_without_waiting(path) {
        Ok(file) => file,
        Err(error) => return failure(origin, open_error(&error)),
    };
    let len = file.metadata().ok().map(|m| m.len());
    match Source::new(file) {
        Ok(source) => read_source(source, origin, format, len, opts),
        Err(error) => failure(origin, read_error(&error, false)),
    }
}

/// Opens a file for reading. Opening a FIFO waits until something writes to it, forever if
/// nothing does; opened without waiting, a FIFO with no writer reads as empty, and one with a
/// writer (`<(zcat …)`) reads as usual once blocking reads are restored.
#[cfg(unix)]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let fd = file.as_raw_fd();
    // SAFETY: `fd` is a descriptor this function owns through `file` for the whole call.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(file)
}

#[cfg(not(unix))]
fn open_without_waiting(path: &Path) -> io::Result<File> {
    File::open(path)
}

/// Bytes already in memory, named like a file; see [`super::read_bytes`].
pub(crate) fn read_bytes(bytes: Vec<u8>, name: String, opts: &ReadOptions) -> Articles {
    let format = Format::from_path(Path::new(&name));
    // The length is known without reading, as a file's is, unless it is gzip'd.
    let len = Some(bytes.len() as u64);
    match Source::new(io::Cursor::new(bytes)) {
        Ok(source) => read_source(source, name, format, len, opts),
        Err(error) => failure(name, read_error(&error, false)),
    }
}

fn read_stdin(opts: &ReadOptions) -> Articles {
    let origin = "stdin".to_string();
    match Source::new(io::stdin()) {
        Ok(source) => read_source(source, origin, None, None, opts),
        Err(error) => failure(origin, read_error(&error, false)),
    }
}

fn read_source(
    mut source: Source,
    origin: String,
    format: Option<Format>,
    file_len: Option<u64>,
    opts: &ReadOptions,
) -> Articles {
    let format = match format {
        Some(format) => format,
        None => match source.peek() {
            Ok(head) => sniff_format(head),
            Err(message) => return failure(origin, message),
        },
    };
    match format {
        Format::Jsonl => Box::new(JsonlRecords::new(source, origin, opts.max_bytes)),
        Format::Warc => Box::new(WarcRecords::new(source, origin, opts.max_bytes)),
        Format::Text | Format::Html => Box::new(iter::once(read_whole(
            source,
            origin,
            format,
            file_len,
            opts.max_bytes,
        ))),
    }
}

fn read_whole(
    mut source: Source,
    origin: String,
    format: Format,
    file_len: Option<u64>,
    max_bytes: u64,
) -> Result<Article, InputError> {
    let fail = |message: String| InputError {
        origin: origin.clone(),
        message,
    };
    // The file's size answers the limit without reading; only compressed input must be read.
    if !source.gzip && file_len.is_some_and(|len| len > max_bytes) {
        return Err(fail(too_large(max_bytes)));
    }
    let bytes = source.read_bounded(max_bytes).map_err(fail)?;
    if bytes.is_empty() {
        return Err(fail("empty file".to_string()));
    }
    let decoded = match format {
        Format::Html => decode_html(bytes, None),
        _ => decode_text(bytes),
    }
    .map_err(|message| fail(message.to_string()))?;
    if decoded.text.trim().is_empty() {
        return Err(fail("empty file (only whitespace)".to_string()));
    }
    let body = match format {
        Format::Html => Body::Html(decoded.text),
        _ => Body::Text(decoded.text),
    };
    Ok(Article {
        id: None,
        origin,
        body,
        url: None,
        title: None,
        published: None,
        warnings: decoded.warning.into_iter().collect(),
    })
}

pub(crate) fn failure(origin: String, message: String) -> Articles {
    Box::new(iter::once(Err(InputError { origin, message })))
}
