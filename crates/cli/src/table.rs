//! Output for people (aligned tables) and for pipes (JSON Lines, CSV).

use crate::args::TableFormat;
use serde::Serialize;
use sitrep_store::{Store, Summary};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{IsTerminal, Write};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The format asked for, else a table for a person and JSON Lines for a program.
pub fn format_or_default(format: Option<TableFormat>) -> TableFormat {
    format.unwrap_or(if std::io::stdout().is_terminal() {
        TableFormat::Table
    } else {
        TableFormat::Jsonl
    })
}

/// Columns padded to their widest cell, measured in display columns (a CJK character takes
/// two, a combining accent none). Cells are cut at `max` columns with "…", except in the last
/// column, which needs no padding and often holds the text that matters (a snippet). With a
/// `width` (the terminal's), the widest columns are narrowed until a line fits, and the last
/// column takes what is left.
pub fn aligned(headers: &[&str], rows: &[Vec<String>], max: usize, width: Option<usize>) -> String {
    let last = headers.len().saturating_sub(1);
    // Article text is shown, not acted on: control characters escaped, line breaks as spaces.
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| crate::visible::cell(c).into_owned())
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (i, (w, cell)) in widths.iter_mut().zip(row).enumerate() {
            let cap = if i == last { usize::MAX } else { max };
            *w = (*w).max(cell.width().min(cap));
        }
    }
    if let Some(width) = width {
        // Keep every column readable (a date whole) if that fits; else fit at any cost.
        let readable: Vec<usize> = widths.iter().map(|&w| w.min(READABLE)).collect();
        let tight: Vec<usize> = headers
            .iter()
            .zip(&widths)
            .map(|(h, &w)| w.min(h.width().clamp(1, NARROWEST)))
            .collect();
        let floors = if total(&readable) <= width {
            readable
        } else {
            tight
        };
        fit(&mut widths, &floors, width);
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let last = cells.len().saturating_sub(1);
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let cell = cut(cell, *w);
            if i == last {
                out.push_str(&cell);
            } else {
                let _ = write!(
                    out,
                    "{cell}{}  ",
                    " ".repeat(w.saturating_sub(cell.width()))
                );
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

/// Gap between columns.
const GAP: usize = 2;
/// Columns are narrowed to this first (a date, a short name stay whole).
const READABLE: usize = 10;
/// When even that does not fit, no column is narrowed below this (or its header, if shorter).
const NARROWEST: usize = 6;

/// How many columns, from the left (the most telling first), fit `width` when each keeps
/// `READABLE` columns or its whole content: squeezing all of them into a narrow terminal
/// leaves none readable ("202…" for every date). At least two are kept.
fn columns_that_fit(headers: &[&str], rows: &[Vec<String>], width: usize) -> usize {
    let readable: Vec<usize> = (0..headers.len())
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| c.width())
                .chain([headers[i].width()])
                .max()
                .unwrap_or(0)
                .min(READABLE)
        })
        .collect();
    (2..=headers.len())
        .rev()
        .find(|&n| total(&readable[..n]) <= width)
        .unwrap_or(headers.len().min(2))
}

/// A line's width with these column widths.
fn total(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1)
}

/// Narrows the widest columns, one column at a time, until a line fits in `width` or every
/// column is at its floor.
fn fit(widths: &mut [usize], floors: &[usize], width: usize) {
    let floor = |i: usize| floors[i].max(1);
    while total(widths) > width {
        let widest = (0..widths.len())
            .filter(|&i| widths[i] > floor(i))
            .max_by_key(|&i| (widths[i], i));
        let Some(i) = widest else { break };
        let excess = total(widths) - width;
        let second = widths
            .iter()
            .enumerate()
            .filter(|&(j, _)| j != i)
            .map(|(_, w)| *w)
            .max()
            .unwrap_or(0);
        // Down to the next widest column at once (never below the floor), else by the excess;
        // at least one column a round, so the loop ends.
        let step = excess
            .min(widths[i].saturating_sub(second.max(floor(i))))
            .max(1);
        widths[i] -= step.min(widths[i] - floor(i));
    }
}

/// `text` cut to `max` display columns, ending in "…" when cut.
fn cut(text: &str, max: usize) -> Cow<'_, str> {
    if text.width() <= max {
        return Cow::Borrowed(text);
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    Cow::Owned(out)
}

