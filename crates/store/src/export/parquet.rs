//! Parquet: one row per merged event, flat columns (actors and place spread into prefixed
//! columns, article lists as lists of strings), Snappy-compressed, written in row groups of
//! `BATCH_ROWS` so memory stays bounded.
//!
//! Typed for readers that compute: `date` is a DATE (the first day of what is known) with
//! `date_precision` ("day", "month", "year") beside it, so `date::DATE` never fails on "2022";
//! counts are signed 64-bit integers (what pandas, polars and duckdb read as integers without
//! surprises), lists are lists.

use sitrep_core::record::PartialDate;
use std::io::Write;
use std::sync::{Arc, LazyLock};

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float32Builder, Float64Builder, Int64Builder, ListBuilder,
    StringBuilder, UInt8Builder, UInt32Builder, UInt64Builder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::ExportError;
use crate::model::{Actor, MergedEvent};

const BATCH_ROWS: usize = 16_384;

fn string_list() -> DataType {
    DataType::List(Arc::new(Field::new("item", DataType::Utf8, true)))
}

static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    let text = |name: &str| Field::new(name, DataType::Utf8, true);
    let mut fields = vec![
        Field::new("id", DataType::Int64, false),
        Field::new("plover", DataType::Utf8, false),
        text("cameo"),
        Field::new("quad_class", DataType::UInt8, true),
        Field::new("goldstein", DataType::Float32, true),
        Field::new("date", DataType::Date32, true),
        text("date_precision"),
    ];
    for role in ["source", "target"] {
        for part in ["name", "code", "country", "kind"] {
            fields.push(text(&format!("{role}_{part}")));
        }
    }
    fields.extend([
        text("place_name"),
        Field::new("place_geonames_id", DataType::UInt64, true),
        text("place_country_code"),
        text("place_admin1"),
        text("place_feature"),
        Field::new("latitude", DataType::Float64, true),
        Field::new("longitude", DataType::Float64, true),
        text("mode"),
        Field::new("fatalities", DataType::Int64, true),
        Field::new("fatalities_articles", string_list(), false),
        Field::new("fatalities_max", DataType::Int64, true),
        Field::new("background", DataType::Boolean, false),
        Field::new("future", DataType::Boolean, false),
        Field::new("num_articles", DataType::UInt32, false),
        Field::new("num_sources", DataType::UInt32, false),
        Field::new("num_mentions", DataType::UInt32, false),
        Field::new("articles", string_list(), false),
        Field::new("urls", string_list(), false),
        Field::new("evidence_articles", string_list(), false),
        Field::new("evidence_texts", string_list(), false),
        text("first_published"),
        text("first_added"),
        Field::new("tone", DataType::Float32, true),
        Field::new("confidence", DataType::Float32, false),
        Field::new("is_root", DataType::Boolean, false),
        Field::new("outlets", string_list(), false),
    ]);
    let metadata: std::collections::HashMap<String, String> =
        [("pandas".to_string(), pandas_metadata(&fields))]
            .into_iter()
            .collect();
    Arc::new(Schema::new(fields).with_metadata(metadata))
});

/// pandas reads a nullable integer column as float (49 becomes 49.0) unless the file's
/// "pandas" metadata names a nullable integer dtype for it; pyarrow's `to_pandas` honours
/// these entries, other readers ignore them.
fn pandas_metadata(fields: &[Field]) -> String {
    let columns: Vec<serde_json::Value> = fields
        .iter()
        .filter(|f| f.is_nullable())
        .filter_map(|f| {
            let (pandas_type, numpy_type) = match f.data_type() {
                DataType::Int64 => ("int64", "Int64"),
                DataType::UInt64 => ("uint64", "UInt64"),
                DataType::UInt32 => ("uint32", "UInt32"),
                DataType::UInt8 => ("uint8", "UInt8"),
                _ => return None,
            };
            Some(serde_json::json!({
                "name": f.name(), "field_name": f.name(), "pandas_type": pandas_type,
                "numpy_type": numpy_type, "metadata": null,
            }))
        })
        .collect();
    serde_json::json!({
        "index_columns": [], "column_indexes": [], "columns": columns,
        "creator": {"library": "sitrep", "version": env!("CARGO_PKG_VERSION")},
    })
    .to_string()
}

