//! `krufolio serve` end to end (issue #2): live reload over SSE on a page
//! edit, the error overlay on broken front matter and its removal on fix,
//! and requests that try to leave the output tree.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::common::*;

/// A raw HTTP/1.1 GET; returns (status, body). The path is sent as is.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
    let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
    (status, body)
}

/// An open SSE connection.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(port: u16) -> Events {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(s, "GET /__krufolio/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            .unwrap();
        let mut ev = Events { reader: BufReader::new(s) };
        ev.wait_for("event: hello");
        ev
    }

    fn wait_for(&mut self, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut line = String::new();
        while Instant::now() < deadline {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => panic!("event stream closed before {what}"),
                Ok(_) if line.contains(what) => return,
                Ok(_) => {}
                Err(e) => panic!("waiting for {what}: {e}"),
            }
        }
        panic!("no {what} within 20 s");
    }
}

/// Polls until `f` holds (the rebuild runs right before the event is sent,
/// so this normally succeeds at once).
fn eventually(mut f: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

#[test]
fn edit_reloads_and_broken_front_matter_shows_overlay_until_fixed() {
    let (_tmp, site) = fixture("basic");
    let server = Server::start(&site);
    let port = server.port;

    let (status, home) = get(port, "/");
    assert_eq!(status, 200);
    assert!(home.contains("/__krufolio/livereload.js"), "live-reload script injected");
    assert!(!home.contains("krufolio-error"));
    let (status, js) = get(port, "/__krufolio/livereload.js");
    assert_eq!(status, 200);
    assert!(js.contains("EventSource"));

    // A page edit sends a reload event and serves the new text.
    let mut events = Events::open(port);
    let page = site.join("content/guides/writing.md");
    let original = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, original.replace("หลักการเขียนข้อตกลง", "หลักการเขียนข้อตกลงฉบับแก้ไข")).unwrap();
    events.wait_for("event: reload");
    assert!(eventually(|| get(port, "/guides/writing/").1.contains("หลักการเขียนข้อตกลงฉบับแก้ไข")));

    // Broken front matter: reload, last good page still served, overlay names file and line.
    std::fs::write(&page, "---\ntitle: การเขียน PA\nweight: [1\n---\nเนื้อหา\n").unwrap();
    events.wait_for("event: reload");
    // One save can arrive as several debounced batches (a truncated file first, then the
    // new text): poll until the final broken build is what the overlay shows.
    assert!(
        eventually(|| get(port, "/guides/writing/").1.contains("content/guides/writing.md:3")),
        "overlay shown"
    );
    let (status, body) = get(port, "/guides/writing/");
    assert_eq!(status, 200);
    assert!(body.contains("content/guides/writing.md:3"), "overlay names file and line: {body}");
    assert!(body.contains("หลักการเขียนข้อตกลงฉบับแก้ไข"), "last good build still served");
    // The overlay is on every page, not only the broken one.
    assert!(get(port, "/").1.contains("id=\"krufolio-error\""));

    // Fixing the file clears the overlay.
    std::fs::write(&page, &original).unwrap();
    events.wait_for("event: reload");
    assert!(eventually(|| !get(port, "/guides/writing/").1.contains("krufolio-error")));
}

#[test]
fn requests_cannot_leave_the_output_tree() {
    let (_tmp, site) = fixture("basic");
    std::fs::write(site.join("secret.txt"), "secret").unwrap();
    let server = Server::start(&site);
    for path in [
        "/../secret.txt",
        "/guides/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "//etc/passwd",
    ] {
        let (status, body) = get(server.port, path);
        assert_ne!(status, 200, "{path} must not be served");
        assert!(!body.contains("secret") || body.contains("<html"), "{path} leaked: {body}");
        assert!(!body.contains("root:"), "{path} leaked /etc/passwd");
    }
    let (status, _) = get(server.port, "/guides/diagram.svg");
    assert_eq!(status, 200);
    // A folder without its slash redirects.
    let (status, _) = get(server.port, "/guides");
    assert_eq!(status, 301);
}

