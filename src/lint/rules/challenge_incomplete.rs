//! A lint rule about the challenge issue (Part 2 of the agreement). [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าประเด็นท้าทาย (ส่วนที่ 2) มีชื่อเรื่อง ที่มา/แรงบันดาลใจ วิธีดำเนินการ และผลลัพธ์ที่คาดหวัง / Checks that the challenge issue (Part 2) has a title, inspiration, method and expected outcomes.
    ///
    /// ## Why
    /// ส่วนที่ 2 มีคะแนน 40 คะแนน (วิธีดำเนินการ 20 ผลลัพธ์เชิงปริมาณ 10 เชิงคุณภาพ 10) ส่วนที่ขาดได้คะแนนต่ำ / Part 2 is worth 40 points (method 20, quantitative 10, qualitative 10); a missing part scores low.
    ///
    /// ## Example
    /// ```yaml
    /// challenge:
    ///   title: การพัฒนาทักษะการอ่าน
    ///   # ไม่มี method และ outcomes / no method, no outcomes
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// challenge:
    ///   title: ...
    ///   inspiration: ...
    ///   method: ...
    ///   outcomes: { quantitative: [...], qualitative: [...] }
    /// ```
    pub static RULE = {
        id: "P001",
        name: "challenge-incomplete",
        category: Challenge,
        severity: Error,
        summary: "ประเด็นท้าทายไม่ครบองค์ประกอบ" / "the challenge issue is incomplete",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(m) = cx.m else { return };
    let Some(ch) = &m.challenge else {
        out.push(cx.finding(
            &RULE,
            &cx.p.manifest_path(),
            None,
            None,
            "ยังไม่มีประเด็นท้าทาย (challenge) ในส่วนที่ 2",
            "no challenge issue (`challenge:`) for Part 2",
        ));
        return;
    };
    for (i, c) in ch.list().into_iter().enumerate() {
        let n = i + 1;
        let blank = |s: &Option<String>| s.as_ref().is_none_or(|x| x.trim().is_empty());
        let outcomes_missing =
            c.outcomes.as_ref().is_none_or(|o| o.quantitative.is_empty() && o.qualitative.is_empty());
        for (field, missing, th) in [
            ("title", blank(&c.title), "ชื่อเรื่อง"),
            ("inspiration", blank(&c.inspiration), "ที่มา/แรงบันดาลใจ"),
            ("method", blank(&c.method), "วิธีดำเนินการ"),
            ("outcomes", outcomes_missing, "ผลลัพธ์ที่คาดหวัง"),
        ] {
            if missing {
                out.push(cx.at_key(
                    &RULE,
                    &["challenge"],
                    format!("ประเด็นท้าทายที่ {n} ยังไม่มี{th} ({field})"),
                    format!("challenge issue {n} has no `{field}`"),
                ));
            }
        }
    }
}
