//! What the entities stage needs to know about the world: countries, demonyms, known
//! organizations and people, and role words. The actor dictionary answers these; tests use
//! small stand-ins.

/// Lookups by surface form (any case; implementations fold accents and case).
pub trait World: Sync {
    /// ISO 3166-1 alpha-3 code of a country named `name` ("Armenia", "the US", "U.S.").
    fn country_by_name(&self, name: &str) -> Option<String>;
    /// ISO alpha-3 code of the country a demonym or adjective refers to ("Armenian", "French").
    fn country_by_demonym(&self, word: &str) -> Option<String>;
    /// CAMEO actor code of a known organization or group ("UN Security Council" → IGOUNO).
    fn organization(&self, name: &str) -> Option<String>;
    /// CAMEO actor code of a known person on `date` (ISO), if the dictionary knows them.
    fn person(&self, name: &str, date: Option<&str>) -> Option<String>;
    /// A known person's name as the dictionary writes it ("Nikol Pashinyan" for "Nikol
    /// Pashinian"), when it has a written form.
    fn person_name(&self, _name: &str) -> Option<String> {
        None
    }
    /// CAMEO role code for a title or an institution word ("Prime Minister" → GOV,
    /// "Ministry of Defense" → GOVMIL, "troops" → MIL); `None` for roles that are not actors.
    fn role(&self, title: &str) -> Option<String>;
}

#[cfg(test)]
pub(crate) mod tests {
    use super::World;

    /// A few countries, people and roles, enough to test the stage's logic without the
    /// shipped dictionary.
    pub struct TinyWorld;

    impl World for TinyWorld {
        fn country_by_name(&self, name: &str) -> Option<String> {
            let code = match name.trim_start_matches("the ").to_lowercase().as_str() {
                "armenia" => "ARM",
                "azerbaijan" => "AZE",
                "kenya" => "KEN",
                "us" | "u.s." | "united states" => "USA",
                _ => return None,
            };
            Some(code.to_string())
        }
        fn country_by_demonym(&self, word: &str) -> Option<String> {
            let code = match word.to_lowercase().as_str() {
                "armenian" | "armenians" => "ARM",
                "azerbaijani" => "AZE",
                "kenyan" => "KEN",
                "american" => "USA",
                "german" => "DEU",
                "romanian" => "ROU",
                _ => return None,
            };
            Some(code.to_string())
        }
        fn organization(&self, name: &str) -> Option<String> {
            match name.to_lowercase().as_str() {
                "un" | "united nations" | "un security council" => Some("IGOUNO".to_string()),
                _ => None,
            }
        }
        fn person(&self, name: &str, date: Option<&str>) -> Option<String> {
            (name == "Ali Omondi" && date.is_some_and(|d| d >= "2020"))
                .then(|| "KENGOV".to_string())
        }
        fn person_name(&self, name: &str) -> Option<String> {
            name.starts_with("Ali Omondi")
                .then(|| "Ali Omondi".to_string())
        }
        fn role(&self, title: &str) -> Option<String> {
            let role = match title.to_lowercase().as_str() {
                "president" | "prime minister" | "secretary of state" | "spokesman"
                | "state department" => "GOV",
                "ministry of defense" | "defense ministry" | "minister of defense" => "GOVMIL",
                "forces" | "troops" => "MIL",
                _ => return None,
            };
            Some(role.to_string())
        }
    }
}
