//! Writing records: each article once, its entities and places into the global tables, its
//! events merged with the reports already stored.

use crate::fingerprint::{self, MIN_JACCARD, Signature};
use crate::merge::{self, PlaceRef, Window};
use crate::{Result, Store};
use rusqlite::{OptionalExtension, Transaction, params};
use sitrep_core::Record;
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
        let packed = pack(&json?).map_err(|e| crate::Error::Other(format!("compressing a record: {e}")))?;
        Ok(Prepared { record, hash, minhash, outlet, packed })
    }

    pub fn id(&self) -> &str {
        &self.record.id
    }
}

/// Deflate at its fastest level: record JSON (offsets, names, spans) still shrinks about 4x,
/// and higher levels cost more CPU than they save bytes here.
fn pack(json: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::with_capacity(json.len() / 3), flate2::Compression::fast());
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
    let host = record.url.as_deref().and_then(|u| url::Url::parse(u).ok()).and_then(|u| u.host_str().map(str::to_owned));
    match host {
        Some(host) => host.strip_prefix("www.").unwrap_or(&host).to_ascii_lowercase(),
        None => record.agencies.first().cloned().unwrap_or_else(|| format!("article:{}", record.id)),
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
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut report = IngestReport::default();
        let mut tally = Tally::default();
        for prepared in batch {
            insert_one(&tx, prepared, &added_at, &mut report, &mut tally)?;
        }
        tally.write(&tx)?;
        tx.commit()?;
        Ok(report)
    }

    /// Prepares and stores records (one transaction); callers with many use [`Prepared::new`]
    /// in parallel and [`Store::insert`].
    pub fn ingest(&mut self, records: Vec<Record>) -> Result<IngestReport> {
        let prepared = records.into_iter().map(Prepared::new).collect::<Result<Vec<_>>>()?;
        self.insert(prepared)
    }

    /// Whether an article with this id is stored (to skip extracting it again).
    pub fn contains(&self, id: &str) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
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
        let mut stmt = tx.prepare_cached("UPDATE entities SET articles = articles + ?2, mentions = mentions + ?3 WHERE pk = ?1")?;
        for (pk, (articles, mentions)) in self.entities {
            stmt.execute(params![pk, articles, mentions])?;
        }
        let mut stmt = tx.prepare_cached("UPDATE places SET articles = articles + ?2 WHERE pk = ?1")?;
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
    place: Option<PlaceRef>,
}

fn insert_one(tx: &Transaction, p: Prepared, added_at: &str, report: &mut IngestReport, tally: &mut Tally) -> Result<()> {
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
        let mut stmt = tx.prepare_cached("INSERT OR IGNORE INTO minhash_bands (band, value, article) VALUES (?1, ?2, ?3)")?;
        for (band, value) in signature.bands() {
            stmt.execute(params![band, value, article])?;
        }
    }
    tx.prepare_cached("INSERT INTO article_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![article, record.title.as_deref().unwrap_or(""), record.text])?;

    let locals = insert_entities(tx, record, article, duplicate, tally)?;
    insert_quotes(tx, record, article, &locals)?;
    insert_counts(tx, record, article)?;
    for event in record.events.iter().flatten() {
        insert_event(tx, record, article, duplicate, event, &locals, added_at, report)?;
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
            let Some(other) = blob.as_deref().and_then(Signature::from_bytes) else { continue };
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
    let qualifier = entity.actor.as_deref().or(entity.country.as_deref()).unwrap_or("");
    format!("{}\t{}\t{}", kind_name(entity.kind), sitrep_core::text::fold(&entity.name), qualifier)
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
                    None => format!("{}\t{}", sitrep_core::text::fold(&geo.name), geo.country_code.as_deref().unwrap_or("")),
                };
                let found: Option<i64> =
                    tx.prepare_cached("SELECT pk FROM places WHERE key = ?1")?.query_row([&key], |row| row.get(0)).optional()?;
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
                    tx.prepare_cached("UPDATE entities SET place = ?2 WHERE pk = ?1")?.execute(params![pk, place.pk])?;
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
        locals.insert(entity.id.clone(), Local { pk, actor: entity.actor.clone(), place });
    }
    Ok(locals)
}

