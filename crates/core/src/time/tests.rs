//! General examples for each form, published on Tuesday 2022-09-13 unless said otherwise.

use super::find_dates;

const PUBLISHED: Option<&str> = Some("2022-09-13");

/// (text, value) of every mention, checking that each offset pair slices out its text.
fn dates(text: &str, published: Option<&str>) -> Vec<(String, String)> {
    find_dates(text, published)
        .into_iter()
        .map(|m| {
            assert_eq!(&text[m.start..m.end], m.text, "offsets of {m:?}");
            (m.text, m.value)
        })
        .collect()
}

fn one(text: &str) -> (String, String) {
    let found = dates(text, PUBLISHED);
    assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
    found.into_iter().next().unwrap()
}

fn pair(t: &str, v: &str) -> (String, String) {
    (t.to_string(), v.to_string())
}

#[test]
fn absolute_dates() {
    assert_eq!(
        one("Talks resumed on September 13, 2022 in Vienna."),
        pair("September 13, 2022", "2022-09-13")
    );
    assert_eq!(
        one("It was signed Sept. 5, 2021."),
        pair("Sept. 5, 2021", "2021-09-05")
    );
    assert_eq!(
        one("on 5 March 2020 the rebels"),
        pair("5 March 2020", "2020-03-05")
    );
    assert_eq!(
        one("on the 5th of March, 2020,"),
        pair("5th of March, 2020", "2020-03-05")
    );
    assert_eq!(one("dated 2021-12-01."), pair("2021-12-01", "2021-12-01"));
    assert_eq!(
        one("Photo taken 09-06-2021 near the border"),
        pair("09-06-2021", "2021-06-09")
    );
    assert_eq!(
        one("In Tuesday, Sept. 13, 2022 remarks"),
        pair("Tuesday, Sept. 13, 2022", "2022-09-13")
    );
    assert_eq!(
        one("MOSCOW, SEPT 12 (Reuters) -"),
        pair("SEPT 12", "2022-09-12")
    );
    assert_eq!(
        one("a February 30, 2022 letter"),
        pair("February 30, 2022", "2022-02")
    );
}

#[test]
fn day_and_month_without_a_year() {
    assert_eq!(
        one("The vote on Sept 13 was close."),
        pair("Sept 13", "2022-09-13")
    );
    assert_eq!(
        one("The vote on 1 December"),
        pair("1 December", "2022-12-01")
    );
    assert_eq!(one("since March 3rd"), pair("March 3rd", "2022-03-03"));
    let december = dates("The raid of Dec. 20 killed five.", Some("2023-01-05"));
    assert_eq!(december, vec![pair("Dec. 20", "2022-12-20")]);
    assert!(dates("The vote on Sept 13 was close.", None).is_empty());
}

#[test]
fn weekdays() {
    assert_eq!(
        one("Blinken called this Monday"),
        pair("this Monday", "2022-09-12")
    );
    assert_eq!(
        one("France said on Tuesday that"),
        pair("on Tuesday", "2022-09-13")
    );
    assert_eq!(one("Tuesday’s fighting"), pair("Tuesday", "2022-09-13"));
    assert_eq!(
        one("the attack last Friday"),
        pair("last Friday", "2022-09-09")
    );
    assert_eq!(one("He arrived Thursday."), pair("Thursday", "2022-09-08"));
    assert_eq!(
        one("The summit opens next Monday"),
        pair("next Monday", "2022-09-19")
    );
    assert_eq!(
        one("Ministers will meet on Friday"),
        pair("on Friday", "2022-09-16")
    );
    assert!(dates("He arrived Thursday.", Some("2022-09")).is_empty());
    assert!(dates("deals on Black Friday and Cyber Monday", PUBLISHED).is_empty());
    assert!(
        dates(
            "open every Monday; rules set the fourth Thursday",
            PUBLISHED
        )
        .is_empty()
    );
    assert_eq!(
        one("Victims in Friday's crash"),
        pair("Friday", "2022-09-09")
    );
    assert_eq!(
        one("Forecasters say Saturday will be grey"),
        pair("Saturday", "2022-09-17")
    );
    assert!(dates("Markets close on Mondays and on sunny days", PUBLISHED).is_empty());
}

