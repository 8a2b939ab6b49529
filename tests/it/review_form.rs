//! The local review form (issue 13, item 3): `krufolio serve --audience
//! review` on 127.0.0.1 offers a form on the checklist page that writes only
//! that reviewer's file `reviews/<slug>/<id>.yaml`, atomically, with a
//! history entry. Checked in chromium (fill, save, live reload, see it; two
//! tabs at once lose nothing) and on the file; requests without the session
//! token or from another origin are refused and change nothing.

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
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(s, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").unwrap();
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
    let page = get(server.port, "/review/manee-jaingam/");
    let token =
        page.split("name=\"krufolio-review-token\" content=\"").nth(1).and_then(|s| s.split('"').next());
    let token = token.expect("the review page carries the session token").to_string();
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
    let escape = r#"{"slug":"manee-jaingam","reviewer_id":"../../content/x","reviewer":"x","code":"1.1"}"#;
    assert!(post(server.port, &[("X-Krufolio-Token", &token)], escape).starts_with("HTTP/1.1 400"));
    assert!(!dir.join("evil.yaml").exists(), "a refused request wrote nothing");

    let o = http::browser_script("review-form.mjs", [server.url().as_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let steps = http::json_lines(&o);
    assert_eq!(steps[0]["form_shown"], true, "{steps:?}");
    assert_eq!(steps[0]["saved"], true, "the saved comment shows after the reload: {steps:?}");
    assert_eq!(steps[1]["both"], true, "two tabs' saves both land: {steps:?}");

    let mine = std::fs::read_to_string(dir.join("kru-tester.yaml")).unwrap();
    let file: krufolio::review::ReviewFile = krufolio::yaml::from_str(&mine).unwrap();
    assert_eq!(file.reviewer, "นายทดสอบ ผ่านเบราว์เซอร์");
    let e = &file.indicators["1.4"];
    assert_eq!(e.status.as_deref(), Some("meets"));
    assert_eq!(e.comment.as_deref(), Some("ความเห็นจากเบราว์เซอร์ข้อ 1.4"));
    assert_eq!(file.scores.as_ref().unwrap().part1["1.4"].value(), Some(3.0));
    assert_eq!(file.indicators["1.5"].status.as_deref(), Some("partially-meets"));
    assert_eq!(file.indicators["1.6"].status.as_deref(), Some("begun"));
    assert_eq!(file.history.len(), 3, "{mine}");
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
