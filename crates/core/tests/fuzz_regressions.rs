//! Inputs the fuzz targets (`fuzz/`) found crashing, hanging or breaking a record invariant,
//! replayed: `tests/fuzz-regressions/TARGET/FILE` goes through what fuzz target TARGET does
//! with its bytes (`support/fuzz_input.rs`) and must finish, without a panic, within
//! [`LIMIT`], with records that keep the invariants (`support/invariants.rs`).
//!
//! Each input runs in a child process (this test binary again, filtered to
//! `replay_one_input`), so a stack overflow or an abort is reported with its file name instead
//! of killing the whole test binary, and a hang is killed at the limit.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use std::{env, fs, thread};

#[path = "support/fuzz_input.rs"]
mod fuzz_input;
#[path = "support/invariants.rs"]
mod invariants;

/// Far above what any input takes in a release build (the fuzz targets time out at 10 s), for
/// unoptimised test builds on a loaded machine.
const LIMIT: Duration = Duration::from_secs(60);
const INPUT_VAR: &str = "SITREP_FUZZ_REGRESSION";

fn regressions() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions")
}

/// The inputs kept, as (target, file), in name order.
fn inputs() -> Vec<(String, PathBuf)> {
    let mut inputs = Vec::new();
    for target in fuzz_input::TARGETS {
        let Ok(entries) = fs::read_dir(regressions().join(target)) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.is_file())
            .filter(|path| {
                path.file_name()
                    .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
            })
            .collect();
        files.sort();
        inputs.extend(files.into_iter().map(|file| (target.to_string(), file)));
    }
    inputs
}

#[test]
fn every_input_the_fuzzers_found_runs_cleanly() {
    // A folder named after no target would be skipped silently: catch the typo instead.
    if let Ok(entries) = fs::read_dir(regressions()) {
        for entry in entries {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                !path.is_dir() || fuzz_input::TARGETS.contains(&name.as_str()),
                "tests/fuzz-regressions/{name}/ is named after no fuzz target {:?}",
                fuzz_input::TARGETS
            );
        }
    }
    let me = env::current_exe().unwrap();
    let mut failures = Vec::new();
    let inputs = inputs();
    for (target, file) in &inputs {
        let mut child = Command::new(&me)
            .args([
                "replay_one_input",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(INPUT_VAR, format!("{target}:{}", file.display()))
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if started.elapsed() > LIMIT {
                child.kill().unwrap();
                child.wait().unwrap();
                break None;
            }
            thread::sleep(Duration::from_millis(20));
        };
        let name = file
            .strip_prefix(regressions())
            .unwrap_or(file)
            .display()
            .to_string();
        match status {
            None => failures.push(format!("{name}: still running after {LIMIT:?} (a hang)")),
            Some(status) if !status.success() => {
                let output = child.wait_with_output().unwrap();
                let stderr = String::from_utf8_lossy(&output.stderr);
                let why: Vec<&str> = stderr
                    .lines()
                    .filter(|line| !line.trim().is_empty() && !line.starts_with("note:"))
                    .take(6)
                    .collect();
                failures.push(format!("{name}: {status}\n    {}", why.join("\n    ")));
            }
            Some(_) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fuzz regression inputs failed:\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
}

/// The child's side: runs the one input named in the environment (and nothing when run as
/// part of the ordinary suite).
#[test]
fn replay_one_input() {
    let Ok(input) = env::var(INPUT_VAR) else {
        return;
    };
    let (target, file) = input.split_once(':').unwrap();
    let data = fs::read(file).unwrap();
    // As the fuzz targets do before their first input.
    fuzz_input::warm_up();
    fuzz_input::run_target(target, &data);
}
