//! Thai input as teachers really write it (issue 12, item 2 and part of 7):
//! dates in Thai forms, fiscal years in Thai digits (and CE years refused
//! with the fix), the YAML mistakes whose messages now say the fix, text
//! files saved as Windows-874 ("ANSI" in Notepad), the lint checks of the
//! site's fiscal year and the lesson plan's pages (their fixtures are in
//! `lint_rules`), and public titles for camera file names.
//!
//! Every case is a copy of `tests/fixtures/clean/` changed at test time and
//! run through the real binary; messages are insta snapshots
//! (`tests/it/snapshots/it__thai_input__*.snap`).

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::common::{clean_site, krufolio, repo, text};

const KRU: &str = "content/portfolios/kru-clean";

fn edit(site: &Path, rel: &str, f: impl FnOnce(String) -> String) {
    let p = site.join(rel);
    let t = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, f(t)).unwrap();
}

fn build_to(site: &Path, out: &Path, audience: &str) -> Output {
    let (root, out) = (site.to_str().unwrap(), out.to_str().unwrap());
    krufolio(&["--root", root, "build", "--output", out, "--audience", audience])
}

/// `lint --format json` findings.
fn findings(site: &Path) -> Vec<Value> {
    let o = krufolio(&["--root", site.to_str().unwrap(), "lint", "--format", "json", "--no-media"]);
    let v: Value = serde_json::from_str(&String::from_utf8_lossy(&o.stdout))
        .unwrap_or_else(|e| panic!("lint printed no JSON ({e}):\n{}", text(&o)));
    v["findings"].as_array().cloned().unwrap_or_default()
}

/// A finding on one line: `RULE severity path:line message / message_en [fix: hint / hint_en]`.
fn show(f: &Value) -> String {
    let s = |k: &str| f.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let line = f.get("line").and_then(Value::as_u64).map(|l| format!(":{l}")).unwrap_or_default();
    let fix = match (f.get("hint"), f.get("hint_en")) {
        (Some(h), Some(e)) => format!(" [fix: {} / {}]", h.as_str().unwrap_or(""), e.as_str().unwrap_or("")),
        _ => String::new(),
    };
    format!("{} {} {}{line} {} / {}{fix}", s("rule"), s("severity"), s("path"), s("message"), s("message_en"))
}

/// The findings of `rules`, one per line.
fn shown(site: &Path, rules: &[&str]) -> String {
    let all = findings(site);
    let mine: Vec<String> = all.iter().filter(|f| rules.iter().any(|r| f["rule"] == *r)).map(show).collect();
    assert!(
        !mine.is_empty(),
        "none of {rules:?} fired; all findings:\n{}",
        all.iter().map(show).collect::<Vec<_>>().join("\n")
    );
    mine.join("\n")
}

/// The lines of a build's output about `needle` (the line naming it and the
/// indented lines after it).
fn about(o: &Output, needle: &str) -> String {
    let all = text(o);
    let mut out = Vec::new();
    let mut inside = false;
    for l in all.lines() {
        if l.contains(needle) {
            inside = true;
        } else if !l.starts_with("    ") {
            inside = false;
        }
        if inside {
            out.push(l.trim_end().to_string());
        }
    }
    assert!(!out.is_empty(), "nothing about {needle} in:\n{all}");
    out.join("\n")
}

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

// ------------------------------------------------------------------ dates

#[test]
fn birth_date_in_thai_form_is_on_the_printed_report_regression() {
    // Was: `15 มิ.ย. 2528` silently ignored, the report showed blank dots.
    let (tmp, site) = clean_site();
    edit(&site, &format!("{KRU}/portfolio.yaml"), |t| {
        format!("{t}\nprivate:\n  birth_date: 15 มิ.ย. 2528\n  appointment_date: \"๑ ต.ค. ๒๕๕๓\"\n")
    });
    let out = tmp.path().join("review");
    let o = build_to(&site, &out, "review");
    assert!(o.status.success(), "{}", text(&o));
    let report = read(&out, "portfolios/kru-clean/print/report/index.html");
    assert!(report.contains("๑๕ มิถุนายน ๒๕๒๘"), "the birth date is shown");
    assert!(report.contains("๑ ตุลาคม ๒๕๕๓"), "the appointment date is shown");
    // 60th birthday 15 June 2588 (before 30 Sep): fiscal year 2588.
    assert!(report.contains("๒๕๘๘"), "the retirement year follows from it");
}

#[test]
fn thai_date_forms_are_read_in_sidecars_and_committee_dates() {
    let (tmp, site) = clean_site();
    let side = format!("{KRU}/3.3 นำความรู้มาใช้/นักเรียนเล่นเกมบัตรคำ.md");
    edit(&site, &side, |t| t.replace("date: 2568-07-15", "date: ๑๕ ก.ค. ๒๕๖๘"));
    edit(&site, &format!("{KRU}/portfolio.yaml"), |t| {
        t.replace("briefing_date: 2568-08-27", "briefing_date: 27 สิงหาคม พ.ศ. 2568")
    });
    assert_eq!(shown_or_empty(&site), "", "no finding: every date was read");
    let out = tmp.path().join("public");
    let o = build_to(&site, &out, "public");
    assert!(o.status.success(), "{}", text(&o));
    let page = read(&out, "portfolios/kru-clean/3.3/index.html");
    assert!(page.contains("2025-07-15"), "the sidecar's date is on the page (as a machine-readable date)");
}

