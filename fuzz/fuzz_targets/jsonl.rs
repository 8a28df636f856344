//! Bytes as a JSONL file, read by ingest; every article read goes through the whole pipeline.
#![no_main]

libfuzzer_sys::fuzz_target!(init: sitrep_fuzz::warm_up(), |data: &[u8]| sitrep_fuzz::run_target("jsonl", data));
