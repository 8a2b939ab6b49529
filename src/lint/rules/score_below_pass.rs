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
    for s in m.scores.iter().filter(|s| sheet_is_valid(fw, s)) {
        let (p1, p2) = super::score_below_pass::totals(fw, s);
        let total = p1 + p2;
        let max = fw.scoring.part1_max
            + fw.scoring.method_max
            + fw.scoring.quantitative_max
            + fw.scoring.qualitative_max;
        let pct = total / max * 100.0;
        if pct < fw.scoring.pass_percent {
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

/// True when every level of the sheet is 1–4 and every indicator is scored
/// (what `score-invalid` checks); only such sheets are totalled.
pub fn sheet_is_valid(fw: &crate::frameworks::Framework, s: &crate::portfolio::ScoreSheet) -> bool {
    let ok = |v: f64| (1.0..=4.0).contains(&v) && v.fract() == 0.0;
    let codes: Vec<String> = s.part1.keys().filter_map(|k| crate::portfolio::normalize_code(k)).collect();
    s.part1.values().all(|v| ok(*v))
        && fw.indicators().all(|(_, i)| codes.contains(&i.code))
        && codes.iter().all(|c| fw.indicator(c).is_some())
        && [s.part2.method, s.part2.quantitative, s.part2.qualitative].iter().all(|v| v.is_some_and(ok))
}

/// Part 1 points (out of `part1_max`) and Part 2 points (out of the sum of
/// its three maxima) of one sheet: Part 2 levels 4/3/2/1 give 100/75/50/25%.
pub fn totals(fw: &crate::frameworks::Framework, s: &crate::portfolio::ScoreSheet) -> (f64, f64) {
    let n = fw.indicators().count().max(1) as f64;
    let p1: f64 = s.part1.values().sum::<f64>() / (4.0 * n) * fw.scoring.part1_max;
    let sc = &fw.scoring;
    let p2 = s.part2.method.unwrap_or(0.0) / 4.0 * sc.method_max
        + s.part2.quantitative.unwrap_or(0.0) / 4.0 * sc.quantitative_max
        + s.part2.qualitative.unwrap_or(0.0) / 4.0 * sc.qualitative_max;
    (p1, p2)
}
