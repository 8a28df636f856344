//! FIPS 10-4 country codes (what GDELT writes in its geo columns) and English country names, by
//! ISO 3166-1 alpha-2. The table `data/export/fips.tsv` is made by [`build_fips_table`] from
//! GeoNames' `countryInfo.txt` (CC BY 4.0); a test rebuilds it from `/work/shared/data` when present.

use std::collections::HashMap;
use std::sync::LazyLock;

pub const SHIPPED: &str = include_str!("../../../../data/export/fips.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// Empty where FIPS 10-4 has no code of its own (GeoNames leaves the cell empty).
    pub fips: &'static str,
    pub name: &'static str,
}

static BY_ISO2: LazyLock<HashMap<&'static str, Country>> = LazyLock::new(|| {
    SHIPPED
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut f = line.split('\t');
            let (iso2, fips, name) = (f.next()?, f.next()?, f.next()?);
            Some((iso2, Country { fips, name }))
        })
        .collect()
});

/// The country of an ISO alpha-2 code, in any case.
pub fn country(iso2: &str) -> Option<Country> {
    let upper = iso2.trim().to_ascii_uppercase();
    BY_ISO2.get(upper.as_str()).copied()
}

/// The FIPS 10-4 code of an ISO alpha-2 code ("AZ" → "AJ"), if FIPS has one.
pub fn fips(iso2: &str) -> Option<&'static str> {
    country(iso2).map(|c| c.fips).filter(|f| !f.is_empty())
}

/// `iso2<TAB>fips<TAB>name` rows from GeoNames' countryInfo (columns ISO, ISO3, ISO-Numeric,
/// fips, Country, …), in the file's order, after a provenance header.
pub fn build_fips_table(country_info: &str) -> String {
    let mut out = String::from(
        "# iso2\tfips\tname — FIPS 10-4 by ISO 3166-1 alpha-2, from GeoNames countryInfo.txt (CC BY 4.0); \
         made by sitrep_store::export::fips::build_fips_table\n",
    );
    for line in country_info
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let f: Vec<&str> = line.split('\t').collect();
        let (Some(iso2), Some(fips), Some(name)) = (f.first(), f.get(3), f.get(4)) else {
            continue;
        };
        if iso2.len() != 2 {
            continue;
        }
        out.push_str(&format!(
            "{}\t{}\t{}\n",
            iso2.trim(),
            fips.trim(),
            name.trim()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gdelt_country_codes_differ_from_iso() {
        for (iso, fips_code) in [
            ("AM", "AM"),
            ("AZ", "AJ"),
            ("CN", "CH"),
            ("JP", "JA"),
            ("DE", "GM"),
            ("US", "US"),
        ] {
            assert_eq!(fips(iso), Some(fips_code), "{iso}");
        }
        assert_eq!(country("az").map(|c| c.name), Some("Azerbaijan"));
        assert_eq!(fips("ZZ"), None);
        assert_eq!(fips(""), None);
    }

    #[test]
    fn shipped_table_is_what_the_generator_makes() {
        let source = std::path::Path::new("/work/shared/data/gazetteer/countryInfo.tsv");
        let Ok(text) = std::fs::read_to_string(source) else {
            eprintln!(
                "skipped: {} not present; the shipped table was not re-derived",
                source.display()
            );
            return;
        };
        assert_eq!(
            build_fips_table(&text),
            SHIPPED,
            "regenerate data/export/fips.tsv with build_fips_table"
        );
    }
}
