//! A lint rule about the challenge issue (Part 2 of the agreement). [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// เตือนเมื่อที่มา/แรงบันดาลใจของประเด็นท้าทายไม่มีตัวเลขหรือสถิติจริง / Warns when the challenge's inspiration (background) cites no real figure.
    ///
    /// ## Why
    /// หลักเกณฑ์ให้เขียนสภาพปัญหาพร้อมข้อมูลสถิติหรือตัวเลขจริง เพื่อให้เห็นว่าปัญหามีอยู่จริงและวัดการเปลี่ยนแปลงได้ / The rules ask for background with real statistics, so the problem is shown and change can be measured.
    ///
    /// ## Example
    /// ```yaml
    /// inspiration: นักเรียนอ่านหนังสือไม่คล่อง
    /// ```
    ///
    /// ## Use instead
    /// inspiration: ผลการทดสอบ RT ปีการศึกษา 2566 นักเรียนร้อยละ 42 อ่านไม่คล่อง
    pub static RULE = {
        id: "P006",
        name: "inspiration-without-figures",
        category: Challenge,
        severity: Warning,
        summary: "ที่มาของประเด็นท้าทายไม่มีตัวเลขหรือสถิติ" / "the inspiration cites no figures",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(ch) = cx.m.and_then(|m| m.challenge.as_ref()) else { return };
    for (i, c) in ch.list().into_iter().enumerate() {
        if let Some(t) = c.inspiration.as_deref().filter(|t| !t.trim().is_empty()) {
            if !crate::lint::text::has_number(t) {
                out.push(cx.at_key(
                    &RULE,
                    &["challenge", "inspiration"],
                    format!("ที่มาของประเด็นท้าทายที่ {} ไม่มีตัวเลขหรือสถิติจริงประกอบ", i + 1),
                    format!("the inspiration of challenge issue {} cites no figures", i + 1),
                ));
            }
        }
    }
}
