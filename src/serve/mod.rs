//! `krufolio serve`: build in memory, serve the output tree over HTTP, watch
//! the site folder, rebuild only the stages a change touches, and reload
//! open browsers over Server-Sent Events.
//!
//! A failed rebuild keeps serving the last good site, with an overlay naming
//! the file, line and message on every page until the error is fixed. Only
//! the in-memory output tree is served: a request path is a key into it, so
//! `..` and absolute paths cannot reach the disk.

mod fresh;
mod overlay;
pub mod range;
pub mod review_form;
mod search;
pub mod watch;

use std::convert::Infallible;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use axum::body::Body;
use axum::http::{header, Method, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::broadcast;
use tokio_stream::StreamExt as _;

use crate::build::Builder;
use crate::config::Options;
use crate::diagnostic::BuildError;
use crate::output::{Content, Output};
pub use overlay::overlay_html;

/// Path of the live-reload event stream.
pub const EVENTS_PATH: &str = "/__krufolio/events";
/// Path of the live-reload script.
pub const SCRIPT_PATH: &str = "/__krufolio/livereload.js";

const SCRIPT: &str = r#"(function () {
  if (!window.EventSource) return;
  var es = new EventSource("/__krufolio/events");
  es.addEventListener("reload", function () { window.location.reload(); });
})();
"#;

/// What the server shows: the last good output and the current error.
struct Snapshot {
    output: Arc<Output>,
    /// The search bundle, swapped in by [`search::Indexer`] when ready.
    search: Arc<Output>,
    base_path: String,
    error: Option<BuildError>,
}

struct State {
    snap: RwLock<Snapshot>,
    tx: broadcast::Sender<u64>,
    /// The local review form's session (`--audience review` on loopback only).
    form: Option<Arc<review_form::Form>>,
    /// What the browser may keep of the answers ([`fresh`]).
    policy: fresh::Policy,
}

fn inject(html: &[u8], error: Option<&BuildError>) -> Vec<u8> {
    let mut extra = format!("<script src=\"{SCRIPT_PATH}\"></script>");
    if let Some(e) = error {
        extra.push_str(&overlay_html(e));
    }
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{}{}", &text[..i], extra, &text[i..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

use crate::output::mime::content_type;

use range::{parse_range, MAX_RANGE};

/// Serves a copied file: byte ranges (video seeking), and never the whole
/// of a large file in one response.
async fn serve_file(
    path: &std::path::Path,
    ctype: &'static str,
    request: &axum::http::HeaderMap,
    policy: fresh::Policy,
) -> Response {
    use tokio::io::{AsyncReadExt, AsyncSeekExt};
    let Ok(mut file) = tokio::fs::File::open(path).await else {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    };
    let Ok(meta) = file.metadata().await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "read error").into_response();
    };
    let (len, etag) = (meta.len(), fresh::of_file(&meta));
    let range = request.get(header::RANGE).and_then(|v| v.to_str().ok());
    if range.is_none() {
        if let Some(r) = fresh::not_modified(request, &etag, policy) {
            return r;
        }
    }
    let wanted = match range {
        Some(r) => match parse_range(r, len) {
            Some(x) => Some(x),
            None => {
                return Response::builder()
                    .status(StatusCode::RANGE_NOT_SATISFIABLE)
                    .header(header::CONTENT_RANGE, format!("bytes */{len}"))
                    .body(Body::empty())
                    .expect("valid response")
            }
        },
        // A large file without a range: answer the first part as a range.
        None if len > MAX_RANGE => Some((0, MAX_RANGE - 1)),
        None => None,
    };
    let (start, end) = wanted.unwrap_or((0, len.saturating_sub(1)));
    let mut buf = vec![0; if len == 0 { 0 } else { (end - start + 1) as usize }];
    if file.seek(std::io::SeekFrom::Start(start)).await.is_err() || file.read_exact(&mut buf).await.is_err() {
        return (StatusCode::INTERNAL_SERVER_ERROR, "read error").into_response();
    }
    let mut resp = fresh::headers(
        Response::builder().header(header::CONTENT_TYPE, ctype).header(header::ACCEPT_RANGES, "bytes"),
        &etag,
        policy,
    );
    resp = match wanted {
        Some(_) => resp
            .status(StatusCode::PARTIAL_CONTENT)
            .header(header::CONTENT_RANGE, format!("bytes {start}-{end}/{len}")),
        None => resp.status(StatusCode::OK),
    };
    resp.body(Body::from(buf)).expect("valid response")
}

