//! A lint rule about the challenge issue (Part 2 of the agreement). [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าเป้าหมายเชิงปริมาณทุกข้อมีตัวเลข เช่น จำนวน ความถี่ ร้อยละ หรืออัตราส่วน / Checks that every quantitative target carries a number: a count, frequency, percentage or ratio.
    ///
    /// ## Why
    /// เป้าหมายเชิงปริมาณต้องวัดได้ กรรมการเทียบผลกับตัวเลขที่ตั้งไว้เพื่อให้ระดับ 2–4 / A quantitative target must be measurable; the committee compares the result with the number to give level 2–4.
    ///
    /// ## Example
    /// ```yaml
    /// quantitative:
    ///   - นักเรียนส่วนใหญ่อ่านออกเขียนได้ดีขึ้น
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// quantitative:
    ///   - ร้อยละ 80 ของนักเรียนชั้น ป.3 อ่านออกเขียนได้ตามเกณฑ์
    /// ```
    pub static RULE = {
        id: "P003",
        name: "quantitative-target-without-number",
        category: Challenge,
        severity: Error,
        summary: "เป้าหมายเชิงปริมาณไม่มีตัวเลข" / "a quantitative target has no number",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(ch) = cx.m.and_then(|m| m.challenge.as_ref()) else { return };
    for c in ch.list() {
        for t in c.outcomes.iter().flat_map(|o| &o.quantitative) {
            if !crate::lint::text::has_number(t) {
                out.push(cx.at_text(
                    &RULE,
                    &["challenge", "outcomes", "quantitative"],
                    t,
                    format!("เป้าหมายเชิงปริมาณ \"{t}\" ไม่มีตัวเลข (ใส่จำนวน ร้อยละ หรืออัตราส่วน)"),
                    format!("quantitative target \"{t}\" has no number (give a count, percentage or ratio)"),
                ));
            }
        }
    }
}
