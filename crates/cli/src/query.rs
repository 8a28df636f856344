//! `sitrep events`, `search`, `entities`, `article`: the database read back.

use crate::args::{ArticleArgs, DbArg, EntitiesArgs, EventsArgs, SearchArgs};
use crate::table::{emit, format_or_default};
use sitrep_store::Store;
use sitrep_store::model::MergedEvent;
use std::process::ExitCode;

/// Opens an existing database read-only: a query against a file that is not there is a typo,
/// not a request for an empty database, and a query never writes (only `ingest` creates).
pub fn open(db: &DbArg) -> anyhow::Result<Store> {
    let path = db.db.display();
    anyhow::ensure!(
        !matches!(db.db.try_exists(), Ok(false)),
        "no database at {path}; create one with `sitrep ingest … --db {path}`"
    );
    Ok(Store::open_read_only(&db.db)?)
}

pub fn events(args: EventsArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db)?;
    let events = store.merged_events(&args.filter.to_filter())?;
    if events.is_empty() {
        check_actor(&store, args.filter.actor.as_deref())?;
    }
    let headers = [
        "ID",
        "DATE",
        "WHEN",
        "TYPE",
        "CAMEO",
        "SOURCE",
        "SOURCE_CODE",
        "TARGET",
        "TARGET_CODE",
        "PLACE",
        "COUNTRY",
        "LAT",
        "LON",
        "KILLED",
        "ARTICLES",
        "SOURCES",
        "MENTIONS",
        "ARTICLE_IDS",
    ];
    let rows = events.iter().map(event_row).collect();
    emit(format_or_default(args.format), &headers, rows, &events)?;
    Ok(ExitCode::SUCCESS)
}

/// An actor no stored event names is a typo, not an empty answer: say so, with the codes
/// there are.
pub fn check_actor(store: &Store, actor: Option<&str>) -> anyhow::Result<()> {
    let Some(actor) = actor else { return Ok(()) };
    if store.knows_actor(actor)? {
        return Ok(());
    }
    const SHOWN: usize = 40;
    let codes = store.actor_codes()?;
    let more = codes.len().saturating_sub(SHOWN);
    let mut list = codes.into_iter().take(SHOWN).collect::<Vec<_>>().join(", ");
    if more > 0 {
        list.push_str(&format!(" and {more} more"));
    }
    if list.is_empty() {
        list = "(none: the database holds no events)".into();
    }
    anyhow::bail!(
        "no stored event has an actor matching {actor:?} (a CAMEO code prefix or part of a name); actor codes in the database: {list}"
    )
}

fn event_row(e: &MergedEvent) -> Vec<String> {
    let opt = |s: Option<&str>| s.unwrap_or("").to_string();
    vec![
        e.id.to_string(),
        opt(e.date.as_deref()),
        // News, a past event recalled as context, or one told as to come.
        match (e.background, e.future) {
            (true, _) => "background",
            (false, true) => "future",
            (false, false) => "news",
        }
        .to_string(),
        e.plover.clone(),
        opt(e.cameo.as_deref()),
        opt(e.source.as_ref().map(|a| a.name.as_str())),
        opt(e.source.as_ref().and_then(|a| a.code.as_deref())),
        opt(e.target.as_ref().map(|a| a.name.as_str())),
        opt(e.target.as_ref().and_then(|a| a.code.as_deref())),
        opt(e.place.as_ref().map(|p| p.name.as_str())),
        opt(e.place.as_ref().and_then(|p| p.country_code.as_deref())),
        e.place
            .as_ref()
            .map(|p| format!("{:.4}", p.lat))
            .unwrap_or_default(),
        e.place
            .as_ref()
            .map(|p| format!("{:.4}", p.lon))
            .unwrap_or_default(),
        e.fatalities.map(|f| f.to_string()).unwrap_or_default(),
        e.num_articles.to_string(),
        e.num_sources.to_string(),
        e.num_mentions.to_string(),
        e.articles.join(";"),
    ]
}

pub fn search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db)?;
    let hits = store.search(&args.query.join(" "), args.limit)?;
    let rows = hits
        .iter()
        .map(|h| {
            vec![
                h.kind.to_string(),
                h.article.clone(),
                format!("{:.2}", h.score),
                h.speaker
                    .clone()
                    .or_else(|| h.title.clone())
                    .unwrap_or_default(),
                h.snippet.clone(),
            ]
        })
        .collect();
    emit(
        format_or_default(args.format),
        &["KIND", "ARTICLE", "SCORE", "TITLE_OR_SPEAKER", "SNIPPET"],
        rows,
        &hits,
    )?;
    if hits.is_empty() {
        // As grep: 1 says "nothing found" to a script, and a person is told so.
        eprintln!("sitrep: no match for {:?}", args.query.join(" "));
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn entities(args: EntitiesArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db)?;
    let entities = store.entities(args.kind.as_deref(), args.limit)?;
    let rows = entities
        .iter()
        .map(|e| {
            vec![
                e.name.clone(),
                e.kind.clone(),
                e.country.clone().unwrap_or_default(),
                e.actor.clone().unwrap_or_default(),
                e.articles.to_string(),
                e.mentions.to_string(),
            ]
        })
        .collect();
    emit(
        format_or_default(args.format),
        &["NAME", "KIND", "COUNTRY", "ACTOR", "ARTICLES", "MENTIONS"],
        rows,
        &entities,
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn article(args: ArticleArgs) -> anyhow::Result<ExitCode> {
    let store = open(&args.db)?;
    let Some(record) = store.article(&args.id)? else {
        eprintln!(
            "sitrep: no article {:?} in {}",
            args.id,
            crate::visible::escaped(&args.db.db.display().to_string())
        );
        return Ok(ExitCode::from(1));
    };
    let json = if args.pretty {
        serde_json::to_string_pretty(&record)?
    } else {
        serde_json::to_string(&record)?
    };
    crate::output::print_line(&json)?;
    Ok(ExitCode::SUCCESS)
}
