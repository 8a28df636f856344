//! The shipped gazetteer, decoded once: places and a sorted table from key hash to place.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::io::Read;
use std::sync::LazyLock;

use flate2::read::GzDecoder;
use foldhash::fast::FixedState;

use super::key::loose_key;

static SHIPPED: &[u8] = include_bytes!("../../../../data/gazetteer/places.tsv.gz");
static REGIONS: &str = include_str!("../../../../data/gazetteer/regions.tsv");

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    // Embedded at compile time and checked by tests; an empty gazetteer only leaves places
    // unresolved rather than aborting the pipeline.
    Gazetteer::decode(SHIPPED, REGIONS).unwrap_or_default()
});

/// Marks an index entry whose key is one of the place's own names rather than an alternate.
pub const PRIMARY: u32 = 1 << 31;

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
}

#[derive(Debug, Clone)]
pub struct Place {
    pub id: Option<u64>,
    pub feature: Feature,
    pub rank: u8,
    pub country: [u8; 2],
    pub admin1: Box<str>,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
    pub name: Box<str>,
}

impl Place {
    pub fn country_code(&self) -> &str {
        std::str::from_utf8(&self.country).unwrap_or("")
    }
}

/// Hash → place pairs, sorted, with where each run of equal top bits starts: a lookup is then
/// a search among a few dozen neighbours instead of twenty cache misses across the whole table,
/// which bounded how many names a core resolves per second.
#[derive(Default)]
struct Table {
    entries: Vec<(u64, u32)>,
    starts: Vec<u32>,
}

const BUCKET_BITS: u32 = 16;

impl Table {
    fn seal(&mut self) {
        self.entries.sort_unstable();
        self.entries.dedup();
        let buckets = 1usize << BUCKET_BITS;
        self.starts = Vec::with_capacity(buckets + 1);
        let mut i = 0;
        for b in 0..buckets as u64 {
            while i < self.entries.len() && self.entries[i].0 >> (64 - BUCKET_BITS) < b {
                i += 1;
            }
            self.starts.push(i as u32);
        }
        self.starts.push(self.entries.len() as u32);
    }

    fn get(&self, h: u64) -> impl Iterator<Item = u32> + '_ {
        let b = (h >> (64 - BUCKET_BITS)) as usize;
        let (lo, hi) = match (self.starts.get(b), self.starts.get(b + 1)) {
            (Some(&lo), Some(&hi)) => (lo as usize, hi as usize),
            _ => (0, 0),
        };
        let bucket = &self.entries[lo..hi];
        let start = bucket.partition_point(|&(k, _)| k < h);
        bucket[start..]
            .iter()
            .take_while(move |&&(k, _)| k == h)
            .map(|&(_, p)| p)
    }
}

#[derive(Default)]
pub struct Gazetteer {
    pub places: Vec<Place>,
    /// (hash of exact key, place), sorted: a flat table is a fraction of the memory of a map
    /// of strings to vectors, and 64-bit hashes of a million keys do not collide in practice.
    exact: Table,
    loose: Table,
    hasher: FixedState,
    countries: HashMap<[u8; 2], u32>,
    divisions: HashMap<([u8; 2], Box<str>), u32>,
}

fn code2(s: &str) -> [u8; 2] {
    let b = s.as_bytes();
    if b.len() == 2 { [b[0], b[1]] } else { *b"??" }
}

