//! Reading the database back: merged events, records, full-text search, entities, summary.

use crate::model::{
    Actor, EventPoint, Evidence, FatalityReport, MergedEvent, Place, Timeline, TimelineDay,
};
use crate::{EventFilter, Result, Store};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};
use serde::Serialize;
use serde_json::value::RawValue;
use sitrep_core::Record;
use sitrep_core::events::cameo;
use sitrep_core::record::PartialDate;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

/// One full-text search hit: an article (title and text) or a quote in it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SearchHit {
    /// "article" or "quote".
    pub kind: &'static str,
    pub article: String,
    pub title: Option<String>,
    pub speaker: Option<String>,
    /// The matching passage, terms in [brackets].
    pub snippet: String,
    /// BM25 (lower is better; comparable within one kind).
    pub score: f64,
}

/// A stored entity with how often it was reported (near-copies of an article not counted).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityRow {
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    pub actor: Option<String>,
    pub articles: u64,
    pub mentions: u64,
}

/// What the database holds, in a few lines.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Summary {
    pub articles: u64,
    pub near_duplicates: u64,
    pub entities: u64,
    pub quotes: u64,
    pub events: u64,
    pub event_reports: u64,
    pub events_by_type: Vec<(String, u64)>,
    /// Event actors by events (code, else name), else entities by articles when no events.
    pub top_actors: Vec<(String, u64)>,
    pub top_places: Vec<(String, u64)>,
}

impl Store {
    /// Merged events matching `filter`, newest first, from `filter.offset` on.
    pub fn merged_events(&self, filter: &EventFilter) -> Result<Vec<MergedEvent>> {
        let matching = self.event_filter_sql(filter)?;
        let ids = self.page_ids(&matching, filter)?;
        self.events_by_ids(&ids)
    }

