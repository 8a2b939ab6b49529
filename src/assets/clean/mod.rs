//! Location-free published media, decided by content.
//!
//! [`for_publish`] is the one door every published evidence file goes through. It sniffs
//! the file's first bytes (never its extension: a `.mp4` holding a JPEG is cleaned as a
//! JPEG, a WebP named `.jpg` as a WebP) and then:
//!
//! - JPEG, PNG, WebP, GIF: read whole and stripped losslessly by [`super::images`]
//!   (EXIF, XMP, text chunks, and anything after the end of the image such as the MP4 of a
//!   motion photo); the stripped copy is written to `.krufolio-cache/clean/` under the
//!   blake3 of its bytes (kept when it is already there, intact) and published from
//!   there, so no stripped photo waits in memory for the output to be written.
//! - MP4, MOV, 3GP, M4A: location boxes are found by [`boxes::scan_file`] (only `moov` and
//!   small metadata boxes are read) and overwritten by `free` boxes of the same size in a
//!   cleaned copy under `.krufolio-cache/clean/` (see [`cache_dir`]), which is published; a
//!   clip without location is published as it is. The copy is named after the source path,
//!   size, modification time and krufolio version, so an unchanged 5 GB clip is cleaned once.
//! - HEIC: converted to a location-free, upright JPEG by [`super::heic::to_jpeg`] (cached
//!   in `.krufolio-cache/clean/` by the blake3 of the HEIC), which is published; refused
//!   when libheif's decoder is not installed or cannot read it.
//! - AVIF: refused (the page explains how to convert).
//! - Anything else (PDF, Office, text): published as it is.
//!
//! A file that cannot be cleaned is refused with a reason (Thai / English) and must not be
//! published. The media probe runs the same checks ([`crate::portfolio::model::MediaInfo::clean_error`]),
//! so the page shows the placeholder for exactly the files refused here.

pub mod boxes;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::text::Text;
use boxes::read_err;

/// Largest image read into memory to be stripped.
const MAX_IMAGE: u64 = 512 << 20;

/// What to publish for one evidence file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cleaned {
    /// A copy of this file (the source itself, or its cleaned copy in the cache).
    Copy(PathBuf),
    /// Nothing: the file could not be made location-free (why).
    Refuse(Text),
}

/// Where cleaned copies of photos and videos are kept, under the site root.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(".krufolio-cache").join("clean")
}

/// The message for an image the stripper cannot parse.
pub fn image_refused() -> Text {
    Text::new(
        "ลบข้อมูลตำแหน่งออกจากภาพนี้ไม่ได้ (โครงสร้างไฟล์ผิดรูปแบบ หรือมีข้อมูลที่ลบไม่ได้ เช่น XMP ในภาพ GIF)",
        "cannot remove location data from this image (malformed, or metadata that cannot be removed such as XMP in a GIF)",
    )
}

/// The refusal message for a video scan's reason.
pub fn video_refused((th, en): (&str, &str)) -> Text {
    Text::new(
        format!("ลบข้อมูลตำแหน่งออกจากวิดีโอนี้ไม่ได้: {th}"),
        format!("cannot remove location data from this video: {en}"),
    )
}

/// What to publish for the file at `src` (see the module doc). `cache` is [`cache_dir`].
pub fn for_publish(src: &Path, cache: &Path) -> Cleaned {
    let run = std::panic::catch_unwind(|| clean(src, cache));
    match run {
        Ok(Ok(c)) => c,
        Ok(Err(e)) => Cleaned::Refuse(e),
        Err(_) => {
            Cleaned::Refuse(Text::new("ตัวลบข้อมูลตำแหน่งขัดข้อง", "the location stripper failed (internal error)"))
        }
    }
}

/// The kind of file the first bytes say this is (`jpeg`, `png`, `webp`, `mp4`, `mov`,
/// `heic`, …): what publishing decides by, and what the media probe
/// ([`super::media`]) checks the extension against.
pub fn sniff(h: &[u8]) -> Option<&'static str> {
    let at = |o: usize, m: &[u8]| h.get(o..o + m.len()) == Some(m);
    let riff = at(0, b"RIFF");
    Some(if at(0, b"\xFF\xD8\xFF") {
        "jpeg"
    } else if at(0, b"\x89PNG\r\n\x1a\n") {
        "png"
    } else if at(0, b"GIF87a") || at(0, b"GIF89a") {
        "gif"
    } else if riff && at(8, b"WEBP") {
        "webp"
    } else if riff && at(8, b"AVI ") {
        "avi"
    } else if at(0, b"%PDF-") {
        "pdf"
    } else if at(0, b"PK\x03\x04") || at(0, b"PK\x05\x06") {
        "zip"
    } else if at(0, b"\x30\x26\xB2\x75\x8E\x66\xCF\x11") {
        "asf"
    } else if at(0, b"\x1A\x45\xDF\xA3") {
        let webm = h[..h.len().min(64)].windows(4).any(|w| w == b"webm");
        if webm {
            "webm"
        } else {
            "mkv"
        }
    } else if at(4, b"ftyp") && h.len() >= 12 {
        ftyp_kind(h)
    } else if [b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"].iter().any(|t| at(4, *t)) {
        "mov" // old QuickTime files have no ftyp
    } else {
        return None;
    })
}

