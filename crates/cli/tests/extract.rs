//! `sitrep extract` end to end, as a user runs it.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn sitrep(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(args)
        .current_dir(repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sitrep");
    let mut input = child.stdin.take().unwrap();
    // A run refused at argument parsing exits without reading its input: a broken pipe here is
    // that, and the exit status tells the rest.
    let _ = input.write_all(stdin.unwrap_or("").as_bytes());
    drop(input);
    child.wait_with_output().unwrap()
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn records(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect()
}

#[test]
fn bundled_samples_give_one_record_each_in_input_order() {
    let output = sitrep(&["extract", "data/samples"], None);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let records = records(&output);
    let jsonl =
        std::fs::read_to_string(repo_root().join("data/samples/geovirus-wikinews.jsonl")).unwrap();
    let want_ids: Vec<String> = jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    // Name order: the .txt fixture sorts before the .jsonl file.
    assert_eq!(records.len(), want_ids.len() + 1);
    let got_ids: Vec<&str> = records[1..]
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(got_ids, want_ids);
    for record in &records {
        assert_eq!(record["schema"], 1);
        assert!(!record["text"].as_str().unwrap().is_empty());
    }
}

#[test]
fn bad_inputs_are_reported_and_the_rest_still_extracted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a-good.txt"),
        "The ministry said on Monday that talks would resume.",
    )
    .unwrap();
    std::fs::write(dir.path().join("b-empty.txt"), "").unwrap();
    std::fs::write(
        dir.path().join("c-binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 3].repeat(100),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("d-good.txt"),
        "Rescuers reached the village on Tuesday.",
    )
    .unwrap();
    let missing = dir.path().join("missing.txt");
    let output = sitrep(
        &[
            "extract",
            dir.path().to_str().unwrap(),
            missing.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("b-empty.txt: empty file"), "{stderr}");
    assert!(stderr.contains("c-binary.txt: binary content"), "{stderr}");
    assert!(stderr.contains("missing.txt"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let texts: Vec<String> = records(&output)
        .iter()
        .map(|r| r["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(texts.len(), 2);
    assert!(texts[0].starts_with("The ministry") && texts[1].starts_with("Rescuers"));
}

#[test]
fn stdin_with_default_publication_date() {
    let output = sitrep(
        &["extract", "--published", "2024-01-10", "-"],
        Some("Officials said on Monday that the border was closed."),
    );
    assert!(output.status.success());
    let records = records(&output);
    assert_eq!(records[0]["published"], "2024-01-10");
    assert_eq!(records[0]["dates"][0]["value"], "2024-01-08");
}

#[test]
fn jsonl_ids_are_kept() {
    let input =
        "{\"id\": \"a1\", \"text\": \"First story.\"}\n{\"id\": 2, \"text\": \"Second story.\"}\n";
    let output = sitrep(&["extract", "-"], Some(input));
    let ids: Vec<String> = records(&output)
        .iter()
        .map(|r| r["id"].to_string())
        .collect();
    assert_eq!(ids, vec!["\"a1\"", "\"2\""]);
}

#[test]
fn a_bad_date_is_refused_with_a_reason() {
    let output = sitrep(&["extract", "--published", "13/09/2022", "-"], Some("x"));
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn help_teaches_by_example() {
    let output = sitrep(&["extract", "--help"], None);
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("Examples:") && help.contains("sitrep extract data/samples"));
}

#[test]
fn syntax_adds_tokens_only_when_asked() {
    let plain = records(&sitrep(&["extract", "data/samples"], None));
    assert!(plain.iter().all(|r| r.get("tokens").is_none()));
    let output = sitrep(&["extract", "--syntax", "data/samples"], None);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let parsed = records(&output);
    assert_eq!(parsed.len(), plain.len());
    for (r, p) in parsed.iter().zip(&plain) {
        // The rest of the record is unchanged.
        let mut without = r.clone();
        without.as_object_mut().unwrap().remove("tokens");
        assert_eq!(&without, p);
        let text = r["text"].as_str().unwrap();
        let sentences = r["sentences"].as_array().unwrap();
        let tokens = r["tokens"].as_array().expect("tokens with --syntax");
        assert!(!tokens.is_empty());
        let span = |t: &serde_json::Value| {
            (
                t["start"].as_u64().unwrap() as usize,
                t["end"].as_u64().unwrap() as usize,
            )
        };
        let sentence_of = |at: usize| {
            sentences.iter().position(|s| {
                s[0].as_u64().unwrap() as usize <= at && at < s[1].as_u64().unwrap() as usize
            })
        };
        let mut last_end = 0;
        for t in tokens {
            let (s, e) = span(t);
            assert!(s >= last_end && s < e, "words in order, not overlapping");
            last_end = e;
            let word = text.get(s..e).expect("offsets on character boundaries");
            assert_eq!(word.trim(), word, "no space inside a word's span");
            assert!(sitrep_core::syntax::Upos::parse(t["upos"].as_str().unwrap()).is_some());
            match t["head"].as_u64() {
                None => assert_eq!(t["deprel"], "root"),
                Some(h) => {
                    let head = &tokens[h as usize];
                    assert_ne!(t["deprel"], "root");
                    assert_eq!(
                        sentence_of(span(head).0),
                        sentence_of(s),
                        "heads stay in the sentence"
                    );
                }
            }
        }
    }
}
