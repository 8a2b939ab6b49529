//! Media probing: what an evidence file really is, whether it opens, and the facts the
//! linter checks (clip duration and codecs, MP4 fast start, PDF page count, photo size and
//! EXIF GPS).
//!
//! The bytes decide: the file is sniffed by its magic numbers, and when that disagrees with
//! the extension (a `.jpg` that is really an iPhone HEIC) [`MediaInfo::sniffed`] says so and
//! the file is checked as what it is. Videos are walked box by box with seeks and only the
//! `moov` box is read into memory, so a 5 GB teaching clip costs a few small reads. Images
//! are decoded fully (the only sure way to catch a broken photo); PDFs and Office files are
//! read whole. Videos are also scanned for location boxes and photos checked by the
//! metadata stripper, so [`MediaInfo::location`] and [`MediaInfo::clean_error`] say what
//! publishing will do (see [`super::clean`]). No external tools are run. [`probe`] never panics: every failure ends up in
//! [`MediaInfo::error`] as one line, Thai then English.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
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
        Some(Class::Video) => probe_video(&mut f, len, info),
        Some(Class::Heif) => probe_heif(f, len, info),
        Some(Class::Office) => probe_office(f),
        Some(Class::Image) => probe_image(&read_all(f, len)?, info),
        Some(Class::Pdf) => probe_pdf(&read_all(f, len)?, info),
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

fn probe_video(f: &mut File, len: u64, info: &mut MediaInfo) -> Result<(), String> {
    let (mut moov, mut mdat) = (None, None);
    walk_boxes(f, len, |typ, start, body, size| match &typ {
        b"moov" if moov.is_none() => moov = Some((start, body, size)),
        b"mdat" if mdat.is_none() => mdat = Some(start),
        _ => {}
    })?;
    let Some((start, body, size)) = moov else {
        return Err(corrupt("ไม่พบกล่อง moov", "no moov box"));
    };
    info.moov_before_mdat = mdat.map(|m| start < m);
    if size > MAX_MOOV {
        return Err(corrupt("กล่อง moov ใหญ่ผิดปกติ", "moov box too large"));
    }
    // The moov alone, behind a plain 32-bit header (mp4parse needs no ftyp).
    let mut buf = Vec::with_capacity(size as usize + 8);
    buf.extend_from_slice(&(size as u32 + 8).to_be_bytes());
    buf.extend_from_slice(b"moov");
    f.seek(SeekFrom::Start(body)).map_err(read_err)?;
    f.take(size).read_to_end(&mut buf).map_err(read_err)?;
    let ctx = mp4parse::read_mp4(&mut Cursor::new(&buf))
        .map_err(|e| corrupt("อ่านกล่อง moov ไม่ได้", &format!("cannot parse moov: {e}")))?;
    let moov = &buf[8..];
    // mp4parse knows no HEVC, ProRes, AC-3… (it drops such sample entries): so each track's
    // first sample entry is read here too, for its fourcc and coded size.
    let entries: Vec<Option<([u8; 4], u32, u32)>> = children(moov)
        .filter(|(t, _)| t == b"trak")
        .map(|(_, trak)| {
            let stsd = [b"mdia", b"minf", b"stbl", b"stsd"].iter().try_fold(trak, |b, t| child(b, t))?;
            let size = |o| stsd.get(o..o + 2).map_or(0, |s| u32::from(u16::from_be_bytes([s[0], s[1]])));
            Some((stsd.get(12..16)?.try_into().ok()?, size(40), size(42)))
        })
        .collect();
    let (mut longest, mut seen_video) = (0f64, false);
    for t in ctx.tracks.iter() {
        if let (Some(d), Some(ts)) = (&t.duration, &t.timescale) {
            if ts.0 > 0 {
                longest = longest.max(d.0 as f64 / ts.0 as f64);
            }
        }
        let Some((fourcc, w, h)) = entries.get(t.id).copied().flatten() else {
            continue;
        };
        let parsed = match t.stsd.as_ref().and_then(|s| s.descriptions.first()) {
            Some(mp4parse::SampleEntry::Video(v)) => codec_name(v.codec_type),
            Some(mp4parse::SampleEntry::Audio(a)) => codec_name(a.codec_type),
            _ => None,
        };
        let codec = parsed.or_else(|| fourcc_codec(&fourcc)).map(str::to_string);
        if t.track_type == mp4parse::TrackType::Video && !seen_video {
            seen_video = true;
            info.video_codec = codec;
            // A portrait phone clip is stored landscape with a 90° turn in tkhd.
            let turned = t.tkhd.as_ref().is_some_and(|m| m.matrix.a == 0 && m.matrix.b != 0);
            (info.width, info.height) = if turned { (Some(h), Some(w)) } else { (Some(w), Some(h)) };
        } else if t.track_type == mp4parse::TrackType::Audio && info.audio_codec.is_none() {
            info.audio_codec = codec;
        }
    }
    let fragmented = ctx.mvex.as_ref().and_then(|m| m.fragment_duration).zip(ctx.timescale);
    location_check(f, len, info);
    info.duration = mvhd_duration(moov)
        .or(fragmented.filter(|(_, ts)| ts.0 > 0).map(|(d, ts)| d.0 as f64 / ts.0 as f64))
        .or((longest > 0.0).then_some(longest));
    Ok(())
}

