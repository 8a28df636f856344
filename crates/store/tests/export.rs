//! Export formats: column counts, cell grammar, and that each format reads back with a standard
//! reader. Events and records are built by hand (the events stage is not merged yet).

use sitrep_core::record::{Count, DateMention, Entity, EntityKind, Geo, Quote, Record, Tone};
use sitrep_store::export::{self, Format};
use sitrep_store::model::{Actor, Evidence, MergedEvent, Place};

fn actor(name: &str, code: &str, country: &str) -> Option<Actor> {
    Some(Actor {
        name: name.into(),
        code: Some(code.into()),
        country: Some(country.into()),
        kind: Some("organization".into()),
        place: None,
    })
}

fn place(
    name: &str,
    cc: &str,
    admin1: Option<&str>,
    feature: &str,
    lat: f64,
    lon: f64,
) -> Option<Place> {
    Some(Place {
        name: name.into(),
        geonames_id: Some(616_000 + name.len() as u64),
        country_code: Some(cc.into()),
        admin1: admin1.map(Into::into),
        feature: feature.into(),
        lat,
        lon,
    })
}

fn event(id: i64, plover: &str, cameo: Option<&str>) -> MergedEvent {
    MergedEvent {
        id,
        plover: plover.into(),
        cameo: cameo.map(Into::into),
        quad_class: cameo.and_then(sitrep_core::events::cameo::quad_class),
        goldstein: cameo.and_then(sitrep_core::events::cameo::goldstein),
        date: Some("2022-09-13".into()),
        source: None,
        target: None,
        place: None,
        mode: None,
        fatalities: None,
        fatalities_articles: vec![],
        fatalities_max: None,
        fatalities_max_articles: vec![],
        fatality_reports: vec![],
        confidence: 0.7,
        background: false,
        future: false,
        num_articles: 2,
        num_sources: 2,
        num_mentions: 3,
        articles: vec!["a1".into(), "a2".into()],
        urls: vec![
            "https://www.example.org/news/1".into(),
            "https://news.example.com/2".into(),
        ],
        outlets: vec!["example.org".into(), "news.example.com".into()],
        evidence: vec![Evidence {
            article: "a1".into(),
            text: "Evidence\tsentence\nspanning lines.".into(),
        }],
        first_published: Some("2022-09-13".into()),
        first_added: Some("2022-09-13T10:15:00+02:00".into()),
        tone: Some(-4.2),
        is_root: true,
    }
}

/// Shelling in Armenia, a ceasefire (month precision, country-level place), a protest in
/// Tokyo, talks in Beijing, a clash in Azerbaijan, and an event with nothing but its type.
fn events() -> Vec<MergedEvent> {
    let mut shelling = event(1, "ASSAULT", Some("194"));
    shelling.source = actor("Military Forces of Azerbaijan", "AZEMIL", "AZE");
    shelling.target = actor("Military\tof Armenia", "ARMMIL", "ARM");
    shelling.place = place(
        "Jermuk",
        "AM",
        Some("Vayots Dzor"),
        "city",
        39.8414,
        45.6703,
    );
    shelling.mode = Some("artillery".into());
    shelling.fatalities = Some(49);
    shelling.fatalities_articles = vec!["a2".into()];

    let mut ceasefire = event(2, "RETREAT", Some("0871"));
    ceasefire.date = Some("2022-09".into());
    ceasefire.place = place("Armenia", "AM", None, "country", 40.0, 45.0);
    ceasefire.source = actor("Armenia", "ARM", "ARM");

    let mut protest = event(3, "PROTEST", Some("141"));
    protest.place = place("Tokyo", "JP", Some("Tokyo"), "city", 35.6895, 139.6917);
    protest.source = actor("Protesters (Japan)", "JPNCVL", "JPN");

    let mut talks = event(4, "CONSULT", Some("040"));
    talks.is_root = false;
    talks.source = Some(Actor {
        name: "United Nations".into(),
        code: Some("IGOUNO".into()),
        country: None,
        kind: None,
        place: None,
    });
    talks.target = Some(Actor {
        name: "---GOV".into(),
        code: Some("---GOV".into()),
        country: None,
        kind: None,
        place: None,
    });
    talks.place = place("Beijing", "CN", Some("Beijing"), "city", 39.9075, 116.3972);

    let mut clash = event(5, "ASSAULT", Some("190"));
    clash.place = place("Laçın", "AZ", Some("Laçın"), "admin1", 39.64, 46.55);
    clash.target = actor("Armenian forces", "ARMMIL", "ARM");

    let mut bare = event(6, "COERCE", None);
    bare.date = None;
    bare.urls.clear();
    bare.evidence.clear();
    bare.tone = None;
    bare.first_added = None;

    vec![shelling, ceasefire, protest, talks, clash, bare]
}

