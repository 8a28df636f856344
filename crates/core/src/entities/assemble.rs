//! From mentions to entities: clusters named, titled, and coded with country and actor.

use super::cluster::cluster;
use super::groups::group_role;
use super::mention::{Mention, MentionKind};
use super::titles::{self, Title};
use super::world::World;
use crate::record::{Entity, EntityKind, Span};
use crate::text::fold;

/// Everything the assembly reads from the document.
pub struct Context<'a> {
    pub text: &'a str,
    pub sentences: &'a [Span],
    /// The publication date (ISO), so that a dictionary's dated roles apply as of then.
    pub published: Option<&'a str>,
    pub world: &'a dyn World,
}

impl Context<'_> {
    /// The sentence holding `start..end`, if one does. Sentences are in order and do not
    /// overlap: it is the last to start at or before the mention.
    fn sentence_holding(&self, start: usize, end: usize) -> Option<Span> {
        let before = self.sentences.partition_point(|s| s[0] <= start);
        self.sentences[..before]
            .last()
            .filter(|s| end <= s[1])
            .copied()
    }
}

pub fn entities(cx: &Context, mentions: &[Mention]) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    for members in cluster(cx.text, mentions) {
        let entity = entity(
            cx,
            format!("e{}", out.len() + 1),
            members.iter().map(|&m| mentions[m]).collect(),
        );
        if !is_spurious(cx, &entity) {
            out.push(entity);
        }
    }
    out
}

