//! Ingest end to end: real files in a temporary directory, every format and every kind of bad
//! input, read through the public `read_inputs`.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use sitrep_core::Body;
use sitrep_core::ingest::{
    Article, Format, InputError, ReadOptions, read_bytes, read_inputs, sniff_format,
};
use warc::{RecordBuilder, RecordType, WarcHeader, WarcWriter};

fn read_with(paths: &[PathBuf], opts: &ReadOptions) -> Vec<Result<Article, InputError>> {
    read_inputs(paths, opts).collect()
}

fn read(paths: &[PathBuf]) -> Vec<Result<Article, InputError>> {
    read_with(paths, &ReadOptions::default())
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    path
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn article(item: &Result<Article, InputError>) -> &Article {
    item.as_ref()
        .unwrap_or_else(|e| panic!("expected an article, got error: {e}"))
}

fn error(item: &Result<Article, InputError>) -> &InputError {
    match item {
        Err(e) => e,
        Ok(a) => panic!("expected an error, got article from {}", a.origin),
    }
}

/// A WARC record written by hand, so headers and body bytes are exactly what a test needs.
fn warc_record(kind: &str, id: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut record = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id}>\r\nWARC-Date: 2024-05-01T12:00:00Z\r\n\
         WARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    record.extend_from_slice(block);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn http_response(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut block = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    block.extend_from_slice(body);
    block
}

const HTTP: &str = "application/http; msgtype=response";

// ---- plain formats ----

#[test]
fn text_and_html_files_become_text_and_html_bodies() {
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "story.txt", "Rain fell on the capital.\n");
    let html = write(
        dir.path(),
        "page.HTM",
        "<html><body><p>Markets rose.</p></body></html>",
    );
    let items = read(&[txt.clone(), html.clone()]);
    assert_eq!(items.len(), 2);
    let first = article(&items[0]);
    assert_eq!(first.body, Body::Text("Rain fell on the capital.\n".into()));
    assert_eq!(first.origin, txt.display().to_string());
    assert_eq!(first.id, None);
    assert!(first.warnings.is_empty());
    let second = article(&items[1]);
    assert!(matches!(&second.body, Body::Html(h) if h.contains("Markets rose.")));
    assert_eq!(second.origin, html.display().to_string());
}

#[test]
fn gzip_versions_of_each_plain_format_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let txt = write(dir.path(), "a.txt.gz", gzip(b"Zipped text."));
    let html = write(dir.path(), "b.html.gz", gzip(b"<p>Zipped page.</p>"));
    let jsonl = write(
        dir.path(),
        "c.jsonl.gz",
        gzip(b"{\"id\":\"x1\",\"text\":\"Zipped line.\"}\n"),
    );
    let items = read(&[txt, html, jsonl]);
    assert_eq!(article(&items[0]).body, Body::Text("Zipped text.".into()));
    assert_eq!(
        article(&items[1]).body,
        Body::Html("<p>Zipped page.</p>".into())
    );
    assert_eq!(article(&items[2]).body, Body::Text("Zipped line.".into()));
    assert_eq!(article(&items[2]).id.as_deref(), Some("x1"));
}

#[test]
fn html_meta_charset_is_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(
        dir.path(),
        "latin.html",
        b"<meta charset=\"iso-8859-1\"><p>Z\xfcrich</p>",
    );
    let items = read(&[page]);
    let article = article(&items[0]);
    assert_eq!(
        article.body,
        Body::Html("<meta charset=\"iso-8859-1\"><p>Zürich</p>".into())
    );
    assert!(article.warnings.is_empty());
}

// ---- JSONL ----

