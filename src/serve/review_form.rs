//! The local review form of `serve --audience review` (issue 13, item 3):
//! one form per indicator and the challenge. `GET /__krufolio/review?slug=&id=`
//! gives one reviewer's current values and the hash of their file (the
//! prefill); `POST /__krufolio/review` sets one entry (status, comment, Part 1
//! level; Part 2 levels on the challenge) in that reviewer's file
//! `reviews/<slug>/<reviewer-id>.yaml` and appends a history entry, unless the
//! file changed since the prefill (its hash differs: 409, nothing written, so
//! an outside edit or another tab's save is never lost). Only on a loopback address; every request must carry the session's
//! token (`X-Krufolio-Token`, put into the review pages as a `<meta>`), and
//! its `Host` and `Origin` must be the loopback server's, so no other site
//! (nor a rebinding DNS name) can write. Writes are serialised by one lock and
//! atomic ([`crate::fs::write_atomic`]); a file that does not parse is never
//! overwritten; nothing under `content/` and no other reviewer's file is touched.

mod edit;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;

use crate::portfolio::model::DateText;
use crate::review::model::{HistoryEntry, ReviewFile};
use edit::{Edit, Refusal};

/// The watcher's channel, to which a save reports the file it created.
pub type Nudge = std::sync::mpsc::Sender<notify::Result<notify::Event>>;

/// The response header holding the file's hash after a save.
pub const HASH_HEADER: &str = "x-krufolio-review-hash";

/// The route.
pub const PATH: &str = "/__krufolio/review";

/// The session: its token, the site root and the write lock.
pub struct Form {
    token: String,
    root: PathBuf,
    content_dir: PathBuf,
    lock: Mutex<()>,
    nudge: Mutex<Option<Nudge>>,
}

/// One change, as the page posts it (JSON).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The portfolio.
    pub slug: String,
    /// The reviewer id (the file's stem): `a-z`, `0-9`, `-`.
    pub reviewer_id: String,
    /// The reviewer's name (used when the file is new).
    pub reviewer: String,
    /// An indicator code, or `challenge`.
    pub code: String,
    /// The hash of the file the form was filled from (`""`: there was none);
    /// a save over a file changed since then is refused (409).
    pub base: String,
    /// A status id.
    #[serde(default)]
    pub status: Option<String>,
    /// A comment (Markdown).
    #[serde(default)]
    pub comment: Option<String>,
    /// A Part 1 level 1–4 (indicators only).
    #[serde(default)]
    pub level: Option<String>,
    /// Part 2 method level (the challenge only).
    #[serde(default)]
    pub method: Option<String>,
    /// Part 2 quantitative outcome level (the challenge only).
    #[serde(default)]
    pub quantitative: Option<String>,
    /// Part 2 qualitative outcome level (the challenge only).
    #[serde(default)]
    pub qualitative: Option<String>,
}

