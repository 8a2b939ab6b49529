//! A lint rule about the committee's scores. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// คำนวณคะแนนรวมของกรรมการแต่ละคน (ส่วนที่ 1 เต็ม 60 ส่วนที่ 2 เต็ม 40) และเตือนเมื่อคนใดให้ต่ำกว่าร้อยละ 70 / Computes each member's total (Part 1 of 60, Part 2 of 40) and warns when any is below 70%.
    ///
    /// ## Why
    /// ผ่านการประเมินได้เมื่อกรรมการ *ทุกคน* ให้คะแนนไม่ต่ำกว่าร้อยละ 70 / The assessee passes only if *every* member gives at least 70%.
    ///
    /// ## Example
    /// ```yaml
    /// scores:
    ///   - member: กรรมการ ก
    ///     part1: { ... }   # รวม 62.5 / total 62.5
    /// ```
    ///
    /// ## Use instead
    /// ทบทวนหลักฐานของตัวชี้วัดที่ได้ระดับ 1–2 / review the evidence of indicators scored 1–2.
    pub static RULE = {
        id: "S002",
        name: "score-below-pass",
        category: Scores,
        severity: Warning,
        summary: "กรรมการบางคนให้คะแนนต่ำกว่าเกณฑ์ผ่าน" / "a member's total is below the pass mark",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let (Some(m), Some(fw)) = (cx.m, cx.fw) else { return };
    for s in m.scores.iter().filter(|s| fw.sheet_is_valid(s)) {
        let t = fw.totals(s);
        let (total, max, pct) = (t.total, t.max, t.percent);
        if !t.pass {
            let who = s.member.as_deref().unwrap_or("?");
            out.push(cx.at_text(
                &RULE,
                &["scores"],
                who,
                format!(
                    "{who} ให้คะแนนรวม {total:.2}/{max:.0} (ร้อยละ {pct:.2}) ต่ำกว่าเกณฑ์ร้อยละ {:.0} จึงไม่ผ่าน",
                    fw.scoring.pass_percent
                ),
                format!(
                    "{who} gives {total:.2}/{max:.0} ({pct:.2}%), below the {:.0}% pass mark: not passed",
                    fw.scoring.pass_percent
                ),
            ));
        }
    }
}