    /// A page of merged events as [`Store::merged_events`] gives it, each as its JSON line,
    /// and how many match in all: the filter is made once for both; a short page that is not
    /// past the end is the last one, so it tells the total without counting; events come as
    /// rendered at their last ingest, and only those not rendered yet are assembled.
    pub fn event_page(&self, filter: &EventFilter) -> Result<(u64, Vec<Box<RawValue>>)> {
        let matching = self.event_filter_sql(filter)?;
        let ids = self.page_ids(&matching, filter)?;
        let last_page = filter.limit.is_none_or(|limit| ids.len() < limit)
            && (!ids.is_empty() || filter.offset == 0);
        let total = if last_page {
            (filter.offset + ids.len()) as u64
        } else {
            self.count_of(matching)?
        };
        // Read apart from choosing the page: in the page's statement a sort would carry every
        // candidate's line, not only the page's.
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.rendered FROM json_each(?1) page JOIN events e ON e.pk = page.value
             ORDER BY page.key",
        )?;
        let rendered = stmt
            .query_map([serde_json::to_string(&ids)?], |row| {
                row.get::<_, Option<String>>(0)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let missing: Vec<i64> = ids
            .iter()
            .zip(&rendered)
            .filter(|(_, json)| json.is_none())
            .map(|(id, _)| *id)
            .collect();
        let mut assembled = self.events_by_ids(&missing)?.into_iter();
        let mut events = Vec::with_capacity(rendered.len());
        for json in rendered {
            let json = match json {
                Some(json) => json,
                None => match assembled.next() {
                    Some(event) => serde_json::to_string(&event)?,
                    None => continue,
                },
            };
            events.push(RawValue::from_string(json)?);
        }
        Ok((total, events))
    }

    /// Renders every merged event not rendered since it last changed, in one write
    /// transaction (a concurrent ingest cannot slip a change between reading and writing);
    /// returns how many.
    pub fn render_missing(&self) -> Result<usize> {
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        let rendered = self.render_missing_in_transaction();
        let end = if rendered.is_ok() {
            "COMMIT"
        } else {
            "ROLLBACK"
        };
        self.conn.execute_batch(end)?;
        rendered
    }

    fn render_missing_in_transaction(&self) -> Result<usize> {
        let mut done = 0;
        let mut after = 0i64;
        loop {
            let ids: Vec<i64> = self
                .conn
                .prepare_cached(
                    "SELECT pk FROM events WHERE rendered IS NULL AND pk > ?1 ORDER BY pk LIMIT 1000",
                )?
                .query_map([after], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let Some(&last) = ids.last() else {
                return Ok(done);
            };
            after = last;
            let mut update = self
                .conn
                .prepare_cached("UPDATE events SET rendered = ?2 WHERE pk = ?1")?;
            for event in self.events_by_ids(&ids)? {
                update.execute(params![event.id, serde_json::to_string(&event)?])?;
                done += 1;
            }
        }
    }

    /// The ids of a page of merged events matching a filter, newest first.
    fn page_ids(&self, matching: &Matching, filter: &EventFilter) -> Result<Vec<i64>> {
        let (filter_sql, mut values) = (&matching.sql, matching.values.clone());
        values.push(Value::Integer(filter.limit.map_or(-1, sql_limit)));
        values.push(Value::Integer(sql_limit(filter.offset)));
        let (limit, offset) = (values.len() - 1, values.len());
        // Undated events come last: SQLite sorts NULL below every value.
        let sql = format!(
            "SELECT e.pk FROM events e {filter_sql}
             ORDER BY e.day_lo DESC, e.pk DESC LIMIT ?{limit} OFFSET ?{offset}"
        );
        self.filtered(&sql, values, |row| row.get(0))
    }

    /// The merged events with these ids, assembled from their rows, reports and articles, in
    /// the order given.
    fn events_by_ids(&self, ids: &[i64]) -> Result<Vec<MergedEvent>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = "SELECT e.pk, e.plover, e.cameo, e.date, e.mode, e.background, e.first_added,
                    e.source_actor, se.name, se.kind, se.country,
                    e.target_actor, te.name, te.kind, te.country,
                    p.name, p.geonames_id, p.country_code, p.admin1, p.feature, p.lat, p.lon, e.future,
                    e.source_country, e.target_country,
                    sp.name, sp.geonames_id, sp.country_code, sp.admin1, sp.feature, sp.lat, sp.lon,
                    tp.name, tp.geonames_id, tp.country_code, tp.admin1, tp.feature, tp.lat, tp.lon
             FROM json_each(?1) page
             JOIN events e ON e.pk = page.value
             LEFT JOIN entities se ON se.pk = e.source_entity
             LEFT JOIN entities te ON te.pk = e.target_entity
             LEFT JOIN places p ON p.pk = e.place
             LEFT JOIN places sp ON sp.pk = se.place
             LEFT JOIN places tp ON tp.pk = te.place
             ORDER BY page.key";
        let mut events = self.filtered(
            sql,
            vec![Value::Text(serde_json::to_string(ids)?)],
            event_row,
        )?;
        self.add_reports(&mut events)?;
        Ok(events)
    }

    /// The merged event with this id.
    pub fn merged_event(&self, id: i64) -> Result<Option<MergedEvent>> {
        let filter = EventFilter {
            id: Some(id),
            ..Default::default()
        };
        Ok(self.merged_events(&filter)?.into_iter().next())
    }

    /// How many merged events match `filter` (its limit and offset aside).
    pub fn count_events(&self, filter: &EventFilter) -> Result<u64> {
        self.count_of(self.event_filter_sql(filter)?)
    }

    fn count_of(&self, matching: Matching) -> Result<u64> {
        if let Some(count) = matching.count {
            return Ok(count);
        }
        let sql = format!("SELECT count(*) FROM events e {}", matching.sql);
        let counts = self.filtered(&sql, matching.values, |row| row.get::<_, i64>(0))?;
        Ok(counts.first().copied().unwrap_or(0) as u64)
    }

    /// Where the merged events matching `filter` happened: one point per placed event, all of
    /// them (limit and offset aside), for a map.
    pub fn event_points(&self, filter: &EventFilter) -> Result<Vec<EventPoint>> {
        let Matching {
            sql: filter_sql,
            values,
            ..
        } = self.event_filter_sql(filter)?;
        // Places always have coordinates: joining one is being placed.
        let sql = format!(
            "SELECT e.pk, p.lat, p.lon, e.plover, e.cameo FROM events e
             JOIN places p ON p.pk = e.place {filter_sql} ORDER BY e.pk"
        );
        self.filtered(&sql, values, |row| {
            let cameo: Option<String> = row.get(4)?;
            Ok(EventPoint {
                id: row.get(0)?,
                lat: row.get(1)?,
                lon: row.get(2)?,
                plover: row.get(3)?,
                quad_class: cameo.as_deref().and_then(cameo::quad_class),
            })
        })
    }

    /// Merged events matching `filter` per day and PLOVER type (limit and offset aside); events
    /// dated only to a month or year, or not at all, are counted apart.
    pub fn timeline(&self, filter: &EventFilter) -> Result<Timeline> {
        let Matching {
            sql: filter_sql,
            values,
            ..
        } = self.event_filter_sql(filter)?;
        let sql = format!(
            "SELECT CASE WHEN length(e.date) = 10 THEN e.date END AS day, e.plover, count(*)
             FROM events e {filter_sql} GROUP BY day, e.plover ORDER BY day, e.plover"
        );
        let rows = self.filtered(&sql, values, |row| {
            Ok((
                row.get::<_, Option<String>>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, i64>(2)? as u64,
            ))
        })?;
        let mut timeline = Timeline::default();
        for (day, plover, n) in rows {
            let Some(day) = day else {
                timeline.undated += n;
                continue;
            };
            if timeline.days.last().is_none_or(|d| d.date != day) {
                timeline.days.push(TimelineDay {
                    date: day,
                    counts: BTreeMap::new(),
                });
            }
            if let Some(last) = timeline.days.last_mut() {
                last.counts.insert(plover, n);
            }
        }
        Ok(timeline)
    }

    /// Runs an event query built on [`Store::event_filter_sql`].
    fn filtered<T>(
        &self,
        sql: &str,
        values: Vec<Value>,
        map: impl FnMut(&Row) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params_from_iter(values), map)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// `result` of a statement using the full-text query `query`, its SQLite error turned into
    /// [`crate::Error::BadQuery`] when a search FTS5 surely parses works: the database is sound
    /// and the user's syntax is at fault (not I/O, locking or a damaged file).
    fn blame_query<T>(&self, result: Result<T>, query: &str) -> Result<T> {
        match result {
            Err(crate::Error::Sqlite(err)) if self.search_fts("\"sitrep\"", 1).is_ok() => {
                Err(crate::Error::BadQuery {
                    query: query.to_string(),
                    reason: err.to_string(),
                })
            }
            other => other,
        }
    }

    /// Fills in what the reports of `events` say: articles, sources, mentions, evidence and the
    /// casualty figures. One query for them all: a page of a hundred events is one read, not a
    /// hundred.
    fn add_reports(&self, events: &mut [MergedEvent]) -> Result<()> {
        if events.is_empty() {
            return Ok(());
        }
        let ids = serde_json::to_string(&events.iter().map(|e| e.id).collect::<Vec<_>>())?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.url, a.outlet, a.published, a.tone, coalesce(a.duplicate_of, a.pk), a.pk,
                    r.fatalities, r.evidence, r.confidence, r.duplicate, r.lead, r.event
             FROM event_reports r JOIN articles a ON a.pk = r.article
             WHERE r.event IN (SELECT value FROM json_each(?1))
             ORDER BY r.event, coalesce(a.published, substr(a.added, 1, 10)), a.pk, r.local_id",
        )?;
        let mut rows = stmt.query([ids])?;
        let mut by_event: HashMap<i64, Vec<ReportRow>> = HashMap::new();
        while let Some(row) = rows.next()? {
            by_event.entry(row.get(12)?).or_default().push(ReportRow {
                id: row.get(0)?,
                url: row.get(1)?,
                outlet: row.get(2)?,
                published: row.get(3)?,
                tone: row.get(4)?,
                story: row.get(5)?,
                pk: row.get(6)?,
                fatalities: row.get(7)?,
                evidence: row.get(8)?,
                confidence: row.get(9)?,
                duplicate: row.get(10)?,
                lead: row.get::<_, Option<bool>>(11)?.unwrap_or(false),
            });
        }
        for event in events {
            let reports = by_event.remove(&event.id).unwrap_or_default();
            fill_reports(event, reports)?;
        }
        Ok(())
    }
}

