//! # V009 video-has-location
//!
//! วิดีโอมีพิกัดสถานที่ถ่าย / a video carries location data. Default severity: warning.
//!
//! ## What it does
//! เตือนวิดีโอ MP4/MOV/3GP ที่เก็บพิกัดสถานที่ถ่ายไว้ (Apple `keys` ISO 6709, Android `©xyz`, 3GPP `loci`, XMP GPS) ตอนสร้างเว็บ krufolio ลบข้อมูลนี้ออกจากวิดีโอที่เผยแพร่ให้โดยไม่แปลงไฟล์ แต่ไฟล์ต้นฉบับในแฟ้มยังมีอยู่ / Warns about MP4/MOV/3GP videos that store where they were filmed (Apple `keys` ISO 6709, Android `©xyz`, 3GPP `loci`, XMP GPS). The build removes it from published videos without re-encoding, but the original file in the folder still has it.
//!
//! ## Why
//! พิกัดในวิดีโอบอกได้ว่าถ่ายที่บ้านหรือโรงเรียนใด ถ้าส่งไฟล์ต้นฉบับต่อ (เช่น อัปโหลดเข้าระบบ DPA) ข้อมูลจะรั่ว / Coordinates reveal where a clip was filmed; sharing the original (for example uploading it to DPA) leaks them.
//!
//! ## Example
//! ```yaml
//! คลิปการสอน.mp4   (©xyz +13.7563+100.5018/)
//! ```
//!
//! ## Use instead
//! ปิดการบันทึกตำแหน่งในกล้องมือถือ หรือลบด้วย exiftool -overwrite_original -gps:all= -xmp:all= -Keys:GPSCoordinates= -UserData:GPSCoordinates= คลิป.mp4 / turn off location in the camera app, or strip it with exiftool.

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    id: "V009",
    name: "video-has-location",
    severity: Severity::Warning,
    summary: "วิดีโอมีพิกัดสถานที่ถ่าย",
    summary_en: "a video carries location data",
    file: "video_has_location",
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in &cx.p.artefacts {
        if a.media.as_ref().is_some_and(|m| m.location) {
            out.push(cx.finding(
                &RULE,
                Some(&a.path),
                None,
                a.indicators.first().map(String::as_str),
                "วิดีโอนี้มีพิกัดสถานที่ถ่ายในไฟล์ (krufolio ลบออกจากวิดีโอที่เผยแพร่แล้ว แต่ไฟล์ต้นฉบับยังมีอยู่)",
                "this video carries location data (the build removes it from published copies; the original still has it)",
            ));
        }
    }
}
