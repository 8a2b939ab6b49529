//! A lint rule about review files (`reviews/<slug>/<id>.yaml`). [`RULE`] holds its
//! documentation (what `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::review::model::on_committee;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าไฟล์ผลการตรวจที่มี `scores:` เป็นของกรรมการในคำสั่งแต่งตั้ง: `reviewer:` ต้องตรงกับชื่อใน `committee.members` ของ `portfolio.yaml` / Checks that a review file holding `scores:` belongs to a member of the appointed committee: its `reviewer:` must equal a name in `committee.members` of `portfolio.yaml`.
    ///
    /// ## Why
    /// ผู้ให้คะแนนต้องเป็นกรรมการตามคำสั่ง คะแนนของผู้อื่นไม่นับในแบบประเมิน / Only the appointed committee scores; anyone else's scores are left off the evaluation form.
    ///
    /// ## Example
    /// ```yaml
    /// reviewer: นายสุชาติ มีศุข     # ในคำสั่งเขียน มีสุข / the order says มีสุข
    /// scores: { part1: { "1.1": 3 } }
    /// ```
    ///
    /// ## Use instead
    /// reviewer: นายสุชาติ มีสุข
    pub static RULE = {
        id: "E004",
        name: "review-scorer-not-on-committee",
        category: Review,
        severity: Error,
        summary: "ผู้ให้คะแนนในไฟล์ผลการตรวจไม่อยู่ในคณะกรรมการ" / "a review file's scorer is not on the committee",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (r, file) in cx.reviews().filter(|(_, f)| f.scores.is_some()) {
        let who = &file.reviewer;
        if on_committee(cx.m, who) {
            continue;
        }
        let names: Vec<&str> =
            cx.m.and_then(|m| m.committee.as_ref())
                .iter()
                .flat_map(|c| &c.members)
                .filter_map(|x| x.name.as_deref())
                .collect();
        let (th, en) = if names.is_empty() {
            (
                format!("{who} ให้คะแนน แต่ portfolio.yaml ยังไม่มีรายชื่อคณะกรรมการ (committee.members)"),
                format!("{who} gives scores, but portfolio.yaml lists no committee (committee.members)"),
            )
        } else {
            (
                format!("ผู้ให้คะแนน {who} ไม่อยู่ในรายชื่อคณะกรรมการ ({})", names.join(", ")),
                format!("scorer {who} is not on the committee ({})", names.join(", ")),
            )
        };
        out.push(cx.at_review(&RULE, r, &["reviewer"], None, th, en));
    }
}
