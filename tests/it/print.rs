//! Print-perfect documents (issue #12 item 6), checked on the paper the
//! committee gets: each document is printed to an A4 PDF by Debian's headless
//! chromium, every page rendered by poppler's `pdftoppm -r 50 -gray` and its
//! pixels inspected (no stray marks in the bottom margin, a page number on
//! every page), page counts read with `pdfinfo`, and whole names found on one
//! line in `pdftotext -layout`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::http::serve;
use crate::common::*;

/// The print tools: chromium (or `$CHROMIUM`), pdfinfo, pdftoppm, pdftotext.
pub struct Tools {
    pub chromium: String,
    pub pdfinfo: String,
    pub pdftoppm: String,
    pub pdftotext: String,
}

/// The tools, or `None` (skipped) when one is missing; a failure instead
/// when `KRUFOLIO_REQUIRE_TOOLS` is set (CI).
pub fn tools() -> Option<Tools> {
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() || !media::have_tools(&["pdfinfo", "pdftoppm", "pdftotext"]) {
        assert!(
            std::env::var("KRUFOLIO_REQUIRE_TOOLS").is_err(),
            "chromium missing (apt-get install chromium poppler-utils)"
        );
        eprintln!("skipped: chromium, pdfinfo, pdftoppm or pdftotext not installed");
        return None;
    }
    let found = |name: &str| media::which(name).unwrap().to_string_lossy().into_owned();
    Some(Tools {
        chromium,
        pdfinfo: found("pdfinfo"),
        pdftoppm: found("pdftoppm"),
        pdftotext: found("pdftotext"),
    })
}

