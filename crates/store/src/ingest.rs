//! Writing records: each article once, its entities and places into the global tables, its
//! events merged with the reports already stored.

use crate::fingerprint::{self, MIN_JACCARD, Signature};
use crate::merge::{self, PlaceRef, Window};
use crate::{Result, Store};
use rusqlite::{OptionalExtension, Transaction, params};
use sitrep_core::Record;
use sitrep_core::record::PartialDate;
use sitrep_core::record::{Entity, EntityKind, Event};
use std::collections::{HashMap, HashSet};

/// A record with everything computed that needs no database: done in parallel by the caller,
/// then written in one transaction per batch by [`Store::insert`].
pub struct Prepared {
    record: Record,
    hash: [u8; 32],
    minhash: Option<Signature>,
    outlet: String,
    /// The record as compressed JSON with `text` left empty: the text is stored once, in its
    /// own column (which full-text search reads).
    packed: Vec<u8>,
}

impl Prepared {
    pub fn new(mut record: Record) -> Result<Prepared> {
        let hash = fingerprint::content_hash(record.title.as_deref(), &record.text);
        let minhash = fingerprint::minhash(&record.text);
        let outlet = outlet(&record);
        let text = std::mem::take(&mut record.text);
        let json = serde_json::to_vec(&record);
        record.text = text;
        let packed =
            pack(&json?).map_err(|e| crate::Error::Other(format!("compressing a record: {e}")))?;
        Ok(Prepared {
            record,
            hash,
            minhash,
            outlet,
            packed,
        })
    }

    pub fn id(&self) -> &str {
        &self.record.id
    }
}

/// Deflate at its fastest level: record JSON (offsets, names, spans) still shrinks about 4x,
/// and higher levels cost more CPU than they save bytes here.
fn pack(json: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(json.len() / 3),
        flate2::Compression::fast(),
    );
    encoder.write_all(json)?;
    encoder.finish()
}

/// A stored record back from its compressed JSON and its text.
pub(crate) fn unpack(packed: &[u8], text: String) -> Result<Record> {
    use std::io::Read;
    let mut json = Vec::with_capacity(packed.len() * 4);
    flate2::read::DeflateDecoder::new(packed)
        .read_to_end(&mut json)
        .map_err(|e| crate::Error::Other(format!("a stored record is damaged: {e}")))?;
    let mut record: Record = serde_json::from_slice(&json)?;
    record.text = text;
    Ok(record)
}

/// Who published it: the URL's host, else the first wire agency credited, else the article
/// itself (an outlet nobody named).
pub fn outlet(record: &Record) -> String {
    let host = record
        .url
        .as_deref()
        .and_then(|u| url::Url::parse(u).ok())
        .and_then(|u| u.host_str().map(str::to_owned));
    match host {
        Some(host) => host
            .strip_prefix("www.")
            .unwrap_or(&host)
            .to_ascii_lowercase(),
        None => record
            .agencies
            .first()
            .cloned()
            .unwrap_or_else(|| format!("article:{}", record.id)),
    }
}

/// What one batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// Articles stored.
    pub added: usize,
    /// Articles already stored (same id or same content): nothing written.
    pub unchanged: usize,
    /// Stored articles that are near-copies of a stored one, linked to it.
    pub near_duplicates: usize,
    /// Event reports that started a new event, and those merged into one already stored.
    pub events_new: usize,
    pub events_merged: usize,
}

impl std::ops::AddAssign for IngestReport {
    fn add_assign(&mut self, o: IngestReport) {
        self.added += o.added;
        self.unchanged += o.unchanged;
        self.near_duplicates += o.near_duplicates;
        self.events_new += o.events_new;
        self.events_merged += o.events_merged;
    }
}

