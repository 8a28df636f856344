//! The gazetteer as a flat archive (`crate::flat`): every place and both key tables as arrays,
//! written when the crate is built (`build.rs` includes this file) and read in place at run
//! time, so start-up does no decompression, parsing, hashing or sorting.
//!
//! The sources are `data/gazetteer/places.tsv.gz` and `regions.tsv`; the archive is derived from
//! them deterministically and never shipped apart from the binary.
//!
//! Sections: four counts (rows, exact entries, loose entries, string bytes), rows, exact hashes
//! (u64), loose hashes, exact places (u32), loose places, exact bucket starts (u32 × 2^16 + 1),
//! loose bucket starts, strings (UTF-8).

use crate::flat::{self, BUCKETS, Malformed, Reader, Writer, bucket_starts, starts_fit};
use bytemuck::{Pod, Zeroable};

pub use crate::flat::key_hash;

const MAGIC: &[u8; 16] = b"sitrep-gaz-v2\0\0\0";

/// Marks an index entry whose key is one of the place's own names rather than an alternate.
pub const PRIMARY: u32 = 1 << 31;

/// Feature codes of [`Row::feature`].
pub mod feature {
    pub const COUNTRY: u8 = 0;
    pub const ADMIN1: u8 = 1;
    pub const ADMIN2: u8 = 2;
    pub const CITY: u8 = 3;
    pub const REGION: u8 = 4;
}

/// One place. Strings are byte ranges of the archive's string section.
#[repr(C)]
#[derive(Clone, Copy, Debug, Pod, Zeroable)]
pub struct Row {
    pub lat: f64,
    pub lon: f64,
    pub population: u32,
    /// GeoNames id; 0 for a place of `regions.tsv`.
    pub id: u32,
    pub name: u32,
    pub admin1: u32,
    pub name_len: u16,
    pub admin1_len: u8,
    pub feature: u8,
    pub rank: u8,
    pub country: [u8; 2],
    _pad: u8,
}

/// A sorted table from key hash to place (with [`PRIMARY`]), as parallel arrays.
#[derive(Clone, Copy)]
pub struct Table<'a> {
    hashes: &'a [u64],
    places: &'a [u32],
    starts: &'a [u32],
}

impl<'a> Table<'a> {
    pub fn get(&self, h: u64) -> impl Iterator<Item = u32> + 'a {
        let places = self.places;
        flat::positions(self.hashes, self.starts, h).map(move |i| places[i])
    }
}

/// The archive's sections, borrowed from its bytes.
pub struct Archive<'a> {
    pub rows: &'a [Row],
    pub exact: Table<'a>,
    pub loose: Table<'a>,
    strings: &'a str,
}

impl<'a> Archive<'a> {
    /// Reads the sections of `bytes`, which must be 8-byte aligned.
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, Malformed> {
        let mut reader = Reader::open(bytes, MAGIC)?;
        let [rows, exact, loose, strings] = reader.counts(4)?[..] else {
            unreachable!("four counts read")
        };
        let rows = reader.take(rows)?;
        let exact_hashes = reader.take(exact)?;
        let loose_hashes = reader.take(loose)?;
        let exact_places = reader.take(exact)?;
        let loose_places = reader.take(loose)?;
        let exact_starts = reader.take(BUCKETS + 1)?;
        let loose_starts = reader.take(BUCKETS + 1)?;
        let strings: &[u8] = reader.take(strings)?;
        let strings = std::str::from_utf8(strings).map_err(|_| Malformed("strings not UTF-8"))?;
        if !starts_fit(exact_starts, exact) || !starts_fit(loose_starts, loose) {
            return Err(Malformed("bucket starts out of order"));
        }
        Ok(Archive {
            rows,
            exact: Table {
                hashes: exact_hashes,
                places: exact_places,
                starts: exact_starts,
            },
            loose: Table {
                hashes: loose_hashes,
                places: loose_places,
                starts: loose_starts,
            },
            strings,
        })
    }

    /// A string of a row; empty if the range is not inside the string section.
    pub fn string(&self, start: u32, len: usize) -> &'a str {
        let start = start as usize;
        self.strings.get(start..start + len).unwrap_or("")
    }
}

/// Builds the archive from the gzipped places table and the regions list (see
/// `data/gazetteer/README.md` for both formats).
pub fn write(places_gz: &[u8], regions: &str) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::GzDecoder::new(places_gz).read_to_string(&mut text)?;
    let mut b = Builder::default();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        b.add_place_line(line)?;
    }
    b.add_regions(regions);
    Ok(b.finish())
}