impl Gazetteer {
    pub fn decode(gz: &[u8], regions: &str) -> std::io::Result<Gazetteer> {
        let mut text = String::new();
        GzDecoder::new(gz).read_to_string(&mut text)?;
        let mut g = Gazetteer {
            hasher: FixedState::with_seed(0x5175_7265_7067),
            ..Default::default()
        };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let f: Vec<&str> = line.splitn(11, '\t').collect();
            if f.len() < 11 {
                continue;
            }
            let feature = match f[1] {
                "country" => Feature::Country,
                "admin1" => Feature::Admin1,
                "admin2" => Feature::Admin2,
                _ => Feature::City,
            };
            let (Ok(lat), Ok(lon)) = (f[5].parse(), f[6].parse()) else {
                continue;
            };
            let i = g.places.len() as u32;
            g.places.push(Place {
                id: f[0].parse().ok().filter(|&id| id > 0),
                feature,
                rank: f[2].parse().unwrap_or(0),
                country: code2(f[3]),
                admin1: f[4].into(),
                lat,
                lon,
                population: f[7].parse().unwrap_or(0),
                name: f[8].into(),
            });
            let primaries: usize = f[9].parse().unwrap_or(0);
            for (n, k) in f[10].split('|').enumerate() {
                g.add_key(k, if n < primaries { i | PRIMARY } else { i });
            }
        }
        for (i, p) in g.places.iter().enumerate() {
            match p.feature {
                Feature::Country => {
                    g.countries.entry(p.country).or_insert(i as u32);
                }
                Feature::Admin1 => {
                    g.divisions
                        .entry((p.country, p.admin1.clone()))
                        .or_insert(i as u32);
                }
                _ => {}
            }
        }
        g.add_regions(regions);
        g.exact.seal();
        g.loose.seal();
        Ok(g)
    }

    fn add_key(&mut self, key: &str, place: u32) {
        self.exact.entries.push((self.hasher.hash_one(key), place));
        // Short names differ in a vowel too often ("Baku", "Bako") to meet loosely.
        if key.len() >= 6 {
            self.loose
                .entries
                .push((self.hasher.hash_one(loose_key(key)), place));
        }
    }

    /// `regions.tsv`: `feature country lat lon names` — informal and disputed regions news
    /// names that GeoNames' city and division files lack; `country` rows add names (and, with a
    /// point, a better centre) to a country, `alias` rows (`US.KS`) names to a division.
    fn add_regions(&mut self, text: &str) {
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 5 {
                continue;
            }
            let names: Vec<&str> = f[4].split('|').map(str::trim).collect();
            let point = f[2].parse::<f64>().ok().zip(f[3].parse::<f64>().ok());
            let target = match f[0] {
                "country" => {
                    let i = self.country(code2(f[1])).map(|i| i & !PRIMARY);
                    // A row with a point corrects the country's centre.
                    if let (Some(i), Some((lat, lon))) = (i, point) {
                        let p = &mut self.places[i as usize];
                        (p.lat, p.lon) = (lat, lon);
                    }
                    i.map(|i| i as usize)
                }
                "alias" => f[1]
                    .split_once('.')
                    .and_then(|(cc, a1)| self.divisions.get(&(code2(cc), Box::from(a1))))
                    .map(|&i| i as usize),
                _ => {
                    let Some((lat, lon)) = point else { continue };
                    self.places.push(Place {
                        id: None,
                        feature: Feature::Region,
                        rank: 0,
                        country: code2(f[1]),
                        admin1: "".into(),
                        lat,
                        lon,
                        population: 0,
                        name: names[0].into(),
                    });
                    Some(self.places.len() - 1)
                }
            };
            // Abbreviations ("Mass.", "Ind.") are words too: not the division's own name.
            let own = if f[0] == "alias" { 0 } else { PRIMARY };
            if let Some(i) = target {
                for n in names {
                    let k = super::key::key(n);
                    self.add_key(&k, i as u32 | own);
                }
            }
        }
    }

    fn lookup<'a>(&'a self, table: &'a Table, key: &str) -> impl Iterator<Item = u32> + 'a {
        table.get(self.hasher.hash_one(key))
    }

    /// Places known by exactly this key, [`PRIMARY`] set when it is their own name.
    pub fn exact(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        self.lookup(&self.exact, key)
    }

    /// Places whose loose key is this loose key.
    pub fn loose(&self, loose: &str) -> impl Iterator<Item = u32> + '_ {
        self.lookup(&self.loose, loose)
    }

    pub fn place(&self, i: u32) -> &Place {
        &self.places[(i & !PRIMARY) as usize]
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
            .find(|(_, i)| &*self.places[**i as usize].name == name)
            .map(|((_, code), _)| &**code)
    }

    /// The name of a first-level division by its codes.
    pub fn admin1_name(&self, cc: [u8; 2], admin1: &str) -> Option<&str> {
        let i = *self.divisions.get(&(cc, Box::from(admin1)))?;
        Some(&self.places[i as usize].name)
    }
}