impl Store {
    /// Stores a batch in one transaction: all of it or, after a crash, none of it.
    pub fn insert(&mut self, batch: Vec<Prepared>) -> Result<IngestReport> {
        let added_at = jiff::Timestamp::now().to_string();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut report = IngestReport::default();
        let mut tally = Tally::default();
        let first_article: i64 =
            tx.query_row("SELECT coalesce(max(pk), 0) + 1 FROM articles", [], |row| {
                row.get(0)
            })?;
        for prepared in batch {
            insert_one(&tx, prepared, &added_at, &mut report, &mut tally)?;
        }
        tally.write(&tx)?;
        // The events this batch reported are rendered again (new, merged or given a figure).
        tx.execute(
            "UPDATE events SET rendered = NULL WHERE pk IN
                (SELECT event FROM event_reports WHERE article >= ?1)",
            [first_article],
        )?;
        tx.commit()?;
        self.render_missing()?;
        Ok(report)
    }

    /// Prepares and stores records (one transaction); callers with many use [`Prepared::new`]
    /// in parallel and [`Store::insert`].
    pub fn ingest(&mut self, records: Vec<Record>) -> Result<IngestReport> {
        let prepared = records
            .into_iter()
            .map(Prepared::new)
            .collect::<Result<Vec<_>>>()?;
        self.insert(prepared)
    }

    /// Whether an article with this id is stored (to skip extracting it again).
    pub fn contains(&self, id: &str) -> Result<bool> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
        Ok(stmt.exists([id])?)
    }
}

/// Article and mention counts of entities and places, added up over a batch and written once
/// per row: a popular entity is then updated once per batch, not once per article.
#[derive(Default)]
struct Tally {
    entities: HashMap<i64, (i64, i64)>,
    places: HashMap<i64, i64>,
}

impl Tally {
    fn write(self, tx: &Transaction) -> Result<()> {
        let mut stmt = tx.prepare_cached(
            "UPDATE entities SET articles = articles + ?2, mentions = mentions + ?3 WHERE pk = ?1",
        )?;
        for (pk, (articles, mentions)) in self.entities {
            stmt.execute(params![pk, articles, mentions])?;
        }
        let mut stmt =
            tx.prepare_cached("UPDATE places SET articles = articles + ?2 WHERE pk = ?1")?;
        for (pk, articles) in self.places {
            stmt.execute(params![pk, articles])?;
        }
        Ok(())
    }
}

/// An entity of the record being stored, resolved to the global tables.
struct Local {
    pk: i64,
    actor: Option<String>,
    country: Option<String>,
    place: Option<PlaceRef>,
}

fn insert_one(
    tx: &Transaction,
    p: Prepared,
    added_at: &str,
    report: &mut IngestReport,
    tally: &mut Tally,
) -> Result<()> {
    let record = &p.record;
    let exists = tx
        .prepare_cached("SELECT 1 FROM articles WHERE id = ?1 OR content_hash = ?2")?
        .exists(params![record.id, &p.hash[..]])?;
    if exists {
        report.unchanged += 1;
        return Ok(());
    }
    let original = match &p.minhash {
        Some(signature) => near_original(tx, signature)?,
        None => None,
    };
    let duplicate = original.is_some();
    tx.prepare_cached(
        "INSERT INTO articles (id, content_hash, minhash, duplicate_of, url, outlet, title, published, language,
                               tone, added, text, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        record.id,
        &p.hash[..],
        p.minhash.as_ref().map(Signature::to_bytes),
        original,
        record.url,
        p.outlet,
        record.title,
        record.published,
        record.language,
        record.tone.as_ref().map(|t| t.score),
        added_at,
        record.text,
        p.packed,
    ])?;
    let article = tx.last_insert_rowid();
    report.added += 1;
    if duplicate {
        report.near_duplicates += 1;
    } else if let Some(signature) = &p.minhash {
        // Only originals are indexed: a copy of a copy then finds the original directly.
        let mut stmt = tx.prepare_cached(
            "INSERT OR IGNORE INTO minhash_bands (band, value, article) VALUES (?1, ?2, ?3)",
        )?;
        for (band, value) in signature.bands() {
            stmt.execute(params![band, value, article])?;
        }
    }
    tx.prepare_cached("INSERT INTO article_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![
            article,
            record.title.as_deref().unwrap_or(""),
            record.text
        ])?;

    let locals = insert_entities(tx, record, article, duplicate, tally)?;
    insert_quotes(tx, record, article, &locals)?;
    insert_counts(tx, record, article)?;
    for event in record.events.iter().flatten() {
        insert_event(
            tx, record, article, duplicate, event, &locals, added_at, report,
        )?;
    }
    Ok(())
}

