//! A lint rule about personal data in published files (PDPA). [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ค้นหาหมายเลขโทรศัพท์มือถือและโทรศัพท์บ้านของไทยในข้อความที่เผยแพร่ / Finds Thai mobile and landline numbers in published text.
    ///
    /// ## Why
    /// หมายเลขโทรศัพท์ของครู นักเรียน หรือผู้ปกครองเป็นข้อมูลส่วนบุคคล / Phone numbers of teachers, students or parents are personal data.
    ///
    /// ## Example
    /// ```yaml
    /// # notes.md
    /// ติดต่อผู้ปกครอง 081-234-5678
    /// ```
    ///
    /// ## Use instead
    /// ติดต่อผู้ปกครองผ่านทางโรงเรียน / contact parents through the school.
    pub static RULE = {
        id: "R002",
        name: "phone-number-published",
        category: Privacy,
        severity: Error,
        summary: "พบหมายเลขโทรศัพท์ในข้อความที่จะเผยแพร่" / "a phone number would be published",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    cx.scan_published(
        &RULE,
        false,
        |m| {
            (
                format!("พบหมายเลขโทรศัพท์ ({m}) ในข้อความที่จะเผยแพร่ ให้ลบออก"),
                format!("a phone number ({m}) would be published; remove it"),
            )
        },
        out,
    );
}
