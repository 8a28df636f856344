//! `sitrep serve` in a real browser: headless Chromium, driven over the DevTools protocol,
//! opens the page on a database built from the bundled samples plus one hostile article, and
//! checks what a user sees: map markers that add up to the API's count, timeline bars, an
//! event opened by a mouse click, the wire story with its people and quotes highlighted, and
//! markup in a scraped title and text shown as text, never run. Screenshots of each step go to
//! `target/browser-test/`.
//!
//! Without Chromium (`/usr/bin/chromium`, `chromium` on PATH, or `SITREP_CHROMIUM`) the test
//! says so on stderr and passes, so `cargo test` works on machines that lack it.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long anything may take: a page that never settles fails here instead of hanging.
const WAIT: Duration = Duration::from_secs(20);

const HOSTILE_TITLE: &str =
    "<script>window.__pwned=1</script> Attack <img src=x onerror=\"window.__pwned=2\">";

const HOSTILE_TEXT: &str = "Rebels attacked the town of Goma on Monday, killing 12 people. \
    <script>window.__pwned=3</script> The army said <img src=x onerror=window.__pwned=4> it \
    repelled them after hours of fighting. Residents of Goma said the rebels shelled the \
    market and burned houses. The governor of North Kivu condemned the attack.";

/// The browser to drive: `SITREP_CHROMIUM` if set (a path that does not exist means none),
/// else Debian's `/usr/bin/chromium`, else `chromium` on PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("SITREP_CHROMIUM") {
        let path = PathBuf::from(path);
        return path.is_file().then_some(path);
    }
    let debian = Path::new("/usr/bin/chromium");
    if debian.is_file() {
        return Some(debian.to_path_buf());
    }
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join("chromium"))
        .find(|path| path.is_file())
}

/// `target/browser-test/`: beside the binary under test (`TARGET/debug/sitrep`), so in the
/// directory `CARGO_TARGET_DIR` names or else the workspace's `target/`.
fn screenshot_dir() -> PathBuf {
    let target = Path::new(env!("CARGO_BIN_EXE_sitrep"))
        .parent()
        .and_then(Path::parent)
        .map_or_else(
            || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"),
            Path::to_path_buf,
        );
    let dir = target.join("browser-test");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
    dir
}

// ---------------------------------------------------------------------------------------------
// Child processes

/// A child process that is killed when this is dropped, also while a failed assertion unwinds.
struct Running {
    child: Child,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `command` with its stderr read on a thread of its own (so the pipe never fills), and
/// returns the first stderr line for which `wanted` gives something, within `WAIT`.
fn start<T>(mut command: Command, what: &str, wanted: impl Fn(&str) -> Option<T>) -> (Running, T) {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {what}: {e}"));
    let stderr = child.stderr.take().expect("piped stderr");
    let running = Running { child };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            // The receiver stops listening once it has its line; the rest is drained unread.
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + WAIT;
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => {
                if let Some(found) = wanted(&line) {
                    return (running, found);
                }
                seen.push(line);
            }
            Err(mpsc::RecvTimeoutError::Timeout) => panic!(
                "{what} did not say where it listens within {WAIT:?}; its stderr:\n{}",
                seen.join("\n")
            ),
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!(
                "{what} ended before saying where it listens; its stderr:\n{}",
                seen.join("\n")
            ),
        }
    }
}

/// `sitrep serve` on a free port; its base URL (`http://127.0.0.1:PORT/`).
fn serve(db: &Path) -> (Running, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_sitrep"));
    command
        .arg("serve")
        .arg("--db")
        .arg(db)
        .args(["--addr", "127.0.0.1:0"]);
    start(command, "sitrep serve", |line| {
        let rest = line.split(" on http://").nth(1)?;
        let addr = rest.split('/').next()?;
        line.starts_with("sitrep: serving")
            .then(|| format!("http://{addr}/"))
    })
}

fn get(url: &str) -> Value {
    let mut answer = ureq::get(url)
        .call()
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let body = answer
        .body_mut()
        .read_to_string()
        .unwrap_or_else(|e| panic!("GET {url}: reading the body: {e}"));
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("GET {url}: not JSON ({e}): {body}"))
}