/// ISO-BMFF kind from the major brand (and, for generic HEIF brands, the compatible ones).
fn ftyp_kind(h: &[u8]) -> &'static str {
    let size = boxes::be32(h, 0).map_or(0, |s| s as usize).min(h.len());
    let compat = h.get(16..size).unwrap_or_default();
    let has = |b: &[u8]| compat.chunks_exact(4).any(|c| c == b);
    match &h[8..12] {
        b"qt  " => "mov",
        b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"hevm" | b"hevs" => "heic",
        b"avif" | b"avis" => "avif",
        b"mif1" | b"msf1" | b"miaf" if has(b"avif") || has(b"avis") => "avif",
        b"mif1" | b"msf1" | b"miaf" => "heic",
        b"M4A " | b"M4B " => "m4a",
        _ => "mp4", // isom, iso2…, mp41, mp42, avc1, M4V , dash, 3gp…
    }
}

fn clean(src: &Path, cache: &Path) -> Result<Cleaned, Text> {
    let mut f = File::open(src).map_err(read_err)?;
    let len = f.metadata().map_err(read_err)?.len();
    let mut head = Vec::with_capacity(256);
    (&mut f).take(256).read_to_end(&mut head).map_err(read_err)?;
    match sniff(&head) {
        Some(kind @ ("jpeg" | "png" | "webp" | "gif")) => {
            if len > MAX_IMAGE {
                return Err(Text::new("ภาพใหญ่เกินไป", format!("image too large ({len} bytes)")));
            }
            let bytes = std::fs::read(src).map_err(read_err)?;
            let stripped = super::images::strip_metadata(&bytes);
            drop(bytes);
            if stripped.is_empty() {
                return Err(image_refused());
            }
            cached_image(&stripped, kind, cache).map(Cleaned::Copy)
        }
        Some("mp4" | "mov" | "m4a") => clean_video(src, f, len, cache),
        Some("heic") => super::heic::to_jpeg(src, cache).map(Cleaned::Copy),
        Some("avif") => Err(Text::new("ภาพ AVIF ไม่เผยแพร่", "AVIF images are not published")),
        _ => Ok(Cleaned::Copy(src.to_path_buf())),
    }
}

/// The stripped image's copy in the cache, named by the blake3 of its bytes (`kind` is
/// the sniffed kind, its extension): written unless it is there already, intact.
fn cached_image(stripped: &[u8], kind: &str, cache: &Path) -> Result<PathBuf, Text> {
    let ext = if kind == "jpeg" { "jpg" } else { kind };
    let dest = cache.join(format!("{}.{ext}", &blake3::hash(stripped).to_hex()[..32]));
    let intact = dest.metadata().is_ok_and(|m| m.len() == stripped.len() as u64)
        && std::fs::read(&dest).is_ok_and(|b| b == stripped);
    if !intact {
        crate::fs::create_dir_all(cache).and_then(|_| crate::fs::write_atomic(&dest, stripped)).map_err(
            |e| {
                Text::new(
                    format!("เขียนสำเนาภาพที่ลบข้อมูลตำแหน่งแล้วไม่ได้ ({})", dest.display()),
                    format!("cannot write the location-free copy {}: {}", dest.display(), e.source),
                )
            },
        )?;
    }
    Ok(dest)
}

/// Scans a video; a clean one is published as is, otherwise a cleaned copy from the cache.
fn clean_video(src: &Path, mut f: File, len: u64, cache: &Path) -> Result<Cleaned, Text> {
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
    let made = crate::fs::replace_atomic(&dest, |tmp| {
        crate::fs::copy(src, tmp)?;
        let patch = || -> std::io::Result<()> {
            let mut w = std::fs::OpenOptions::new().write(true).open(tmp)?;
            boxes::apply(&mut w, &scan.spans)?;
            w.sync_all()
        };
        patch().map_err(|e| crate::fs::FsError::new("เขียนสำเนาไฟล์ไม่ได้", "cannot write the copy", &dest, e))
    });
    made.map_err(|e| {
        Text::new("เขียนสำเนาที่ลบตำแหน่งแล้วไม่ได้", format!("cannot write the cleaned copy: {}", e.source))
    })?;
    Ok(Cleaned::Copy(dest))
}

#[cfg(test)]
mod tests;
