//! Places: every location entity resolved to a point with GeoNames ids.
//!
//! The gazetteer (`data/gazetteer/`, built by [`build_gazetteer`] from GeoNames, CC BY 4.0, and
//! mledoze/countries, ODbL) holds countries, first- and second-level divisions, every town of
//! 1,000 people or more under its Latin-script names, and a hand-written list of informal and
//! disputed regions. Names are matched on folded keys ([`key::key`]: case, accents, full stops
//! ignored), then on a looser key for transliterations inside the article's countries.
//!
//! Choosing among same-named places uses the article: the countries its entities belong to
//! and the places it names unambiguously (a second pass), then kind (country, capital, seat)
//! and population. An unsure choice leaves `geo` empty: a wrong point misleads more than none.

// The archive's writer is the build script's (build.rs includes the file); the library reads.
#[allow(dead_code)]
mod archive;
mod build;
mod gazetteer;
pub mod key;
mod resolve;
mod scan;
mod weights;

pub use build::build_gazetteer;
pub use resolve::km;
pub use weights::Weights;

use gazetteer::{Feature, GAZETTEER, PRIMARY};

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::document::Document;
use crate::record::{Entity, EntityKind, Geo, Span};
use crate::stage::Stage;

/// What the article says about where it is: countries (with how often they come up) and
/// first-level divisions it names.
#[derive(Debug, Clone, Default)]
pub struct Context {
    countries: Vec<([u8; 2], u32)>,
    /// Distinct divisions with how many mentions name them or a place inside.
    admin1: Vec<([u8; 2], Box<str>, u32)>,
    /// Divisions holding a namesake of several of the article's place names, with how many
    /// names: local news names its towns without their state, but a town, its neighbour and its
    /// county all have namesakes in that state ("Richmond", "Berea", "Madison County": Kentucky).
    shared: Vec<([u8; 2], &'static str, u32)>,
    /// Every point the article's place names could mean, by name: a town close to a place
    /// another name could be is likely where the article is ("Paris" beside "Henry County":
    /// Paris, Tennessee). Shared by the contexts of one article.
    neighbours: Arc<[Neighbour]>,
    /// The name being resolved, whose own points are no evidence for it.
    this: Option<u32>,
}

/// A point one of the article's place names could mean, with the weight of that evidence
/// (one over the square root of the number of places the name could be).
#[derive(Debug, Clone, Copy)]
struct Neighbour {
    name: u32,
    lat: f64,
    lon: f64,
    weight: f64,
}

/// Names with more namesakes than this are no evidence of where an article is.
const MAX_NEIGHBOUR_NAMESAKES: usize = 30;

/// The points each name (numbered by the caller) could mean, grouped by name, as
/// [`Context::near_support`] reads them.
fn neighbours_of<'a>(names: impl IntoIterator<Item = (u32, &'a str)>) -> Arc<[Neighbour]> {
    let mut neighbours = Vec::new();
    for (name, text) in names {
        let points = resolve::namesake_points(text);
        if points.len() > MAX_NEIGHBOUR_NAMESAKES {
            continue;
        }
        let weight = 1.0 / (points.len().max(1) as f64).sqrt();
        neighbours.extend(points.into_iter().map(|(lat, lon)| Neighbour {
            name,
            lat,
            lon,
            weight,
        }));
    }
    neighbours.into()
}

fn iso2_of(code: &str) -> Option<[u8; 2]> {
    match code.len() {
        2 => Some(*code.to_ascii_uppercase().as_bytes().first_chunk()?),
        3 => Some(
            *crate::actors::country_by_iso3(&code.to_ascii_uppercase())?
                .iso2
                .as_bytes()
                .first_chunk()?,
        ),
        _ => None,
    }
}

impl Context {
    pub fn new() -> Context {
        Context::default()
    }