/// A lone capitalised common word the tagger took for a name ("Region", "Republic"), or a
/// nationality standing alone ("Philippine"): no entity. Names the dictionaries know stay.
fn is_spurious(cx: &Context, entity: &Entity) -> bool {
    let single_word = |s: &String| !s.contains(' ');
    if !single_word(&entity.name)
        || !entity.aliases.iter().all(single_word)
        || entity.actor.is_some()
    {
        return false;
    }
    let name = entity.name.as_str();
    if cx.world.country_by_name(name).is_some() || cx.world.organization(name).is_some() {
        return false;
    }
    if cx.world.country_by_demonym(name).is_some() {
        return true;
    }
    let lower = name.to_lowercase();
    let zipf = crate::lang::en::words().zipf(&lower);
    let used_in_lower_case = cx.text.match_indices(lower.as_str()).any(|(i, _)| {
        let before = cx.text[..i].chars().next_back();
        let after = cx.text[i + lower.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    });
    let common = if entity.kind == EntityKind::Location {
        zipf >= COMMON_PLACE_WORD
    } else {
        zipf >= COMMON_WORD
    };
    // Word frequencies are case-folded: "Clinton" and "California" are as frequent as "region".
    // A frequent word is a common noun only where nothing but a sentence's start capitalises it
    // (persons and places: a lone common word taken for an organization is most often a word of
    // a longer name, "Fund", "Power"); in capitals ("CHICAGO 71 64") case says nothing, and the
    // tagger's word stands.
    let named_mid_sentence = entity.mentions.iter().any(|&[start, end]| {
        let in_capitals = !cx.text[start..end].chars().any(char::is_lowercase);
        in_capitals || (entity.kind != EntityKind::Organization && !opens_sentence(cx, start, end))
    });
    (common && !named_mid_sentence) || (zipf >= USED_WORD && used_in_lower_case)
}

/// Whether the mention at `start..end` is the first word of its sentence (after any quotes or
/// brackets).
fn opens_sentence(cx: &Context, start: usize, end: usize) -> bool {
    cx.sentence_holding(start, end)
        .is_none_or(|s| cx.text[s[0]..start].chars().all(|c| !c.is_alphanumeric()))
}

/// Zipf × 100 above which a lone capitalised word is a common noun, not a name ("region" 500).
const COMMON_WORD: u16 = 450;
/// Places are often common words ("Reading"); only the most common are refused.
const COMMON_PLACE_WORD: u16 = 520;
/// A less common word the same article also writes in lower case is a word, not a name.
const USED_WORD: u16 = 300;

fn entity(cx: &Context, id: String, mentions: Vec<Mention>) -> Entity {
    let kind = mentions[0].kind;
    let surfaces: Vec<&str> = mentions.iter().map(|m| m.text(cx.text)).collect();
    // The fullest form is the name: most words (a leading article is none: "the US" is not
    // fuller than "United States"), then the first written.
    let words = |s: &str| {
        let s = s
            .strip_prefix("The ")
            .or(s.strip_prefix("the "))
            .unwrap_or(s);
        s.split_whitespace().count()
    };
    let most_words = surfaces.iter().map(|s| words(s)).max().unwrap_or(0);
    let name = *surfaces.iter().find(|s| words(s) == most_words).unwrap();
    let mut aliases: Vec<String> = Vec::new();
    for s in &surfaces {
        if *s != name && !aliases.iter().any(|a| a == s) {
            aliases.push(s.to_string());
        }
    }
    let mut entity = Entity {
        id,
        kind: match kind {
            MentionKind::Person => EntityKind::Person,
            MentionKind::Organization => EntityKind::Organization,
            MentionKind::Location => EntityKind::Location,
            MentionKind::Group | MentionKind::Misc => EntityKind::Group,
        },
        name: name.to_string(),
        aliases,
        title: None,
        country: None,
        actor: None,
        mentions: mentions.iter().map(|m| [m.start, m.end]).collect(),
        geo: None,
    };
    match kind {
        MentionKind::Person => {
            code_person(cx, &mut entity, &mentions);
            name_known_person(cx, &mut entity);
        }
        MentionKind::Organization => code_organization(cx, &mut entity),
        MentionKind::Group => code_group(cx, &mut entity),
        MentionKind::Location => entity.country = cx.world.country_by_name(&entity.name),
        MentionKind::Misc => {}
    }
    entity
}

fn code_person(cx: &Context, entity: &mut Entity, mentions: &[Mention]) {
    let title = mentions.iter().find_map(|m| {
        let sentence = cx
            .sentence_holding(m.start, m.end)
            .unwrap_or([0, cx.text.len()]);
        titles::before(cx.text, sentence[0], m.start)
            .or_else(|| titles::after(cx.text, m.end, sentence[1]))
    });
    let known = std::iter::once(entity.name.as_str())
        .chain(entity.aliases.iter().map(String::as_str))
        .find_map(|n| cx.world.person(n, cx.published));
    let Some(title) = title else {
        if let Some(code) = known {
            entity.country = country_of_code(&code);
            entity.actor = Some(code);
        }
        return;
    };
    let affiliation = affiliation_of(cx.world, &title);
    entity.title = Some(match (&title.of, affiliation.from_of) {
        (Some(portfolio), false) => format!("{} of {portfolio}", title.head),
        _ => title.head.clone(),
    });
    // What the article states outranks the dictionary, whose entries end years ago: an
    // organization's code ("the UN Secretary-General" → IGOUNO), then country + role.
    let stated = affiliation.organization.or_else(|| {
        let role = cx
            .world
            .role(entity.title.as_deref().unwrap_or(&title.head))
            .or(affiliation.role)?;
        Some(format!("{}{role}", affiliation.country.as_ref()?))
    });
    // An international body's officer speaks for no country, whatever their nationality.
    entity.country = match &stated {
        Some(code) => country_of_code(code).or(affiliation.country),
        None => affiliation
            .country
            .or_else(|| known.as_deref().and_then(country_of_code)),
    };
    entity.actor = stated.or(known);
}

/// A known person's name as the dictionary writes it, when the article's spelling is a slip of
/// it ("Nikol Pashinyan" for an article that writes "Nicole Pashinyan" and "Nikol Pashinian"):
/// the article's own spelling of it when it has one (English news drops accents: "Antonio
/// Guterres" stays), else the dictionary's. A shorter or another name is left as the article
/// writes it ("Beth Mugo", not "Beth Wambui Mugo"). Every other spelling is an alias.
fn name_known_person(cx: &Context, entity: &mut Entity) {
    let spellings: Vec<String> = std::iter::once(&entity.name)
        .chain(&entity.aliases)
        .cloned()
        .collect();
    let Some(written) = spellings.iter().find_map(|n| {
        cx.world
            .person_name(n)
            .filter(|written| respelling(n, written))
    }) else {
        return;
    };
    let key = fold(&written);
    let name = spellings
        .iter()
        .find(|s| fold(s) == key)
        .cloned()
        .unwrap_or(written);
    entity.aliases = spellings.into_iter().filter(|s| *s != name).collect();
    entity.name = name;
}

/// Whether `written` is `spelled` with the same words, each equal or a close variant.
fn respelling(spelled: &str, written: &str) -> bool {
    let (spelled, written) = (fold(spelled), fold(written));
    let (a, b): (Vec<&str>, Vec<&str>) = (
        spelled.split_whitespace().collect(),
        written.split_whitespace().collect(),
    );
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(x, y)| x == y || strsim::jaro_winkler(x, y) >= RESPELLING)
}

