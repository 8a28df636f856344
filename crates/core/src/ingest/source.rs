//! Opening an input as a byte stream: gzip is undone here, and I/O errors become one-line reasons.

use std::io::{self, BufRead, BufReader, Read};

use super::format::is_gzip;

/// A readable input, already decompressed. `Send` so the CLI can hand articles to worker threads.
pub(crate) type Reader = Box<dyn BufRead + Send>;

const BUFFER_SIZE: usize = 256 * 1024;

/// A byte stream and whether it was gzip'd (which decides how read errors are explained).
pub(crate) struct Source {
    pub reader: Reader,
    pub gzip: bool,
}

impl Source {
    /// Wraps a raw stream, decompressing it when its first bytes are the gzip magic number.
    pub fn new(raw: impl Read + Send + 'static) -> io::Result<Source> {
        let mut raw = BufReader::with_capacity(BUFFER_SIZE, raw);
        if is_gzip(raw.fill_buf()?) {
            // MultiGzDecoder, not GzDecoder: concatenated members (as in `.warc.gz`) are one stream.
            let decoder = flate2::bufread::MultiGzDecoder::new(raw);
            Ok(Source {
                reader: Box::new(BufReader::with_capacity(BUFFER_SIZE, decoder)),
                gzip: true,
            })
        } else {
            Ok(Source {
                reader: Box::new(raw),
                gzip: false,
            })
        }
    }

    /// The first buffered bytes, without consuming them.
    pub fn peek(&mut self) -> Result<&[u8], String> {
        let gzip = self.gzip;
        self.reader.fill_buf().map_err(|e| read_error(&e, gzip))
    }

    /// Reads the whole stream, failing once it passes `max_bytes` rather than reading on.
    pub fn read_bounded(&mut self, max_bytes: u64) -> Result<Vec<u8>, String> {
        let mut bytes = Vec::new();
        (&mut self.reader)
            .take(max_bytes.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| read_error(&e, self.gzip))?;
        if bytes.len() as u64 > max_bytes {
            return Err(too_large(max_bytes));
        }
        Ok(bytes)
    }
}

/// Why a path could not be opened.
pub(crate) fn open_error(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot open: {error}"),
    }
}

/// Why reading stopped part way.
pub(crate) fn read_error(error: &io::Error, gzip: bool) -> String {
    match error.kind() {
        io::ErrorKind::UnexpectedEof if gzip => "truncated gzip stream".to_string(),
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData if gzip => {
            format!("corrupt gzip stream ({error})")
        }
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => format!("read error: {error}"),
    }
}

/// The message for an input (or record) over the size limit.
pub(crate) fn too_large(max_bytes: u64) -> String {
    format!(
        "larger than the {} limit (--max-bytes)",
        human_size(max_bytes)
    )
}

fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    const GIB: u64 = 1024 * MIB;
    match bytes {
        b if b >= GIB && b % GIB == 0 => format!("{} GiB", b / GIB),
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(
            too_large(50 * 1024 * 1024),
            "larger than the 50 MiB limit (--max-bytes)"
        );
        assert_eq!(human_size(1500), "1500 bytes");
        assert_eq!(human_size(2048), "2 KiB");
    }
}