fn write(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<usize>) -> String {
    let mut out = Vec::new();
    f(&mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("exports are UTF-8")
}

// ---------- GDELT events ----------

#[test]
fn gdelt_events_rows_have_61_columns_and_gdelt_codes() {
    let events = events();
    let text = write(|out| export::gdelt_events(&events, out));
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(
        rows.len(),
        events.len(),
        "one line per event: no stray line breaks"
    );
    for row in &rows {
        assert_eq!(row.len(), 61, "{row:?}");
        assert!(row[0].parse::<i64>().is_ok());
        for geo_type in [row[35], row[43], row[51]] {
            assert!(
                ["", "0", "1", "2", "3", "4", "5"].contains(&geo_type),
                "{geo_type}"
            );
        }
        if !row[59].is_empty() {
            assert!(
                row[59].len() == 14 && row[59].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                row[59]
            );
        }
        assert!(row[29].is_empty() || ["1", "2", "3", "4"].contains(&row[29]));
    }
    let by_id = |id: &str| rows.iter().find(|r| r[0] == id).unwrap();

    let shelling = by_id("1");
    assert_eq!(
        (shelling[1], shelling[2], shelling[3]),
        ("20220913", "202209", "2022")
    );
    assert_eq!(
        shelling[5..8],
        ["AZEMIL", "MILITARY FORCES OF AZERBAIJAN", "AZE"]
    );
    assert_eq!(shelling[12], "MIL", "Type1Code split from the actor code");
    assert_eq!(
        shelling[16], "MILITARY OF ARMENIA",
        "tab inside a name becomes a space"
    );
    assert_eq!(
        (shelling[26], shelling[27], shelling[28]),
        ("194", "194", "19")
    );
    assert_eq!(shelling[29], "4");
    assert_eq!(shelling[30], "-10", "GDELT's Goldstein for 194");
    assert_eq!(
        (shelling[31], shelling[32], shelling[33], shelling[34]),
        ("3", "2", "2", "-4.2")
    );
    assert_eq!(shelling[25], "1", "IsRootEvent: read from a lead paragraph");
    assert_eq!(
        shelling[35..39],
        ["1", "Azerbaijan", "AJ", "AJ"],
        "Actor1Geo: the actor's country"
    );
    assert_eq!(shelling[43..47], ["1", "Armenia", "AM", "AM"], "Actor2Geo");
    assert_eq!(
        shelling[51..54],
        ["4", "Jermuk, Vayots Dzor, Armenia", "AM"]
    );
    assert_eq!(
        shelling[54], "AM10",
        "ADM1: FIPS country and Vayots Dzor's GeoNames (FIPS) code"
    );
    assert_eq!((shelling[56], shelling[57]), ("39.8414", "45.6703"));
    assert_eq!(shelling[59], "20220913081500", "DATEADDED in UTC");
    assert_eq!(shelling[60], "https://www.example.org/news/1");

    let ceasefire = by_id("2");
    assert_eq!(
        (ceasefire[26], ceasefire[27], ceasefire[28]),
        ("0871", "087", "08"),
        "leading zeros kept"
    );
    assert_eq!(
        (ceasefire[1], ceasefire[2]),
        ("20220901", "202209"),
        "a month-only date starts at its first day"
    );
    assert_eq!(
        ceasefire[51..55],
        ["1", "Armenia", "AM", "AM"],
        "country: ADM1 is the FIPS code"
    );
    assert_eq!(
        ceasefire[58], "AM",
        "a country's FeatureID is its FIPS code, as GDELT writes"
    );

    assert_eq!(by_id("3")[53], "JA", "Japan is JA in FIPS 10-4");
    let talks = by_id("4");
    assert_eq!(talks[53], "CH", "China is CH");
    assert_eq!(talks[54], "CH22", "Beijing's division");
    assert_eq!(
        talks[5..9],
        ["IGOUNO", "UNITED NATIONS", "", "UNO"],
        "KnownGroupCode of an IGO"
    );
    assert_eq!(
        (talks[15], talks[16], talks[17], talks[22]),
        ("GOV", "GOVERNMENT", "", "GOV"),
        "a role with no country, as GDELT writes it"
    );
    assert_eq!(talks[25], "0");
    let clash = by_id("5");
    assert_eq!(
        (clash[51], clash[53]),
        ("5", "AJ"),
        "Azerbaijan is AJ; a province is WORLDSTATE"
    );

    let bare = by_id("6");
    assert!(bare[1..5].iter().all(|c| c.is_empty()) && bare[26].is_empty() && bare[60].is_empty());
}

#[test]
fn fraction_date_follows_gdelt_formula() {
    let text = write(|out| export::gdelt_events(&events()[..1], out));
    let fraction: f64 = text.split('\t').nth(4).unwrap().parse().unwrap();
    assert!((fraction - (2022.0 + (9.0 * 30.0 + 13.0) / 365.0)).abs() < 1e-4);
}

// ---------- GKG ----------

fn entity(id: &str, kind: EntityKind, name: &str, text: &str, geo: Option<Geo>) -> Entity {
    let mentions = text
        .match_indices(name)
        .map(|(i, m)| [i, i + m.len()])
        .collect();
    Entity {
        id: id.into(),
        kind,
        name: name.into(),
        aliases: vec![],
        title: None,
        country: None,
        actor: None,
        mentions,
        geo,
    }
}

fn record() -> Record {
    let text = "YEREVAN — Azərbaycan forces shelled Jermuk on 13 September 2022, Nikol Pashinyan said. \
                At least 49 soldiers were killed and 3 were wounded. \"We will respond,\" Pashinyan declared. \
                Talks in Tokyo were set for October 2022; the war of 2020 was recalled."
        .to_string();
    let at = |s: &str| text.find(s).unwrap();
    let geo = |name: &str, cc: &str, feature: &str, lat: f64, lon: f64| Geo {
        geonames_id: Some(100),
        name: name.into(),
        country_code: Some(cc.into()),
        admin1: Some("Vayots Dzor".into()),
        feature: feature.into(),
        lat,
        lon,
    };
    let entities = vec![
        entity("e1", EntityKind::Person, "Pashinyan", &text, None),
        entity("e2", EntityKind::Group, "Azərbaycan forces", &text, None),
        entity(
            "e3",
            EntityKind::Location,
            "Jermuk",
            &text,
            Some(geo("Jermuk", "AM", "city", 39.84, 45.67)),
        ),
        entity(
            "e4",
            EntityKind::Location,
            "Tokyo",
            &text,
            Some(geo("Tokyo", "JP", "city", 35.69, 139.69)),
        ),
        entity(
            "e5",
            EntityKind::Location,
            "YEREVAN",
            &text,
            Some(geo("Yerevan", "AM", "city", 40.18, 44.51)),
        ),
    ];
    let count = |kind: &str, number: u64, subject: Option<&str>, word: &str| Count {
        kind: kind.into(),
        number,
        qualifier: "exact".into(),
        subject: subject.map(Into::into),
        event: None,
        background: false,
        start: at(word),
        end: at(word) + word.len(),
    };
    let quote_text = "We will respond,";
    let date = |value: &str, surface: &str| DateMention {
        text: surface.into(),
        value: value.into(),
        start: at(surface),
        end: at(surface) + surface.len(),
    };
    Record {
        schema: 1,
        id: "rec-1".into(),
        url: Some("https://www.example.org/world/armenia".into()),
        title: Some("Shelling <in> Armenia & Azerbaijan".into()),
        author: Some("A. Writer".into()),
        published: Some("2022-09-13T08:00:00Z".into()),
        language: Some("en".into()),
        dates: vec![
            date("2022-09-13", "13 September 2022"),
            date("2022-10", "October 2022"),
            date("2020", "2020"),
            date("199X", "YEREVAN"),
        ],
        entities: Some(entities),
        quotes: Some(vec![Quote {
            text: quote_text.into(),
            speaker: Some("e1".into()),
            speaker_name: Some("Nikol Pashinyan".into()),
            cue: Some("declared".into()),
            start: at(quote_text),
            end: at(quote_text) + quote_text.len(),
        }]),
        counts: Some(vec![
            count("killed", 49, Some("soldiers; #army"), "49"),
            count("injured", 3, None, "3 were"),
            count("troops", 49, Some("soldiers"), "49"),
        ]),
        themes: Some(vec!["ARMEDCONFLICT".into(), "CEASEFIRE".into()]),
        tone: Some(Tone {
            score: -4.2,
            positive: 1.1,
            negative: 5.3,
        }),
        text,
        ..Record::default()
    }
}

fn split_blocks(cell: &str, separator: char) -> Vec<&str> {
    cell.split(separator).filter(|b| !b.is_empty()).collect()
}

fn is_uint(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_float(s: &str) -> bool {
    s.parse::<f64>().is_ok_and(f64::is_finite)
}

/// The character at a GDELT (character) offset starts `expected`.
fn at_char(text: &str, offset: &str, expected: &str) -> bool {
    let offset: usize = offset.parse().unwrap();
    text.chars()
        .skip(offset)
        .collect::<String>()
        .starts_with(expected)
}

fn check_location_block(block: &str, fields: usize) -> Vec<String> {
    let f: Vec<&str> = block.split('#').collect();
    assert_eq!(f.len(), fields, "{block}");
    assert!(["1", "2", "3", "4", "5"].contains(&f[0]), "{block}");
    assert!(!f[1].is_empty() && f[2].len() == 2, "{block}");
    let (lat, lon) = if fields == 7 {
        (f[4], f[5])
    } else {
        (f[5], f[6])
    };
    assert!(is_float(lat) && is_float(lon), "{block}");
    f.iter().map(|s| s.to_string()).collect()
}

fn check_name_offsets(cell: &str, text: &str) -> Vec<String> {
    split_blocks(cell, ';')
        .iter()
        .map(|block| {
            let (name, offset) = block.rsplit_once(',').unwrap_or_else(|| panic!("{block}"));
            assert!(!name.is_empty() && is_uint(offset), "{block}");
            assert!(at_char(text, offset, name), "{name} at {offset}");
            name.to_string()
        })
        .collect()
}

#[test]
fn gkg_rows_have_27_columns_and_cells_parse_by_their_grammar() {
    let record = record();
    let empty = Record {
        id: "empty".into(),
        ..Record::default()
    };
    let text = write(|out| export::gdelt_gkg(&[record.clone(), empty], out));
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2);
    for row in &rows {
        assert_eq!(row.len(), 27, "{row:?}");
    }
    assert!(
        rows[1][1..26].iter().all(|c| c.is_empty()),
        "an empty record fills no cell: {:?}",
        rows[1]
    );
    assert_eq!(
        rows[1][0], "00000000000000-2",
        "GKGRECORDID of an undated article: its row number"
    );

    let row = &rows[0];
    let body = &record.text;
    assert_eq!(row[0], "20220913080000-1", "GKGRECORDID in GDELT's form");
    assert_eq!(row[1], "20220913080000");
    assert_eq!(
        (row[2], row[3], row[4]),
        ("1", "example.org", "https://www.example.org/world/armenia")
    );

    // V1COUNTS (10 fields) and V2.1COUNTS (11: + char offset).
    let v1: Vec<&str> = split_blocks(row[5], ';');
    let v21: Vec<&str> = split_blocks(row[6], ';');
    assert_eq!(v1.len(), 2, "troops has no GDELT count type: {v1:?}");
    for (a, b) in v1.iter().zip(&v21) {
        let (fa, fb): (Vec<&str>, Vec<&str>) = (a.split('#').collect(), b.split('#').collect());
        assert_eq!((fa.len(), fb.len()), (10, 11), "{a} / {b}");
        assert!(
            [
                "AFFECT", "ARREST", "KIDNAP", "KILL", "PROTEST", "SEIZE", "WOUND"
            ]
            .contains(&fa[0])
        );
        assert!(is_uint(fa[1]) && is_uint(fb[10]));
        assert!(
            at_char(body, fb[10], fa[1]),
            "count offset points at its number: {b}"
        );
    }
    assert!(
        v1[0].starts_with("KILL#49#soldiers   army#"),
        "separators inside the object are blanked: {}",
        v1[0]
    );
    assert!(v1[1].starts_with("WOUND#3##"));

    assert_eq!(
        row[7], "ARMEDCONFLICT;CEASEFIRE;KILL;WOUND",
        "the record's themes, then its counts'"
    );
    let enhanced: Vec<&str> = split_blocks(row[8], ';');
    assert_eq!(enhanced.len(), 2, "{enhanced:?}");
    assert!(
        enhanced[0].starts_with("KILL,")
            && at_char(body, enhanced[0].split(',').nth(1).unwrap(), "49")
    );

    // V1LOCATIONS: 7 fields, one per place; V2ENHANCEDLOCATIONS: 9, one per mention.
    let v1_locations: Vec<_> = split_blocks(row[9], ';')
        .iter()
        .map(|b| check_location_block(b, 7))
        .collect();
    assert_eq!(v1_locations.len(), 3);
    let tokyo = v1_locations
        .iter()
        .find(|f| f[1].starts_with("Tokyo"))
        .unwrap();
    assert_eq!((tokyo[0].as_str(), tokyo[2].as_str()), ("4", "JA"));
    for block in split_blocks(row[10], ';') {
        let f = check_location_block(block, 9);
        let name = f[1].split(',').next().unwrap();
        assert!(
            at_char(body, &f[8], &name.to_uppercase()) || at_char(body, &f[8], name),
            "{block}"
        );
    }

    assert_eq!(row[11], "Pashinyan");
    assert_eq!(
        check_name_offsets(row[12], body),
        ["Pashinyan", "Pashinyan"]
    );
    assert_eq!(row[13], "Azərbaycan forces");
    assert_eq!(check_name_offsets(row[14], body), ["Azərbaycan forces"]);

    let tone: Vec<&str> = row[15].split(',').collect();
    assert_eq!(tone.len(), 7);
    assert!(
        tone.iter().all(|v| is_float(v)),
        "all seven values: {tone:?}"
    );
    let value = |i: usize| tone[i].parse::<f64>().unwrap();
    assert!(value(2) > 0.0, "'killed', 'wounded' are negative words");
    assert!(
        (value(0) - (value(1) - value(2))).abs() < 1e-4
            && (value(3) - (value(1) + value(2))).abs() < 1e-4
    );
    assert!(value(5) > 0.0, "'We' is a self/group reference");
    assert!(is_uint(tone[6]));

    // V2.1ENHANCEDDATES: Resolution#Month#Day#Year#Offset; decades are left out.
    let dates: Vec<Vec<&str>> = split_blocks(row[16], ';')
        .iter()
        .map(|b| b.split('#').collect())
        .collect();
    assert_eq!(dates.len(), 3);
    for d in &dates {
        assert_eq!(d.len(), 5);
        assert!(
            ["1", "2", "3", "4"].contains(&d[0]) && d[1..].iter().all(|f| is_uint(f)),
            "{d:?}"
        );
    }
    assert_eq!(dates[0][..4], ["3", "9", "13", "2022"]);
    assert!(at_char(body, dates[0][4], "13 September"));
    assert_eq!(dates[1][..4], ["2", "10", "0", "2022"]);
    assert_eq!(dates[2][..4], ["1", "0", "0", "2020"]);

    let gcam: Vec<(&str, &str)> = row[17]
        .split(',')
        .map(|kv| kv.split_once(':').unwrap())
        .collect();
    assert_eq!(gcam[0].0, "wc");
    assert_eq!(gcam[0].1, tone[6], "one word count");

    // V2.1QUOTATIONS: Offset|Length|Verb|Quote blocks, '#'-separated.
    let quotes = split_blocks(row[22], '#');
    assert_eq!(quotes.len(), 1);
    let q: Vec<&str> = quotes[0].split('|').collect();
    assert_eq!(q.len(), 4);
    assert!(is_uint(q[0]) && is_uint(q[1]));
    assert_eq!(q[1].parse::<usize>().unwrap(), q[3].chars().count());
    assert_eq!((q[2], q[3]), ("declared", "We will respond,"));
    assert!(at_char(body, q[0], q[3]));

    let all_names = check_name_offsets(row[23], body);
    assert!(all_names.len() >= 6 && all_names.contains(&"Jermuk".to_string()));

    for block in split_blocks(row[24], ';') {
        let f: Vec<&str> = block.split(',').collect();
        assert_eq!(f.len(), 3, "{block}");
        assert!(is_uint(f[0]) && is_uint(f[2]) && at_char(body, f[2], f[0]));
    }

    assert_eq!(
        row[26],
        "<SITREP_ID>rec-1</SITREP_ID><PAGE_TITLE>Shelling &lt;in&gt; Armenia &amp; Azerbaijan</PAGE_TITLE><PAGE_AUTHORS>A. Writer</PAGE_AUTHORS>"
    );
}

#[test]
fn gkg_survives_offsets_past_the_text_and_inside_characters() {
    let mut record = record();
    if let Some(counts) = record.counts.as_mut() {
        counts[0].start = 1 << 40;
    }
    let inside = record.text.find('ə').unwrap() + 1;
    record.dates.push(DateMention {
        text: "x".into(),
        value: "2022".into(),
        start: inside,
        end: inside,
    });
    record.text.push_str("\ttab\r\nbreak");
    let text = write(|out| export::gdelt_gkg(&[record], out));
    assert_eq!(text.lines().count(), 1);
    assert_eq!(text.trim_end_matches('\n').split('\t').count(), 27);
}

// ---------- ACLED ----------

#[test]
fn acled_csv_has_acleds_31_columns_and_vocabulary() {
    let events = events();
    let text = write(|out| export::acled(&events, out));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "event_id_cnty",
            "event_date",
            "year",
            "time_precision",
            "disorder_type",
            "event_type",
            "sub_event_type",
            "actor1",
            "assoc_actor_1",
            "inter1",
            "actor2",
            "assoc_actor_2",
            "inter2",
            "interaction",
            "civilian_targeting",
            "iso",
            "region",
            "country",
            "admin1",
            "admin2",
            "admin3",
            "location",
            "latitude",
            "longitude",
            "geo_precision",
            "source",
            "source_scale",
            "notes",
            "fatalities",
            "tags",
            "timestamp"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.iter().all(|r| r.len() == 31));
    let column = |row: &csv::StringRecord, name: &str| {
        row[headers.iter().position(|h| h == name).unwrap()].to_string()
    };
    let types: Vec<(String, String)> = rows
        .iter()
        .map(|r| (column(r, "event_type"), column(r, "sub_event_type")))
        .collect();
    let types: Vec<(&str, &str)> = types
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        types,
        [
            (
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack"
            ),
            ("Strategic developments", "Agreement"),
            ("Protests", "Peaceful protest"),
            ("Battles", "Armed clash"),
        ],
        "talks (CONSULT) are outside ACLED's scope; an undated event has no ACLED date"
    );
    let shelling = &rows[0];
    let get = |name: &str| column(shelling, name);
    assert_eq!(
        (
            get("event_id_cnty"),
            get("event_date"),
            get("year"),
            get("time_precision")
        ),
        (
            "ARM1".into(),
            "2022-09-13".into(),
            "2022".into(),
            "1".into()
        )
    );
    assert_eq!(get("disorder_type"), "Political violence");
    assert_eq!(
        (get("actor1"), get("inter1")),
        ("Military Forces of Azerbaijan".into(), "1".into())
    );
    assert_eq!(
        (get("actor2"), get("inter2"), get("interaction")),
        ("Military Forces of Armenia".into(), "1".into(), "11".into())
    );
    assert_eq!(
        (get("iso"), get("region"), get("country")),
        (
            "51".into(),
            "Caucasus and Central Asia".into(),
            "Armenia".into()
        )
    );
    assert_eq!(
        (get("admin1"), get("location"), get("geo_precision")),
        ("Vayots Dzor".into(), "Jermuk".into(), "1".into())
    );
    assert_eq!(
        (get("latitude"), get("longitude"), get("fatalities")),
        ("39.8414".into(), "45.6703".into(), "49".into())
    );
    assert_eq!(get("notes"), "Evidence sentence spanning lines.");
    assert_eq!(get("source"), "example.org; news.example.com");
    assert!(
        get("timestamp")
            .parse::<i64>()
            .is_ok_and(|t| t > 1_600_000_000)
    );

    let ceasefire = &rows[1];
    assert_eq!(
        (
            column(ceasefire, "event_date"),
            column(ceasefire, "time_precision")
        ),
        ("2022-09-15".into(), "3".into())
    );
    assert_eq!(
        column(ceasefire, "geo_precision"),
        "3",
        "a country-level place"
    );
    assert_eq!(column(ceasefire, "disorder_type"), "Strategic developments");
    let protest = &rows[2];
    assert_eq!(
        (
            column(protest, "actor1"),
            column(protest, "inter1"),
            column(protest, "interaction")
        ),
        ("Protesters (Japan)".into(), "6".into(), "60".into())
    );
    assert_eq!(column(protest, "disorder_type"), "Demonstrations");
    let clash = &rows[3];
    assert_eq!(
        column(clash, "actor1"),
        "Unidentified Armed Group",
        "an attack by no one named"
    );
    assert_eq!(
        column(clash, "fatalities"),
        "0",
        "no figure reported: 0, as ACLED writes it"
    );
    for row in &rows {
        for cell in [column(row, "actor1"), column(row, "actor2")] {
            let is_code =
                cell.len() >= 3 && cell.chars().all(|c| c.is_ascii_uppercase() || c == '-');
            assert!(!is_code, "a CAMEO code where ACLED has a name: {cell}");
        }
    }
}

