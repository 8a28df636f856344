//! Prepares shipped data for the library to embed, so the binary starts without decoding:
//! flat archives (`src/flat.rs`) of the gazetteer (`src/geo/archive.rs`) and the word model
//! (`src/lang/en/words.rs`), and plain copies of the gzipped actor table and NER model, all
//! into OUT_DIR.
//!
//! The archive code and the key functions are the library's own files, included here so the
//! places are keyed exactly as the geo stage looks them up.

use std::io::Read;
use std::path::Path;

#[allow(dead_code)]
#[path = "src/geo/archive.rs"]
mod archive;
// The build script writes archives; the library reads and embeds them.
#[allow(dead_code, unused_macros, unused_imports)]
#[path = "src/flat.rs"]
mod flat;
#[path = "src/text/fold.rs"]
mod fold;
#[allow(dead_code)]
#[path = "src/geo/key.rs"]
pub mod key;
#[allow(dead_code)]
#[path = "src/lang/en/words.rs"]
mod words;

/// The paths the included files use inside the library.
mod text {
    pub use crate::fold::fold;
}
mod geo {
    pub(crate) use crate::key;
}

fn main() {
    // The archives hold this machine's integers, read in place by the target's.
    assert_eq!(
        std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref(),
        Ok(if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        }),
        "sitrep's flat archives need the build machine and the target to share byte order"
    );
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    // Compressed in the repository, plain in the binary: the loader reads them in place.
    for (gz, plain) in [
        ("actors/actors.tsv.gz", "actors.tsv"),
        ("actors/officeholders.tsv.gz", "officeholders.tsv"),
        ("models/ner-en.bin", "ner-en.raw"),
    ] {
        let gz = data.join(gz);
        println!("cargo::rerun-if-changed={}", gz.display());
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(read(&gz).as_slice())
            .read_to_end(&mut bytes)
            .unwrap_or_else(|e| panic!("{}: {e}", gz.display()));
        write(&out.join(plain), &bytes);
    }
    let (places, regions) = (
        data.join("gazetteer/places.tsv.gz"),
        data.join("gazetteer/regions.tsv"),
    );
    for input in [&places, &regions] {
        println!("cargo::rerun-if-changed={}", input.display());
    }
    let regions = String::from_utf8(read(&regions)).expect("regions.tsv is UTF-8");
    let archive = archive::write(&read(&places), &regions).expect("places.tsv.gz decodes");
    write(&out.join("gazetteer.bin"), &archive);

    let words = data.join("models/words-en.tsv.gz");
    println!("cargo::rerun-if-changed={}", words.display());
    let model = words::WordModel::decode(&read(&words)).expect("words-en.tsv.gz decodes");
    write(&out.join("words-en.bin"), &model.to_archive());
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