#[test]
fn style_edit_rebuilds_the_stylesheet() {
    let (_tmp, site) = fixture("basic");
    let css_dir = site.join("themes/default/css");
    std::fs::create_dir_all(&css_dir).unwrap();
    // A site-level override of one stylesheet file.
    let base = krufolio_default_css("main.css");
    std::fs::write(css_dir.join("main.css"), &base).unwrap();
    let server = Server::start(&site);
    let mut events = Events::open(server.port);
    std::fs::write(css_dir.join("main.css"), format!("{base}\n.krufolio-test-marker{{color:red}}\n"))
        .unwrap();
    events.wait_for("event: reload");
    assert!(eventually(|| get(server.port, "/style.css").1.contains("krufolio-test-marker")));
}

fn krufolio_default_css(name: &str) -> String {
    std::fs::read_to_string(repo().join("themes/default/css").join(name)).unwrap()
}

#[test]
fn videos_are_served_in_byte_ranges_for_seeking() {
    let (_tmp, site) = fixture("basic");
    let clip = repo().join("content/portfolios/manee-jaingam/dpa/คลิปการสอน.mp4");
    std::fs::copy(&clip, site.join("content/guides/clip.mp4")).unwrap();
    let len = std::fs::metadata(&clip).unwrap().len();
    let server = Server::start(&site);
    let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET /guides/clip.mp4 HTTP/1.1\r\nHost: x\r\nRange: bytes=100-199\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&buf[..split]).to_lowercase();
    assert!(head.starts_with("http/1.1 206"), "{head}");
    assert!(head.contains(&format!("content-range: bytes 100-199/{len}")), "{head}");
    assert!(head.contains("accept-ranges: bytes"), "{head}");
    assert_eq!(&buf[split + 4..], &std::fs::read(&clip).unwrap()[100..200]);
}

/// A copy of the repository's own site (content and themes), the one the
/// README's first command serves.
fn default_site() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    for dir in ["content", "themes"] {
        copy_dir(&repo().join(dir), &site.join(dir));
    }
    (tmp, site)
}

/// Counts `event: reload` lines arriving on `events` within `within`.
fn reloads_within(events: &mut Events, within: Duration) -> usize {
    let deadline = Instant::now() + within;
    let mut n = 0;
    let mut line = String::new();
    while Instant::now() < deadline {
        let left = deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(10));
        events.reader.get_ref().set_read_timeout(Some(left)).unwrap();
        line.clear();
        match events.reader.read_line(&mut line) {
            Ok(0) => panic!("event stream closed"),
            Ok(_) if line.contains("event: reload") => n += 1,
            Ok(_) => {}
            Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {}
            Err(e) => panic!("reading events: {e}"),
        }
    }
    events.reader.get_ref().set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    n
}

/// Issue 9: the watcher reacted to file opens, so each rebuild's own reads
/// started the next one (92 rebuilds in 10 s with no edit).
#[test]
fn idle_serve_does_not_rebuild_regression() {
    let (_tmp, site) = default_site();
    let server = Server::start(&site);
    let mut events = Events::open(server.port);
    // Browsers ask for pages (the server reads nothing from content/ for that,
    // but a build does): let some requests happen while idle.
    assert_eq!(get(server.port, "/").0, 200);
    let reloads = reloads_within(&mut events, Duration::from_secs(10));
    let rebuilds = server.rebuilds();
    eprintln!("idle 10 s: {rebuilds} rebuilds, {reloads} reload events");
    assert_eq!(rebuilds, 0, "an idle serve rebuilt: {:?}", server.lines.lock().unwrap());
    assert_eq!(reloads, 0, "an idle serve reloaded browsers");

    // A save still rebuilds once and reloads.
    let page = walkdir::WalkDir::new(site.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "md") && e.file_name() != "_index.md")
        .unwrap()
        .into_path();
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{text}\n\nย่อหน้าที่แก้ไข krufolio-idle-test\n")).unwrap();
    events.wait_for("event: reload");
    // Nothing more follows the one save.
    let more = reloads_within(&mut events, Duration::from_secs(3));
    assert_eq!(server.rebuilds(), 1, "{:?}", server.lines.lock().unwrap());
    assert_eq!(more, 0, "one save, one reload");
}

/// A raw request with any method; returns the response head (lowercased).
fn request_head(port: u16, method: &str, path: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).to_lowercase();
    text.split("\r\n\r\n").next().unwrap_or_default().to_string()
}

