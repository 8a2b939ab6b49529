//! Review records (issue 13): `reviews/<slug>/<id>.yaml` at the site root are
//! read for the review audience only. The repository's site is copied with
//! two review files for `manee-jaingam`: a committee member's (statuses, a
//! comment, history, Thai-digit scores) and a mentor's (hostile Markdown in
//! a comment). The public build must hold no byte of them (every output
//! file, the search index unzipped); the review build shows them on the
//! matrix (as text), the checklist page and the evaluation form.

use std::path::{Path, PathBuf};

use crate::common::*;

const MENTOR: &str = "นางสาวพี่เลี้ยง ทดสอบลับ";
const MENTOR_COMMENT: &str = "ความเห็นลับของพี่เลี้ยงเรื่องหลักสูตร";
const MEMBER_COMMENT: &str = "ความเห็นของกรรมการเรื่องแผนการสอนREVIEWMARK";
const HISTORY: &str = "ตั้งสถานะตัวชี้วัดครั้งแรกHISTORYMARK";

/// A copy of the repository's site (`<tmp>/site`: `content/`, `themes/`) with
/// an empty review folder `reviews/manee-jaingam/` (returned third).
pub fn repo_site_for_reviews() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("content"), &site.join("content"));
    copy_dir(&repo().join("themes"), &site.join("themes"));
    let dir = site.join("reviews/manee-jaingam");
    std::fs::create_dir_all(&dir).unwrap();
    (tmp, site, dir)
}