    /// A country the article is about, by ISO2 or ISO3 code, `weight` times (mentions).
    pub fn add_country(&mut self, code: &str, weight: u32) {
        if let Some(cc) = iso2_of(code) {
            self.add_cc(cc, weight);
        }
    }

    fn add_cc(&mut self, cc: [u8; 2], weight: u32) {
        match self.countries.iter_mut().find(|(c, _)| *c == cc) {
            Some((_, w)) => *w += weight,
            None => self.countries.push((cc, weight)),
        }
    }

    /// A first-level division the article names: ISO2 country and GeoNames admin1 code.
    pub fn add_admin1(&mut self, country: &str, admin1: &str) {
        if let Some(cc) = iso2_of(country) {
            self.add_division(cc, admin1, 1);
        }
    }

    fn add_division(&mut self, cc: [u8; 2], admin1: &str, weight: u32) {
        match self
            .admin1
            .iter_mut()
            .find(|(c, a, _)| *c == cc && **a == *admin1)
        {
            Some((_, _, w)) => *w += weight,
            None => self.admin1.push((cc, admin1.into(), weight)),
        }
    }

    /// Whether any country is known to be the article's.
    fn names_countries(&self) -> bool {
        self.countries.iter().any(|&(_, w)| w > 0)
    }

    /// How many of the article's other place names have a namesake in the division.
    fn shared_names(&self, cc: [u8; 2], admin1: &str) -> u32 {
        self.shared
            .iter()
            .find(|(c, a, _)| *c == cc && *a == admin1)
            .map_or(0, |&(_, _, n)| n)
    }

    /// The evidence that the point is near where the article is: for each other name with a
    /// namesake within `km` of it, that name's weight (see [`Neighbour`]).
    fn near_support(&self, (lat, lon): (f64, f64), km: f64) -> f64 {
        let degrees = km / 111.0;
        let mut support = 0.0;
        let mut last = None;
        // Neighbours come grouped by name: each name counts once.
        for n in self.neighbours.iter() {
            if Some(n.name) == self.this || Some(n.name) == last || (n.lat - lat).abs() > degrees {
                continue;
            }
            if resolve::km((lat, lon), (n.lat, n.lon)) <= km {
                support += n.weight;
                last = Some(n.name);
            }
        }
        support
    }

    /// This context for resolving name `name` (see [`Context::neighbours`]).
    fn for_name(&self, name: u32) -> Context {
        Context {
            this: Some(name),
            ..self.clone()
        }
    }

    fn country_weight(&self, cc: [u8; 2]) -> Option<u32> {
        self.countries
            .iter()
            .find(|&&(c, w)| c == cc && w > 0)
            .map(|&(_, w)| w)
    }

    fn has_admin1(&self, cc: [u8; 2], admin1: &str) -> bool {
        !admin1.is_empty()
            && self
                .admin1
                .iter()
                .any(|(c, a, w)| *c == cc && &**a == admin1 && *w > 0)
    }

    /// What a resolved place tells about the rest of the article.
    fn learn(&mut self, place: u32, weight: u32) {
        let p = GAZETTEER.place(place);
        self.add_cc(p.country, weight);
        if matches!(p.feature, Feature::Admin1 | Feature::Admin2 | Feature::City) {
            self.add_division(p.country, p.admin1, weight);
        }
    }

    /// This context without what `place` taught it (so a place cannot vote for itself).
    fn without(&self, place: u32, weight: u32) -> Context {
        let mut ctx = self.clone();
        let p = GAZETTEER.place(place);
        if let Some((_, w)) = ctx.countries.iter_mut().find(|(c, _)| *c == p.country) {
            *w = w.saturating_sub(weight);
        }
        if let Some((_, _, w)) = ctx
            .admin1
            .iter_mut()
            .find(|(c, a, _)| *c == p.country && **a == *p.admin1)
        {
            *w = w.saturating_sub(weight);
        }
        ctx
    }
}