#[derive(Default)]
struct Builder {
    rows: Vec<Row>,
    strings: String,
    exact: Vec<(u64, u32)>,
    loose: Vec<(u64, u32)>,
}

fn code2(s: &str) -> [u8; 2] {
    let b = s.as_bytes();
    if b.len() == 2 { [b[0], b[1]] } else { *b"??" }
}

fn invalid(what: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, what)
}

impl Builder {
    fn add_place_line(&mut self, line: &str) -> std::io::Result<()> {
        let f: Vec<&str> = line.splitn(11, '\t').collect();
        if f.len() < 11 {
            return Ok(());
        }
        let feature = match f[1] {
            "country" => feature::COUNTRY,
            "admin1" => feature::ADMIN1,
            "admin2" => feature::ADMIN2,
            _ => feature::CITY,
        };
        let (Ok(lat), Ok(lon)) = (f[5].parse(), f[6].parse()) else {
            return Ok(());
        };
        let too_large = |what: &str| invalid(format!("gazetteer: {what} too large in {line:?}"));
        let population: u64 = f[7].parse().unwrap_or(0);
        let id: u64 = f[0].parse().unwrap_or(0);
        let i = self.push(
            Row {
                lat,
                lon,
                population: u32::try_from(population).map_err(|_| too_large("population"))?,
                id: u32::try_from(id).map_err(|_| too_large("id"))?,
                feature,
                rank: f[2].parse().unwrap_or(0),
                country: code2(f[3]),
                ..Row::zeroed()
            },
            f[8],
            f[4],
        )?;
        let primaries: usize = f[9].parse().unwrap_or(0);
        for (n, k) in f[10].split('|').enumerate() {
            self.add_key(k, if n < primaries { i | PRIMARY } else { i });
        }
        Ok(())
    }

    fn push(&mut self, mut row: Row, name: &str, admin1: &str) -> std::io::Result<u32> {
        let long = || {
            invalid(format!(
                "gazetteer: name or code too long: {name:?} {admin1:?}"
            ))
        };
        row.name_len = u16::try_from(name.len()).map_err(|_| long())?;
        row.admin1_len = u8::try_from(admin1.len()).map_err(|_| long())?;
        row.name = self.string(name);
        row.admin1 = self.string(admin1);
        self.rows.push(row);
        Ok(self.rows.len() as u32 - 1)
    }

    fn string(&mut self, s: &str) -> u32 {
        let start = self.strings.len() as u32;
        self.strings.push_str(s);
        start
    }

    fn add_key(&mut self, key: &str, place: u32) {
        self.exact.push((key_hash(key), place));
        // Short names differ in a vowel too often ("Baku", "Bako") to meet loosely.
        if key.len() >= 6 {
            let loose = crate::geo::key::loose_key(key);
            self.loose.push((key_hash(&loose), place));
        }
    }

