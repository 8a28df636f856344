//! Rebuilds shipped models from their public sources, deterministically: the same source
//! gives the same bytes.

use anyhow::Context;
use std::path::Path;

/// Writes the English word model for glued-word repair from wordfreq's list.
pub fn word_model(from: &Path, output: &Path) -> anyhow::Result<String> {
    let source = from.join("wordfreq_large_en.tsv");
    let tsv = std::fs::read_to_string(&source).with_context(|| {
        format!(
            "reading {} (is the word-frequencies folder there?)",
            source.display()
        )
    })?;
    let model = sitrep_core::lang::en::build_word_model(&tsv);
    std::fs::write(output, &model).with_context(|| format!("writing {}", output.display()))?;
    Ok(format!(
        "wrote {} ({} bytes, blake3 {})",
        output.display(),
        model.len(),
        &blake3::hash(&model).to_hex()[..16]
    ))
}

/// Writes one point per US county (`fips state county lat lon`, tab-separated, by FIPS code)
/// from us-atlas' `counties-10m.json` (TopoJSON of the Census Bureau's 2017 cartographic county
/// boundaries, public domain; the npm package `us-atlas@3.0.1`, ISC). GeoNames' code files give
/// counties no coordinates, and only counties holding a town of 15,000 get one from their towns;
/// the gazetteer build reads this table for the rest. The point is the area centroid of the
/// county's largest polygon.
pub fn us_county_points(atlas: &Path, output: &Path) -> anyhow::Result<String> {
    let json = std::fs::read_to_string(atlas).with_context(|| {
        format!(
            "reading {} (npm pack us-atlas@3.0.1 gives package/counties-10m.json)",
            atlas.display()
        )
    })?;
    let topology: serde_json::Value =
        serde_json::from_str(&json).with_context(|| format!("{} is not JSON", atlas.display()))?;
    let arcs = decode_arcs(&topology).context("the topology's arcs or transform")?;
    let geometries = |object: &str| {
        topology["objects"][object]["geometries"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let states: std::collections::HashMap<String, String> = geometries("states")
        .iter()
        .filter_map(|g| {
            Some((
                g["id"].as_str()?.to_string(),
                g["properties"]["name"].as_str()?.to_string(),
            ))
        })
        .collect();
    let mut rows = Vec::new();
    for county in geometries("counties") {
        let (Some(fips), Some(name)) =
            (county["id"].as_str(), county["properties"]["name"].as_str())
        else {
            continue;
        };
        let Some(state) = fips.get(..2).and_then(|s| states.get(s)) else {
            continue;
        };
        let polygons: Vec<&serde_json::Value> = match county["type"].as_str() {
            Some("Polygon") => vec![&county["arcs"]],
            Some("MultiPolygon") => county["arcs"].as_array().into_iter().flatten().collect(),
            _ => continue,
        };
        let Some((lat, lon)) = polygons
            .iter()
            .filter_map(|p| ring_centroid(&ring_points(p.get(0)?, &arcs)))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, lon, lat)| (lat, lon))
        else {
            continue;
        };
        rows.push(format!("{fips}\t{state}\t{name}\t{lat:.4}\t{lon:.4}\n"));
    }
    anyhow::ensure!(!rows.is_empty(), "no counties in {}", atlas.display());
    rows.sort();
    let text = format!(
        "# US county points: fips state county lat lon; from us-atlas 3.0.1 (Census Bureau cartographic boundaries 2017, public domain)\n{}",
        rows.concat()
    );
    std::fs::write(output, &text).with_context(|| format!("writing {}", output.display()))?;
    Ok(format!(
        "wrote {} ({} counties)",
        output.display(),
        rows.len()
    ))
}

/// TopoJSON arcs in longitude and latitude: quantized positions, each a delta from the last.
fn decode_arcs(topology: &serde_json::Value) -> Option<Vec<Vec<(f64, f64)>>> {
    let pair = |v: &serde_json::Value| Some((v.get(0)?.as_f64()?, v.get(1)?.as_f64()?));
    let scale = pair(&topology["transform"]["scale"])?;
    let translate = pair(&topology["transform"]["translate"])?;
    let mut out = Vec::new();
    for arc in topology["arcs"].as_array()? {
        let (mut x, mut y) = (0.0, 0.0);
        let mut points = Vec::new();
        for p in arc.as_array()? {
            let (dx, dy) = pair(p)?;
            x += dx;
            y += dy;
            points.push((x * scale.0 + translate.0, y * scale.1 + translate.1));
        }
        out.push(points);
    }
    Some(out)
}

/// A ring's points from its arc indices (a negative index `!i` is arc `i` reversed).
fn ring_points(ring: &serde_json::Value, arcs: &[Vec<(f64, f64)>]) -> Vec<(f64, f64)> {
    let mut points = Vec::new();
    for index in ring
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|i| i.as_i64())
    {
        let (i, reversed) = if index < 0 {
            (!index, true)
        } else {
            (index, false)
        };
        let Some(arc) = arcs.get(i as usize) else {
            continue;
        };
        if reversed {
            points.extend(arc.iter().rev());
        } else {
            points.extend(arc);
        }
    }
    points
}

/// The absolute area (square degrees) and area centroid (longitude, latitude) of a ring.
fn ring_centroid(points: &[(f64, f64)]) -> Option<(f64, f64, f64)> {
    let (mut area, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for (a, b) in points.iter().zip(points.iter().cycle().skip(1)) {
        let cross = a.0 * b.1 - b.0 * a.1;
        area += cross;
        cx += (a.0 + b.0) * cross;
        cy += (a.1 + b.1) * cross;
    }
    (area.abs() > 1e-12).then(|| (area.abs() / 2.0, cx / (3.0 * area), cy / (3.0 * area)))
}