/// A country as a place (its GeoNames point), by ISO alpha-2 or alpha-3.
pub fn country_geo(code: &str) -> Option<Geo> {
    GAZETTEER.country(iso2_of(code.trim())?).map(geo_of)
}

/// The GeoNames code of a first-level division, by its country (ISO alpha-2 or alpha-3) and
/// its name as `Geo::admin1` gives it ("AM", "Vayots Dzor" → "10"). GeoNames' codes are FIPS
/// 10-4 codes for most countries (ISO 3166-2 or national codes for a few), which is what
/// GDELT's ADM1 codes are made of.
pub fn admin1_code(country: &str, admin1: &str) -> Option<String> {
    GAZETTEER
        .admin1_code(iso2_of(country.trim())?, admin1)
        .map(str::to_string)
}

/// The place `name` most likely means in `context`, or `None` when unknown or unsure.
pub fn resolve(name: &str, context: &Context) -> Option<Geo> {
    resolve::resolve_index(name, context, Weights::shipped()).map(geo_of)
}

fn geo_of(i: u32) -> Geo {
    let g = &*GAZETTEER;
    let p = g.place(i);
    let admin1 = match p.feature {
        Feature::Country | Feature::Region => None,
        _ => g.admin1_name(p.country, p.admin1).map(str::to_string),
    };
    Geo {
        geonames_id: p.id,
        name: p.name.to_string(),
        country_code: Some(p.country_code().to_string()).filter(|c| c != "??"),
        admin1,
        feature: p.feature.as_str().to_string(),
        lat: p.lat,
        lon: p.lon,
    }
}

/// ISO3 of the country a place lies in.
fn iso3_of(i: u32) -> Option<String> {
    let g = &*GAZETTEER;
    let country = g.place(g.country(g.place(i).country)?);
    Some(country.admin1.to_string()).filter(|c| c.len() == 3)
}

/// Place mentions found inside other entities' names: new location entities (ids), and
/// further mentions of existing ones (id, span).
#[derive(Default)]
struct Nested {
    entities: Vec<String>,
    /// Of those, the ones first found as the whole of a tagged name ("DeKalb", "Rock Hill"):
    /// a town's own name standing alone is the town, placed or not.
    whole: Vec<String>,
    mentions: Vec<(String, Span)>,
}

