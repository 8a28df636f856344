//! The dependency rules of ARCHITECTURE.md, checked on the source: a stage module may use the
//! shared modules (the record, the document, the token list, the `Stage` trait, language data,
//! the actor dictionary) and the stages that run before it, never the pipeline or a stage that
//! runs after it; the shared modules use no stage.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Stage modules in the order they run.
const STAGES: [&str; 12] = [
    "ingest", "clean", "text", "repair", "syntax", "time", "entities", "geo", "quotes", "counts",
    "events", "tone",
];

/// Modules every stage may use.
const SHARED: [&str; 7] = [
    "record", "document", "token", "stage", "lang", "actors", "flat",
];

/// Known exceptions, each with its reason: `clean` reads dates in page metadata with `time`'s
/// parser, until one partial-date type lives in the record module.
const EXCEPTIONS: [(&str, &str); 1] = [("clean", "time")];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn files(module: &str) -> Vec<PathBuf> {
    let dir = src().join(module);
    if dir.is_dir() {
        let mut out = Vec::new();
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(d).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        out
    } else {
        vec![src().join(format!("{module}.rs"))]
    }
}

/// The top-level modules `module` names as `crate::X`.
fn uses(module: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for file in files(module) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (at, _) in text.match_indices("crate::") {
            let name: String = text[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() && name != module {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn stages_use_only_shared_modules_and_earlier_stages() {
    let mut broken = Vec::new();
    for (k, stage) in STAGES.iter().enumerate() {
        for used in uses(stage) {
            let earlier = STAGES[..k].contains(&used.as_str());
            let allowed = earlier
                || SHARED.contains(&used.as_str())
                || EXCEPTIONS.contains(&(stage, used.as_str()));
            if !allowed {
                broken.push(format!("{stage} uses crate::{used}"));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn shared_modules_use_no_stage_and_no_pipeline() {
    let mut broken = Vec::new();
    for shared in SHARED {
        for used in uses(shared) {
            // The document starts from what ingest read; language data reads text units.
            let allowed = SHARED.contains(&used.as_str())
                || (shared == "document" && used == "ingest")
                || (used == "text" && matches!(shared, "lang" | "actors"));
            if !allowed {
                broken.push(format!("{shared} uses crate::{used}"));
            }
        }
    }
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn the_checker_sees_imports() {
    // The rules above would pass vacuously if `uses` found nothing.
    assert!(uses("events").contains("entities"));
    assert!(uses("repair").contains("lang"));
}
