//! Safe to publish (issue 8): teacher content cannot run script, private
//! data and personal numbers never reach a published byte.
//!
//! Both tests build a copy of the repository's site with one extra, hostile
//! portfolio (`kru-hostile`) written at test time:
//! - `teacher_payloads_never_run_in_chromium` puts a corpus of script
//!   payloads into every teacher-text field (manifest strings, notes, sidecar
//!   titles, descriptions and bodies, the challenge texts), builds both
//!   audiences and loads every page of that portfolio (portfolio, indicator,
//!   print, review) in Debian's chromium (`tests/browser/xss.mjs`): no
//!   payload may run, and no event handler, script URL, iframe or foreign
//!   object may be in the DOM.
//! - `no_private_marker_or_personal_number_reaches_any_output_byte` fills
//!   every private field, manifest copies, aliases, withheld evidence and
//!   masking cases with unique markers and searches every output byte of
//!   both audiences, the unzipped search index included.

use std::path::{Path, PathBuf};

use crate::common::*;

/// A valid Thai national ID whose first 12 digits are `stem`.
fn national_id(stem: &str) -> String {
    let d: Vec<u32> = stem.chars().map(|c| c.to_digit(10).unwrap()).collect();
    assert_eq!(d.len(), 12);
    let sum: u32 = d.iter().enumerate().map(|(i, x)| x * (13 - i as u32)).sum();
    format!("{stem}{}", (11 - sum % 11) % 10)
}

/// The repository's site (content + theme) copied to a temporary folder.
fn site_copy() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("content"), &site.join("content"));
    copy_dir(&repo().join("themes"), &site.join("themes"));
    (tmp, site)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Front matter (YAML from a JSON value) + body.
fn note(front: serde_json::Value, body: &str) -> String {
    format!("---\n{}---\n\n{body}\n", krufolio::yaml::to_string(&front).unwrap())
}

