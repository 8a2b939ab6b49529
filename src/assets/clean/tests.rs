//! Tests of [`for_publish`] on small real phone-style files committed under
//! `tests/fixtures/media/` (made with ffmpeg and exiftool, see its README.md), so a machine
//! without those tools still checks the cleaners on real files.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use super::*;

fn media(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/media").join(name)
}

fn has(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// No EXIF GPS field and no XMP GPS text.
fn assert_image_clean(bytes: &[u8], what: &str) {
    let exif = exif::Reader::new().read_from_container(&mut Cursor::new(bytes));
    if let Ok(e) = exif {
        assert!(!e.fields().any(|f| f.tag.context() == exif::Context::Gps), "{what}: EXIF GPS left");
    }
    assert!(!has(bytes, b"GPS") && !has(bytes, b"ftyp"), "{what}: GPS text or an MP4 trailer left");
    image::load_from_memory(bytes).unwrap_or_else(|e| panic!("{what}: no longer decodes: {e}"));
}

fn publish(src: &Path) -> (Cleaned, tempfile::TempDir) {
    let cache = tempfile::tempdir().unwrap();
    (for_publish(src, cache.path()), cache)
}

#[test]
fn real_photos_lose_their_location() {
    for name in ["gps.jpg", "gps.png", "gps.webp", "motion.jpg"] {
        let info = crate::assets::media::probe(&media(name), name.rsplit('.').next().unwrap());
        assert!(info.gps && info.clean_error.is_none(), "{name}: the fixture has a location: {info:?}");
        match publish(&media(name)).0 {
            Cleaned::Copy(p) => {
                let b = std::fs::read(&p).unwrap();
                assert_image_clean(&b, name);
                // The fuzzer's first find (gps.webp): a second pass must change nothing.
                assert_eq!(crate::assets::images::strip_metadata(&b), b, "{name}: idempotent");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn jpeg_saved_as_mp4_is_cleaned_as_jpeg() {
    let tmp = tempfile::tempdir().unwrap();
    for (from, to) in [("gps.jpg", "คลิป.mp4"), ("gps.webp", "ภาพ.jpg"), ("motion.jpg", "x.png")]
    {
        let path = tmp.path().join(to);
        std::fs::copy(media(from), &path).unwrap();
        match publish(&path).0 {
            Cleaned::Copy(p) => assert_image_clean(&std::fs::read(p).unwrap(), to),
            other => panic!("{from} as {to}: {other:?}"),
        }
    }
}

#[test]
fn real_videos_lose_their_location_and_keep_their_media() {
    for name in
        ["xyz.mov", "keys.mov", "keys.mp4", "android.mp4", "xyz.mp4", "loci.3gp", "xmp.mp4", "frag.mp4"]
    {
        let src = std::fs::read(media(name)).unwrap();
        let before = boxes::scan_file(&mut Cursor::new(&src), src.len() as u64).unwrap();
        assert!(before.spans.iter().any(|s| s.location), "{name}: the fixture has a location");
        let (cleaned, _cache) = publish(&media(name));
        let Cleaned::Copy(out) = cleaned else { panic!("{name}: {cleaned:?}") };
        assert_ne!(out, media(name), "{name}: a cleaned copy is published");
        let out = std::fs::read(out).unwrap();
        assert_eq!(out.len(), src.len(), "{name}: same size");
        let after = boxes::scan_file(&mut Cursor::new(&out), out.len() as u64).unwrap();
        assert!(after.spans.is_empty(), "{name}: {:?}", after.spans);
        for gone in [&b"+13.75"[..], b"\xA9xyz", b"loci", b"GPS"] {
            assert!(!has(&out, gone), "{name}: {} left", String::from_utf8_lossy(gone));
        }
        let differ = src.iter().zip(&out).filter(|(a, b)| a != b).count();
        assert!(differ < 3000, "{name}: only metadata bytes change ({differ} bytes)");
        mp4parse::read_mp4(&mut Cursor::new(&out)).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        // The probe agrees: location before, none after; both publishable.
        let info = crate::assets::media::probe(&media(name), name.rsplit('.').next().unwrap());
        assert!(info.location && info.clean_error.is_none(), "{name}: {info:?}");
    }
}

#[test]
fn a_clean_video_is_published_as_it_is_and_a_cleaned_copy_is_reused() {
    let (c, _cache) = publish(&media("plain.mp4"));
    assert_eq!(c, Cleaned::Copy(media("plain.mp4")));
    let cache = tempfile::tempdir().unwrap();
    let first = for_publish(&media("xyz.mov"), cache.path());
    let Cleaned::Copy(path) = &first else { panic!("{first:?}") };
    let made = std::fs::metadata(path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(for_publish(&media("xyz.mov"), cache.path()), first);
    assert_eq!(std::fs::metadata(path).unwrap().modified().unwrap(), made, "not written again");
}

#[test]
fn broken_files_are_refused_with_a_thai_and_english_reason() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("cut.mp4", std::fs::read(media("xyz.mp4")).unwrap()[..3000].to_vec()),
        ("cut.jpg", std::fs::read(media("gps.jpg")).unwrap()[..300].to_vec()),
        ("app1.jpg", vec![0xFF, 0xD8, 0xFF, 0xE1, 0, 1, 0xFF, 0xD9]),
        ("photo.heic", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec()),
    ] {
        let path = tmp.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        match publish(&path).0 {
            Cleaned::Refuse(why) => assert!(!why.th.is_empty() && !why.en.is_empty(), "{name}: {why}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    let text = tmp.path().join("notes.txt");
    std::fs::write(&text, "GPS 13.75 N").unwrap();
    assert_eq!(publish(&text).0, Cleaned::Copy(text), "other files are copied");
}
