//! The shipped gazetteer: places and tables from key hash to place, read in place from the
//! archive the build script wrote (see `archive.rs`).

use std::collections::HashMap;
use std::sync::LazyLock;

use bytemuck::Zeroable;

pub use super::archive::PRIMARY;
use super::archive::{Archive, Row, Table, feature, key_hash};

/// `include_bytes!` gives no alignment; the archive's sections are cast in place, so it is
/// embedded inside an 8-byte-aligned wrapper.
#[repr(C, align(8))]
struct Aligned<B: ?Sized>(B);

static SHIPPED: &Aligned<[u8]> =
    &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin")));

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    // Written by the build script and checked by tests; an empty gazetteer only leaves places
    // unresolved rather than aborting the pipeline.
    Archive::open(&SHIPPED.0)
        .map(Gazetteer::new)
        .unwrap_or_default()
});

/// Loads the gazetteer ahead of first use (see `Stage::preloads`).
pub(crate) fn preload() {
    LazyLock::force(&GAZETTEER);
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Feature {
    Country,
    Admin1,
    Admin2,
    City,
    Region,
}

impl Feature {
    pub fn as_str(self) -> &'static str {
        match self {
            Feature::Country => "country",
            Feature::Admin1 => "admin1",
            Feature::Admin2 => "admin2",
            Feature::City => "city",
            Feature::Region => "region",
        }
    }

    fn of(code: u8) -> Feature {
        match code {
            feature::COUNTRY => Feature::Country,
            feature::ADMIN1 => Feature::Admin1,
            feature::ADMIN2 => Feature::Admin2,
            feature::REGION => Feature::Region,
            _ => Feature::City,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub id: Option<u64>,
    pub feature: Feature,
    pub rank: u8,
    pub country: [u8; 2],
    pub admin1: &'a str,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    pub name: &'a str,
}

impl Place<'_> {
    pub fn country_code(&self) -> &str {
        std::str::from_utf8(&self.country).unwrap_or("")
    }
}

#[derive(Default)]
pub struct Gazetteer {
    archive: Option<Archive<'static>>,
    countries: HashMap<[u8; 2], u32>,
    divisions: HashMap<([u8; 2], &'static str), u32>,
}

impl Gazetteer {
    /// The gazetteer of an archive, with its countries and first-level divisions indexed (a
    /// scan of the rows: a millisecond).
    fn new(archive: Archive<'static>) -> Gazetteer {
        let mut countries = HashMap::new();
        let mut divisions = HashMap::new();
        for (i, row) in archive.rows.iter().enumerate() {
            match row.feature {
                feature::COUNTRY => {
                    countries.entry(row.country).or_insert(i as u32);
                }
                feature::ADMIN1 => {
                    let code = archive.string(row.admin1, row.admin1_len as usize);
                    divisions.entry((row.country, code)).or_insert(i as u32);
                }
                _ => {}
            }
        }
        Gazetteer {
            archive: Some(archive),
            countries,
            divisions,
        }
    }

    fn table(&self, loose: bool) -> Option<&Table<'static>> {
        let a = self.archive.as_ref()?;
        Some(if loose { &a.loose } else { &a.exact })
    }

    fn lookup(&self, loose: bool, key: &str) -> impl Iterator<Item = u32> + '_ {
        let h = key_hash(key);
        self.table(loose).into_iter().flat_map(move |t| t.get(h))
    }

    /// Places known by exactly this key, [`PRIMARY`] set when it is their own name.
    pub fn exact(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        self.lookup(false, key)
    }

    /// Places whose loose key is this loose key.
    pub fn loose(&self, loose: &str) -> impl Iterator<Item = u32> + '_ {
        self.lookup(true, loose)
    }

    /// The place an index entry points to. Indexes come from this gazetteer's own tables.
    pub fn place(&self, i: u32) -> Place<'static> {
        let archive = self.archive.as_ref();
        let row = archive.and_then(|a| a.rows.get((i & !PRIMARY) as usize));
        let (Some(a), Some(r)) = (archive, row) else {
            return Place::from_row(&Row::zeroed(), "", "");
        };
        Place::from_row(
            r,
            a.string(r.name, r.name_len as usize),
            a.string(r.admin1, r.admin1_len as usize),
        )
    }

    pub fn country(&self, cc: [u8; 2]) -> Option<u32> {
        self.countries.get(&cc).map(|&i| i | PRIMARY)
    }

    /// The code of a first-level division by its country and name (a reverse scan: for exports,
    /// not for extraction).
    pub fn admin1_code(&self, cc: [u8; 2], name: &str) -> Option<&str> {
        self.divisions
            .iter()
            .filter(|((country, _), _)| *country == cc)
            .find(|(_, i)| self.place(**i).name == name)
            .map(|((_, code), _)| *code)
    }

    /// The name of a first-level division by its codes.
    pub fn admin1_name(&self, cc: [u8; 2], admin1: &str) -> Option<&str> {
        // The map is covariant in its keys: looked up with a shorter-lived code.
        let divisions: &HashMap<([u8; 2], &str), u32> = &self.divisions;
        let i = *divisions.get(&(cc, admin1))?;
        Some(self.place(i).name)
    }
}

impl<'a> Place<'a> {
    fn from_row(r: &Row, name: &'a str, admin1: &'a str) -> Place<'a> {
        Place {
            id: Some(u64::from(r.id)).filter(|&id| id > 0),
            feature: Feature::of(r.feature),
            rank: r.rank,
            country: r.country,
            admin1,
            lat: r.lat,
            lon: r.lon,
            population: u64::from(r.population),
            name,
        }
    }
}