/// The Arrow schema the Parquet export writes.
pub fn parquet_schema() -> SchemaRef {
    SCHEMA.clone()
}

/// Returns the rows written.
pub fn parquet(events: &[MergedEvent], out: impl Write + Send) -> Result<usize, ExportError> {
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer = ArrowWriter::try_new(out, SCHEMA.clone(), Some(properties))?;
    for chunk in events.chunks(BATCH_ROWS) {
        writer.write(&batch(chunk)?)?;
    }
    writer.close()?;
    Ok(events.len())
}

#[derive(Default)]
struct ActorColumns {
    name: StringBuilder,
    code: StringBuilder,
    country: StringBuilder,
    kind: StringBuilder,
}

impl ActorColumns {
    fn append(&mut self, actor: Option<&Actor>) {
        self.name.append_option(actor.map(|a| a.name.as_str()));
        self.code
            .append_option(actor.and_then(|a| a.code.as_deref()));
        self.country
            .append_option(actor.and_then(|a| a.country.as_deref()));
        self.kind
            .append_option(actor.and_then(|a| a.kind.as_deref()));
    }

    fn finish(mut self) -> [ArrayRef; 4] {
        [
            Arc::new(self.name.finish()),
            Arc::new(self.code.finish()),
            Arc::new(self.country.finish()),
            Arc::new(self.kind.finish()),
        ]
    }
}

/// An ISO date at any precision as its first day (days since 1970-01-01, Arrow's DATE) and
/// the precision it was known to.
fn typed_date(date: Option<&str>) -> Option<(i32, &'static str)> {
    let date = date?;
    let (first, _) = PartialDate::parse(date).map(PartialDate::days)?;
    let precision = match date.get(..10.min(date.len()))?.len() {
        4 => "year",
        7 => "month",
        _ => "day",
    };
    Some((i32::try_from(first).ok()?, precision))
}

fn append_list<'a>(
    builder: &mut ListBuilder<StringBuilder>,
    values: impl IntoIterator<Item = &'a str>,
) {
    for value in values {
        builder.values().append_value(value);
    }
    builder.append(true);
}

