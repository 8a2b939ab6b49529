//! Public titles of evidence files that have no sidecar `title:`. A file
//! stem a camera or phone made up (`IMG_20260701_140211`, `DSC01234`,
//! `PXL_…`, WhatsApp's `IMG-20260701-WA0003`, `20260701_140211`, a
//! screenshot's name) says nothing to a reader and would become the public
//! title and alt text, so such a file is titled after its evidence folder's
//! indicator (from the framework) and a number by kind, counted in folder
//! order: `การจัดกิจกรรมการเรียนรู้ ภาพที่ 2`, `… คลิปที่ 1`, `… ไฟล์ที่ 3`.
//! Any other stem (a Thai name the teacher gave) stays the title.

use super::model::{Artefact, Kind, Portfolio};
use crate::frameworks::Framework;

/// Names apps and cameras start with (compared ignoring case).
const PREFIXES: &[&str] = &[
    "img",
    "vid",
    "pxl",
    "dsc",
    "dscn",
    "dscf",
    "dcim",
    "mvi",
    "mov",
    "pano",
    "burst",
    "gopr",
    "fb_img",
    "screenshot",
    "screen shot",
    "screen recording",
    "screenrecorder",
    "whatsapp image",
    "whatsapp video",
    "photo",
    "video",
    "line_album",
    "line",
    "received",
    "snapchat",
    "image",
    "signal",
];

/// Whether `stem` looks like a name a camera or phone app gave the file.
pub fn is_camera_name(stem: &str) -> bool {
    let lower = stem.trim().to_ascii_lowercase();
    let digits = |s: &str| s.bytes().filter(u8::is_ascii_digit).count();
    let ascii_rest = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || "_-. ()".contains(c));
    // `20260701_140211` (Samsung), `20260701-WA0003`.
    if digits(&lower) >= 8 && lower.starts_with(|c: char| c.is_ascii_digit()) && ascii_rest(&lower) {
        return true;
    }
    // `P1010001` (Panasonic, Olympus).
    if lower.len() == 8 && lower.starts_with('p') && digits(&lower) == 7 {
        return true;
    }
    PREFIXES.iter().any(|p| {
        lower.strip_prefix(p).is_some_and(|rest| {
            let sep = rest.starts_with(|c: char| c.is_ascii_digit() || "_- ".contains(c));
            sep && digits(rest) >= 3 && ascii_rest(rest)
        })
    })
}

/// The word a title counts files of this kind by.
fn noun(kind: Kind) -> &'static str {
    match kind {
        Kind::Image | Kind::Heic => "ภาพ",
        Kind::Video | Kind::OtherVideo | Kind::Audio => "คลิป",
        _ => "ไฟล์",
    }
}

fn stem_of(a: &Artefact) -> String {
    std::path::Path::new(&a.rel).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn folder_of(a: &Artefact) -> &str {
    a.rel.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Whether `a` gets a made-up title: no sidecar title, a camera stem.
fn needs_title(a: &Artefact) -> bool {
    a.sidecar.as_ref().and_then(|s| s.title.as_deref()).is_none_or(|t| t.trim().is_empty())
        && a.kind != Kind::Markdown
        && is_camera_name(&stem_of(a))
}

/// What the folder's files are evidence of: the indicator's title, else
/// the challenge, the DPA package or the folder's own name.
fn subject(a: &Artefact, fw: Option<&Framework>) -> String {
    let indicator = a.indicators.iter().find_map(|c| fw?.indicator(c)).map(|i| i.title.clone());
    indicator.unwrap_or_else(|| {
        if a.challenge {
            "ประเด็นท้าทาย".into()
        } else if a.in_dpa {
            "เอกสารยื่น DPA".into()
        } else {
            match folder_of(a).rsplit('/').next().filter(|n| !n.is_empty()) {
                Some(name) => name.to_string(),
                None => "หลักฐาน".into(),
            }
        }
    })
}

/// The public title of `a`: the sidecar's, else the stem, else (for a
/// camera name) the folder's subject and its number among the folder's
/// camera-named files of the same kind, in folder order.
pub fn title(p: &Portfolio, a: &Artefact, fw: Option<&Framework>) -> String {
    if let Some(t) = a.sidecar.as_ref().and_then(|s| s.title.clone()).filter(|t| !t.trim().is_empty()) {
        return t;
    }
    if !needs_title(a) {
        return stem_of(a);
    }
    let word = noun(a.kind);
    let n = p
        .artefacts
        .iter()
        .filter(|b| folder_of(b) == folder_of(a) && noun(b.kind) == word && needs_title(b))
        .position(|b| b.rel == a.rel)
        .map_or(1, |i| i + 1);
    format!("{} {word}ที่ {n}", subject(a, fw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camera_and_phone_names_are_recognised() {
        for name in [
            "IMG_20260701_140211",
            "IMG_1234",
            "img_1234",
            "IMG20260701140211",
            "IMG-20260701-WA0003",
            "VID-20260701-WA0001",
            "VID_20260701_140211",
            "DSC01234",
            "DSC_0123",
            "DSCN0001",
            "PXL_20260701_071234567",
            "PXL_20260701_071234567.MP",
            "Screenshot_20260701-140211",
            "Screenshot 2026-07-01 at 14.02.11",
            "WhatsApp Image 2026-07-01 at 14.02.11",
            "20260701_140211",
            "MVI_0042",
            "P1010001",
            "photo_2026-07-01_14-02-11",
            "LINE_ALBUM_260701_1",
        ] {
            assert!(is_camera_name(name), "{name}");
        }
        for name in
            ["กิจกรรมอ่านจับใจความ", "แผนที่ 1", "IMG_แผนการสอน", "imagine", "video-lesson-1", "2568", "ภาพ 1"]
        {
            assert!(!is_camera_name(name), "{name}");
        }
    }
}