#[test]
fn disease_deaths_are_not_battles() {
    let mut outbreak = event(20, "ASSAULT", Some("190"));
    outbreak.source = actor("World Health Organization", "IGOUNOHLHWHO", "CHE");
    outbreak.fatalities = Some(109);
    assert_eq!(export::acled_category(&outbreak), None);
    let text = write(|out| export::acled(&[outbreak], out));
    assert_eq!(text.lines().count(), 1, "the header alone");
}

#[test]
fn acled_mapping_by_mode_and_code() {
    let category = |plover: &str, cameo: Option<&str>, mode: Option<&str>| {
        let mut e = event(9, plover, cameo);
        e.mode = mode.map(Into::into);
        // An armed perpetrator: what decides the category here is the code and the mode.
        e.source = actor("Armed forces", "AZEMIL", "AZE");
        export::acled_category(&e)
    };
    let remote = "Explosions/Remote violence";
    assert_eq!(
        category("ASSAULT", Some("195"), Some("heavy-weapons")),
        Some((remote, "Air/drone strike"))
    );
    assert_eq!(
        category("ASSAULT", Some("19"), Some("drone")),
        Some((remote, "Air/drone strike"))
    );
    assert_eq!(
        category("ASSAULT", Some("1831"), None),
        Some((remote, "Suicide bomb"))
    );
    assert_eq!(
        category("ASSAULT", Some("1833"), None),
        Some((remote, "Remote explosive/landmine/IED"))
    );
    assert_eq!(
        category("ASSAULT", Some("193"), Some("firearms")),
        Some(("Battles", "Armed clash"))
    );
    assert_eq!(
        category("ASSAULT", Some("181"), None),
        Some((
            "Violence against civilians",
            "Abduction/forced disappearance"
        ))
    );
    assert_eq!(
        category("ASSAULT", Some("202"), None),
        Some(("Violence against civilians", "Attack"))
    );
    assert_eq!(
        category("PROTEST", Some("145"), None),
        Some(("Riots", "Violent demonstration"))
    );
    assert_eq!(
        category("COERCE", Some("173"), Some("arrest")),
        Some(("Strategic developments", "Arrests"))
    );
    assert_eq!(
        category("AGREE", Some("057"), None),
        Some(("Strategic developments", "Agreement"))
    );
    assert_eq!(category("ACCUSE", Some("112"), None), None);
}