impl Tools {
    /// Prints `url` to `pdf` as the committee does (no browser header or footer).
    pub fn print(&self, url: &str, pdf: &Path, profile: &Path) {
        let o = Command::new(&self.chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(url)
            .output()
            .unwrap();
        assert!(pdf.is_file(), "{url}: no PDF\n{}", text(&o));
    }

    /// (page width, page height, pages) from `pdfinfo`.
    pub fn info(&self, pdf: &Path) -> (f64, f64, u32) {
        let o = Command::new(&self.pdfinfo).arg(pdf).output().unwrap();
        let t = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(o.status.success(), "pdfinfo {}: {}", pdf.display(), text(&o));
        let field = |name: &str| -> String {
            t.lines()
                .find(|l| l.starts_with(name))
                .map(|l| l[name.len()..].trim().to_string())
                .unwrap_or_default()
        };
        let pages: u32 = field("Pages:").parse().unwrap();
        let size = field("Page size:");
        let mut it = size.split_whitespace();
        let w: f64 = it.next().unwrap().parse().unwrap();
        it.next(); // "x"
        let h: f64 = it.next().unwrap().parse().unwrap();
        (w, h, pages)
    }

    /// Every page of `pdf` rendered at 50 dpi in grey (`<prefix>-N.png`).
    pub fn pages(&self, pdf: &Path, prefix: &Path) -> Vec<image::GrayImage> {
        let o = Command::new(&self.pdftoppm)
            .args(["-r", "50", "-gray", "-png"])
            .arg(pdf)
            .arg(prefix)
            .output()
            .unwrap();
        assert!(o.status.success(), "pdftoppm {}: {}", pdf.display(), text(&o));
        let dir = prefix.parent().unwrap();
        let stem = format!("{}-", prefix.file_name().unwrap().to_string_lossy());
        let mut pngs: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                let n = p.file_name().unwrap().to_string_lossy().into_owned();
                let number = n.strip_prefix(&stem).and_then(|r| r.strip_suffix(".png"));
                number.is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
            })
            .collect();
        // pdftoppm pads the page number to the width of the page count.
        pngs.sort_by_key(|p| {
            let n = p.file_stem().unwrap().to_string_lossy().into_owned();
            n.rsplit('-').next().unwrap().parse::<u32>().unwrap()
        });
        pngs.iter().map(|p| image::open(p).unwrap().to_luma8()).collect()
    }

    /// The text of `pdf` laid out as on the page (`pdftotext -layout`).
    pub fn text(&self, pdf: &Path) -> String {
        let o = Command::new(&self.pdftotext).arg("-layout").arg(pdf).arg("-").output().unwrap();
        assert!(o.status.success(), "pdftotext {}: {}", pdf.display(), text(&o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    }
}

/// Pixels darker than this are ink.
const INK: u8 = 160;

/// How many ink pixels the rows `top..bottom` (in cm from the page top) hold.
fn ink(page: &image::GrayImage, top_cm: f64, bottom_cm: f64) -> usize {
    let px = |cm: f64| ((cm / 2.54 * 50.0).round() as u32).min(page.height());
    let (top, bottom) = (px(top_cm), px(bottom_cm));
    (top..bottom).map(|y| (0..page.width()).filter(|&x| page.get_pixel(x, y).0[0] < INK).count()).sum()
}

/// Ink pixels in the rows `top..bottom` (cm) that are not part of a rule:
/// a horizontal run of ink longer than 1 cm (a table's bottom border that
/// ends exactly on the text area's edge) is the document's own, a stray
/// tone mark is a few pixels wide.
fn marks(page: &image::GrayImage, top_cm: f64, bottom_cm: f64) -> usize {
    let px = |cm: f64| ((cm / 2.54 * 50.0).round() as u32).min(page.height());
    let mut n = 0;
    for y in px(top_cm)..px(bottom_cm) {
        let mut run = 0;
        for x in 0..=page.width() {
            if x < page.width() && page.get_pixel(x, y).0[0] < INK {
                run += 1;
            } else {
                if run <= 20 {
                    n += run;
                }
                run = 0;
            }
        }
    }
    n
}

/// The A4 page: 29.7 cm high; the documents' bottom margin (documents.css,
/// `@page official`) is 1.6 cm and holds the page number in its middle.
const PAGE_CM: f64 = 29.7;
const BOTTOM_MARGIN_CM: f64 = 1.6;

/// What a printed document's pages look like, checked on every page: the band
/// between the text area and the page number is blank (no tone marks or upper
/// vowels of the next page's first line), and the page number band has ink.
fn check_pages(name: &str, pages: &[image::GrayImage]) {
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        // Page 50 dpi A4: 413 x 585 px.
        assert!(
            (580..=590).contains(&page.height()),
            "{name} p{n}: {} px high, not A4 at 50 dpi",
            page.height()
        );
        let text_bottom = PAGE_CM - BOTTOM_MARGIN_CM;
        // From the text area's bottom edge to just above the number.
        let stray = marks(page, text_bottom, text_bottom + 0.4);
        assert_eq!(stray, 0, "{name} p{n}: {stray} ink pixels in the bottom margin above the page number");
        let number = ink(page, text_bottom + 0.4, PAGE_CM - 0.3);
        assert!(number > 10, "{name} p{n}: no page number in the bottom margin ({number} ink pixels)");
        assert_eq!(ink(page, PAGE_CM - 0.3, PAGE_CM), 0, "{name} p{n}: ink at the very bottom edge");
    }
}

/// The visible text of the document (`<article>…</article>`), tags removed,
/// entities of the escaper decoded, whitespace runs as one space.
fn article_text(html: &str) -> String {
    let start = html.find("<article").unwrap_or(0);
    let end = html.rfind("</article>").unwrap_or(html.len());
    let mut out = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"").replace("&#x27;", "'").replace("&amp;", "&")
}

/// The people of the samples whose names the documents print.
const NAMES: &[&str] = &[
    "นางสาวมานี ใจงาม",
    "นายสมชาย รักดี",
    "นางวันเพ็ญ แสงทอง",
    "นายสุชาติ มีสุข",
    "นางสาวกมลา ดวงดี",
    "นายวิชัย ศรีพัฒนา",
    "นางอรุณี ปัญญาดี",
    "นายบุญมี ศรีสุข",
];

