use super::*;
use crate::record::{DateMention, Record};

fn record(text: &str) -> Record {
    Record {
        text: text.into(),
        sentences: crate::text::split_sentences(text),
        published: Some("2023-05-10".into()),
        ..Record::default()
    }
}

/// (kind, number, qualifier, subject) of every count.
fn counts(text: &str) -> Vec<(String, u64, String, Option<String>)> {
    find_counts(&record(text))
        .into_iter()
        .map(|c| (c.kind, c.number, c.qualifier, c.subject))
        .collect()
}

fn one(text: &str) -> (String, u64, String, Option<String>) {
    let c = counts(text);
    assert_eq!(c.len(), 1, "{text}: {c:?}");
    c.into_iter().next().unwrap_or_default()
}

#[test]
fn number_forms() {
    assert_eq!(one("The storm killed 49 people.").1, 49);
    assert_eq!(one("Floods have displaced 6,500 residents.").1, 6500);
    assert_eq!(one("The war displaced 2.5 million people.").1, 2_500_000);
    assert_eq!(one("Three civilians were injured.").1, 3);
    assert_eq!(one("Twenty-five miners are missing.").1, 25);
    assert_eq!(one("A dozen protesters were arrested.").1, 12);
    assert_eq!(one("Police detained two hundred demonstrators.").1, 200);
}

#[test]
fn vague_plurals_are_estimates() {
    assert_eq!(
        one("Dozens were wounded in the blast."),
        ("injured".into(), 24, "about".into(), None)
    );
    assert_eq!(one("Hundreds fled the fighting.").1, 200);
    assert_eq!(one("Thousands were displaced.").1, 2000);
    assert_eq!(one("Tens of thousands were displaced.").1, 20000);
}

#[test]
fn qualifiers() {
    let q = |t: &str| one(t).2;
    assert_eq!(q("At least 12 people were killed."), "at_least");
    assert_eq!(q("More than 30 soldiers died."), "more_than");
    assert_eq!(q("Over 30 soldiers died."), "more_than");
    assert_eq!(q("Some 40 people were hurt."), "about");
    assert_eq!(q("About 40 people were hurt."), "about");
    assert_eq!(q("Around 40 people were hurt."), "about");
    assert_eq!(q("Nearly 40 people were hurt."), "about");
    assert_eq!(q("Almost 40 people were hurt."), "about");
    assert_eq!(q("Up to 40 people may be missing."), "up_to");
    assert_eq!(q("Exactly 40 people were hurt."), "exact");
}

#[test]
fn kinds_and_subjects() {
    assert_eq!(
        one("The attack left at least 20 dead among the local police."),
        (
            "killed".into(),
            20,
            "at_least".into(),
            Some("local police".into())
        )
    );
    assert_eq!(
        one("Officials reported three civilians injured."),
        (
            "injured".into(),
            3,
            "exact".into(),
            Some("civilians".into())
        )
    );
    assert_eq!(
        one("The army sent some 2,000 soldiers to the border."),
        (
            "troops".into(),
            2000,
            "about".into(),
            Some("soldiers".into())
        )
    );
    assert_eq!(one("Gunmen abducted 15 students.").0, "kidnapped");
    assert_eq!(one("Police arrested 8 men.").0, "arrested");
    assert_eq!(
        counts("At least 5 rebels were killed and 11 were wounded.")[0].0,
        "killed"
    );
    let both = counts("7 rebels were killed and 11 were wounded.");
    assert_eq!(
        both.iter().map(|c| (c.0.as_str(), c.1)).collect::<Vec<_>>(),
        [("killed", 7), ("injured", 11)]
    );
}

#[test]
fn never_counts() {
    for text in [
        "In 2019 the dam was built and 2022 was calm.",
        "The vote on September 13 was delayed; on 21 March it resumed.",
        "The victim, aged 49, was a 49-year-old teacher who was killed.",
        "The fund lost $40 million and 30 percent of its value; 12% were killed off.",
        "Resolution 2020 was passed; Flight 17 victims were mourned.",
        "Call 555-1234 before 10:30 if anyone was injured.",
        "The 3rd brigade and the fifth convoy were hit.",
        "Two wars and six weeks of fighting.",
    ] {
        assert!(counts(text).is_empty(), "{text}: {:?}", counts(text));
    }
}

#[test]
fn background_from_dates_and_phrases() {
    let text = "The fighting in 2020 left more than 6,500 dead. Today's clash killed 4 people.";
    let mut r = record(text);
    let y = text.find("2020").unwrap_or(0);
    r.dates = vec![DateMention {
        text: "2020".into(),
        value: "2020".into(),
        start: y,
        end: y + 4,
    }];
    let c = find_counts(&r);
    assert_eq!(c.len(), 2, "{c:?}");
    assert!(c[0].background && c[0].number == 6500 && c[0].qualifier == "more_than");
    assert!(!c[1].background);
    assert!(
        find_counts(&record("In the 1990s war some 30,000 people died."))
            .iter()
            .all(|c| c.background)
    );
}

#[test]
fn junk_never_panics() {
    for text in [
        "",
        "9",
        "99999999999999999999 dead",
        "1,2,3 killed",
        "-5- 5.5.5 killed",
        "twenty- killed",
        "é9ü killed",
    ] {
        let _ = find_counts(&record(text));
    }
}

#[test]
fn the_words_after_a_count_that_end_before_a_closing_quote_are_read_without_slicing_inside_it() {
    // The few bytes after the sentence's last word end inside "”" (three bytes long); found
    // by the jsonl fuzz target.
    let _ = counts("“Reports said at least 49 dead among the positions.”");
    let _ = counts("“They found 49 dead soldiers.”");
    let _ = counts("at least 49 dead among the Armenian militional conventions.”");
}
