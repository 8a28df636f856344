//! Time: every temporal expression in the text, resolved against the publication date.
//!
//! Values are ISO 8601 at the precision the text gives, never finer:
//!
//! | written                                   | value        |
//! |-------------------------------------------|--------------|
//! | `September 13, 2022`, `13 Sept 2022`, `2022-09-13` | `2022-09-13` |
//! | `09-06-2021`, `09.06.2021` (day first)    | `2021-06-09` |
//! | `Sept 13` (no year)                       | nearest to publication, later dates counting double |
//! | `Tuesday`, `on Tuesday`, `this Tuesday`   | most recent on or before publication (on or after in a `will` clause) |
//! | `last Tuesday` / `next Tuesday`           | strictly before / after publication |
//! | `today`, `yesterday`, `tomorrow`, `last night` | a day |
//! | `this week`, `last week`, `two weeks ago` | an ISO week, `2022-W36` |
//! | `in September`, `last month`, `September 2022` | a month, `2022-09` |
//! | `1994`, `last year`, `three years ago`    | a year |
//! | `the 1990s`, `the '90s`                   | a decade, `199X` |
//! | `the 20th century`                        | a century, `19XX` |
//!
//! An expression that needs a finer publication date than the one known is skipped.

mod calendar;
mod context;
mod find;
mod parse;
mod pattern;

use crate::document::Document;
use crate::record::DateMention;
use crate::stage::Stage;
use calendar::Anchor;

pub struct Dates;

impl Stage for Dates {
    fn name(&self) -> &'static str {
        "time"
    }

    fn preloads(&self) -> &'static [fn()] {
        &[pattern::preload]
    }
    fn run(&self, doc: &mut Document) {
        doc.record.dates = find_dates(&doc.record.text, doc.record.published.as_deref());
    }
}

/// Every temporal expression in `text`, in order of position, resolved against `published`
/// (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`, a timestamp, or `None`). Offsets are UTF-8 byte offsets into
/// `text`, half-open.
pub fn find_dates(text: &str, published: Option<&str>) -> Vec<DateMention> {
    let anchor = Anchor::from_published(published);
    find::scan(text, anchor)
        .into_iter()
        .map(|f| DateMention {
            text: text[f.start..f.end].to_string(),
            value: f.when.iso(),
            start: f.start,
            end: f.end,
        })
        .collect()
}

/// One date written on its own (`2022-09-13`, `2022-09-13T10:00:00Z`, `Tue, 13 Sep 2022
/// 10:00:00 GMT`, `Sept. 13, 2022`, `13 September 2022`, `09-06-2021`) as ISO 8601 at its
/// precision. Dashed and dotted numeric dates are read day-first, the convention of the
/// non-US agencies whose photo captions carry them; an ambiguous slashed one gives only its
/// year (see `find::numeric_day_first`).
pub fn parse_date(s: &str) -> Option<String> {
    parse::parse_when(s).map(calendar::When::iso)
}

#[cfg(test)]
mod tests;
