//! The place resolver's weights: the points a candidate place earns for its kind, its size and
//! its agreement with the article, and the scores below which the resolver abstains. They are
//! data (`data/gazetteer/resolver.tsv`), chosen by `cargo xtask train geo` on one half of the
//! geoparsing gold sets and reported on the other.

use std::sync::LazyLock;

/// Declares the weights once: the struct, and their names for the data file and the tuner.
macro_rules! weights {
    ($($(#[$doc:meta])* $name:ident,)*) => {
        /// Every weight, by the name the data file gives it.
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct Weights {
            $($(#[$doc])* pub $name: f64,)*
        }

        impl Weights {
            /// The names, in the data file's order.
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),*];

            pub fn get(&self, name: &str) -> Option<f64> {
                match name {
                    $(stringify!($name) => Some(self.$name),)*
                    _ => None,
                }
            }

            pub fn get_mut(&mut self, name: &str) -> Option<&mut f64> {
                match name {
                    $(stringify!($name) => Some(&mut self.$name),)*
                    _ => None,
                }
            }
        }
    };
}

weights! {
    country,
    region,
    admin1,
    admin2,
    capital,
    division_seat,
    lower_seat,
    /// Per power of ten of the population.
    population,
    /// A town or division in a country the article names.
    in_named_country,
    /// Per mention of that country (up to five).
    per_country_mention,
    /// A town or county in a first-level division the article names.
    in_named_division,
    /// A first-level division holding places the article names.
    holds_named_places,
    /// A town or county in a division holding namesakes of several of the article's places.
    in_shared_division,
    /// A town or county near places the article's other names could be, per such name (each
    /// weighted by one over the square root of its number of namesakes).
    near_named_places,
    /// How near, in kilometres.
    near_km,
    /// A country or region the article's other entities belong to.
    named_country,
    /// The name is the place's own, not an alternate.
    own_name,
    /// Below this score the resolver abstains.
    min_score,
    /// A far-apart rival this close to the best score: the resolver abstains.
    margin,
}

static SHIPPED: LazyLock<Weights> = LazyLock::new(|| {
    // Checked by a test; unreadable weights would only be a build mistake.
    Weights::parse(include_str!("../../../../data/gazetteer/resolver.tsv")).unwrap_or_else(|e| {
        panic!("data/gazetteer/resolver.tsv: {e}");
    })
});

impl Weights {
    /// The weights the binary ships with.
    pub fn shipped() -> &'static Weights {
        &SHIPPED
    }

    /// Reads `name<TAB>value` lines (`#` lines are comments); every weight must be given once.
    pub fn parse(text: &str) -> Result<Weights, String> {
        let mut w = Weights::default();
        let mut seen = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, value) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: not `name<TAB>value`", n + 1))?;
            let value: f64 = value
                .trim()
                .parse()
                .map_err(|_| format!("line {}: {value:?} is no number", n + 1))?;
            *w.get_mut(name)
                .ok_or_else(|| format!("line {}: no weight named {name:?}", n + 1))? = value;
            seen.push(name);
        }
        let missing: Vec<&str> = Weights::NAMES
            .iter()
            .copied()
            .filter(|f| !seen.contains(f))
            .collect();
        match missing.is_empty() {
            true => Ok(w),
            false => Err(format!("weights missing: {}", missing.join(", "))),
        }
    }

    /// The weights as the data file writes them, after `header` (comment lines).
    pub fn to_tsv(&self, header: &str) -> String {
        let mut out: String = header.lines().map(|l| format!("# {l}\n")).collect();
        for name in Weights::NAMES {
            out += &format!("{name}\t{}\n", self.get(name).unwrap_or_default());
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::Weights;

    #[test]
    fn the_shipped_weights_read_and_round_trip() {
        let w = Weights::shipped().clone();
        assert!(w.min_score > 0.0 && w.population > 0.0);
        assert_eq!(Weights::parse(&w.to_tsv("a header")).as_ref(), Ok(&w));
    }

    #[test]
    fn unknown_missing_and_malformed_weights_are_refused() {
        let text = Weights::shipped().to_tsv("");
        assert!(Weights::parse(&text.replace("margin\t", "marg\t")).is_err());
        assert!(Weights::parse(&text.replace("margin\t", "# margin\t")).is_err());
        assert!(Weights::parse(&text.replace("margin\t", "margin ")).is_err());
        assert!(Weights::parse(&format!("{text}country\tmany\n")).is_err());
    }
}
