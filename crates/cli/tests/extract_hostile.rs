//! Hostile inputs to `sitrep extract`, each between two good articles: the run ends with exit 0
//! or 1, both neighbours are extracted, and a failure is one stderr line naming the input.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BEFORE: &str = "The United Nations said on Monday that talks between Armenia and Azerbaijan would resume in Geneva.";
const AFTER: &str = "Police in Kenya arrested 12 protesters in Nairobi on Friday, officials said.";

fn extract_between(
    dir: &Path,
    name: &str,
    bad: &[u8],
    extra: &[&str],
) -> (Output, Vec<serde_json::Value>) {
    let before = write(dir, "a-before.txt", BEFORE.as_bytes());
    let bad = write(dir, name, bad);
    let after = write(dir, "z-after.txt", AFTER.as_bytes());
    let output = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("extract")
        .args(extra)
        .args([&before, &bad, &after])
        .output()
        .expect("run sitrep");
    let records = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is a JSON record"))
        .collect();
    (output, records)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn assert_neighbours_kept(name: &str, output: &Output, records: &[serde_json::Value]) {
    let code = output.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "{name}: exit {code:?}, stderr {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let texts: Vec<&str> = records.iter().filter_map(|r| r["text"].as_str()).collect();
    assert!(
        texts.first().is_some_and(|t| t.contains("Geneva")),
        "{name}: first neighbour lost"
    );
    assert!(
        texts.last().is_some_and(|t| t.contains("Nairobi")),
        "{name}: last neighbour lost"
    );
    for line in String::from_utf8_lossy(&output.stderr).lines() {
        assert!(
            line.starts_with("sitrep: "),
            "{name}: stray stderr line {line:?}"
        );
    }
}

#[test]
fn deeply_nested_html_keeps_its_text_and_its_neighbours() {
    let dir = tempfile::tempdir().unwrap();
    for tag in ["b", "i", "span", "div"] {
        let page = format!(
            "<html><body>{}Deep text about the ceasefire.</body></html>",
            format!("<{tag}>").repeat(100_000)
        );
        let (output, records) = extract_between(dir.path(), "deep.html", page.as_bytes(), &[]);
        assert_neighbours_kept(tag, &output, &records);
        assert_eq!(records.len(), 3, "<{tag}>");
        assert!(
            records[1]["text"].as_str().unwrap().contains("Deep text"),
            "<{tag}>: {}",
            records[1]["text"]
        );
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("nested deeper than"),
            "<{tag}>"
        );
    }
}

#[test]
fn a_warc_header_with_a_stray_byte_costs_no_neighbour() {
    let dir = tempfile::tempdir().unwrap();
    let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Troops withdrew from the border town on Sunday.</p></body></html>";
    let mut warc = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:7>\r\nContent-Type: application/http;\x9a msgtype=response\r\n".to_vec();
    warc.extend(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    warc.extend(block);
    let (output, records) = extract_between(dir.path(), "crawl.warc", &warc, &[]);
    assert_neighbours_kept("warc", &output, &records);
    assert!(
        records.iter().any(|r| r["text"]
            .as_str()
            .is_some_and(|t| t.contains("border town"))),
        "{records:?}"
    );
}

#[test]
fn odd_unicode_spaces_next_to_glued_words_are_extracted_not_skipped() {
    let dir = tempfile::tempdir().unwrap();
    for space in [
        '\u{2009}', '\u{2003}', '\u{3000}', '\u{2028}', '\u{2029}', '\u{85}', '\u{205f}',
        '\u{1680}',
    ] {
        let text = format!(
            "Yerevan\"{space}Azerbaijan Defence{space}Guterresasked in the{space}UnitedNations{space}Ministryof killed."
        );
        let (output, records) = extract_between(dir.path(), "spaces.txt", text.as_bytes(), &[]);
        assert_neighbours_kept(&format!("{space:?}"), &output, &records);
        assert_eq!(
            records.len(),
            3,
            "{space:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.status.code(), Some(0), "{space:?}");
    }
}

#[test]
fn a_spent_time_budget_gives_a_record_with_a_warning_for_every_article() {
    let dir = tempfile::tempdir().unwrap();
    let long = "Azerbaijani forces shelled Jermuk on Tuesday, the Armenian Defence Ministry said. "
        .repeat(2_000);
    // A budget no article can keep: each still gives its record, with what was done.
    let (output, records) = extract_between(
        dir.path(),
        "long.txt",
        long.as_bytes(),
        &["--max-seconds", "0.000001"],
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(records.len(), 3);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("long.txt: time budget of") && stderr.contains("stages skipped"),
        "{stderr}"
    );
    assert!(
        records
            .iter()
            .all(|r| r["warnings"].as_array().is_some_and(|w| !w.is_empty()))
    );
}