/// One report of an event as stored, with its article.
struct ReportRow {
    id: String,
    url: Option<String>,
    outlet: String,
    published: Option<String>,
    tone: Option<f64>,
    /// The article's story: itself, or the article it is a near-copy of.
    story: i64,
    pk: i64,
    fatalities: Option<i64>,
    /// JSON list of sentences.
    evidence: String,
    confidence: f64,
    duplicate: bool,
    lead: bool,
}

/// `event` with what its `reports` (in publication order) say.
fn fill_reports(event: &mut MergedEvent, reports: Vec<ReportRow>) -> Result<()> {
    let mut outlets = HashSet::new();
    let mut reports_per_article: HashMap<i64, (i64, u32)> = HashMap::new();
    let mut seen_evidence = HashSet::new();
    let mut tones = Vec::new();
    let mut latest: Option<u64> = None;
    let mut figures: Vec<(u64, String)> = Vec::new();
    let mut confidence_by_outlet: HashMap<String, f64> = HashMap::new();
    for report in reports {
        let id = report.id;
        if !event.articles.contains(&id) {
            event.articles.push(id.clone());
            if let Some(url) = report.url.filter(|u| !event.urls.contains(u)) {
                event.urls.push(url);
            }
            tones.extend(report.tone);
        }
        event.is_root |= report.lead;
        let outlet = report.outlet;
        if !report.duplicate {
            let best = confidence_by_outlet.entry(outlet.clone()).or_default();
            *best = best.max(report.confidence.clamp(0.0, 1.0));
        }
        if !outlet.starts_with("article:") && !event.outlets.contains(&outlet) {
            event.outlets.push(outlet.clone());
        }
        outlets.insert(outlet);
        if event.first_published.is_none() {
            event.first_published = report.published.clone();
        }
        reports_per_article
            .entry(report.pk)
            .or_insert((report.story, 0))
            .1 += 1;
        if let Some(f) = report.fatalities {
            // Reports come in publication order: the last figure is the latest.
            latest = Some(f as u64);
            figures.push((f as u64, id.clone()));
            event.fatality_reports.push(FatalityReport {
                article: id.clone(),
                published: report.published,
                fatalities: f as u64,
            });
        }
        let evidence: Vec<String> = serde_json::from_str(&report.evidence)?;
        for text in evidence {
            if seen_evidence.insert((id.clone(), text.clone())) {
                event.evidence.push(Evidence {
                    article: id.clone(),
                    text,
                });
            }
        }
    }
    // A story's near-copies count once: its mentions are those of its most explicit copy.
    let mut per_story: HashMap<i64, u32> = HashMap::new();
    for (story, n) in reports_per_article.into_values() {
        let best = per_story.entry(story).or_default();
        *best = (*best).max(n);
    }
    event.num_articles = per_story.len() as u32;
    event.num_mentions = per_story.values().sum();
    event.num_sources = outlets.len() as u32;
    event.fatalities = latest;
    event.fatalities_max = figures.iter().map(|(f, _)| *f).max();
    for (figure, id) in figures {
        if Some(figure) == latest && !event.fatalities_articles.contains(&id) {
            event.fatalities_articles.push(id.clone());
        }
        if Some(figure) == event.fatalities_max && !event.fatalities_max_articles.contains(&id) {
            event.fatalities_max_articles.push(id);
        }
    }
    let doubt: f64 = confidence_by_outlet.values().map(|c| 1.0 - c).product();
    event.confidence = (1.0 - doubt) as f32;
    event.tone =
        (!tones.is_empty()).then(|| (tones.iter().sum::<f64>() / tones.len() as f64) as f32);
    Ok(())
}

