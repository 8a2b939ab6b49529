//! A lint rule about media files and the `dpa/` package. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::assets::convert::{command_line, ffmpeg_args, fixed_path};
use crate::lint::text::fix_advice;
use crate::portfolio::model::{DpaRole, Kind};

declare_rule! {
    /// ## What it does
    /// เตือนไฟล์ที่เบราว์เซอร์ส่วนใหญ่เปิดไม่ได้ และบอกว่าควรแปลงเป็นอะไร: HEIC → JPEG, MOV/AVI/WMV/MKV → MP4 (H.264 + AAC), DOCX/PPTX → PDF / Warns about files most browsers cannot open and says what to convert them to.
    ///
    /// ## Why
    /// ภาพจาก iPhone เป็น HEIC และวิดีโอเป็น MOV (HEVC) ซึ่งเปิดไม่ได้ในเบราว์เซอร์ส่วนใหญ่และมักถูกตีกลับ / iPhone photos arrive as HEIC and videos as MOV/HEVC, which most browsers cannot show and reviewers send back.
    ///
    /// ## Example
    /// ```yaml
    /// IMG_0231.HEIC
    /// คลิปการสอน.mov
    /// แผนการสอน.docx
    /// ```
    ///
    /// ## Use instead
    /// `krufolio fix <แฟ้ม/slug>` เขียนสำเนา IMG_0231.fixed.jpg และ คลิปการสอน.fixed.mp4 ข้างไฟล์เดิม (build และ lint ใช้แทนไฟล์เดิม) / writes IMG_0231.fixed.jpg and คลิปการสอน.fixed.mp4 beside the originals (build and lint then use them):
    ///
    /// ```yaml
    /// IMG_0231.jpg
    /// คลิปการสอน.mp4
    /// แผนการสอน.pdf
    /// ```
    pub static RULE = {
        id: "V002",
        name: "media-convert",
        category: Media,
        severity: Warning,
        summary: "ไฟล์ชนิดนี้เปิดบนเว็บไม่ได้ ควรแปลง" / "this file type should be converted",
    };
}

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
            let what = match sniffed {
                Some("heic") if a.kind != Kind::Heic => "HEIC".to_string(),
                Some("mov") => "QuickTime (MOV)".to_string(),
                _ => ext.to_uppercase(),
            };
            // Say what the file really is when its name says otherwise.
            let (th_msg, en_msg) = if sniffed.is_some() && what != ext.to_uppercase() {
                (
                    format!("ไฟล์นี้ชื่อ .{ext} แต่เนื้อไฟล์เป็น {what} ซึ่งเปิดในเบราว์เซอร์ส่วนใหญ่ไม่ได้ ควรแปลงเป็น {th}"),
                    format!("this file is named .{ext} but is really {what}, which most browsers cannot open; convert it to {en}"),
                )
            } else {
                (
                    format!("ไฟล์ {what} เปิดในเบราว์เซอร์ส่วนใหญ่ไม่ได้ ควรแปลงเป็น {th}"),
                    format!("{what} files do not open in most browsers; convert to {en}"),
                )
            };
            // What does it: `krufolio fix` for photos and videos (with the ffmpeg command).
            let (th_msg, en_msg) = match a.kind {
                Kind::Office => (th_msg, en_msg),
                _ => {
                    let video = th.starts_with("MP4");
                    let cmd = video
                        .then(|| command_line(&ffmpeg_args(&a.path, &fixed_path(&a.path, "mp4"), false)));
                    let (fth, fen) = fix_advice(&cx.p.slug, cmd.as_deref());
                    let (bth, ben) = if video {
                        (String::new(), String::new())
                    } else {
                        (" (krufolio build เผยแพร่ภาพ HEIC เป็น JPEG ให้เองเมื่อติดตั้ง libheif-examples)".to_string(), " (krufolio build publishes HEIC photos as JPEG when libheif-examples is installed)".to_string())
                    };
                    (format!("{th_msg} {fth}{bth}"), format!("{en_msg}; {fen}{ben}"))
                }
            };
            let mut f = cx.at_artefact(&RULE, a, th_msg, en_msg);
            // The DPA system takes MP4 only: a clip in another format cannot be submitted.
            if matches!(a.dpa, Some(DpaRole::TeachingClip | DpaRole::InspirationClip)) {
                f.severity = Severity::Error;
                f.at.message.push_str(" (คลิปใน dpa/ ต้องเป็น MP4 จึงส่งในระบบ DPA ได้)");
                f.at.message_en.push_str(" (a clip in dpa/ must be MP4 to be submitted to the DPA system)");
            }
            out.push(f);
        }
    }
}