#[test]
fn jsonl_lines_become_articles_and_a_bad_line_does_not_stop_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let lines = concat!(
        "{\"id\": \"abc\", \"text\": \"First.\", \"url\": \"https://example.org/1\", \"title\": \"T1\", \"published\": \"2024-05-01\"}\n",
        "\n",
        "{\"id\": 42, \"html\": \"<p>Second.</p>\"}\r\n",
        "{not json}\n",
        "{\"id\": 7, \"title\": \"no body\"}\n",
        "{\"id\": true, \"text\": \"bad id\"}\n",
        "{\"text\": \"Last, no id, no newline.\"}",
    );
    let path = write(dir.path(), "feed.jsonl", lines);
    let origin = path.display().to_string();
    let items = read(&[path]);
    assert_eq!(items.len(), 6, "{items:?}");

    let first = article(&items[0]);
    assert_eq!(first.id.as_deref(), Some("abc"));
    assert_eq!(first.origin, format!("{origin}:1"));
    assert_eq!(first.url.as_deref(), Some("https://example.org/1"));
    assert_eq!(first.title.as_deref(), Some("T1"));
    assert_eq!(first.published.as_deref(), Some("2024-05-01"));
    assert_eq!(first.body, Body::Text("First.".into()));

    let second = article(&items[1]);
    assert_eq!(second.id.as_deref(), Some("42"));
    assert_eq!(second.origin, format!("{origin}:3"));
    assert_eq!(second.body, Body::Html("<p>Second.</p>".into()));

    let bad = error(&items[2]);
    assert_eq!(bad.origin, format!("{origin}:4"));
    assert!(bad.message.contains("invalid JSON"), "{bad}");
    assert!(
        error(&items[3])
            .message
            .contains("neither \"text\" nor \"html\"")
    );
    assert!(
        error(&items[4])
            .message
            .contains("\"id\" must be a string or a number")
    );

    let last = article(&items[5]);
    assert_eq!(last.origin, format!("{origin}:7"));
    assert_eq!(last.id, None);
}

#[test]
fn jsonl_line_with_invalid_utf8_is_read_lossily_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "bad-bytes.jsonl",
        b"{\"text\": \"caf\xe9 au lait\"}\n",
    );
    let items = read(&[path]);
    let article = article(&items[0]);
    assert_eq!(article.body, Body::Text("caf\u{FFFD} au lait".into()));
    assert_eq!(
        article.warnings,
        vec!["invalid UTF-8 decoded lossily".to_string()]
    );
}

// ---- WARC ----

fn sample_warc() -> Vec<u8> {
    let mut chunked_gzip_body = Vec::new();
    let page = gzip(b"<html><body><p>Chunked and zipped.</p></body></html>");
    let (a, b) = page.split_at(page.len() / 2);
    for chunk in [a, b] {
        chunked_gzip_body.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        chunked_gzip_body.extend_from_slice(chunk);
        chunked_gzip_body.extend_from_slice(b"\r\n");
    }
    chunked_gzip_body.extend_from_slice(b"0\r\n\r\n");

    let mut warc = Vec::new();
    warc.extend(warc_record(
        "warcinfo",
        "info",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    ));
    warc.extend(warc_record(
        "request",
        "req",
        "https://news.example/a",
        "application/http; msgtype=request",
        b"GET /a HTTP/1.1\r\n\r\n",
    ));
    warc.extend(warc_record(
        "response",
        "page-a",
        "https://news.example/a",
        HTTP,
        &http_response(
            "200 OK",
            "Content-Type: text/html; charset=utf-8\r\n",
            b"<html><p>Plain page.</p></html>",
        ),
    ));
    warc.extend(warc_record(
        "response",
        "image",
        "https://news.example/logo.png",
        HTTP,
        &http_response(
            "200 OK",
            "Content-Type: image/png\r\n",
            b"\x89PNG\r\n\x1a\n\0\0\0",
        ),
    ));
    warc.extend(warc_record(
        "response",
        "moved",
        "https://news.example/old",
        HTTP,
        &http_response(
            "301 Moved Permanently",
            "Content-Type: text/html\r\nLocation: /a\r\n",
            b"<p>moved</p>",
        ),
    ));
    warc.extend(warc_record(
        "response",
        "page-b",
        "https://news.example/b",
        HTTP,
        &http_response(
            "200 OK",
            "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            &chunked_gzip_body,
        ),
    ));
    warc.extend(warc_record(
        "resource",
        "page-c",
        "file:///c.html",
        "text/html",
        b"<p>Resource page.</p>",
    ));
    warc
}