    /// The first row of this feature with this country (and first-level code).
    fn first(&self, feature: u8, cc: [u8; 2], admin1: Option<&str>) -> Option<u32> {
        let strings = &self.strings;
        self.rows
            .iter()
            .position(|r| {
                r.feature == feature
                    && r.country == cc
                    && admin1.is_none_or(|a1| {
                        strings.get(r.admin1 as usize..r.admin1 as usize + r.admin1_len as usize)
                            == Some(a1)
                    })
            })
            .map(|i| i as u32)
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
                    let i = self.first(feature::COUNTRY, code2(f[1]), None);
                    // A row with a point corrects the country's centre.
                    if let (Some(i), Some((lat, lon))) = (i, point) {
                        let row = &mut self.rows[i as usize];
                        (row.lat, row.lon) = (lat, lon);
                    }
                    i
                }
                "alias" => f[1]
                    .split_once('.')
                    .and_then(|(cc, a1)| self.first(feature::ADMIN1, code2(cc), Some(a1))),
                _ => {
                    let Some((lat, lon)) = point else { continue };
                    let row = Row {
                        lat,
                        lon,
                        feature: feature::REGION,
                        country: code2(f[1]),
                        ..Row::zeroed()
                    };
                    self.push(row, names[0], "").ok()
                }
            };
            // Abbreviations ("Mass.", "Ind.") are words too: not the division's own name.
            let own = if f[0] == "alias" { 0 } else { PRIMARY };
            if let Some(i) = target {
                for n in names {
                    let k = crate::geo::key::key(n);
                    self.add_key(&k, i | own);
                }
            }
        }
    }

    fn finish(mut self) -> Vec<u8> {
        for entries in [&mut self.exact, &mut self.loose] {
            entries.sort_unstable();
            entries.dedup();
        }
        let mut w = Writer::new(MAGIC);
        w.counts(&[
            self.rows.len(),
            self.exact.len(),
            self.loose.len(),
            self.strings.len(),
        ]);
        w.section(&self.rows);
        for entries in [&self.exact, &self.loose] {
            w.section(&entries.iter().map(|e| e.0).collect::<Vec<u64>>());
        }
        for entries in [&self.exact, &self.loose] {
            w.section(&entries.iter().map(|e| e.1).collect::<Vec<u32>>());
        }
        for entries in [&self.exact, &self.loose] {
            w.section(&bucket_starts(entries.iter().map(|e| e.0)));
        }
        w.section(self.strings.as_bytes());
        w.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const PLACES: &str = "# comment\n\
        174982\tcountry\t0\tAM\tAM\t40.0000\t45.0000\t2968000\tArmenia\t1\tarmenia|hayastan\n\
        616051\tadmin1\t0\tAM\t11\t40.1000\t44.5000\t1000000\tYerevan\t1\tyerevan\n\
        616052\tcity\t1\tAM\t11\t40.1811\t44.5136\t1093485\tYerevan\t1\tyerevan|erevan\n\
        bad line\n";
    const REGIONS: &str = "# feature country lat lon names\n\
        country\tAM\t40.2\t44.9\tRepublic of Armenia\n\
        alias\tAM.11\t\t\tYer.\n\
        region\tAM\t39.8\t46.7\tZangezur Corridor|Syunik corridor\n";

    fn archive_bytes() -> Vec<u64> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(PLACES.as_bytes()).unwrap();
        let bytes = write(&gz.finish().unwrap(), REGIONS).unwrap();
        // Copied into u64s so the sections are aligned as the embedded archive's are.
        let mut words = vec![0u64; bytes.len().div_ceil(8)];
        bytemuck::cast_slice_mut::<u64, u8>(&mut words)[..bytes.len()].copy_from_slice(&bytes);
        words
    }

    fn places(table: &Table, key: &str) -> Vec<u32> {
        table.get(key_hash(key)).collect()
    }

    #[test]
    fn places_and_keys_survive_the_archive() {
        let words = archive_bytes();
        let a = Archive::open(bytemuck::cast_slice(&words)).unwrap();
        assert_eq!(
            a.rows.len(),
            4,
            "three places and one region; the bad line skipped"
        );
        let city = a.rows[2];
        assert_eq!(a.string(city.name, city.name_len as usize), "Yerevan");
        assert_eq!(a.string(city.admin1, city.admin1_len as usize), "11");
        assert_eq!((city.lat, city.lon, city.id), (40.1811, 44.5136, 616052));
        assert_eq!(city.feature, feature::CITY);
        // Own names carry PRIMARY, alternates do not.
        assert_eq!(places(&a.exact, "erevan"), [2]);
        assert_eq!(places(&a.exact, "yerevan"), [1 | PRIMARY, 2 | PRIMARY]);
        assert_eq!(
            places(&a.loose, &crate::geo::key::loose_key("yerevan")).len(),
            2
        );
        assert!(places(&a.exact, "nowhere").is_empty());
    }

    #[test]
    fn regions_add_names_centres_and_places() {
        let words = archive_bytes();
        let a = Archive::open(bytemuck::cast_slice(&words)).unwrap();
        assert_eq!(
            (a.rows[0].lat, a.rows[0].lon),
            (40.2, 44.9),
            "country centre corrected"
        );
        assert_eq!(places(&a.exact, "republic of armenia"), [PRIMARY]);
        assert_eq!(
            places(&a.exact, "yer"),
            [1],
            "an alias names the division, not as its own"
        );
        let region = a.rows[3];
        assert_eq!(region.feature, feature::REGION);
        assert_eq!(
            a.string(region.name, region.name_len as usize),
            "Zangezur Corridor"
        );
        assert_eq!(places(&a.exact, "syunik corridor"), [3 | PRIMARY]);
    }

    #[test]
    fn damaged_archives_are_refused() {
        let words = archive_bytes();
        let bytes: &[u8] = bytemuck::cast_slice(&words);
        assert!(Archive::open(b"not an archive").is_err());
        assert!(Archive::open(&bytes[..bytes.len() / 2]).is_err());
        let mut wrong_count = words.clone();
        wrong_count[2] = u64::MAX; // the row count, after the magic
        assert!(Archive::open(bytemuck::cast_slice(&wrong_count)).is_err());
    }
}
