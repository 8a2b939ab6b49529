//! # R001 national-id-published
//!
//! พบเลขประจำตัวประชาชนในข้อความที่จะเผยแพร่ / a national ID number would be published. Default severity: error.
//!
//! ## What it does
//! ค้นหาเลขประจำตัวประชาชน 13 หลักที่ผ่านการตรวจเลขหลักสุดท้าย ในข้อความที่เผยแพร่ (portfolio.yaml นอก `private:` ไฟล์ประกอบ และบันทึก .md) / Finds 13-digit Thai national ID numbers (valid check digit) in published text: portfolio.yaml outside `private:`, sidecars and notes.
//!
//! ## Why
//! เลขประจำตัวประชาชนเป็นข้อมูลส่วนบุคคลตาม พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 ไม่ควรเผยแพร่บนเว็บ / A national ID is personal data under the PDPA B.E. 2562 and must not be published.
//!
//! ## Example
//! ```yaml
//! # notes.md
//! เลขประจำตัวประชาชน 1-1017-00230-71-6
//! ```
//!
//! ## Use instead
//! ```yaml
//! private:
//!   national_id: ...   # เก็บไว้สำหรับรายงานที่พิมพ์เท่านั้น / kept for the printed report only
//! ```

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    id: "R001",
    name: "national-id-published",
    severity: Severity::Error,
    summary: "พบเลขประจำตัวประชาชนในข้อความที่จะเผยแพร่",
    summary_en: "a national ID number would be published",
    file: "national_id_published",
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (path, text) in &cx.p.texts {
        for (i, line) in text.lines().enumerate() {
            for hit in crate::lint::text::national_ids(line) {
                out.push(cx.finding(
                    &RULE,
                    Some(path),
                    Some(i + 1),
                    None,
                    format!(
                        "พบเลขประจำตัวประชาชน ({}) ในข้อความที่จะเผยแพร่ ให้ลบออกหรือย้ายไปไว้ใน private:",
                        mask(&hit)
                    ),
                    format!(
                        "a national ID number ({}) would be published; remove it or move it under private:",
                        mask(&hit)
                    ),
                ));
            }
        }
    }
}

/// Shows only the last 4 digits, so the report itself does not leak it.
fn mask(s: &str) -> String {
    let n = s.chars().count();
    s.chars().enumerate().map(|(i, c)| if i + 4 < n { 'x' } else { c }).collect()
}
