//! A lint rule about the indicators and their evidence. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าจำนวนโฟลเดอร์หลักฐานไม่เกินที่กรอบกำหนด (ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษารายงานไม่เกิน 15 รายการ) / Checks that the number of evidence folders stays within the framework's limit (the district director reports at most 15 items).
    ///
    /// ## Why
    /// หลักเกณฑ์ให้รายงานแยกทีละองค์ประกอบย่อย ไม่เกิน 15 รายการ / The rules ask for one item per sub-element, at most 15.
    ///
    /// ## Example
    /// ```yaml
    /// 1.1 …/  1.1-ภาคผนวก/  1.2 …/  … (16 โฟลเดอร์ / folders)
    /// ```
    ///
    /// ## Use instead
    /// รวมหลักฐานของรายการเดียวกันไว้ในโฟลเดอร์เดียว / keep each item's evidence in one folder.
    pub static RULE = {
        id: "C003",
        name: "too-many-items",
        category: Coverage,
        severity: Error,
        summary: "รายงานเกินจำนวนรายการที่กำหนด" / "the report has more items than allowed",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(max) = cx.fw.and_then(|f| f.max_items) else { return };
    let n = cx.p.folders.len();
    if n > max {
        out.push(cx.finding(
            &RULE,
            &cx.p.dir,
            None,
            None,
            format!("มีโฟลเดอร์หลักฐาน {n} รายการ เกินกว่าที่กำหนด {max} รายการ"),
            format!("{n} evidence folders; at most {max} items may be reported"),
        ));
    }
}