#[test]
fn warc_html_responses_and_resources_are_read_and_the_rest_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "crawl.warc", sample_warc());
    let origin = path.display().to_string();
    let items = read(&[path]);
    assert_eq!(items.len(), 3, "{items:?}");

    let a = article(&items[0]);
    assert_eq!(a.url.as_deref(), Some("https://news.example/a"));
    assert_eq!(a.origin, format!("{origin}#<urn:uuid:page-a>"));
    assert_eq!(a.id, None);
    assert_eq!(a.body, Body::Html("<html><p>Plain page.</p></html>".into()));

    let b = article(&items[1]);
    assert_eq!(b.url.as_deref(), Some("https://news.example/b"));
    assert_eq!(
        b.body,
        Body::Html("<html><body><p>Chunked and zipped.</p></body></html>".into())
    );
    assert!(b.warnings.is_empty(), "{:?}", b.warnings);

    let c = article(&items[2]);
    assert_eq!(c.url.as_deref(), Some("file:///c.html"));
    assert_eq!(c.body, Body::Html("<p>Resource page.</p>".into()));
}

#[test]
fn warc_gz_written_by_the_warc_crate_is_read_record_by_record() {
    let dir = tempfile::tempdir().unwrap();
    let mut file = Vec::new();
    for (n, uri) in ["https://news.example/1", "https://news.example/2"]
        .into_iter()
        .enumerate()
    {
        let record = RecordBuilder::default()
            .warc_type(RecordType::Response)
            .header(WarcHeader::TargetURI, uri)
            .header(WarcHeader::ContentType, HTTP)
            .body(http_response(
                "200 OK",
                "Content-Type: text/html\r\n",
                format!("<p>Story {n}.</p>").as_bytes(),
            ))
            .build()
            .unwrap();
        let mut member = Vec::new();
        WarcWriter::new(&mut member).write(&record).unwrap();
        // One gzip member per record, as crawlers write `.warc.gz`.
        file.extend(gzip(&member));
    }
    let path = write(dir.path(), "crawl.warc.gz", file);
    let items = read(&[path]);
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(
        article(&items[0]).body,
        Body::Html("<p>Story 0.</p>".into())
    );
    assert_eq!(
        article(&items[1]).url.as_deref(),
        Some("https://news.example/2")
    );
}

#[test]
fn truncated_warc_gz_yields_the_records_before_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    let warc = gzip(&sample_warc());
    let cut = &warc[..warc.len() * 3 / 4];
    let path = write(dir.path(), "cut.warc.gz", cut);
    let items = read(&[path]);
    let last = error(items.last().unwrap());
    assert_eq!(last.message, "truncated gzip stream");
    assert!(
        items.len() >= 2,
        "records before the cut should come first: {items:?}"
    );
    assert!(items[..items.len() - 1].iter().all(Result::is_ok));
}

#[test]
fn garbage_in_a_warc_file_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "fake.warc", "this is not a warc file\r\n\r\n");
    let items = read(&[path]);
    assert_eq!(items.len(), 1);
    assert!(error(&items[0]).message.contains("not a WARC file"));

    let only_info = write(
        dir.path(),
        "info.warc",
        warc_record("warcinfo", "i", "", "application/warc-fields", b"x: y\r\n"),
    );
    let items = read(&[only_info]);
    assert_eq!(items.len(), 1);
    assert!(
        error(&items[0]).message.contains("no HTML page"),
        "{items:?}"
    );
}

#[test]
fn stray_bytes_in_warc_headers_neither_panic_nor_cost_the_neighbours() {
    let dir = tempfile::tempdir().unwrap();
    let before = write(
        dir.path(),
        "a.txt",
        "The council met on Monday and voted to close the bridge.",
    );
    let mut bad = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:9>\r\n\
        Content-Type: application/http;\x9a msgtype=response\r\n"
        .to_vec();
    let block =
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Kept.</p></body></html>";
    bad.extend(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    bad.extend(block);
    bad.extend(b"\r\n\r\nWARC/1.0\r\nWARC-Type: response\r\nContent-Length: x\r\n\r\n");
    let warc = write(dir.path(), "b.warc", bad);
    let after = write(
        dir.path(),
        "c.txt",
        "Police arrested two men in the capital on Friday.",
    );
    let items = read(&[before, warc, after]);
    assert_eq!(items.len(), 4, "{items:?}");
    assert!(article(&items[1]).origin.ends_with("#<urn:uuid:9>"));
    assert!(
        error(&items[2]).message.contains("bad Content-Length"),
        "{items:?}"
    );
    assert!(items[0].is_ok() && items[3].is_ok());
}

#[cfg(unix)]
#[test]
fn a_fifo_without_a_writer_is_an_empty_input_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let after = write(
        dir.path(),
        "after.txt",
        "Police arrested two men in the capital on Friday.",
    );
    let items = read(&[fifo.clone(), after]);
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(error(&items[0]).message.contains("empty"), "{items:?}");
    assert!(items[1].is_ok());

    // With a writer, the FIFO reads as usual.
    let writer = std::thread::spawn(move || {
        fs::write(
            &fifo,
            "The council met on Monday and voted to close the bridge.",
        )
    });
    // The writer blocks in open until a reader comes; give it time to get there.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let items = read(&[dir.path().join("pipe.txt")]);
    writer.join().unwrap().unwrap();
    assert!(
        matches!(&article(&items[0]).body, Body::Text(t) if t.contains("bridge")),
        "{items:?}"
    );
}

