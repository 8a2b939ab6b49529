//! Printable documents: the PA report, the committee orders and the
//! evaluation summary. Built from the repository's sample site in both
//! audiences; private fields only in the review build; the documents print
//! to A4 PDFs in Debian's headless chromium (checked with poppler's
//! `pdfinfo` and `pdftoppm`; the pixel checks are in `print.rs`).

use std::path::Path;

use crate::common::http::serve;
use crate::common::*;

fn read(out: &Path, rel: &str) -> String {
    std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `html` without its tags (the text a reader sees, spans joined).
fn untagged(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Committee scores are review data: the evaluation forms exist only there.
const REVIEW_ONLY: &[&str] = &[
    "portfolios/manee-jaingam/print/evaluation/index.html",
    "portfolios/somchai-rakdee/print/evaluation/index.html",
];

const DOCS: &[&str] = &[
    "portfolios/print/index.html",
    "portfolios/print/orders/index.html",
    "portfolios/manee-jaingam/print/report/index.html",
    "portfolios/manee-jaingam/print/order/index.html",
    "portfolios/somchai-rakdee/print/order/index.html",
    "portfolios/kru-incomplete/print/report/index.html",
    "portfolios/kru-incomplete/print/order/index.html",
    "portfolios/director-district1/print/report/index.html",
];

/// Every spelling of the samples' private values that must not leak.
const PRIVATE: &[&str] = &[
    "36420",
    "36,420",
    "๓๖,๔๒๐",
    "๓๖๔๒๐",
    "2533-06-02",
    "๒๕๓๓-๐๖-๐๒",
    "มิถุนายน ๒๕๓๓",
    "มิถุนายน 2533",
    "๒๕๙๓",
    "58390",
    "58,390",
    "๕๘,๓๙๐",
    "76800",
    "๗๖,๘๐๐",
    "24750",
    "๒๔,๗๕๐",
    "2518-11-21",
    "2510-04-09",
    "2538-09-30",
];

#[test]
fn documents_exist_and_private_fields_stay_in_the_review_build() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    let review = tmp.path().join("review");
    build_repo(&public, "public");
    build_repo(&review, "review");
    for out in [&public, &review] {
        for d in DOCS {
            assert!(out.join(d).is_file(), "{d} in {}", out.display());
        }
        // No committee in the director's sample: no order, no evaluation.
        assert!(!out.join("portfolios/director-district1/print/order/index.html").exists());
        assert!(!out.join("portfolios/kru-incomplete/print/evaluation/index.html").exists());
        assert_eq!(broken_links(out, "/"), Vec::<String>::new());
    }
    for d in REVIEW_ONLY {
        assert!(review.join(d).is_file(), "{d} in the review build");
        assert!(!public.join(d).exists(), "{d} must not be public");
    }

    // Public: no private value anywhere in the output.
    for f in files(&public).into_iter().filter(|f| f.ends_with(".html")) {
        let html = read(&public, &f);
        for v in PRIVATE {
            assert!(!html.contains(v), "{f} leaks {v}");
        }
    }
    let report = read(&public, "portfolios/manee-jaingam/print/report/index.html");
    assert!(report.contains("(ไม่เผยแพร่)"), "withheld cells are marked");
    assert!(report.contains("นางสาวมานี ใจงาม"));
    assert!(report.contains("แบบรายงานผลการพัฒนางานตามข้อตกลง"));
    assert_eq!(report.matches("<h1").count(), 1, "one h1");

    // Review: salary grouped in Thai digits, BE birth date, retirement FY.
    let report = read(&review, "portfolios/manee-jaingam/print/report/index.html");
    assert!(report.contains("๓๖,๔๒๐"), "salary formatted");
    assert!(report.contains("๒ มิถุนายน ๒๕๓๓"), "Thai BE birth date");
    assert!(report.contains("๒๕๙๓"), "retirement fiscal year (60th birthday 2 Jun 2593)");
    assert!(!report.contains("(ไม่เผยแพร่)"));
    // Section 9.1: the indicators with the evidence titles.
    assert!(report.contains("สร้างและหรือพัฒนาหลักสูตร"));
    assert!(report.contains("ประชุมทบทวนหลักสูตรกลุ่มสาระวิทยาศาสตร์"));

    // The order: number, legal basis, roles, date in Thai digits, signer.
    // Names and dates sit in no-break spans: compare the text without tags.
    let order = untagged(&read(&public, "portfolios/manee-jaingam/print/order/index.html"));
    for s in [
        "คำสั่งโรงเรียนบ้านหนองแวง",
        "ที่ ๑๑๒/๒๕๖๘",
        "ศธ ๐๒๐๖.๓/ว ๙ ลงวันที่ ๒๐ พฤษภาคม ๒๕๖๔",
        "ประธานกรรมการ",
        "กรรมการและเลขานุการ",
        "สั่ง ณ วันที่ ๒๐ สิงหาคม พ.ศ. ๒๕๖๘",
        "(นายสมชาย รักดี)",
        "ครูชำนาญการ",
    ] {
        assert!(order.contains(s), "order lacks {s}");
    }

    // One order per issuer with the annex list.
    let orders_html = read(&public, "portfolios/print/orders/index.html");
    assert_eq!(orders_html.matches("class=\"doc-annex__title\"").count(), 3, "three issuers");
    let orders = untagged(&orders_html);
    assert!(orders.contains("คำสั่งสำนักงานเขตพื้นที่การศึกษาประถมศึกษาตัวอย่าง เขต ๑"));
    assert!(orders.contains("นายสมชาย รักดี") && orders.contains("นางสาวมานี ใจงาม"));

    // The evaluation: three members, all pass (seed 004 scoring).
    let eval = read(&review, "portfolios/manee-jaingam/print/evaluation/index.html");
    assert!(eval.contains("ผลการประเมินโดยรวม: <strong>ผ่าน</strong>"), "overall pass");
    // นายสมชาย รักดี: Part 1 levels sum to 50 of 60, Part 2 20 + 7.5 + 7.5 = 35: 85.00.
    assert!(eval.contains("๕๐.๐๐") && eval.contains("๓๕.๐๐") && eval.contains("๘๕.๐๐"), "member totals");

    // The index lists every document.
    let index = read(&review, "portfolios/print/index.html");
    assert!(index.contains("/portfolios/manee-jaingam/print/evaluation/"));
    assert!(!read(&public, "portfolios/print/index.html").contains("/print/evaluation/"));
    assert!(index.contains("/portfolios/print/orders/"));
}

#[test]
fn an_invalid_score_sheet_cannot_be_summarised() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("content"), &site.join("content"));
    let yaml = site.join("content/portfolios/manee-jaingam/portfolio.yaml");
    let yaml_text = std::fs::read_to_string(&yaml).unwrap();
    // The second member forgets the method level.
    let yaml_text = yaml_text.replacen(
        "part2: { method: 3, quantitative: 3, qualitative: 3 }",
        "part2: { quantitative: 3, qualitative: 3 }",
        1,
    );
    std::fs::write(&yaml, yaml_text).unwrap();
    let out = tmp.path().join("out");
    let o = build(&site, &["--output", out.to_str().unwrap(), "--audience", "review"]);
    assert!(o.status.success(), "{}", text(&o));
    let eval = read(&out, "portfolios/manee-jaingam/print/evaluation/index.html");
    assert!(eval.contains("ผลการประเมินโดยรวม: <strong>ยังสรุปไม่ได้</strong>"));
}