async fn serve_path(state: Arc<State>, uri: Uri, headers: axum::http::HeaderMap) -> Response {
    let (output, search, base_path, error) = {
        let s = state.snap.read().expect("snapshot lock");
        (s.output.clone(), s.search.clone(), s.base_path.clone(), s.error.clone())
    };
    let raw = crate::content::slug::decode(uri.path());
    let rel = raw.strip_prefix(base_path.as_str()).or_else(|| raw.strip_prefix('/')).unwrap_or(&raw);
    // Folders without a trailing slash redirect, so relative links work.
    if !rel.is_empty()
        && !rel.ends_with('/')
        && !output.files.contains_key(rel)
        && output.files.contains_key(&format!("{rel}/index.html"))
    {
        return Response::builder()
            .status(StatusCode::MOVED_PERMANENTLY)
            .header(header::LOCATION, format!("{}/", uri.path()))
            .body(Body::empty())
            .expect("valid response");
    }
    let found = output.lookup(rel).or_else(|| search.lookup(rel)).map(|(k, c)| (k.to_string(), c.clone()));
    let (status, key, content) = match found {
        Some((k, c)) => (StatusCode::OK, k, c),
        None => match output.files.get("404.html") {
            Some(c) => (StatusCode::NOT_FOUND, "404.html".to_string(), c.clone()),
            None => {
                let body = match &error {
                    Some(e) => inject(b"<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>krufolio</title></head><body></body></html>", Some(e)),
                    None => b"404".to_vec(),
                };
                let status =
                    if error.is_some() { StatusCode::INTERNAL_SERVER_ERROR } else { StatusCode::NOT_FOUND };
                return (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response();
            }
        },
    };
    let ctype = content_type(&key);
    let bytes = match content {
        Content::Bytes(b) => b.to_vec(),
        Content::Copy(p) if !ctype.starts_with("text/html") => {
            return serve_file(&p, ctype, &headers, state.policy).await;
        }
        Content::Copy(p) => match tokio::fs::read(&p).await {
            Ok(b) => b,
            Err(_) => return (StatusCode::NOT_FOUND, "not found").into_response(),
        },
        // `serve` builds in memory: nothing of its output is staged on disk.
        Content::Staged(_) => return (StatusCode::INTERNAL_SERVER_ERROR, "staged").into_response(),
    };
    let mut body = if ctype.starts_with("text/html") { inject(&bytes, error.as_ref()) } else { bytes };
    if let Some(f) =
        state.form.as_ref().filter(|_| ctype.starts_with("text/html") && rel.starts_with("review/"))
    {
        body = f.with_meta(body);
    }
    let etag = fresh::of_bytes(&body);
    if status == StatusCode::OK {
        if let Some(r) = fresh::not_modified(&headers, &etag, state.policy) {
            return r;
        }
    }
    fresh::headers(
        Response::builder().status(status).header(header::CONTENT_TYPE, ctype),
        &etag,
        state.policy,
    )
    .body(Body::from(body))
    .expect("valid response")
}

async fn events(state: Arc<State>) -> Sse<impl tokio_stream::Stream<Item = Result<Event, Infallible>>> {
    let rx = state.tx.subscribe();
    let hello = tokio_stream::once(Ok(Event::default().event("hello").data("krufolio")));
    let reloads = tokio_stream::wrappers::BroadcastStream::new(rx)
        .map(|v| Ok(Event::default().event("reload").data(v.map(|n| n.to_string()).unwrap_or_default())));
    Sse::new(hello.chain(reloads)).keep_alive(KeepAlive::default())
}

fn print_error(e: &BuildError) {
    eprintln!("{e}");
}

/// What this session has printed: build warnings and lint findings.
#[derive(Default)]
struct Printed {
    warnings: std::collections::HashSet<String>,
    /// The last build's findings, as printed (`None` before the first build).
    findings: Option<std::collections::HashSet<String>>,
    /// The report they were printed from (a rebuild that kept it prints nothing).
    report: Option<Arc<crate::lint::Report>>,
}

/// Prints the build's warnings (a Windows-874 page, pasted text krufolio cannot
/// read …) that this session has not printed yet, so a rebuild never repeats
/// them and an idle server stays quiet; then the lint totals (first build) or
/// each finding a save brought and how many it fixed; returns the output.
fn with_warnings(
    printed: &mut Printed,
    result: Result<(Output, crate::build::Stats), BuildError>,
) -> Result<Output, BuildError> {
    result.map(|(output, stats)| {
        for w in &stats.warnings {
            let text = w.to_string();
            if printed.warnings.insert(text.clone()) {
                eprintln!("warning: {text}");
            }
        }
        if let Some(report) = &stats.lint {
            print_findings(printed, report);
        }
        output
    })
}

fn print_findings(printed: &mut Printed, report: &Arc<crate::lint::Report>) {
    use crate::lint::output::human;
    // A page edit (`Builder::patch_pages`) keeps the portfolio stage and its report.
    if printed.report.as_ref().is_some_and(|r| Arc::ptr_eq(r, report)) {
        return;
    }
    printed.report = Some(report.clone());
    let shown: Vec<String> = report.findings.iter().map(human::one).collect();
    match &printed.findings {
        None => {
            if let Some(line) = human::totals_line(report) {
                eprintln!("{line}");
            }
        }
        Some(before) => {
            let new: String = shown.iter().filter(|f| !before.contains(*f)).map(String::as_str).collect();
            if !new.is_empty() {
                eprint!("ตรวจแฟ้มพบ / lint found:\n{new}");
            }
            let now: std::collections::HashSet<&String> = shown.iter().collect();
            let fixed = before.iter().filter(|f| !now.contains(f)).count();
            if fixed > 0 {
                eprintln!("ตรวจแฟ้ม: แก้แล้ว {fixed} รายการ / lint: {fixed} findings fixed");
            }
        }
    }
    printed.findings = Some(shown.into_iter().collect());
}

/// The site is read-only: anything but GET and HEAD is refused.
fn method_not_allowed() -> Response {
    Response::builder()
        .status(StatusCode::METHOD_NOT_ALLOWED)
        .header(header::ALLOW, "GET, HEAD")
        .body(Body::from("405 method not allowed"))
        .expect("valid response")
}

/// Prints the address serve really listens on, after a warning when it is
/// not this machine only.
fn announce(addr: std::net::SocketAddr, url: &str) {
    let ip = addr.ip();
    let bound = match ip {
        std::net::IpAddr::V6(v6) => format!("[{v6}]:{}", addr.port()),
        std::net::IpAddr::V4(v4) => format!("{v4}:{}", addr.port()),
    };
    if !ip.is_loopback() {
        eprintln!(
            "คำเตือน: เปิดรับที่ {bound} ทุกคนในเครือข่ายเดียวกันเปิดอ่านเว็บไซต์นี้ได้ รวมถึงข้อมูลสำหรับกรรมการ (--audience review) \
             ถ้าดูคนเดียวให้ใช้ --bind 127.0.0.1 / warning: listening on {bound}: everyone on the network can read this site, \
             including review data (--audience review); use --bind 127.0.0.1 to keep it on this machine"
        );
    }
    if ip.is_unspecified() {
        println!(
            "เปิดดูได้ที่ / serving at http://{bound}/ — ในเครื่องนี้ / on this machine: {url}  (Ctrl+C เพื่อหยุด / to stop)"
        );
    } else {
        println!("เปิดดูได้ที่ / serving at {url}  (Ctrl+C เพื่อหยุด / to stop)");
    }
}

/// Runs the server until Ctrl+C.
pub fn run(mut opts: Options, bind: &str, port: u16) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind((bind, port))
            .await
            .with_context(|| format!("เปิดพอร์ต {bind}:{port} ไม่ได้ (มีโปรแกรมอื่นใช้อยู่หรือไม่? ลอง --port อื่น) / cannot listen on {bind}:{port}"))?;
        let addr = listener.local_addr()?;
        // Pages link to an address this machine can open.
        let host = if addr.ip().is_unspecified() { "127.0.0.1".to_string() } else { addr.ip().to_string() };
        let host = if host.contains(':') { format!("[{host}]") } else { host };
        opts.serve_addr = Some(format!("{host}:{}", addr.port()));

        let (tx, _) = broadcast::channel(16);
        let state = Arc::new(State {
            snap: RwLock::new(Snapshot {
                output: Arc::new(Output::default()),
                search: Arc::new(Output::default()),
                base_path: "/".into(), error: None }),
            tx,
            form: review_form::Form::for_serve(&opts, addr)?.map(Arc::new),
            policy: fresh::Policy::of(opts.audience),
        });

        let started = Instant::now();
        let mut builder = Builder::new(opts.clone());
        let mut warned = Printed::default();
        apply(&state, with_warnings(&mut warned, builder.build()), &builder, 0);
        let mut indexer = search::Indexer::start(state.clone());
        indexer.submit(builder.searchable_pages());
        let url = format!("http://{host}:{}{}", addr.port(), state.snap.read().expect("lock").base_path);
        match &state.snap.read().expect("lock").error {
            None => println!("สร้างเว็บไซต์เสร็จใน {} ms / built in {} ms", started.elapsed().as_millis(), started.elapsed().as_millis()),
            Some(e) => print_error(e),
        }
        // Watch before saying where to look, so an edit right after the
        // address is printed is never missed.
        let root = builder.config().map(|c| c.root.clone()).or_else(|| opts.root.clone()).unwrap_or_else(|| ".".into());
        let watching = watch_dirs(&root);
        if let (Some(form), Ok((_, _, tx))) = (&state.form, &watching) {
            form.set_nudge(tx.clone());
        }
        announce(addr, &url);
        if let Some(c) = builder.config() {
            match crate::output::recover(c) {
                Ok(back) if !back.is_empty() => println!(
                    "คืนไฟล์ของผู้ใช้ที่ค้างจากการสร้างที่ถูกหยุดกลางคัน / put back your files left by an interrupted build: {}",
                    back.join(", ")
                ),
                Ok(_) => {}
                Err(e) => eprintln!("{e:#}"),
            }
        }

        let watch_state = state.clone();
        std::thread::spawn(move || {
            if let Err(e) = watching.and_then(|(w, rx, _)| watch_loop(builder, indexer, watch_state, w, rx, warned)) {
                eprintln!("การเฝ้าดูไฟล์หยุดทำงาน / file watching stopped: {e:#}");
            }
        });

        let s1 = state.clone();
        let s2 = state.clone();
        let app = review_form::route(state.form.clone(), addr.port(), Router::new())
            .route(EVENTS_PATH, get(move || events(s1.clone())))
            .route(SCRIPT_PATH, get(|| async { ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], SCRIPT) }))
            .route(&format!("{}{{name}}", overlay::FONTS_PATH), get(overlay::font))
            .fallback(move |method: Method, uri: Uri, headers: axum::http::HeaderMap| {
                let state = s2.clone();
                async move {
                    if method != Method::GET && method != Method::HEAD {
                        return method_not_allowed();
                    }
                    serve_path(state, uri, headers).await
                }
            });
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}

