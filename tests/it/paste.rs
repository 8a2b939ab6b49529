//! Paste-friendly Markdown (issue #12 item 1): a guide pasted from Word
//! (tab tables, lines numbered ๑. ๒., Word's junk) built into real pages;
//! sidecar bodies on the portfolio pages (masked); `krufolio import` of a
//! .docx made at test time with pandoc, then built.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::media::{self, have_tools};
use crate::common::*;

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The lines of `stderr` that are warnings about `file`, with the site's
/// temporary folder taken out.
fn warnings_about(o: &std::process::Output, file: &str, site: &Path) -> String {
    let err = String::from_utf8_lossy(&o.stderr).replace(&site.display().to_string(), "<site>");
    let mut out = Vec::new();
    let mut keep = false;
    for line in err.lines() {
        if line.starts_with("warning: ") {
            keep = line.contains(file);
        }
        if keep {
            out.push(line);
        }
    }
    out.join("\n")
}

const PASTED: &str = "---\ntitle: เกณฑ์ที่วางมาจาก Word\npaste: true\n---\nเกณฑ์การให้คะแนน\n\
ลำดับ\tรายการประเมิน\tคะแนน\n\
๑\tการวางแผนการสอน\t๕\n\
๒\tการจัดกิจกรรม\t๑๐\n\
\n\
ขั้นตอนการดำเนินงาน\n\
๑. วางแผน\n\
๒. ปฏิบัติ\n\
๒.๑ สอนตามแผน\n\
๒.๒ บันทึกผล\n\
๓. ตรวจสอบ\n\
\n\
ผู้รับรอง\tนายสมชาย\tผู้อำนวยการ\tโรงเรียน\tบ้านนา\n\
ลงชื่อ\t\n\
\n\
ชื่อ\u{0B}ตำแหน่ง\n\
บรรทัดแรก\n\
บรรทัดที่สอง\n\
\n\
```\n๑. โค้ดไม่แปลง\na\tb\nc\td\n```\n\
\n\
_______________\n";