/// Adds the place names the tagger missed: a further mention of a location entity of the same
/// name, else a new location entity. Returns what was found only inside names tagged as
/// something else: those stay only when the article supports where they are.
fn add_missed_places(text: &str, entities: &mut Vec<Entity>) -> Nested {
    // Every lookup below is a hash or a binary search: scans of all mentions per candidate made
    // long articles quadratic.
    let covered: Vec<Span> = entities
        .iter()
        .flat_map(|e| e.mentions.iter().copied())
        .collect();
    let located: Vec<Span> = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Location)
        .flat_map(|e| e.mentions.iter().copied())
        .collect();
    let located = scan::Covered::new(located);
    // Teams named after their towns and counties ("Crewe 0 Watford 2", and every organization
    // of a page of results) are organizations, not place mentions.
    let teams = scan::Teams::of(text, entities);
    let orgs = || {
        entities
            .iter()
            .filter(|e| matches!(e.kind, EntityKind::Organization | EntityKind::Group))
            .filter(|e| !teams.contains(e))
            .flat_map(|e| e.mentions.iter().copied())
    };
    // An organization named exactly as a country, state or region is that place named for its
    // people or government ("the US said", "Kentucky won"): as sure a mention as an untagged one.
    let regions: Vec<Span> = orgs()
        .filter(|&m| !located.overlaps(m[0], m[1]))
        .filter(|&m| text.get(m[0]..m[1]).is_some_and(scan::is_region_name))
        .collect();
    let region_set: HashSet<Span> = regions.iter().copied().collect();
    // Places inside names tagged as something else ("University of Kentucky", "Athens Police
    // Department", a county tagged as its government) are place mentions too.
    let mut nested: Vec<Span> = orgs()
        .filter(|m| !region_set.contains(m))
        .flat_map(|m| scan::places_within(text, m, &located))
        .chain(
            entities
                .iter()
                .filter(|e| e.kind == EntityKind::Person && e.title.is_none())
                .flat_map(|e| {
                    // A "person" named exactly like a place of several words ("Rock Hill", "Henry
                    // County") is the tagger's slip; one word could be a surname ("Lancaster").
                    e.mentions
                        .iter()
                        .filter(|&&m| text.get(m[0]..m[1]).is_some_and(|t| t.contains(' ')))
                        .flat_map(|&m| {
                            scan::places_within(text, m, &located)
                                .into_iter()
                                .filter(move |&s| s == m)
                        })
                }),
        )
        .collect();
    let mut free = scan::missed_places(text, &scan::Covered::new(covered));
    free.extend(regions);
    let mut doubtful = Nested::default();
    let names: HashSet<Span> = entities
        .iter()
        .filter(|e| e.kind != EntityKind::Location)
        .flat_map(|e| e.mentions.iter().copied())
        .collect();
    // The first location entity named (or aliased) by each key, and what each already covers.
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut known: HashSet<(usize, Span)> = HashSet::new();
    for (i, e) in entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityKind::Location)
    {
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            by_key.entry(key::key(name)).or_insert(i);
        }
        known.extend(e.mentions.iter().map(|&m| (i, m)));
    }
    let mut ids: HashSet<String> = entities.iter().map(|e| e.id.clone()).collect();
    let mut touched: HashSet<usize> = HashSet::new();
    for (span, inside) in free
        .into_iter()
        .map(|s| (s, false))
        .chain(nested.drain(..).map(|s| (s, true)))
    {
        let surface = &text[span[0]..span[1]];
        let k = key::key(surface);
        match by_key.get(&k) {
            Some(&i) => {
                if known.insert((i, span)) {
                    let e = &mut entities[i];
                    if inside {
                        doubtful.mentions.push((e.id.clone(), span));
                    }
                    e.mentions.push(span);
                    touched.insert(i);
                    // Every mention reads as the name or an alias ("The US", then "US").
                    if e.name != surface && !e.aliases.iter().any(|a| a == surface) {
                        e.aliases.push(surface.to_string());
                    }
                }
            }
            None => {
                let mut n = entities.len() + 1;
                while ids.contains(&format!("e{n}")) {
                    n += 1;
                }
                let id = format!("e{n}");
                ids.insert(id.clone());
                if inside {
                    doubtful.entities.push(id.clone());
                    if names.contains(&span) {
                        doubtful.whole.push(id.clone());
                    }
                }
                by_key.insert(k, entities.len());
                known.insert((entities.len(), span));
                entities.push(Entity {
                    id,
                    kind: EntityKind::Location,
                    name: surface.to_string(),
                    aliases: Vec::new(),
                    title: None,
                    country: None,
                    actor: None,
                    mentions: vec![span],
                    geo: None,
                });
            }
        }
    }
    for i in touched {
        entities[i].mentions.sort_unstable();
    }
    doubtful
}

/// The pipeline stage: fills `geo` of every location entity (and its `country` when empty).
pub struct Places {
    weights: Weights,
}

impl Places {
    /// The stage with the shipped weights.
    pub fn new() -> Places {
        Places::with_weights(Weights::shipped().clone())
    }

    /// The stage with other weights (for tuning them).
    pub fn with_weights(weights: Weights) -> Places {
        Places { weights }
    }
}

impl Default for Places {
    fn default() -> Places {
        Places::new()
    }
}