/// Location boxes (`©xyz`, `loci`, keyed location, XMP GPS) and whether they can be removed:
/// the same scan [`super::clean::for_publish`] runs before publishing.
fn location_check(f: &mut File, len: u64, info: &mut MediaInfo) {
    match super::clean::boxes::scan_file(f, len) {
        Ok(scan) => {
            info.location = scan.spans.iter().any(|s| s.location);
            info.clean_error = scan.refuse.map(super::clean::video_refused);
        }
        Err(e) => info.clean_error = Some(e),
    }
}

/// Duration from the movie header, unless it is zero or "unknown".
fn mvhd_duration(moov: &[u8]) -> Option<f64> {
    let m = child(moov, b"mvhd")?;
    let (scale, d) = match m.first()? {
        1 => (be32(m, 20)?, be64(m, 24)?),
        _ => (be32(m, 12)?, be32(m, 16).filter(|&d| d != u32::MAX)?.into()),
    };
    (scale > 0 && d > 0 && d != u64::MAX).then(|| d as f64 / f64::from(scale))
}

fn codec_name(c: mp4parse::CodecType) -> Option<&'static str> {
    use mp4parse::CodecType as C;
    Some(match c {
        C::H264 => "h264",
        C::MP4V => "mpeg4",
        C::VP8 => "vp8",
        C::VP9 => "vp9",
        C::AV1 => "av1",
        C::H263 => "h263",
        C::AAC => "aac",
        C::MP3 => "mp3",
        C::Opus => "opus",
        C::FLAC => "flac",
        C::ALAC => "alac",
        C::LPCM => "pcm",
        C::EncryptedVideo | C::EncryptedAudio => "encrypted",
        _ => return None,
    })
}

fn fourcc_codec(f: &[u8; 4]) -> Option<&'static str> {
    Some(match f {
        b"avc1" | b"avc3" => "h264",
        b"hvc1" | b"hev1" | b"dvh1" | b"dvhe" => "hevc",
        b"mp4v" => "mpeg4",
        b"vp08" => "vp8",
        b"vp09" => "vp9",
        b"av01" => "av1",
        b"s263" | b"h263" => "h263",
        b"apch" | b"apcn" | b"apcs" | b"apco" | b"ap4h" | b"ap4x" => "prores",
        b"jpeg" | b"mjpa" | b"mjpb" => "mjpeg",
        b"mp4a" => "mp4a",
        b".mp3" => "mp3",
        b"Opus" => "opus",
        b"fLaC" => "flac",
        b"alac" => "alac",
        b"ac-3" => "ac3",
        b"ec-3" => "eac3",
        b"samr" => "amr_nb",
        b"sawb" => "amr_wb",
        b"lpcm" | b"sowt" | b"twos" | b"in24" | b"in32" | b"fl32" | b"fl64" | b"raw " => "pcm",
        _ => return None,
    })
}

/// Whether the image's EXIF has a GPS tag (GPSVersionID alone says nothing about a place).
fn has_gps(r: &mut (impl BufRead + Seek)) -> bool {
    exif::Reader::new().read_from_container(r).is_ok_and(|e| {
        e.fields().any(|f| f.tag.context() == exif::Context::Gps && f.tag != exif::Tag::GPSVersionID)
    })
}

