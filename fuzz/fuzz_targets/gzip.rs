//! Bytes as an input without a known extension, read by ingest (gzip undone by content,
//! then the format sniffed); every article read goes through the whole pipeline.
#![no_main]

libfuzzer_sys::fuzz_target!(init: sitrep_fuzz::warm_up(), |data: &[u8]| sitrep_fuzz::run_target("gzip", data));
