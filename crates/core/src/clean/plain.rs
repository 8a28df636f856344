//! The plain-text pass.

use crate::record::Media;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    pub text: String,
    pub media: Vec<Media>,
    pub agencies: Vec<&'static str>,
    pub published: Option<String>,
}

pub fn clean(body: &str) -> Cleaned {
    Cleaned { text: body.to_string(), ..Cleaned::default() }
}