fn shown_or_empty(site: &Path) -> String {
    findings(site).iter().map(show).collect::<Vec<_>>().join("\n")
}

#[test]
fn unreadable_dates_are_findings_naming_the_line_and_the_forms() {
    let (_tmp, site) = clean_site();
    edit(&site, &format!("{KRU}/portfolio.yaml"), |t| {
        format!(
            "{}\nprivate:\n  birth_date: 15 มิถุนา 2528\n",
            t.replace("date: 2568-08-20", "date: 20 ส.ค 25688")
        )
    });
    let side = format!("{KRU}/3.3 นำความรู้มาใช้/นักเรียนเล่นเกมบัตรคำ.md");
    edit(&site, &side, |t| t.replace("date: 2568-07-15", "date: 31 มิ.ย. 2568"));
    insta::assert_snapshot!("unreadable-dates", shown(&site, &["K006", "M007"]));
}

// ------------------------------------------------------------ fiscal years

#[test]
fn fiscal_year_in_thai_digits_is_read() {
    let (tmp, site) = clean_site();
    edit(&site, &format!("{KRU}/portfolio.yaml"), |t| t.replace("fiscal_year: 2568", "fiscal_year: ๒๕๖๘"));
    edit(&site, "content/site.yaml", |t| t.replace("fiscal_year: 2568", "fiscal_year: \"พ.ศ. ๒๕๖๘\""));
    assert_eq!(shown_or_empty(&site), "", "Thai digits are the same year: no finding");
    let out = tmp.path().join("review");
    let o = build_to(&site, &out, "review");
    assert!(o.status.success(), "{}", text(&o));
    let report = read(&out, "portfolios/kru-clean/print/report/index.html");
    assert!(report.contains("๒๕๖๘"), "the fiscal year is printed");
}

#[test]
fn ce_fiscal_years_are_refused_with_the_be_year() {
    let (tmp, site) = clean_site();
    edit(&site, &format!("{KRU}/portfolio.yaml"), |t| t.replace("fiscal_year: 2568", "fiscal_year: 2025"));
    let portfolio = shown(&site, &["M006", "M008"]);
    edit(&site, "content/site.yaml", |t| t.replace("fiscal_year: 2568", "fiscal_year: 2025"));
    let o = build_to(&site, &tmp.path().join("out"), "public");
    assert_eq!(o.status.code(), Some(1), "a CE year in site.yaml is a configuration error:\n{}", text(&o));
    let site_yaml = about(&o, "site.yaml");
    insta::assert_snapshot!("ce-fiscal-years", format!("{portfolio}\n{site_yaml}"));
}

// ------------------------------------------------------------ YAML messages

#[test]
fn yaml_mistakes_say_the_fix() {
    let (tmp, site) = clean_site();
    // A tab in portfolio.yaml's indentation.
    edit(&site, &format!("{KRU}/portfolio.yaml"), |t| t.replace("\n  briefing_date:", "\n\tbriefing_date:"));
    // A quote never closed in a sidecar.
    let side = format!("{KRU}/3.3 นำความรู้มาใช้/นักเรียนเล่นเกมบัตรคำ.md");
    edit(&site, &side, |t| t.replace("title: นักเรียนเล่นเกมบัตรคำ", "title: \"นักเรียนเล่นเกมบัตรคำ"));
    let portfolio = shown(&site, &["M002", "M007"]);
    // A colon in a page title, and a key written twice in site.yaml.
    std::fs::write(site.join("content/colon.md"), "---\ntitle: แผนที่ 1: การบวก\n---\nเนื้อหา\n").unwrap();
    let o = build_to(&site, &tmp.path().join("out"), "public");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let page = about(&o, "colon.md");
    edit(&site, "content/site.yaml", |t| format!("{t}title: ซ้ำ\n"));
    let o = build_to(&site, &tmp.path().join("out"), "public");
    let dup = about(&o, "site.yaml");
    insta::assert_snapshot!("yaml-mistakes", format!("{portfolio}\n{page}\n{dup}"));
}

// ------------------------------------------------------------ Windows-874

