//! A lint rule about media files and the `dpa/` package. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// เปิดอ่านไฟล์ภาพ วิดีโอ PDF และเอกสาร Office เพื่อหาไฟล์ที่เสียหายหรือถูกตัดท้าย (เช่น อัปโหลดไม่ครบ) / Opens images, videos, PDFs and Office files to find corrupt or truncated ones (e.g. an interrupted copy).
    ///
    /// ## Why
    /// ไฟล์เสียเปิดไม่ได้ทั้งบนเว็บและในระบบ DPA กรรมการจะตีกลับ / A broken file opens neither on the site nor in the DPA system; the committee sends it back.
    ///
    /// ## Example
    /// ```yaml
    /// คลิปการสอน.mp4   (คัดลอกจากมือถือไม่ครบ / copy from the phone interrupted)
    /// ```
    ///
    /// ## Use instead
    /// คัดลอกไฟล์จากต้นฉบับใหม่ แล้วเปิดดูให้ครบก่อนส่ง / copy the file again from the original and play it through.
    pub static RULE = {
        id: "V001",
        name: "media-corrupt",
        category: Media,
        severity: Error,
        summary: "ไฟล์สื่อเสียหายหรือไม่สมบูรณ์" / "a media file is corrupt or truncated",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in &cx.p.artefacts {
        if let Some(err) = a.media.as_ref().and_then(|m| m.error.as_ref()) {
            out.push(cx.at_artefact(&RULE, a, err.th.clone(), err.en.clone()));
        }
    }
}
