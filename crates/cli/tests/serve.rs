//! `sitrep serve`'s API against a real server process over a database made by `sitrep ingest`
//! from three wire reports of one attack: what the page reads must agree with itself (pages,
//! totals, points, timeline) and every mistake must be a JSON error with the right status.

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

const SAMPLE: &str = "../../data/samples/armenia-azerbaijan-2022-09-13.txt";
const YEREVAN: &str = "../store/tests/fixtures/yerevan-2022-09-13.txt";
const BAKU: &str = "../store/tests/fixtures/baku-2022-09-14.txt";

fn sitrep() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn ingest(db: &Path, published: &str, file: &str) {
    let status = sitrep()
        .args(["ingest", "--quiet", "--published", published, file, "--db"])
        .arg(db)
        .status()
        .expect("run sitrep ingest");
    assert!(status.success(), "ingest {file}");
}

/// A running `sitrep serve`, stopped on drop (also when an assertion fails).
struct Server {
    child: Child,
    base: String,
    agent: ureq::Agent,
}

impl Server {
    fn start(db: &Path) -> Server {
        let mut child = sitrep()
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(db)
            .stderr(Stdio::piped())
            .spawn()
            .expect("run sitrep serve");
        let mut line = String::new();
        BufReader::new(child.stderr.take().expect("stderr"))
            .read_line(&mut line)
            .expect("read the serving line");
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Server {
            child,
            base: url.trim_end_matches('/').to_string(),
            agent: ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .into(),
        }
    }

    /// Status, content type and body of GET `path`.
    fn get(&self, path: &str) -> (u16, String, String) {
        let mut response = self
            .agent
            .get(format!("{}{path}", self.base))
            .call()
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let body = response.body_mut().read_to_string().expect("body");
        (response.status().as_u16(), content_type, body)
    }

    /// GET `path`, expecting `status` and a JSON body.
    fn json(&self, path: &str, status: u16) -> Value {
        let (got, content_type, body) = self.get(path);
        assert_eq!(got, status, "GET {path}: {body}");
        assert!(
            content_type.starts_with("application/json"),
            "GET {path}: {content_type}"
        );
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {path}: {e}: {body}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn database() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("serve.db");
    ingest(&db, "2022-09-13", SAMPLE);
    ingest(&db, "2022-09-13", YEREVAN);
    ingest(&db, "2022-09-14", BAKU);
    (dir, db)
}

fn ids(events: &Value) -> Vec<i64> {
    events
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["id"].as_i64().expect("id"))
        .collect()
}

