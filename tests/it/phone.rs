//! Phone layout (issue #12 item 7): on a 390 px wide screen, tables with
//! three or more columns scroll sideways inside a focusable, named region
//! that shows a shadow on the edge with more table beyond it, and their
//! cells keep a readable width instead of shrinking to a word a line.
//! Checked in Debian's chromium (`tests/browser/phone.mjs`) on guide pages
//! and on a portfolio page whose teacher notes hold a table.

use crate::common::*;

/// A teacher's note with a four-column Markdown table, as pasted from a
/// plan: long Thai cells that a phone would squeeze to a word a line.
const NOTE_TABLE: &str = "\n\n## ตารางกิจกรรม\n\n\
| สัปดาห์ | กิจกรรมการเรียนรู้ | สื่อและแหล่งเรียนรู้ | การวัดและประเมินผล |\n\
|---|---|---|---|\n\
| 1 | นักเรียนตั้งคำถามจากปรากฏการณ์ใกล้ตัวและออกแบบการทดลอง | ชุดอุปกรณ์ที่หาได้ในท้องถิ่น | แบบสังเกตพฤติกรรมการทำงานกลุ่ม |\n\
| 2 | ทดลองและบันทึกผลร่วมกันในกลุ่ม แล้วนำเสนอหน้าชั้น | ใบกิจกรรมและวีดิทัศน์ | แบบประเมินการนำเสนอ |\n";

#[test]
fn tables_scroll_sideways_on_a_phone_with_a_visible_cue_and_readable_cells() {
    if !http::browser_tools(&["playwright-core"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("content"), &site.join("content"));
    let notes = site.join("content/portfolios/manee-jaingam/notes.md");
    let mut text_md = std::fs::read_to_string(&notes).unwrap();
    text_md.push_str(NOTE_TABLE);
    std::fs::write(&notes, text_md).unwrap();
    let out = tmp.path().join("out");
    let o = build(&site, &["--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let base = http::serve(out.clone());
    let pages =
        ["/evaluation/scoring/", "/writing/teacher/", "/orders/multiple/", "/portfolios/manee-jaingam/"];
    let o = http::browser_script("phone.mjs", std::iter::once(base.as_str()).chain(pages));
    assert!(o.status.success(), "{}", text(&o));
    let tables = http::json_lines(&o);
    for p in pages {
        let wide: Vec<_> =
            tables.iter().filter(|t| t["path"] == p && t["columns"].as_u64() >= Some(4)).collect();
        assert!(!wide.is_empty(), "{p}: no table of four or more columns found\n{}", text(&o));
        for t in wide {
            let em = t["minCellEm"].as_f64().unwrap();
            assert!(em >= 6.0, "{p}: a cell is {em:.1} em wide, squeezed: {t}");
            assert_eq!(t["scroller"], "table-wrap", "{p}: the table is not in a scroll region: {t}");
            let (sw, cw) = (t["scrollWidth"].as_u64().unwrap(), t["clientWidth"].as_u64().unwrap());
            assert!(sw > cw, "{p}: the table does not scroll ({sw} <= {cw}): {t}");
            assert_eq!(t["cue"], true, "{p}: no scroll shadow on the region: {t}");
            assert_eq!(t["focusable"], true, "{p}: keyboard users cannot scroll it: {t}");
            assert!(
                t["label"].as_str().is_some_and(|l| l.contains("เลื่อน")),
                "{p}: the region is not named: {t}"
            );
        }
    }
    // The page itself never scrolls sideways, and a table that fits does not scroll.
    assert!(tables.iter().all(|t| t["pageOverflow"] == false), "{}", text(&o));
    for t in tables.iter().filter(|t| t["columns"].as_u64() <= Some(2)) {
        assert!(t["scrollWidth"].as_u64() <= t["clientWidth"].as_u64(), "a narrow table scrolls: {t}");
    }
}