fn apply(state: &State, result: Result<Output, BuildError>, builder: &Builder, version: u64) {
    let mut snap = state.snap.write().expect("snapshot lock");
    if let Some(c) = builder.config() {
        snap.base_path = c.base_path.clone();
    }
    match result {
        Ok(o) => {
            snap.output = Arc::new(o);
            snap.error = None;
        }
        Err(e) => snap.error = Some(e),
    }
    drop(snap);
    let _ = state.tx.send(version);
}

/// How long the tree must stay quiet before a batch of changes rebuilds.
const QUIET: Duration = Duration::from_millis(60);
/// How long, when every file written in the batch has been closed (the
/// save is done: inotify's close-after-write), so a saved page shows sooner.
const SETTLED: Duration = Duration::from_millis(8);
/// Longest a stream of changes may delay a rebuild.
const MAX_BATCH: Duration = Duration::from_secs(2);

/// Waits for the next batch of changed paths: blocks until one change
/// arrives, then collects more until the tree is quiet for [`QUIET`], or
/// [`SETTLED`] once every file written has been closed ([`watch::Writes`]).
/// Reads (`Access` events: open, close after reading) are dropped, so the
/// build's own reads never start another build. `None` when the watcher is gone.
fn next_batch(
    rx: &std::sync::mpsc::Receiver<notify::Result<notify::Event>>,
) -> Option<Vec<std::path::PathBuf>> {
    let mut paths = Vec::new();
    let mut first: Option<Instant> = None;
    let mut writes = watch::Writes::default();
    loop {
        let wait = if writes.settled() { SETTLED } else { QUIET };
        let msg = match first {
            None => rx.recv().ok()?,
            Some(t) if t.elapsed() >= MAX_BATCH => return Some(paths),
            Some(_) => match rx.recv_timeout(wait) {
                Ok(m) => m,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => return Some(paths),
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return Some(paths),
            },
        };
        match msg {
            Ok(ev) => {
                writes.see(&ev);
                if watch::is_change(&ev.kind) {
                    paths.extend(ev.paths);
                    first.get_or_insert_with(Instant::now);
                }
            }
            Err(e) => eprintln!("การเฝ้าดูไฟล์ผิดพลาด / watch error: {e}"),
        }
    }
}

