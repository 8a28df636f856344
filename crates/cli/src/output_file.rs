//! Writing `-o FILE` the way the user means it: a file is replaced whole and only once
//! complete, a device or FIFO is written into, a symlink keeps pointing where it pointed.

use anyhow::Context;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};

/// Writes what `fill` writes to `path`.
///
/// - A regular file (or none yet) is written to a temporary file in the same directory, synced
///   and renamed onto it: a reader never sees half a file, and on any error the temporary file
///   is removed (dropped) and an existing file left as it was.
/// - A device or FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written into directly;
///   renaming a regular file onto it would replace the device node.
/// - A symbolic link is followed: the file it names is replaced, the link stays a link.
pub fn write_whole(
    path: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    // Followed by the kernel, which also knows links that name no path (/dev/stdout, whose
    // /proc/self/fd/1 reads "pipe:[…]").
    let existing = fs::metadata(path).ok();
    if let Some(meta) = &existing {
        anyhow::ensure!(!meta.is_dir(), "{} is a directory", path.display());
        if is_stream(meta.file_type()) || names_a_descriptor(path) {
            // A regular file reached through a descriptor was opened, and truncated or not, by
            // the shell: written at its end, so `>> log` appends.
            let file = File::options()
                .write(true)
                .append(meta.is_file())
                .open(path)
                .with_context(|| format!("opening {}", path.display()))?;
            let mut out = BufWriter::new(file);
            fill(&mut out)?;
            return out
                .flush()
                .with_context(|| format!("writing {}", path.display()));
        }
    }
    let target = resolve_links(path).with_context(|| format!("following {}", path.display()))?;
    replace_atomically(&target, existing.as_ref(), fill)
        .with_context(|| format!("writing {}", path.display()))
}

/// `/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`: a file descriptor the shell opened, maybe
/// to append (`>> log`); it is written through, never replaced by a new file.
fn names_a_descriptor(path: &Path) -> bool {
    path.starts_with("/dev") || path.starts_with("/proc")
}

/// Devices, FIFOs and sockets take data; they are not files to replace.
fn is_stream(kind: fs::FileType) -> bool {
    kind.is_char_device() || kind.is_block_device() || kind.is_fifo() || kind.is_socket()
}

/// The path a chain of symbolic links at `path` ends on (existing or not), each relative link
/// read against the directory of the link itself.
fn resolve_links(path: &Path) -> std::io::Result<PathBuf> {
    // As the kernel's ELOOP limit: a cycle of links is an error, not a hang.
    const MAX_LINKS: usize = 40;
    let mut target = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&target) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&target)?;
                target = match target.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            _ => return Ok(target),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Writes a temporary file beside `target` and renames it onto `target`; the temporary file
/// is deleted when anything fails before the rename (its `TempPath` is dropped).
fn replace_atomically(
    target: &Path,
    existing: Option<&fs::Metadata>,
    fill: impl FnOnce(&mut BufWriter<File>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // A replaced file keeps its mode; a new one gets what `File::create` would give it
    // (0666 less the umask), not the temporary file's private 0600.
    let mode = existing.map_or(0o666, |meta| meta.permissions().mode());
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .permissions(fs::Permissions::from_mode(mode))
        .tempfile_in(dir)?;
    if let Some(meta) = existing {
        // The mode asked for at creation is cut by the umask; a replaced file keeps its own.
        fs::set_permissions(temp.path(), meta.permissions())?;
    }
    let (file, temp_path) = temp.into_parts();
    let mut out = BufWriter::new(file);
    fill(&mut out)?;
    out.flush()?;
    out.get_ref().sync_all()?;
    drop(out);
    temp_path.persist(target)?;
    Ok(())
}
