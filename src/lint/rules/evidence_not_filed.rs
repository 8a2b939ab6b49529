//! A lint rule about the indicators and their evidence. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::portfolio::model::Kind;

declare_rule! {
    /// ## What it does
    /// รายงานไฟล์หลักฐาน (ภาพ วิดีโอ เอกสาร ลิงก์ บันทึก) ที่ไม่ได้อยู่ในโฟลเดอร์ตัวชี้วัด ไม่มี `indicators:` และไม่อยู่ใน `challenge/` หรือ `dpa/` จึงไม่แสดงในหน้าใดของเว็บไซต์ / Reports evidence (a photo, video, document, link or note) that is in no indicator folder, has no `indicators:`, and is not under `challenge/` or `dpa/`, so no page of the site shows it.
    ///
    /// ## Why
    /// กรรมการเห็นเฉพาะหลักฐานที่แสดงในหน้าตัวชี้วัด ไฟล์ที่วางไว้นอกโฟลเดอร์จะหายไปเงียบ ๆ / The committee sees only the evidence on the indicator pages; a file left outside the folders silently disappears.
    ///
    /// ## Example
    /// ```text
    /// kru-somchai/
    ///   portfolio.yaml
    ///   ภาพกิจกรรมกลุ่ม.jpg        # ไม่อยู่ในโฟลเดอร์ตัวชี้วัด / in no indicator folder
    ///   อื่น ๆ/คลิปการสอน.mp4       # "อื่น ๆ" ไม่ใช่รหัสตัวชี้วัด / not an indicator code
    /// ```
    ///
    /// ## Use instead
    /// ```text
    /// kru-somchai/
    ///   1.2 ออกแบบการจัดการเรียนรู้/ภาพกิจกรรมกลุ่ม.jpg
    ///   2.1 จัดกิจกรรมการเรียนรู้/คลิปการสอน.mp4
    /// ```
    /// หรือใส่ `indicators: ["1.2"]` ในไฟล์ประกอบ (`ภาพกิจกรรมกลุ่ม.md`) / or add
    /// `indicators: ["1.2"]` to its sidecar (`ภาพกิจกรรมกลุ่ม.md`).
    pub static RULE = {
        id: "C004",
        name: "evidence-not-filed",
        category: Coverage,
        severity: Warning,
        summary: "หลักฐานไม่ได้อยู่ในโฟลเดอร์ตัวชี้วัด จึงไม่แสดงในหน้าใด" / "evidence is filed under no indicator, so no page shows it",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in cx.p.artefacts.iter().filter(|a| !a.has_a_page()) {
        let what = if a.kind == Kind::Link {
            ("ลิงก์นี้", "this link")
        } else {
            ("ไฟล์นี้", "this file")
        };
        let line = a.link.as_ref().and_then(|l| l.line);
        let mut f = cx.finding(
            &RULE,
            &a.path,
            line,
            None,
            format!("{}ไม่ได้อยู่ในโฟลเดอร์ตัวชี้วัดและไม่มี indicators: จึงไม่แสดงในหน้าใด", what.0),
            format!("{} is in no indicator folder and has no indicators:, so it shows on no page", what.1),
        );
        f.at = f.at.with_hint(
            "ย้ายไฟล์ไปไว้ในโฟลเดอร์ตัวชี้วัด (เช่น 1.1/) หรือใส่ indicators: [\"1.1\"] ในไฟล์ประกอบ (.md)",
            "move it into an indicator folder (such as 1.1/) or add indicators: [\"1.1\"] to its sidecar (.md)",
        );
        out.push(f);
    }
}
