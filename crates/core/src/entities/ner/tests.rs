use super::lexicon::Lexicon;
use super::train::{TrainOptions, micro_f1, read_conll};
use super::*;

/// A few CoNLL-style sentences written for this test: names recur in new contexts so a model
/// that only memorised positions would fail.
const SAMPLE: &str = "\
-DOCSTART- -X- -X- O

Maria NNP I-NP I-PER
Lopez NNP I-NP I-PER
visited VBD I-VP O
Paris NNP I-NP I-LOC
. . O O

Acme NNP I-NP I-ORG
Corp NNP I-NP I-ORG
hired VBD I-VP O
Maria NNP I-NP I-PER
Lopez NNP I-NP I-PER
. . O O

The DT I-NP O
French JJ I-NP I-MISC
team NN I-NP O
left VBD I-VP O
Paris NNP I-NP I-LOC
for IN I-PP O
Berlin NNP I-NP I-LOC
. . O O

John NNP I-NP I-PER
Smith NNP I-NP I-PER
joined VBD I-VP O
Acme NNP I-NP I-ORG
Corp NNP I-NP I-ORG
in IN I-PP O
Berlin NNP I-NP I-LOC
. . O O
";

fn tiny_model() -> NerModel {
    let train = read_conll(SAMPLE);
    let options = TrainOptions {
        bits: 12,
        epochs: 10,
        ..Default::default()
    };
    let (bytes, report) = super::train_on_sentences(
        &train,
        &train,
        Lexicon::from_pairs(&[("paris", 1)]),
        &options,
    );
    assert_eq!(report.dev_f1.len(), 10);
    NerModel::from_bytes(&bytes).expect("model round-trips")
}

#[test]
fn reads_iob1_as_bio() {
    let s = read_conll(SAMPLE);
    assert_eq!(s.len(), 4);
    assert_eq!(s[0].tags[0], NerTag::Begin(NerLabel::Per));
    assert_eq!(s[0].tags[1], NerTag::Inside(NerLabel::Per));
    assert_eq!(s[2].tags[1], NerTag::Begin(NerLabel::Misc));
}

#[test]
fn training_learns_a_tiny_sample_and_is_deterministic() {
    let train = read_conll(SAMPLE);
    let model = tiny_model();
    assert_eq!(micro_f1(&model, &train), 1.0);
    let options = TrainOptions {
        bits: 12,
        epochs: 10,
        ..Default::default()
    };
    let a = super::train_on_sentences(&train, &[], Lexicon::default(), &options).0;
    let b = super::train_on_sentences(&train, &[], Lexicon::default(), &options).0;
    assert_eq!(a, b);
}

#[test]
fn tag_returns_byte_spans_per_sentence() {
    let model = tiny_model();
    let text = "Maria Lopez visited Berlin. Acme Corp hired John Smith.";
    let spans = model.tag(text, &[[0, 27], [28, text.len()]]);
    let got: Vec<(&str, NerLabel)> = spans
        .iter()
        .map(|s| (&text[s.start..s.end], s.label))
        .collect();
    assert_eq!(
        got,
        [
            ("Maria Lopez", NerLabel::Per),
            ("Berlin", NerLabel::Loc),
            ("Acme Corp", NerLabel::Org),
            ("John Smith", NerLabel::Per)
        ]
    );
}

#[test]
fn never_panics_on_odd_input() {
    let model = tiny_model();
    let text = "é\u{0}\u{FFFD}  \n\n ééé";
    assert!(
        model
            .tag(text, &[[0, 1], [1, 400], [5, 2], [0, text.len()]])
            .len()
            <= text.len()
    );
    assert!(model.tag("", &[]).is_empty());
    assert!(model.tag_tokens(&[]).is_empty());
    assert!(NerModel::from_bytes(b"junk").is_err());
    let _ = NerModel::english().tag_tokens(&["x"]);
}

#[test]
fn bio_spans_split_adjacent_entities() {
    use NerTag::*;
    let tags = [
        Begin(NerLabel::Per),
        Begin(NerLabel::Per),
        Inside(NerLabel::Per),
        O,
        Inside(NerLabel::Loc),
    ];
    assert_eq!(
        token_spans(&tags),
        [
            (0, 1, NerLabel::Per),
            (1, 3, NerLabel::Per),
            (4, 5, NerLabel::Loc)
        ]
    );
}

/// The shipped model on sentences written for this test (not from its training data): titles
/// stay outside person names, and an all-caps line is still tagged.
#[test]
fn shipped_model_tags_news_sentences() {
    let model = NerModel::english();
    let text = "Prime Minister Nikol Pashinyan met German Chancellor Olaf Scholz in Brussels on Tuesday. \
                UKRAINE'S PRESIDENT VOLODYMYR ZELENSKIY VISITS WASHINGTON";
    let cut = text.find("UKRAINE").unwrap_or(0);
    let spans = model.tag(text, &[[0, cut - 1], [cut, text.len()]]);
    let got: Vec<(&str, NerLabel)> = spans
        .iter()
        .map(|s| (&text[s.start..s.end], s.label))
        .collect();
    for want in [
        ("Nikol Pashinyan", NerLabel::Per),
        ("Olaf Scholz", NerLabel::Per),
        ("Brussels", NerLabel::Loc),
        ("VOLODYMYR ZELENSKIY", NerLabel::Per),
        ("WASHINGTON", NerLabel::Loc),
    ] {
        assert!(got.contains(&want), "{want:?} missing from {got:?}");
    }
    assert!(!got.iter().any(|(s, _)| s.contains("Minister")), "{got:?}");
}

/// Names with typographic apostrophes stay whole; handles and web addresses are never entities.
#[test]
fn shipped_model_keeps_curly_names_and_leaves_handles_out() {
    let model = NerModel::english();
    let text = "Police spokeswoman Kelly Macy-O’Toole said Seán O’Brien was held. \
                Senator Chuck Schumer (@SenSchumer) wrote at https://twitter.com/SenSchumer that @AP erred. \
                We stand with #Israel, said @POTUS. Thanks to @NATO.";
    let spans = model.tag(text, &[[0, text.len()]]);
    let got: Vec<&str> = spans.iter().map(|s| &text[s.start..s.end]).collect();
    for want in ["Kelly Macy-O’Toole", "Seán O’Brien", "Chuck Schumer"] {
        assert!(got.contains(&want), "{want} missing from {got:?}");
    }
    for span in &got {
        assert!(
            !span.contains("Schumer)") && !span.contains('@') && !span.contains("twitter"),
            "{got:?}"
        );
    }
    assert!(
        !got.iter().any(|s| *s == "SenSchumer" || *s == "AP"),
        "{got:?}"
    );
}
