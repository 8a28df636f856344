//! JSON Lines: one merged event per line, the model's own serde form (what `sitrep events
//! --format jsonl` prints), so a reader can deserialize `MergedEvent` back.

use std::io::{self, Write};

use crate::model::MergedEvent;

/// Returns the lines written.
pub fn jsonl(events: &[MergedEvent], out: &mut impl Write) -> io::Result<usize> {
    for event in events {
        serde_json::to_writer(&mut *out, event)?;
        out.write_all(b"\n")?;
    }
    Ok(events.len())
}
