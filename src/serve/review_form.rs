//! The local review form of `serve --audience review` (issue 13, item 3):
//! `POST /__krufolio/review` sets one status, comment or level in one
//! reviewer's file `reviews/<slug>/<reviewer-id>.yaml` and appends a history
//! entry. Only on a loopback address; every request must carry the session's
//! token (`X-Krufolio-Token`, put into the review pages as a `<meta>`), and
//! its `Host` and `Origin` must be the loopback server's, so no other site
//! (nor a rebinding DNS name) can write. Writes are serialised by one lock and
//! atomic ([`crate::fs::write_atomic`]); a file that does not parse is never
//! overwritten; nothing under `content/` and no other reviewer's file is touched.

use std::path::PathBuf;
use std::sync::Mutex;

use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;

use crate::portfolio::model::{normalize_code, DateText};
use crate::review::model::{Entry, HistoryEntry, Level, ReviewFile, ReviewScores, Status};

/// The route.
pub const PATH: &str = "/__krufolio/review";

/// The session: its token, the site root and the write lock.
pub struct Form {
    token: String,
    root: PathBuf,
    content_dir: PathBuf,
    lock: Mutex<()>,
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
    /// A status id.
    #[serde(default)]
    pub status: Option<String>,
    /// A comment (Markdown).
    #[serde(default)]
    pub comment: Option<String>,
    /// A Part 1 level 1–4.
    #[serde(default)]
    pub level: Option<String>,
}

impl Form {
    /// A new session with a random token.
    pub fn new(root: PathBuf, content_dir: PathBuf) -> anyhow::Result<Form> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no random token: {e}"))?;
        let token = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Form { token, root, content_dir, lock: Mutex::new(()) })
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

    /// Checks and applies one change: the status code and a bilingual answer.
    pub fn post(&self, headers: &HeaderMap, port: u16, body: &[u8]) -> (StatusCode, String) {
        if let Err(why) = self.allowed(headers, port) {
            return (StatusCode::FORBIDDEN, why.into());
        }
        let change: Change = match serde_json::from_slice(body) {
            Ok(c) => c,
            Err(e) => return (StatusCode::BAD_REQUEST, format!("คำขอไม่ถูกต้อง / bad request: {e}")),
        };
        match self.apply(&change) {
            Ok(path) => (StatusCode::OK, format!("บันทึกแล้ว / saved {path}")),
            Err((code, why)) => (code, why),
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

    fn apply(&self, c: &Change) -> Result<String, (StatusCode, String)> {
        let bad = |th: &str, en: &str| (StatusCode::BAD_REQUEST, format!("{th} / {en}"));
        let id_ok = !c.reviewer_id.is_empty()
            && c.reviewer_id.len() <= 64
            && c.reviewer_id.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-');
        if !id_ok {
            return Err(bad("รหัสผู้ตรวจใช้ได้เฉพาะ a-z 0-9 -", "the reviewer id may hold only a-z, 0-9 and -"));
        }
        let known = crate::portfolio::load::slugs(&self.content_dir);
        if !known.contains(&c.slug) || !crate::portfolio::load::publishable_slug(&c.slug) {
            return Err(bad("ไม่มีแฟ้มนี้", "no such portfolio"));
        }
        let code = if c.code == "challenge" {
            None
        } else {
            Some(normalize_code(&c.code).ok_or_else(|| bad("รหัสตัวชี้วัดไม่ถูกต้อง", "bad indicator code"))?)
        };
        let status = match c.status.as_deref().filter(|s| !s.is_empty()) {
            Some(s) => Some(Status::parse(s).ok_or_else(|| bad("สถานะไม่ถูกต้อง", "bad status"))?),
            None => None,
        };
        let level = c.level.as_deref().filter(|s| !s.is_empty()).map(|l| Level::Text(l.into()));
        if level.as_ref().is_some_and(|l| !l.valid()) || (level.is_some() && code.is_none()) {
            return Err(bad("คะแนนต้องเป็นระดับ 1–4 ของตัวชี้วัด", "a level is 1–4, for an indicator"));
        }
        if status.is_none() && level.is_none() && c.comment.is_none() {
            return Err(bad("ไม่มีสิ่งที่เปลี่ยน", "nothing to change"));
        }
        let dir = self.root.join(crate::review::DIR).join(&c.slug);
        let path = dir.join(format!("{}.yaml", c.reviewer_id));
        let shown = format!("{}/{}/{}.yaml", crate::review::DIR, c.slug, c.reviewer_id);
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        let mut file = if path.exists() {
            crate::review::load::read(&path, shown.clone())
                .file
                .map_err(|d| (StatusCode::CONFLICT, format!("แก้ไฟล์ที่เขียนผิดก่อน / fix the file first: {d}")))?
        } else {
            ReviewFile { reviewer: c.reviewer.trim().to_string(), ..ReviewFile::default() }
        };
        let what = change(&mut file, code.as_deref(), status, c.comment.as_deref(), level);
        let today = {
            use chrono::Datelike;
            let t = chrono::Local::now().date_naive();
            crate::date::Date::from_ce(t.year(), t.month(), t.day()).map(|d| d.iso()).unwrap_or_default()
        };
        file.history.push(HistoryEntry { when: DateText::Text(today), who: Some(c.reviewer.clone()), what });
        let text =
            crate::yaml::to_string(&file).map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        crate::fs::create_dir_all(&dir)
            .and_then(|_| crate::fs::write_atomic(&path, text.as_bytes()))
            .map_err(|e| (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
        Ok(shown)
    }
}

/// Adds the form's route to `router` when there is a session.
pub fn route(form: Option<std::sync::Arc<Form>>, port: u16, router: axum::Router) -> axum::Router {
    let Some(form) = form else { return router };
    router.route(
        PATH,
        axum::routing::post(move |headers: HeaderMap, body: axum::body::Bytes| {
            let form = form.clone();
            async move {
                let (code, text) = tokio::task::spawn_blocking(move || form.post(&headers, port, &body))
                    .await
                    .unwrap_or((StatusCode::INTERNAL_SERVER_ERROR, "internal error".into()));
                (code, [(axum::http::header::CONTENT_TYPE, "text/plain; charset=utf-8")], text)
            }
        }),
    )
}

/// Applies the change to the file; returns the history text.
fn change(
    file: &mut ReviewFile,
    code: Option<&str>,
    status: Option<Status>,
    comment: Option<&str>,
    level: Option<Level>,
) -> String {
    let label = code.map(|c| format!("ตัวชี้วัด {c}")).unwrap_or_else(|| "ประเด็นท้าทาย".into());
    let entry: &mut Entry = match code {
        Some(c) => {
            let key = file.indicators.keys().find(|k| normalize_code(k).as_deref() == Some(c)).cloned();
            file.indicators.entry(key.unwrap_or_else(|| c.to_string())).or_default()
        }
        None => file.challenge.get_or_insert_with(Entry::default),
    };
    let mut what = Vec::new();
    if let Some(s) = status {
        entry.status = Some(s.id().into());
        what.push(format!("สถานะ {}", s.thai()));
    }
    if let Some(t) = comment {
        entry.comment = Some(t.to_string());
        what.push("ความเห็น".to_string());
    }
    if let (Some(l), Some(c)) = (level, code) {
        what.push(format!("คะแนน {}", l.shown()));
        file.scores.get_or_insert_with(ReviewScores::default).part1.insert(c.to_string(), l);
    }
    format!("{label}: {}", what.join(", "))
}