// ---------- GeoJSON ----------

#[test]
fn geojson_is_a_feature_collection_of_points() {
    let events = events();
    let text = write(|out| export::geojson(&events, out));
    let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(json["type"], "FeatureCollection");
    let features = json["features"].as_array().unwrap();
    let placed: Vec<&MergedEvent> = events.iter().filter(|e| e.place.is_some()).collect();
    assert_eq!(
        features.len(),
        placed.len(),
        "events without a place are left out"
    );
    for (feature, event) in features.iter().zip(placed) {
        let place = event.place.as_ref().unwrap();
        assert_eq!(feature["type"], "Feature");
        assert_eq!(feature["geometry"]["type"], "Point");
        assert_eq!(
            feature["geometry"]["coordinates"],
            serde_json::json!([place.lon, place.lat]),
            "[lon, lat]"
        );
        assert_eq!(feature["properties"]["id"], event.id);
        assert_eq!(
            feature["properties"]["cameo"],
            serde_json::json!(event.cameo)
        );
    }
    assert_eq!(features[0]["properties"]["goldstein"].to_string(), "-10.0");
    assert_eq!(
        features[0]["properties"]["tone"].to_string(),
        "-4.2",
        "f32 written in its short form"
    );
    let empty = write(|out| export::geojson(&[], out));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&empty).unwrap()["features"],
        serde_json::json!([])
    );
}

