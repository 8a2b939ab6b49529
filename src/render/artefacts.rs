//! One artefact (evidence file) as the portfolio pages show it: its
//! published name (personal numbers masked, active files renamed, long names
//! kept within the limit, a photo's real extension), whether it is published,
//! its teacher Markdown (sanitised, links pointed at published files), and the
//! `artefact` view the templates get (see `partials/artefact.html`).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::portfolios::ThumbList;
use crate::config::Config;
use crate::content::slug;
use crate::portfolio::{Artefact, Kind, Portfolio};

pub(super) fn thumb_name(rel: &str, width: u32) -> String {
    crate::privacy::active::with_suffix(rel, &format!(".w{width}.jpg"))
}

pub(super) fn base(config: &Config, p: &Portfolio) -> String {
    format!("{}portfolios/{}/", config.base_path, slug::encode_path(&p.slug))
}

/// Is this artefact's file published (copied to the output)?
pub(super) fn published(a: &Artefact) -> bool {
    let broken = a.media.as_ref().is_some_and(|m| m.error.is_some());
    let heic = a.kind == Kind::Heic || a.media.as_ref().and_then(|m| m.sniffed.as_deref()) == Some("heic");
    let unclean = a.media.as_ref().is_some_and(|m| m.clean_error.is_some());
    !withheld(a) && !broken && !heic && !unclean && a.kind != Kind::Markdown
}

/// Whether the artefact's bytes are a photo (a JPEG named `.mp4` is shown as a photo).
pub(super) fn is_image(a: &Artefact) -> bool {
    match a.media.as_ref().and_then(|m| m.sniffed.as_deref()) {
        Some(k) => matches!(k, "jpeg" | "png" | "gif" | "webp"),
        None => a.kind == Kind::Image,
    }
}

pub(super) fn human_size(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.0} KB", n as f64 / 1024.0),
        n => format!("{n} B"),
    }
}

/// Teacher Markdown is untrusted: no raw HTML, no script URLs (see
/// [`crate::privacy::sanitize`]). Relative links are read from `base_dir`
/// (the note's folder in the portfolio) and point at the published file, or
/// are dropped when there is none (R006 says so).
pub(super) fn markdown(config: &Config, p: &Portfolio, base_dir: &str, text: &str) -> String {
    let local = |dest: &str| -> Option<String> {
        let target = crate::privacy::sanitize::resolve_rel(base_dir, dest)?;
        let a = p.artefacts.iter().find(|a| a.rel == target && published(a))?;
        Some(format!("{}{}", base(config, p), slug::encode_path(&out_rel(config, a))))
    };
    crate::privacy::sanitize::teacher_markdown(text, &local)
}

