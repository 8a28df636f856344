//! JSON Lines: one merged event per line, the model's own serde form (what `sitrep events
//! --format jsonl` prints), so a reader can deserialize `MergedEvent` back.

use std::io::{self, Write};

use crate::model::MergedEvent;

pub fn jsonl(events: &[MergedEvent], out: &mut impl Write) -> io::Result<()> {
    for event in events {
        serde_json::to_writer(&mut *out, event)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
