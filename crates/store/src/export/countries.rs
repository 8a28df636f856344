//! Country facts the ACLED export writes: ISO 3166-1 numeric code and ACLED's region, by ISO
//! alpha-2. The table `data/export/countries.tsv` is made by [`build_country_table`] from
//! mledoze/countries (ODbL), whose UN subregions ACLED's regions follow, with ACLED's own
//! departures from them ([`acled_region`]); a test rebuilds it from `/work/shared/data` when
//! present.

use std::collections::HashMap;
use std::sync::LazyLock;

pub const SHIPPED: &str = include_str!("../../../../data/export/countries.tsv");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountryFacts {
    pub iso3: &'static str,
    /// ISO 3166-1 numeric as ACLED writes it (no leading zeros: Armenia 51).
    pub numeric: u16,
    pub acled_region: &'static str,
}

static BY_ISO2: LazyLock<HashMap<&'static str, CountryFacts>> = LazyLock::new(|| {
    SHIPPED
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut f = line.split('\t');
            let (iso2, iso3, numeric, region) = (f.next()?, f.next()?, f.next()?, f.next()?);
            Some((
                iso2,
                CountryFacts {
                    iso3,
                    numeric: numeric.parse().ok()?,
                    acled_region: region,
                },
            ))
        })
        .collect()
});

/// The facts of a country by ISO alpha-2, in any case.
pub fn facts(iso2: &str) -> Option<CountryFacts> {
    BY_ISO2
        .get(iso2.trim().to_ascii_uppercase().as_str())
        .copied()
}

/// ACLED's region of a country from its UN subregion (as mledoze/countries names them).
/// ACLED follows the subregions but puts the South Caucasus with Central Asia, Iran in the
/// Middle East, and Mexico in Central America; every European subregion is "Europe".
pub fn acled_region(iso2: &str, region: &str, subregion: &str) -> Option<&'static str> {
    Some(match (iso2, subregion) {
        ("AM" | "AZ" | "GE", _) => "Caucasus and Central Asia",
        ("IR", _) => "Middle East",
        ("MX", _) => "Central America",
        (_, "Central Asia") => "Caucasus and Central Asia",
        (_, "Western Asia") => "Middle East",
        (_, "Southern Asia") => "South Asia",
        (_, "South-Eastern Asia") => "Southeast Asia",
        (_, "Eastern Asia") => "East Asia",
        (_, "Eastern Africa") => "Eastern Africa",
        (_, "Western Africa") => "Western Africa",
        (_, "Middle Africa") => "Middle Africa",
        (_, "Southern Africa") => "Southern Africa",
        (_, "Northern Africa") => "Northern Africa",
        (_, "Caribbean") => "Caribbean",
        (_, "Central America") => "Central America",
        (_, "South America") => "South America",
        (_, "North America") => "North America",
        _ if region == "Europe" => "Europe",
        _ if region == "Oceania" => "Oceania",
        _ if region == "Antarctic" => "Antarctica",
        _ => return None,
    })
}

/// `iso2<TAB>iso3<TAB>numeric<TAB>acled_region` rows from mledoze/countries' JSON, in its
/// order, after a provenance header; countries without a numeric code or region are left out.
pub fn build_country_table(mledoze_json: &str) -> Result<String, serde_json::Error> {
    let countries: Vec<serde_json::Value> = serde_json::from_str(mledoze_json)?;
    let mut out = String::from(
        "# iso2\tiso3\tnumeric\tacled_region — ISO 3166-1 numeric and ACLED's region by ISO alpha-2, from \
         mledoze/countries (ODbL); made by sitrep_store::export::countries::build_country_table\n",
    );
    for c in &countries {
        let text = |key: &str| c[key].as_str().unwrap_or("").trim().to_string();
        let (iso2, iso3, numeric) = (text("cca2"), text("cca3"), text("ccn3"));
        let Ok(numeric) = numeric.parse::<u16>() else {
            continue;
        };
        let Some(region) = acled_region(&iso2, &text("region"), &text("subregion")) else {
            continue;
        };
        if iso2.len() == 2 && iso3.len() == 3 {
            out.push_str(&format!("{iso2}\t{iso3}\t{numeric}\t{region}\n"));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_regions_and_numeric_codes() {
        let armenia = facts("am").unwrap();
        assert_eq!(
            (armenia.iso3, armenia.numeric, armenia.acled_region),
            ("ARM", 51, "Caucasus and Central Asia")
        );
        assert_eq!(
            facts("AF").map(|f| (f.numeric, f.acled_region)),
            Some((4, "South Asia"))
        );
        assert_eq!(facts("IR").map(|f| f.acled_region), Some("Middle East"));
        assert_eq!(facts("SY").map(|f| f.acled_region), Some("Middle East"));
        assert_eq!(facts("UA").map(|f| f.acled_region), Some("Europe"));
        assert_eq!(facts("NG").map(|f| f.acled_region), Some("Western Africa"));
        assert_eq!(facts("ZZ"), None);
    }

    #[test]
    fn shipped_table_is_what_the_generator_makes() {
        let source = std::path::Path::new("/work/shared/data/gazetteer/mledoze-countries.json");
        let Ok(text) = std::fs::read_to_string(source) else {
            eprintln!(
                "skipped: {} not present; the shipped table was not re-derived",
                source.display()
            );
            return;
        };
        assert_eq!(build_country_table(&text).unwrap(), SHIPPED);
    }
}
