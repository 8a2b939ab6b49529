//! The local review form (issue 13, item 3): `krufolio serve --audience
//! review` on 127.0.0.1 offers a form on each indicator and the challenge of
//! the checklist page, prefilled with the reviewer's values, that writes only
//! that entry of that reviewer's file `reviews/<slug>/<id>.yaml`, atomically,
//! with a history entry. Checked in chromium (fill, save, live reload, see it
//! prefilled; Part 2 levels; two tabs at once lose nothing) and on the file;
//! requests without the session token or from another origin are refused and
//! change nothing; a save over a file edited outside is refused (409); the
//! first save of a site with no `reviews/` folder still rebuilds the page.

use std::io::{Read, Write};
use std::path::Path;

use crate::common::*;

fn post(port: u16, headers: &[(&str, &str)], body: &str) -> String {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut req = format!("POST /__krufolio/review HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

fn get(port: u16, path: &str) -> String {
    get_with(port, path, "")
}

fn get_with(port: u16, path: &str, token: &str) -> String {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nX-Krufolio-Token: {token}\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    String::from_utf8_lossy(&out).into_owned()
}

fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), std::fs::read(e.path()).unwrap()))
        .collect();
    v.sort();
    v
}

/// The session token a review page carries.
fn token_of(port: u16) -> String {
    let page = get(port, "/review/manee-jaingam/");
    let token =
        page.split("name=\"krufolio-review-token\" content=\"").nth(1).and_then(|s| s.split('"').next());
    token.expect("the review page carries the session token").to_string()
}

/// The hash the form of `id` is prefilled with.
fn hash_of(port: u16, token: &str, id: &str) -> String {
    let r = get_with(port, &format!("/__krufolio/review?slug=manee-jaingam&id={id}"), token);
    assert!(r.starts_with("HTTP/1.1 200"), "{r}");
    let body = r.split("\r\n\r\n").nth(1).unwrap();
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    v["hash"].as_str().unwrap().to_string()
}