/// The folder of an artefact inside its portfolio (`""` at the top).
pub(super) fn dir_of(rel: &str) -> &str {
    rel.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Did the teacher keep this artefact off the site (`publish: false`)? Its
/// file, title, description and body then appear nowhere.
pub(super) fn withheld(a: &Artefact) -> bool {
    a.sidecar.as_ref().and_then(|s| s.publish) == Some(false)
}

/// Is this artefact's file something a browser would run (HTML, SVG, …)?
pub(super) fn active(config: &Config, a: &Artefact) -> bool {
    use std::io::Read as _;
    if matches!(a.kind, Kind::Image | Kind::Video | Kind::Pdf | Kind::Office | Kind::Audio | Kind::Markdown) {
        return false;
    }
    let mut head = Vec::new();
    if let Ok(f) = std::fs::File::open(config.root.join(&a.path)) {
        let _ = f.take(512).read_to_end(&mut head);
    }
    crate::privacy::active::is_active(&a.rel, &head)
}

/// The artefact's path in the output, relative to its portfolio folder:
/// national IDs and phone numbers in the name masked, and active files
/// renamed so they download instead of running.
pub(super) fn out_rel(config: &Config, a: &Artefact) -> String {
    // A `\` (a valid name character outside Windows) would read as a folder in a URL.
    let rel = crate::privacy::mask::mask(&a.rel).0.replace('\\', "-");
    // A photo under another name (a JPEG saved as `.mp4`) gets its real
    // extension added: browsers will not show an image served as a video.
    let sniffed = a.media.as_ref().and_then(|m| m.sniffed.as_deref());
    let real_ext = match sniffed {
        Some("jpeg") => Some(".jpg"),
        Some("png") => Some(".png"),
        Some("gif") => Some(".gif"),
        Some("webp") => Some(".webp"),
        _ => None,
    };
    if active(config, a) {
        crate::privacy::active::download_name(&rel)
    } else {
        // Masking lengthens a name: keep it within the file-system limit.
        crate::privacy::active::with_suffix(&rel, real_ext.unwrap_or(""))
    }
}

/// The view of one artefact (see the theme contract in ARCHITECTURE.md).
pub(super) fn artefact_view(
    config: &Config,
    data_thumbs: &BTreeMap<String, ThumbList>,
    p: &Portfolio,
    a: &Artefact,
) -> Value {
    let stem = std::path::Path::new(&a.rel)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let side = a.sidecar.as_ref();
    let title = side.and_then(|s| s.title.clone()).unwrap_or_else(|| stem.clone());
    let sniffed_heic = a.media.as_ref().and_then(|m| m.sniffed.as_deref()) == Some("heic");
    // WebM plays in current browsers: a player, though lint still asks for MP4.
    let webm = a.rel.to_lowercase().ends_with(".webm") && a.media.as_ref().is_none_or(|m| m.error.is_none());
    let sniffed_video = matches!(a.media.as_ref().and_then(|m| m.sniffed.as_deref()), Some("mp4" | "mov"));
    let kind = match a.kind {
        _ if sniffed_heic => "heic",
        _ if is_image(a) && a.kind != Kind::Heic => "image",
        Kind::Image if sniffed_video => "video",
        Kind::OtherVideo if webm => "video",
        Kind::Image => "image",
        Kind::Heic => "heic",
        Kind::Video => "video",
        Kind::Pdf => "pdf",
        Kind::Office => "document",
        Kind::Audio => "audio",
        Kind::Markdown => "note",
        Kind::OtherVideo | Kind::Other => "other",
    };
    let problem = if let Some(err) = a.media.as_ref().and_then(|m| m.error.as_deref()) {
        let (th, en) = err.split_once(" / ").unwrap_or((err, err));
        Some(
            json!({ "message": format!("ไฟล์นี้เปิดไม่ได้: {th}"), "message_en": format!("this file cannot be opened: {en}") }),
        )
    } else if let Some(err) = a.media.as_ref().and_then(|m| m.clean_error.as_deref()) {
        let (th, en) = err.split_once(" / ").unwrap_or((err, err));
        Some(json!({
            "message": format!("ไฟล์นี้ไม่ได้เผยแพร่: {th}"),
            "message_en": format!("this file is not published: {en}"),
        }))
    } else if kind == "heic" {
        Some(json!({
            "message": "ภาพ HEIC จาก iPhone แสดงบนเว็บไม่ได้ ให้แปลงเป็น JPEG (ตั้งค่ากล้อง: รูปแบบ > ใช้ได้กับทุกอุปกรณ์ หรือส่งออกเป็น JPEG) แล้วสร้างเว็บใหม่",
            "message_en": "HEIC photos from iPhones do not show on the web: convert to JPEG (Camera > Formats > Most Compatible, or export as JPEG) and rebuild",
        }))
    } else if a.kind == Kind::OtherVideo && !webm {
        Some(json!({
            "message": "วิดีโอชนิดนี้อาจเล่นในเบราว์เซอร์ไม่ได้ ควรแปลงเป็น MP4 (H.264 + AAC) ดาวน์โหลดไฟล์เดิมได้จากลิงก์นี้",
            "message_en": "this video type may not play in browsers: convert to MP4 (H.264 + AAC); the original can be downloaded",
        }))
    } else {
        None
    };
    let rel = out_rel(config, a);
    let url = published(a).then(|| format!("{}{}", base(config, p), slug::encode_path(&rel)));
    let download_name = (rel.ends_with(".download") && rel != a.rel)
        .then(|| std::path::Path::new(&a.rel).file_name().map(|n| n.to_string_lossy().into_owned()))
        .flatten();
    let html = (a.kind == Kind::Markdown).then(|| {
        let text = p.texts.iter().find(|(path, _)| *path == a.path).map(|(_, t)| t.as_str()).unwrap_or("");
        let body = crate::content::front_matter::split(std::path::Path::new(&a.path), text)
            .map(|s| s.body.to_string())
            .unwrap_or_default();
        markdown(config, p, dir_of(&a.rel), &body)
    });
    let date = side.and_then(|s| s.date.as_ref()).and_then(|d| d.parse().ok());
    // Responsive sizes: the 800 px thumbnail as `src` when there is one.
    let thumbs = data_thumbs.get(&a.path).cloned().unwrap_or_default();
    let thumb_url = |w: u32| format!("{}{}", base(config, p), slug::encode_path(&thumb_name(&rel, w)));
    let srcset: Vec<String> = thumbs.iter().map(|(w, _, _)| format!("{} {w}w", thumb_url(*w))).collect();
    let thumb = thumbs.iter().find(|(w, _, _)| *w == 800).or(thumbs.last()).map(|(w, _, _)| thumb_url(*w));
    // A video's poster: the largest thumbnail of its image (metadata-free), else the image.
    let poster =
        (a.kind == Kind::Video).then(|| p.poster_of(a)).flatten().filter(|img| published(img)).map(|img| {
            match data_thumbs.get(&img.path).and_then(|t| t.iter().map(|(w, _, _)| *w).max()) {
                Some(w) => {
                    format!("{}{}", base(config, p), slug::encode_path(&thumb_name(&out_rel(config, img), w)))
                }
                None => format!("{}{}", base(config, p), slug::encode_path(&out_rel(config, img))),
            }
        });
    json!({
        "id": format!("a-{}", &blake3::hash(a.rel.as_bytes()).to_hex()[..12]),
        "title": title,
        "description": side.and_then(|s| s.description.clone()),
        "date": date,
        "kind": kind,
        "url": url,
        "download_name": download_name,
        "thumb": thumb,
        "srcset": if srcset.is_empty() { Value::Null } else { Value::String(srcset.join(", ")) },
        "poster": poster,
        "alt": title,
        "caption": side.and_then(|s| s.description.clone()),
        "size": a.size.map(human_size),
        "html": html,
        "problem": problem,
        "indicators": a.indicators,
    })
}