#[test]
fn relative_days_weeks_months_years() {
    assert_eq!(
        one("He said yesterday that"),
        pair("yesterday", "2022-09-12")
    );
    assert_eq!(one("Today, the council"), pair("Today", "2022-09-13"));
    assert_eq!(one("will vote tomorrow"), pair("tomorrow", "2022-09-14"));
    assert_eq!(one("shelling last night"), pair("last night", "2022-09-12"));
    assert_eq!(
        one("the day before yesterday"),
        pair("the day before yesterday", "2022-09-11")
    );
    assert_eq!(one("earlier this week"), pair("this week", "2022-W37"));
    assert_eq!(one("talks last week"), pair("last week", "2022-W36"));
    assert_eq!(one("a deal last month"), pair("last month", "2022-08"));
    assert_eq!(one("a deal next month"), pair("next month", "2022-10"));
    assert_eq!(one("elections last year"), pair("last year", "2021"));
    assert!(dates("planned this weekend", PUBLISHED).is_empty());
    assert!(dates("Richardson, via USA Today, said", PUBLISHED).is_empty());
    assert_eq!(one("three days ago"), pair("three days ago", "2022-09-10"));
    assert_eq!(one("2 weeks ago"), pair("2 weeks ago", "2022-W35"));
    assert_eq!(one("six months ago"), pair("six months ago", "2022-03"));
    assert_eq!(one("a year ago"), pair("a year ago", "2021"));
    assert!(dates("shelling last night", Some("2022")).is_empty());
    assert_eq!(
        dates("elections last year", Some("2022")),
        vec![pair("last year", "2021")]
    );
}

#[test]
fn months() {
    assert_eq!(
        one("fighting in September killed"),
        pair("in September", "2022-09")
    );
    assert_eq!(one("homes sold in January."), pair("in January", "2022-01"));
    assert_eq!(one("sold in Jan. and"), pair("in Jan.", "2022-01"));
    assert_eq!(
        one("fighting in October killed"),
        pair("in October", "2021-10")
    );
    assert_eq!(
        one("The court will rule in October"),
        pair("in October", "2022-10")
    );
    assert_eq!(
        one("since last September"),
        pair("last September", "2021-09")
    );
    assert_eq!(one("by mid-May"), pair("mid-May", "2022-05"));
    assert_eq!(one("in September 2020"), pair("September 2020", "2020-09"));
    assert!(dates("They may march in protest.", PUBLISHED).is_empty());
    assert!(dates("Theresa May said", PUBLISHED).is_empty());
}

#[test]
fn years_decades_centuries() {
    assert_eq!(one("a war that ended in 1994."), pair("1994", "1994"));
    assert_eq!(one("since the 2020 war ended"), pair("2020", "2020"));
    assert_eq!(one("one in the 1990s and"), pair("the 1990s", "199X"));
    assert_eq!(one("in the early '90s,"), pair("the early '90s", "199X"));
    assert_eq!(one("since the ’20s"), pair("the ’20s", "202X"));
    assert_eq!(one("in the 19th century"), pair("the 19th century", "18XX"));
    assert_eq!(one("dug up in the 1800s by"), pair("the 1800s", "18XX"));
    assert_eq!(
        one("in the early 2000s by"),
        pair("the early 2000s", "200X")
    );
    let none = [
        "more than 6,500 dead",
        "some 2,000 soldiers",
        "1994 people died",
        "about 2000 soldiers were sent",
        "call +1 555 2020 1994",
        "Resolution 2020 was adopted",
        "at 1930 GMT",
        "a 20.2022 ratio",
        "worth $2019",
    ];
    for text in none {
        assert!(
            dates(text, PUBLISHED).is_empty(),
            "{text:?} gave {:?}",
            dates(text, PUBLISHED)
        );
    }
}

#[test]
fn order_and_offsets_over_multibyte_text() {
    let text = "“Kelbajár” — on Monday, in 2020 and on 3 May 2021; yesterday…";
    let found = dates(text, PUBLISHED);
    let texts: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
    assert_eq!(texts, ["on Monday", "2020", "3 May 2021", "yesterday"]);
}

#[test]
fn never_panics_on_junk() {
    let junk = [
        "",
        "\u{0}",
        "2022-99-99",
        "99/99/9999",
        "Sept 99, 99999",
        "the 99th century",
        "0000",
        "9999 years ago",
        "999 years ago",
        "next year",
        "last year",
        "next month",
        "Monday",
        "'00s",
        "\u{fffd}2020\u{fffd}",
    ];
    for text in junk {
        for published in [
            None,
            Some("2022-09-13"),
            Some("2022-09"),
            Some("2022"),
            Some("garbage"),
            Some("0001-01-01"),
            Some("9999-12-31"),
        ] {
            for (_, value) in dates(text, published) {
                assert!(
                    value.len() >= 4 && !value.starts_with('-') && !value.starts_with("0000"),
                    "{text:?}: {value}"
                );
            }
        }
    }
}

#[test]
fn a_year_range_after_a_multibyte_character_is_read_without_slicing_inside_it() {
    // The byte five before "2020" is inside "€"; the range test reads bytes, not a str slice.
    let _ = dates("Prices €12-2020 rose", PUBLISHED);
    let _ = dates("€1-2020", PUBLISHED);
}
