//! A lint rule about the committee's scores. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// รายงานคะแนนรวมของกรรมการแต่ละคน (ส่วนที่ 1, ส่วนที่ 2, รวม, ร้อยละ) และผลผ่าน/ไม่ผ่าน / Reports each member's totals (Part 1, Part 2, overall, percent) and the overall pass/fail.
    ///
    /// ## Why
    /// ครูและพี่เลี้ยงเห็นผลคำนวณเดียวกับที่กรรมการใช้ ไม่ต้องคิดเอง / Teachers and mentors see the same arithmetic the committee uses.
    ///
    /// ## Example
    /// ```yaml
    /// scores:
    ///   - member: กรรมการ ก
    ///     part1: { "1.1": 3, ... }
    ///     part2: { method: 3, quantitative: 4, qualitative: 3 }
    /// ```
    ///
    /// ## Use instead
    /// (ข้อสังเกตเพื่อทราบ / information only)
    pub static RULE = {
        id: "S003",
        name: "score-totals",
        category: Scores,
        severity: Info,
        summary: "สรุปคะแนนรวมและผลการประเมิน" / "score totals and the result",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let (Some(m), Some(fw)) = (cx.m, cx.fw) else { return };
    if m.scores.is_empty() {
        return;
    }
    let mut all_pass = true;
    let mut parts = Vec::new();
    for s in &m.scores {
        let t = fw.totals(s);
        all_pass &= t.pass;
        parts.push((s.member.clone().unwrap_or_default(), t.part1, t.part2, t.percent));
    }
    let th: Vec<String> = parts
        .iter()
        .map(|(w, a, b, p)| format!("{w}: ส่วนที่ 1 {a:.2} + ส่วนที่ 2 {b:.2} = {:.2} (ร้อยละ {p:.2})", a + b))
        .collect();
    let en: Vec<String> = parts
        .iter()
        .map(|(w, a, b, p)| format!("{w}: Part 1 {a:.2} + Part 2 {b:.2} = {:.2} ({p:.2}%)", a + b))
        .collect();
    let (rth, ren) =
        if all_pass { ("ผ่าน", "passed") } else { ("ไม่ผ่าน", "not passed") };
    out.push(cx.at_key(
        &RULE,
        &["scores"],
        format!("ผลการประเมิน: {rth} — {}", th.join("; ")),
        format!("result: {ren}: {}", en.join("; ")),
    ));
}