type Events = std::sync::mpsc::Receiver<notify::Result<notify::Event>>;

/// Starts watching what the build reads: never `target/`, `.git/` or the
/// output, which can hold more folders than inotify allows.
fn watch_dirs(
    root: &std::path::Path,
) -> anyhow::Result<(notify::RecommendedWatcher, Events, review_form::Nudge)> {
    use notify::{RecursiveMode, Watcher as _};
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(tx.clone())?;
    let mut watched = 0;
    for dir in ["content", "themes", "templates", "static", crate::review::DIR] {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
            watched += 1;
        }
    }
    if watched == 0 {
        watcher.watch(root, RecursiveMode::NonRecursive)?;
    }
    Ok((watcher, rx, tx))
}

/// Rebuilds on each batch of changes until the watcher stops; `_watcher`
/// is kept alive for as long as the loop runs.
fn watch_loop(
    mut builder: Builder,
    mut indexer: search::Indexer,
    state: Arc<State>,
    mut watcher: notify::RecommendedWatcher,
    rx: Events,
    mut warned: Printed,
) -> anyhow::Result<()> {
    let mut version = 1;
    let reviews = builder.config().map(|c| c.root.join(crate::review::DIR));
    let mut reviews_watched = reviews.as_ref().is_some_and(|d| d.is_dir());
    while let Some(paths) = next_batch(&rx) {
        // `reviews/` made by the review form's first save: watch it from now on.
        if let Some(dir) = reviews.as_ref().filter(|d| !reviews_watched && d.is_dir()) {
            use notify::Watcher as _;
            reviews_watched = watcher.watch(dir, notify::RecursiveMode::Recursive).is_ok();
        }
        let kinds = match builder.config() {
            Some(c) => watch::classify_all(c, paths.iter().map(|p| p.as_path())),
            // No config yet (the first build failed early): any change may fix it.
            None => [crate::build::ChangeKind::Config].into_iter().collect(),
        };
        if kinds.is_empty() {
            continue;
        }
        let started = Instant::now();
        // A saved page whose title, front matter and headings are unchanged
        // re-renders alone (build::patch); anything else rebuilds its stages.
        let patched = kinds.len() == 1
            && kinds.contains(&crate::build::ChangeKind::Content)
            && builder.patch_pages(&paths);
        if !patched {
            builder.invalidate(&kinds);
        }
        let result = with_warnings(&mut warned, builder.build());
        let labels: Vec<&str> = kinds.iter().map(|k| k.label()).collect();
        match &result {
            Ok(_) => println!(
                "เปลี่ยนแปลง / changed: {}{} — สร้างใหม่ใน {} ms / rebuilt",
                labels.join(", "),
                if patched { " (หน้าเดียว / one page)" } else { "" },
                started.elapsed().as_millis()
            ),
            Err(e) => print_error(e),
        }
        apply(&state, result, &builder, version);
        indexer.submit(builder.searchable_pages());
        version += 1;
    }
    Ok(())
}
