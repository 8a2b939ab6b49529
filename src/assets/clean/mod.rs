//! Location-free published media, decided by content.
//!
//! [`for_publish`] is the one door every published evidence file goes through. It sniffs
//! the file's first bytes (never its extension: a `.mp4` holding a JPEG is cleaned as a
//! JPEG, a WebP named `.jpg` as a WebP) and then:
//!
//! - JPEG, PNG, WebP, GIF: read whole and stripped losslessly by [`super::images`]
//!   (EXIF, XMP, text chunks, and anything after the end of the image such as the MP4 of a
//!   motion photo); published as bytes.
//! - MP4, MOV, 3GP, M4A: location boxes are found by [`boxes::scan_file`] (only `moov` and
//!   small metadata boxes are read) and overwritten by `free` boxes of the same size in a
//!   cleaned copy under `.krufolio-cache/clean/` (see [`cache_dir`]), which is published; a
//!   clip without location is published as it is. The copy is named after the source path,
//!   size, modification time and krufolio version, so an unchanged 5 GB clip is cleaned once.
//! - HEIC/AVIF: refused (browsers cannot show them; the page explains how to convert).
//! - Anything else (PDF, Office, text): published as it is.
//!
//! A file that cannot be cleaned is refused with a reason (Thai / English) and must not be
//! published. The media probe runs the same checks ([`crate::portfolio::MediaInfo::clean_error`]),
//! so the page shows the placeholder for exactly the files refused here.

pub mod boxes;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Largest image read into memory to be stripped.
const MAX_IMAGE: u64 = 512 << 20;

/// What to publish for one evidence file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cleaned {
    /// These bytes (a stripped image).
    Bytes(Vec<u8>),
    /// A copy of this file (the source itself, or its cleaned copy in the cache).
    Copy(PathBuf),
    /// Nothing: the file could not be made location-free (reason, Thai / English).
    Refuse(String),
}

/// Where cleaned copies of videos are kept, under the site root.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(".krufolio-cache").join("clean")
}

/// The message for an image the stripper cannot parse.
pub const IMAGE_REFUSED: &str = "ลบข้อมูลตำแหน่งออกจากภาพนี้ไม่ได้ (โครงสร้างไฟล์ผิดรูปแบบ หรือมีข้อมูลที่ลบไม่ได้ เช่น XMP ในภาพ GIF) \
     / cannot remove location data from this image (malformed, or metadata that cannot be removed such as XMP in a GIF)";

/// The refusal message for a video scan's reason.
pub fn video_refused((th, en): (&str, &str)) -> String {
    format!("ลบข้อมูลตำแหน่งออกจากวิดีโอนี้ไม่ได้: {th} / cannot remove location data from this video: {en}")
}

/// What to publish for the file at `src` (see the module doc). `cache` is [`cache_dir`].
pub fn for_publish(src: &Path, cache: &Path) -> Cleaned {
    let run = std::panic::catch_unwind(|| clean(src, cache));
    match run {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => Cleaned::Refuse(e),
        Err(_) => {
            Cleaned::Refuse("ตัวลบข้อมูลตำแหน่งขัดข้อง / the location stripper failed (internal error)".into())
        }
    }
}

fn read_err(e: std::io::Error) -> String {
    format!("อ่านไฟล์ไม่ได้ / cannot read file: {e}")
}

fn clean(src: &Path, cache: &Path) -> Result<Cleaned, String> {
    let mut f = File::open(src).map_err(read_err)?;
    let len = f.metadata().map_err(read_err)?.len();
    let mut head = Vec::with_capacity(256);
    (&mut f).take(256).read_to_end(&mut head).map_err(read_err)?;
    match super::media::sniff(&head) {
        Some("jpeg" | "png" | "webp" | "gif") => {
            if len > MAX_IMAGE {
                return Err(format!("ภาพใหญ่เกินไป / image too large ({len} bytes)"));
            }
            let bytes = std::fs::read(src).map_err(read_err)?;
            let stripped = super::images::strip_metadata(&bytes);
            if stripped.is_empty() {
                return Err(IMAGE_REFUSED.into());
            }
            Ok(Cleaned::Bytes(stripped))
        }
        Some("mp4" | "mov" | "m4a") => clean_video(src, f, len, cache),
        Some("heic" | "avif") => Err("ภาพ HEIC/AVIF ไม่เผยแพร่ / HEIC/AVIF images are not published".into()),
        _ => Ok(Cleaned::Copy(src.to_path_buf())),
    }
}

/// Scans a video; a clean one is published as is, otherwise a cleaned copy from the cache.
fn clean_video(src: &Path, mut f: File, len: u64, cache: &Path) -> Result<Cleaned, String> {
    let scan = boxes::scan_file(&mut f, len)?;
    if let Some(why) = scan.refuse {
        return Err(video_refused(why));
    }
    if scan.spans.is_empty() {
        return Ok(Cleaned::Copy(src.to_path_buf()));
    }
    let mtime = f
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    let key = format!("{}\0{len}\0{mtime}\0{}", src.display(), env!("CARGO_PKG_VERSION"));
    let ext = src.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_else(|| "mp4".into());
    let dest = cache.join(format!("{}.{ext}", &blake3::hash(key.as_bytes()).to_hex()[..20]));
    if dest.metadata().is_ok_and(|m| m.len() == len) {
        return Ok(Cleaned::Copy(dest));
    }
    let write_err =
        |e: std::io::Error| format!("เขียนสำเนาที่ลบตำแหน่งแล้วไม่ได้ / cannot write the cleaned copy: {e}");
    std::fs::create_dir_all(cache).map_err(write_err)?;
    let tmp = dest.with_extension(format!("tmp{}", std::process::id()));
    let made = (|| {
        std::fs::copy(src, &tmp)?;
        let mut w = std::fs::OpenOptions::new().write(true).open(&tmp)?;
        boxes::apply(&mut w, &scan.spans)?;
        w.sync_all()?;
        std::fs::rename(&tmp, &dest)
    })();
    if let Err(e) = made {
        let _ = std::fs::remove_file(&tmp);
        return Err(write_err(e));
    }
    Ok(Cleaned::Copy(dest))
}

#[cfg(test)]
mod tests;