/// Issue 9: serve answered POST, PUT and DELETE with 200.
#[test]
fn only_get_and_head_are_answered_regression() {
    let (_tmp, site) = fixture("basic");
    let server = Server::start(&site);
    for path in ["/", "/guides/writing/", "/__krufolio/livereload.js", "/no-such-page"] {
        for method in ["POST", "PUT", "DELETE", "PATCH"] {
            let head = request_head(server.port, method, path);
            assert!(head.starts_with("http/1.1 405"), "{method} {path}: {head}");
            assert!(head.contains("allow: get") && head.contains("head"), "{method} {path}: {head}");
        }
    }
    assert!(request_head(server.port, "HEAD", "/").starts_with("http/1.1 200"));
    assert!(request_head(server.port, "GET", "/").starts_with("http/1.1 200"));
}

/// Issue 9: `serve --bind 0.0.0.0` printed "serving at http://127.0.0.1…"
/// and no warning that the whole network can read the site.
#[test]
fn bind_all_prints_the_real_address_and_warns_regression() {
    use std::process::{Command, Stdio};
    let (_tmp, site) = fixture("basic");
    // The address line serve prints, and all it wrote on stderr by then.
    let started = |extra: &[&str]| -> (String, String) {
        let mut child = Command::new(env!("CARGO_BIN_EXE_krufolio"))
            .args(["--root", site.to_str().unwrap(), "serve", "--port", "0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let line =
            stdout.lines().map_while(Result::ok).find(|l| l.contains("serving at")).expect("address line");
        let _ = child.kill();
        let _ = child.wait();
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        (line, err)
    };
    let (line, err) = started(&["--bind", "0.0.0.0"]);
    assert!(line.contains("serving at http://0.0.0.0:"), "{line}");
    assert!(err.contains("everyone on the network") && err.contains("ทุกคนในเครือข่าย"), "{err}");
    assert!(err.contains("--bind 127.0.0.1"), "names the fix: {err}");

    // The default (loopback) bind prints no such warning.
    let (line, err) = started(&[]);
    assert!(line.contains("serving at http://127.0.0.1:"), "{line}");
    assert!(!err.contains("everyone on the network"), "{err}");
}

/// Issue 11: every save re-rendered the whole site and re-indexed every page before the
/// browser reloaded (12.8 s at 2,000 pages with search on). A body edit now re-renders that
/// page alone, the reload does not wait for the index, and the index follows in the
/// background (searched here in chromium); a title edit still rebuilds what shows the title.
#[test]
fn a_saved_page_rerenders_alone_and_search_follows_in_the_background_regression() {
    let (_tmp, site) = default_site();
    let server = Server::start(&site);
    let port = server.port;
    // The server prints before it swaps, but the test reads its lines on another thread:
    // wait until `n` lines hold `what`.
    let printed = |what: &str, n: usize| {
        eventually(|| server.lines.lock().unwrap().iter().filter(|l| l.contains(what)).count() >= n)
    };
    let ready = |n: usize| printed("search index ready", n);
    assert!(ready(1), "the first index is made in the background: {:?}", server.lines.lock().unwrap());
    let mut events = Events::open(port);
    let page = site.join("content/guide/commands.md");
    let original = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, format!("{original}\n\nย่อหน้าใหม่ krufoliofastpath\n")).unwrap();
    events.wait_for("event: reload");
    assert!(get(port, "/guide/commands/").1.contains("krufoliofastpath"), "served at the reload");
    assert!(printed("/ rebuilt", 1), "{:?}", server.lines.lock().unwrap());
    let lines = server.lines.lock().unwrap().clone();
    let rebuilt: Vec<&String> = lines.iter().filter(|l| l.ends_with("/ rebuilt")).collect();
    assert_eq!(rebuilt.len(), 1, "{lines:?}");
    assert!(rebuilt[0].contains("(หน้าเดียว / one page)"), "a body edit re-renders one page: {lines:?}");
    assert!(ready(2), "the index follows: {:?}", server.lines.lock().unwrap());
    let last = server
        .lines
        .lock()
        .unwrap()
        .iter()
        .rev()
        .find(|l| l.contains("search index ready"))
        .cloned()
        .unwrap();
    assert!(last.contains(" 1 of 1 shards re-indexed"), "{last}");
    if http::browser_tools(&["playwright-core"]) {
        let o = http::browser_script("search.mjs", [server.url().as_str(), "krufoliofastpath"]);
        let log = text(&o);
        assert!(o.status.success(), "{log}");
        let line = &http::json_lines(&o)[0];
        assert_eq!(line["results"][0], "/guide/commands/", "the new word is found: {log}");
    }

    // A new title shows in menus and lists of other pages: the ordinary rebuild.
    let edited = std::fs::read_to_string(&page).unwrap();
    let retitled = edited.replacen("title: ", "title: ฉบับใหม่ ", 1);
    assert_ne!(retitled, edited, "the page has a title line");
    std::fs::write(&page, retitled).unwrap();
    events.wait_for("event: reload");
    assert!(eventually(|| get(port, "/guide/").1.contains("ฉบับใหม่")), "the section list shows the new title");
    assert!(printed("/ rebuilt", 2), "{:?}", server.lines.lock().unwrap());
    let lines = server.lines.lock().unwrap().clone();
    let last = lines.iter().rev().find(|l| l.ends_with("/ rebuilt")).unwrap();
    assert!(!last.contains("one page"), "{lines:?}");
}

/// `serve --port 0` on `site` with stdout and stderr piped, after its address
/// line: the child and its stdout lines.
fn serve_piped(site: &std::path::Path) -> (std::process::Child, impl Iterator<Item = String>) {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_krufolio"))
        .args(["--root", site.to_str().unwrap(), "serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines().map_while(Result::ok);
    assert!(lines.by_ref().any(|l| l.contains("serving at")), "address line");
    (child, lines)
}

/// Issue 12: serve printed no build warnings (a Windows-874 page, pasted text it cannot
/// read), though `build` does. Each warning is now printed once per session: at the first
/// build, or at the rebuild that brought it, and never again on later rebuilds.
#[test]
fn serve_prints_each_build_warning_once_regression() {
    let (_tmp, site) = fixture("basic");
    // "ข้อความภาษาไทย" in Windows-874 (TIS-620 bytes).
    let ansi = |title: &str| -> Vec<u8> {
        let mut b = format!("---\ntitle: {title}\n---\n\n").into_bytes();
        b.extend_from_slice(&[
            0xA2, 0xE9, 0xCD, 0xA4, 0xC7, 0xD2, 0xC1, 0xC0, 0xD2, 0xC9, 0xD2, 0xE4, 0xB7, 0xC2, b'\n',
        ]);
        b
    };
    std::fs::write(site.join("content/ansi-one.md"), ansi("one")).unwrap();
    let (mut child, mut lines) = serve_piped(&site);
    std::fs::write(site.join("content/ansi-two.md"), ansi("two")).unwrap();
    assert!(lines.by_ref().any(|l| l.contains("rebuilt")), "a rebuild for the new page");
    std::fs::write(site.join("content/ansi-one.md"), ansi("one again")).unwrap();
    assert!(lines.by_ref().any(|l| l.contains("rebuilt")), "a rebuild for the edit");
    let _ = child.kill();
    let _ = child.wait();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    for page in ["content/ansi-one.md", "content/ansi-two.md"] {
        let n = err.matches(&format!("warning: {page}")).count();
        assert_eq!(n, 1, "{page} warned {n} times:\n{err}");
    }
    assert!(err.contains("Windows-874") && err.contains("UTF-8"), "{err}");
}

/// Issue 12: serve printed no lint findings, so a teacher previewing a portfolio
/// learned nothing of what the committee will miss. The first build prints the totals;
/// a save that brings a finding prints it (file, Thai and English, the fix), and a save
/// that mends it says so.
#[test]
fn serve_prints_new_lint_findings_and_fixed_ones_regression() {
    let (_tmp, site) = clean_site();
    let kru = site.join("content/portfolios/kru-clean");
    let (mut child, mut lines) = serve_piped(&site);
    let photo = kru.join("ภาพกิจกรรมกลุ่ม.jpg");
    std::fs::copy(kru.join("3.3 นำความรู้มาใช้/นักเรียนเล่นเกมบัตรคำ.jpg"), &photo).unwrap();
    assert!(lines.by_ref().any(|l| l.contains("rebuilt")), "a rebuild for the new photo");
    std::fs::remove_file(&photo).unwrap();
    assert!(lines.by_ref().any(|l| l.contains("rebuilt")), "a rebuild for the removal");
    let _ = child.kill();
    let _ = child.wait();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert!(err.contains("lint: 1 portfolios checked: 0 errors, 0 warnings"), "the totals at start:\n{err}");
    let found = err.find("lint found:").unwrap_or_else(|| panic!("the new finding:\n{err}"));
    let rest = &err[found..];
    assert!(rest.contains("C004 evidence-not-filed") && rest.contains("ภาพกิจกรรมกลุ่ม.jpg"), "{err}");
    assert!(
        rest.contains("shows on no page") && rest.contains("fix: move it into an indicator folder"),
        "{err}"
    );
    assert_eq!(err.matches("lint found:").count(), 1, "printed once:\n{err}");
    // C004 and the photo's R004 (no consent recorded) go with it.
    assert!(err.contains("lint: 2 findings fixed"), "the removal mends both:\n{err}");
}

/// A raw GET with extra header lines; returns (status, head lowercased, body).
fn get_with(port: u16, path: &str, headers: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{headers}Connection: close\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let split = buf.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&buf[..split]).to_lowercase();
    let status = head.split(' ').nth(1).unwrap_or("0").parse().unwrap_or(0);
    (status, head.clone(), buf[split + 4..].to_vec())
}

fn etag(head: &str) -> String {
    let line = head.lines().find(|l| l.starts_with("etag:")).unwrap_or_else(|| panic!("no etag: {head}"));
    line["etag:".len()..].trim().to_string()
}

/// Issue 11: every answer was `no-store`, so each live reload downloaded and
/// decoded the theme's fonts and stylesheet again. Now an unchanged file is a
/// 304 without a body, a changed one is sent again, and a review build's
/// answers are still never stored.
#[test]
fn unchanged_files_are_revalidated_and_review_answers_never_stored_regression() {
    let (_tmp, site) = fixture("basic");
    let clip = repo().join("content/portfolios/manee-jaingam/dpa/คลิปการสอน.mp4");
    std::fs::copy(&clip, site.join("content/guides/clip.mp4")).unwrap();
    let server = Server::start(&site);
    let port = server.port;
    for path in ["/", "/style.css", "/guides/clip.mp4"] {
        let (status, head, body) = get_with(port, path, "");
        assert_eq!(status, 200, "{path}: {head}");
        assert!(head.contains("cache-control: no-cache"), "{path}: {head}");
        assert!(!body.is_empty());
        let tag = etag(&head);
        let (status, head, body) = get_with(port, path, &format!("If-None-Match: {tag}\r\n"));
        assert_eq!(status, 304, "{path}: {head}");
        assert!(body.is_empty(), "{path}: a 304 has no body");
        let (status, _, _) = get_with(port, path, "If-None-Match: \"other\"\r\n");
        assert_eq!(status, 200, "{path}: another copy is sent the file");
    }
    // An edited page has a new tag: the browser's old copy gets the new text.
    let (_, head, _) = get_with(port, "/guides/writing/", "");
    let old = etag(&head);
    let page = site.join("content/guides/writing.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("หลักการเขียนข้อตกลง", "หลักการเขียนข้อตกลงฉบับใหม่")).unwrap();
    assert!(eventually(|| {
        let (status, _, body) = get_with(port, "/guides/writing/", &format!("If-None-Match: {old}\r\n"));
        status == 200 && String::from_utf8_lossy(&body).contains("หลักการเขียนข้อตกลงฉบับใหม่")
    }));
    drop(server);

    let review = Server::start_with(&site, &["--audience", "review"]);
    for path in ["/", "/style.css", "/guides/clip.mp4"] {
        let (status, head, _) = get_with(review.port, path, "If-None-Match: *\r\n");
        assert_eq!(status, 200, "{path}: {head}");
        assert!(head.contains("cache-control: no-store") && !head.contains("etag:"), "{path}: {head}");
    }
}
