//! The shipped actor dictionary ([`crate::actors`]) as the entities stage's [`World`].

use super::world::World;
use crate::actors;

pub struct Dictionary;

impl World for Dictionary {
    fn country_by_name(&self, name: &str) -> Option<String> {
        // "us" in lower case is the pronoun; country names are written with capitals.
        if !name.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        actors::country_by_name(name).map(|c| c.iso3.to_string())
    }

    fn country_by_demonym(&self, word: &str) -> Option<String> {
        if !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        actors::country_by_demonym(word).map(|c| c.iso3.to_string())
    }

    fn organization(&self, name: &str) -> Option<String> {
        actors::organization(name)
    }

    fn person(&self, name: &str, date: Option<&str>) -> Option<String> {
        // A lone word picks a person only when the dictionary lists it as that person's own
        // name ("Obama", "Putin"); it never matches fuzzily.
        if name.split_whitespace().count() < 2 && !actors::lone_name_is_person(name) {
            return None;
        }
        actors::person(name, date).map(|p| p.code)
    }

    fn person_name(&self, name: &str) -> Option<String> {
        if name.split_whitespace().count() < 2 {
            return None;
        }
        actors::person(name, None)?.label.map(str::to_string)
    }

    fn role(&self, title: &str) -> Option<String> {
        actors::role(title)
    }
}
