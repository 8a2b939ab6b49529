//! Accessibility: the repository's own site, built for the review audience
//! (so every page kind is there: home, sections, pages, the portfolio list,
//! portfolios, an indicator page, the review dashboard and a checklist, and
//! 404), is served on 127.0.0.1 and checked with axe-core in Debian's
//! chromium (`tests/browser/axe.mjs`), on a desktop window in the light
//! scheme and a phone-sized one in the dark scheme. No "serious" or "critical" violation
//! may remain; every finding, moderate ones included, is printed for the log.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn tools_ready() -> bool {
    let tools = repo().join("tests/tools/node_modules");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    let ok = node
        && tools.join("playwright-core").is_dir()
        && tools.join("axe-core").is_dir()
        && Path::new(&chromium).exists();
    if !ok {
        assert!(
            std::env::var("KRUFOLIO_REQUIRE_TOOLS").is_err(),
            "node, chromium, playwright-core or axe-core missing (apt-get install chromium; npm ci --prefix tests/tools)"
        );
        eprintln!("skipped: node, chromium, playwright-core or axe-core not installed");
    }
    ok
}

/// Serves `root` on 127.0.0.1 at a port the OS picks, from a background
/// thread, for as long as the test runs. Returns the base URL (ending in `/`).
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let _ = answer(stream, &root);
            });
        }
    });
    format!("http://127.0.0.1:{port}/")
}

/// Answers one request (GET or HEAD; the connection is closed afterwards).
fn answer(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    // Read the headers to the blank line so the browser never sees a reset.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy().into_owned();
    let mut file = root.to_path_buf();
    let mut safe = true;
    for seg in path.split('/').filter(|s| !s.is_empty()) {
        if seg == ".." || seg.contains('\\') {
            safe = false;
        }
        file.push(seg);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let (status, body, kind) = match std::fs::read(&file) {
        Ok(body) if safe => ("200 OK", body, content_type(&file)),
        _ => ("404 Not Found", b"not found".to_vec(), "text/plain; charset=utf-8"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "gif" => "image/gif",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Percent-encodes one path segment (for the Thai slugs).
fn seg(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[test]
fn every_page_kind_has_no_serious_or_critical_axe_violations() {
    if !tools_ready() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_repo(&out, "review");

    let glossary = format!("/guide/{}/", seg("อภิธานศัพท์"));
    let paths = [
        "/",
        "/pa/",
        "/writing/teacher/",
        "/evaluation/scoring/",
        glossary.as_str(),
        "/portfolios/",
        "/portfolios/manee-jaingam/",
        "/portfolios/kru-incomplete/",
        "/portfolios/manee-jaingam/1.3/",
        "/review/",
        "/review/kru-incomplete/",
        "/404.html",
    ];
    for p in &paths {
        let decoded = percent_encoding::percent_decode_str(p).decode_utf8_lossy().into_owned();
        let file = if decoded.ends_with('/') { format!("{decoded}index.html") } else { decoded };
        assert!(out.join(file.trim_start_matches('/')).is_file(), "the build has no {p}");
    }

    let base = serve(out.clone());
    let o = Command::new("node")
        .arg(repo().join("tests/browser/axe.mjs"))
        .arg(&base)
        .args(paths)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);

    // The full report, one line per finding, for the log.
    let mut serious = Vec::new();
    let mut pages = 0;
    for line in stdout.lines().filter(|l| l.starts_with('{')) {
        pages += 1;
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        let path = format!("{} ({})", v["path"].as_str().unwrap_or("?"), v["view"].as_str().unwrap_or("?"));
        if let Some(err) = v.get("error") {
            serious.push(format!("{path}: page failed: {err}"));
            continue;
        }
        if v["status"] != 200 {
            serious.push(format!("{path}: HTTP {}", v["status"]));
        }
        let violations = v["violations"].as_array().cloned().unwrap_or_default();
        eprintln!("{path}: {} violation(s)", violations.len());
        for x in &violations {
            let impact = x["impact"].as_str().unwrap_or("?");
            let nodes: Vec<String> = x["nodes"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| {
                    n.as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|t| t.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            let entry = format!(
                "{path}: [{impact}] {} — {} ({} node(s): {})",
                x["id"].as_str().unwrap_or("?"),
                x["help"].as_str().unwrap_or(""),
                nodes.len(),
                nodes.join(", ")
            );
            eprintln!("  {entry}");
            if impact == "serious" || impact == "critical" {
                serious.push(entry);
            }
        }
    }
    // Each page is checked in two views (desktop + light, phone + dark).
    let expected = 2 * paths.len();
    assert_eq!(pages, expected, "axe.mjs reported {pages} of {expected} page views:\n{stdout}\n{stderr}");
    assert!(
        serious.is_empty(),
        "serious or critical accessibility violations:\n{}\n{stderr}",
        serious.join("\n")
    );
    assert!(o.status.success(), "axe.mjs failed:\n{stdout}\n{stderr}");
}
