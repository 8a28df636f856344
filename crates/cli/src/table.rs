//! Output for people (aligned tables) and for pipes (JSON Lines, CSV).

use crate::args::TableFormat;
use serde::Serialize;
use sitrep_store::{Store, Summary};
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};

/// The format asked for, else a table for a person and JSON Lines for a program.
pub fn format_or_default(format: Option<TableFormat>) -> TableFormat {
    format.unwrap_or(if std::io::stdout().is_terminal() { TableFormat::Table } else { TableFormat::Jsonl })
}

/// Columns padded to their widest cell; cells cut at `max` characters with "…", except in the
/// last column, which needs no padding and often holds the text that matters (a snippet).
pub fn aligned(headers: &[&str], rows: &[Vec<String>], max: usize) -> String {
    let cut = |s: &str| -> String {
        let one_line = s.replace(['\n', '\t'], " ");
        if one_line.chars().count() > max {
            one_line.chars().take(max.saturating_sub(1)).chain(['…']).collect()
        } else {
            one_line
        }
    };
    let last = headers.len().saturating_sub(1);
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| crate::visible::cell(c)).enumerate().map(|(i, c)| if i == last { c.into_owned() } else { cut(&c) }).collect())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let last = cells.len().saturating_sub(1);
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            if i == last {
                out.push_str(cell);
            } else {
                let _ = write!(out, "{cell}{}  ", " ".repeat(w - cell.chars().count()));
            }
        }
        out.push('\n');
    };
    line(headers.to_vec());
    for row in &rows {
        line(row.iter().map(String::as_str).collect());
    }
    out
}

/// Writes rows as a table, JSON Lines (from `items`) or CSV; a closed pipe ends quietly.
pub fn emit<T: Serialize>(
    format: TableFormat,
    headers: &[&str],
    rows: Vec<Vec<String>>,
    items: &[T],
) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result: anyhow::Result<()> = (|| {
        match format {
            TableFormat::Table => out.write_all(aligned(headers, &rows, 48).as_bytes())?,
            TableFormat::Jsonl => {
                for item in items {
                    serde_json::to_writer(&mut out, item)?;
                    out.write_all(b"\n")?;
                }
            }
            TableFormat::Csv => {
                let mut csv = csv::Writer::from_writer(&mut out);
                csv.write_record(headers)?;
                for row in &rows {
                    csv.write_record(row)?;
                }
                csv.flush()?;
            }
        }
        out.flush()?;
        Ok(())
    })();
    match result {
        Err(err) if is_broken_pipe(&err) => Ok(()),
        other => other,
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause.downcast_ref::<csv::Error>().is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe))
    })
}

/// What the database holds: the lines `sitrep ingest` ends with.
pub fn summary(summary: &Summary, store: &Store) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} articles ({} near-copies), {} entities, {} quotes, {} events from {} reports",
        store.path().display(),
        summary.articles,
        summary.near_duplicates,
        summary.entities,
        summary.quotes,
        summary.events,
        summary.event_reports
    );
    let list = |pairs: &[(String, u64)]| {
        if pairs.is_empty() {
            "(none)".to_string()
        } else {
            pairs.iter().map(|(name, n)| format!("{name} {n}")).collect::<Vec<_>>().join(", ")
        }
    };
    let _ = writeln!(out, "events by type: {}", list(&summary.events_by_type));
    let actors_by = if summary.events > 0 { "events" } else { "articles" };
    let _ = writeln!(out, "top actors ({actors_by}): {}", list(&summary.top_actors));
    let _ = writeln!(out, "top places (articles): {}", list(&summary.top_places));
    out
}

#[cfg(test)]
mod tests {
    use super::aligned;

    #[test]
    fn columns_line_up_and_long_cells_are_cut() {
        let rows = vec![vec!["1".to_string(), "Jermuk".to_string(), "x".to_string()], vec![
            "22".to_string(),
            "A very long place name indeed".to_string(),
            "the last column is never cut".to_string(),
        ]];
        let table = aligned(&["ID", "PLACE", "Z"], &rows, 10);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "ID  PLACE       Z");
        assert_eq!(lines[1], "1   Jermuk      x");
        assert_eq!(lines[2], "22  A very lo…  the last column is never cut");
    }
}
