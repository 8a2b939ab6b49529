//! A lint rule about personal data in published files (PDPA). [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// แจ้งภาพและวิดีโอที่ไม่มี `consent: true` ในไฟล์ประกอบ (ปิดหรือปรับระดับได้ใน `lint.rules`) / Notes photos and videos without `consent: true` in their sidecar (turn off or change the level in `lint.rules`).
    ///
    /// ## Why
    /// ภาพและวิดีโอของนักเรียนเป็นข้อมูลส่วนบุคคล เด็กอายุไม่เกิน 10 ปีต้องได้รับความยินยอมจากผู้ปกครอง / Photos and videos of students are personal data; children aged 10 or under need a parent's consent.
    ///
    /// ## Example
    /// ```yaml
    /// ภาพกิจกรรม.jpg   (ไม่มี ภาพกิจกรรม.md / no sidecar)
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// ---
    /// title: กิจกรรมกลุ่ม
    /// consent: true
    /// ---
    /// ```
    pub static RULE = {
        id: "R004",
        name: "media-without-consent",
        category: Privacy,
        severity: Info,
        summary: "ภาพหรือวิดีโอยังไม่ระบุความยินยอม" / "a photo or video has no consent flag",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in cx.p.artefacts.iter().filter(|a| a.kind.is_visual_media()) {
        if a.sidecar.as_ref().and_then(|s| s.consent) != Some(true) {
            out.push(cx.at_artefact(
                &RULE,
                a,
                "ยังไม่ได้ระบุว่าได้รับความยินยอมให้เผยแพร่ภาพ/วิดีโอนี้ (ใส่ consent: true ในไฟล์ประกอบ)",
                "no consent recorded for publishing this photo/video (set `consent: true` in its sidecar)",
            ));
        }
    }
}
