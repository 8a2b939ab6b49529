//! A lint rule about personal data in published files (PDPA). [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ค้นหาเลขประจำตัวประชาชน 13 หลักที่ผ่านการตรวจเลขหลักสุดท้าย ในข้อความที่เผยแพร่ (portfolio.yaml นอก `private:` ไฟล์ประกอบ และบันทึก .md) / Finds 13-digit Thai national ID numbers (valid check digit) in published text: portfolio.yaml outside `private:`, sidecars and notes.
    ///
    /// ## Why
    /// เลขประจำตัวประชาชนเป็นข้อมูลส่วนบุคคลตาม พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562 ไม่ควรเผยแพร่บนเว็บ / A national ID is personal data under the PDPA B.E. 2562 and must not be published.
    ///
    /// ## Example
    /// ```yaml
    /// # notes.md
    /// เลขประจำตัวประชาชน 1-1017-00230-71-6
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// private:
    ///   national_id: ...   # เก็บไว้สำหรับรายงานที่พิมพ์เท่านั้น / kept for the printed report only
    /// ```
    pub static RULE = {
        id: "R001",
        name: "national-id-published",
        category: Privacy,
        severity: Error,
        summary: "พบเลขประจำตัวประชาชนในข้อความที่จะเผยแพร่" / "a national ID number would be published",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    cx.scan_published(
        &RULE,
        true,
        |m| {
            (
                format!("พบเลขประจำตัวประชาชน ({m}) ในข้อความที่จะเผยแพร่ ให้ลบออกหรือย้ายไปไว้ใน private:"),
                format!("a national ID number ({m}) would be published; remove it or move it under private:"),
            )
        },
        out,
    );
}