/// Every word of every name is as often whole in the printed text as in the
/// page: a name broken inside a word ("มานี ใจ" / "งาม") loses one.
/// Returns how many names were found whole on one line.
fn check_names(name: &str, html: &str, printed: &str) -> usize {
    let lines: Vec<String> =
        printed.lines().map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    let page = article_text(html);
    let mut whole = 0;
    for person in NAMES {
        for word in person.split(' ') {
            let want = page.matches(word).count();
            let got: usize = lines.iter().map(|l| l.matches(word).count()).sum();
            assert!(
                got >= want,
                "{name}: \"{word}\" (of {person}) whole {got} times in print, {want} on the page"
            );
        }
        whole += lines.iter().filter(|l| l.contains(person)).count();
    }
    whole
}

/// One document printed: its pages checked, its names checked.
fn print_and_check(t: &Tools, dir: &Path, base: &str, out: &Path, name: &str, url: &str) -> u32 {
    let pdf = dir.join(format!("{name}.pdf"));
    t.print(&format!("{base}{url}"), &pdf, &dir.join("chromium"));
    let (w, h, n) = t.info(&pdf);
    assert!((w - 595.0).abs() <= 2.0 && (h - 842.0).abs() <= 2.0, "{name}: page size {w} x {h}, not A4");
    let pages = t.pages(&pdf, &dir.join(name));
    assert_eq!(pages.len() as u32, n, "{name}: pdftoppm rendered {} of {n} pages", pages.len());
    check_pages(name, &pages);
    let html = std::fs::read_to_string(out.join(url).join("index.html")).unwrap();
    let whole = check_names(name, &html, &t.text(&pdf));
    assert!(whole > 0, "{name}: no name whole on one line in\n{}", t.text(&pdf));
    n
}

#[test]
fn printed_pages_have_no_stray_marks_a_number_on_every_page_and_whole_names() {
    let Some(t) = tools() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("review");
    build_repo(&out, "review");
    let base = serve(out.clone());
    let mut summary = Vec::new();
    for (name, url) in [
        ("report", "portfolios/manee-jaingam/print/report/"),
        ("order", "portfolios/manee-jaingam/print/order/"),
        ("order-somchai", "portfolios/somchai-rakdee/print/order/"),
        ("evaluation", "portfolios/manee-jaingam/print/evaluation/"),
        ("orders", "portfolios/print/orders/"),
    ] {
        let n = print_and_check(&t, tmp.path(), &base, &out, name, url);
        if name.starts_with("order-") || name == "order" {
            assert_eq!(n, 1, "{name}: a one-person order must fit on one A4 page, it took {n}");
        } else {
            assert!(n >= 2, "{name}: {n} pages, a multi-page document expected");
        }
        summary.push(format!("{name}: {n} pages"));
    }
    eprintln!("{}", summary.join("\n"));
}

/// Regression (issue #12): a one-person committee's order ran onto an
/// unnumbered second page with only the signature on it.
#[test]
fn a_one_member_committee_order_fits_on_one_numbered_a4_page() {
    let Some(t) = tools() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("content"), &site.join("content"));
    let yaml = site.join("content/portfolios/manee-jaingam/portfolio.yaml");
    let s = std::fs::read_to_string(&yaml).unwrap();
    // Keep the chair only: drop the members from the second one to the scores.
    let (a, b) = (s.find("    - name: นางวันเพ็ญ แสงทอง").unwrap(), s.find("\n# ระดับคุณภาพ").unwrap());
    std::fs::write(&yaml, format!("{}{}", &s[..a], &s[b..])).unwrap();
    let out = tmp.path().join("out");
    let o = build(&site, &["--output", out.to_str().unwrap(), "--audience", "review"]);
    assert!(o.status.success(), "{}", text(&o));
    let url = "portfolios/manee-jaingam/print/order/";
    let html = std::fs::read_to_string(out.join(url).join("index.html")).unwrap();
    assert_eq!(html.matches("class=\"doc-members__name\"").count(), 1, "one member");
    let base = serve(out.clone());
    let n = print_and_check(&t, tmp.path(), &base, &out, "order-one", url);
    assert_eq!(n, 1, "the one-member order took {n} pages");
}
