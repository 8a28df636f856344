use super::*;
use crate::record::{Entity, EntityKind, Record};

fn entity(id: &str, kind: EntityKind, name: &str, text: &str, surfaces: &[&str]) -> Entity {
    let mut mentions = Vec::new();
    for s in surfaces {
        let mut from = 0;
        while let Some(i) = text[from..].find(s) {
            mentions.push([from + i, from + i + s.len()]);
            from += i + s.len();
        }
    }
    mentions.sort();
    Entity {
        id: id.into(),
        kind,
        name: name.into(),
        aliases: vec![],
        title: None,
        country: None,
        actor: None,
        mentions,
        geo: None,
    }
}

fn record(text: &str, entities: Vec<Entity>) -> Record {
    Record {
        text: text.into(),
        sentences: crate::text::split_sentences(text),
        entities: Some(entities),
        ..Record::default()
    }
}

fn person(id: &str, name: &str, text: &str, surfaces: &[&str]) -> Entity {
    entity(id, EntityKind::Person, name, text, surfaces)
}

/// (quote text, speaker name, cue) of every quote.
fn quotes(r: &Record) -> Vec<(String, Option<String>, Option<String>)> {
    find_quotes(r)
        .into_iter()
        .map(|a| (a.quote.text, a.quote.speaker_name, a.quote.cue))
        .collect()
}

#[test]
fn every_quote_style() {
    for (open, close) in [("“", "”"), ("\"", "\""), ("«", "»"), ("‘", "’"), ("„", "“")]
    {
        let text =
            format!("The mayor, Jane Roe, said {open}we will rebuild the bridge{close} on Monday.");
        let r = record(&text, vec![person("e1", "Jane Roe", &text, &["Jane Roe"])]);
        let q = quotes(&r);
        assert_eq!(q.len(), 1, "{text}: {q:?}");
        assert_eq!(q[0].0, "we will rebuild the bridge");
        assert_eq!(q[0].1.as_deref(), Some("Jane Roe"), "{text}");
    }
}

#[test]
fn apostrophes_are_not_quotes() {
    let text = "Monday’s vote was close and the party’s leader didn’t speak.";
    assert!(find_quoted(text).is_empty());
}

#[test]
fn quote_spanning_paragraphs_is_one() {
    let text = "“We lost the harbour first.\n\n“Then the roads went,” said the governor, Ann Lee.";
    let r = record(text, vec![person("e1", "Ann Lee", text, &["Ann Lee"])]);
    let q = find_quotes(&r);
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(
        q[0].quote.text,
        "We lost the harbour first. Then the roads went,"
    );
    assert_eq!(q[0].quote.speaker_name.as_deref(), Some("Ann Lee"));
}

#[test]
fn inverted_and_plain_orders() {
    let text = "“The talks failed,” said Foreign Minister Omar Diaz. “We will try again,” Diaz told reporters.";
    let r = record(
        text,
        vec![person("e1", "Omar Diaz", text, &["Omar Diaz", "Diaz"])],
    );
    let q = quotes(&r);
    assert_eq!(q.len(), 2, "{q:?}");
    assert!(
        q.iter().all(|x| x.1.as_deref() == Some("Omar Diaz")),
        "{q:?}"
    );
    assert_eq!(q[0].2.as_deref(), Some("said"));
    assert_eq!(q[1].2.as_deref(), Some("told"));
}

#[test]
fn apposition_after_the_cue() {
    let text = "“Aid is on its way,” announced the spokeswoman for the Red Cross, Maria Ortiz, in a statement.";
    let r = record(
        text,
        vec![
            entity(
                "e1",
                EntityKind::Organization,
                "Red Cross",
                text,
                &["Red Cross"],
            ),
            person("e2", "Maria Ortiz", text, &["Maria Ortiz"]),
        ],
    );
    let q = quotes(&r);
    assert_eq!(q[0].1.as_deref(), Some("Maria Ortiz"), "{q:?}");
    assert_eq!(q[0].2.as_deref(), Some("announced"));
}

#[test]
fn pronouns_follow_the_focus() {
    let text = "The health ministry reported two new cases. It also warned that “hospitals are full”.\n\nPaul Smith spoke next. “Nobody listens,” he said.";
    let r = record(
        text,
        vec![
            entity(
                "e1",
                EntityKind::Organization,
                "Ministry of Health",
                text,
                &["health ministry"],
            ),
            person("e2", "Paul Smith", text, &["Paul Smith"]),
        ],
    );
    let q = quotes(&r);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].1.as_deref(), Some("Ministry of Health"));
    assert_eq!(q[1].1.as_deref(), Some("Paul Smith"));
}

#[test]
fn partial_quotes_and_shared_subjects() {
    let text = "Lopez, through an aide, declared himself “very worried” by the floods and called for “urgent help” from the capital.";
    let r = record(text, vec![person("e1", "Ana Lopez", text, &["Lopez"])]);
    let q = quotes(&r);
    assert_eq!(q.len(), 2, "{q:?}");
    assert!(
        q.iter().all(|x| x.1.as_deref() == Some("Ana Lopez")),
        "{q:?}"
    );
    assert_eq!(q[1].2.as_deref(), Some("called"));
}