#[test]
fn pasted_word_guide_has_tables_and_thai_numbered_lists() {
    let (_tmp, site) = fixture("basic");
    write(&site.join("content/guides/วางจาก-word.md"), PASTED);
    let out = site.join("public");
    let o = build(&site, &["--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let html = read(&out.join("guides/วางจาก-word/index.html"));
    // The tab block is a table with its cells, the header first.
    assert!(html.contains("<th>รายการประเมิน</th>"), "{html}");
    assert!(html.contains("<td>การจัดกิจกรรม</td>") && html.contains("<td>๑๐</td>"), "{html}");
    assert_eq!(html.matches("<table>").count(), 2, "two tab blocks, two tables: {html}");
    // The Thai numbered lines are one ordered list with a nested one.
    assert_eq!(html.matches("<ol class=\"thai-digits\" start=\"1\">").count(), 2, "{html}");
    assert!(html.contains("<li>สอนตามแผน</li>") && html.contains("<li>ตรวจสอบ</li>"), "{html}");
    // paste: true keeps the line breaks; Word's U+000B is one too.
    assert!(html.contains("บรรทัดแรก<br />"), "{html}");
    assert!(html.contains("ชื่อ<br />"), "{html}");
    // Code is left as written.
    assert!(html.contains("๑. โค้ดไม่แปลง\na\tb"), "{html}");
    // The theme shows Thai digits for those lists.
    let css: String = files(&out)
        .iter()
        .filter(|f| f.ends_with(".css"))
        .map(|f| String::from_utf8_lossy(&read_output(&out, f)).into_owned())
        .collect();
    assert!(
        css.contains("list-style-type:thai") || css.contains("list-style-type: thai"),
        "no thai list style"
    );
    insta::assert_snapshot!("pasted_guide_warnings", warnings_about(&o, "วางจาก-word.md", &site));
}

/// The first HTML file of `out` whose text holds `needle`.
fn page_with(out: &Path, needle: &str) -> (String, String) {
    for f in files(out).into_iter().filter(|f| f.ends_with(".html")) {
        let html = read(&out.join(&f));
        if html.contains(needle) {
            return (f, html);
        }
    }
    panic!("no page of {} holds {needle}", out.display());
}

fn national_id(stem: &str) -> String {
    let d: Vec<u32> = stem.chars().map(|c| c.to_digit(10).unwrap()).collect();
    let sum: u32 = d.iter().enumerate().map(|(i, x)| x * (13 - i as u32)).sum();
    format!("{stem}{}", (11 - sum % 11) % 10)
}

#[test]
fn sidecar_body_is_shown_on_the_indicator_page_and_ids_in_it_are_masked() {
    let (_tmp, site) = clean_site();
    let id = national_id("310990012345");
    let sidecar = site.join("content/portfolios/kru-clean/3.3 นำความรู้มาใช้/นักเรียนเล่นเกมบัตรคำ.md");
    write(
        &sidecar,
        &format!(
            "---\ntitle: นักเรียนเล่นเกมบัตรคำ\ndate: 2568-07-15\nconsent: true\n---\n\
             BODYMARK นักเรียนฝึกอ่านคำด้วยเกมบัตรคำ ผู้ปกครองเลขประจำตัว {id}\n\n\
             กลุ่ม\tจำนวน\n๑\t๑๔ คน\n๒\t๑๔ คน\n\n<script>alert(1)</script>\n"
        ),
    );
    // A withheld file's sidecar body stays off the site too.
    let hidden = site.join("content/portfolios/kru-clean/3.3 นำความรู้มาใช้/ภาพไม่เผยแพร่.md");
    write(&hidden, "---\ntitle: ภาพไม่เผยแพร่\npublish: false\n---\nHIDDENMARK ข้อความส่วนตัว\n");
    std::fs::copy(sidecar.with_extension("jpg"), hidden.with_extension("jpg")).unwrap();
    let out = site.join("public");
    let o = build(&site, &["--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let (page, html) = page_with(&out, "BODYMARK");
    assert!(page.contains("kru-clean"), "{page}");
    let body = &html[html.find("artefact__body").expect(&html)..];
    assert!(body.contains("<td>๑๔ คน</td>"), "the body's tab table is a table: {body}");
    assert!(body.contains("&lt;script&gt;") && !html.contains("<script>alert"), "no raw HTML: {body}");
    for f in files(&out) {
        let bytes = read_output(&out, &f);
        let t = String::from_utf8_lossy(&bytes);
        assert!(!t.contains(&id), "the national ID of a sidecar body is published in {f}");
        assert!(!t.contains("HIDDENMARK"), "a withheld file's sidecar body is published in {f}");
    }
}

/// Runs `krufolio --root <site> import <args>` with `env` set on the child.
fn import(site: &Path, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_krufolio"));
    c.arg("--root").arg(site).arg("import").args(args);
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().unwrap()
}

/// A .docx made by pandoc from Markdown with a Thai table and a photo.
fn docx(dir: &Path, name: &str, markdown: &str) -> PathBuf {
    std::fs::write(dir.join("ภาพกิจกรรม.jpg"), media::jpeg(64, 48, 80)).unwrap();
    std::fs::write(dir.join("in.md"), markdown).unwrap();
    let out = dir.join(name);
    let o = Command::new("pandoc")
        .current_dir(dir)
        .args(["in.md", "-o"])
        .arg(&out)
        .output()
        .expect("pandoc runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

#[test]
fn import_docx_writes_a_page_with_its_table_and_image_that_builds() {
    if !have_tools(&["pandoc"]) {
        return;
    }
    let (tmp, site) = fixture("basic");
    let src = tmp.path().join("src");
    std::fs::create_dir_all(&src).unwrap();
    let md = "# แผนการจัดการเรียนรู้ที่ 4\n\nกิจกรรมการอ่านจับใจความ\n\n\
              | ขั้น | กิจกรรม | เวลา |\n|---|---|---|\n| นำ | ทบทวนคำศัพท์ | ๑๐ นาที |\n| สอน | อ่านแบบ SQ3R | ๓๐ นาที |\n\n\
              ![ภาพกิจกรรม](ภาพกิจกรรม.jpg)\n";
    let file = docx(&src, "แผนที่ 4.docx", md);
    let o = import(&site, &[file.to_str().unwrap(), "--out", "content/guides/"], &[]);
    assert!(o.status.success(), "{}", text(&o));
    let said = String::from_utf8_lossy(&o.stdout).replace(&site.display().to_string(), "<site>");
    insta::assert_snapshot!("import_report", said);
    let page = read(&site.join("content/guides/แผนที่ 4.md"));
    assert!(page.starts_with("---\ntitle: \"แผนการจัดการเรียนรู้ที่ 4\"\n---\n"), "{page}");
    assert!(page.contains("| นำ") && page.contains("ทบทวนคำศัพท์"), "a pipe table: {page}");
    assert!(page.contains("](แผนที่-4-media/"), "the image is linked relatively: {page}");
    // The built page shows the table and the image, which is published.
    let out = site.join("public");
    let b = build(&site, &["--output", out.to_str().unwrap()]);
    assert!(b.status.success(), "{}", text(&b));
    let (f, html) = page_with(&out, "ทบทวนคำศัพท์");
    assert!(html.contains("<td>ทบทวนคำศัพท์</td>") && html.contains("<th>กิจกรรม</th>"), "{html}");
    let img = links(&html).into_iter().find(|l| l.contains("-media/")).expect(&html);
    let rel =
        percent_encoding::percent_decode_str(img.trim_start_matches("/district/")).decode_utf8().unwrap();
    assert!(out.join(rel.as_ref()).is_file(), "{f}: the image {img} is not in the output");
    // A second import never overwrites: it refuses and says the fix.
    let again = import(&site, &[file.to_str().unwrap(), "--out", "content/guides/"], &[]);
    assert_eq!(again.status.code(), Some(2), "{}", text(&again));
    let err = String::from_utf8_lossy(&again.stderr).replace(&site.display().to_string(), "<site>");
    insta::assert_snapshot!("import_refuses_to_overwrite", err);
    let forced = import(&site, &[file.to_str().unwrap(), "--out", "content/guides/", "--force"], &[]);
    assert!(forced.status.success(), "{}", text(&forced));
}

#[test]
fn import_says_when_merged_cells_were_flattened() {
    if !have_tools(&["pandoc"]) {
        return;
    }
    let (tmp, site) = fixture("basic");
    let html = tmp.path().join("in.html");
    std::fs::write(
        &html,
        "<h1>ตารางรวมช่อง</h1><table><tr><th>ก</th><th>ข</th><th>ค</th></tr>\
         <tr><td colspan=\"2\">รวมสองช่อง</td><td>๓</td></tr>\
         <tr><td>๔</td><td><p>ย่อหน้าหนึ่ง</p><p>ย่อหน้าสอง</p></td><td>๖</td></tr></table>",
    )
    .unwrap();
    let file = tmp.path().join("ตาราง.odt");
    media::run("pandoc", &[html.to_str().unwrap(), "-o", file.to_str().unwrap()]);
    let o = import(&site, &[file.to_str().unwrap()], &[]);
    assert!(o.status.success(), "{}", text(&o));
    let page = read(&site.join("content/ตาราง.md"));
    assert!(page.contains("| รวมสองช่อง") && page.contains("ย่อหน้าหนึ่ง ย่อหน้าสอง"), "{page}");
    assert!(!page.contains("[TABLE]") && !page.contains("<table"), "{page}");
    let err = String::from_utf8_lossy(&o.stderr).replace(&tmp.path().display().to_string(), "<tmp>");
    insta::assert_snapshot!("import_flattened_warning", err);
}

#[test]
fn import_without_pandoc_says_how_to_install_it() {
    let (tmp, site) = fixture("basic");
    let file = tmp.path().join("แผน.docx");
    std::fs::write(&file, b"PK not really").unwrap();
    let o = import(&site, &[file.to_str().unwrap()], &[("KRUFOLIO_PANDOC", "/nonexistent/pandoc")]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr).replace(&tmp.path().display().to_string(), "<tmp>");
    assert!(
        err.contains("apt-get install pandoc") && err.contains("https://pandoc.org/installing.html"),
        "{err}"
    );
    assert!(!site.join("content/แผน.md").exists());
    insta::assert_snapshot!("import_without_pandoc", err);
}

#[test]
fn import_refuses_other_formats() {
    let (tmp, site) = fixture("basic");
    let file = tmp.path().join("แผน.doc");
    std::fs::write(&file, b"old word").unwrap();
    let o = import(&site, &[file.to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr).replace(&tmp.path().display().to_string(), "<tmp>");
    assert!(err.contains(".docx"), "{err}");
}