/// The stored original this signature is a near-copy of, if any: the most similar candidate
/// at or above MIN_JACCARD.
fn near_original(tx: &Transaction, signature: &Signature) -> Result<Option<i64>> {
    let mut stmt = tx.prepare_cached(
        "SELECT a.pk, a.minhash FROM minhash_bands b JOIN articles a ON a.pk = b.article
         WHERE b.band = ?1 AND b.value = ?2 ORDER BY a.pk LIMIT 64",
    )?;
    // Enough to find a copy among many look-alikes without comparing against all of them.
    const MAX_CANDIDATES: usize = 256;
    const CERTAIN: f64 = 0.9;
    let mut best: Option<(f64, i64)> = None;
    let mut seen = HashSet::new();
    for (band, value) in signature.bands() {
        if best.is_some_and(|(s, _)| s >= CERTAIN) || seen.len() >= MAX_CANDIDATES {
            break;
        }
        let mut rows = stmt.query(params![band, value])?;
        while let Some(row) = rows.next()? {
            let pk: i64 = row.get(0)?;
            if !seen.insert(pk) {
                continue;
            }
            let blob: Option<Vec<u8>> = row.get(1)?;
            let Some(other) = blob.as_deref().and_then(Signature::from_bytes) else {
                continue;
            };
            let similarity = signature.similarity(&other);
            if similarity >= MIN_JACCARD && best.is_none_or(|(s, _)| similarity > s) {
                best = Some((similarity, pk));
            }
        }
    }
    Ok(best.map(|(_, pk)| pk))
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organization",
        EntityKind::Location => "location",
        EntityKind::Group => "group",
    }
}

/// The global identity of an entity: kind, folded canonical name, and the actor code (else
/// the country) that tells two people of one name apart. A place is its GeoNames id.
fn entity_key(entity: &Entity) -> String {
    if let Some(id) = entity.geo.as_ref().and_then(|g| g.geonames_id) {
        return format!("location\tgeonames:{id}");
    }
    let qualifier = entity
        .actor
        .as_deref()
        .or(entity.country.as_deref())
        .unwrap_or("");
    format!(
        "{}\t{}\t{}",
        kind_name(entity.kind),
        sitrep_core::text::fold(&entity.name),
        qualifier
    )
}

