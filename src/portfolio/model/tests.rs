//! Unit tests of the portfolio model.

use super::*;

#[test]
fn codes_normalise() {
    assert_eq!(normalize_code("1.3").as_deref(), Some("1.3"));
    assert_eq!(normalize_code("๑.๓ จัดกิจกรรมการเรียนรู้").as_deref(), Some("1.3"));
    assert_eq!(normalize_code(" 1.3. ").as_deref(), Some("1.3"));
    assert_eq!(normalize_code("1.3-x").as_deref(), Some("1.3"));
    assert_eq!(normalize_code("1.3_แผน").as_deref(), Some("1.3"));
    assert_eq!(normalize_code("01.03").as_deref(), Some("1.3"));
    assert_eq!(normalize_code("challenge"), None);
    assert_eq!(normalize_code("1 หลักสูตร"), None);
    assert_eq!(normalize_code("2567 รูป"), None);
}

/// A site in a temporary folder with the portfolio `kru-a` (a manifest,
/// an evidence folder 1.1); returns the site and the portfolio's folder.
fn kru_a() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("content/portfolios/kru-a");
    std::fs::create_dir_all(dir.join("1.1")).unwrap();
    std::fs::write(dir.join("portfolio.yaml"), "name: ครูเอ\nposition: ครู\n").unwrap();
    (tmp, dir)
}

#[test]
fn drop_lint_only_keeps_what_the_pages_read() {
    let (tmp, dir) = kru_a();
    std::fs::write(dir.join("1.1/README.md"), "# หลักฐาน 1.1\n").unwrap();
    std::fs::write(dir.join("1.1/บันทึก.md"), "---\ntitle: บันทึก\n---\n\nเนื้อหา\n").unwrap();
    std::fs::write(dir.join("1.1/แผน.pdf"), b"%PDF-1.4\n").unwrap();
    std::fs::write(dir.join("1.1/แผน.md"), "---\ntitle: แผน\n---\n\nคำอธิบาย\n").unwrap();
    let mut p = super::super::load::load(tmp.path(), &dir, None);
    assert!(p.manifest_value.is_some());
    let paths = |p: &Portfolio| p.texts.iter().map(|(x, _)| x.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&p).len(), 4, "{:?}", paths(&p));
    p.drop_lint_only();
    assert!(p.manifest_value.is_none());
    assert!(p.texts.is_empty());
    let mut kept: Vec<String> = p.on_disk.iter().map(|(x, _)| x.clone()).collect();
    kept.sort();
    let base = "content/portfolios/kru-a/1.1";
    assert_eq!(kept, [format!("{base}/บันทึก.md"), format!("{base}/แผน.md")]);
    assert!(p.manifest_text.is_none(), "only the rules look lines up in it");
    // The pages read a dropped text again, as long as it is what was linted.
    let note = format!("{base}/บันทึก.md");
    assert_eq!(p.text(tmp.path(), &note).as_deref(), Some("---\ntitle: บันทึก\n---\n\nเนื้อหา\n"));
    assert_eq!(p.text(tmp.path(), "content/portfolios/kru-a/1.1/README.md"), None);
}

#[test]
fn note_changed_after_lint_is_not_published_regression() {
    let (tmp, dir) = kru_a();
    std::fs::write(dir.join("1.1/บันทึก.md"), "เนื้อหาที่ตรวจแล้ว\n").unwrap();
    let mut p = super::super::load::load(tmp.path(), &dir, None);
    p.drop_lint_only();
    let note = "content/portfolios/kru-a/1.1/บันทึก.md";
    assert_eq!(p.text(tmp.path(), note).as_deref(), Some("เนื้อหาที่ตรวจแล้ว\n"));
    // Written between the lint and the pages: unchecked, so not shown.
    std::fs::write(dir.join("1.1/บันทึก.md"), "เลข 1101700230716\n").unwrap();
    assert_eq!(p.text(tmp.path(), note), None);
    std::fs::remove_file(dir.join("1.1/บันทึก.md")).unwrap();
    assert_eq!(p.text(tmp.path(), note), None);
}