fn build_both(site: &Path) -> Vec<(String, PathBuf)> {
    ["public", "review"]
        .iter()
        .map(|aud| {
            let out = site.parent().unwrap().join(format!("out-{aud}"));
            let o = build(site, &["--output", out.to_str().unwrap(), "--audience", aud]);
            assert!(o.status.success(), "{aud} build failed:\n{}", text(&o));
            // Hostile text never leaves a dead link behind either.
            assert_eq!(broken_links(&out, "/"), Vec::<String>::new(), "{aud}");
            (aud.to_string(), out)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Script payloads
// ---------------------------------------------------------------------------

/// Payloads: each would set `window.__kf_pwned` or open a dialog if it ran.
const PAYLOADS: &[&str] = &[
    "<script>window.__kf_pwned=1;alert(1)</script>",
    "<img src=x onerror=\"window.__kf_pwned=1\">",
    "<svg onload=\"window.__kf_pwned=1\"></svg>",
    "<svg><script>window.__kf_pwned=1</script></svg>",
    "<iframe src=\"javascript:parent.__kf_pwned=1\"></iframe>",
    "<iframe srcdoc=\"<script>parent.__kf_pwned=1</script>\"></iframe>",
    "<p style=\"position:fixed;inset:0;background:red\">overlay</p>",
    "[คลิก](javascript:window.__kf_pwned=1)",
    "[คลิก](JaVaScRiPt:window.__kf_pwned=1)",
    "[คลิก](&#106;avascript:window.__kf_pwned=1)",
    "[คลิก]( javascript:window.__kf_pwned=1 )",
    "![ภาพ](data:image/svg+xml,<svg onload=window.__kf_pwned=1>)",
    "[x](data:text/html,<script>alert(1)</script>)",
    "<a href=\"javascript:window.__kf_pwned=1\">a</a>",
    "<object data=\"data:text/html,<script>alert(1)</script>\"></object>",
    "<embed src=\"data:text/html,<script>alert(1)</script>\">",
    "<details open ontoggle=\"window.__kf_pwned=1\">x</details>",
    "\"><script>window.__kf_pwned=1</script>",
    "'><img src=x onerror=window.__kf_pwned=1>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__kf_pwned=1>",
    "<base href=\"javascript:window.__kf_pwned=1//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__kf_pwned=1\">",
    "<form action=\"javascript:window.__kf_pwned=1\"><button>x</button></form>",
    "<input autofocus onfocus=\"window.__kf_pwned=1\">",
    "<body onload=\"window.__kf_pwned=1\">",
    "<video><source onerror=\"window.__kf_pwned=1\"></video>",
    "<a href=\"vbscript:msgbox(1)\">v</a>",
    "{{ config.title }}{% raw %}",
];

/// The hostile portfolio: every payload in every teacher-text field.
fn hostile_portfolio(site: &Path) {
    let all = PAYLOADS.join("\n\n");
    let inline = PAYLOADS.join(" ");
    let dir = site.join("content/portfolios/kru-hostile");
    let manifest = serde_json::json!({
        "name": format!("นางสาวทดสอบ {inline}"),
        "position": "ครู",
        "standing": "ชำนาญการ",
        "school": format!("โรงเรียน {inline}"),
        "subject": inline,
        "fiscal_year": 2568,
        "challenge": {
            "title": inline,
            "inspiration": all,
            "method": all,
            "outcomes": { "quantitative": [format!("ร้อยละ 80 {inline}")], "qualitative": [inline] }
        },
        "agreement": { "title": inline },
        "committee": {
            "order": { "number": inline, "date": "2568-08-20", "issuer": inline },
            "briefing_date": "2568-08-27",
            "evaluation_date": "2568-09-10",
            "members": [
                { "name": inline, "role": "chair", "title": inline },
                { "name": inline, "role": "member", "qualification": "supervisor", "standing": "ชำนาญการพิเศษ" },
                { "name": inline, "role": "secretary" }
            ]
        }
    });
    write(&dir.join("portfolio.yaml"), &krufolio::yaml::to_string(&manifest).unwrap());
    write(&dir.join("notes.md"), &note(serde_json::json!({ "title": inline }), &all));
    let ev = dir.join("1.1 หลักสูตรสถานศึกษา");
    let jpeg = std::fs::read(
        repo().join("content/portfolios/manee-jaingam/1.7 บรรยากาศในชั้นเรียน/ห้องเรียนวิทยาศาสตร์.jpg"),
    )
    .unwrap();
    std::fs::create_dir_all(&ev).unwrap();
    std::fs::write(ev.join("ภาพกิจกรรม.jpg"), &jpeg).unwrap();
    write(
        &ev.join("ภาพกิจกรรม.md"),
        &note(serde_json::json!({ "title": inline, "description": inline, "consent": true }), &all),
    );
    write(
        &ev.join("บันทึกการสอน.md"),
        &note(serde_json::json!({ "title": inline, "description": inline }), &all),
    );
    // Active evidence files: published as downloads, never as pages.
    write(&ev.join("สื่อการสอน.html"), "<!DOCTYPE html><script>window.__kf_pwned=1</script>");
    write(
        &ev.join("แผนภาพ.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"window.__kf_pwned=1\"/>",
    );
}

#[test]
fn teacher_payloads_never_run_in_chromium() {
    let (_tmp, site) = site_copy();
    hostile_portfolio(&site);
    let mut checked = 0;
    for (aud, out) in build_both(&site) {
        // Active files are renamed so no server sends them as a page.
        let files = files(&out);
        for f in &files {
            let lower = f.to_lowercase();
            assert!(
                !(f.contains("kru-hostile")
                    && (lower.ends_with(".html") && !lower.ends_with("index.html")
                        || lower.ends_with(".svg"))),
                "{aud}: active evidence published as is: {f}"
            );
        }
        assert!(
            files.iter().any(|f| f.ends_with("สื่อการสอน.html.download")),
            "{aud}: the HTML evidence is offered as a download"
        );
        let pages: Vec<String> = files
            .iter()
            .filter(|f| f.ends_with(".html") && f.contains("kru-hostile"))
            .map(|f| format!("/{}", f.split('/').map(seg).collect::<Vec<_>>().join("/")))
            .collect();
        assert!(pages.len() >= 10, "{aud}: only {} pages of the hostile portfolio: {pages:?}", pages.len());
        // The raw text is escaped or dropped, never markup: look at the real
        // tags only (escaped text holds no `<`).
        for f in files.iter().filter(|f| f.ends_with(".html")) {
            let html = std::fs::read_to_string(out.join(f)).unwrap();
            for tag in html.split('<').skip(1).filter_map(|t| t.split_once('>').map(|(t, _)| unquoted(t))) {
                let name = tag.split([' ', '/', '\n']).next().unwrap_or("");
                assert!(!["iframe", "embed", "base", "frame"].contains(&name), "{aud}: {f} has <{tag}>");
                let on_attr = tag.split_whitespace().skip(1).any(|a| a.starts_with("on") && a.contains('='));
                assert!(!on_attr, "{aud}: {f} has an event handler: <{tag}>");
                assert!(!tag.contains("\"!"), "{aud}: {f} has a script URL: <{tag}>");
                assert!(!tag.contains("srcdoc"), "{aud}: {f} has <{tag}>");
                assert!(name != "script" || tag.contains(" src="), "{aud}: {f} has an inline script");
            }
        }
        if !http::browser_tools(&["playwright-core"]) {
            return;
        }
        let base = http::serve(out.clone());
        let mut all_pages = pages.clone();
        all_pages.extend(["/".to_string(), "/portfolios/".to_string()]);
        if aud == "review" {
            all_pages.push("/review/".to_string());
        }
        let o = http::browser_script("xss.mjs", std::iter::once(&base).chain(&all_pages));
        let stdout = String::from_utf8_lossy(&o.stdout);
        eprintln!("{aud}:\n{stdout}{}", String::from_utf8_lossy(&o.stderr));
        assert!(o.status.success(), "{aud}: a payload ran or left something active (see above)");
        checked += stdout.lines().filter(|l| l.contains("\"ok\":true")).count();
        assert_eq!(
            stdout.lines().filter(|l| l.contains("\"ok\":true")).count(),
            all_pages.len(),
            "{aud}: every page was loaded and checked"
        );
    }
    eprintln!("{} payloads × every teacher-text field; {checked} pages checked in chromium", PAYLOADS.len());
}

/// A tag's text, lowercased, with its quoted attribute values replaced by
/// `""` unless they start with a script scheme (kept as `"!scheme"`), so
/// only names and dangerous URLs are left to look at.
fn unquoted(tag: &str) -> String {
    let mut out = String::new();
    let mut rest = tag;
    while let Some(i) = rest.find(['"', '\'']) {
        let q = rest.as_bytes()[i] as char;
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(q).unwrap_or(after.len());
        let value = after[..end].trim().to_ascii_lowercase();
        let bad = ["javascript:", "vbscript:", "data:"].iter().find(|s| value.starts_with(*s));
        out.push_str(&bad.map_or("\"\"".to_string(), |s| format!("\"!{s}\"")));
        rest = after.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out.to_ascii_lowercase()
}

/// A char-safe excerpt around byte `i`.
fn around(text: &str, i: usize) -> &str {
    let from = text[..i].char_indices().rev().nth(120).map_or(0, |c| c.0);
    let to = text[i..].char_indices().nth(60).map_or(text.len(), |c| i + c.0);
    &text[from..to]
}

// ---------------------------------------------------------------------------
// Private markers and personal numbers
// ---------------------------------------------------------------------------

/// Writes the marker portfolio; returns the strings that must appear nowhere.
fn marker_portfolio(site: &Path) -> Vec<String> {
    let dir = site.join("content/portfolios/kru-markers");
    let ids: Vec<String> = [
        "310060001234",
        "110170023071",
        "570040012345",
        "140990000001",
        "330010045678",
        "190990012121",
        "250010000012",
    ]
    .iter()
    .map(|s| national_id(s))
    .collect();
    let dashed =
        |id: &str| format!("{}-{}-{}-{}-{}", &id[..1], &id[1..5], &id[5..10], &id[10..12], &id[12..]);
    let thai = |s: &str| {
        s.chars().map(|c| char::from_u32(0x0E50 + c.to_digit(10).unwrap()).unwrap()).collect::<String>()
    };
    let phones = ["0817770001", "0627770002", "0937770003", "021770004", "0897770005"];
    let manifest = format!(
        "name: นางสาวเครื่องหมาย ทดสอบ\nposition: ครู\nstanding: ชำนาญการ\nfiscal_year: 2568\n\
         subject: วิทยาศาสตร์ โทร {p0}\n\
         private:\n  birth_date: PRIVMARK-birth\n  salary: PRIVMARK-salary\n  national_id: &nid \"PRIVMARK-nid\"\n  \
         salary_rank: PRIVMARK-rank\n  retirement_year: PRIVMARK-retire\n  appointment_position: PRIVMARK-appoint\n  \
         appointment_date: PRIVMARK-appdate\n  current_position_date: PRIVMARK-curdate\n  address: PRIVMARK-address\n  \
         phone: PRIVMARK-phone\nschool: *nid\n",
        p0 = "+66 81 777 0006"
    );
    write(&dir.join("portfolio.yaml"), &manifest);
    // Manifest copies and a file with a private block.
    write(&dir.join("portfolio.yaml.bak"), &manifest.replace("PRIVMARK", "PRIVMARK-bak"));
    write(&dir.join("portfolio (copy).yml"), &manifest.replace("PRIVMARK", "PRIVMARK-copy"));
    write(&dir.join("1.1 หลักสูตร/ข้อมูลส่วนตัว.txt"), "ข้อมูล\nprivate:\n  x: PRIVMARK-txt\n");
    // Withheld evidence: file, title, description and body.
    write(
        &dir.join("withheld-note.md"),
        &note(serde_json::json!({ "title": "PRIVMARK-wtitle", "publish": false }), "PRIVMARK-wbody"),
    );
    let ev = dir.join("1.2 ออกแบบการจัดการเรียนรู้");
    std::fs::create_dir_all(&ev).unwrap();
    std::fs::write(ev.join("แผนลับ.pdf"), b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\nPRIVMARK-wpdf")
        .unwrap();
    write(
        &ev.join("แผนลับ.md"),
        &note(
            serde_json::json!({ "title": "PRIVMARK-wptitle", "description": "PRIVMARK-wpdesc", "publish": false }),
            "",
        ),
    );
    // Masking cases: notes, sidecars, file names, Thai digits, spacing.
    let spaced = format!("{} {} {}", &ids[3][..5], &ids[3][5..9], &ids[3][9..]);
    let body = format!(
        "เลข {} และ {} และ {} ({spaced})\n\nโทร {} หรือ {} หรือ 0{}-{}-{} หรือ {}\n",
        ids[0],
        dashed(&ids[1]),
        thai(&ids[2]),
        phones[0],
        thai(phones[1]),
        &phones[2][1..3],
        &phones[2][3..6],
        &phones[2][6..],
        phones[3]
    );
    write(&dir.join("notes.md"), &note(serde_json::json!({ "title": format!("บันทึก {}", phones[4]) }), &body));
    std::fs::write(ev.join(format!("สำเนาบัตร {}.pdf", ids[4])), b"%PDF-1.4\n%%EOF\n").unwrap();
    write(
        &ev.join("ภาพประกอบ.md"),
        &note(
            serde_json::json!({ "title": "ภาพ", "description": format!("ผู้ปกครอง {}", dashed(&ids[5])) }),
            "",
        ),
    );
    std::fs::write(ev.join("ภาพประกอบ.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    // A district guide's attachment named with an ID, and a link to it: the
    // name is masked and the link still works (the builds are link-checked).
    std::fs::write(site.join(format!("content/guide/แบบฟอร์ม {}.pdf", ids[6])), b"%PDF-1.4\n%%EOF\n").unwrap();
    write(
        &site.join("content/guide/ลิงก์แบบฟอร์ม.md"),
        &format!("---\ntitle: แบบฟอร์ม\n---\n\n[ดาวน์โหลด](<แบบฟอร์ม {}.pdf>)\n", ids[6]),
    );

    let mut secrets: Vec<String> = vec!["PRIVMARK".into()];
    for id in &ids {
        secrets.push(id.clone());
        secrets.push(dashed(id));
        secrets.push(thai(id));
    }
    for p in phones.iter().chain(["0817770006"].iter()) {
        secrets.push(p.to_string());
        secrets.push(p[p.len() - 7..].to_string()); // the digits that must be hidden, with the last 4
        secrets.push(thai(p));
    }
    secrets.push("81 777 0006".into());
    secrets
}

/// The private fields the review audience's printed report shows.
const REPORT_FIELDS: &[&str] = &["birth", "salary", "rank", "retire", "appoint", "appdate", "curdate"];

fn strip_report_fields(text: &str) -> String {
    REPORT_FIELDS.iter().fold(text.to_string(), |t, k| t.replace(&format!("PRIVMARK-{k}"), ""))
}

#[test]
fn no_private_marker_or_personal_number_reaches_any_output_byte() {
    let (_tmp, site) = site_copy();
    let secrets = marker_portfolio(&site);
    let (mut files_searched, mut index_files) = (0, 0);
    for (aud, out) in build_both(&site) {
        let mut saw_masked = false;
        for f in files(&out) {
            let bytes = read_output(&out, &f);
            if is_search_index(&f) {
                index_files += 1;
            }
            files_searched += 1;
            let text = String::from_utf8_lossy(&bytes);
            // The committee's printed report (review audience only) is what
            // `private:` is for: it may show the fields it prints, nothing else.
            let report = aud == "review" && f.contains("/print/report/");
            for s in &secrets {
                let printed = report && REPORT_FIELDS.iter().any(|k| text.contains(&format!("PRIVMARK-{k}")));
                let rest = if printed { strip_report_fields(&text) } else { text.to_string() };
                if let Some(i) = rest.find(s.as_str()) {
                    panic!("{aud}: {s} reached {f}: …{}…", around(&rest, i));
                }
                assert!(!f.contains(s.as_str()), "{aud}: {s} is in the output path {f}");
            }
            saw_masked |= text.contains("-xxxxx-xx-") && text.contains("08x-xxx-");
        }
        assert!(saw_masked, "{aud}: the masked forms are shown");
        let page = std::fs::read_to_string(out.join("portfolios/kru-markers/index.html")).unwrap();
        assert!(page.contains("08x-xxx-0006"), "{aud}: the +66 number is masked, not dropped");
        assert!(!out.join("portfolios/kru-markers/portfolio.yaml.bak").exists());
    }
    // The build says what it masked, and lint says what it withheld.
    let o = build(&site, &["--output", site.parent().unwrap().join("again").to_str().unwrap()]);
    assert!(text(&o).contains("masked"), "{}", text(&o));
    let lint = krufolio(&["--root", site.to_str().unwrap(), "lint", "--format", "json"]);
    let json = String::from_utf8_lossy(&lint.stdout);
    assert!(
        json.matches("\"R005\"").count() >= 4,
        "manifest copies, private file and alias reported: {json}"
    );
    eprintln!(
        "{} markers searched in {files_searched} files ({index_files} unzipped search-index files)",
        secrets.len()
    );
}
