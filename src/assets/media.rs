//! Media probing: what an evidence file really is, whether it opens, and the facts the
//! linter checks (clip duration and codecs, MP4 fast start, PDF page count, photo size and
//! EXIF GPS).
//!
//! The bytes decide: the file is sniffed by its magic numbers, and when that disagrees with
//! the extension (a `.jpg` that is really an iPhone HEIC) [`MediaInfo::sniffed`] says so and
//! the file is checked as what it is. Videos are walked box by box with seeks and only the
//! `moov` box (and a fragmented file's small `moof` boxes) is read into memory, so a 5 GB
//! teaching clip costs a few small reads (`mp4`). Photos are sized from their header; a
//! JPEG is checked by its structure (every scan reaches the EOI), other formats are decoded
//! fully up to 48 MP and checked by structure above that (`image`); PDFs and Office
//! files are read whole (`pdf`). Videos are also scanned for location boxes and photos
//! checked by the metadata stripper, so [`MediaInfo::location`] and
//! [`MediaInfo::clean_error`] say what publishing will do (see [`super::clean`]). No
//! external tools are run. [`probe`] never panics: every failure ends up in
//! [`MediaInfo::error`] as one line, Thai then English.

use crate::text::Text;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use crate::assets::clean::boxes::{self, be32, be64, corrupt, read_err, read_up_to};
use crate::assets::clean::sniff;
use crate::portfolio::model::MediaInfo;

/// Largest `moov` box read into memory (a three-hour 60 fps clip has one of ~20 MB).
const MAX_MOOV: u64 = 256 << 20;
/// Largest image or PDF read into memory.
const MAX_READ: u64 = 512 << 20;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Image,
    Video,
    Heif,
    Pdf,
    Office,
}

fn ext_class(ext: &str) -> Option<Class> {
    Some(match ext {
        "jpg" | "jpeg" | "png" | "gif" | "webp" => Class::Image,
        "mp4" | "m4v" | "mov" | "3gp" | "3g2" => Class::Video,
        "heic" | "heif" => Class::Heif,
        "pdf" => Class::Pdf,
        "docx" | "pptx" | "xlsx" => Class::Office,
        _ => return None,
    })
}

/// How a sniffed kind is checked; `None` for kinds recognised but not looked into (AVI, …).
fn sniff_class(kind: &str) -> Option<Class> {
    Some(match kind {
        "jpeg" | "png" | "gif" | "webp" => Class::Image,
        "mp4" | "mov" | "m4a" => Class::Video,
        "heic" | "avif" => Class::Heif,
        "pdf" => Class::Pdf,
        "zip" => Class::Office,
        _ => return None,
    })
}

/// True for extensions probe() looks into.
pub fn probes(ext: &str) -> bool {
    ext_class(ext).is_some()
}

/// Probes a file. `ext` is the lowercase extension without the dot. Never panics, never
/// reads more than needed for videos (a teaching clip can be 5 GB: parse boxes by seeking,
/// never read mdat). Errors go into MediaInfo::error.
pub fn probe(path: &Path, ext: &str) -> MediaInfo {
    let mut info = MediaInfo::default();
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(path, ext, &mut info)));
    info.error = match run {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e.squashed()),
        Err(_) => Some(Text::new("ตรวจไฟล์ไม่สำเร็จ (ตัวตรวจขัดข้อง)", "probe failed (internal error)")),
    };
    info
}

fn run(path: &Path, ext: &str, info: &mut MediaInfo) -> Result<(), Text> {
    let mut f = File::open(path).map_err(|e| Text::new("เปิดไฟล์ไม่ได้", format!("cannot open file: {e}")))?;
    let len = f.metadata().map_err(read_err)?.len();
    if len == 0 {
        return Err(Text::new("ไฟล์ว่างเปล่า", "empty file"));
    }
    let mut head = [0u8; 256];
    let n = read_up_to(&mut f, &mut head)?;
    let kind = sniff(&head[..n]);
    if let Some(k) = kind.filter(|k| !agrees(k, ext)) {
        info.sniffed = Some(k.to_string());
    }
    let class = kind.map_or_else(|| ext_class(ext), sniff_class);
    if kind.is_none() && matches!(class, Some(Class::Video | Class::Heif)) {
        return Err(Text::new(
            format!("ไม่ใช่ไฟล์ {ext} (ไม่พบ ftyp)"),
            format!("not an ISO-BMFF {ext} file (no ftyp box)"),
        ));
    }
    match class {
        Some(Class::Video) => mp4::probe_video(&mut f, len, info),
        Some(Class::Heif) => probe_heif(f, len, info),
        Some(Class::Office) => probe_office(f),
        Some(Class::Image) => image::probe_image(&read_all(f, len)?, info),
        Some(Class::Pdf) => pdf::probe_pdf(&read_all(f, len)?, info),
        None => Ok(()),
    }
}

