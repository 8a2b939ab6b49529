//! # V002 media-convert
//!
//! ไฟล์ชนิดนี้เปิดบนเว็บไม่ได้ ควรแปลง / this file type should be converted. Default severity: warning.
//!
//! ## What it does
//! เตือนไฟล์ที่เบราว์เซอร์ส่วนใหญ่เปิดไม่ได้ และบอกว่าควรแปลงเป็นอะไร: HEIC → JPEG, MOV/AVI/WMV/MKV → MP4 (H.264 + AAC), DOCX/PPTX → PDF / Warns about files most browsers cannot open and says what to convert them to.
//!
//! ## Why
//! ภาพจาก iPhone เป็น HEIC และวิดีโอเป็น MOV (HEVC) ซึ่งเปิดไม่ได้ในเบราว์เซอร์ส่วนใหญ่และมักถูกตีกลับ / iPhone photos arrive as HEIC and videos as MOV/HEVC, which most browsers cannot show and reviewers send back.
//!
//! ## Example
//! ```yaml
//! IMG_0231.HEIC
//! คลิปการสอน.mov
//! แผนการสอน.docx
//! ```
//!
//! ## Use instead
//! ```yaml
//! IMG_0231.jpg
//! คลิปการสอน.mp4
//! แผนการสอน.pdf
//! ```

use super::prelude::*;
use crate::portfolio::Kind;

/// The rule.
pub static RULE: Rule = Rule {
    id: "V002",
    name: "media-convert",
    severity: Severity::Warning,
    summary: "ไฟล์ชนิดนี้เปิดบนเว็บไม่ได้ ควรแปลง",
    summary_en: "this file type should be converted",
    file: "media_convert",
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in &cx.p.artefacts {
        let ext = std::path::Path::new(&a.path)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let sniffed = a.media.as_ref().and_then(|m| m.sniffed.as_deref());
        let advice: Option<(&str, &str)> = match (a.kind, sniffed) {
            (Kind::Heic, _) | (_, Some("heic")) => Some(("JPEG", "JPEG")),
            (Kind::OtherVideo, _) | (Kind::Video, Some("mov")) => {
                Some(("MP4 (H.264 + AAC)", "MP4 (H.264 + AAC)"))
            }
            (Kind::Office, _) => Some(("PDF", "PDF")),
            _ => None,
        };
        if let Some((th, en)) = advice {
            let what = if sniffed == Some("heic") && a.kind != Kind::Heic {
                "HEIC".to_string()
            } else {
                ext.to_uppercase()
            };
            out.push(cx.finding(
                &RULE,
                Some(&a.path),
                None,
                a.indicators.first().map(String::as_str),
                format!("ไฟล์ {what} เปิดในเบราว์เซอร์ส่วนใหญ่ไม่ได้ ควรแปลงเป็น {th}"),
                format!("{what} files do not open in most browsers; convert to {en}"),
            ));
        }
    }
}