impl Form {
    /// A new session with a random token.
    pub fn new(root: PathBuf, content_dir: PathBuf) -> anyhow::Result<Form> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no random token: {e}"))?;
        let token = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Form { token, root, content_dir, lock: Mutex::new(()), nudge: Mutex::new(None) })
    }

    /// The session of `serve`: only for `--audience review` on a loopback
    /// address (else `None`: no form, no route).
    pub fn for_serve(
        opts: &crate::config::Options,
        addr: std::net::SocketAddr,
    ) -> anyhow::Result<Option<Form>> {
        if opts.audience != Some(crate::config::Audience::Review) {
            return Ok(None);
        }
        if !addr.ip().is_loopback() {
            println!("แบบฟอร์มบันทึกผลการตรวจเปิดเฉพาะที่ 127.0.0.1 / the review form is offered on 127.0.0.1 only (--bind 127.0.0.1)");
            return Ok(None);
        }
        let root = opts.root.clone().unwrap_or_else(|| ".".into());
        let root = root.canonicalize().unwrap_or(root);
        Ok(Some(Form::new(root.clone(), root.join("content"))?))
    }

    /// A review page with the session's `<meta>` before `</head>`.
    pub fn with_meta(&self, html: Vec<u8>) -> Vec<u8> {
        let meta = format!("<meta name=\"krufolio-review-token\" content=\"{}\">", self.token);
        let text = String::from_utf8_lossy(&html);
        match text.find("</head>") {
            Some(i) => format!("{}{meta}{}", &text[..i], &text[i..]).into_bytes(),
            None => html,
        }
    }

    /// Checks and applies one change: the status code, a bilingual answer
    /// and the file's hash after it (empty when refused).
    pub fn post(&self, headers: &HeaderMap, port: u16, body: &[u8]) -> (StatusCode, String, String) {
        if let Err(why) = self.allowed(headers, port) {
            return (StatusCode::FORBIDDEN, why.into(), String::new());
        }
        let change: Change = match serde_json::from_slice(body) {
            Ok(c) => c,
            Err(e) => {
                return (StatusCode::BAD_REQUEST, format!("คำขอไม่ถูกต้อง / bad request: {e}"), String::new())
            }
        };
        match self.apply(&change) {
            Ok(s) if s.changed => (StatusCode::OK, format!("บันทึกแล้ว / saved {}", s.shown), s.hash),
            Ok(s) => (StatusCode::OK, format!("ไม่มีสิ่งที่เปลี่ยน / nothing changed in {}", s.shown), s.hash),
            Err((code, why)) => (code, why, String::new()),
        }
    }

    fn allowed(&self, headers: &HeaderMap, port: u16) -> Result<(), &'static str> {
        let get = |k: &str| headers.get(k).and_then(|v| v.to_str().ok()).unwrap_or("");
        if get("x-krufolio-token") != self.token {
            return Err("ไม่มีรหัสของรอบการทำงานนี้ / missing or wrong session token");
        }
        let hosts = [format!("127.0.0.1:{port}"), format!("localhost:{port}"), format!("[::1]:{port}")];
        if !hosts.iter().any(|h| h == get("host")) {
            return Err("ยอมรับเฉพาะ 127.0.0.1 / only the loopback host is accepted");
        }
        let origin = get("origin");
        if !origin.is_empty() && !hosts.iter().any(|h| origin == format!("http://{h}")) {
            return Err("คำขอจากเว็บไซต์อื่น / a request from another origin");
        }
        Ok(())
    }

    /// Checks the reviewer id and slug: the file's path and its shown name.
    fn target(&self, slug: &str, id: &str) -> Result<(PathBuf, String), Refusal> {
        let bad = |th: &str, en: &str| (StatusCode::BAD_REQUEST, format!("{th} / {en}"));
        let id_ok = !id.is_empty()
            && id.len() <= 64
            && id.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
        if !id_ok {
            return Err(bad("รหัสผู้ตรวจใช้ได้เฉพาะ a-z 0-9 -", "the reviewer id may hold only a-z, 0-9 and -"));
        }
        let known = crate::portfolio::load::slugs(&self.content_dir);
        if !known.iter().any(|k| k == slug) || !crate::portfolio::load::publishable_slug(slug) {
            return Err(bad("ไม่มีแฟ้มนี้", "no such portfolio"));
        }
        let path = self.root.join(crate::review::DIR).join(slug).join(format!("{id}.yaml"));
        Ok((path, format!("{}/{slug}/{id}.yaml", crate::review::DIR)))
    }

    /// The file as it is now and its hash (`""` when there is none yet); a
    /// file that does not parse is refused, never overwritten.
    fn current(path: &Path, shown: &str) -> Result<(Option<ReviewFile>, String), Refusal> {
        if !path.exists() {
            return Ok((None, String::new()));
        }
        let r = crate::review::load::read(path, shown.to_string());
        let hash = hash_of(&r.text);
        let file = r
            .file
            .map_err(|d| (StatusCode::CONFLICT, format!("แก้ไฟล์ที่เขียนผิดก่อน / fix the file first: {d}")))?;
        Ok((Some(file), hash))
    }

    /// The prefill of one reviewer's forms (JSON: `hash`, `reviewer`, `entries`).
    pub fn read(&self, headers: &HeaderMap, port: u16, slug: &str, id: &str) -> (StatusCode, String) {
        if let Err(why) = self.allowed(headers, port) {
            return (StatusCode::FORBIDDEN, why.into());
        }
        let found = self.target(slug, id).and_then(|(path, shown)| {
            let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
            Form::current(&path, &shown)
        });
        match found {
            Ok((file, hash)) => {
                let file = file.unwrap_or_default();
                let json = serde_json::json!({
                    "hash": hash, "reviewer": file.reviewer, "entries": edit::current(&file),
                });
                (StatusCode::OK, json.to_string())
            }
            Err(refused) => refused,
        }
    }

    fn apply(&self, c: &Change) -> Result<Saved, Refusal> {
        let (path, shown) = self.target(&c.slug, &c.reviewer_id)?;
        let edit = Edit::parse(c)?;
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let (file, hash) = Form::current(&path, &shown)?;
        if hash != c.base {
            return Err((StatusCode::CONFLICT, format!(
                "{shown} ถูกแก้ไขหลังจากเปิดหน้านี้ จึงไม่ได้บันทึก โหลดหน้าใหม่แล้วบันทึกอีกครั้ง / {shown} changed since this page was opened, so nothing was saved: reload the page and save again"
            )));
        }
        // A first save that makes `reviews/` tells the watcher, which did not watch it.
        let new_dir = !self.root.join(crate::review::DIR).is_dir();
        let mut file = file.unwrap_or_else(|| ReviewFile {
            reviewer: c.reviewer.trim().to_string(),
            ..ReviewFile::default()
        });
        let Some(what) = edit.apply(&mut file) else {
            return Ok(Saved { shown, hash, changed: false });
        };
        let today = crate::date::Date::today().map(|d| d.iso()).unwrap_or_default();
        file.history.push(HistoryEntry { when: DateText::Text(today), who: Some(c.reviewer.clone()), what });
        let text =
            crate::yaml::to_string(&file).map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        let dir = path.parent().unwrap_or(&self.root);
        crate::fs::create_dir_all(dir)
            .and_then(|_| crate::fs::write_atomic(&path, text.as_bytes()))
            .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        if new_dir {
            self.nudge(&path);
        }
        Ok(Saved { shown, hash: hash_of(&text), changed: true })
    }

    /// Tells the watcher about a new file (its folder is not watched yet).
    fn nudge(&self, path: &Path) {
        let tx = self.nudge.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(tx) = tx.as_ref() {
            let kind = notify::EventKind::Create(notify::event::CreateKind::File);
            let _ = tx.send(Ok(notify::Event::new(kind).add_path(path.to_path_buf())));
        }
    }

    /// Gives the session the watcher's channel (a save that makes `reviews/` reports its file there).
    pub fn set_nudge(&self, tx: Nudge) {
        *self.nudge.lock().unwrap_or_else(|e| e.into_inner()) = Some(tx);
    }
}

