//! A lint rule about `portfolio.yaml` and reading the folder. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจว่า `fiscal_year` เป็นปี พ.ศ. (เช่น 2567) ไม่ใช่ ค.ศ. / Checks that `fiscal_year` is a BE year (e.g. 2567), not CE.
    ///
    /// ## Why
    /// ปีงบประมาณใช้ตัดสินว่าหลักฐานอยู่ในรอบการประเมินหรือไม่ ปี ค.ศ. ทำให้ทุกวันที่ผิดไป 543 ปี / The fiscal year decides which evidence is in the cycle; a CE year shifts every check by 543 years.
    ///
    /// ## Example
    /// ```yaml
    /// fiscal_year: 2024
    /// ```
    ///
    /// ## Use instead
    /// fiscal_year: 2567   # 1 ต.ค. 2566 – 30 ก.ย. 2567
    pub static RULE = {
        id: "M006",
        name: "manifest-fiscal-year",
        category: Manifest,
        severity: Error,
        summary: "ปีงบประมาณต้องเป็น พ.ศ." / "the fiscal year must be a Buddhist Era year",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(y) = cx.m.and_then(|m| m.fiscal_year) else { return };
    if let Some((th, en)) = crate::date::fiscal_year_problem(y) {
        out.push(cx.at_key(&RULE, &["fiscal_year"], th, en));
    }
}