/// Jaro-Winkler similarity of a word and its slip: "Pashinian"/"Pashinyan" 0.96, "Nicole"/
/// "Nikol" 0.85; two given names ("Tran"/"Minh") stay far below.
const RESPELLING: f64 = 0.85;

fn code_organization(cx: &Context, entity: &mut Entity) {
    if is_wire_agency(&entity.name) {
        return;
    }
    let names = std::iter::once(&entity.name).chain(entity.aliases.iter());
    if let Some(code) = names.clone().find_map(|n| cx.world.organization(n)) {
        entity.country = country_of_code(&code);
        entity.actor = Some(code);
        return;
    }
    let (country, rest) = split_country(cx.world, &entity.name);
    entity.country = country.clone();
    let role = cx
        .world
        .role(rest.trim())
        .or_else(|| cx.world.role(&entity.name));
    if let (Some(country), Some(role)) = (country, role) {
        entity.actor = Some(format!("{country}{role}"));
    }
}

fn code_group(cx: &Context, entity: &mut Entity) {
    let (country, rest) = split_country(cx.world, &entity.name);
    entity.country = country.clone();
    if let (Some(country), Some(role)) = (country, group_role(rest.trim())) {
        entity.actor = Some(format!("{country}{role}"));
    }
}

/// Whose a title is: a country, an organization's code, and the role an organization implies.
#[derive(Default)]
struct Affiliation {
    country: Option<String>,
    organization: Option<String>,
    role: Option<String>,
    /// Whether the `of` phrase named the affiliation (rather than a portfolio).
    from_of: bool,
}

fn affiliation_of(world: &dyn World, title: &Title) -> Affiliation {
    let mut found = Affiliation::default();
    for (phrase, from_of) in [
        (title.of.as_deref(), true),
        (title.qualifier.as_deref(), false),
    ] {
        let Some(phrase) = phrase.filter(|p| !is_wire_agency(p)) else {
            continue;
        };
        if let Some(code) = world.organization(phrase) {
            found.country = found.country.or_else(|| country_of_code(&code));
            found.organization = found.organization.or(Some(code));
            found.from_of |= from_of;
            continue;
        }
        let (country, rest) = split_country(world, phrase);
        if country.is_some() {
            found.from_of |= from_of;
            found.country = found.country.or(country);
            if !rest.trim().is_empty() {
                found.role = found.role.or_else(|| world.role(rest.trim()));
            }
        } else if let Some(code) = phrase
            .split_whitespace()
            .find_map(|w| world.organization(w))
        {
            found.organization = found.organization.or(Some(code));
            found.from_of |= from_of;
        }
    }
    found
}

/// Wire agencies report events; they do not take part in them, so they get no actor code and
/// lend none to the people they quote ("the AFP analyst").
fn is_wire_agency(name: &str) -> bool {
    name.split_whitespace().count() <= 3 && !crate::clean::agencies::find(name).is_empty()
}

/// A leading country name or demonym, and the rest: "US State Department" → (USA, "State
/// Department"); "Armenian Ministry of Health" → (ARM, "Ministry of Health").
fn split_country<'n>(world: &dyn World, name: &'n str) -> (Option<String>, &'n str) {
    if let Some(code) = world
        .country_by_name(name)
        .or_else(|| world.country_by_demonym(name))
    {
        return (Some(code), "");
    }
    for (end, _) in name.match_indices(' ').take(2) {
        let head = &name[..end];
        if let Some(code) = world
            .country_by_name(head)
            .or_else(|| world.country_by_demonym(head))
        {
            return (Some(code), &name[end..]);
        }
    }
    // "Ministry of Defense of Azerbaijan": the country last.
    if let Some((rest, country)) = name.rsplit_once(" of ")
        && let Some(code) = world.country_by_name(country)
    {
        return (Some(code), rest);
    }
    (None, name)
}

