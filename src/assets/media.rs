//! Media probing: what an evidence file really is, whether it opens, and the facts the
//! linter checks (clip duration and codecs, MP4 fast start, PDF page count, photo size and
//! EXIF GPS).
//!
//! The bytes decide: the file is sniffed by its magic numbers, and when that disagrees with
//! the extension (a `.jpg` that is really an iPhone HEIC) [`MediaInfo::sniffed`] says so and
//! the file is checked as what it is. Videos are walked box by box with seeks and only the
//! `moov` box (and a fragmented file's small `moof` boxes) is read into memory, so a 5 GB
//! teaching clip costs a few small reads (`mp4`). Photos are sized from their header and
//! decoded fully up to 48 MP, checked by structure above that (`image`); PDFs and Office
//! files are read whole (`pdf`). Videos are also scanned for location boxes and photos
//! checked by the metadata stripper, so [`MediaInfo::location`] and
//! [`MediaInfo::clean_error`] say what publishing will do (see [`super::clean`]). No
//! external tools are run. [`probe`] never panics: every failure ends up in
//! [`MediaInfo::error`] as one line, Thai then English.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use crate::portfolio::MediaInfo;

/// Largest `moov` box read into memory (a three-hour 60 fps clip has one of ~20 MB).
const MAX_MOOV: u64 = 256 << 20;
/// Largest image or PDF read into memory.
const MAX_READ: u64 = 512 << 20;
/// Most top-level boxes walked in one video (a fragmented MP4 has two per fragment).
const MAX_BOXES: u32 = 1_000_000;

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
        Ok(Err(e)) => Some(e.split_whitespace().collect::<Vec<_>>().join(" ")),
        Err(_) => Some("ตรวจไฟล์ไม่สำเร็จ (ตัวตรวจขัดข้อง) / probe failed (internal error)".into()),
    };
    info
}

fn run(path: &Path, ext: &str, info: &mut MediaInfo) -> Result<(), String> {
    let mut f = File::open(path).map_err(|e| format!("เปิดไฟล์ไม่ได้ / cannot open file: {e}"))?;
    let len = f.metadata().map_err(read_err)?.len();
    if len == 0 {
        return Err("ไฟล์ว่างเปล่า / empty file".into());
    }
    let mut head = [0u8; 256];
    let n = read_up_to(&mut f, &mut head)?;
    let kind = sniff(&head[..n]);
    if let Some(k) = kind.filter(|k| !agrees(k, ext)) {
        info.sniffed = Some(k.to_string());
    }
    let class = kind.map_or_else(|| ext_class(ext), sniff_class);
    if kind.is_none() && matches!(class, Some(Class::Video | Class::Heif)) {
        return Err(format!("ไม่ใช่ไฟล์ {ext} (ไม่พบ ftyp) / not an ISO-BMFF {ext} file (no ftyp box)"));
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

/// The kind of file the first bytes say this is (`jpeg`, `png`, `webp`, `mp4`, `mov`,
/// `heic`, …); shared with [`super::clean`], which decides by it what to strip.
pub(crate) fn sniff(h: &[u8]) -> Option<&'static str> {
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
    let size = be32(h, 0).map_or(0, |s| s as usize).min(h.len());
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

fn corrupt(th: &str, en: &str) -> String {
    format!("ไฟล์เสียหายหรือไม่สมบูรณ์ ({th}) / corrupt or truncated file ({en})")
}

fn read_err(e: io::Error) -> String {
    format!("อ่านไฟล์ไม่ได้ / cannot read file: {e}")
}

fn be32(b: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(o..o + 4)?.try_into().ok()?))
}

fn be64(b: &[u8], o: usize) -> Option<u64> {
    Some(u64::from_be_bytes(b.get(o..o + 8)?.try_into().ok()?))
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> Result<usize, String> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(read_err(e)),
        }
    }
    Ok(n)
}

fn read_all(mut f: File, len: u64) -> Result<Vec<u8>, String> {
    if len > MAX_READ {
        return Err(format!("ไฟล์ใหญ่เกินกว่าจะตรวจ / file too large to check ({len} bytes)"));
    }
    let mut buf = Vec::with_capacity(len as usize);
    f.seek(SeekFrom::Start(0)).map_err(read_err)?;
    f.take(MAX_READ).read_to_end(&mut buf).map_err(read_err)?;
    Ok(buf)
}

