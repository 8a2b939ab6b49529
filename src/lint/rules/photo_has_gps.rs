//! # R003 photo-has-gps
//!
//! ภาพถ่ายมีพิกัด GPS / a photo carries GPS coordinates. Default severity: warning.
//!
//! ## What it does
//! เตือนภาพที่มีข้อมูลตำแหน่ง GPS ใน EXIF ตอนสร้างเว็บ krufolio ลบข้อมูลนี้ออกจากภาพที่เผยแพร่ให้อยู่แล้ว แต่ไฟล์ต้นฉบับในแฟ้มยังมีอยู่ / Warns about photos with EXIF GPS. The build strips it from published images, but the original file in the folder still has it.
//!
//! ## Why
//! พิกัดในภาพบอกได้ว่าถ่ายที่บ้านหรือโรงเรียนใด ถ้าส่งไฟล์ต้นฉบับต่อ ข้อมูลจะรั่ว / Coordinates reveal where a photo was taken; sharing the original leaks them.
//!
//! ## Example
//! ```yaml
//! ภาพกิจกรรม.jpg   (GPS 13.75 N, 100.50 E)
//! ```
//!
//! ## Use instead
//! ปิดการบันทึกตำแหน่งในกล้องมือถือ หรือลบด้วย exiftool -gps:all= ภาพ.jpg / turn off location in the camera, or strip it with exiftool.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    id: "R003",
    name: "photo-has-gps",
    severity: Severity::Warning,
    summary: "ภาพถ่ายมีพิกัด GPS",
    summary_en: "a photo carries GPS coordinates",
    file: "photo_has_gps",
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in &cx.p.artefacts {
        if a.media.as_ref().is_some_and(|m| m.gps) {
            out.push(cx.finding(
                &RULE,
                Some(&a.path),
                None,
                a.indicators.first().map(String::as_str),
                "ภาพนี้มีพิกัด GPS ในไฟล์ (krufolio ลบออกจากภาพที่เผยแพร่แล้ว แต่ไฟล์ต้นฉบับยังมีอยู่)",
                "this photo carries GPS coordinates (the build strips them from published copies; the original still has them)",
            ));
        }
    }
}