impl Store {
    /// Every stored record, in the order stored.
    pub fn records(&self) -> Result<Vec<Record>> {
        let mut out = Vec::new();
        self.for_each_record(|record| out.push(record))?;
        Ok(out)
    }

    /// Every stored record in the order stored, one at a time (for exports of large databases).
    pub fn for_each_record(&self, mut each: impl FnMut(Record)) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT record, text FROM articles ORDER BY pk")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            each(record_from(row)?);
        }
        Ok(())
    }

    /// The stored record of article `id`.
    pub fn article(&self, id: &str) -> Result<Option<Record>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT record, text FROM articles WHERE id = ?1")?;
        let row = stmt
            .query_row([id], |row| {
                Ok((row.get::<_, Vec<u8>>(0)?, row.get::<_, String>(1)?))
            })
            .optional()?;
        row.map(|(packed, text)| crate::ingest::unpack(&packed, text))
            .transpose()
    }

    /// Ranked full-text search over article titles and texts and over quotes. Plain words must
    /// all occur; FTS5 syntax ("exact phrase", OR, NOT, prefix*) is honoured when used, and a
    /// query using it wrongly is [`Error::BadQuery`] rather than searched as something else.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        self.blame_query(self.search_fts(&fts_query(query), limit), query)
    }

    fn search_fts(&self, fts: &str, limit: usize) -> Result<Vec<SearchHit>> {
        if fts.is_empty() {
            return Ok(Vec::new());
        }
        let mut hits = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, snippet(article_fts, 1, '[', ']', '…', 16), bm25(article_fts, 4.0, 1.0) AS score
             FROM article_fts JOIN articles a ON a.pk = article_fts.rowid
             WHERE article_fts MATCH ?1 AND a.duplicate_of IS NULL
             ORDER BY score LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![fts, sql_limit(limit)], |row| {
            Ok(SearchHit {
                kind: "article",
                article: row.get(0)?,
                title: row.get(1)?,
                speaker: None,
                snippet: row.get(2)?,
                score: row.get(3)?,
            })
        })?;
        hits.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.title, q.speaker_name, snippet(quote_fts, 0, '[', ']', '…', 24), bm25(quote_fts) AS score
             FROM quote_fts JOIN quotes q ON q.pk = quote_fts.rowid JOIN articles a ON a.pk = q.article
             WHERE quote_fts MATCH ?1 AND a.duplicate_of IS NULL
             ORDER BY score LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![fts, sql_limit(limit)], |row| {
            Ok(SearchHit {
                kind: "quote",
                article: row.get(0)?,
                title: row.get(1)?,
                speaker: row.get(2)?,
                snippet: row.get(3)?,
                score: row.get(4)?,
            })
        })?;
        hits.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        hits.sort_by(|a, b| a.score.total_cmp(&b.score));
        hits.truncate(limit);
        Ok(hits)
    }

    /// Stored entities, most reported first; `kind`: person, organization, group or location.
    pub fn entities(&self, kind: Option<&str>, limit: usize) -> Result<Vec<EntityRow>> {
        self.entities_named(kind, None, limit)
    }

    /// Stored entities whose name or actor code contains `name` (case ignored), most reported
    /// first.
    pub fn entities_named(
        &self,
        kind: Option<&str>,
        name: Option<&str>,
        limit: usize,
    ) -> Result<Vec<EntityRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name, kind, country, actor, articles, mentions FROM entities
             WHERE (?1 IS NULL OR kind = ?1)
               AND (?2 IS NULL OR name LIKE ?2 ESCAPE '\\' OR actor LIKE ?2 ESCAPE '\\')
             ORDER BY articles DESC, mentions DESC, pk LIMIT ?3",
        )?;
        let pattern = name.map(|n| format!("%{}%", like_literal(n.trim())));
        let rows = stmt.query_map(
            params![kind.map(str::to_ascii_lowercase), pattern, sql_limit(limit)],
            |row| {
                Ok(EntityRow {
                    name: row.get(0)?,
                    kind: row.get(1)?,
                    country: row.get(2)?,
                    actor: row.get(3)?,
                    articles: row.get(4)?,
                    mentions: row.get(5)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn summary(&self, top: usize) -> Result<Summary> {
        let count =
            |sql: &str| -> Result<u64> { Ok(self.conn.query_row(sql, [], |row| row.get(0))?) };
        let pairs = |sql: &str| -> Result<Vec<(String, u64)>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([sql_limit(top)], |row| Ok((row.get(0)?, row.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        };
        let events = count("SELECT count(*) FROM events")?;
        let top_actors = if events > 0 {
            pairs(
                "SELECT actor, count(*) AS n FROM (
                     SELECT coalesce(e.source_actor, s.name) AS actor FROM events e LEFT JOIN entities s ON s.pk = e.source_entity
                     UNION ALL
                     SELECT coalesce(e.target_actor, t.name) FROM events e LEFT JOIN entities t ON t.pk = e.target_entity)
                 WHERE actor IS NOT NULL GROUP BY actor ORDER BY n DESC, actor LIMIT ?1",
            )?
        } else {
            pairs(
                "SELECT name, articles FROM entities WHERE kind IN ('person', 'organization', 'group')
                 ORDER BY articles DESC, mentions DESC, pk LIMIT ?1",
            )?
        };
        Ok(Summary {
            articles: count("SELECT count(*) FROM articles")?,
            near_duplicates: count("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL")?,
            entities: count("SELECT count(*) FROM entities")?,
            quotes: count("SELECT count(*) FROM quotes")?,
            events,
            event_reports: count("SELECT count(*) FROM event_reports")?,
            events_by_type: pairs(
                "SELECT plover, count(*) AS n FROM events GROUP BY plover ORDER BY n DESC, plover LIMIT ?1",
            )?,
            top_actors,
            top_places: pairs(
                "SELECT name, articles FROM places ORDER BY articles DESC, pk LIMIT ?1",
            )?,
        })
    }

    /// `filter` (its limit and offset aside) as a WHERE clause over `events e` alone and the values
    /// it binds, numbered from ?1; empty when nothing is filtered.
    fn event_filter_sql(&self, filter: &EventFilter) -> Result<Matching> {
        let mut clauses: Vec<String> = Vec::new();
        let mut values: Vec<Value> = Vec::new();
        let bind = |values: &mut Vec<Value>, v: Value| {
            values.push(v);
            format!("?{}", values.len())
        };
        if let Some(id) = filter.id {
            let p = bind(&mut values, Value::Integer(id));
            clauses.push(format!("e.pk = {p}"));
        }
        if let Some(plover) = &filter.plover {
            let p = bind(&mut values, Value::Text(plover.to_ascii_uppercase()));
            clauses.push(format!("e.plover = {p}"));
        }
        // Every term is written so that an index answers it (multi-index OR): no filter joins
        // the actors' entities or the place, so the list, its count, the map and the timeline
        // never read every event.
        if let Some(actor) = &filter.actor {
            let code = bind(&mut values, Value::Text(actor.trim().to_ascii_uppercase()));
            // The entities so named are found once, apart: a LIKE pattern bound in the whole
            // statement makes SQLite plan it again for every new pattern, and read the names
            // for each use.
            let named = self.ids(
                "SELECT pk FROM entities WHERE name LIKE ?1 ESCAPE '\\'",
                &format!("%{}%", like_literal(actor.trim())),
            )?;
            let named = bind(&mut values, Value::Text(serde_json::to_string(&named)?));
            clauses.push(format!(
                "({} OR {} \
                 OR e.source_entity IN (SELECT value FROM json_each({named})) \
                 OR e.target_entity IN (SELECT value FROM json_each({named})))",
                starts_with("e.source_actor", &code),
                starts_with("e.target_actor", &code),
            ));
        }
        if let Some(country) = &filter.country {
            let (iso2, iso3) = country_codes(country);
            let mut any = Vec::new();
            if let Some(iso2) = iso2 {
                let c = bind(&mut values, Value::Text(iso2));
                any.push(format!(
                    "e.place IN (SELECT pk FROM places WHERE country_code = {c})"
                ));
            }
            if let Some(iso3) = iso3 {
                let c = bind(&mut values, Value::Text(iso3));
                any.push(format!(
                    "{} OR {} \
                     OR e.source_entity IN (SELECT pk FROM entities WHERE country = {c}) \
                     OR e.target_entity IN (SELECT pk FROM entities WHERE country = {c})",
                    starts_with("e.source_actor", &c),
                    starts_with("e.target_actor", &c),
                ));
            }
            if any.is_empty() {
                clauses.push("0".into());
            } else {
                clauses.push(format!("({})", any.join(" OR ")));
            }
        }
        if let Some(since) = &filter.since {
            let lo = PartialDate::parse(since)
                .map(PartialDate::days)
                .map(|r| r.0)
                .ok_or_else(|| bad_date(since))?;
            let p = bind(&mut values, Value::Integer(lo));
            clauses.push(format!("e.day_hi >= {p}"));
        }
        if let Some(until) = &filter.until {
            let hi = PartialDate::parse(until)
                .map(PartialDate::days)
                .map(|r| r.1)
                .ok_or_else(|| bad_date(until))?;
            let p = bind(&mut values, Value::Integer(hi));
            clauses.push(format!("e.day_lo <= {p}"));
        }
        if let Some(near) = &filter.near {
            // A bounding box the index can use, then the exact distance.
            let dlat = near.km / 111.0;
            let dlon = near.km / (111.0 * near.lat.to_radians().cos().abs().max(0.01));
            let b: Vec<String> = [
                near.lat - dlat,
                near.lat + dlat,
                near.lon - dlon,
                near.lon + dlon,
                near.lat,
                near.lon,
                near.km,
            ]
            .into_iter()
            .map(|x| bind(&mut values, Value::Real(x)))
            .collect();
            clauses.push(format!(
                "e.place IN (SELECT pk FROM places WHERE lat BETWEEN {} AND {} AND lon BETWEEN {} AND {} \
                 AND km_between({}, {}, lat, lon) <= {})",
                b[0], b[1], b[2], b[3], b[4], b[5], b[6]
            ));
        }
        let mut reported_count = None;
        if let Some(text) = filter.text.as_deref() {
            let fts = fts_query(text);
            if !fts.is_empty() {
                let reported = self.blame_query(
                    self.ids(
                        "SELECT r.event FROM article_fts f JOIN event_reports r ON r.article = f.rowid
                         WHERE article_fts MATCH ?1",
                        &fts,
                    ),
                    text,
                )?;
                // Few events: fetch each by id. Many: read the events in date order and test
                // each against the list, stopping at the page's end (`+` keeps SQLite from
                // fetching by id): a word in a quarter of the articles then reads a page's
                // worth of events, not thousands, then sorts them.
                let events: i64 =
                    self.conn
                        .query_row("SELECT coalesce(max(pk), 0) FROM events", [], |row| {
                            row.get(0)
                        })?;
                let page_end = filter
                    .limit
                    .map_or(events, |limit| (filter.offset + limit) as i64);
                let n = reported.len() as i64;
                let dense = n.saturating_mul(n) >= page_end.saturating_mul(events);
                reported_count = Some(reported.len() as u64);
                let p = bind(&mut values, Value::Text(serde_json::to_string(&reported)?));
                let by = if dense { "+e.pk" } else { "e.pk" };
                clauses.push(format!("{by} IN (SELECT value FROM json_each({p}))"));
            }
        }
        let filter_sql = if clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", clauses.join(" AND "))
        };
        Ok(Matching {
            // The events a text alone matches are those it was resolved to.
            count: reported_count.filter(|_| clauses.len() == 1),
            sql: filter_sql,
            values,
        })
    }

    /// The integers `sql` selects with `param` bound as ?1, sorted, each once (made distinct
    /// here: SQLite's DISTINCT builds a temporary b-tree).
    fn ids(&self, sql: &str, param: &str) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut ids = stmt
            .query_map([param], |row| row.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }
}

/// An event filter as SQL: a WHERE clause over `events e` alone (empty when nothing is
/// filtered), the values it binds from ?1, and the number of events it matches when that is
/// known without counting.
struct Matching {
    sql: String,
    values: Vec<Value>,
    count: Option<u64>,
}

/// `column` starts with the text bound as `prefix`, as a range an index on `column` can answer
/// (LIKE 'P%' cannot use one: it ignores case, the index does not).
fn starts_with(column: &str, prefix: &str) -> String {
    format!("{column} BETWEEN {prefix} AND {prefix} || char(1114111)")
}

fn record_from(row: &Row) -> Result<Record> {
    let packed = row.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?;
    crate::ingest::unpack(packed, row.get(1)?)
}

/// A place read from seven columns starting at `at` (name, geonames id, country, admin1,
/// feature, lat, lon).
fn place_at(row: &Row, at: usize) -> rusqlite::Result<Option<Place>> {
    let Some(name) = row.get::<_, Option<String>>(at)? else {
        return Ok(None);
    };
    Ok(Some(Place {
        name,
        geonames_id: row.get::<_, Option<i64>>(at + 1)?.map(|i| i as u64),
        country_code: row.get(at + 2)?,
        admin1: row.get(at + 3)?,
        feature: row.get(at + 4)?,
        lat: row.get(at + 5)?,
        lon: row.get(at + 6)?,
    }))
}

fn event_row(row: &Row) -> rusqlite::Result<MergedEvent> {
    let cameo_code: Option<String> = row.get(2)?;
    let actor = |code: Option<String>,
                 name: Option<String>,
                 kind: Option<String>,
                 country: Option<String>,
                 side_country: Option<String>,
                 place: Option<Place>| {
        let country = country.or(side_country).or_else(|| {
            let prefix = code.as_deref()?.get(..3)?;
            sitrep_core::actors::country_by_iso3(prefix).map(|c| c.iso3.to_string())
        });
        Some(Actor {
            name: name.or_else(|| code.clone())?,
            code,
            country,
            kind,
            place,
        })
    };
    Ok(MergedEvent {
        id: row.get(0)?,
        plover: row.get(1)?,
        quad_class: cameo_code.as_deref().and_then(cameo::quad_class),
        goldstein: cameo_code.as_deref().and_then(cameo::goldstein),
        cameo: cameo_code,
        date: row.get(3)?,
        mode: row.get(4)?,
        background: row.get(5)?,
        future: row.get(22)?,
        first_added: row.get(6)?,
        source: actor(
            row.get(7)?,
            row.get(8)?,
            row.get(9)?,
            row.get(10)?,
            row.get(23)?,
            place_at(row, 25)?,
        ),
        target: actor(
            row.get(11)?,
            row.get(12)?,
            row.get(13)?,
            row.get(14)?,
            row.get(24)?,
            place_at(row, 32)?,
        ),
        place: place_at(row, 15)?,
        fatalities: None,
        fatalities_articles: Vec::new(),
        fatalities_max: None,
        fatalities_max_articles: Vec::new(),
        fatality_reports: Vec::new(),
        confidence: 0.0,
        num_articles: 0,
        num_sources: 0,
        num_mentions: 0,
        articles: Vec::new(),
        urls: Vec::new(),
        outlets: Vec::new(),
        evidence: Vec::new(),
        first_published: None,
        tone: None,
        is_root: false,
    })
}

/// A row count as SQLite's LIMIT takes it: a `usize` beyond `i64::MAX` (`--limit
/// 18446744073709551615`) is "no limit", not a wrapped negative or a datatype mismatch.
fn sql_limit(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `text` as a LIKE pattern that matches it literally (with `ESCAPE '\'`): a user's `%` or `_`
/// is a character to find, not a wildcard that would match every actor.
fn like_literal(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern
}

fn bad_date(s: &str) -> crate::Error {
    crate::Error::Other(format!(
        "expected a date YYYY-MM-DD (or YYYY-MM, YYYY), got {s:?}"
    ))
}

/// ISO alpha-2 and alpha-3 of a country given by either.
fn country_codes(code: &str) -> (Option<String>, Option<String>) {
    // The actor tables look countries up by alpha-3 only; the reverse map is built once.
    static BY_ISO2: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
        let letters = b'A'..=b'Z';
        let mut map = HashMap::new();
        for a in letters.clone() {
            for b in letters.clone() {
                for c in letters.clone() {
                    let iso3 = String::from_utf8(vec![a, b, c]).unwrap_or_default();
                    if let Some(country) = sitrep_core::actors::country_by_iso3(&iso3) {
                        map.insert(country.iso2, country.iso3);
                    }
                }
            }
        }
        map
    });
    let code = code.trim().to_ascii_uppercase();
    match code.len() {
        2 => (
            Some(code.clone()),
            BY_ISO2.get(code.as_str()).map(|s| s.to_string()),
        ),
        3 => match sitrep_core::actors::country_by_iso3(&code) {
            Some(c) => (Some(c.iso2.to_string()), Some(code)),
            None => (None, Some(code)),
        },
        _ => (None, None),
    }
}

/// Great-circle distance in km; also SQL's `km_between(lat1, lon1, lat2, lon2)` on every
/// connection ([`register_functions`]).
fn km_between(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// Adds the SQL functions event queries use to `conn`.
pub(crate) fn register_functions(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "km_between",
        4,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let at = |i| ctx.get::<Option<f64>>(i);
            Ok(match (at(0)?, at(1)?, at(2)?, at(3)?) {
                (Some(a), Some(b), Some(c), Some(d)) => Some(km_between(a, b, c, d)),
                _ => None,
            })
        },
    )
}

/// Plain words become an AND of quoted terms (so "U.S." or "co-operation" cannot be read as
/// FTS5 syntax); a query already using FTS5 syntax is passed on.
fn fts_query(query: &str) -> String {
    let syntax = query.contains('"')
        || query.contains('*')
        || query
            .split_whitespace()
            .any(|w| matches!(w, "AND" | "OR" | "NOT") || w.starts_with("NEAR("));
    if syntax {
        query.trim().to_string()
    } else {
        plain_words(query)
    }
}

fn plain_words(query: &str) -> String {
    query
        .split_whitespace()
        .map(|w| w.replace('"', ""))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" ")
}
