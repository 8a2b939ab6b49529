//! A lint rule about personal data in published files (PDPA). [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// เตือนภาพที่มีข้อมูลตำแหน่ง GPS ใน EXIF ตอนสร้างเว็บ krufolio ลบข้อมูลนี้ออกจากภาพที่เผยแพร่ให้อยู่แล้ว แต่ไฟล์ต้นฉบับในแฟ้มยังมีอยู่ / Warns about photos with EXIF GPS. The build strips it from published images, but the original file in the folder still has it.
    ///
    /// ## Why
    /// พิกัดในภาพบอกได้ว่าถ่ายที่บ้านหรือโรงเรียนใด ถ้าส่งไฟล์ต้นฉบับต่อ ข้อมูลจะรั่ว / Coordinates reveal where a photo was taken; sharing the original leaks them.
    ///
    /// ## Example
    /// ```yaml
    /// ภาพกิจกรรม.jpg   (GPS 13.75 N, 100.50 E)
    /// ```
    ///
    /// ## Use instead
    /// ปิดการบันทึกตำแหน่งในกล้องมือถือ หรือลบด้วย exiftool -gps:all= ภาพ.jpg / turn off location in the camera, or strip it with exiftool.
    pub static RULE = {
        id: "R003",
        name: "photo-has-gps",
        category: Privacy,
        severity: Warning,
        summary: "ภาพถ่ายมีพิกัด GPS" / "a photo carries GPS coordinates",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    original_keeps_location(
        cx,
        &RULE,
        |m| m.gps,
        "ภาพนี้มีพิกัด GPS ในไฟล์ (krufolio ลบออกจากภาพที่เผยแพร่แล้ว แต่ไฟล์ต้นฉบับยังมีอยู่)",
        "this photo carries GPS coordinates (the build strips them from published copies; the original still has them)",
        out,
    );
}

/// Reports every artefact whose probe `carries` a location (GPS in a photo
/// here, a location in a video for `video-has-location`): the build strips
/// it from published copies, the original file keeps it.
pub(super) fn original_keeps_location(
    cx: &Ctx<'_>,
    rule: &Rule,
    carries: fn(&crate::portfolio::model::MediaInfo) -> bool,
    message: &str,
    message_en: &str,
    out: &mut Vec<Finding>,
) {
    for a in cx.p.artefacts.iter().filter(|a| a.media.as_ref().is_some_and(carries)) {
        out.push(cx.at_artefact(rule, a, message, message_en));
    }
}