fn insert_quotes(tx: &Transaction, record: &Record, article: i64, locals: &HashMap<String, Local>) -> Result<()> {
    for quote in record.quotes.iter().flatten() {
        let speaker = quote.speaker.as_ref().and_then(|s| locals.get(s)).map(|l| l.pk);
        tx.prepare_cached(
            "INSERT INTO quotes (article, text, speaker, speaker_name, cue, start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![article, quote.text, speaker, quote.speaker_name, quote.cue, quote.start as i64, quote.end as i64])?;
        tx.prepare_cached("INSERT INTO quote_fts (rowid, text, speaker_name) VALUES (?1, ?2, ?3)")?.execute(params![
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
    date: Option<String>,
    cameo: Option<String>,
    place: Option<PlaceRef>,
    mode: Option<String>,
    background: bool,
    future: bool,
    source_entity: Option<i64>,
    target_entity: Option<i64>,
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
    let source_actor = event.source_actor.clone().or_else(|| source.and_then(|l| l.actor.clone()));
    let target_actor = event.target_actor.clone().or_else(|| target.and_then(|l| l.actor.clone()));
    let source_key = actor_key(source_actor.as_deref(), source);
    let target_key = actor_key(target_actor.as_deref(), target);
    let place = event.place.as_ref().and_then(|id| locals.get(id)).and_then(|l| l.place.clone());
    let window = merge::report_window(event.date.as_deref(), record.published.as_deref());
    let date = event.date.as_deref().filter(|d| crate::days::range(d).is_some());

    let mergeable = source_key.is_some() || target_key.is_some() || place.is_some();
    let found = if mergeable {
        candidates(tx, &event.plover, source_key.as_deref(), target_key.as_deref(), window)?
            .into_iter()
            .find(|c| merge::same_place(c.place.as_ref(), place.as_ref()))
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
                (Some(old), Some(new)) if merge::fineness(&new.feature) > merge::fineness(&old.feature) => Some(new.pk),
                (Some(old), _) => Some(old.pk),
                (None, new) => new.as_ref().map(|p| p.pk),
            };
            let win = union(c.win, window.map(|w| (w.lo, w.hi)));
            let days = union(c.days, window.map(|w| w.days));
            tx.prepare_cached(
                "UPDATE events SET cameo = ?2, date = ?3, day_lo = ?4, day_hi = ?5, win_lo = ?6, win_hi = ?7,
                     place = ?8, mode = ?9, background = ?10, source_entity = ?11, target_entity = ?12,
                     future = ?13
                 WHERE pk = ?1",
            )?
            .execute(params![
                c.pk,
                more_precise(event.cameo.as_deref(), c.cameo.as_deref()),
                more_precise(date, c.date.as_deref()),
                days.map(|d| d.0),
                days.map(|d| d.1),
                win.map(|w| w.0),
                win.map(|w| w.1),
                place_pk,
                c.mode.or_else(|| event.mode.clone()),
                c.background && event.background,
                c.source_entity.or(source.map(|l| l.pk)),
                c.target_entity.or(target.map(|l| l.pk)),
                // A meeting announced, then reported held, is one meeting, held.
                c.future && event.future,
            ])?;
            c.pk
        }
        None => {
            report.events_new += 1;
            tx.prepare_cached(
                "INSERT INTO events (plover, cameo, source_key, target_key, source_actor, target_actor, source_entity,
                     target_entity, date, day_lo, day_hi, win_lo, win_hi, place, mode, background, first_added, future)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )?
            .execute(params![
                event.plover,
                event.cameo,
                source_key,
                target_key,
                source_actor,
                target_actor,
                source.map(|l| l.pk),
                target.map(|l| l.pk),
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
            ])?;
            tx.last_insert_rowid()
        }
    };
    let evidence: Vec<&str> = event.evidence.iter().filter_map(|[s, e]| record.text.get(*s..*e)).collect();
    tx.prepare_cached(
        "INSERT OR IGNORE INTO event_reports (article, local_id, event, cameo, date, fatalities, evidence, confidence, duplicate)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
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
    ])?;
    Ok(())
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

fn candidates(
    tx: &Transaction,
    plover: &str,
    source_key: Option<&str>,
    target_key: Option<&str>,
    window: Option<Window>,
) -> Result<Vec<Candidate>> {
    const COLUMNS: &str = "e.pk, e.win_lo, e.win_hi, e.day_lo, e.day_hi, e.date, e.cameo, e.mode, e.background,
        e.source_entity, e.target_entity, p.pk, p.country_code, p.admin1, p.feature, e.future
        FROM events e LEFT JOIN places p ON p.pk = e.place
        WHERE e.plover = ?1 AND e.source_key IS ?2 AND e.target_key IS ?3";
    let (sql, lo, hi) = match window {
        Some(w) => (format!("SELECT {COLUMNS} AND e.win_hi >= ?4 AND e.win_lo <= ?5 ORDER BY e.pk"), w.lo, w.hi),
        None => (format!("SELECT {COLUMNS} AND e.win_lo IS NULL AND ?4 = ?5 ORDER BY e.pk"), 0, 0),
    };
    let mut stmt = tx.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![plover, source_key, target_key, lo, hi], |row| {
        let pair = |a: Option<i64>, b: Option<i64>| a.zip(b);
        Ok(Candidate {
            pk: row.get(0)?,
            win: pair(row.get(1)?, row.get(2)?),
            days: pair(row.get(3)?, row.get(4)?),
            date: row.get(5)?,
            cameo: row.get(6)?,
            mode: row.get(7)?,
            background: row.get(8)?,
            future: row.get(15)?,
            source_entity: row.get(9)?,
            target_entity: row.get(10)?,
            place: match row.get::<_, Option<i64>>(11)? {
                Some(pk) => Some(PlaceRef { pk, country_code: row.get(12)?, admin1: row.get(13)?, feature: row.get(14)? }),
                None => None,
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

