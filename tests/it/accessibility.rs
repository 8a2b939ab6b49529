//! Accessibility: the repository's own site, built for the review audience
//! (so every page kind is there: home, sections, pages, the portfolio list,
//! portfolios, an indicator page, the review dashboard and a checklist, and
//! 404), is served on 127.0.0.1 and checked with axe-core in Debian's
//! chromium (`tests/browser/axe.mjs`), on a desktop window in the light
//! scheme and a phone-sized one in the dark scheme. No "serious" or "critical" violation
//! may remain; every finding, moderate ones included, is printed for the log.

use crate::common::*;
use http::serve;

#[test]
fn every_page_kind_has_no_serious_or_critical_axe_violations() {
    if !http::browser_tools(&["playwright-core", "axe-core"]) {
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
        "/search/?q=%E0%B8%84%E0%B8%A5%E0%B8%B4%E0%B8%9B", // คลิป, with Pagefind's results
    ];
    for p in &paths {
        let p = p.split('?').next().unwrap();
        let decoded = percent_encoding::percent_decode_str(p).decode_utf8_lossy().into_owned();
        let file = if decoded.ends_with('/') { format!("{decoded}index.html") } else { decoded };
        assert!(out.join(file.trim_start_matches('/')).is_file(), "the build has no {p}");
    }

    let base = serve(out.clone());
    let o = http::browser_script("axe.mjs", std::iter::once(base.as_str()).chain(paths.iter().copied()));
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
