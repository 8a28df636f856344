//! Repair: splits words that scraping glued together (`Guterresasked` → `Guterres asked`).

use crate::document::Document;
use crate::pipeline::Stage;

/// PLACEHOLDER (repair helper).
pub struct Repair;

impl Repair {
    pub fn english() -> Repair {
        Repair
    }
}

impl Stage for Repair {
    fn name(&self) -> &'static str {
        "repair"
    }
    fn run(&self, _doc: &mut Document) {}
}
