//! The repository's own site (the default content and theme) builds with no
//! errors, every page has `lang="th"` and a title, every internal link
//! works, and the Nu HTML checker finds no errors (issue #2).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

fn build_default(out: &Path) {
    build_repo_with(out, &["--base-url", "https://pa.example.go.th/"]);
}

#[test]
fn default_site_builds_with_lang_titles_and_working_links() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_default(&out);
    let pages: Vec<String> = files(&out).into_iter().filter(|f| f.ends_with("index.html")).collect();
    assert!(pages.len() >= 15, "expected 15–25 guidance pages, got {}", pages.len());
    for f in &pages {
        let html = std::fs::read_to_string(out.join(f)).unwrap();
        assert!(html.contains("<html lang=\"th\""), "{f} lacks lang=th");
        let title = html.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or("");
        assert!(!title.trim().is_empty(), "{f} has no title");
    }
    assert!(out.join("404.html").is_file());
    assert!(out.join("sitemap.xml").is_file());
    assert!(out.join("style.css").is_file());
    assert!(out.join("fonts/sarabun-thai-400-normal.woff2").is_file());
    assert_eq!(broken_links(&out, "/"), Vec::<String>::new());
}

/// The Nu HTML checker's jar: `$VNU_JAR`, else the one `npm install` puts
/// under `tests/tools/`.
fn vnu_jar() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("VNU_JAR") {
        return Some(PathBuf::from(p));
    }
    let p = repo().join("tests/tools/node_modules/vnu-jar/build/dist/vnu.jar");
    p.is_file().then_some(p)
}

#[test]
fn default_site_is_valid_html() {
    let Some(jar) = vnu_jar() else {
        assert!(
            std::env::var("KRUFOLIO_REQUIRE_TOOLS").is_err(),
            "vnu.jar missing: run `npm install --prefix tests/tools` (CI requires it)"
        );
        eprintln!("skipped: vnu.jar not installed (npm install --prefix tests/tools)");
        return;
    };
    if !media::have_tools(&["java"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_default(&out);
    // The review audience (dashboard, checklists) is checked too.
    let review = tmp.path().join("review");
    build_repo(&review, "review");
    let o = Command::new("java")
        .args([
            "-jar",
            jar.to_str().unwrap(),
            "--errors-only",
            "--skip-non-html",
            out.to_str().unwrap(),
            review.to_str().unwrap(),
        ])
        .output()
        .expect("java runs");
    let report = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success() && report.trim().is_empty(), "Nu HTML checker errors:\n{report}");
}
