//! A lint rule about the challenge issue (Part 2 of the agreement). [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจว่า `challenge.title` ตรงกับ `agreement.title` ทุกตัวอักษร (ไม่นับช่องว่างซ้ำ) / Checks that `challenge.title` equals `agreement.title` exactly (runs of spaces aside).
    ///
    /// ## Why
    /// คู่มือกำหนดให้ชื่อประเด็นท้าทายในรายงานตรงกับที่ระบุในข้อตกลง (PA) / The guide requires the report's challenge title to be exactly the one agreed in the PA.
    ///
    /// ## Example
    /// ```yaml
    /// challenge:
    ///   title: การพัฒนาทักษะการอ่านจับใจความ
    /// agreement:
    ///   title: การพัฒนาทักษะการอ่านจับใจความโดยใช้แบบฝึก
    /// ```
    ///
    /// ## Use instead
    /// ใช้ชื่อเดียวกันทั้งสองที่ / use the same title in both places.
    pub static RULE = {
        id: "P002",
        name: "challenge-title-mismatch",
        category: Challenge,
        severity: Error,
        summary: "ชื่อประเด็นท้าทายไม่ตรงกับที่ตกลงไว้" / "the challenge title differs from the agreed title",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(m) = cx.m else { return };
    let Some(agreed) = m.agreement.as_ref().and_then(|a| a.title.as_deref()) else { return };
    let Some(ch) = &m.challenge else { return };
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let titles: Vec<&str> = ch.list().iter().filter_map(|c| c.title.as_deref()).collect();
    if !titles.is_empty() && !titles.iter().any(|t| norm(t) == norm(agreed)) {
        out.push(cx.at_key(
            &RULE,
            &["agreement", "title"],
            format!("ชื่อประเด็นท้าทาย \"{}\" ไม่ตรงกับชื่อที่ตกลงไว้ \"{agreed}\"", titles[0]),
            format!("challenge title \"{}\" differs from the agreed title \"{agreed}\"", titles[0]),
        ));
    }
}
