//! Tests for [`super`]: real files made at test time with ffmpeg, exiftool and ghostscript.

use super::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The Debian tools and the media made with them: the integration tests'
/// `common::media`, compiled in here as well, so test code stays out of the
/// library. Without a tool a test is skipped with a line naming the package,
/// unless `KRUFOLIO_REQUIRE_TOOLS` is set (CI), where a missing tool fails. The
/// tests without tools (`sniffing`, `heic`, the committed files in
/// `tests/fixtures/media/`) still run.
#[path = "../../../tests/it/common/media.rs"]
mod tools;

use tools::{have_tools, run};

/// A 2 s 160x120 clip with a sine tone, encoded with `args`.
fn clip(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let p = dir.join(name);
    let sources = ["testsrc=duration=2:size=160x120:rate=15", "sine=duration=2:sample_rate=22050"];
    tools::ffmpeg(&p, &sources, args);
    p
}

/// One frame of the test pattern as an image.
fn picture(dir: &Path, name: &str) -> PathBuf {
    let p = dir.join(name);
    tools::frame(&p, "320x240");
    p
}

fn cut(src: &Path, dst: &Path, frac: f64) -> PathBuf {
    let b = std::fs::read(src).unwrap();
    std::fs::write(dst, &b[..(b.len() as f64 * frac) as usize]).unwrap();
    dst.to_path_buf()
}

fn bmff(typ: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut v = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    v.extend_from_slice(typ);
    v.extend_from_slice(body);
    v
}

fn ok(p: &Path, ext: &str) -> MediaInfo {
    let i = probe(p, ext);
    assert_eq!(i.error, None, "{}", p.display());
    i
}

fn broken(p: &Path, ext: &str) -> MediaInfo {
    let i = probe(p, ext);
    let e = i.error.as_ref().unwrap_or_else(|| panic!("{} probed fine: {i:?}", p.display()));
    assert!(!e.th.is_empty() && !e.en.is_empty() && !e.to_string().contains('\n'), "{e}");
    i
}

fn secs(i: &MediaInfo) -> f64 {
    i.duration.expect("duration")
}

