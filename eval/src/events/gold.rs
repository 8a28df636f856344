//! Readers for the event-coding gold sets: PETRARCH validation XML (unit tests and the GSR
//! validation file), the PLOVER gold-standard records (JSON), and the CAMEO → PLOVER table.

use anyhow::{Context, Result};
use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::LazyLock;

/// One gold sentence and what should be coded from it (nothing for `noevents` records).
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    pub id: String,
    pub category: String,
    /// ISO date (`1995-01-01`), when the record has one.
    pub date: Option<String>,
    pub text: String,
    pub gold: Vec<GoldEvent>,
}

/// A gold coding: a CAMEO code ("0871") or a PLOVER type ("ASSAULT"), and the actor codes
/// that satisfy its source and target (several when the gold lists several actors; none when
/// the gold leaves the slot empty).
#[derive(Debug, Clone, PartialEq)]
pub struct GoldEvent {
    pub code: String,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
}

static COMMENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<!--.*?-->").unwrap());
// `<Sentence …>` or the GSR file's self-closed `<Sentence …/>`; never `<Sentences>`.
static SENTENCE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<Sentence\s([^>]*?)/?>").unwrap());
static CODING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<EventCoding\s([^>]*?)/?>").unwrap());
static TEXT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?s)<Text>(.*?)</Text>").unwrap());
static ATTRIBUTE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(\w+)\s*=\s*"([^"]*)""#).unwrap());

