//! A lint rule about `portfolio.yaml` and reading the folder. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจว่ามี `name`, `position`, `fiscal_year` และ `school` (สำหรับตำแหน่งในสถานศึกษา) / Checks for `name`, `position`, `fiscal_year`, and `school` for school positions.
    ///
    /// ## Why
    /// ข้อมูลเหล่านี้ใช้เลือกกรอบตัวชี้วัด ปีงบประมาณ และพิมพ์รายงาน PA / They choose the framework and fiscal year and fill the PA report.
    ///
    /// ## Example
    /// ```yaml
    /// name: นางสาวมานี ใจงาม
    /// position: ครู
    /// # ไม่มี fiscal_year / no fiscal_year
    /// ```
    ///
    /// ## Use instead
    /// fiscal_year: 2567
    pub static RULE = {
        id: "M003",
        name: "manifest-missing-key",
        category: Manifest,
        severity: Error,
        summary: "portfolio.yaml ขาดคีย์ที่จำเป็น" / "portfolio.yaml lacks a required key",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(m) = cx.m else { return };
    let school_position = m.position.as_deref().is_some_and(|p| p != "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา");
    let missing: Vec<(&str, &str)> = [
        ("name", m.name.as_ref().is_none_or(|s| s.trim().is_empty()), "ชื่อ-นามสกุล"),
        ("position", m.position.as_ref().is_none_or(|s| s.trim().is_empty()), "ตำแหน่ง"),
        ("fiscal_year", m.fiscal_year.is_none(), "ปีงบประมาณ (พ.ศ.)"),
        ("school", school_position && m.school.as_ref().is_none_or(|s| s.trim().is_empty()), "สถานศึกษา"),
    ]
    .into_iter()
    .filter(|(_, miss, _)| *miss)
    .map(|(k, _, th)| (k, th))
    .collect();
    for (key, th) in missing {
        out.push(cx.finding(
            &RULE,
            &cx.p.manifest_path(),
            None,
            None,
            format!("portfolio.yaml ไม่มี {key} ({th})"),
            format!("portfolio.yaml has no `{key}`"),
        ));
    }
}
