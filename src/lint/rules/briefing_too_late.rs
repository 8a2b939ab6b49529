//! A lint rule about the evaluation committee and its calendar. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าประธานประชุมชี้แจงคณะกรรมการก่อนวันประเมินอย่างน้อย 7 วันทำการ (จันทร์–ศุกร์ ไม่นับวันหยุดใน `lint.holidays`) / Checks that the chair's briefing is at least 7 working days before the evaluation (Mon–Fri, minus `lint.holidays`).
    ///
    /// ## Why
    /// คู่มือกำหนดระยะเวลานี้เพื่อให้กรรมการศึกษาข้อตกลงก่อนประเมิน / The guide sets this so members can study the agreement before evaluating.
    ///
    /// ## Example
    /// ```yaml
    /// briefing_date: 2567-09-09
    /// evaluation_date: 2567-09-12
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// briefing_date: 2567-08-30
    /// evaluation_date: 2567-09-12
    /// ```
    pub static RULE = {
        id: "K003",
        name: "briefing-too-late",
        category: Committee,
        severity: Error,
        summary: "ประชุมชี้แจงช้ากว่ากำหนด" / "the briefing is too close to the evaluation",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(c) = cx.m.and_then(|m| m.committee.as_ref()) else { return };
    let (Some(b), Some(e)) = (c.briefing_date.as_ref(), c.evaluation_date.as_ref()) else { return };
    let (Ok(b), Ok(e)) = (b.parse(), e.parse()) else { return };
    let days = crate::date::working_days_between(b, e, &cx.settings.holidays);
    if days < 7 {
        out.push(cx.at_key(
            &RULE,
            &["committee", "briefing_date"],
            format!("ประชุมชี้แจงวันที่ {} ก่อนวันประเมิน {} เพียง {days} วันทำการ ต้องไม่น้อยกว่า 7 วันทำการ", b.thai(false, false), e.thai(false, false)),
            format!("the briefing on {} is only {days} working day(s) before the evaluation on {}; at least 7 are required", b.iso(), e.iso()),
        ));
    }
}