/// Walks the top-level ISO-BMFF boxes by seeking from header to header, calling
/// `each(type, header start, body start, body length)`. A box running past the end is an error.
fn walk_boxes(f: &mut File, len: u64, mut each: impl FnMut([u8; 4], u64, u64, u64)) -> Result<(), String> {
    let (mut pos, mut count) = (0u64, 0u32);
    while len - pos >= 8 {
        let mut h = [0u8; 16];
        f.seek(SeekFrom::Start(pos)).map_err(read_err)?;
        let n = read_up_to(f, &mut h)?;
        let typ: [u8; 4] = [h[4], h[5], h[6], h[7]];
        if h[..8] == [0; 8] {
            break; // zero padding to the end
        }
        let name = String::from_utf8_lossy(&typ).into_owned();
        if !typ.iter().all(|c| (0x20..0x7f).contains(c)) {
            return Err(corrupt(
                &format!("อ่านกล่องข้อมูลที่ตำแหน่ง {pos} ไม่ได้"),
                &format!("unreadable box at offset {pos}"),
            ));
        }
        let (hdr, size) = match be32(&h, 0) {
            Some(1) if n == 16 => (16, be64(&h, 8).unwrap_or(0)),
            Some(0) => (8, len - pos),
            Some(s) => (8, u64::from(s)),
            None => (8, 0),
        };
        if size < hdr {
            return Err(corrupt(
                &format!("ขนาดกล่อง {name} ผิดรูปแบบ"),
                &format!("bad size for box '{name}' at offset {pos}"),
            ));
        }
        if size > len - pos {
            return Err(corrupt(
                &format!("กล่อง {name} ยาวเกินท้ายไฟล์"),
                &format!("box '{name}' needs {size} bytes but only {} remain", len - pos),
            ));
        }
        each(typ, pos, pos + hdr, size - hdr);
        pos += size;
        count += 1;
        if count > MAX_BOXES {
            return Err(corrupt("กล่องข้อมูลมากผิดปกติ", "too many boxes"));
        }
    }
    Ok(())
}

/// Child boxes of an in-memory box body, as (type, body); stops at the first bad size.
fn children(mut b: &[u8]) -> impl Iterator<Item = ([u8; 4], &[u8])> {
    std::iter::from_fn(move || {
        let typ: [u8; 4] = b.get(4..8)?.try_into().ok()?;
        let (hdr, size) = match be32(b, 0)? {
            0 => (8, b.len() as u64),
            1 => (16, be64(b, 8)?),
            s => (8, u64::from(s)),
        };
        if size < hdr || size > b.len() as u64 {
            return None;
        }
        let body = &b[hdr as usize..size as usize];
        b = &b[size as usize..];
        Some((typ, body))
    })
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

fn probe_heif(mut f: File, len: u64, info: &mut MediaInfo) -> Result<(), String> {
    let mut meta = false;
    walk_boxes(&mut f, len, |typ, _, _, _| meta |= &typ == b"meta")?;
    if !meta {
        return Err(corrupt("ไม่พบกล่อง meta", "no meta box"));
    }
    f.seek(SeekFrom::Start(0)).map_err(read_err)?;
    info.gps = has_gps(&mut BufReader::new(f));
    Ok(())
}

fn probe_office(f: File) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(BufReader::new(f))
        .map_err(|e| format!("ไม่ใช่ไฟล์ Office ที่อ่านได้ / not a readable Office (ZIP) file: {e}"))?;
    let mut types = zip.by_name("[Content_Types].xml").map_err(|e| match e {
        zip::result::ZipError::FileNotFound => {
            "ไม่ใช่ไฟล์ Office (ไม่พบ [Content_Types].xml) / not an Office file (no [Content_Types].xml)".into()
        }
        e => corrupt("อ่าน ZIP ไม่ได้", &format!("cannot read ZIP: {e}")),
    })?;
    // Reading it through checks its CRC.
    io::copy(&mut (&mut types).take(16 << 20), &mut io::sink())
        .map_err(|e| corrupt("ข้อมูลใน ZIP เสียหาย", &format!("damaged ZIP entry: {e}")))?;
    Ok(())
}

mod image;
mod mp4;
mod pdf;

#[cfg(test)]
use self::{image::jpeg_complete, image::png_complete, pdf::count_pages};
#[cfg(test)]
mod tests;
