//! Choosing the place a name means: every gazetteer entry known by the name, scored by kind,
//! size and agreement with the article's other places and countries.

use super::Context;
use super::gazetteer::{Feature, GAZETTEER, Gazetteer, PRIMARY, Place};
use super::key::{key, loose_key};
use super::weights::Weights;

/// Gold geoparsing sets count a guess within 100 miles as right; closer rivals are the same place
/// for a reader (a city and its district).
const SAME_PLACE_KM: f64 = 161.0;
/// Other place names of the article with a namesake in a town's division that make the
/// division likely where the article is (the town's, its neighbour's and its county's).
const SHARED_NAMES: u32 = 2;

fn feature_base(p: &Place, w: &Weights) -> f64 {
    match p.feature {
        Feature::Country => w.country,
        Feature::Region => w.region,
        Feature::Admin1 => w.admin1,
        Feature::Admin2 => w.admin2,
        Feature::City => match p.rank {
            3 => w.capital,
            2 => w.division_seat,
            1 => w.lower_seat,
            _ => 0.0,
        },
    }
}

fn score(p: &Place, ctx: &Context, w: &Weights) -> f64 {
    let mut s = feature_base(p, w) + w.population * ((p.population + 1) as f64).log10();
    if p.feature != Feature::Country && p.feature != Feature::Region {
        if let Some(n) = ctx.country_weight(p.country) {
            s += w.in_named_country + w.per_country_mention * n.min(5) as f64;
        }
        if ctx.has_admin1(p.country, p.admin1) {
            s += match p.feature {
                Feature::Admin1 => w.holds_named_places,
                _ => w.in_named_division,
            };
        } else if p.feature != Feature::Admin1
            && ctx.shared_names(p.country, p.admin1) >= SHARED_NAMES
            && (ctx.country_weight(p.country).is_some() || !ctx.names_countries())
        {
            // Weaker than a named division: common town names have namesakes in many states.
            s += w.in_shared_division;
        }
    } else if ctx.country_weight(p.country).is_some() {
        s += w.named_country;
    }
    if matches!(p.feature, Feature::City | Feature::Admin2) {
        s += w.near_named_places * ctx.near_support((p.lat, p.lon), w.near_km);
    }
    s
}

pub fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// Words this common are places only with support: "Price", "Mobile", "Reading" are towns,
/// but an article must say so.
fn common_word(k: &str) -> bool {
    !k.contains(' ') && crate::lang::en::words().zipf(k) >= 450
}

fn candidates(g: &Gazetteer, name: &str, k: &str, ctx: &Context, out: &mut Vec<u32>) {
    if k.is_empty() {
        return;
    }
    out.extend(g.exact(k));
    // A country's own name means the country, not a city that has it as an alternate name
    // (GeoNames lists "Mexico" for Mexico City, "Kuwait" for Kuwait City).
    if out
        .iter()
        .any(|&i| i & PRIMARY != 0 && g.place(i).feature == Feature::Country)
    {
        out.retain(|&i| i & PRIMARY != 0);
    }
    if out.is_empty()
        && let Some(c) = crate::actors::country_by_name(name)
    {
        out.extend(g.country(*c.iso2.as_bytes().first_chunk().unwrap_or(b"??")));
    }
    if out.is_empty() && k.len() >= 6 {
        // A spelling the gazetteer lacks: only trusted inside a country the article is about.
        out.extend(
            g.loose(&loose_key(k))
                .filter(|&i| ctx.country_weight(g.place(i).country).is_some()),
        );
    }
    // One entry per place, its own-name flag kept when any key gave it.
    out.sort_unstable_by_key(|&i| (i & !PRIMARY, std::cmp::Reverse(i & PRIMARY)));
    out.dedup_by_key(|i| *i & !PRIMARY);
}

/// The points of every place known by exactly this name (its own or an alternate).
pub fn namesake_points(name: &str) -> Vec<(f64, f64)> {
    let g = &*GAZETTEER;
    let mut found = Vec::new();
    candidates(g, name, &key(name), &Context::default(), &mut found);
    found
        .iter()
        .map(|&i| {
            let p = g.place(i);
            (p.lat, p.lon)
        })
        .collect()
}

/// The best place for `name` in `ctx`, or `None` when the gazetteer does not know it or the
/// choice is unsure.
pub fn resolve_index(name: &str, ctx: &Context, w: &Weights) -> Option<u32> {
    let g = &*GAZETTEER;
    let k = key(name);
    let mut found = Vec::new();
    candidates(g, name, &k, ctx, &mut found);
    // Own names outweigh alternates, which include historical ones ("Philadelphia" for Amman).
    let own = |i: u32| if i & PRIMARY != 0 { w.own_name } else { 0.0 };
    let mut scored: Vec<(f64, u32)> = found
        .iter()
        .map(|&i| (score(&g.place(i), ctx, w) + own(i), i))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let &(best_score, mut best) = scored.first()?;
    let mut replaced = None;
    // A division named after its seat ("Moscow", "Donetsk"): news means the city. A large city
    // that is not the seat ("New York") leaves the name to its state, as GeoNames-based gold does.
    if g.place(best).feature == Feature::Admin1 {
        let division = g.place(best);
        if let Some(&(_, city)) = scored.iter().find(|&&(_, i)| {
            let c = g.place(i);
            c.feature == Feature::City
                && c.country == division.country
                && c.admin1 == division.admin1
                && c.rank >= 2
        }) {
            replaced = Some(best);
            best = city;
        }
    }
    let p = g.place(best);
    // Below the least score a guess is more often wrong than right (a village no context
    // supports); a far-apart rival close behind means the article does not say which.
    if best_score < w.min_score {
        return None;
    }
    let at = (p.lat, p.lon);
    if scored[1..]
        .iter()
        .take_while(|(s, _)| *s >= best_score - w.margin)
        .any(|&(_, i)| {
            i != best
                && replaced != Some(i)
                && km(at, (g.place(i).lat, g.place(i).lon)) > SAME_PLACE_KM
        })
    {
        return None;
    }
    let supported = ctx.country_weight(p.country).is_some();
    let small = matches!(p.feature, Feature::City | Feature::Admin2) && p.population < 100_000;
    if small && !supported && common_word(&k) {
        return None;
    }
    Some(best)
}