#[test]
fn the_api_agrees_with_itself_and_with_the_cli() {
    let (_dir, db) = database();
    let server = Server::start(&db);

    let all = server.json("/api/events?limit=1000", 200);
    let total = all["total"].as_u64().unwrap();
    let everything = ids(&all["events"]);
    assert!(
        total >= 5,
        "the three reports hold several events, got {total}"
    );
    assert_eq!(everything.len() as u64, total);

    // The CLI prints the same events, in the same order, with the same fields.
    let cli = sitrep()
        .args(["events", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    let printed: Vec<Value> = String::from_utf8(cli.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&Value::Array(printed), &all["events"]);

    // Pages of three put together are the whole list, with the same total on each.
    let mut paged = Vec::new();
    for offset in (0..total).step_by(3) {
        let page = server.json(&format!("/api/events?limit=3&offset={offset}"), 200);
        assert_eq!(page["total"], total);
        assert_eq!(page["offset"], offset);
        paged.extend(ids(&page["events"]));
    }
    assert_eq!(paged, everything);
    // A page past the end is empty and still tells the whole total.
    let past = server.json(&format!("/api/events?limit=3&offset={}", total + 5), 200);
    assert_eq!(past["total"], total);
    assert!(past["events"].as_array().unwrap().is_empty(), "{past}");

    // The attack on Jermuk, reported three times, is one event with three articles.
    let assaults = server.json("/api/events?type=assault&actor=AZE", 200);
    let jermuk = assaults["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["place"]["name"] == "Jermuk")
        .expect("an assault at Jermuk");
    assert_eq!(jermuk["num_articles"], 3, "{jermuk}");
    let id = jermuk["id"].as_i64().unwrap();
    assert_eq!(&server.json(&format!("/api/events/{id}"), 200), jermuk);

    // Points: one per placed event, and nearness narrows them.
    let placed: Vec<i64> = all["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !e["place"].is_null())
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    let points = server.json("/api/points", 200);
    let mut point_ids = ids(&points["points"]);
    point_ids.sort();
    let mut expected = placed.clone();
    expected.sort();
    assert_eq!(point_ids, expected);
    assert_eq!(points["total"], placed.len());
    let near = server.json("/api/points?near=39.84,45.67,20", 200);
    assert!(ids(&near["points"]).contains(&id));
    let far = server.json("/api/points?near=-33.9,151.2,500", 200);
    assert_eq!(far["total"], 0, "nothing happened near Sydney: {far}");

    // The timeline counts every event once: by day, or as undated.
    let timeline = server.json("/api/timeline", 200);
    let by_day: u64 = timeline["days"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["counts"].as_object().unwrap().values())
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(by_day + timeline["undated"].as_u64().unwrap(), total);
    let days: Vec<&str> = timeline["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert!(
        days.windows(2).all(|w| w[0] < w[1]),
        "days ascending: {days:?}"
    );
    assert!(days.contains(&"2022-09-13"), "{days:?}");

    // Text: events whose reports mention a word; the filters combine.
    let shelled = server.json("/api/events?q=Jermuk&type=ASSAULT", 200);
    assert!(ids(&shelled["events"]).contains(&id));
    let none = server.json("/api/events?q=zeppelin", 200);
    assert_eq!(none["total"], 0);
    // A word every report has: small pages read the events in date order and test each (a
    // dense match), the whole list fetches them by id; both give the same events and total.
    let armenia = server.json("/api/events?q=Armenia&limit=1000", 200);
    let whole = ids(&armenia["events"]);
    assert!(whole.len() >= 3, "{armenia}");
    let mut paged = Vec::new();
    for offset in 0..whole.len() {
        let page = server.json(
            &format!("/api/events?q=Armenia&limit=1&offset={offset}"),
            200,
        );
        assert_eq!(page["total"], armenia["total"]);
        paged.extend(ids(&page["events"]));
    }
    assert_eq!(paged, whole);

    // The article, its entities and the search.
    let article_id = jermuk["articles"][0].as_str().unwrap();
    let article = server.json(&format!("/api/articles/{article_id}"), 200);
    assert_eq!(article["id"], article_id);
    let text = article["text"].as_str().unwrap();
    let evidence = jermuk["evidence"].as_array().unwrap();
    assert!(
        evidence
            .iter()
            .filter(|e| e["article"] == article_id)
            .all(|e| text.contains(e["text"].as_str().unwrap())),
        "the event's evidence from {article_id} is in its text"
    );
    let entities = server.json("/api/entities?kind=person&q=blinken", 200);
    assert!(
        entities["entities"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["kind"] == "person" && e["name"].as_str().unwrap().contains("Blinken")),
        "{entities}"
    );
    assert!(!entities["entities"].as_array().unwrap().is_empty());
    let hits = server.json("/api/search?q=Jermuk", 200);
    assert!(!hits["hits"].as_array().unwrap().is_empty());
}

#[test]
fn mistakes_are_json_errors_that_say_what_is_wrong() {
    let (_dir, db) = database();
    let server = Server::start(&db);
    let cases = [
        ("/api/events?type=BOMBING", 400, "ASSAULT"),
        ("/api/events?since=2022-13-01", 400, "since"),
        ("/api/events?until=yesterday", 400, "until"),
        ("/api/events?near=40,45", 400, "near"),
        ("/api/events?limit=100000", 400, "at most 1000"),
        ("/api/events?offset=-1", 400, "offset"),
        ("/api/events?q=%22unbalanced", 400, "malformed search query"),
        ("/api/events/abc", 400, "number"),
        ("/api/events/999999", 404, "no event"),
        ("/api/articles/no-such-article", 404, "no article"),
        ("/api/entities?kind=animal", 400, "person"),
        ("/api/search", 400, "q"),
        ("/api/nothing/here", 404, "openapi"),
    ];
    for (path, status, says) in cases {
        let error = server.json(path, status);
        let message = error["error"].as_str().unwrap_or_default();
        assert!(
            message.contains(says),
            "GET {path}: {message:?} should say {says:?}"
        );
    }
    // A quote or an apostrophe is a value, never SQL.
    let quoted = server.json("/api/events?actor=%27%20OR%201%3D1%20--", 200);
    assert_eq!(quoted["total"], 0, "{quoted}");
    let like = server.json("/api/events?actor=%25", 200);
    assert_eq!(
        like["total"], 0,
        "a % is a character to find, not a wildcard: {like}"
    );
}

#[test]
fn every_path_the_openapi_description_names_answers() {
    let (_dir, db) = database();
    let server = Server::start(&db);
    let spec = server.json("/api/openapi.json", 200);
    let event = server.json("/api/events?limit=1", 200)["events"][0].clone();
    let paths = spec["paths"].as_object().unwrap();
    assert!(paths.len() >= 9, "{:?}", paths.keys());
    for path in paths.keys() {
        let concrete = path
            .replace("{id}", &event["id"].to_string())
            .replace("/api/articles/{id}", "");
        let concrete = if path == "/api/articles/{id}" {
            format!("/api/articles/{}", event["articles"][0].as_str().unwrap())
        } else if path == "/api/search" {
            format!("{concrete}?q=Armenia")
        } else {
            concrete
        };
        server.json(&concrete, 200);
    }
    // The page and its files, with a policy that forbids scripts from anywhere else.
    let (status, content_type, body) = server.get("/");
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/html"));
    assert!(body.contains("app.js"));
    for file in ["/app.js", "/style.css", "/world.json"] {
        assert_eq!(server.get(file).0, 200, "{file}");
    }
    assert_eq!(server.get("/no-such-file").0, 404);
    let response = server
        .agent
        .get(format!("{}/", server.base))
        .call()
        .unwrap();
    let policy = response.headers().get("content-security-policy").unwrap();
    assert!(policy.to_str().unwrap().contains("script-src 'self'"));
}

#[test]
fn a_missing_database_is_an_error_not_an_empty_server() {
    let dir = tempfile::tempdir().unwrap();
    let output = sitrep()
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(dir.path().join("typo.db"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no database at"), "{stderr}");
}

#[test]
fn answers_kept_in_memory_follow_an_ingest_into_the_served_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("growing.db");
    ingest(&db, "2022-09-13", SAMPLE);
    let server = Server::start(&db);
    let before = server.json("/api/events?limit=1000", 200);
    // Asked twice: the second answer comes from memory and must be the same.
    assert_eq!(server.json("/api/events?limit=1000", 200), before);
    // Another process commits to the database the server has open.
    ingest(&db, "2022-09-13", YEREVAN);
    let after = server.json("/api/events?limit=1000", 200);
    assert!(
        after["total"].as_u64() > before["total"].as_u64() || after["events"] != before["events"],
        "the Yerevan report adds or merges events: the kept answer must not be served"
    );
    let articles = server.json("/api/summary", 200)["articles"]
        .as_u64()
        .unwrap();
    assert_eq!(articles, 2);
}
