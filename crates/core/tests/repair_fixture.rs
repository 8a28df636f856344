//! The repair stage over a real scraped wire story, judged against its gold record.

use std::path::Path;

use sitrep_core::{Article, Pipeline};

fn fixture(ext: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!(
        "tests/fixtures/armenia-azerbaijan-2022-09-13.{ext}"
    ));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn fixture_glued_words_are_repaired_and_names_kept_whole() {
    let raw = fixture("txt");
    let gold: serde_json::Value = serde_json::from_str(&fixture("gold.json")).expect("gold JSON");
    let record = Pipeline::standard().run(Article::text("fixture", raw.clone()));
    assert_eq!(record.language.as_deref(), Some("en"));

    let expected = gold["repairs"].as_object().expect("gold repairs");
    assert!(!expected.is_empty());
    for (original, replacement) in expected {
        let replacement = replacement.as_str().expect("replacement string");
        let found = record.repairs.iter().find(|r| &r.original == original);
        assert_eq!(
            found.map(|r| r.replacement.as_str()),
            Some(replacement),
            "repair of {original}"
        );
    }
    for repair in &record.repairs {
        assert!(
            expected.contains_key(&repair.original),
            "unexpected repair {repair:?}"
        );
        assert_eq!(
            &record.text[repair.start..repair.end],
            repair.replacement,
            "offsets of {repair:?}"
        );
    }

    for word in gold["must_not_split"]
        .as_array()
        .expect("gold must_not_split")
    {
        let word = word.as_str().expect("word");
        assert!(raw.contains(word), "{word} is in the fixture");
        for repair in &record.repairs {
            assert!(
                !splits(&repair.original, &repair.replacement, word),
                "{word} split by {repair:?}"
            );
        }
    }
}

/// Whether a repair broke `word`: it rewrote a token that is part of the word, or a token
/// holding the word without keeping it whole. (Counting occurrences in the text would not do:
/// the clean stage moves captions, and the words in them, out of the text.)
fn splits(original: &str, replacement: &str, word: &str) -> bool {
    word.contains(original) || (original.contains(word) && !replacement.contains(word))
}