// ---------------------------------------------------------------- printing

#[test]
fn documents_print_to_a4_in_a_real_browser() {
    let Some(t) = crate::print::tools() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("review");
    build_repo(&out, "review");
    let base = serve(out.clone());
    let docs = [
        ("report", "portfolios/manee-jaingam/print/report/", 2),
        ("order", "portfolios/manee-jaingam/print/order/", 1),
        ("evaluation", "portfolios/manee-jaingam/print/evaluation/", 1),
        ("orders", "portfolios/print/orders/", 3),
    ];
    let mut summary = Vec::new();
    for (name, url, min_pages) in docs {
        let pdf = tmp.path().join(format!("{name}.pdf"));
        t.print(&format!("{base}{url}"), &pdf, &tmp.path().join("chromium"));
        let (w, h, pages) = t.info(&pdf);
        assert!((w - 595.0).abs() <= 2.0 && (h - 842.0).abs() <= 2.0, "{name}: page size {w} x {h}, not A4");
        assert!(pages >= min_pages, "{name}: {pages} pages, expected at least {min_pages}");
        let rendered = t.pages(&pdf, &tmp.path().join(name));
        assert_eq!(
            rendered.len() as u32,
            pages,
            "{name}: pdftoppm rendered {} of {pages} pages",
            rendered.len()
        );
        summary.push(format!("{name}: {pages} pages, {w} x {h} pts"));
    }
    eprintln!("{}", summary.join("\n"));
}