fn insert_entities(
    tx: &Transaction,
    record: &Record,
    article: i64,
    duplicate: bool,
    tally: &mut Tally,
) -> Result<HashMap<String, Local>> {
    let mut locals = HashMap::new();
    let mut counted_entities = HashSet::new();
    let mut counted_places = HashSet::new();
    // A near-copy adds no weight: its entities are linked but not counted again.
    let weight = i64::from(!duplicate);
    for entity in record.entities.iter().flatten() {
        let place = match &entity.geo {
            Some(geo) => {
                let key = match geo.geonames_id {
                    Some(id) => format!("geonames:{id}"),
                    None => format!(
                        "{}\t{}",
                        sitrep_core::text::fold(&geo.name),
                        geo.country_code.as_deref().unwrap_or("")
                    ),
                };
                let found: Option<i64> = tx
                    .prepare_cached("SELECT pk FROM places WHERE key = ?1")?
                    .query_row([&key], |row| row.get(0))
                    .optional()?;
                let pk = match found {
                    Some(pk) => pk,
                    None => {
                        tx.prepare_cached(
                            "INSERT INTO places (key, geonames_id, name, country_code, admin1, feature, lat, lon)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        )?
                        .execute(params![
                            key,
                            geo.geonames_id.map(|i| i as i64),
                            geo.name,
                            geo.country_code,
                            geo.admin1,
                            geo.feature,
                            geo.lat,
                            geo.lon
                        ])?;
                        tx.last_insert_rowid()
                    }
                };
                if counted_places.insert(pk) {
                    *tally.places.entry(pk).or_default() += weight;
                }
                Some(PlaceRef {
                    pk,
                    country_code: geo.country_code.clone(),
                    admin1: geo.admin1.clone(),
                    feature: geo.feature.clone(),
                })
            }
            None => None,
        };
        let key = entity_key(entity);
        let found: Option<(i64, Option<i64>)> = tx
            .prepare_cached("SELECT pk, place FROM entities WHERE key = ?1")?
            .query_row([&key], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        let pk = match found {
            Some((pk, stored_place)) => {
                if let (None, Some(place)) = (stored_place, &place) {
                    tx.prepare_cached("UPDATE entities SET place = ?2 WHERE pk = ?1")?
                        .execute(params![pk, place.pk])?;
                    // Its events show the side's place: they are rendered again.
                    tx.prepare_cached(
                        "UPDATE events SET rendered = NULL WHERE source_entity = ?1 OR target_entity = ?1",
                    )?
                    .execute([pk])?;
                }
                pk
            }
            None => {
                tx.prepare_cached(
                    "INSERT INTO entities (key, kind, name, country, actor, place) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![
                    key,
                    kind_name(entity.kind),
                    entity.name,
                    entity.country,
                    entity.actor,
                    place.as_ref().map(|p| p.pk)
                ])?;
                tx.last_insert_rowid()
            }
        };
        let first_in_article = counted_entities.insert(pk);
        let counts = tally.entities.entry(pk).or_default();
        counts.0 += weight * i64::from(first_in_article);
        counts.1 += weight * entity.mentions.len() as i64;
        tx.prepare_cached("INSERT OR IGNORE INTO mentions (article, local_id, entity, count) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![article, entity.id, pk, entity.mentions.len() as i64])?;
        locals.insert(
            entity.id.clone(),
            Local {
                pk,
                actor: entity.actor.clone(),
                country: entity.country.clone(),
                place,
            },
        );
    }
    Ok(locals)
}

fn insert_quotes(
    tx: &Transaction,
    record: &Record,
    article: i64,
    locals: &HashMap<String, Local>,
) -> Result<()> {
    for quote in record.quotes.iter().flatten() {
        let speaker = quote
            .speaker
            .as_ref()
            .and_then(|s| locals.get(s))
            .map(|l| l.pk);
        tx.prepare_cached(
            "INSERT INTO quotes (article, text, speaker, speaker_name, cue, start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![article, quote.text, speaker, quote.speaker_name, quote.cue, quote.start as i64, quote.end as i64])?;
        tx.prepare_cached("INSERT INTO quote_fts (rowid, text, speaker_name) VALUES (?1, ?2, ?3)")?
            .execute(params![
                tx.last_insert_rowid(),
                quote.text,
                quote.speaker_name.as_deref().unwrap_or("")
            ])?;
    }
    Ok(())
}

fn insert_counts(tx: &Transaction, record: &Record, article: i64) -> Result<()> {
    for count in record.counts.iter().flatten() {
        tx.prepare_cached(
            "INSERT INTO counts (article, kind, number, qualifier, subject, event_local, background, start, end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            article,
            count.kind,
            count.number.min(i64::MAX as u64) as i64,
            count.qualifier,
            count.subject,
            count.event,
            count.background,
            count.start as i64,
            count.end as i64
        ])?;
    }
    Ok(())
}

/// A stored event that a report could join.
struct Candidate {
    pk: i64,
    win: Option<(i64, i64)>,
    days: Option<(i64, i64)>,
    cameo: Option<String>,
    place: Option<PlaceRef>,
    mode: Option<String>,
    background: bool,
    future: bool,
    source: StoredSide,
    target: StoredSide,
}

/// One side of a stored event: code, entity, country, and its key as first written.
#[derive(Default)]
struct StoredSide {
    code: Option<String>,
    entity: Option<i64>,
    country: Option<String>,
    key: Option<String>,
}

impl StoredSide {
    fn side(&self) -> Option<merge::Side<'_>> {
        (self.code.is_some() || self.entity.is_some()).then(|| merge::Side {
            code: self.code.as_deref(),
            entity: self.entity,
            country: self
                .country
                .as_deref()
                .or_else(|| self.code.as_deref().and_then(merge::code_country)),
        })
    }

    /// The side after `report` joins: a side first left unsaid, or said only as a role
    /// without a country, takes the report's.
    fn merged_with(self, report: StoredSide) -> StoredSide {
        let vaguer = |s: &StoredSide| {
            s.code.is_none() && s.entity.is_none()
                || s.code.as_deref().is_some_and(merge::role_only)
        };
        if vaguer(&self) && !vaguer(&report) {
            report
        } else {
            self
        }
    }
}

/// Where an article's lead paragraph ends: the first paragraph that reads as prose (ends a
/// sentence), so a headline or a dateline line before it does not count as the lead.
fn lead_end(text: &str) -> usize {
    let mut start = 0;
    for paragraph in text.split_inclusive('\n') {
        let end = start + paragraph.len();
        let prose = paragraph
            .trim_end()
            .ends_with(['.', '!', '?', '"', '\u{201d}', '\'', '\u{2019}']);
        if prose {
            return end;
        }
        start = end;
    }
    text.len()
}

/// Whether the report's own sentence states its date, rather than the event being dated by
/// its dateline: a date mention inside the evidence resolves to it, or it differs from the
/// publication date (so it came from the text).
fn date_stated(record: &Record, event: &Event) -> bool {
    let Some(date) = event.date.as_deref() else {
        return false;
    };
    if record.published.as_deref().and_then(|p| p.get(..10)) != date.get(..10) {
        return true;
    }
    record.dates.iter().any(|d| {
        d.value == date
            && event
                .evidence
                .iter()
                .any(|[s, e]| *s <= d.start && d.end <= *e)
    })
}

#[allow(clippy::too_many_arguments)]
fn insert_event(
    tx: &Transaction,
    record: &Record,
    article: i64,
    duplicate: bool,
    event: &Event,
    locals: &HashMap<String, Local>,
    added_at: &str,
    report: &mut IngestReport,
) -> Result<()> {
    let source = event.source.as_ref().and_then(|id| locals.get(id));
    let target = event.target.as_ref().and_then(|id| locals.get(id));
    let source_actor = event
        .source_actor
        .clone()
        .or_else(|| source.and_then(|l| l.actor.clone()));
    let target_actor = event
        .target_actor
        .clone()
        .or_else(|| target.and_then(|l| l.actor.clone()));
    let source_country = side_country(
        record,
        source_actor.as_deref(),
        source,
        target_actor.as_deref(),
    );
    let target_country = side_country(
        record,
        target_actor.as_deref(),
        target,
        source_actor.as_deref(),
    );
    let new_source = StoredSide {
        key: actor_key(source_actor.as_deref(), source),
        code: source_actor,
        entity: source.map(|l| l.pk),
        country: source_country,
    };
    let new_target = StoredSide {
        key: actor_key(target_actor.as_deref(), target),
        code: target_actor,
        entity: target.map(|l| l.pk),
        country: target_country,
    };
    let place = event
        .place
        .as_ref()
        .and_then(|id| locals.get(id))
        .and_then(|l| l.place.clone());
    let stated = date_stated(record, event);
    let window = merge::report_window(event.date.as_deref(), stated, record.published.as_deref());
    let date = event
        .date
        .as_deref()
        .filter(|d| PartialDate::parse(d).is_some());

    let mergeable = new_source.key.is_some() || new_target.key.is_some() || place.is_some();
    let found = if mergeable {
        best_candidate(
            tx,
            &event.plover,
            window,
            &new_source,
            &new_target,
            place.as_ref(),
        )?
    } else {
        None
    };
    let pk = match found {
        Some(c) => {
            report.events_merged += 1;
            let more_precise = |new: Option<&str>, old: Option<&str>| match (new, old) {
                (Some(n), Some(o)) if n.len() > o.len() => Some(n.to_owned()),
                (n, None) => n.map(str::to_owned),
                (_, o) => o.map(str::to_owned),
            };
            let place_pk = match (&c.place, &place) {
                (Some(old), Some(new))
                    if merge::fineness(&new.feature) > merge::fineness(&old.feature) =>
                {
                    Some(new.pk)
                }
                (Some(old), _) => Some(old.pk),
                (None, new) => new.as_ref().map(|p| p.pk),
            };
            let win = union(c.win, window.map(|w| (w.lo, w.hi)));
            let days = union(c.days, window.map(|w| w.days));
            let source = c.source.merged_with(new_source);
            let target = c.target.merged_with(new_target);
            let date = merged_date(tx, c.pk, date, stated)?;
            tx.prepare_cached(
                "UPDATE events SET cameo = ?2, date = ?3, day_lo = ?4, day_hi = ?5, win_lo = ?6, win_hi = ?7,
                     place = ?8, mode = ?9, background = ?10, source_entity = ?11, target_entity = ?12,
                     future = ?13, source_key = ?14, target_key = ?15, source_actor = ?16, target_actor = ?17,
                     source_country = ?18, target_country = ?19
                 WHERE pk = ?1",
            )?
            .execute(params![
                c.pk,
                more_precise(event.cameo.as_deref(), c.cameo.as_deref()),
                date,
                days.map(|d| d.0),
                days.map(|d| d.1),
                win.map(|w| w.0),
                win.map(|w| w.1),
                place_pk,
                c.mode.or_else(|| event.mode.clone()),
                c.background && event.background,
                source.entity,
                target.entity,
                // A meeting announced, then reported held, is one meeting, held.
                c.future && event.future,
                source.key,
                target.key,
                source.code,
                target.code,
                source.country,
                target.country,
            ])?;
            c.pk
        }
        None => {
            report.events_new += 1;
            tx.prepare_cached(
                "INSERT INTO events (plover, cameo, source_key, target_key, source_actor, target_actor, source_entity,
                     target_entity, date, day_lo, day_hi, win_lo, win_hi, place, mode, background, first_added, future,
                     source_country, target_country)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
            )?
            .execute(params![
                event.plover,
                event.cameo,
                new_source.key,
                new_target.key,
                new_source.code,
                new_target.code,
                new_source.entity,
                new_target.entity,
                date,
                window.map(|w| w.days.0),
                window.map(|w| w.days.1),
                window.map(|w| w.lo),
                window.map(|w| w.hi),
                place.as_ref().map(|p| p.pk),
                event.mode,
                event.background,
                added_at,
                event.future,
                new_source.country,
                new_target.country,
            ])?;
            tx.last_insert_rowid()
        }
    };
    let evidence: Vec<&str> = event
        .evidence
        .iter()
        .filter_map(|[s, e]| record.text.get(*s..*e))
        .collect();
    tx.prepare_cached(
        "INSERT OR IGNORE INTO event_reports (article, local_id, event, cameo, date, fatalities, evidence, confidence,
             duplicate, date_stated, lead)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        article,
        event.id,
        pk,
        event.cameo,
        event.date,
        event.fatalities.map(|f| f.min(i64::MAX as u64) as i64),
        serde_json::to_string(&evidence)?,
        event.confidence,
        duplicate,
        stated,
        event.evidence.first().is_some_and(|[start, _]| *start < lead_end(&record.text)),
    ])?;
    Ok(())
}