impl Stage for Places {
    fn name(&self) -> &'static str {
        "geo"
    }

    fn preloads(&self) -> &'static [fn()] {
        &[gazetteer::preload]
    }

    fn run(&self, doc: &mut Document) {
        let Some(entities) = doc.record.entities.as_mut() else {
            return;
        };
        let doubtful = add_missed_places(&doc.record.text, entities);
        let is_doubtful = |e: &Entity| doubtful.entities.contains(&e.id);
        let mut unbacked: Vec<String> = Vec::new();
        let mut base = Context::new();
        for e in entities.iter().filter(|e| e.kind != EntityKind::Location) {
            if let Some(c) = &e.country {
                base.add_country(c, e.mentions.len().max(1) as u32);
            }
        }
        let locations: Vec<usize> = (0..entities.len())
            .filter(|&i| entities[i].kind == EntityKind::Location)
            .collect();
        let namesakes: Vec<Vec<([u8; 2], &'static str)>> = locations
            .iter()
            .map(|&i| divisions_of(&entities[i].name))
            .collect();
        for divisions in &namesakes {
            for (cc, a) in divisions {
                match base.shared.iter_mut().find(|(c, x, _)| c == cc && x == a) {
                    Some((_, _, n)) => *n += 1,
                    None => base.shared.push((*cc, a, 1)),
                }
            }
        }
        base.neighbours = neighbours_of(
            locations
                .iter()
                .enumerate()
                .filter(|&(_, &i)| !is_doubtful(&entities[i]))
                .map(|(n, &i)| (n as u32, entities[i].name.as_str())),
        );
        let resolve_entity = |e: &Entity, ctx: &Context| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .find_map(|n| resolve::resolve_index(n, ctx, &self.weights))
        };
        // First pass on the other entities' countries alone; the second adds what the other
        // places resolved to, each place's own first answer left out so it cannot vote for itself.
        let first: Vec<Option<u32>> = locations
            .iter()
            .enumerate()
            .map(|(n, &i)| resolve_entity(&entities[i], &base.for_name(n as u32)))
            .collect();
        let weights: Vec<u32> = locations
            .iter()
            .map(|&i| entities[i].mentions.len().max(1) as u32)
            .collect();
        let mut all = base.clone();
        for ((place, &w), &i) in first.iter().zip(&weights).zip(&locations) {
            if let Some(place) = *place
                && !is_doubtful(&entities[i])
            {
                all.learn(place, w);
            }
        }
        for (n, (((&i, own), &w), divisions)) in locations
            .iter()
            .zip(&first)
            .zip(&weights)
            .zip(&namesakes)
            .enumerate()
        {
            let mut ctx = match *own {
                Some(place) => all.without(place, w),
                None => all.clone(),
            };
            ctx.this = Some(n as u32);
            for (c, a, n) in ctx.shared.iter_mut() {
                if divisions.iter().any(|(cc, x)| cc == c && x == a) {
                    *n -= 1;
                }
            }
            let Some(place) = resolve_entity(&entities[i], &ctx) else {
                continue;
            };
            // A county by its form ("Laurel County") is a place, inside a name or not.
            if !supported(place, &ctx) && !scan::county_form(&key::key(&entities[i].name)) {
                if is_doubtful(&entities[i]) {
                    continue;
                }
                unbacked.push(entities[i].id.clone());
            }
            let e = &mut entities[i];
            if e.country.is_none() {
                e.country = iso3_of(place);
            }
            e.geo = Some(geo_of(place));
        }
        // A name inside an organization's that the article does not place is more often a
        // word of the name ("Commerce", "Superior") or a namesake than the place.
        // A county by its form ("Laurel County") is a place even where the gazetteer has no point.
        entities.retain(|e| {
            !is_doubtful(e)
                || e.geo.is_some()
                || doubtful.whole.contains(&e.id)
                || scan::county_form(&key::key(&e.name))
        });
        for (id, span) in &doubtful.mentions {
            if let Some(e) = entities
                .iter_mut()
                .find(|e| unbacked.contains(&e.id) && &e.id == id)
            {
                e.mentions.retain(|m| m != span);
            }
        }
        one_kind_per_span(entities);
        one_entity_per_country(entities);
    }
}