// ---- directories and order ----

#[test]
fn directories_are_walked_recursively_in_name_order_skipping_unknown_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("in");
    write(&root, "b.txt", "B");
    write(&root, "a.TXT", "A");
    write(&root, "sub/c.html", "<p>C</p>");
    write(&root, "sub/notes.md", "not read");
    write(&root, "photo.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF");
    write(&root, ".hidden/d.txt", "hidden");
    write(&root, "z.jsonl", "{\"id\":1,\"text\":\"Z\"}\n");
    let items = read(std::slice::from_ref(&root));
    let origins: Vec<String> = items.iter().map(|i| article(i).origin.clone()).collect();
    let expected: Vec<String> = ["a.TXT", "b.txt", "sub/c.html", "z.jsonl:1"]
        .iter()
        .map(|n| root.join(n).display().to_string())
        .collect();
    assert_eq!(origins, expected);
}

#[test]
fn a_directory_with_nothing_readable_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("empty");
    fs::create_dir(&root).unwrap();
    write(&root, "readme.md", "nothing for us");
    let items = read(&[root]);
    assert_eq!(items.len(), 1);
    assert!(error(&items[0]).message.contains("no readable input"));
}

#[test]
fn an_unknown_extension_given_explicitly_is_read_if_it_is_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = write(dir.path(), "story.md", "Plain words.");
    let binary = write(dir.path(), "blob.bin", b"\x00\x01\x02\x03binary");
    let items = read(&[text, binary]);
    assert_eq!(article(&items[0]).body, Body::Text("Plain words.".into()));
    assert_eq!(error(&items[1]).message, "binary content, not text");
}

// ---- stdin sniffing ----

#[test]
fn sniffing_decides_stdin_format_by_first_bytes() {
    assert_eq!(sniff_format(b"  \n{\"text\": \"x\"}"), Format::Jsonl);
    assert_eq!(
        sniff_format(b"\xEF\xBB\xBF{\"text\": \"x\"}"),
        Format::Jsonl
    );
    assert_eq!(
        sniff_format(b"WARC/1.0\r\nWARC-Type: response"),
        Format::Warc
    );
    assert_eq!(sniff_format(b"\n<!DOCTYPE html><html>"), Format::Html);
    assert_eq!(
        sniff_format(b"LONDON (Reuters) - Prices rose."),
        Format::Text
    );
    assert_eq!(sniff_format(b""), Format::Text);
}

#[test]
fn format_follows_extension_through_gz() {
    assert_eq!(
        Format::from_path(Path::new("x.WARC.GZ")),
        Some(Format::Warc)
    );
    assert_eq!(
        Format::from_path(Path::new("dir.d/x.htm")),
        Some(Format::Html)
    );
    assert_eq!(Format::from_path(Path::new("x.gz")), None);
    assert_eq!(Format::from_path(Path::new("README")), None);
}

// ---- bad input ----

#[test]
fn missing_path_is_an_error_and_the_next_input_still_comes() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.txt");
    let good = write(dir.path(), "good.txt", "Still here.");
    let items = read(&[missing.clone(), good]);
    assert_eq!(items.len(), 2);
    let e = error(&items[0]);
    assert_eq!(e.origin, missing.display().to_string());
    assert_eq!(e.message, "no such file or directory");
    assert_eq!(article(&items[1]).body, Body::Text("Still here.".into()));
}