/// Whether a sniffed kind is what the extension promises.
fn agrees(kind: &str, ext: &str) -> bool {
    kind == ext
        || matches!(
            (kind, ext),
            ("jpeg", "jpg" | "jpe" | "jfif")
                | ("zip", "docx" | "pptx" | "xlsx" | "odt" | "ods" | "odp" | "epub")
                | ("mp4", "m4v" | "m4a" | "3gp" | "3g2")
                | ("m4a", "mp4" | "m4b")
                | ("mov", "qt")
                | ("heic", "heif" | "hif")
                | ("asf", "wmv" | "wma")
                | ("mkv", "mka" | "webm")
                | ("webm", "mkv")
        )
}

fn read_all(mut f: File, len: u64) -> Result<Vec<u8>, Text> {
    if len > MAX_READ {
        return Err(Text::new("ไฟล์ใหญ่เกินกว่าจะตรวจ", format!("file too large to check ({len} bytes)")));
    }
    let mut buf = Vec::with_capacity(len as usize);
    f.seek(SeekFrom::Start(0)).map_err(read_err)?;
    f.take(MAX_READ).read_to_end(&mut buf).map_err(read_err)?;
    Ok(buf)
}

/// Child boxes of an in-memory box body, as (type, body); stops at the first bad size.
fn children(b: &[u8]) -> impl Iterator<Item = ([u8; 4], &[u8])> {
    boxes::children(b)
        .map_while(Result::ok)
        .map(move |(typ, pos, hdr, size)| (typ, &b[pos + hdr..pos + size]))
}

fn child<'a>(b: &'a [u8], t: &[u8; 4]) -> Option<&'a [u8]> {
    children(b).find(|(ty, _)| ty == t).map(|(_, body)| body)
}

/// Whether the image's EXIF has a GPS tag (GPSVersionID alone says nothing about a place).
fn has_gps(r: &mut (impl BufRead + Seek)) -> bool {
    exif::Reader::new().read_from_container(r).is_ok_and(|e| {
        e.fields().any(|f| f.tag.context() == exif::Context::Gps && f.tag != exif::Tag::GPSVersionID)
    })
}

fn probe_heif(mut f: File, len: u64, info: &mut MediaInfo) -> Result<(), Text> {
    let mut meta = false;
    boxes::walk_top(&mut f, len, |_, b| {
        meta |= &b.typ == b"meta";
        Ok(())
    })?;
    if !meta {
        return Err(corrupt("ไม่พบกล่อง meta", "no meta box"));
    }
    f.seek(SeekFrom::Start(0)).map_err(read_err)?;
    info.gps = has_gps(&mut BufReader::new(f));
    Ok(())
}

fn probe_office(f: File) -> Result<(), Text> {
    let mut zip = zip::ZipArchive::new(BufReader::new(f))
        .map_err(|e| Text::new("ไม่ใช่ไฟล์ Office ที่อ่านได้", format!("not a readable Office (ZIP) file: {e}")))?;
    let mut types = zip.by_name("[Content_Types].xml").map_err(|e| match e {
        zip::result::ZipError::FileNotFound => Text::new(
            "ไม่ใช่ไฟล์ Office (ไม่พบ [Content_Types].xml)",
            "not an Office file (no [Content_Types].xml)",
        ),
        e => corrupt("อ่าน ZIP ไม่ได้", &format!("cannot read ZIP: {e}")),
    })?;
    // Reading it through checks its CRC.
    io::copy(&mut (&mut types).take(16 << 20), &mut io::sink())
        .map_err(|e| corrupt("ข้อมูลใน ZIP เสียหาย", &format!("damaged ZIP entry: {e}")))?;
    Ok(())
}

// Explicit paths: `fuzz/` compiles this file through `#[path]`, where
// rustc would otherwise look for the children beside it.
#[path = "media/image.rs"]
mod image;
#[path = "media/mp4.rs"]
mod mp4;
#[path = "media/pdf.rs"]
mod pdf;
#[path = "media/tables.rs"]
mod tables;

#[cfg(test)]
use self::{image::jpeg_complete, image::png_complete, pdf::count_pages};
#[cfg(test)]
#[path = "media/tests.rs"]
mod tests;
