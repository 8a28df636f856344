//! The one regex that finds every candidate temporal expression in a single pass.
//!
//! One combined pattern (not one pass per form) keeps the stage fast: the lazy DFA scans the
//! text once and capture groups are resolved only on the rare matches. Word boundaries are ASCII
//! (`(?-u:\b)`) because a Unicode `\b` makes the DFA give up on non-ASCII text (curly quotes are
//! everywhere in news). Month and weekday names must start with a capital letter, which keeps
//! "may", "march" and "sun" as ordinary words out.
//!
//! Alternatives are tried leftmost-first, so at one position the longer forms come first.

use regex::Regex;
use std::sync::LazyLock;

const B: &str = r"(?-u:\b)";
/// Spaces that can sit inside a date, including the no-break spaces typesetting puts there,
/// but never a line break: a date does not span paragraphs.
const SP: &str = r"[ \t\u{a0}\u{202f}]+";

/// Full month names first, then abbreviations; only an abbreviation carries a period (after a
/// full name it ends the sentence).
const MONTH: &str = r"(?:(?:J(?i:anuary|une|uly)|F(?i:ebruary)|M(?i:arch|ay)|A(?i:pril|ugust)|S(?i:eptember)|O(?i:ctober)|N(?i:ovember)|D(?i:ecember))(?-u:\b)|(?:J(?i:an|un|ul)|F(?i:eb)|M(?i:ar)|A(?i:pr|ug)|S(?i:ept|ep)|O(?i:ct)|N(?i:ov)|D(?i:ec))(?-u:\b)\.?)";
const WEEKDAY: &str =
    r"(?:M(?i:onday)|T(?i:uesday|hursday)|W(?i:ednesday)|F(?i:riday)|S(?i:aturday|unday))";
const WEEKDAY_ABBR: &str = r"(?:M(?i:on)|T(?i:ues|ue|hurs|hur|hu)|W(?i:ed)|F(?i:ri)|S(?i:at|un))";
/// Words before a month or weekday that make a bare name a date, or say which one it is.
const MODIFIER: &str = r"(?i:this|last|next|past|coming|previous|on|in|since|until|till|by|during|from|early|mid|late|through|before|after|of)";
/// The narrower set for weekdays: "in Friday's crash" is not "in Friday".
const WEEKDAY_MODIFIER: &str =
    r"(?i:this|last|next|past|coming|previous|on|since|until|till|by|early|late)";
const ORDINAL: &str = r"(?i:st|nd|rd|th)?";
const NUMBER_WORD: &str =
    r"(?i:an|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[0-9]{1,3})";

pub(crate) static DATE_RE: LazyLock<Regex> = LazyLock::new(|| {
    let day_with_weekday = format!(r"(?:(?P<wd>{WEEKDAY}|{WEEKDAY_ABBR}){B}\.?,?{SP})?");
    let alternatives = [
        // 2022-09-13 (a time may follow; checked in code)
        format!(r"{B}(?P<iso>[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}})"),
        // 2022/09/13, 2022.09.13
        format!(r"{B}(?P<ymd>[0-9]{{4}}[./][0-9]{{1,2}}[./][0-9]{{1,2}}){B}"),
        // 13-09-2022, 13.09.2022, 13/09/2022
        format!(r"{B}(?P<dmy>[0-9]{{1,2}}[-./][0-9]{{1,2}}[-./][0-9]{{4}}){B}"),
        // [on] [Tuesday,] September 13[, 2022] | September 2022 | in September
        format!(
            r"(?:{B}(?P<pre>{MODIFIER})(?:{SP}|-))?{day_with_weekday}{B}(?P<m>{MONTH})(?:{SP}(?P<d>[0-9]{{1,2}}){ORDINAL}{B}(?:,?{SP}(?P<y>[0-9]{{4}}){B})?|,?{SP}(?P<my>[0-9]{{4}}){B})?"
        ),
        // [on] [Tuesday,] 13 [of] September [2022]
        format!(
            r"(?:{B}(?P<pre2>{MODIFIER}){SP})?{day_with_weekday_2}{B}(?P<d2>[0-9]{{1,2}}){ORDINAL}{SP}(?:(?i:of){SP})?(?P<m2>{MONTH})(?:,?{SP}(?P<y2>[0-9]{{4}}){B})?",
            day_with_weekday_2 = day_with_weekday.replace("?P<wd>", "?P<wd2>")
        ),
        // [last] Tuesday
        format!(r"(?:{B}(?P<wmod>{WEEKDAY_MODIFIER}){SP})?{B}(?P<wd3>{WEEKDAY}){B}"),
        // today, yesterday, last night, the day before yesterday
        format!(
            r"{B}(?P<rel>(?i:the{SP}day{SP}before{SP}yesterday|the{SP}day{SP}after{SP}tomorrow|today|tonight|yesterday|tomorrow|last{SP}night|this{SP}(?:morning|afternoon|evening))){B}"
        ),
        // this week, last month, next year
        format!(r"{B}(?P<rmod>(?i:this|last|next)){SP}(?P<unit>(?i:week|month|year)){B}"),
        // three days ago
        format!(
            r"{B}(?P<n>{NUMBER_WORD}){SP}(?P<agounit>(?i:day|week|month|year))(?i:s)?{SP}(?i:ago){B}"
        ),
        // the 1990s, the early '90s
        format!(
            r"(?:{B}(?P<the>(?i:the)){SP})?(?:{B}(?P<dmod>(?i:early|mid|late))(?:{SP}|-))?(?:{B}(?P<decade>1[5-9][0-9]0|20[0-9]0)|(?P<short>['’][0-9]0))(?i:s){B}"
        ),
        // the 20th century
        format!(
            r"(?:{B}(?P<the2>(?i:the)){SP})?{B}(?P<century>[0-9]{{1,2}})(?i:st|nd|rd|th){SP}(?i:century){B}"
        ),
        // 1994 (whether it is a year is decided in code, from its neighbours)
        format!(r"{B}(?P<year>[0-9]{{4}}){B}"),
    ];
    Regex::new(&alternatives.join("|")).expect("the date pattern is valid")
});

/// Loads this module's tables ahead of first use (see `Stage::preloads`).
pub(crate) fn preload() {
    LazyLock::force(&DATE_RE);
}
