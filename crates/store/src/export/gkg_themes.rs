//! GKG themes of an article, read off what sitrep extracted: its events and its casualty
//! counts, named with GDELT's own theme names (GDELT's GKG theme list). GDELT's other themes
//! come from its proprietary taxonomies, which sitrep does not have: an article with no event
//! or count of these kinds gets no theme.

use sitrep_core::record::Record;

/// GDELT theme of a PLOVER event (with its CAMEO code and mode).
fn event_theme(plover: &str, cameo: &str, mode: &str) -> Option<&'static str> {
    Some(match plover {
        "ASSAULT" => "ARMEDCONFLICT",
        "PROTEST" => "PROTEST",
        "COERCE" if cameo.starts_with("173") => "ARREST",
        "COERCE" if cameo.starts_with("171") => "SEIZE",
        "SANCTION" => "SANCTIONS",
        "CONSULT" => "NEGOTIATIONS",
        "RETREAT" | "CONCEDE" | "AGREE"
            if cameo.starts_with("0871") || mode.contains("ceasefire") =>
        {
            "CEASEFIRE"
        }
        "MOBILIZE" => "MILITARY",
        _ => return None,
    })
}

/// GDELT theme of a casualty count kind.
fn count_theme(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "killed" => "KILL",
        "injured" => "WOUND",
        "arrested" => "ARREST",
        "kidnapped" => "KIDNAP",
        "displaced" => "REFUGEES",
        _ => return None,
    })
}

/// Themes with the byte offset of the text they were read from, in text order; the record's
/// own `themes` (without offsets) first.
pub fn themes(record: &Record) -> Vec<(&str, Option<usize>)> {
    let mut found: Vec<(&str, Option<usize>)> = record
        .themes
        .iter()
        .flatten()
        .map(|t| (t.as_str(), None))
        .collect();
    let mut placed: Vec<(usize, &str)> = Vec::new();
    for event in record.events.iter().flatten().filter(|e| !e.future) {
        let cameo = event.cameo.as_deref().unwrap_or("");
        if let Some(theme) = event_theme(&event.plover, cameo, event.mode.as_deref().unwrap_or(""))
        {
            placed.push((event.evidence.first().map_or(0, |e| e[0]), theme));
        }
    }
    for count in record.counts.iter().flatten().filter(|c| c.number > 0) {
        if let Some(theme) = count_theme(&count.kind) {
            placed.push((count.start, theme));
        }
    }
    placed.sort();
    found.extend(placed.into_iter().map(|(at, theme)| (theme, Some(at))));
    found
}
