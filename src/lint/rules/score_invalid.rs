//! A lint rule about the committee's scores. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าคะแนนทุกช่องเป็นระดับ 1–4 รหัสตัวชี้วัดมีในกรอบ และผู้ให้คะแนนเป็นกรรมการในคำสั่ง / Checks that every score is a level 1–4, for an indicator of the framework, from a member of the committee.
    ///
    /// ## Why
    /// ระดับคุณภาพมี 4 ระดับ: 1 ไม่ปรากฏผล 2 ต่ำกว่าเป้าหมาย 3 ตามเป้าหมาย 4 สูงกว่าเป้าหมาย / There are four quality levels: 1 no performance, 2 below, 3 at, 4 above the target.
    ///
    /// ## Example
    /// ```yaml
    /// scores:
    ///   - member: ...
    ///     part1: { "1.1": 5 }
    /// ```
    ///
    /// ## Use instead
    /// part1: { "1.1": 4 }
    pub static RULE = {
        id: "S001",
        name: "score-invalid",
        category: Scores,
        severity: Error,
        summary: "คะแนนไม่อยู่ในช่วง 1–4 หรือระบุไม่ถูกต้อง" / "a score is outside levels 1–4 or misplaced",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(m) = cx.m else { return };
    let names: Vec<&str> =
        m.committee.iter().flat_map(|c| &c.members).filter_map(|x| x.name.as_deref()).collect();
    for (i, s) in m.scores.iter().enumerate() {
        let who = s.member.clone().unwrap_or_else(|| format!("#{}", i + 1));
        let needle = s.member.clone().unwrap_or_default();
        let mut bad = |th: String, en: String, ind: Option<&str>| {
            let mut f = cx.at_text(&RULE, &["scores"], &needle, th, en);
            f.indicator = ind.map(str::to_string);
            out.push(f);
        };
        if !names.is_empty() && !s.member.as_deref().is_some_and(|n| names.contains(&n)) {
            bad(
                format!("ผู้ให้คะแนน {who} ไม่อยู่ในรายชื่อคณะกรรมการ"),
                format!("scorer {who} is not on the committee"),
                None,
            );
        }
        let level_ok = |v: f64| (1.0..=4.0).contains(&v) && v.fract() == 0.0;
        for (code, v) in &s.part1 {
            let norm = crate::portfolio::model::normalize_code(code).unwrap_or_else(|| code.clone());
            if let Some(fw) = cx.fw {
                if fw.indicator(&norm).is_none() {
                    bad(
                        format!("{who}: ไม่มีตัวชี้วัด {code} ในกรอบ"),
                        format!("{who}: no indicator {code} in the framework"),
                        Some(&norm),
                    );
                }
            }
            if !level_ok(*v) {
                bad(
                    format!("{who}: คะแนนตัวชี้วัด {code} = {v} ต้องเป็นระดับ 1–4"),
                    format!("{who}: score {v} for {code} must be a level 1–4"),
                    Some(&norm),
                );
            }
        }
        for (part, v) in [
            ("method", s.part2.method),
            ("quantitative", s.part2.quantitative),
            ("qualitative", s.part2.qualitative),
        ] {
            if let Some(v) = v.filter(|v| !level_ok(*v)) {
                bad(
                    format!("{who}: คะแนนส่วนที่ 2 ({part}) = {v} ต้องเป็นระดับ 1–4"),
                    format!("{who}: Part 2 {part} score {v} must be a level 1–4"),
                    None,
                );
            }
        }
    }
}
