//! A small static file server for built sites, for the browser tests (pages
//! use root-relative URLs, so `file://` would lose styles, fonts and the
//! search index). GET and HEAD; one thread per connection.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};

/// Serves `root` on 127.0.0.1 at a port the OS picks, from a background
/// thread, for as long as the test runs. Returns the base URL (ending in `/`).
pub fn serve(root: PathBuf) -> String {
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

/// True when node, Debian's chromium (or `$CHROMIUM`) and the npm `packages`
/// under `tests/tools/node_modules` are there for a browser test. Without them
/// the test is skipped, unless `KRUFOLIO_REQUIRE_TOOLS` is set (CI), which
/// makes a missing tool a failure.
pub fn browser_tools(packages: &[&str]) -> bool {
    let tools = super::repo().join("tests/tools/node_modules");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let node = std::process::Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    let ok = node && packages.iter().all(|p| tools.join(p).is_dir()) && Path::new(&chromium).exists();
    if !ok {
        let want = format!("node, chromium, {}", packages.join(", "));
        assert!(
            std::env::var("KRUFOLIO_REQUIRE_TOOLS").is_err(),
            "missing one of {want} (apt-get install nodejs chromium; npm ci --prefix tests/tools)"
        );
        eprintln!("skipped: one of {want} is not installed");
    }
    ok
}

/// Runs the browser script `tests/browser/<script>` with Node and `args`
/// (the site's URL first, as every script takes it).
pub fn browser_script<S: AsRef<std::ffi::OsStr>>(
    script: &str,
    args: impl IntoIterator<Item = S>,
) -> std::process::Output {
    std::process::Command::new("node")
        .arg(super::repo().join("tests/browser").join(script))
        .args(args)
        .output()
        .unwrap()
}

/// The JSON lines a browser script printed on stdout.
pub fn json_lines(o: &std::process::Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}
