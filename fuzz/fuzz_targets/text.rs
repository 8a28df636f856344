//! Bytes, decoded lossily as UTF-8, as the text body of one article through the whole pipeline.
#![no_main]

libfuzzer_sys::fuzz_target!(init: sitrep_fuzz::warm_up(), |data: &[u8]| sitrep_fuzz::run_target("text", data));