#[test]
fn according_to_a_pronoun_and_relative_clauses() {
    let text = "“Prices will rise,” he stressed to the Reuters economist Ida Berg, who pointed out that the drought “hurt every farm”.\n\nAccording to her, the government should “act now”.";
    let r = record(text, vec![person("e1", "Ida Berg", text, &["Ida Berg"])]);
    let q = quotes(&r);
    assert_eq!(q.len(), 3, "{q:?}");
    assert!(
        q.iter().all(|x| x.1.as_deref() == Some("Ida Berg")),
        "{q:?}"
    );
    assert_eq!(q[2].2.as_deref(), Some("according to"));
}

#[test]
fn common_noun_speakers_keep_their_phrase() {
    let text = "“The plan is dead,” a senior official said.";
    let q = quotes(&record(text, vec![]));
    assert_eq!(q[0].1.as_deref(), Some("a senior official"), "{q:?}");
}

#[test]
fn indirect_speech() {
    let text = "The minister Karl Dorn stressed that the border would stay closed until spring.";
    let r = record(text, vec![person("e1", "Karl Dorn", text, &["Karl Dorn"])]);
    let q = find_quotes(&r);
    assert_eq!(q.len(), 1, "{q:?}");
    assert!(!q[0].direct);
    assert_eq!(q[0].quote.text, "the border would stay closed until spring");
    assert_eq!(q[0].quote.speaker_name.as_deref(), Some("Karl Dorn"));
}

#[test]
fn scare_quotes_alone_are_not_quotes() {
    let text = "The so-called “peace dividend” never came.";
    assert!(find_quotes(&record(text, vec![])).is_empty());
}

#[test]
fn junk_never_panics() {
    for text in [
        "“",
        "”“",
        "\"\"\"",
        "« »",
        "‘’‘",
        "“a\n\n“",
        "said “",
        "é“ü”ö said",
    ] {
        let _ = find_quotes(&record(text, vec![]));
    }
}

#[test]
fn participle_takes_the_clause_subject() {
    let text = "Jane Roe criticized the plan, calling it “a waste of money for everyone.”";
    let r = record(text, vec![person("e1", "Jane Roe", text, &["Jane Roe"])]);
    let q = quotes(&r);
    assert_eq!(q[0].1.as_deref(), Some("Jane Roe"), "{q:?}");
}

#[test]
fn mixed_marks_close_each_other() {
    let text = "“We will win this race,\" Jane Roe said. \"It is our turn now.”";
    let r = record(text, vec![person("e1", "Jane Roe", text, &["Jane Roe"])]);
    let q = quotes(&r);
    assert_eq!(q.len(), 2, "{q:?}");
    assert_eq!(q[0].0, "We will win this race,");
    assert!(
        q.iter().all(|x| x.1.as_deref() == Some("Jane Roe")),
        "{q:?}"
    );
}

#[test]
fn speaker_before_an_aside() {
    let text = "“We will win this race,” John Doe, a senator from Ohio who backs Jane Roe, said on Monday.";
    let r = record(
        text,
        vec![
            person("e1", "John Doe", text, &["John Doe"]),
            person("e2", "Jane Roe", text, &["Jane Roe"]),
        ],
    );
    let q = quotes(&r);
    assert_eq!(q[0].1.as_deref(), Some("John Doe"), "{q:?}");
}

#[test]
fn long_subject_after_a_comma_closed_quote() {
    let text = "“Subpoenas are not optional,” panel Chairman Rep. Jason Chaffetz (R-Utah) said after the hearing.";
    let r = record(
        text,
        vec![person("e1", "Jason Chaffetz", text, &["Jason Chaffetz"])],
    );
    assert_eq!(quotes(&r)[0].1.as_deref(), Some("Jason Chaffetz"));
}

#[test]
fn description_opening_the_sentence_shares_a_participle() {
    let text = "The billionaire businessman began by talking about the drug crisis, saying heroin is now “cheaper than getting candy.”";
    let r = record(text, vec![]);
    assert_eq!(
        quotes(&r)[0].1.as_deref(),
        Some("The billionaire businessman")
    );
}

#[test]
fn subject_and_any_verb_after_a_quote() {
    let text = "“Jeb wants to be a tough guy tonight,” Trump shot back.";
    let r = record(text, vec![person("e1", "Donald Trump", text, &["Trump"])]);
    assert_eq!(quotes(&r)[0].1.as_deref(), Some("Donald Trump"));
}

#[test]
fn relative_pronoun_is_where_the_speaker_is_read() {
    let text = "It drew a reaction from President Barack Obama, who called the nominee “unfit to serve” as president.";
    let r = record(
        text,
        vec![person("e1", "Barack Obama", text, &["Barack Obama"])],
    );
    let a = &find_quotes(&r)[0];
    assert_eq!(a.quote.speaker_name.as_deref(), Some("Barack Obama"));
    assert_eq!(a.speaker_span.map(|s| &text[s[0]..s[1]]), Some("who"));
}
