//! A lint rule about the evaluation committee and its calendar. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::portfolio::model::{Qualification, Role};

declare_rule! {
    /// ## What it does
    /// ตรวจคุณสมบัติกรรมการผู้ทรงคุณวุฒิ: ศึกษานิเทศก์หรือครูต่างสถานศึกษาต้องมีวิทยฐานะชำนาญการพิเศษขึ้นไป อาจารย์มหาวิทยาลัยต้องเป็นผู้ช่วยศาสตราจารย์ขึ้นไป ครูต้องมาจากสถานศึกษาอื่น อายุไม่ต่ำกว่า 25 ปี และประธานของครูคือผู้อำนวยการสถานศึกษา / Checks member qualifications: supervisors and outside teachers at ชำนาญการพิเศษ or above, lecturers at assistant professor or above, teachers from another school, age at least 25, and a teacher's chair is a school director.
    ///
    /// ## Why
    /// กรรมการที่ขาดคุณสมบัติทำให้ต้องแต่งตั้งและประเมินใหม่ / An unqualified member means re-appointing and re-evaluating.
    ///
    /// ## Example
    /// ```yaml
    /// - { name: ..., role: member, qualification: teacher, standing: ชำนาญการ, school: โรงเรียนบ้านหนองแวง }
    /// ```
    ///
    /// ## Use instead
    /// - { name: ..., role: member, qualification: teacher, standing: ชำนาญการพิเศษ, school: โรงเรียนบ้านโคกสูง }
    pub static RULE = {
        id: "K002",
        name: "committee-qualification",
        category: Committee,
        severity: Error,
        summary: "คุณสมบัติกรรมการไม่ตรงเกณฑ์" / "a committee member lacks the qualification",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(m) = cx.m else { return };
    let Some(c) = m.committee.as_ref() else { return };
    const SENIOR: [&str; 3] = ["ชำนาญการพิเศษ", "เชี่ยวชาญ", "เชี่ยวชาญพิเศษ"];
    const RANKS: [&str; 3] = ["ผู้ช่วยศาสตราจารย์", "รองศาสตราจารย์", "ศาสตราจารย์"];
    let teacher_fw = cx.fw.is_some_and(|f| f.id == "teacher");
    for (i, mem) in c.members.iter().enumerate() {
        let who = mem.name.clone().unwrap_or_else(|| format!("#{}", i + 1));
        let needle = mem.name.clone().unwrap_or_default();
        let mut bad =
            |th: String, en: String| out.push(cx.at_text(&RULE, &["committee", "members"], &needle, th, en));
        if mem.role == Some(Role::Chair) && teacher_fw {
            let t = mem.title.as_deref().unwrap_or("");
            let director = t.contains("ผู้อำนวยการ") && !t.contains("รองผู้อำนวยการ");
            if !(director || t.contains("รักษาการ")) {
                bad(
                    format!("ประธานกรรมการ ({who}) ของครูต้องเป็นผู้อำนวยการสถานศึกษาหรือผู้รักษาการ (title: \"{t}\")"),
                    format!("a teacher's chair ({who}) must be a school director or acting director (title: \"{t}\")"),
                );
            }
        }
        if mem.role != Some(Role::Member) {
            continue;
        }
        if let Some(age) = mem.age.filter(|a| *a < 25) {
            bad(
                format!("กรรมการ {who} อายุ {age} ปี ต้องไม่ต่ำกว่า 25 ปี"),
                format!("member {who} is {age}; members must be at least 25"),
            );
        }
        let standing_ok = mem.standing.as_deref().is_some_and(|s| SENIOR.contains(&s));
        match mem.qualification.as_ref().map(Qualification::as_str) {
            Some("supervisor") | Some("teacher") if !standing_ok => bad(
                format!(
                    "กรรมการ {who} ต้องมีวิทยฐานะชำนาญการพิเศษขึ้นไป (ระบุ: {})",
                    mem.standing.as_deref().unwrap_or("ไม่ระบุ")
                ),
                format!(
                    "member {who} must hold ชำนาญการพิเศษ or above (given: {})",
                    mem.standing.as_deref().unwrap_or("none")
                ),
            ),
            Some("teacher") if mem.school.is_some() && mem.school == m.school => bad(
                format!("กรรมการ {who} เป็นครูในสถานศึกษาเดียวกับผู้รับการประเมิน ต้องเป็นครูต่างสถานศึกษา"),
                format!("member {who} teaches at the assessee's own school; an outside school is required"),
            ),
            Some("lecturer") if !mem.academic_rank.as_deref().is_some_and(|r| RANKS.contains(&r)) => bad(
                format!("กรรมการ {who} (อาจารย์มหาวิทยาลัย) ต้องเป็นผู้ช่วยศาสตราจารย์ขึ้นไป"),
                format!("member {who} (lecturer) must be assistant professor or above"),
            ),
            Some("supervisor" | "teacher" | "lecturer" | "expert") => {}
            Some(q) => bad(
                format!("กรรมการ {who}: ไม่รู้จักคุณสมบัติ \"{q}\" (ใช้ supervisor, lecturer, teacher หรือ expert)"),
                format!(
                    "member {who}: unknown qualification `{q}` (use supervisor, lecturer, teacher or expert)"
                ),
            ),
            None => bad(
                format!("กรรมการ {who} ไม่ได้ระบุคุณสมบัติ (qualification)"),
                format!("member {who} has no `qualification`"),
            ),
        }
    }
}