/// A side's country: its code's, else its entity's, else for a role-only code the country the
/// article gives it (never the other side's).
fn side_country(
    record: &Record,
    code: Option<&str>,
    entity: Option<&Local>,
    other_code: Option<&str>,
) -> Option<String> {
    if let Some(country) = code.and_then(merge::code_country) {
        return Some(country.to_owned());
    }
    if let Some(country) = entity.and_then(|l| l.country.clone()) {
        return Some(country);
    }
    code.filter(|c| merge::role_only(c))
        .and_then(|_| merge::role_country(record, other_code.and_then(merge::code_country)))
}

/// The date of an event after one more report: the day most of its reports state.
fn merged_date(
    tx: &Transaction,
    event: i64,
    date: Option<&str>,
    stated: bool,
) -> Result<Option<String>> {
    let mut stmt = tx.prepare_cached("SELECT date, coalesce(date_stated, 1) FROM event_reports WHERE event = ?1 AND date IS NOT NULL")?;
    let mut reports = stmt
        .query_map([event], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, bool>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    reports.extend(date.map(|d| (d.to_owned(), stated)));
    Ok(merge::consensus_date(&reports))
}

/// The stored event this report joins: same type and overlapping window, no side or place
/// disagreeing, at least one side agreeing (or, with no sides at all, the place), and for an
/// undated report no side left unsaid by one of the two; the one agreeing on most wins, then
/// the oldest.
fn best_candidate(
    tx: &Transaction,
    plover: &str,
    window: Option<Window>,
    source: &StoredSide,
    target: &StoredSide,
    place: Option<&PlaceRef>,
) -> Result<Option<Candidate>> {
    use merge::Agreement::{Different, Same};
    let mut best: Option<(usize, Candidate)> = None;
    for c in candidates(tx, plover, window)? {
        let sides = [
            merge::compare_sides(c.source.side().as_ref(), source.side().as_ref(), plover),
            merge::compare_sides(c.target.side().as_ref(), target.side().as_ref(), plover),
        ];
        if sides.contains(&Different) || !merge::same_place(c.place.as_ref(), place) {
            continue;
        }
        let any_side = source.side().is_some() || target.side().is_some();
        let agreeing = sides.iter().filter(|a| **a == Same).count();
        if any_side && agreeing == 0 {
            continue;
        }
        if !any_side && (c.source.side().is_some() || c.target.side().is_some()) {
            continue;
        }
        // With no date at all there is no window to say the reports are close in time: only
        // the same sides, each said by both or by neither, make them one event.
        let said_alike = |stored: &StoredSide, report: &StoredSide| {
            stored.side().is_some() == report.side().is_some()
        };
        if window.is_none() && !(said_alike(&c.source, source) && said_alike(&c.target, target)) {
            continue;
        }
        let same_place = matches!((&c.place, place), (Some(a), Some(b)) if a.pk == b.pk);
        let score = agreeing * 2 + usize::from(same_place);
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, c));
        }
    }
    Ok(best.map(|(_, c)| c))
}