#[test]
fn empty_files_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let paths = [
        write(dir.path(), "empty.txt", ""),
        write(dir.path(), "empty.jsonl", ""),
        write(dir.path(), "empty.warc", ""),
        write(dir.path(), "empty.html.gz", gzip(b"")),
    ];
    let items = read(&paths);
    assert_eq!(items.len(), 4);
    for item in &items {
        assert_eq!(error(item).message, "empty file");
    }
}

#[test]
fn binary_content_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let nul = write(dir.path(), "nul.txt", b"abc\0def");
    let controls: Vec<u8> = (0..200u8).map(|i| i % 8 + 1).collect();
    let control = write(dir.path(), "ctl.html", controls);
    let items = read(&[nul, control]);
    for item in &items {
        let e = error(item);
        assert_eq!(e.message, "binary content, not text");
        assert!(e.to_string().contains(".txt") || e.to_string().contains(".html"));
    }
}

#[test]
fn truncated_gzip_is_an_error_and_jsonl_lines_before_it_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let text = gzip("Some words that fill a little. ".repeat(50).as_bytes());
    let txt = write(dir.path(), "cut.txt.gz", &text[..text.len() / 2]);
    let lines: String = (0..200)
        .map(|n| format!("{{\"id\":{n},\"text\":\"Line number {n} of many.\"}}\n"))
        .collect();
    let zipped = gzip(lines.as_bytes());
    let jsonl = write(dir.path(), "cut.jsonl.gz", &zipped[..zipped.len() * 2 / 3]);
    let items = read(&[txt, jsonl]);
    assert_eq!(error(&items[0]).message, "truncated gzip stream");
    let last = error(items.last().unwrap());
    assert_eq!(last.message, "truncated gzip stream");
    let kept = items[1..items.len() - 1]
        .iter()
        .filter(|i| i.is_ok())
        .count();
    assert!(kept > 10 && kept < 200, "kept {kept}");
}

#[test]
fn files_and_records_over_the_limit_are_errors_without_stopping_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let opts = ReadOptions { max_bytes: 1024 };
    let big = "x".repeat(2000);
    let txt = write(dir.path(), "big.txt", &big);
    let gz = write(
        dir.path(),
        "big.html.gz",
        gzip(format!("<p>{big}</p>").as_bytes()),
    );
    let jsonl = write(
        dir.path(),
        "mixed.jsonl",
        format!("{{\"text\":\"{big}\"}}\n{{\"text\":\"small\"}}\n"),
    );
    let warc_bytes = [
        warc_record(
            "response",
            "big",
            "https://x/big",
            HTTP,
            &http_response("200 OK", "Content-Type: text/html\r\n", big.as_bytes()),
        ),
        warc_record(
            "response",
            "ok",
            "https://x/ok",
            HTTP,
            &http_response("200 OK", "Content-Type: text/html\r\n", b"<p>ok</p>"),
        ),
    ]
    .concat();
    let warc = write(dir.path(), "mixed.warc", warc_bytes);
    let items = read_with(&[txt, gz, jsonl, warc], &opts);
    assert_eq!(items.len(), 6, "{items:?}");
    for i in [0, 1, 2, 4] {
        assert!(
            error(&items[i])
                .message
                .contains("1 KiB limit (--max-bytes)"),
            "{:?}",
            items[i]
        );
    }
    assert_eq!(article(&items[3]).body, Body::Text("small".into()));
    assert_eq!(article(&items[5]).body, Body::Html("<p>ok</p>".into()));
}

#[test]
fn default_limit_is_50_mib() {
    assert_eq!(ReadOptions::default().max_bytes, 50 * 1024 * 1024);
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "latin1.txt", b"Caf\xe9 society");
    let items = read(&[path]);
    let article = article(&items[0]);
    assert_eq!(article.body, Body::Text("Caf\u{FFFD} society".into()));
    assert_eq!(
        article.warnings,
        vec!["invalid UTF-8 decoded lossily".to_string()]
    );
}

#[test]
fn one_bad_file_does_not_stop_the_next_in_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("mixed");
    write(&root, "1.txt", "");
    write(&root, "2.txt", b"\0\0\0\0");
    write(&root, "3.txt.gz", b"\x1f\x8b\x08\x00\x00");
    write(&root, "4.jsonl", "[1, 2]\n");
    write(&root, "5.txt", "Survivor.");
    let items = read(std::slice::from_ref(&root));
    assert_eq!(items.len(), 5, "{items:?}");
    assert!(items[..4].iter().all(Result::is_err));
    for item in &items[..4] {
        let e = error(item);
        assert!(e.origin.starts_with(&root.display().to_string()));
        assert!(!e.to_string().contains('\n'));
    }
    assert_eq!(article(&items[4]).body, Body::Text("Survivor.".into()));
}