/// The terminal's width in columns when standard output is one (`COLUMNS` overrides it, as
/// in shells); `None` when writing to a file or pipe.
pub fn terminal_width() -> Option<usize> {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0);
    if columns.is_some() {
        return columns;
    }
    console::Term::stdout()
        .size_checked()
        .map(|(_, cols)| usize::from(cols))
        .filter(|&c| c > 0)
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
            TableFormat::Table => {
                let width = terminal_width();
                let shown = width.map_or(headers.len(), |w| columns_that_fit(headers, &rows, w));
                let rows: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| r[..shown.min(r.len())].to_vec())
                    .collect();
                out.write_all(aligned(&headers[..shown], &rows, 48, width).as_bytes())?;
                if shown < headers.len() {
                    eprintln!(
                        "sitrep: {} more columns do not fit the terminal ({}); a wider one or --format csv shows them",
                        headers.len() - shown,
                        headers[shown..].join(", ")
                    );
                }
            }
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
        Err(err) if crate::output::is_broken_pipe(&err) => Ok(()),
        other => other,
    }
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
            pairs
                .iter()
                .map(|(name, n)| format!("{name} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let _ = writeln!(out, "events by type: {}", list(&summary.events_by_type));
    let actors_by = if summary.events > 0 {
        "events"
    } else {
        "articles"
    };
    let _ = writeln!(
        out,
        "top actors ({actors_by}): {}",
        list(&summary.top_actors)
    );
    let _ = writeln!(out, "top places (articles): {}", list(&summary.top_places));
    out
}

#[cfg(test)]
mod tests {
    use super::{aligned, columns_that_fit};
    use unicode_width::UnicodeWidthStr;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn columns_line_up_and_long_cells_are_cut() {
        let rows = vec![
            strings(&["1", "Jermuk", "x"]),
            strings(&[
                "22",
                "A very long place name indeed",
                "the last column is never cut",
            ]),
        ];
        let table = aligned(&["ID", "PLACE", "Z"], &rows, 10, None);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "ID  PLACE       Z");
        assert_eq!(lines[1], "1   Jermuk      x");
        assert_eq!(lines[2], "22  A very lo…  the last column is never cut");
    }

    #[test]
    fn wide_characters_are_measured_by_display_width() {
        let rows = vec![strings(&["東京都", "x"]), strings(&["Tokyo", "y"])];
        let table = aligned(&["PLACE", "Z"], &rows, 48, None);
        let lines: Vec<&str> = table.lines().collect();
        // 東京都 takes six columns, one more than "Tokyo": the next column starts at 8 on both.
        assert_eq!(lines[1].width(), lines[2].width());
        assert_eq!(lines[1], "東京都  x");
        assert_eq!(lines[2], "Tokyo   y");
    }

    #[test]
    fn lines_fit_the_terminal() {
        let long = "word ".repeat(60);
        let rows = vec![
            strings(&["1", &long, "Jermuk", &long]),
            strings(&["2", "short", "東京都東京都東京都東京都", "x"]),
        ];
        for width in [40, 80, 120] {
            let table = aligned(&["ID", "TEXT", "PLACE", "SNIPPET"], &rows, 48, Some(width));
            for line in table.lines() {
                assert!(
                    line.width() <= width,
                    "{} > {width}: {line:?}",
                    line.width()
                );
            }
            assert!(table.contains('…'));
        }
    }

    #[test]
    fn columns_that_do_not_fit_readably_are_left_out_from_the_right() {
        let headers = ["ID", "DATE", "TYPE", "SOURCE", "TARGET", "PLACE"];
        let rows = vec![strings(&[
            "1",
            "2022-09-13",
            "ASSAULT",
            "Azerbaijan",
            "Armenia",
            "Jermuk",
        ])];
        assert_eq!(columns_that_fit(&headers, &rows, 200), 6);
        // ID 2 (its header), DATE 10, TYPE 7, SOURCE 10 columns and three gaps of two: 35.
        assert_eq!(columns_that_fit(&headers, &rows, 35), 4);
        assert_eq!(columns_that_fit(&headers, &rows, 34), 3);
        assert_eq!(columns_that_fit(&headers, &rows, 3), 2);
    }

    #[test]
    fn narrow_terminals_never_break_the_table() {
        // Columns already at their floor can be wider than one still above its own.
        let rows = vec![strings(&["12345", "long header text", "x", "y"])];
        for width in 0..60 {
            let table = aligned(
                &["ID", "A LONG HEADER", "ABCDEFGH", "Z"],
                &rows,
                48,
                Some(width),
            );
            assert_eq!(table.lines().count(), 2);
        }
    }
}