// ---------- JSONL ----------

#[test]
fn jsonl_round_trips_merged_events() {
    let events = events();
    let text = write(|out| export::jsonl(&events, out));
    let back: Vec<MergedEvent> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(back, events);
}

// ---------- Parquet ----------

#[cfg(feature = "parquet")]
#[test]
fn parquet_round_trips_rows_and_columns() {
    use arrow_array::{Array, Date32Array, Int64Array, StringArray};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let events = events();
    let mut buffer = Vec::new();
    export::parquet(&events, &mut buffer).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::from(buffer)).unwrap();
    let compression = builder.metadata().row_group(0).column(0).compression();
    assert_eq!(compression, parquet::basic::Compression::SNAPPY);
    let reader = builder.build().unwrap();
    let batches: Vec<_> = reader.map(Result::unwrap).collect();
    assert_eq!(
        batches.iter().map(|b| b.num_rows()).sum::<usize>(),
        events.len()
    );
    let batch = &batches[0];
    assert_eq!(batch.schema().fields(), export::parquet_schema().fields());
    let column = |name: &str| batch.column_by_name(name).unwrap().clone();
    let ids = column("id");
    let ids = ids.as_any().downcast_ref::<Int64Array>().unwrap();
    assert_eq!(
        ids.values().to_vec(),
        events.iter().map(|e| e.id).collect::<Vec<_>>()
    );
    let cameo = column("cameo");
    let cameo = cameo.as_any().downcast_ref::<StringArray>().unwrap();
    assert_eq!(
        cameo.value(1),
        "0871",
        "codes stay strings with their leading zero"
    );
    assert!(cameo.is_null(5));
    let fatalities = column("fatalities");
    let fatalities = fatalities.as_any().downcast_ref::<Int64Array>().unwrap();
    assert_eq!((fatalities.value(0), fatalities.is_null(1)), (49, true));
    let dates = column("date");
    let dates = dates
        .as_any()
        .downcast_ref::<Date32Array>()
        .expect("a DATE column");
    let precision = column("date_precision");
    let precision = precision.as_any().downcast_ref::<StringArray>().unwrap();
    // 2022-09-13 is day 19248 since 1970-01-01; the month-only ceasefire starts on the 1st.
    assert_eq!((dates.value(0), precision.value(0)), (19_248, "day"));
    assert_eq!((dates.value(1), precision.value(1)), (19_236, "month"));
    assert!(dates.is_null(5) && precision.is_null(5), "undated");
}

#[test]
fn formats_parse_by_name() {
    for format in Format::ALL {
        assert_eq!(format.name().parse::<Format>(), Ok(format));
    }
    assert_eq!("GDELT_EVENTS".parse::<Format>(), Ok(Format::GdeltEvents));
    assert!(
        "xml"
            .parse::<Format>()
            .unwrap_err()
            .to_string()
            .contains("gdelt-gkg")
    );
}

#[test]
fn write_dispatches_every_format() {
    let events = events();
    for format in Format::ALL {
        let mut out = Vec::new();
        let result = export::write(format, &events, &[record()], &mut out);
        if format == Format::Parquet && cfg!(not(feature = "parquet")) {
            assert!(result.is_err());
        } else {
            result.unwrap();
            assert!(!out.is_empty(), "{format}");
        }
    }
}