/// A span kept as a place (its name found inside or as the whole of another entity's, and
/// backed by the article) leaves the other entity: a span is never two kinds. An entity left
/// with no mention goes.
fn one_kind_per_span(entities: &mut Vec<Entity>) {
    let places: HashSet<Span> = entities
        .iter()
        .filter(|e| e.kind == EntityKind::Location)
        .flat_map(|e| e.mentions.iter().copied())
        .collect();
    for e in entities
        .iter_mut()
        .filter(|e| e.kind != EntityKind::Location)
    {
        e.mentions.retain(|m| !places.contains(m));
    }
    entities.retain(|e| !e.mentions.is_empty());
}

/// A country is a state, an actor in its own right (its code is its ISO3), and one referent
/// however the article names it: a place found here under another of its names ("the US"
/// beside the tagger's "United States") joins the entity that names it first.
fn one_entity_per_country(entities: &mut Vec<Entity>) {
    let country_of = |e: &Entity| {
        let geo = e.geo.as_ref().filter(|g| g.feature == "country")?;
        Some((geo.geonames_id?, e.country.clone()?))
    };
    let mut first: HashMap<u64, usize> = HashMap::new();
    let mut merged: Vec<usize> = Vec::new();
    for i in 0..entities.len() {
        let Some((id, iso3)) = country_of(&entities[i]) else {
            continue;
        };
        entities[i].actor.get_or_insert(iso3);
        let Some(&into) = first.get(&id) else {
            first.insert(id, i);
            continue;
        };
        let from = std::mem::take(&mut entities[i].mentions);
        let names: Vec<String> = std::iter::once(entities[i].name.clone())
            .chain(entities[i].aliases.drain(..))
            .collect();
        let target = &mut entities[into];
        for name in names {
            if target.name != name && !target.aliases.contains(&name) {
                target.aliases.push(name);
            }
        }
        target.mentions.extend(from);
        target.mentions.sort_unstable();
        target.mentions.dedup();
        merged.push(i);
    }
    for i in merged.into_iter().rev() {
        entities.remove(i);
    }
}

/// The divisions holding a town or county known by this name (its own name), each once.
fn divisions_of(name: &str) -> Vec<([u8; 2], &'static str)> {
    let g = &*GAZETTEER;
    let mut out: Vec<([u8; 2], &'static str)> = Vec::new();
    for i in g.exact(&key::key(name)).filter(|&i| i & PRIMARY != 0) {
        let p = g.place(i);
        if matches!(p.feature, Feature::City | Feature::Admin2)
            && !out.iter().any(|(c, a)| *c == p.country && *a == p.admin1)
        {
            out.push((p.country, p.admin1));
        }
    }
    out
}

/// Whether the article backs `place` beyond its name: a country or division stands on its own,
/// a town or county needs its division named by the article's other places.
fn supported(place: u32, ctx: &Context) -> bool {
    let p = GAZETTEER.place(place);
    match p.feature {
        Feature::Country | Feature::Region | Feature::Admin1 => true,
        Feature::Admin2 | Feature::City => ctx.has_admin1(p.country, p.admin1),
    }
}

#[cfg(test)]
mod export_lookups {
    #[test]
    fn countries_and_division_codes() {
        let armenia = super::country_geo("ARM").unwrap();
        assert_eq!(
            (armenia.country_code.as_deref(), armenia.feature.as_str()),
            (Some("AM"), "country")
        );
        assert_eq!(
            super::country_geo("am").map(|g| g.geonames_id),
            Some(armenia.geonames_id)
        );
        assert_eq!(
            super::admin1_code("AM", "Vayots Dzor").as_deref(),
            Some("10")
        );
        assert_eq!(super::admin1_code("ARM", "Syunik").as_deref(), Some("08"));
        assert_eq!(super::admin1_code("AM", "Nowhere"), None);
        assert_eq!(super::country_geo("ZZ"), None);
    }
}

#[cfg(test)]
mod tests;