/// A copy of the repository's site with the review files.
fn site_with_reviews() -> (tempfile::TempDir, PathBuf) {
    let (tmp, site, dir) = repo_site_for_reviews();
    let ones = (1..=3)
        .flat_map(|d| {
            (1..=if d == 1 {
                8
            } else if d == 2 {
                4
            } else {
                3
            })
                .map(move |i| format!("\"{d}.{i}\": \"๑\""))
        })
        .collect::<Vec<_>>()
        .join(", ");
    std::fs::write(
        dir.join("wanpen.yaml"),
        format!(
            "reviewer: นางวันเพ็ญ แสงทอง\nrole: committee-member\ndate: ๑๒ ก.ย. ๒๕๖๘\nindicators:\n  \"๑.๒\": {{ status: partially-meets, comment: \"{MEMBER_COMMENT} **ควรแนบแผนฉบับเต็ม**\" }}\n  \"1.3\": {{ status: meets }}\nchallenge: {{ status: begun }}\nscores:\n  part1: {{ {ones} }}\n  part2: {{ method: 1, quantitative: \"๑\", qualitative: 1 }}\nhistory:\n  - {{ when: 2568-09-02, what: \"{HISTORY}\" }}\n  - {{ when: 2568-09-12, what: \"ให้คะแนน\" }}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("mentor.yaml"),
        format!(
            "reviewer: {MENTOR}\nrole: mentor\nindicators:\n  \"1.1\": {{ status: does-not-meet, comment: \"{MENTOR_COMMENT} <script>alert('xss')</script> [link](javascript:alert(1)) <img src=x onerror=alert(2)>\" }}\n"
        ),
    )
    .unwrap();
    // One broken file (an unclosed brace) never breaks the build.
    std::fs::write(
        dir.join("broken.yaml"),
        "reviewer: ผู้ตรวจไฟล์เสีย\nindicators: { \"1.1\": { status: meets }\n",
    )
    .unwrap();
    (tmp, site)
}

fn build_to(site: &Path, out: &Path, audience: &str) {
    let o = build(site, &["--output", out.to_str().unwrap(), "--audience", audience]);
    assert!(o.status.success(), "{audience} build failed:\n{}", text(&o));
}

fn page(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn review_records_never_reach_the_public_build() {
    let (_tmp, site) = site_with_reviews();
    let out = site.parent().unwrap().join("public");
    build_to(&site, &out, "public");
    let all = files(&out);
    assert!(all.iter().any(|f| is_search_index(f)), "the search index was built");
    for f in &all {
        let text = String::from_utf8_lossy(&read_output(&out, f)).into_owned();
        for secret in [MENTOR, MENTOR_COMMENT, MEMBER_COMMENT, HISTORY, "REVIEWMARK", "ผลการตรวจของผู้ตรวจ"]
        {
            assert!(!text.contains(secret), "review data {secret:?} leaked into the public file {f}");
        }
        assert!(!f.starts_with("reviews/") && !f.ends_with("mentor.yaml"), "{f} must not be published");
    }
    assert!(!out.join("review").exists(), "no review pages in the public build");
}

#[test]
fn the_review_build_shows_statuses_comments_history_and_scores() {
    let (_tmp, site) = site_with_reviews();
    let out = site.parent().unwrap().join("review");
    build_to(&site, &out, "review");
    // The matrix: each reviewer's status as text in the cell, and the filters' data.
    let dash = page(&out, "review/index.html");
    assert!(dash.contains(&format!("{MENTOR}: ยังไม่ผ่าน")), "the mentor's 1.1 status as text");
    assert!(dash.contains("นางวันเพ็ญ แสงทอง: ผ่านบางส่วน"), "the member's 1.2 status (Thai-digit code) as text");
    assert!(dash.contains("data-reviews=\"mentor= mentor=does-not-meet wanpen= wanpen=begun wanpen=meets wanpen=partially-meets\""), "tokens");
    assert!(
        dash.contains("<option value=\"mentor\">")
            && dash.contains("<option value=\"partially-meets\">ผ่านบางส่วน</option>")
    );
    // The checklist: comments (sanitised), history; the broken file is an E001 finding there.
    let check = page(&out, "review/manee-jaingam/index.html");
    assert!(
        check.contains("E001") && check.contains("reviews/manee-jaingam/broken.yaml"),
        "broken file reported"
    );
    assert!(check.contains(MENTOR_COMMENT) && check.contains(MEMBER_COMMENT), "comments shown");
    assert!(check.contains("<strong>ควรแนบแผนฉบับเต็ม</strong>"), "comment Markdown rendered");
    assert!(check.contains(HISTORY) && check.contains("2 กันยายน 2568"), "history shown with its Thai date");
    // Raw HTML in a comment is text, never markup; script links are dropped.
    for bad in ["<script>alert", "href=\"javascript:", "<img src=x", "<img src=\"x\""] {
        assert!(!check.contains(bad), "unsanitised {bad} in the checklist");
    }
    // The evaluation form: the member's sheet from her review file (all level 1:
    // 15 + 10 = 25 %), below the 70 % pass mark, so the overall result is ไม่ผ่าน.
    let eval = page(&out, "portfolios/manee-jaingam/print/evaluation/index.html");
    // Names are wrapped in no-break spans: find her sheet by her surname.
    let hers = eval.split("แสงทอง").nth(1).expect("her sheet on the form");
    let hers = hers.split("กรรมการคนที่").next().unwrap();
    assert!(hers.contains("๒๕.๐๐"), "her percent from the review file");
    assert!(hers.contains("ไม่ผ่าน</strong> (ต่ำกว่าร้อยละ ๗๐)"), "her verdict by the 70 % rule");
    assert!(eval.contains("มีกรรมการอย่างน้อยหนึ่งคนให้คะแนนต่ำกว่าร้อยละ"), "the 70 % rule per member");
    assert!(!eval.contains(MENTOR), "a mentor who is not on the committee does not score");
}

/// The reviewer and reviewer-status filters in chromium: without JavaScript
/// every row shows; with it, picking a reviewer and a status leaves only the
/// portfolios where that reviewer gave that status. Then axe-core on the
/// dashboard and the checklist with review records on them.
#[test]
fn the_review_filters_work_in_chromium_and_show_everything_without_js() {
    if !http::browser_tools(&["playwright-core", "axe-core"]) {
        return;
    }
    let (_tmp, site) = site_with_reviews();
    let out = site.parent().unwrap().join("review");
    build_to(&site, &out, "review");
    let base = http::serve(out.clone());
    let o = http::browser_script("review-filters.mjs", [base.as_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let steps: std::collections::BTreeMap<String, serde_json::Value> =
        http::json_lines(&o).into_iter().map(|v| (v["step"].as_str().unwrap().to_string(), v)).collect();
    let names = |step: &str| -> Vec<String> {
        let v = &steps[step]["visible"];
        v.as_array().unwrap().iter().map(|n| n.as_str().unwrap().to_string()).collect()
    };
    let all = names("no-js");
    assert!(all.len() >= 4 && all.iter().any(|n| n == "นางสาวมานี ใจงาม"), "{all:?}");
    assert_eq!(steps["no-js"]["form_hidden"], true, "without JS the form stays hidden");
    assert_eq!(names("all"), all, "with JS and no filter every row shows");
    assert_eq!(names("reviewer=mentor"), ["นางสาวมานี ใจงาม"]);
    assert_eq!(names("reviewer=mentor status=meets"), Vec::<String>::new());
    assert_eq!(names("reviewer=wanpen status=meets"), ["นางสาวมานี ใจงาม"]);
    assert_eq!(names("status=does-not-meet"), ["นางสาวมานี ใจงาม"]);

    let o = http::browser_script("axe.mjs", [base.as_str(), "/review/", "/review/manee-jaingam/"]);
    let mut serious = Vec::new();
    let stdout = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<serde_json::Value> =
        stdout.lines().filter(|l| l.starts_with('{')).map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(!lines.is_empty(), "axe printed nothing: {}", String::from_utf8_lossy(&o.stderr));
    for v in lines {
        assert!(v.get("error").is_none(), "{v}");
        for x in v["violations"].as_array().cloned().unwrap_or_default() {
            if matches!(x["impact"].as_str(), Some("serious" | "critical")) {
                serious.push(format!("{} ({}): {}", v["path"], v["view"], x["id"]));
            }
        }
    }
    assert!(serious.is_empty(), "axe: {serious:#?}");
}