/// The `<Sentence>` records of a PETRARCH validation file. Read with regexes, not as XML: the
/// GSR file self-closes `<Sentence …/>` and then puts its codings and text after it, so a
/// record runs from one `<Sentence` to the next. Records without text are skipped.
pub fn read_petrarch_xml(xml: &str) -> Vec<Case> {
    let xml = COMMENT.replace_all(xml, "");
    let starts: Vec<_> = SENTENCE.captures_iter(&xml).collect();
    let mut cases = Vec::new();
    for (n, caps) in starts.iter().enumerate() {
        let (Some(whole), Some(attrs)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let end = starts
            .get(n + 1)
            .and_then(|c| c.get(0))
            .map_or(xml.len(), |m| m.start());
        let body = &xml[whole.end()..end];
        let attrs = attributes(attrs.as_str());
        let Some(text) = TEXT.captures(body).and_then(|c| c.get(1)) else {
            continue;
        };
        let gold = CODING
            .captures_iter(body)
            .filter_map(|c| {
                let a = attributes(c.get(1)?.as_str());
                let code = a.get("eventcode")?.trim().to_string();
                let slot = |k: &str| {
                    a.get(k)
                        .map(|s| s.trim())
                        .filter(|s| !s.is_empty() && *s != "---")
                        .map(str::to_string)
                };
                Some(GoldEvent {
                    code,
                    sources: slot("sourcecode").into_iter().collect(),
                    targets: slot("targetcode").into_iter().collect(),
                })
            })
            .collect();
        cases.push(Case {
            id: attrs.get("id").cloned().unwrap_or_else(|| format!("#{n}")),
            category: attrs.get("category").cloned().unwrap_or_default(),
            date: attrs.get("date").and_then(|d| iso_date(d)),
            text: unescape(
                &text
                    .as_str()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            gold,
        });
    }
    cases
}

fn attributes(s: &str) -> HashMap<String, String> {
    ATTRIBUTE
        .captures_iter(s)
        .map(|c| (c[1].to_string(), unescape(&c[2])))
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// `19950101` → `1995-01-01`.
fn iso_date(d: &str) -> Option<String> {
    let d = d.trim();
    (d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..]))
}

/// PLOVER 0.5 type names as today's PLOVER calls them (the GSR predates the renaming).
pub fn current_plover(name: &str) -> String {
    let name = name.trim().to_ascii_uppercase();
    match name.as_str() {
        "DEMAND" => "REQUEST".to_string(),
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE".to_string(),
        "FIGHT" => "ASSAULT".to_string(),
        _ => name,
    }
}

/// The PLOVER gold-standard records: a JSON array whose first record is a `DOCUMENT` header;
/// each other record has `text`, `event` (a PLOVER 0.5 type) and `source`/`target` (a list of
/// `{actorText, code, sector}`, or ""). Actor codes are `code` + `sector` ("USA" + "GOV");
/// the country-level score compares the first three letters only.
pub fn read_plover_gsr(json: &str) -> Result<Vec<Case>> {
    let records: Vec<Value> = serde_json::from_str(json).context("PLOVER GSR: not a JSON array")?;
    let mut cases = Vec::new();
    for (n, r) in records.iter().enumerate() {
        let event = match &r["event"] {
            Value::String(s) => s.clone(),
            Value::Array(a) => a
                .first()
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            _ => String::new(),
        };
        let text = r["text"].as_str().unwrap_or_default().trim();
        if event.is_empty() || event.eq_ignore_ascii_case("DOCUMENT") || text.is_empty() {
            continue;
        }
        let id = match &r["id"] {
            Value::String(s) => s.clone(),
            Value::Number(x) => x.to_string(),
            _ => format!("#{n}"),
        };
        let date = r["date"].as_str().and_then(|d| {
            let d = d.get(..10)?;
            (d.len() == 10).then(|| d.to_string())
        });
        let event = current_plover(&event);
        cases.push(Case {
            id,
            category: event.clone(),
            date,
            text: text.to_string(),
            gold: vec![GoldEvent {
                code: event,
                sources: plover_actors(&r["source"]),
                targets: plover_actors(&r["target"]),
            }],
        });
    }
    Ok(cases)
}

fn plover_actors(v: &Value) -> Vec<String> {
    let list = match v {
        Value::Array(a) => a.as_slice(),
        Value::Object(_) => std::slice::from_ref(v),
        _ => return Vec::new(),
    };
    list.iter()
        .filter_map(|a| {
            let code = a["code"].as_str()?.trim();
            let sector = a["sector"].as_str().unwrap_or_default().trim();
            (!code.is_empty() && code != "---")
                .then(|| format!("{code}{sector}").to_ascii_uppercase())
        })
        .collect()
}

/// CAMEO code → PLOVER type, from `CAMEO2PLOVER-2021.txt` (`0311: AGREE,  , economic # …`).
/// Codes the table leaves out (roots 01, 02) map to nothing; a code missing from the table
/// takes its nearest listed parent ("0871" → "087" → "08"). Root 08 is listed twice
/// (CONCEDE, RETREAT); the first line holds for the bare root.
#[derive(Debug, Default)]
pub struct CameoToPlover(HashMap<String, String>);

impl CameoToPlover {
    pub fn read(text: &str) -> CameoToPlover {
        let mut map = HashMap::new();
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or("");
            let Some((code, rest)) = line.split_once(':') else {
                continue;
            };
            let code = code.trim();
            let plover = rest.split(',').next().unwrap_or("").trim();
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) || plover.is_empty() {
                continue;
            }
            map.entry(code.to_string())
                .or_insert_with(|| plover.to_string());
        }
        CameoToPlover(map)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn plover(&self, cameo: &str) -> Option<&str> {
        let cameo = cameo.trim();
        (2..=cameo.len())
            .rev()
            .find_map(|n| self.0.get(cameo.get(..n)?))
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn petrarch_records_self_closed_or_not() {
        let xml = r#"<Sentences><!-- <Sentence id="commented"> -->
<Sentence category="AFP" date="20080804" id="A_1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />
<Text>
The US leader &amp; friends
went to Beijing.
</Text>
<Parse>1 The</Parse>
</Sentence>
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding noevents="True"></EventCoding>
<Text> Arnor sleeps. </Text>
</Sentence></Sentences>"#;
        let cases = read_petrarch_xml(xml);
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].id, "A_1");
        assert_eq!(cases[0].date.as_deref(), Some("2008-08-04"));
        assert_eq!(cases[0].text, "The US leader & friends went to Beijing.");
        assert_eq!(
            cases[0].gold,
            vec![GoldEvent {
                code: "042".into(),
                sources: vec!["USA".into()],
                targets: vec!["CHN".into()]
            }]
        );
        assert_eq!(cases[1].category, "DEMO");
        assert!(cases[1].gold.is_empty(), "noevents means no gold event");
    }

    #[test]
    fn plover_gsr_records() {
        let json = r#"[{"id": "0", "event": "DOCUMENT", "text": "header"},
            {"id": "1", "date": "2000-01-01", "event": "DEMAND", "text": "Arnor demanded that Gondor withdraw.",
             "source": [{"actorText": "Arnor", "code": "ARN", "sector": "GOV"}], "target": ""},
            {"id": "2", "event": "FIGHT", "text": "Rebels clashed with troops.",
             "source": [{"actorText": "Rebels", "code": "ARN"}, {"actorText": "x", "code": ""}], "target": [{"actorText": "troops", "code": "GON", "sector": "MIL"}]}]"#;
        let cases = read_plover_gsr(json).unwrap();
        assert_eq!(cases.len(), 2, "the DOCUMENT header is no case");
        assert_eq!(cases[0].gold[0].code, "REQUEST");
        assert_eq!(cases[0].gold[0].sources, ["ARNGOV"]);
        assert!(cases[0].gold[0].targets.is_empty());
        assert_eq!(cases[1].gold[0].code, "ASSAULT");
        assert_eq!(cases[1].gold[0].sources, ["ARN"]);
        assert_eq!(cases[1].gold[0].targets, ["GONMIL"]);
        assert!(read_plover_gsr("{not json").is_err());
    }

    #[test]
    fn cameo_to_plover_falls_back_to_parents() {
        let t = CameoToPlover::read(
            "# header\n08: CONCEDE\n08: RETREAT\n087: RETREAT, ceasefire, military # De-escalate\n\
            19: ASSAULT\n0311: AGREE,  ,   economic # x\n",
        );
        assert_eq!(t.plover("0871"), Some("RETREAT"));
        assert_eq!(t.plover("081"), Some("CONCEDE"));
        assert_eq!(t.plover("190"), Some("ASSAULT"));
        assert_eq!(t.plover("010"), None);
        assert_eq!(t.plover(""), None);
    }
}