#[test]
fn windows_874_files_are_read_with_a_warning() {
    let (tmp, site) = clean_site();
    let page = "---\ntitle: แนวทางการประเมิน “ภาษาไทย”\n---\nครูจัดทำข้อตกลงในการพัฒนางาน\n";
    let (bytes, _, bad) = encoding_rs::WINDOWS_874.encode(page);
    assert!(!bad);
    std::fs::write(site.join("content/ansi.md"), &bytes).unwrap();
    // A sidecar saved the same way.
    let side = site.join(format!("{KRU}/3.3 นำความรู้มาใช้/นักเรียนเล่นเกมบัตรคำ.md"));
    let utf8 = std::fs::read_to_string(&side).unwrap();
    std::fs::write(&side, encoding_rs::WINDOWS_874.encode(&utf8).0).unwrap();
    let out = tmp.path().join("out");
    let o = build_to(&site, &out, "public");
    assert!(o.status.success(), "{}", text(&o));
    let html = read(&out, "ansi/index.html");
    assert!(html.contains("แนวทางการประเมิน “ภาษาไทย”"), "the title is Thai, not mojibake");
    assert!(html.contains("ครูจัดทำข้อตกลงในการพัฒนางาน"), "the body is Thai");
    let indicator = read(&out, "portfolios/kru-clean/3.3/index.html");
    assert!(indicator.contains("นักเรียนเล่นเกมบัตรคำ"), "the sidecar's title was read");
    let warned = about(&o, "ansi.md");
    let lint = shown(&site, &["M007"]);
    insta::assert_snapshot!("windows-874", format!("{warned}\n{lint}"));
}

/// Issue 12: a framework catalogue saved as Windows-874 was decoded silently (no
/// warning in `build` or `lint`), unlike every other text file.
#[test]
fn a_windows_874_framework_file_is_read_with_a_warning_regression() {
    let (tmp, site) = clean_site();
    std::fs::create_dir_all(site.join("content/frameworks")).unwrap();
    // Its comments hold § and ×, which Windows-874 has not: as Notepad users write them.
    let yaml = std::fs::read_to_string(repo().join("content/frameworks/teacher.yaml")).unwrap();
    let yaml = yaml.replace('§', "ข้อ ").replace('×', "x");
    let (bytes, _, bad) = encoding_rs::WINDOWS_874.encode(&yaml);
    assert!(!bad, "the catalogue is Thai text Windows-874 can hold");
    std::fs::write(site.join("content/frameworks/teacher.yaml"), &bytes).unwrap();
    let out = tmp.path().join("out");
    let o = build_to(&site, &out, "public");
    assert!(o.status.success(), "{}", text(&o));
    let warned = about(&o, "content/frameworks/teacher.yaml");
    assert!(warned.contains("Windows-874") && warned.contains("UTF-8"), "build warns: {}", text(&o));
    // The indicators were read as Thai: the portfolio's indicator page has its title.
    let page = read(&out, "portfolios/kru-clean/3.3/index.html");
    assert!(page.contains("นำความรู้ ความสามารถ"), "the catalogue's Thai titles were decoded");
    let lint = krufolio(&["--root", site.to_str().unwrap(), "lint", "--no-media"]);
    let err = String::from_utf8_lossy(&lint.stderr);
    assert!(
        err.contains("content/frameworks/teacher.yaml") && err.contains("Windows-874"),
        "lint warns: {err}"
    );
}

#[test]
fn a_file_that_is_not_text_is_refused_with_save_as_utf8() {
    let (tmp, site) = clean_site();
    // Latin-1 "über": not UTF-8, and not Windows-874 either (0xFC has no character there).
    std::fs::write(site.join("content/latin.md"), b"---\ntitle: \xfcber\n---\n").unwrap();
    let o = build_to(&site, &tmp.path().join("out"), "public");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let msg = about(&o, "latin.md");
    assert!(msg.contains("save it as UTF-8") && msg.contains("UTF-8 ให้"), "{msg}");
}

// ------------------------------------------------------------ titles

#[test]
fn camera_file_names_get_the_indicator_title_and_a_number() {
    let (tmp, site) = clean_site();
    let dir = site.join(format!("{KRU}/3.3 นำความรู้มาใช้"));
    for name in ["IMG_20260701_140211.jpg", "IMG-20260701-WA0003.jpg"] {
        std::fs::copy(dir.join("นักเรียนเล่นเกมบัตรคำ.jpg"), dir.join(name)).unwrap();
    }
    let out = tmp.path().join("out");
    let o = build_to(&site, &out, "public");
    assert!(o.status.success(), "{}", text(&o));
    let page = read(&out, "portfolios/kru-clean/3.3/index.html");
    let indicator = "นำความรู้ ความสามารถ ทักษะที่ได้จากการพัฒนาตนเองและวิชาชีพมาใช้ในการพัฒนาการเรียนรู้ การพัฒนาคุณภาพผู้เรียน และการพัฒนานวัตกรรมการเรียนรู้";
    // Folder order: `IMG-…` sorts before `IMG_…`.
    for (n, title) in [(1, "ภาพที่ 1"), (2, "ภาพที่ 2")] {
        let t = format!("{indicator} {title}");
        assert!(page.contains(&format!("class=\"artefact__title\">{t}<")), "title {n}: {t}");
        assert!(page.contains(&format!("alt=\"{t}\"")), "alt {n} follows the title");
    }
    assert!(
        !page.contains(">IMG_20260701_140211<") && !page.contains("alt=\"IMG"),
        "no camera name as a title"
    );
    assert!(page.contains("class=\"artefact__title\">นักเรียนเล่นเกมบัตรคำ<"), "a sidecar title stays");
}