// ---------------------------------------------------------------------------------------------
// A small DevTools protocol client

type Socket = tungstenite::WebSocket<TcpStream>;

/// Headless Chromium with one page, driven over its DevTools WebSocket.
struct Browser {
    socket: Socket,
    next_id: u64,
    /// Uncaught exceptions and console errors of the page, for failure messages and the end.
    problems: Vec<String>,
    // Dropped after the socket: the browser is killed, then its profile removed.
    process: Running,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(binary: &Path) -> Browser {
        let profile = tempfile::tempdir().expect("a profile directory");
        let mut command = Command::new(binary);
        command
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args([
                "--window-size=1400,900",
                "--remote-debugging-port=0",
                "about:blank",
            ]);
        let (process, port) = start(command, "chromium", |line| {
            let rest = line.strip_prefix("DevTools listening on ws://")?;
            let host = rest.split('/').next()?;
            host.rsplit(':').next()?.parse::<u16>().ok()
        });
        let socket = connect_to_page(port);
        let mut browser = Browser {
            socket,
            next_id: 0,
            problems: Vec::new(),
            process,
            _profile: profile,
        };
        browser.call("Runtime.enable", json!({}));
        browser.call("Page.enable", json!({}));
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1400, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
        );
        browser
    }

    /// Sends one command and reads until its answer; events in between are noted or ignored.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({"id": id, "method": method, "params": params}).to_string();
        self.socket
            .send(tungstenite::Message::text(message))
            .unwrap_or_else(|e| panic!("sending {method}: {e}"));
        let deadline = Instant::now() + WAIT;
        loop {
            let message = match self.socket.read() {
                Ok(message) => message,
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    assert!(
                        Instant::now() < deadline,
                        "chromium did not answer {method} within {WAIT:?}"
                    );
                    continue;
                }
                Err(e) => panic!("reading chromium's answer to {method}: {e}"),
            };
            let tungstenite::Message::Text(text) = message else {
                continue;
            };
            let answer: Value = serde_json::from_str(text.as_str())
                .unwrap_or_else(|e| panic!("chromium sent something not JSON ({e}): {text}"));
            if answer["id"].as_u64() == Some(id) {
                if let Some(error) = answer.get("error") {
                    panic!("{method} failed: {error}");
                }
                return answer["result"].clone();
            }
            self.note_event(&answer);
        }
    }

    fn note_event(&mut self, event: &Value) {
        match event["method"].as_str() {
            Some("Runtime.exceptionThrown") => {
                let details = &event["params"]["exceptionDetails"];
                let text = details["exception"]["description"]
                    .as_str()
                    .or(details["text"].as_str())
                    .unwrap_or("?");
                self.problems.push(format!("uncaught exception: {text}"));
            }
            Some("Runtime.consoleAPICalled") if event["params"]["type"] == "error" => {
                let args: Vec<String> = event["params"]["args"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|a| match &a["value"] {
                        Value::String(s) => s.clone(),
                        Value::Null => a["description"].as_str().unwrap_or("").to_string(),
                        v => v.to_string(),
                    })
                    .collect();
                self.problems
                    .push(format!("console.error: {}", args.join(" ")));
            }
            _ => {}
        }
    }

    /// The value of a JavaScript expression in the page (promises are awaited).
    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "awaitPromise": true, "returnByValue": true}),
        );
        if let Some(details) = result.get("exceptionDetails") {
            panic!(
                "evaluating `{expression}` threw: {}",
                details["exception"]["description"]
                    .as_str()
                    .unwrap_or(&details.to_string())
            );
        }
        result["result"]["value"].clone()
    }

    /// Polls `expression` until it is true, for at most `WAIT`.
    fn wait_for(&mut self, expression: &str, what: &str) {
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if self.eval(expression) == Value::Bool(true) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let state = self.eval(
            "JSON.stringify({url: location.href, body: {...document.body.dataset}, \
             error: document.querySelector('#error') && !document.querySelector('#error').hidden \
               ? document.querySelector('#error-text').textContent : null})",
        );
        panic!(
            "waited {WAIT:?} for {what} (`{expression}`); the page: {}; its problems: {:?}",
            state.as_str().unwrap_or("?"),
            self.problems
        );
    }

    /// Waits until the page has loaded once and no fetch is in flight.
    fn wait_idle(&mut self, what: &str) {
        self.wait_for(
            "!!document.body && document.body.dataset.ready === '1' \
             && document.body.dataset.busy === '0'",
            what,
        );
    }

    /// Loads `url` as a new document and waits until it is ready and idle.
    fn goto(&mut self, url: &str) {
        // The old document would look ready too: mark it, and wait for a page without the mark.
        self.eval("window.__old_document = true");
        self.call("Page.navigate", json!({"url": url}));
        self.wait_for(
            "!window.__old_document && !!document.body && document.body.dataset.ready === '1' \
             && document.body.dataset.busy === '0'",
            &format!("{url} to load"),
        );
    }

    /// Opens `#KIND=ID` (the id percent-encoded as the page's links do), or with no `id` removes
    /// the hash, as a link would; waits until what that started has finished.
    fn open(&mut self, kind: &str, id: Option<&str>) {
        // The page's own hashchange listener was added first, so by the time this one runs the
        // page has started its fetches (data-busy > 0) and waiting for idle is meaningful.
        let changed = self.eval(&format!(
            "new Promise((done) => {{
               const id = {id};
               const hash = id === null ? '' : '#' + {kind} + '=' + encodeURIComponent(id);
               if (location.hash === hash) return done(false);
               window.addEventListener('hashchange', () => done(true), {{ once: true }});
               location.hash = hash;
             }})",
            id = json!(id),
            kind = json!(kind),
        ));
        assert_eq!(
            changed,
            Value::Bool(true),
            "the URL was at {kind} {id:?} already, so nothing would happen"
        );
        self.wait_idle(&format!("the page to settle after opening {kind} {id:?}"));
    }

    /// Clicks the first element matching `selector` with real mouse events at its centre,
    /// after scrolling it into view; fails if something else covers that point.
    fn click(&mut self, selector: &str) {
        let at = self.eval(&format!(
            "(() => {{
               const node = document.querySelector({sel});
               if (!node) return null;
               node.scrollIntoView({{ block: 'center' }});
               const r = node.getBoundingClientRect();
               const x = r.x + r.width / 2, y = r.y + r.height / 2;
               const top = document.elementFromPoint(x, y);
               return {{ x, y, hit: !!top && node.contains(top),
                        top: top ? top.outerHTML.slice(0, 120) : null }};
             }})()",
            sel = json!(selector)
        ));
        assert!(!at.is_null(), "nothing matches {selector} to click");
        assert_eq!(
            at["hit"],
            Value::Bool(true),
            "{selector} is covered at its centre by {}",
            at["top"]
        );
        self.click_at(at["x"].as_f64().unwrap(), at["y"].as_f64().unwrap());
    }

    /// A left click at a point of the viewport, as a mouse does it.
    fn click_at(&mut self, x: f64, y: f64) {
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
    }

    fn screenshot(&mut self, path: &Path) {
        use base64::Engine as _;
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}));
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().expect("screenshot data"))
            .expect("screenshot is base64");
        std::fs::write(path, png).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        eprintln!("browser test: screenshot {}", path.display());
    }

    fn count(&mut self, selector: &str) -> u64 {
        self.eval(&format!(
            "document.querySelectorAll({}).length",
            json!(selector)
        ))
        .as_u64()
        .expect("a count")
    }

    fn text(&mut self, selector: &str) -> String {
        let text = self.eval(&format!(
            "(document.querySelector({}) || {{}}).textContent",
            json!(selector)
        ));
        text.as_str()
            .unwrap_or_else(|| panic!("nothing matches {selector}"))
            .to_string()
    }

    fn texts(&mut self, selector: &str) -> Vec<String> {
        let texts = self.eval(&format!(
            "[...document.querySelectorAll({})].map((n) => n.textContent)",
            json!(selector)
        ));
        serde_json::from_value(texts).expect("a list of texts")
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Ask politely first, so the browser takes its helper processes down with it; `process`
        // kills it anyway when dropped right after this.
        let close = json!({"id": 0, "method": "Browser.close", "params": {}}).to_string();
        if self.socket.send(tungstenite::Message::text(close)).is_ok() {
            let deadline = Instant::now() + Duration::from_secs(3);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = self.process.child.try_wait() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

/// The WebSocket of the browser's page, found through `/json/list`.
fn connect_to_page(port: u16) -> Socket {
    let list = format!("http://127.0.0.1:{port}/json/list");
    let deadline = Instant::now() + WAIT;
    let url = loop {
        let page = ureq::get(&list)
            .call()
            .ok()
            .and_then(|mut answer| answer.body_mut().read_to_string().ok())
            .and_then(|body| serde_json::from_str::<Value>(&body).ok())
            .and_then(|targets| {
                targets
                    .as_array()?
                    .iter()
                    .find_map(|t| {
                        (t["type"] == "page").then(|| t["webSocketDebuggerUrl"].as_str())?
                    })
                    .map(str::to_string)
            });
        if let Some(url) = page {
            break url;
        }
        assert!(
            Instant::now() < deadline,
            "chromium listed no page at {list} within {WAIT:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    };
    let host = url
        .strip_prefix("ws://")
        .and_then(|rest| rest.split('/').next())
        .unwrap_or_else(|| panic!("not a ws:// URL: {url}"));
    let stream = TcpStream::connect(host).unwrap_or_else(|e| panic!("connecting to {host}: {e}"));
    let (socket, _) = tungstenite::client(url.as_str(), stream)
        .unwrap_or_else(|e| panic!("WebSocket handshake with {url}: {e}"));
    // From here on every read returns at least twice a second, so `call` can keep time.
    socket
        .get_ref()
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    socket.get_ref().set_write_timeout(Some(WAIT)).unwrap();
    socket
}

// ---------------------------------------------------------------------------------------------
// The test

/// The bundled samples plus the hostile article, ingested into `dir/news.db`.
fn database(dir: &Path) -> PathBuf {
    let hostile = dir.join("hostile.jsonl");
    let line = json!({
        "id": "hostile-1",
        "url": "javascript:window.__pwned=5",
        "title": HOSTILE_TITLE,
        "text": HOSTILE_TEXT,
        "published": "2022-09-20",
    });
    std::fs::write(&hostile, format!("{line}\n")).unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples");
    let db = dir.join("news.db");
    // No default date: the wire story dates itself, the Wikinews articles stay undated.
    let output = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .arg("ingest")
        .arg(samples)
        .arg(&hostile)
        .arg("--db")
        .arg(&db)
        .arg("--quiet")
        .output()
        .expect("run sitrep ingest");
    assert!(
        output.status.success(),
        "sitrep ingest failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    db
}

/// Percent-encodes an article id for an API path.
fn path_id(id: &str) -> String {
    form_urlencoded::byte_serialize(id.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

#[test]
fn the_page_in_a_real_browser() {
    let Some(binary) = chromium() else {
        eprintln!(
            "browser test skipped: no chromium found; install Debian's chromium package \
             (or point SITREP_CHROMIUM at a Chromium binary)"
        );
        return;
    };
    let started = Instant::now();
    let shots = screenshot_dir();
    let dir = tempfile::tempdir().unwrap();
    let db = database(dir.path());
    let (_server, base) = serve(&db);
    let mut browser = Browser::launch(&binary);

    // The overview: markers add up to the placed events, the timeline has bars.
    browser.goto(&base);
    let points = get(&format!("{base}api/points"));
    let total = points["total"].as_u64().expect("points total");
    let markers = browser.eval(
        "[...document.querySelectorAll('#markers .marker')] \
         .reduce((sum, m) => sum + Number(m.dataset.count), 0)",
    );
    assert!(total > 0, "the samples should place some events on the map");
    assert_eq!(
        markers.as_u64(),
        Some(total),
        "the markers' data-count should add up to /api/points total"
    );
    let bars = browser.count("#timeline rect.bar");
    assert!(bars > 0, "expected timeline bars, found none");
    browser.screenshot(&shots.join("overview.png"));

    // An event opened by clicking it in the list.
    let id = browser.eval("document.querySelector('#events li[data-id]').dataset.id");
    let id = id.as_str().expect("an event in the list").to_string();
    browser.click(&format!("#events li[data-id=\"{id}\"]"));
    browser.wait_for(
        &format!(
            "location.hash === '#event={id}' && !document.querySelector('#event-panel').hidden \
             && document.body.dataset.busy === '0'"
        ),
        &format!("event {id}'s panel after clicking it"),
    );
    let event = get(&format!("{base}api/events/{id}"));
    let evidence = event["evidence"].as_array().expect("evidence").len() as u64;
    let shown = browser.count("#event-panel li.evidence");
    assert!(evidence >= 1, "event {id} has no evidence: {event}");
    assert_eq!(
        shown, evidence,
        "the panel should show event {id}'s {evidence} evidence sentences, shows {shown}"
    );
    let plover = event["plover"].as_str().expect("plover");
    let header = browser.text("#event-panel header");
    assert!(
        header.contains(plover),
        "the panel's header should name the type {plover}, says {header:?}"
    );
    assert!(
        browser
            .eval("document.querySelector('#events li.selected') !== null")
            .as_bool()
            == Some(true),
        "the clicked list item should be marked selected"
    );
    browser.screenshot(&shots.join("event.png"));

    // A single marker on the map, clicked, opens its event too.
    let marker = browser.eval(
        "(() => {
           for (const m of document.querySelectorAll('#markers circle.marker.single')) {
             const r = m.getBoundingClientRect();
             const x = r.x + r.width / 2, y = r.y + r.height / 2;
             if (document.elementFromPoint(x, y) === m) return { x, y, id: m.dataset.id };
           }
           return null;
         })()",
    );
    assert!(
        !marker.is_null(),
        "expected a single marker on the map that is not covered by anything"
    );
    let marker_id = marker["id"]
        .as_str()
        .expect("the marker's data-id")
        .to_string();
    browser.click_at(marker["x"].as_f64().unwrap(), marker["y"].as_f64().unwrap());
    browser.wait_for(
        &format!(
            "location.hash === '#event={marker_id}' \
             && document.querySelector('#event-panel').textContent.includes('event {marker_id}') \
             && document.body.dataset.busy === '0'"
        ),
        &format!("event {marker_id}'s panel after clicking its marker"),
    );
    let selected = browser.count(&format!(
        "#markers circle.marker.single.selected[data-id=\"{marker_id}\"]"
    ));
    assert_eq!(
        selected, 1,
        "the clicked marker should be drawn as selected"
    );

    // Back to the list's event; its first evidence link opens the article it came from.
    if marker_id != id {
        browser.open("event", Some(&id));
    }
    let first = event["evidence"][0]["article"]
        .as_str()
        .unwrap()
        .to_string();
    browser.click("#event-panel li.evidence > a");
    browser.wait_for(
        &format!(
            "location.hash === '#article=' + encodeURIComponent({}) \
             && !document.querySelector('#article').hidden \
             && !!document.querySelector('#article-body h2.title') \
             && document.body.dataset.busy === '0'",
            json!(first)
        ),
        &format!("article {first} after clicking the evidence link"),
    );

    // The wire story: people and quotes highlighted.
    let hits = get(&format!("{base}api/search?q=Pashinyan"));
    let wire = hits["hits"]
        .as_array()
        .expect("search hits")
        .iter()
        .filter_map(|hit| hit["article"].as_str())
        .find(|article| {
            let record = get(&format!("{base}api/articles/{}", path_id(article)));
            let text = record["text"].as_str().unwrap_or("");
            text.contains("Pashinyan") && text.contains("Blinken")
        })
        .unwrap_or_else(|| panic!("no search hit for Pashinyan is the wire story: {hits}"))
        .to_string();
    browser.open("article", Some(&wire));
    assert_eq!(
        browser.eval("!document.querySelector('#article').hidden"),
        Value::Bool(true),
        "the article view should be open for {wire}"
    );
    let people = browser.texts("#article-body mark.entity.person");
    assert!(
        people.iter().any(|p| p.contains("Blinken")),
        "the wire story should mark Blinken as a person; marked: {people:?}"
    );
    assert!(
        people
            .iter()
            .any(|p| p.contains("Pashinyan") || p.contains("Pashinian")),
        "the wire story should mark Pashinyan as a person; marked: {people:?}"
    );
    let quotes = browser.count("#article-body mark.quote");
    assert!(
        quotes >= 1,
        "the wire story should mark its quotes; found none"
    );
    browser.screenshot(&shots.join("article.png"));

    // The hostile article: its markup is text, nothing of it runs or loads.
    browser.open("article", Some("hostile-1"));
    let title = browser.text("#article-body h2.title");
    let body = browser.text("#article-body .article-text");
    for shown in [&title, &body] {
        assert!(
            shown.contains("<script>") && shown.contains("<img"),
            "the hostile markup should show as text; shown: {shown:?}"
        );
    }
    let injected = browser.count("#article img, #article script, #article iframe");
    assert_eq!(injected, 0, "the hostile article must not become elements");
    let links = browser.count("a[href^=\"javascript:\"]");
    assert_eq!(links, 0, "a javascript: URL must not become a link");
    browser.screenshot(&shots.join("hostile.png"));

    // Its events: the evidence in the panel and the list is text too.
    let record = get(&format!("{base}api/articles/hostile-1"));
    let reported = record["events"].as_array().map_or(0, Vec::len);
    let found = get(&format!("{base}api/events?q=Goma&limit=100"));
    let hostile_events: Vec<String> = found["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|ev| {
            ev["articles"]
                .as_array()
                .is_some_and(|a| a.iter().any(|a| a == "hostile-1"))
        })
        .map(|ev| ev["id"].to_string())
        .collect();
    eprintln!(
        "browser test: the hostile article reports {reported} event(s); merged: {hostile_events:?}"
    );
    assert!(
        reported == 0 || !hostile_events.is_empty(),
        "hostile-1 reports {reported} events, but /api/events?q=Goma finds none of them: {found}"
    );
    for id in &hostile_events {
        browser.open("event", Some(id));
        let panel = browser.text("#event-panel");
        assert!(
            panel.contains(&format!("event {id}")),
            "the panel should show event {id}; shows {panel:?}"
        );
        let injected = browser.count("#event-panel img, #event-panel script");
        assert_eq!(
            injected, 0,
            "event {id}'s evidence must not become elements"
        );
        let event = get(&format!("{base}api/events/{id}"));
        for item in event["evidence"].as_array().into_iter().flatten() {
            let text = item["text"].as_str().unwrap_or("");
            assert!(
                panel.contains(text),
                "the panel should show the evidence {text:?} as it is; shows {panel:?}"
            );
        }
    }

    // The search box: a hit's title is the hostile title, as text.
    browser.open("event", None);
    browser.eval(
        "(() => { const q = document.querySelector('#search-q'); q.value = 'Goma'; \
         q.dispatchEvent(new Event('input', { bubbles: true })); })()",
    );
    browser.wait_for(
        "!document.querySelector('#search-hits').hidden && document.body.dataset.busy === '0'",
        "search hits for Goma",
    );
    let hits = browser.text("#search-hits");
    assert!(
        hits.contains("<script>"),
        "the search hit should show the hostile title as text; shows {hits:?}"
    );
    let injected = browser.count("#search-hits img, #search-hits script");
    assert_eq!(injected, 0, "search hits must not become elements");

    // Whatever ran, none of the hostile markup did.
    let pwned = browser.eval("typeof window.__pwned");
    assert_eq!(
        pwned,
        json!("undefined"),
        "window.__pwned was set: the hostile markup ran"
    );
    let scripts = browser.count("script:not([src=\"/app.js\"])");
    assert_eq!(
        scripts, 0,
        "the page should hold no script but its own, found {scripts}"
    );
    let images = browser.count("img");
    assert_eq!(
        images, 0,
        "the page has no images of its own, found {images}"
    );
    assert!(
        browser.problems.is_empty(),
        "the page reported problems: {:?}",
        browser.problems
    );
    eprintln!(
        "browser test: passed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
