//! # R002 phone-number-published
//!
//! พบหมายเลขโทรศัพท์ในข้อความที่จะเผยแพร่ / a phone number would be published. Default severity: error.
//!
//! ## What it does
//! ค้นหาหมายเลขโทรศัพท์มือถือและโทรศัพท์บ้านของไทยในข้อความที่เผยแพร่ / Finds Thai mobile and landline numbers in published text.
//!
//! ## Why
//! หมายเลขโทรศัพท์ของครู นักเรียน หรือผู้ปกครองเป็นข้อมูลส่วนบุคคล / Phone numbers of teachers, students or parents are personal data.
//!
//! ## Example
//! ```yaml
//! # notes.md
//! ติดต่อผู้ปกครอง 081-234-5678
//! ```
//!
//! ## Use instead
//! ติดต่อผู้ปกครองผ่านทางโรงเรียน / contact parents through the school.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    id: "R002",
    name: "phone-number-published",
    severity: Severity::Error,
    summary: "พบหมายเลขโทรศัพท์ในข้อความที่จะเผยแพร่",
    summary_en: "a phone number would be published",
    file: "phone_number_published",
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (path, text) in &cx.p.texts {
        for (i, line) in text.lines().enumerate() {
            for hit in crate::lint::text::phone_numbers(line) {
                out.push(cx.finding(
                    &RULE,
                    Some(path),
                    Some(i + 1),
                    None,
                    format!("พบหมายเลขโทรศัพท์ ({}) ในข้อความที่จะเผยแพร่ ให้ลบออก", mask(&hit)),
                    format!("a phone number ({}) would be published; remove it", mask(&hit)),
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
