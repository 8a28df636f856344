//! Writing to standard output with good manners: a reader that stops early (`| head`,
//! `| true`) closes the pipe, which is its choice and not an error, so every command ends
//! quietly with exit code 0 then.

use std::io::{ErrorKind, Write};

/// Prints `text` and a line break; a closed pipe comes back as an `Err` (never a panic, as
/// `println!` would) for [`is_broken_pipe`] to recognise.
pub fn print_line(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Whether an error, or anything it was caused by, is a write to a closed pipe. JSON and CSV
/// writers wrap the I/O error in their own type without exposing it as a source, so they are
/// asked directly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(closed_pipe)
}

/// One error (not its causes) is a closed pipe: directly, or an I/O error wrapping a JSON or
/// CSV error wrapping one (`io::Error::other(csv_error)` hides its cause from `source()`).
fn closed_pipe(cause: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(io) = cause.downcast_ref::<std::io::Error>() {
        return io.kind() == ErrorKind::BrokenPipe
            || io.get_ref().is_some_and(|inner| closed_pipe(inner));
    }
    cause
        .downcast_ref::<serde_json::Error>()
        .and_then(serde_json::Error::io_error_kind)
        == Some(ErrorKind::BrokenPipe)
        || cause.downcast_ref::<csv::Error>().is_some_and(
            |e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == ErrorKind::BrokenPipe),
        )
}

#[cfg(test)]
mod tests {
    use super::is_broken_pipe;
    use std::io::{Error, ErrorKind};

    #[test]
    fn a_closed_pipe_is_recognised_through_wrappers() {
        let io = || Error::from(ErrorKind::BrokenPipe);
        assert!(is_broken_pipe(&anyhow::Error::from(io())));
        assert!(is_broken_pipe(
            &anyhow::Error::from(io()).context("writing events")
        ));
        assert!(is_broken_pipe(&anyhow::Error::from(serde_json::Error::io(
            io()
        ))));
        assert!(is_broken_pipe(&anyhow::Error::from(csv::Error::from(io()))));
        assert!(is_broken_pipe(&anyhow::Error::from(Error::other(
            csv::Error::from(io())
        ))));
        assert!(!is_broken_pipe(&anyhow::Error::from(Error::from(
            ErrorKind::PermissionDenied
        ))));
        assert!(!is_broken_pipe(&anyhow::anyhow!(
            "Broken pipe in a message is not a pipe"
        )));
    }
}