fn probe_image(bytes: &[u8], info: &mut MediaInfo) -> Result<(), String> {
    // EXIF GPS, or GPS in an XMP packet (`exif:GPSLatitude`), which EXIF readers skip.
    info.gps = has_gps(&mut Cursor::new(bytes)) || bytes.windows(11).any(|w| w == b"GPSLatitude");
    if super::images::strip_metadata(bytes).is_empty() {
        info.clean_error = Some(super::clean::IMAGE_REFUSED.into());
    }
    let reader = image::ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(read_err)?;
    let Some(format) = reader.format() else {
        return Err("ไม่ใช่ไฟล์ภาพที่รู้จัก / not a recognised image".into());
    };
    let img = reader.decode().map_err(|e| corrupt("ถอดรหัสภาพไม่ได้", &format!("cannot decode image: {e}")))?;
    (info.width, info.height) = (Some(img.width()), Some(img.height()));
    if format == image::ImageFormat::Jpeg && !jpeg_complete(bytes) {
        return Err(corrupt("JPEG ถูกตัดท้าย", "JPEG ends early"));
    }
    Ok(())
}

/// Whether a JPEG's marker stream reaches its EOI (FF D9). The decoder pads a cut-off scan
/// with grey, and a bare "ends with FF D9" test fails on motion photos (JPEG + MP4).
fn jpeg_complete(b: &[u8]) -> bool {
    let mut i = 2; // after SOI
    while i + 1 < b.len() {
        if b[i] != 0xFF {
            return false;
        }
        let marker = b[i + 1];
        match marker {
            0xD9 => return true,
            0xFF | 0x01 | 0xD0..=0xD7 => {
                i += if marker == 0xFF { 1 } else { 2 }; // fill byte, or a marker with no length
                continue;
            }
            _ => {}
        }
        let Some(seg) = b.get(i + 2..i + 4) else { return false };
        i += 2 + usize::from(u16::from_be_bytes([seg[0], seg[1]]));
        if marker == 0xDA {
            // Entropy-coded data runs to the next marker that is not a stuffed 00 or a restart.
            let next = b
                .get(i..)
                .unwrap_or_default()
                .windows(2)
                .position(|w| w[0] == 0xFF && w[1] != 0 && !(0xD0..=0xD7).contains(&w[1]));
            let Some(k) = next else { return false };
            i += k;
        }
    }
    false
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

fn probe_pdf(bytes: &[u8], info: &mut MediaInfo) -> Result<(), String> {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    if !find(&bytes[..bytes.len().min(1024)], b"%PDF-") {
        return Err("ไม่ใช่ไฟล์ PDF / not a PDF file (no %PDF- header)".into());
    }
    if !find(&bytes[bytes.len().saturating_sub(2048)..], b"%%EOF") {
        return Err(corrupt("PDF ถูกตัดท้าย ไม่พบ %%EOF", "PDF ends early, no %%EOF"));
    }
    let why = match lopdf::Document::load_mem(bytes) {
        Ok(doc) => match doc.get_pages().len() {
            0 => "no pages".to_string(),
            n => {
                info.pages = Some(n as u32);
                return Ok(());
            }
        },
        Err(e) => e.to_string(),
    };
    // lopdf is strict; count page objects, as lenient viewers would still open the file.
    match count_pages(bytes) {
        0 => Err(corrupt("อ่านหน้าของ PDF ไม่ได้", &format!("cannot read PDF: {why}"))),
        n => {
            info.pages = Some(n as u32);
            Ok(())
        }
    }
}

/// Counts `/Type /Page` dictionaries (not `/Pages`) in the raw bytes.
fn count_pages(b: &[u8]) -> usize {
    let mut n = 0;
    for (i, w) in b.windows(5).enumerate() {
        if w == b"/Type" {
            let rest = &b[i + 5..];
            let rest = &rest[rest.iter().take_while(|c| c.is_ascii_whitespace()).count()..];
            if rest.starts_with(b"/Page") && !rest.get(5).is_some_and(u8::is_ascii_alphanumeric) {
                n += 1;
            }
        }
    }
    n
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

#[cfg(test)]
mod tests;