/// The hash of a review file's text, as the page carries it (blake3, hex).
pub fn hash_of(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex().to_string()
}

/// A done save.
struct Saved {
    shown: String,
    /// The file's hash after the save.
    hash: String,
    changed: bool,
}

/// Adds the form's routes to `router` when there is a session: `POST` saves,
/// `GET ?slug=…&id=…` reads one reviewer's values for the prefill.
pub fn route(form: Option<std::sync::Arc<Form>>, port: u16, router: axum::Router) -> axum::Router {
    use axum::extract::Query;
    use axum::http::header::CONTENT_TYPE;
    let Some(form) = form else { return router };
    let reader = form.clone();
    let read = move |headers: HeaderMap, Query(q): Query<std::collections::HashMap<String, String>>| {
        let form = reader.clone();
        async move {
            let (code, text) = tokio::task::spawn_blocking(move || {
                let get = |k: &str| q.get(k).map(String::as_str).unwrap_or("");
                form.read(&headers, port, get("slug"), get("id"))
            })
            .await
            .unwrap_or((StatusCode::INTERNAL_SERVER_ERROR, "internal error".into()));
            let ctype = if code == StatusCode::OK { "application/json" } else { "text/plain; charset=utf-8" };
            (code, [(CONTENT_TYPE, ctype)], text)
        }
    };
    let save = move |headers: HeaderMap, body: axum::body::Bytes| {
        let form = form.clone();
        async move {
            let (code, text, hash) = tokio::task::spawn_blocking(move || form.post(&headers, port, &body))
                .await
                .unwrap_or((StatusCode::INTERNAL_SERVER_ERROR, "internal error".into(), String::new()));
            (
                code,
                [
                    (CONTENT_TYPE, "text/plain; charset=utf-8".to_string()),
                    (HASH_HEADER.parse().expect("a header name"), hash),
                ],
                text,
            )
        }
    };
    router.route(PATH, axum::routing::post(save).get(read))
}