#[test]
fn a_jsonl_array_is_not_taken_for_a_record() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "arrays.jsonl",
        "[\"id-1\", \"text by position\"]\n{\"text\": \"ok\"}\n",
    );
    let items = read(&[path]);
    assert_eq!(items.len(), 2);
    assert_eq!(error(&items[0]).message, "not a JSON object");
    assert!(items[1].is_ok());
}

#[test]
fn a_jsonl_line_just_over_the_limit_does_not_swallow_the_next_line() {
    let dir = tempfile::tempdir().unwrap();
    let opts = ReadOptions { max_bytes: 40 };
    // Exactly one byte over the limit, so its newline still fits in the read.
    let long = format!("{{\"text\":\"{}\"}}", "y".repeat(41 - 11));
    assert_eq!(long.len(), 41);
    let path = write(
        dir.path(),
        "edge.jsonl",
        format!("{long}\n{{\"text\":\"next\"}}\n"),
    );
    let items = read_with(&[path], &opts);
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(error(&items[0]).message.contains("limit"));
    assert_eq!(article(&items[1]).body, Body::Text("next".into()));
}

#[test]
fn cut_or_corrupted_input_never_panics_and_always_ends_in_an_error_or_articles() {
    let dir = tempfile::tempdir().unwrap();
    let warc = sample_warc();
    let warc_gz = gzip(&warc);
    let jsonl = b"{\"id\":1,\"text\":\"a\"}\n{\"id\":2,\"html\":\"<p>b</p>\"}\n".to_vec();
    for (name, bytes) in [
        ("w.warc", &warc),
        ("w.warc.gz", &warc_gz),
        ("j.jsonl", &jsonl),
    ] {
        for cut in (0..bytes.len()).step_by(7) {
            let path = write(dir.path(), name, &bytes[..cut]);
            let items = read(&[path]);
            assert!(!items.is_empty(), "{name} cut at {cut} yielded nothing");
        }
        for flip in (0..bytes.len()).step_by(11) {
            let mut corrupted = bytes.clone();
            corrupted[flip] ^= 0x5a;
            let path = write(dir.path(), name, &corrupted);
            let _ = read(&[path]);
        }
    }
}

#[test]
fn bytes_in_memory_read_as_the_same_file_on_disk_would() {
    let dir = tempfile::tempdir().unwrap();
    let warc = sample_warc();
    let jsonl = b"{\"id\":\"x\",\"text\":\"a\"}\n{\"id\":\"y\",\"html\":\"<p>b</p>\"}\n";
    let jsonl = jsonl.to_vec();
    let cases: [(&str, Vec<u8>); 7] = [
        ("w.warc", warc.clone()),
        ("w.warc.gz", gzip(&warc)),
        ("j.jsonl", jsonl.clone()),
        (
            "page.html",
            b"<html><body><p>Hello.</p></body></html>".to_vec(),
        ),
        ("story.txt", b"Plain words.".to_vec()),
        // No known extension: sniffed after gunzip, as stdin is.
        ("unnamed", gzip(&jsonl)),
        ("unnamed", b"\xEF\xBB\xBF  WARC/1.0 broken".to_vec()),
    ];
    for (name, bytes) in cases {
        let on_disk = read(&[write(dir.path(), name, &bytes)]);
        let origin = dir.path().join(name).display().to_string();
        let in_memory: Vec<_> = read_bytes(bytes, &origin, &ReadOptions::default()).collect();
        assert_eq!(in_memory, on_disk, "{name}");
        assert!(!in_memory.is_empty(), "{name}");
    }
    let too_big = ReadOptions { max_bytes: 4 };
    let items: Vec<_> = read_bytes(b"more than four".to_vec(), "t.txt", &too_big).collect();
    assert!(error(&items[0]).message.contains("limit"), "{items:?}");
    let items: Vec<_> = read_bytes(Vec::new(), "t.txt", &ReadOptions::default()).collect();
    assert_eq!(error(&items[0]).message, "empty file");
}
