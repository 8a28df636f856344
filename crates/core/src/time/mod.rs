//! Time: every temporal expression in the text, resolved against the publication date.

use crate::document::Document;
use crate::pipeline::Stage;
use crate::record::DateMention;

pub struct Dates;

impl Stage for Dates {
    fn name(&self) -> &'static str {
        "time"
    }
    fn run(&self, doc: &mut Document) {
        doc.record.dates = find_dates(&doc.record.text, doc.record.published.as_deref());
    }
}

/// PLACEHOLDER (time helper): every temporal expression in `text`, in order, resolved against
/// `published` (ISO `YYYY-MM-DD`, or coarser).
pub fn find_dates(_text: &str, _published: Option<&str>) -> Vec<DateMention> {
    Vec::new()
}

/// PLACEHOLDER (time helper): one date written on its own (`2022-09-13`, `2022-09-13T10:00:00Z`,
/// `Sept. 13, 2022`, `13 September 2022`, `09-06-2021` read day-first) as ISO 8601 at its precision.
pub fn parse_date(_s: &str) -> Option<String> {
    None
}
