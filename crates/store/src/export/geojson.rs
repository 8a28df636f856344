//! GeoJSON (RFC 7946): a FeatureCollection with one Point feature per event that has a place
//! (coordinates `[lon, lat]`); events without a place, or with non-finite coordinates, are left
//! out. Properties are the event's fields, flattened for GIS tools (no nested objects).
//!
//! Written feature by feature rather than through the `geojson` crate's in-memory collection, so
//! exporting a large database does not hold a second copy of it.

use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::cells::json_f32;
use crate::model::{Actor, MergedEvent};

/// Returns the features written.
pub fn geojson(events: &[MergedEvent], out: &mut impl Write) -> io::Result<usize> {
    out.write_all(br#"{"type":"FeatureCollection","features":["#)?;
    let mut first = true;
    let mut written = 0;
    for event in events {
        let Some(feature) = feature(event) else {
            continue;
        };
        written += 1;
        if !first {
            out.write_all(b",")?;
        }
        first = false;
        out.write_all(b"\n")?;
        serde_json::to_writer(&mut *out, &feature)?;
    }
    out.write_all(b"\n]}\n")?;
    Ok(written)
}

fn feature(event: &MergedEvent) -> Option<Value> {
    let place = event.place.as_ref()?;
    if !(place.lat.is_finite() && place.lon.is_finite()) {
        return None;
    }
    let mut properties = Map::new();
    let mut put = |key: &str, value: Value| {
        if !value.is_null() {
            properties.insert(key.to_string(), value);
        }
    };
    put("id", json!(event.id));
    put("plover", json!(event.plover));
    put("cameo", json!(event.cameo));
    put("quad_class", json!(event.quad_class));
    put("goldstein", json_f32(event.goldstein));
    put("date", json!(event.date));
    put_actor(&mut put, "source", event.source.as_ref());
    put_actor(&mut put, "target", event.target.as_ref());
    put("place", json!(place.name));
    put("place_geonames_id", json!(place.geonames_id));
    put("place_country_code", json!(place.country_code));
    put("place_admin1", json!(place.admin1));
    put("place_feature", json!(place.feature));
    put("mode", json!(event.mode));
    put("fatalities", json!(event.fatalities));
    put("background", json!(event.background));
    put("future", json!(event.future));
    put("num_articles", json!(event.num_articles));
    put("num_sources", json!(event.num_sources));
    put("num_mentions", json!(event.num_mentions));
    put("first_published", json!(event.first_published));
    put("first_added", json!(event.first_added));
    put("tone", json_f32(event.tone));
    put("url", json!(event.urls.first()));
    put("evidence", json!(event.evidence.first().map(|e| &e.text)));
    Some(json!({
        "type": "Feature",
        "id": event.id,
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": properties,
    }))
}

fn put_actor(put: &mut impl FnMut(&str, Value), role: &str, actor: Option<&Actor>) {
    let Some(actor) = actor else { return };
    put(role, json!(actor.name));
    put(&format!("{role}_code"), json!(actor.code));
    put(&format!("{role}_country"), json!(actor.country));
    put(&format!("{role}_kind"), json!(actor.kind));
}
