//! What every record must satisfy, whatever the input: shared by the property tests
//! (`tests/properties.rs`), the fuzz regressions (`tests/fuzz_regressions.rs`) and the fuzz
//! targets (`fuzz/`, which include this file by path so the three check the same things).

use sitrep_core::Record;

/// Every offset in `record` is on a char boundary of `record.text` and inside it, every span
/// has start ≤ end, sentences come in order without overlapping, the text a repair or a date
/// names is the text at its offsets, and the record survives a JSON round trip unchanged.
/// `Err` says which field broke which rule.
pub fn check_record(record: &Record) -> Result<(), String> {
    let text = &record.text;
    let span = |what: &str, i: usize, start: usize, end: usize| -> Result<(), String> {
        if start > end {
            return Err(format!("{what}[{i}]: start {start} > end {end}"));
        }
        if end > text.len() {
            return Err(format!(
                "{what}[{i}]: end {end} past the text's {} bytes",
                text.len()
            ));
        }
        for at in [start, end] {
            if !text.is_char_boundary(at) {
                return Err(format!("{what}[{i}]: offset {at} inside a character"));
            }
        }
        Ok(())
    };

    let mut previous_end = 0;
    for (i, &[start, end]) in record.sentences.iter().enumerate() {
        span("sentences", i, start, end)?;
        if start < previous_end {
            return Err(format!(
                "sentences[{i}]: starts at {start}, before the previous one ends at {previous_end}"
            ));
        }
        previous_end = end;
    }
    for (i, repair) in record.repairs.iter().enumerate() {
        span("repairs", i, repair.start, repair.end)?;
        if text[repair.start..repair.end] != repair.replacement {
            return Err(format!(
                "repairs[{i}]: the text at its offsets is not its replacement {:?}",
                repair.replacement
            ));
        }
    }
    for (i, date) in record.dates.iter().enumerate() {
        span("dates", i, date.start, date.end)?;
        if text[date.start..date.end] != date.text {
            return Err(format!(
                "dates[{i}]: the text at its offsets is not {:?}",
                date.text
            ));
        }
    }
    for (e, entity) in record.entities.iter().flatten().enumerate() {
        for &[start, end] in &entity.mentions {
            span("entities.mentions", e, start, end)?;
        }
    }
    for (i, quote) in record.quotes.iter().flatten().enumerate() {
        span("quotes", i, quote.start, quote.end)?;
    }
    for (i, count) in record.counts.iter().flatten().enumerate() {
        span("counts", i, count.start, count.end)?;
    }
    for (e, event) in record.events.iter().flatten().enumerate() {
        for &[start, end] in &event.evidence {
            span("events.evidence", e, start, end)?;
        }
    }

    let json = serde_json::to_string(record).map_err(|e| format!("does not serialise: {e}"))?;
    serde_json::from_str::<serde_json::Value>(&json).map_err(|e| format!("invalid JSON: {e}"))?;
    let back: Record =
        serde_json::from_str(&json).map_err(|e| format!("JSON does not read back: {e}"))?;
    let again =
        serde_json::to_string(&back).map_err(|e| format!("does not serialise again: {e}"))?;
    if again != json {
        return Err("the JSON round trip changed the record".to_string());
    }
    Ok(())
}
