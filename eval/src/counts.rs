//! Fatality counts against ACLED: each row's `notes` (a one-paragraph event summary) runs
//! through the pipeline, and its `fatalities` column is the gold.
//!
//! Only rows whose notes *state* their fatality number are scored: `fatalities` > 0 and the
//! number appears in the notes as digits or a number word, outside ACLED's coding remarks
//! ("Fatalities coded as 0 (VoJ reported 3 fatalities)", "Total fatalities coded as 5",
//! "Fatalities split over 2 locations (4)"). A row with 0, or whose number is a
//! sum the notes never write ("4 militia members and 3 militants were killed" coded 7), states
//! none. A stated row is a hit when our `killed` counts hold exactly that number.

use std::fmt;
use std::path::Path;

use anyhow::{Context, Result, bail};
use sitrep_core::{Article, Pipeline};

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub files: usize,
    pub rows: usize,
    /// Rows with a fatalities column.
    pub with_fatalities: usize,
    /// Rows whose notes state their fatality number.
    pub stated: usize,
    /// Stated rows where our killed counts contain the number.
    pub hits: usize,
    /// A few misses (fatalities, notes) to read.
    pub misses: Vec<(u64, String)>,
}

impl Report {
    pub fn share(&self) -> f64 {
        self.hits as f64 / self.stated.max(1) as f64
    }
}

const WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// The notes without ACLED's own coding remarks ("Fatalities coded as 0 (…)", "Total
/// fatalities coded as 5.", "Fatalities split over 2 locations (4)."), which restate numbers
/// as metadata rather than report them.
fn narrative(notes: &str) -> &str {
    ["Fatalities ", "Total fatalities"]
        .iter()
        .filter_map(|m| notes.find(m))
        .min()
        .map_or(notes, |i| &notes[..i])
}

/// Whether `notes` write `n` as a number of their own (digits or word).
pub fn states(notes: &str, n: u64) -> bool {
    if n == 0 {
        return false;
    }
    let digits = n.to_string();
    let word = WORDS.get(n as usize).copied();
    narrative(notes)
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w == digits || word.is_some_and(|x| w.eq_ignore_ascii_case(x)))
}

pub fn evaluate(dir: &Path) -> Result<Report> {
    if !dir.is_dir() {
        bail!(
            "{}: no such folder (expected the conflict-events data set with ACLED CSV files)",
            dir.display()
        );
    }
    let pipeline = Pipeline::standard();
    let mut report = Report::default();
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    paths.sort();
    for path in paths {
        let mut reader =
            csv::Reader::from_path(&path).with_context(|| format!("reading {}", path.display()))?;
        let headers = reader.headers()?.clone();
        let (Some(notes_at), Some(fatal_at)) = (
            headers.iter().position(|h| h == "notes"),
            headers.iter().position(|h| h == "fatalities"),
        ) else {
            continue;
        };
        report.files += 1;
        for (n, row) in reader.records().enumerate() {
            let row = row.with_context(|| format!("{}: row {}", path.display(), n + 2))?;
            report.rows += 1;
            // The HXL hashtag row and blanks carry no number.
            let Ok(fatalities) = row.get(fatal_at).unwrap_or("").trim().parse::<u64>() else {
                continue;
            };
            report.with_fatalities += 1;
            let notes = row.get(notes_at).unwrap_or("");
            if !states(notes, fatalities) {
                continue;
            }
            report.stated += 1;
            let record = pipeline.run(Article::text(
                format!("{}:{}", path.display(), n + 2),
                notes,
            ));
            let hit = record
                .counts
                .iter()
                .flatten()
                .any(|c| c.kind == "killed" && c.number == fatalities);
            if hit {
                report.hits += 1;
            } else if report.misses.len() < 10 {
                report.misses.push((fatalities, notes.to_string()));
            }
        }
    }
    if report.files == 0 {
        bail!(
            "{}: no CSV file with `notes` and `fatalities` columns",
            dir.display()
        );
    }
    Ok(report)
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "ACLED fatality counts: {} file(s), {} rows, {} with a fatalities value",
            self.files, self.rows, self.with_fatalities
        )?;
        writeln!(f, "rows whose notes state the number: {}", self.stated)?;
        writeln!(
            f,
            "our killed counts hold it: {} ({:.1}%)",
            self.hits,
            100.0 * self.share()
        )?;
        for (n, notes) in &self.misses {
            writeln!(f, "  miss {n}: {notes}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_numbers() {
        assert!(states("On 3 May, 12 militants were killed.", 12));
        assert!(states("Two soldiers were killed.", 2));
        assert!(!states("4 militiamen and 3 militants were killed.", 7));
        assert!(!states(
            "1 soldier was killed. Fatalities coded as 0 (VoJ reported 1 fatality).",
            0
        ));
    }

    #[test]
    fn missing_folder_is_an_error() {
        assert!(evaluate(Path::new("/nonexistent/conflict-events")).is_err());
    }

    #[test]
    #[ignore = "reads /work/shared/data"]
    fn shared_data() {
        let r = evaluate(Path::new("/work/shared/data/conflict-events")).expect("eval runs");
        println!("{r}");
    }
}