#[test]
fn the_review_form_writes_only_that_reviewers_file_and_shows_it() {
    if !http::browser_tools(&["playwright-core"]) {
        return;
    }
    let (_tmp, site, dir) = crate::reviews::repo_site_for_reviews();
    let other = "reviewer: นางวันเพ็ญ แสงทอง\nindicators:\n  \"1.1\": { status: meets }  # a comment kept\n";
    std::fs::write(dir.join("wanpen.yaml"), other).unwrap();
    let content_before = tree(&site.join("content"));

    let server = Server::start_with(&site, &["--audience", "review"]);
    let token = token_of(server.port);
    assert!(
        !get(server.port, "/portfolios/").contains("krufolio-review-token"),
        "only review pages carry it"
    );
    let change =
        r#"{"slug":"manee-jaingam","reviewer_id":"evil","reviewer":"x","code":"1.1","status":"meets"}"#;
    let no_token = post(server.port, &[], change);
    assert!(no_token.starts_with("HTTP/1.1 403"), "{no_token}");
    let cross = post(server.port, &[("X-Krufolio-Token", &token), ("Origin", "http://evil.example")], change);
    assert!(cross.starts_with("HTTP/1.1 403"), "{cross}");
    let escape = r#"{"slug":"manee-jaingam","reviewer_id":"../../content/x","reviewer":"x","code":"1.1","base":"","status":"meets"}"#;
    assert!(post(server.port, &[("X-Krufolio-Token", &token)], escape).starts_with("HTTP/1.1 400"));
    assert!(!dir.join("evil.yaml").exists(), "a refused request wrote nothing");

    let o = http::browser_script("review-form.mjs", [server.url().as_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let steps = http::json_lines(&o);
    assert_eq!(steps[0]["form_shown"], true, "{steps:?}");
    assert_eq!(steps[0]["forms"], 16, "a form per indicator (15) and the challenge: {steps:?}");
    assert_eq!(steps[0]["saved"], true, "the saved comment shows after the reload: {steps:?}");
    assert_eq!(
        steps[0]["prefilled"],
        serde_json::json!(["meets", "3", "ความเห็นจากเบราว์เซอร์ข้อ 1.4"]),
        "the reloaded form shows the reviewer's values: {steps:?}"
    );
    assert_eq!(steps[1]["part2"], serde_json::json!(["begun", "3", "4", "2"]), "{steps:?}");
    let refused: Vec<usize> = (0..2).filter(|&i| steps[2]["refused"][i] == true).collect();
    assert_eq!(refused.len(), 1, "the later save over the same file is refused: {steps:?}");
    assert!(steps[2]["answers"][refused[0]].as_str().unwrap().contains("reload"), "{steps:?}");
    assert!(steps[2]["again"][0].as_str().unwrap().contains("saved"), "saved after the reload: {steps:?}");
    assert_eq!(steps[2]["both"], true, "two tabs' saves both land after the reload: {steps:?}");

    let mine = std::fs::read_to_string(dir.join("kru-tester.yaml")).unwrap();
    let file: krufolio::review::ReviewFile = krufolio::yaml::from_str(&mine).unwrap();
    assert_eq!(file.reviewer, "นายทดสอบ ผ่านเบราว์เซอร์");
    let e = &file.indicators["1.4"];
    assert_eq!(e.status.as_deref(), Some("meets"));
    assert_eq!(e.comment.as_deref(), Some("ความเห็นจากเบราว์เซอร์ข้อ 1.4"));
    assert_eq!(file.scores.as_ref().unwrap().part1["1.4"].value(), Some(3.0));
    assert_eq!(file.indicators["1.5"].status.as_deref(), Some("partially-meets"));
    assert_eq!(file.indicators["1.6"].status.as_deref(), Some("begun"));
    assert_eq!(file.challenge.as_ref().unwrap().status.as_deref(), Some("begun"));
    let p2 = &file.scores.as_ref().unwrap().part2;
    let lv = |l: &Option<krufolio::review::Level>| l.as_ref().and_then(|l| l.value());
    assert_eq!(
        (lv(&p2.method), lv(&p2.quantitative), lv(&p2.qualitative)),
        (Some(3.0), Some(4.0), Some(2.0))
    );
    assert_eq!(file.history.len(), 4, "one entry per save, none for the refused one: {mine}");
    assert!(file.history.iter().all(|h| h.when.parse().is_ok()), "{mine}");
    assert_eq!(
        std::fs::read_to_string(dir.join("wanpen.yaml")).unwrap(),
        other,
        "another reviewer's file untouched"
    );
    assert_eq!(tree(&site.join("content")), content_before, "content/ untouched");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
}

#[test]
fn a_save_over_a_file_edited_outside_is_refused_and_the_edit_kept() {
    let (_tmp, site, dir) = crate::reviews::repo_site_for_reviews();
    let path = dir.join("somchai.yaml");
    std::fs::write(&path, "reviewer: นายสมชาย ใจดี\nindicators:\n  \"1.1\": { status: begun }\n").unwrap();
    let server = Server::start_with(&site, &["--audience", "review"]);
    let token = token_of(server.port);
    let hash = hash_of(server.port, &token, "somchai");
    assert_eq!(hash.len(), 64, "{hash}");
    assert!(get(server.port, "/__krufolio/review?slug=manee-jaingam&id=somchai").starts_with("HTTP/1.1 403"));
    let outside =
        "reviewer: นายสมชาย ใจดี\nindicators:\n  \"1.1\": { status: meets, comment: แก้ในโปรแกรมอื่น }\n";
    std::fs::write(&path, outside).unwrap();
    let save = format!(
        r#"{{"slug":"manee-jaingam","reviewer_id":"somchai","reviewer":"นายสมชาย ใจดี","code":"1.2","base":"{hash}","status":"meets"}}"#
    );
    let r = post(server.port, &[("X-Krufolio-Token", &token)], &save);
    assert!(r.starts_with("HTTP/1.1 409"), "{r}");
    assert!(r.contains("โหลดหน้าใหม่") && r.contains("reload the page"), "a bilingual message: {r}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), outside, "the outside edit is kept");
    let fresh = hash_of(server.port, &token, "somchai");
    let r = post(server.port, &[("X-Krufolio-Token", &token)], &save.replace(&hash, &fresh));
    assert!(r.starts_with("HTTP/1.1 200"), "{r}");
    let file: krufolio::review::ReviewFile =
        krufolio::yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(file.indicators["1.1"].comment.as_deref(), Some("แก้ในโปรแกรมอื่น"));
    assert_eq!(file.indicators["1.2"].status.as_deref(), Some("meets"));
    assert_eq!(file.history.len(), 1);
}

#[test]
fn the_first_save_of_a_site_without_reviews_rebuilds_the_page() {
    let (_tmp, site, _dir) = crate::reviews::repo_site_for_reviews();
    std::fs::remove_dir_all(site.join("reviews")).unwrap();
    let server = Server::start_with(&site, &["--audience", "review"]);
    let token = token_of(server.port);
    let save = r#"{"slug":"manee-jaingam","reviewer_id":"first","reviewer":"ผู้ตรวจคนแรก","code":"1.1","base":"","comment":"บันทึกแรกของเว็บไซต์"}"#;
    let r = post(server.port, &[("X-Krufolio-Token", &token)], save);
    assert!(r.starts_with("HTTP/1.1 200"), "{r}");
    assert!(site.join("reviews/manee-jaingam/first.yaml").is_file());
    // The rebuild follows the save; polled, bounded by a count, never timed.
    let shows = |p: &str| {
        (0..300).any(|_| {
            let seen = get(server.port, "/review/manee-jaingam/").contains(p);
            if !seen {
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            seen
        })
    };
    assert!(shows("บันทึกแรกของเว็บไซต์"), "the page shows the first save");
    // From then on the folder is watched: an outside edit shows too.
    std::fs::write(
        site.join("reviews/manee-jaingam/other.yaml"),
        "reviewer: ผู้ตรวจคนที่สอง\nindicators: { \"1.2\": { comment: แก้จากภายนอก } }\n",
    )
    .unwrap();
    assert!(shows("แก้จากภายนอก"), "the page shows an edit made after the folder was created");
}

#[test]
fn the_served_review_forms_have_no_serious_axe_violations() {
    if !http::browser_tools(&["playwright-core", "axe-core"]) {
        return;
    }
    let (_tmp, site, _dir) = crate::reviews::repo_site_for_reviews();
    let server = Server::start_with(&site, &["--audience", "review"]);
    // Served with the session token, so the forms are shown (not hidden) while axe runs.
    let o = http::browser_script("axe.mjs", [server.url().as_str(), "/review/manee-jaingam/"]);
    let stdout = String::from_utf8_lossy(&o.stdout);
    let views: Vec<serde_json::Value> =
        stdout.lines().filter(|l| l.starts_with('{')).map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(views.len(), 2, "{stdout}");
    assert!(views.iter().all(|v| v["status"] == 200), "{stdout}");
    assert!(
        o.status.success(),
        "serious or critical violations:\n{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Issue 13's whole chain in one test: levels a committee member sets in the served form
/// reach her file and the printed evaluation form of the review build, with the 70 % rule.
#[test]
fn scores_set_in_the_form_reach_the_evaluation_form() {
    let (_tmp, site, dir) = crate::reviews::repo_site_for_reviews();
    let server = Server::start_with(&site, &["--audience", "review"]);
    let token = token_of(server.port);
    let before = get(server.port, "/portfolios/manee-jaingam/print/evaluation/");
    assert!(before.starts_with("HTTP/1.1 200") && before.contains("วันเพ็ญ"), "her sheet from portfolio.yaml");
    assert!(!before.contains("๒๕.๐๐"), "no 25 % before the form is used");
    let who = r#""slug":"manee-jaingam","reviewer_id":"wanpen","reviewer":"นางวันเพ็ญ แสงทอง""#;
    let codes = [
        "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2",
        "3.3",
    ];
    for code in codes {
        let base = if dir.join("wanpen.yaml").exists() {
            hash_of(server.port, &token, "wanpen")
        } else {
            String::new()
        };
        let save = format!(r#"{{{who},"code":"{code}","base":"{base}","level":"1"}}"#);
        let r = post(server.port, &[("X-Krufolio-Token", &token)], &save);
        assert!(r.starts_with("HTTP/1.1 200"), "{code}: {r}");
    }
    let base = hash_of(server.port, &token, "wanpen");
    let save = format!(
        r#"{{{who},"code":"challenge","base":"{base}","method":"1","quantitative":"1","qualitative":"1"}}"#
    );
    assert!(post(server.port, &[("X-Krufolio-Token", &token)], &save).starts_with("HTTP/1.1 200"));
    let file: krufolio::review::ReviewFile =
        krufolio::yaml::from_str(&std::fs::read_to_string(dir.join("wanpen.yaml")).unwrap()).unwrap();
    assert_eq!(file.history.len(), 16, "one history entry per save");
    // Every level 1: Part 1 15 of 60 + Part 2 10 of 40 = 25 %, below the 70 % each member
    // must give. The review build's evaluation form shows it once the rebuild has run
    // (polled, bounded by a count, never timed).
    let page = (0..300)
        .find_map(|_| {
            let p = get(server.port, "/portfolios/manee-jaingam/print/evaluation/");
            if p.contains("๒๕.๐๐") {
                return Some(p);
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
            None
        })
        .expect("the evaluation form shows her 25 %");
    let at = page.find("๒๕.๐๐").unwrap();
    let around = &page[at.saturating_sub(3000)..(at + 3000).min(page.len())];
    assert!(around.contains("วันเพ็ญ"), "next to her name");
    assert!(page.contains("ไม่ผ่าน"), "the 70 % rule is applied");
}