fn batch(events: &[MergedEvent]) -> Result<RecordBatch, ExportError> {
    let mut id = Int64Builder::new();
    let (mut plover, mut cameo, mut precision, mut mode) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    );
    let mut date = Date32Builder::new();
    let mut quad_class = UInt8Builder::new();
    let (mut goldstein, mut tone) = (Float32Builder::new(), Float32Builder::new());
    let (mut source, mut target) = (ActorColumns::default(), ActorColumns::default());
    let (mut place_name, mut place_country, mut place_admin1, mut place_feature) = (
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
        StringBuilder::new(),
    );
    let mut place_id = UInt64Builder::new();
    let (mut latitude, mut longitude) = (Float64Builder::new(), Float64Builder::new());
    let (mut fatalities, mut fatalities_max) = (Int64Builder::new(), Int64Builder::new());
    let mut confidence = Float32Builder::new();
    let mut is_root = BooleanBuilder::new();
    let mut background = BooleanBuilder::new();
    let mut future = BooleanBuilder::new();
    let (mut num_articles, mut num_sources, mut num_mentions) = (
        UInt32Builder::new(),
        UInt32Builder::new(),
        UInt32Builder::new(),
    );
    let mut lists: [ListBuilder<StringBuilder>; 6] =
        std::array::from_fn(|_| ListBuilder::new(StringBuilder::new()));
    let (mut first_published, mut first_added) = (StringBuilder::new(), StringBuilder::new());

    for event in events {
        id.append_value(event.id);
        plover.append_value(&event.plover);
        cameo.append_option(event.cameo.as_deref());
        quad_class.append_option(event.quad_class);
        goldstein.append_option(event.goldstein);
        let (day, date_precision) = typed_date(event.date.as_deref()).unzip();
        date.append_option(day);
        precision.append_option(date_precision);
        source.append(event.source.as_ref());
        target.append(event.target.as_ref());
        let place = event.place.as_ref();
        place_name.append_option(place.map(|p| p.name.as_str()));
        place_id.append_option(place.and_then(|p| p.geonames_id));
        place_country.append_option(place.and_then(|p| p.country_code.as_deref()));
        place_admin1.append_option(place.and_then(|p| p.admin1.as_deref()));
        place_feature.append_option(place.map(|p| p.feature.as_str()));
        latitude.append_option(place.map(|p| p.lat));
        longitude.append_option(place.map(|p| p.lon));
        mode.append_option(event.mode.as_deref());
        let signed = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        fatalities.append_option(event.fatalities.map(signed));
        fatalities_max.append_option(event.fatalities_max.map(signed));
        background.append_value(event.background);
        future.append_value(event.future);
        num_articles.append_value(event.num_articles);
        num_sources.append_value(event.num_sources);
        num_mentions.append_value(event.num_mentions);
        let [
            fatality_reports,
            articles,
            urls,
            evidence_articles,
            evidence_texts,
            outlets,
        ] = &mut lists;
        append_list(outlets, event.outlets.iter().map(String::as_str));
        append_list(
            fatality_reports,
            event.fatalities_articles.iter().map(String::as_str),
        );
        append_list(articles, event.articles.iter().map(String::as_str));
        append_list(urls, event.urls.iter().map(String::as_str));
        append_list(
            evidence_articles,
            event.evidence.iter().map(|e| e.article.as_str()),
        );
        append_list(
            evidence_texts,
            event.evidence.iter().map(|e| e.text.as_str()),
        );
        first_published.append_option(event.first_published.as_deref());
        first_added.append_option(event.first_added.as_deref());
        tone.append_option(event.tone);
        confidence.append_value(event.confidence);
        is_root.append_value(event.is_root);
    }

    let [
        fatality_reports,
        articles,
        urls,
        evidence_articles,
        evidence_texts,
        outlets,
    ] = lists.map(|mut l| l.finish());
    let mut columns: Vec<ArrayRef> = vec![
        Arc::new(id.finish()),
        Arc::new(plover.finish()),
        Arc::new(cameo.finish()),
        Arc::new(quad_class.finish()),
        Arc::new(goldstein.finish()),
        Arc::new(date.finish()),
        Arc::new(precision.finish()),
    ];
    columns.extend(source.finish());
    columns.extend(target.finish());
    columns.extend::<[ArrayRef; 22]>([
        Arc::new(place_name.finish()),
        Arc::new(place_id.finish()),
        Arc::new(place_country.finish()),
        Arc::new(place_admin1.finish()),
        Arc::new(place_feature.finish()),
        Arc::new(latitude.finish()),
        Arc::new(longitude.finish()),
        Arc::new(mode.finish()),
        Arc::new(fatalities.finish()),
        Arc::new(fatality_reports),
        Arc::new(fatalities_max.finish()),
        Arc::new(background.finish()),
        Arc::new(future.finish()),
        Arc::new(num_articles.finish()),
        Arc::new(num_sources.finish()),
        Arc::new(num_mentions.finish()),
        Arc::new(articles),
        Arc::new(urls),
        Arc::new(evidence_articles),
        Arc::new(evidence_texts),
        Arc::new(first_published.finish()),
        Arc::new(first_added.finish()),
    ]);
    columns.push(Arc::new(tone.finish()));
    columns.push(Arc::new(confidence.finish()));
    columns.push(Arc::new(is_root.finish()));
    columns.push(Arc::new(outlets));
    Ok(RecordBatch::try_new(SCHEMA.clone(), columns)?)
}
