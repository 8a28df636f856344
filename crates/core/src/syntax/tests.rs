use super::*;

fn tree(rows: &[(&str, &str, usize, &str)]) -> Vec<conllu::TreeWord> {
    rows.iter()
        .map(|&(form, upos, head, deprel)| conllu::TreeWord {
            form: form.into(),
            upos: upos.into(),
            head,
            deprel: deprel.into(),
        })
        .collect()
}

fn tiny_treebank() -> Vec<Vec<conllu::TreeWord>> {
    let a = tree(&[
        ("Rebels", "NOUN", 2, "nsubj"),
        ("attacked", "VERB", 0, "root"),
        ("the", "DET", 4, "det"),
        ("town", "NOUN", 2, "obj"),
        (".", "PUNCT", 2, "punct"),
    ]);
    let b = tree(&[
        ("The", "DET", 2, "det"),
        ("army", "NOUN", 3, "nsubj"),
        ("shelled", "VERB", 0, "root"),
        ("villages", "NOUN", 3, "obj"),
        ("in", "ADP", 6, "case"),
        ("Syria", "PROPN", 3, "obl"),
        (".", "PUNCT", 3, "punct"),
    ]);
    let c = tree(&[
        ("Police", "NOUN", 2, "nsubj"),
        ("arrested", "VERB", 0, "root"),
        ("protesters", "NOUN", 2, "obj"),
        ("yesterday", "NOUN", 2, "obl:tmod"),
        (".", "PUNCT", 2, "punct"),
    ]);
    let mut out = Vec::new();
    for _ in 0..20 {
        out.extend([a.clone(), b.clone(), c.clone()]);
    }
    out
}

fn small() -> TrainOptions {
    TrainOptions {
        tag_bits: 12,
        move_bits: 12,
        label_bits: 10,
        tag_epochs: 4,
        parse_epochs: 4,
        ..Default::default()
    }
}

#[test]
fn training_learns_its_sentences_and_is_deterministic() {
    let bank = tiny_treebank();
    let (model, report) = train(&bank, &bank[..3], &small()).unwrap();
    let (again, _) = train(&bank, &bank[..3], &small()).unwrap();
    let bytes = model.to_bytes();
    assert_eq!(bytes, again.to_bytes(), "same data, same model bytes");
    assert!(report.parse_dev.last().unwrap().1 > 0.99, "{report}");
    let loaded = SyntaxModel::from_bytes(&bytes).unwrap();
    let parsed = loaded.parse_words(
        &["The", "army", "shelled", "villages", "in", "Syria", "."],
        &mut Scratch::default(),
    );
    let heads: Vec<Option<usize>> = parsed.iter().map(|p| p.head).collect();
    assert_eq!(
        heads,
        [Some(1), Some(2), None, Some(2), Some(5), Some(2), Some(2)]
    );
    let rels: Vec<&str> = parsed.iter().map(|p| p.deprel).collect();
    assert_eq!(
        rels,
        ["det", "nsubj", "root", "obj", "case", "obl", "punct"]
    );
    assert_eq!(parsed[5].upos.as_str(), "PROPN");
}

#[test]
fn bad_model_files_are_errors() {
    assert!(SyntaxModel::from_bytes(b"").is_err());
    let (model, _) = train(&tiny_treebank(), &[], &small()).unwrap();
    let bytes = model.to_bytes();
    let mut raw = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut raw).unwrap();
    raw.truncate(raw.len() - 1);
    let mut enc = flate2::GzBuilder::new().write(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut enc, &raw).unwrap();
    let err = SyntaxModel::from_bytes(&enc.finish().unwrap())
        .err()
        .unwrap();
    assert!(err.to_string().contains("truncated"), "{err}");
}

/// Every sentence is one tree: one root, every head inside the sentence, no cycle.
fn assert_trees(parsed: &[Parsed]) {
    assert_eq!(parsed.iter().filter(|p| p.head.is_none()).count(), 1);
    assert!(
        parsed
            .iter()
            .all(|p| (p.head.is_none()) == (p.deprel == "root"))
    );
    for start in 0..parsed.len() {
        let (mut at, mut steps) = (start, 0);
        while let Some(h) = parsed[at].head {
            assert!(h < parsed.len());
            at = h;
            steps += 1;
            assert!(steps <= parsed.len(), "cycle through word {start}");
        }
    }
}

#[test]
fn the_english_model_reads_news_sentences() {
    let model = SyntaxModel::english();
    let mut scratch = Scratch::default();
    let words = tokenize::words(
        "Azerbaijani forces shelled the town of Jermuk on Tuesday, officials said.",
    );
    let parsed = model.parse_words(&words, &mut scratch);
    assert_trees(&parsed);
    let of = |w: &str| words.iter().position(|&x| x == w).unwrap();
    assert_eq!(parsed[of("forces")].head, Some(of("shelled")));
    assert_eq!(parsed[of("forces")].deprel, "nsubj");
    assert_eq!(parsed[of("town")].head, Some(of("shelled")));
    assert_eq!(parsed[of("town")].deprel, "obj");
    // UD's reading of a report set after its content: the content is the root.
    assert_eq!(parsed[of("shelled")].head, None);
    assert_eq!(parsed[of("said")].head, Some(of("shelled")));
    assert_eq!(parsed[of("said")].deprel, "parataxis");
    assert_eq!(parsed[of("shelled")].upos.as_str(), "VERB");
    // Headlines in capitals and one-word lines still give one tree each.
    for line in ["REBELS SEIZE AIRPORT IN NORTH", "Reuters", "", "— ,,, ;"] {
        let words = tokenize::words(line);
        let parsed = model.parse_words(&words, &mut scratch);
        assert_eq!(parsed.len(), words.len());
        if !words.is_empty() {
            assert_trees(&parsed);
        }
    }
}