#[test]
fn videos() {
    if !have_tools(&["ffmpeg"]) {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    let x264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"];
    let fast = clip(d, "fast.mp4", &[&x264[..], &["-movflags", "+faststart"]].concat());
    let i = ok(&fast, "mp4");
    assert!((secs(&i) - 2.0).abs() <= 0.2, "{i:?}");
    assert_eq!((i.video_codec.as_deref(), i.audio_codec.as_deref()), (Some("h264"), Some("aac")));
    assert_eq!((i.moov_before_mdat, i.width, i.height), (Some(true), Some(160), Some(120)));
    assert_eq!((i.sniffed.as_deref(), i.pages, i.gps), (None, None, false));

    let slow = clip(d, "slow.mp4", &x264);
    let i = ok(&slow, "mp4");
    assert_eq!((i.moov_before_mdat, i.video_codec.as_deref()), (Some(false), Some("h264")));
    assert!((secs(&i) - 2.0).abs() <= 0.2, "{i:?}");

    let hevc = ["-c:v", "libx265", "-preset", "ultrafast", "-tag:v", "hvc1", "-c:a", "aac"];
    let hevc = clip(d, "hevc.mp4", &[&hevc[..], &["-x265-params", "log-level=error"]].concat());
    let i = ok(&hevc, "mp4");
    assert_eq!((i.video_codec.as_deref(), i.audio_codec.as_deref()), (Some("hevc"), Some("aac")));
    assert!((secs(&i) - 2.0).abs() <= 0.2, "{i:?}");

    let mpeg4 = clip(d, "mpeg4.m4v", &["-c:v", "mpeg4", "-c:a", "libmp3lame", "-f", "mp4"]);
    let i = ok(&mpeg4, "m4v");
    assert_eq!((i.video_codec.as_deref(), i.audio_codec.as_deref()), (Some("mpeg4"), Some("mp3")));

    let mov = clip(d, "clip.mov", &x264);
    let i = ok(&mov, "mov");
    assert_eq!((i.video_codec.as_deref(), i.audio_codec.as_deref()), (Some("h264"), Some("aac")));
    assert_eq!((i.sniffed.as_deref(), i.moov_before_mdat), (None, Some(false)));
    assert!((secs(&i) - 2.0).abs() <= 0.2, "{i:?}");
    // A portrait phone clip: stored 160x120 with a 90° turn in the tkhd matrix.
    let mut b = std::fs::read(&fast).unwrap();
    let m = b.windows(4).position(|w| w == b"tkhd").unwrap() + 4 + 40;
    let turn: [i32; 9] = [0, 0x10000, 0, -0x10000, 0, 0, 0, 0, 0x4000_0000];
    b.splice(m..m + 36, turn.iter().flat_map(|v| v.to_be_bytes()));
    std::fs::write(d.join("portrait.mp4"), &b).unwrap();
    let i = ok(&d.join("portrait.mp4"), "mp4");
    assert_eq!((i.width, i.height), (Some(120), Some(160)));
    // Named for what it is not: the bytes win.
    assert_eq!(ok(&mov, "mp4").sniffed.as_deref(), Some("mov"));
    assert_eq!(ok(&fast, "mov").sniffed.as_deref(), Some("mp4"));
    let i = ok(&fast, "jpg");
    assert_eq!((i.sniffed.as_deref(), i.video_codec.as_deref()), (Some("mp4"), Some("h264")));

    // Cut in half: moov missing (slow) or mdat running past the end (fast).
    let e = broken(&cut(&slow, &d.join("cut-slow.mp4"), 0.5), "mp4").error.unwrap().to_string();
    assert!(e.contains("mdat"), "{e}");
    broken(&cut(&fast, &d.join("cut-fast.mp4"), 0.5), "mp4");
    broken(&cut(&fast, &d.join("cut-head.mp4"), 0.01), "mp4");
    // The whole mdat but not the moov after it.
    let b = std::fs::read(&slow).unwrap();
    let moov = b.windows(4).rposition(|w| w == b"moov").unwrap() - 4;
    std::fs::write(d.join("no-moov.mp4"), &b[..moov]).unwrap();
    let e = broken(&d.join("no-moov.mp4"), "mp4").error.unwrap().to_string();
    assert!(e.contains("moov"), "{e}");
    std::fs::write(d.join("text.mp4"), "not a video at all").unwrap();
    broken(&d.join("text.mp4"), "mp4");
}

/// VmHWM (peak resident memory) in KiB, where /proc tells it.
fn peak_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let l = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    l.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn five_gigabyte_clip_is_walked_not_read() {
    if !have_tools(&["ffmpeg"]) {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let ftyp = bmff(b"ftyp", b"isom\0\0\x02\0isomiso2avc1mp41");
    // An mdat header claiming 5 GiB in a 40-byte file.
    let mut b = ftyp.clone();
    b.extend_from_slice(&1u32.to_be_bytes());
    b.extend_from_slice(b"mdat");
    b.extend_from_slice(&(5u64 << 30).to_be_bytes());
    std::fs::write(d.path().join("claim.mp4"), &b).unwrap();
    let (t, before) = (Instant::now(), peak_kib());
    let e = broken(&d.path().join("claim.mp4"), "mp4").error.unwrap().to_string();
    assert!(e.contains("mdat"), "{e}");

    // A real (sparse) 5 GiB file: a moov from a real clip, then a 5 GiB mdat.
    let x264 = ["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-movflags", "+faststart"];
    let real = std::fs::read(clip(d.path(), "real.mp4", &x264)).unwrap();
    let moov = children(&real).find(|(t, _)| t == b"moov").unwrap().1;
    let mut b = ftyp;
    b.extend(bmff(b"moov", moov));
    let total = 5u64 << 30;
    b.extend_from_slice(&1u32.to_be_bytes());
    b.extend_from_slice(b"mdat");
    b.extend_from_slice(&(total - b.len() as u64 + 8).to_be_bytes());
    let big = d.path().join("big.mp4");
    std::fs::write(&big, &b).unwrap();
    File::options().write(true).open(&big).unwrap().set_len(total).unwrap();
    assert_eq!(std::fs::metadata(&big).unwrap().len(), total);
    let t2 = Instant::now();
    let i = ok(&big, "mp4");
    assert!(t2.elapsed() < Duration::from_secs(2), "{:?}", t2.elapsed());
    assert_eq!((i.moov_before_mdat, i.video_codec.as_deref()), (Some(true), Some("h264")));
    assert!((secs(&i) - 2.0).abs() <= 0.2, "{i:?}");
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
    if let (Some(a), Some(b)) = (before, peak_kib()) {
        assert!(b - a < 200 << 10, "peak memory grew by {} MiB", (b - a) >> 10);
    }
}

#[test]
fn images() {
    if !have_tools(&["ffmpeg", "exiftool"]) {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    let jpg = picture(d, "photo.jpg");
    let i = ok(&jpg, "jpg");
    assert_eq!((i.width, i.height, i.gps, i.sniffed), (Some(320), Some(240), false, None));
    assert_eq!(ok(&jpg, "jpeg").sniffed, None);
    assert_eq!(ok(&jpg, "png").sniffed.as_deref(), Some("jpeg"));

    let e = broken(&cut(&jpg, &d.join("half.jpg"), 0.5), "jpg").error.unwrap().to_string();
    assert!(e.contains("JPEG") || e.contains("decode"), "{e}");
    broken(&cut(&jpg, &d.join("tiny.jpg"), 0.05), "jpg");
    // Missing only its EOI marker.
    broken(
        &cut(&jpg, &d.join("no-eoi.jpg"), 1.0 - 2.0 / std::fs::metadata(&jpg).unwrap().len() as f64),
        "jpg",
    );
    // Data after EOI (motion photos append an MP4) is fine.
    let mut b = std::fs::read(&jpg).unwrap();
    b.extend_from_slice(&bmff(b"ftyp", b"mp42\0\0\0\0mp42isom"));
    std::fs::write(d.join("motion.jpg"), &b).unwrap();
    ok(&d.join("motion.jpg"), "jpg");

    let gps = d.join("gps.jpg");
    std::fs::copy(&jpg, &gps).unwrap();
    let g = ["-GPSLatitude=13.75", "-GPSLatitudeRef=N", "-GPSLongitude=100.5", "-GPSLongitudeRef=E"];
    let path = gps.to_str().unwrap();
    run("exiftool", &[&g[..], &["-overwrite_original", path]].concat());
    let i = ok(&gps, "jpg");
    assert!(i.gps, "{i:?}");
    assert_eq!(i.width, Some(320));
    // EXIF without GPS.
    let exif = d.join("exif.jpg");
    std::fs::copy(&jpg, &exif).unwrap();
    let path = exif.to_str().unwrap();
    run("exiftool", &["-Make=Kru", "-overwrite_original", path]);
    assert!(!ok(&exif, "jpg").gps);

    let png = picture(d, "shot.png");
    let i = ok(&png, "png");
    assert_eq!((i.width, i.height, i.sniffed), (Some(320), Some(240), None));
    broken(&cut(&png, &d.join("half.png"), 0.5), "png");
    assert_eq!(ok(&picture(d, "a.gif"), "gif").width, Some(320));
    let webp = picture(d, "a.webp");
    assert_eq!(ok(&webp, "webp").height, Some(240));
    assert_eq!(ok(&webp, "jpg").sniffed.as_deref(), Some("webp"));
    std::fs::write(d.join("text.jpg"), "hello").unwrap();
    broken(&d.join("text.jpg"), "jpg");
    std::fs::write(d.join("empty.png"), "").unwrap();
    broken(&d.join("empty.png"), "png");
    broken(&d.join("missing.png"), "png");
}

#[test]
fn heic() {
    let d = tempfile::tempdir().unwrap();
    let mut b = bmff(b"ftyp", b"heic\0\0\0\0mif1heicMiHE");
    b.extend(bmff(b"meta", &[0; 4]));
    b.extend(bmff(b"mdat", b"data"));
    let heic = d.path().join("IMG_0001.heic");
    std::fs::write(&heic, &b).unwrap();
    assert_eq!(ok(&heic, "heic"), MediaInfo::default());
    assert_eq!(ok(&heic, "heif").sniffed, None);
    // An iPhone photo renamed to .jpg.
    assert_eq!(ok(&heic, "jpg").sniffed.as_deref(), Some("heic"));
    // Generic brand: AVIF vs HEIC by compatible brands.
    assert_eq!(sniff(&bmff(b"ftyp", b"mif1\0\0\0\0mif1avif")), Some("avif"));
    assert_eq!(sniff(&bmff(b"ftyp", b"mif1\0\0\0\0mif1heic")), Some("heic"));
    let short = d.path().join("short.heic");
    std::fs::write(&short, &b[..b.len() - 2]).unwrap();
    broken(&short, "heic");
    let no_meta = d.path().join("no-meta.heic");
    std::fs::write(&no_meta, bmff(b"ftyp", b"heic\0\0\0\0mif1heic")).unwrap();
    broken(&no_meta, "heic");
    std::fs::write(d.path().join("text.heic"), "not a photo").unwrap();
    broken(&d.path().join("text.heic"), "heic");
}

#[test]
fn documents() {
    if !have_tools(&["gs"]) {
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let d = d.path();
    let pdf = d.join("plan.pdf");
    let out = format!("-sOutputFile={}", pdf.display());
    let gs = ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", &out];
    run("gs", &[&gs[..], &["-c", "showpage showpage showpage"]].concat());
    let i = ok(&pdf, "pdf");
    assert_eq!((i.pages, i.sniffed), (Some(3), None));
    assert_eq!(ok(&pdf, "docx").sniffed.as_deref(), Some("pdf"));
    broken(&cut(&pdf, &d.join("half.pdf"), 0.5), "pdf");
    std::fs::write(d.join("junk.pdf"), b"%PDF-1.4\n\x00\x01garbage\x02 1 0 obj\n%%EOF\n").unwrap();
    broken(&d.join("junk.pdf"), "pdf");
    std::fs::write(d.join("text.pdf"), "this is not a PDF").unwrap();
    broken(&d.join("text.pdf"), "pdf");
    // A PDF lopdf rejects (no xref, no trailer) whose pages can still be counted.
    let raw = "%PDF-1.4\n1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R] /Count 2>> endobj\n\
               2 0 obj <</Type /Page /Parent 1 0 R>> endobj\n\
               3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n%%EOF\n";
    std::fs::write(d.join("raw.pdf"), raw).unwrap();
    assert_eq!(ok(&d.join("raw.pdf"), "pdf").pages, Some(2));

    let docx = d.join("report.docx");
    let mut z = zip::ZipWriter::new(File::create(&docx).unwrap());
    let opt = zip::write::SimpleFileOptions::default();
    z.start_file("[Content_Types].xml", opt).unwrap();
    io::Write::write_all(&mut z, br#"<?xml version="1.0"?><Types/>"#).unwrap();
    z.start_file("word/document.xml", opt).unwrap();
    io::Write::write_all(&mut z, &[b' '; 4000]).unwrap();
    z.finish().unwrap();
    let i = ok(&docx, "docx");
    assert_eq!(i, MediaInfo::default());
    assert_eq!(ok(&docx, "pptx").sniffed, None);
    broken(&cut(&docx, &d.join("cut.docx"), 0.6), "docx");
    std::fs::write(d.join("fake.docx"), "plain text saved as .docx").unwrap();
    broken(&d.join("fake.docx"), "docx");
    let zip = d.join("plain.xlsx");
    let mut z = zip::ZipWriter::new(File::create(&zip).unwrap());
    z.start_file("a.txt", opt).unwrap();
    z.finish().unwrap();
    let e = broken(&zip, "xlsx").error.unwrap().to_string();
    assert!(e.contains("[Content_Types].xml"), "{e}");
}

#[test]
fn sniffing() {
    let s = |b: &[u8]| sniff(b);
    assert_eq!(s(b"\xFF\xD8\xFF\xE0rest"), Some("jpeg"));
    assert_eq!(s(b"\x89PNG\r\n\x1a\n...."), Some("png"));
    assert_eq!(s(b"GIF89a.."), Some("gif"));
    assert_eq!(s(b"RIFF\0\0\0\0WEBPVP8 "), Some("webp"));
    assert_eq!(s(b"RIFF\0\0\0\0AVI LIST"), Some("avi"));
    assert_eq!(s(b"%PDF-1.7"), Some("pdf"));
    assert_eq!(s(b"PK\x03\x04\x14\0"), Some("zip"));
    assert_eq!(s(b"\x30\x26\xB2\x75\x8E\x66\xCF\x11\xA6\xD9"), Some("asf"));
    assert_eq!(s(b"\x1A\x45\xDF\xA3\x9f\x42\x82\x88matroska"), Some("mkv"));
    assert_eq!(s(b"\x1A\x45\xDF\xA3\x9f\x42\x82\x84webm"), Some("webm"));
    for (brand, kind) in [(b"isom", "mp4"), (b"mp42", "mp4"), (b"M4V ", "mp4"), (b"qt  ", "mov")] {
        assert_eq!(s(&bmff(b"ftyp", &[&brand[..], b"\0\0\0\0"].concat())), Some(kind));
    }
    assert_eq!(s(b"\0\0\0\x08wide\0\0\0\x10mdat"), Some("mov"));
    assert_eq!(s(b"hello"), None);
    assert!(probes("mp4") && probes("heic") && probes("docx") && probes("jpeg"));
    assert!(!probes("txt") && !probes("avi") && !probes("JPG"));
    assert!(agrees("jpeg", "jpg") && agrees("zip", "pptx") && !agrees("heic", "jpg"));
    // Two scans (progressive), a stuffed byte, a restart marker, a fill byte, then EOI.
    let jpeg = [0xFF, 0xD8, 0xFF, 0xDA, 0, 2, 1, 0xFF, 0, 0xFF, 0xD3, 2, 0xFF, 0xC4, 0, 3, 9];
    let jpeg = [&jpeg[..], &[0xFF, 0xDA, 0, 2, 7, 7, 0xFF, 0xFF, 0xD9]].concat();
    assert!(jpeg_complete(&jpeg) && !jpeg_complete(&jpeg[..jpeg.len() - 2]));
    assert!(!jpeg_complete(&jpeg[..14]) && !jpeg_complete(&jpeg[..5]));
    // Samsung's trailer after the EOI (`SEFH` … `SEFT`), with marker-like bytes of its own.
    let samsung = [&jpeg[..], b"\0\0\xFF\xD8\xFF\xE1\xFF\xFF SEFH\0\0\0\0SEFT"].concat();
    assert!(jpeg_complete(&samsung), "a Samsung trailer is not a truncation");
    assert_eq!(count_pages(b"/Type /Pages /Type/Page /Type\n/Page>> /Type /PageLabel"), 2);
    // Signature, an IHDR-sized chunk, then IEND (length, type, CRC).
    let png =
        [&b"\x89PNG\r\n\x1a\n"[..], &[0, 0, 0, 1], b"IHDRx", &[0; 4], &[0; 4], b"IEND", &[0; 4]].concat();
    assert!(png_complete(&png) && !png_complete(&png[..png.len() - 1]) && !png_complete(&png[..20]));
}

/// Found by the `media_probe` fuzz target: mp4parse reserved memory for every
/// entry a sample table claims, so this 4 KB file asked for gigabytes.
#[test]
fn a_sample_table_claiming_a_billion_entries_is_damaged_not_gigabytes_regression() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/media/fuzz-stsc-billion.mov");
    assert_eq!(std::fs::metadata(&file).unwrap().len(), 4034);
    let e = probe(&file, "mov").error.expect("a damaged file");
    assert!(e.en.contains("sample table"), "{e}");
}

/// Found by the `media_probe` fuzz target: an `ilst` item claiming 4 GB made
/// mp4parse reserve it; metadata boxes are no longer handed to mp4parse.
#[test]
fn an_ilst_item_claiming_four_gigabytes_is_not_read_regression() {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/media/fuzz-ilst-4gb.mp4");
    assert_eq!(std::fs::metadata(&file).unwrap().len(), 1032);
    let bytes = std::fs::read(&file).unwrap();
    let moov = crate::assets::clean::boxes::children(&bytes)
        .filter_map(Result::ok)
        .find(|(t, ..)| t == b"moov")
        .map(|(_, pos, hdr, size)| &bytes[pos + hdr..pos + size])
        .expect("a moov");
    assert!(moov.windows(4).any(|w| w == b"ilst"));
    let tracks = super::tables::without_metadata(moov).expect("its boxes fit");
    assert!(!tracks.windows(4).any(|w| w == b"ilst" || w == b"udta"), "metadata left for mp4parse");
    // The probe finishes; the malformed metadata box keeps the file off the site.
    let i = probe(&file, "mp4");
    assert!(i.error.is_none(), "{i:?}");
    assert!(i.clean_error.is_some_and(|e| e.en.contains("bad size")));
}
