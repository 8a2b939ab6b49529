//! A lint rule about personal data in published files (PDPA). [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::privacy::withhold::Reason;

declare_rule! {
    /// ## What it does
    /// รายงานสิ่งที่ krufolio ไม่เผยแพร่เพราะมีข้อมูลส่วนตัว: สำเนาของ portfolio.yaml (เช่น `portfolio.yaml.bak`, `portfolio (copy).yml`), ไฟล์ที่มีหัวข้อ `private:` และค่าที่เผยแพร่ซึ่งเท่ากับค่าใน `private:` (เช่น `school: *nid` ที่อ้างถึงเลขประจำตัวประชาชน) / Reports what the build keeps off the site because it holds private data: copies of portfolio.yaml, files with a top-level `private:` block, and published manifest values equal to a `private:` value (a YAML alias such as `school: *nid`).
    ///
    /// ## Why
    /// สำเนาของ portfolio.yaml มีข้อมูลใน `private:` ทั้งหมด (วันเกิด เงินเดือน เลขประจำตัวประชาชน) ถ้าเผยแพร่ไป ใครก็ดาวน์โหลดได้ / A manifest copy carries every private field (birth date, salary, national ID); published, anyone could download it.
    ///
    /// ## Example
    /// ```yaml
    /// # content/portfolios/kru-manee/portfolio.yaml.bak   ← สำเนาที่ลืมลบ / a forgotten copy
    /// name: นางสาวมานี ใจงาม
    /// private:
    ///   national_id: &nid "1101700230716"
    /// school: *nid
    /// ```
    ///
    /// ## Use instead
    /// ลบสำเนาออกจากโฟลเดอร์แฟ้ม และอย่าอ้างค่าใน `private:` ด้วย alias / delete the copy from the portfolio folder, and never point a published key at a private value.
    pub static RULE = {
        id: "R005",
        name: "private-data-withheld",
        category: Privacy,
        severity: Warning,
        summary: "ไม่เผยแพร่ไฟล์หรือค่าที่มีข้อมูลส่วนตัว" / "a file or value holding private data is kept off the site",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for w in &cx.p.withheld {
        let (th, en) = match &w.reason {
            Reason::ManifestCopy => (
                "ไฟล์นี้เป็นสำเนาของ portfolio.yaml จึงไม่เผยแพร่ (มีข้อมูลใน private:) ควรลบออกจากโฟลเดอร์แฟ้ม".to_string(),
                "this file is a copy of portfolio.yaml and is not published (it holds the private: block); delete it from the portfolio folder".to_string(),
            ),
            Reason::PrivateBlock => (
                "ไฟล์นี้มีหัวข้อ private: จึงไม่เผยแพร่ ถ้าต้องการเผยแพร่ ให้ย้ายข้อมูลส่วนตัวออก".to_string(),
                "this file holds a private: block and is not published; move the private data out to publish it".to_string(),
            ),
            Reason::PrivateValue { key } => (
                format!("ค่าของ {key} เท่ากับข้อมูลใน private: จึงไม่เผยแพร่ค่านี้ ให้เขียนค่าที่เผยแพร่ได้แทน (อย่าใช้ alias ชี้ไปที่ private:)"),
                format!("the value of {key} equals a private: value and is not published; write a public value instead (never alias a private one)"),
            ),
        };
        out.push(cx.finding(&RULE, &w.path, w.line, None, th, en));
    }
}