fn actor_key(code: Option<&str>, entity: Option<&Local>) -> Option<String> {
    match (code, entity) {
        (Some(code), _) => Some(format!("actor:{code}")),
        (None, Some(local)) => Some(format!("entity:{}", local.pk)),
        (None, None) => None,
    }
}

fn union(a: Option<(i64, i64)>, b: Option<(i64, i64)>) -> Option<(i64, i64)> {
    match (a, b) {
        (Some(a), Some(b)) => Some((a.0.min(b.0), a.1.max(b.1))),
        (a, b) => a.or(b),
    }
}

fn candidates(tx: &Transaction, plover: &str, window: Option<Window>) -> Result<Vec<Candidate>> {
    const COLUMNS: &str =
        "e.pk, e.win_lo, e.win_hi, e.day_lo, e.day_hi, e.cameo, e.mode, e.background, e.future,
        e.source_actor, e.source_entity, e.source_country, e.source_key,
        e.target_actor, e.target_entity, e.target_country, e.target_key,
        p.pk, p.country_code, p.admin1, p.feature
        FROM events e LEFT JOIN places p ON p.pk = e.place
        WHERE e.plover = ?1";
    let (sql, lo, hi) = match window {
        Some(w) => (
            format!("SELECT {COLUMNS} AND e.win_hi >= ?2 AND e.win_lo <= ?3 ORDER BY e.pk"),
            w.lo,
            w.hi,
        ),
        None => (
            format!("SELECT {COLUMNS} AND e.win_lo IS NULL AND ?2 = ?3 ORDER BY e.pk"),
            0,
            0,
        ),
    };
    let mut stmt = tx.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![plover, lo, hi], |row| {
        let pair = |a: Option<i64>, b: Option<i64>| a.zip(b);
        let side = |at: usize| -> rusqlite::Result<StoredSide> {
            Ok(StoredSide {
                code: row.get(at)?,
                entity: row.get(at + 1)?,
                country: row.get(at + 2)?,
                key: row.get(at + 3)?,
            })
        };
        Ok(Candidate {
            pk: row.get(0)?,
            win: pair(row.get(1)?, row.get(2)?),
            days: pair(row.get(3)?, row.get(4)?),
            cameo: row.get(5)?,
            mode: row.get(6)?,
            background: row.get(7)?,
            future: row.get(8)?,
            source: side(9)?,
            target: side(13)?,
            place: match row.get::<_, Option<i64>>(17)? {
                Some(pk) => Some(PlaceRef {
                    pk,
                    country_code: row.get(18)?,
                    admin1: row.get(19)?,
                    feature: row.get(20)?,
                }),
                None => None,
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}
