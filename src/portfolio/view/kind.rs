//! What an artefact is on the page ([`ArtefactKind`], by its bytes first,
//! then its name) and why it shows a placeholder instead ([`Problem`]).

use super::{ArtefactKind, Problem};
use crate::portfolio::derive;
use crate::portfolio::model::{Artefact, Kind};

/// What the page shows for `a`, by its bytes first, then its name.
pub(super) fn view_kind(a: &Artefact) -> ArtefactKind {
    let sniffed = a.media.as_ref().and_then(|m| m.sniffed.as_deref());
    // WebM plays in current browsers: a player, though lint still asks for MP4.
    let webm = a.rel.to_lowercase().ends_with(".webm") && a.media.as_ref().is_none_or(|m| m.error.is_none());
    match a.kind {
        _ if sniffed == Some("heic") => ArtefactKind::Heic,
        _ if derive::is_image(a) && a.kind != Kind::Heic => ArtefactKind::Image,
        Kind::Image if matches!(sniffed, Some("mp4" | "mov")) => ArtefactKind::Video,
        Kind::OtherVideo if webm => ArtefactKind::Video,
        Kind::Image => ArtefactKind::Image,
        Kind::Heic => ArtefactKind::Heic,
        Kind::Video => ArtefactKind::Video,
        Kind::Pdf => ArtefactKind::Pdf,
        Kind::Office => ArtefactKind::Document,
        Kind::Audio => ArtefactKind::Audio,
        Kind::Markdown => ArtefactKind::Note,
        Kind::Link => ArtefactKind::Link,
        Kind::OtherVideo | Kind::Other => ArtefactKind::Other,
    }
}

/// Why `a` shows a placeholder (or a note beside its player).
pub(super) fn problem(a: &Artefact, kind: ArtefactKind) -> Option<Problem> {
    let media = a.media.as_ref();
    if let Some(e) = media.and_then(|m| m.error.as_ref()) {
        Some(Problem::new(format!("ไฟล์นี้เปิดไม่ได้: {}", e.th), format!("this file cannot be opened: {}", e.en)))
    } else if let Some(e) = media.and_then(|m| m.clean_error.as_ref()) {
        Some(Problem::new(
            format!("ไฟล์นี้ไม่ได้เผยแพร่: {}", e.th),
            format!("this file is not published: {}", e.en),
        ))
    } else if kind == ArtefactKind::Heic {
        Some(match crate::assets::heic::converter() {
            None => {
                let why = crate::assets::heic::missing();
                Problem::new(why.th, why.en)
            }
            Some(_) => Problem::new(
                "แปลงภาพ HEIC นี้เป็น JPEG ไม่ได้ (ดูคำเตือนตอนสร้างเว็บ) ลองรัน krufolio fix หรือส่งออกภาพเป็น JPEG",
                "this HEIC photo could not be converted to JPEG (see the build warnings); try krufolio fix, or export the photo as JPEG",
            ),
        })
    } else if a.kind == Kind::OtherVideo && kind != ArtefactKind::Video {
        Some(Problem::new(
            "วิดีโอชนิดนี้อาจเล่นในเบราว์เซอร์ไม่ได้ ควรแปลงเป็น MP4 (H.264 + AAC) ดาวน์โหลดไฟล์เดิมได้จากลิงก์นี้",
            "this video type may not play in browsers: convert to MP4 (H.264 + AAC); the original can be downloaded",
        ))
    } else {
        None
    }
}
