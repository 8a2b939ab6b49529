//! Unit tests of the paste preprocessor: the Markdown it makes, rendered by
//! pulldown-cmark as the site renders it.

use super::*;
use crate::markup::{options, Author};

fn html(md: &str, breaks: bool) -> String {
    let p = prepare(md, breaks);
    let mut lists = p.lists();
    let events = pulldown_cmark::Parser::new_ext(&p.text, options(Author::Teacher))
        .into_offset_iter()
        .map(|(ev, r)| lists.map(ev, r.start));
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

#[test]
fn tab_block_becomes_a_table_with_its_cells() {
    let h = html("ตารางคะแนน\nลำดับ\tรายการ\tคะแนน\n๑\tการวางแผน\t๕\n๒\tการสอน\t๑๐\nจบ\n", false);
    assert!(h.contains("<table>"), "{h}");
    assert!(h.contains("<th>รายการ</th>"), "{h}");
    assert!(h.contains("<td>การสอน</td>"), "{h}");
    assert!(h.contains("<td>๑๐</td>"), "{h}");
    assert!(h.contains("<p>ตารางคะแนน</p>") && h.contains("<p>จบ</p>"), "{h}");
}

#[test]
fn ragged_rows_are_padded_and_wild_ones_warned_with_their_line() {
    let p = prepare("a\tb\tc\n1\t2\n", false);
    assert!(p.notes.is_empty(), "{:?}", p.notes);
    assert!(p.text.contains("| 1 | 2 |  |"), "{}", p.text);
    let p = prepare("ย่อหน้า\n\na\tb\tc\td\n1\t2\n", false);
    assert_eq!(p.notes, vec![Note { line: 3, kind: NoteKind::RaggedTable { min: 2, max: 4 } }]);
}

#[test]
fn pipes_in_cells_stay_text() {
    let h = html("a|x\tb\n1\t2\n", false);
    assert!(h.contains("<th>a|x</th>"), "{h}");
}

#[test]
fn thai_numbers_become_an_ordered_list_that_keeps_them() {
    let h = html("ขั้นตอนมีดังนี้\n๑. วางแผน\n๒. ปฏิบัติ\n๓. ตรวจสอบ\n", false);
    assert!(h.contains("<p>ขั้นตอนมีดังนี้</p>"), "{h}");
    assert!(h.contains("<ol class=\"thai-digits\" start=\"1\">"), "{h}");
    assert_eq!(h.matches("<li>").count(), 3, "{h}");
    assert!(h.contains("<li>ตรวจสอบ</li>"), "{h}");
    // A list that starts later keeps its number.
    let h = html("ต่อ\n๔) ปรับปรุง\n๕) รายงาน\n", false);
    assert!(h.contains("start=\"4\""), "{h}");
}

#[test]
fn thai_sub_numbers_nest() {
    let h = html("๑. ด้านการสอน\n๑.๑ หลักสูตร\n๑.๒ การออกแบบ\n๒. ด้านการส่งเสริม\n", false);
    assert_eq!(h.matches("<ol class=\"thai-digits\"").count(), 2, "{h}");
    let inner = h.find("<li>หลักสูตร</li>").expect(&h);
    let outer_second = h.find("<li>ด้านการส่งเสริม</li>").expect(&h);
    assert!(inner < outer_second && h[..inner].contains("<li>ด้านการสอน"), "{h}");
    // Without a parent the number stays as written.
    let h = html("๒.๓ ข้อย่อย\n", false);
    assert!(h.contains("๒.๓ ข้อย่อย") && !h.contains("<ol"), "{h}");
}

#[test]
fn arabic_parenthesis_numbers_after_a_paragraph_become_a_list() {
    let h = html("รายการ\n2) ก\n3) ข\n", false);
    assert!(h.contains("<ol start=\"2\">"), "{h}");
    assert!(!h.contains("thai-digits"), "{h}");
}

#[test]
fn code_is_left_alone() {
    let md = "```\n๑. ไม่ใช่รายการ\na\tb\nc\td\n```\n\n    ๑. โค้ด\n    x\ty\n    z\tw\n";
    let p = prepare(md, true);
    assert_eq!(p.text, md);
    assert!(!html(md, true).contains("<table>"));
}

#[test]
fn ordinary_markdown_is_unchanged() {
    let md =
        "# หัวข้อ\n\nย่อหน้าที่ยาว\nต่อบรรทัด\n\n- ก\n- ข\n\n1. หนึ่ง\n2. สอง\n\n| ก | ข |\n|---|---|\n| 1 | 2 |\n";
    assert_eq!(prepare(md, false).text, md);
    assert!(prepare(md, false).notes.is_empty());
}

#[test]
fn paste_true_keeps_line_breaks() {
    assert!(html("บรรทัดหนึ่ง\nบรรทัดสอง\n", true).contains("บรรทัดหนึ่ง<br />"));
    assert!(!html("บรรทัดหนึ่ง\nบรรทัดสอง\n", false).contains("<br"));
}

#[test]
fn word_junk_is_a_note_with_its_line() {
    let md = "ก\nชื่อ\u{0B}ตำแหน่ง\nข\u{0}ค\nง\u{A0}\u{A0}\u{A0}จ\u{A0}ฉ\n__________\n";
    let p = prepare(md, false);
    let kinds: Vec<_> = p.notes.iter().map(|n| (n.line, n.kind.clone())).collect();
    assert_eq!(
        kinds,
        vec![
            (2, NoteKind::LineBreak('\u{0B}')),
            (3, NoteKind::Control('\u{0}')),
            (4, NoteKind::NbspRun),
            (5, NoteKind::Underscores),
        ]
    );
    let h = html(md, false);
    assert!(h.contains("ชื่อ<br />"), "{h}");
    assert!(h.contains("ขค") && h.contains("ง จ\u{A0}ฉ"), "{h}");
    for n in &p.notes {
        let t = n.text();
        assert!(!t.th.is_empty() && t.en.is_ascii(), "{n:?}");
    }
}

#[test]
fn source_lines_survive_inserted_lines() {
    let md = "ย่อหน้า\na\tb\nc\td\n[ลิงก์](x.md)\n";
    let p = prepare(md, false);
    let at = p.text.find("[ลิงก์]").unwrap();
    assert_eq!(p.source_line(at), 4, "{}", p.text);
    let row = p.text.find("| c |").unwrap();
    assert_eq!(p.source_line(row), 3);
}

#[test]
fn numbered_parses() {
    assert_eq!(numbered("๑. ก"), Some(Numbered { depth: 1, number: 1, thai: true, text: "ก" }));
    assert_eq!(numbered("๑๒) ก"), Some(Numbered { depth: 1, number: 12, thai: true, text: "ก" }));
    assert_eq!(numbered("๑.๒.๓ ก"), Some(Numbered { depth: 3, number: 3, thai: true, text: "ก" }));
    assert_eq!(numbered("3) ก"), Some(Numbered { depth: 1, number: 3, thai: false, text: "ก" }));
    for no in ["1. ก", "๑.ก", "๑ ก", "๑.", "๒๕๖๘", "    ๑. ก", "1.1 ก", "ก. ข"]
    {
        assert_eq!(numbered(no), None, "{no}");
    }
}

/// Issue 12: one pasted line with tabs became a paragraph with no warning.
#[test]
fn a_lone_line_with_tabs_is_text_with_a_note_regression() {
    let md = "ก่อน\n\nลงชื่อ\t\tผู้อำนวยการ\n\nหลัง\n";
    let p = prepare(md, false);
    assert_eq!(p.notes, vec![Note { line: 3, kind: NoteKind::LoneTabRow }]);
    let h = html(md, false);
    assert!(!h.contains("<table>") && h.contains("ลงชื่อ"), "{h}");
    // Two such lines are a table, with no note; a numbered line with a tab is a list item.
    assert!(prepare("ก\tข\nค\tง\n", false).notes.is_empty());
    assert!(prepare("๑.\tข้อแรก\n", false).notes.is_empty());
}