/// The country in an actor code, when the code starts with one ("AZEGOV" → AZE, not "IGOUNO").
fn country_of_code(code: &str) -> Option<String> {
    const NOT_COUNTRIES: &[&str] = &[
        "IGO", "NGO", "IMG", "MNC", "UIS", "REB", "OPP", "CVL", "MED", "BUS",
    ];
    let head = code.get(..3)?;
    (head.chars().all(|c| c.is_ascii_uppercase()) && !NOT_COUNTRIES.contains(&head))
        .then(|| head.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::world::tests::TinyWorld;

    fn run(text: &str, spans: &[(&str, MentionKind)], published: Option<&str>) -> Vec<Entity> {
        let mentions = crate::entities::mention::spans_in(text, spans);
        let sentences = crate::text::split_sentences(text);
        let cx = Context {
            text,
            sentences: &sentences,
            published,
            world: &TinyWorld,
        };
        entities(&cx, &mentions)
    }

    #[test]
    fn person_with_title_country_and_actor() {
        let text = "The US Secretary of State, Jane Roe, called. Roe said no.";
        let got = run(
            text,
            &[
                ("Jane Roe", MentionKind::Person),
                ("Roe", MentionKind::Person),
            ],
            None,
        );
        assert_eq!(got.len(), 1);
        let e = &got[0];
        assert_eq!(
            (e.name.as_str(), e.aliases.clone()),
            ("Jane Roe", vec!["Roe".to_string()])
        );
        assert_eq!(e.title.as_deref(), Some("Secretary of State"));
        assert_eq!(e.country.as_deref(), Some("USA"));
        assert_eq!(e.actor.as_deref(), Some("USAGOV"));
        assert_eq!(e.mentions.len(), 2);
    }

    #[test]
    fn country_from_the_of_phrase_and_dated_dictionary_entry() {
        let text = "He phoned the president of Kenya, Ali Omondi, late.";
        let got = run(
            text,
            &[("Ali Omondi", MentionKind::Person)],
            Some("2022-09-13"),
        );
        assert_eq!(got[0].title.as_deref(), Some("president"));
        assert_eq!(got[0].country.as_deref(), Some("KEN"));
        assert_eq!(got[0].actor.as_deref(), Some("KENGOV"));
    }

    #[test]
    fn organization_title_gives_its_code() {
        let text = "For his part, the UN Secretary-General, Ana Lima, asked.";
        let got = run(text, &[("Ana Lima", MentionKind::Person)], None);
        assert_eq!(got[0].title.as_deref(), Some("Secretary-General"));
        assert_eq!(got[0].actor.as_deref(), Some("IGOUNO"));
        assert_eq!(got[0].country, None);
    }

    #[test]
    fn spokesman_for_an_institution_of_a_country() {
        let text = "said the spokesman for the US State Department, Tom Baker, in a statement.";
        let got = run(
            text,
            &[
                ("US State Department", MentionKind::Organization),
                ("Tom Baker", MentionKind::Person),
            ],
            None,
        );
        let baker = got.iter().find(|e| e.name == "Tom Baker").unwrap();
        assert_eq!(baker.title.as_deref(), Some("spokesman"));
        assert_eq!(baker.actor.as_deref(), Some("USAGOV"));
        let department = got
            .iter()
            .find(|e| e.name == "US State Department")
            .unwrap();
        assert_eq!(department.actor.as_deref(), Some("USAGOV"));
    }

    #[test]
    fn portfolio_stays_in_the_title() {
        let text = "the Kenyan Minister of Defense, Ruth Mwangi, said.";
        let got = run(text, &[("Ruth Mwangi", MentionKind::Person)], None);
        assert_eq!(got[0].title.as_deref(), Some("Minister of Defense"));
        assert_eq!(got[0].actor.as_deref(), Some("KENGOVMIL"));
    }

    #[test]
    fn common_words_and_lone_nationalities_are_no_entities() {
        let text = "The Region said the region was calm. Kenyan officials agreed with Kenyan.";
        let got = run(
            text,
            &[
                ("Region", MentionKind::Organization),
                ("Kenyan", MentionKind::Organization),
            ],
            None,
        );
        assert!(got.is_empty(), "{got:#?}");
        // Word frequencies know no case: a frequent name written mid-sentence is a name.
        let text = "Voters said Clinton had won. Clinton denied it.";
        let got = run(text, &[("Clinton", MentionKind::Person)], None);
        assert_eq!(got.len(), 1, "{got:#?}");
        let text = "Clinton denied it.";
        let got = run(text, &[("Clinton", MentionKind::Person)], None);
        assert!(got.is_empty(), "{got:#?}");
    }

    #[test]
    fn organizations_and_groups_with_a_nationality() {
        let text = "The Armenian Ministry of Defense accused Azerbaijani forces.";
        let got = run(
            text,
            &[
                ("Armenian Ministry of Defense", MentionKind::Organization),
                ("Azerbaijani forces", MentionKind::Group),
            ],
            None,
        );
        assert_eq!(got[0].actor.as_deref(), Some("ARMGOVMIL"));
        assert_eq!(got[1].actor.as_deref(), Some("AZEMIL"));
        assert_eq!(got[1].country.as_deref(), Some("AZE"));
    }
}
