//! `krufolio fix` and HEIC photos published as JPEG (issue 12, item 3), on media made at
//! test time with ffmpeg, exiftool and heif-enc, checked with ffprobe and exiftool:
//! a video without fast start is remuxed losslessly (same frames by `framemd5`, `moov`
//! before `mdat`) and then lint-clean; fast and fragmented clips are left alone; a MOV is
//! converted to H.264 + AAC; a HEIC becomes an upright JPEG without GPS, both through
//! `fix` and in `build`; originals are never touched and no existing file is overwritten.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::*;

const FOLDER: &str = "๑.๓ จัดกิจกรรมการเรียนรู้";

fn fix(site: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--root", site.to_str().unwrap(), "fix"];
    all.extend_from_slice(args);
    krufolio(&all)
}

/// The `video-not-faststart` lint fixture (one clip without fast start), copied.
fn slow_site() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("tests/fixtures/lint/video-not-faststart"), &site);
    let dir = site.join("content/portfolios/kru-slow-clip").join(FOLDER);
    (tmp, site, dir)
}

/// The top-level box types of an MP4, walked by their sizes.
fn top_boxes(path: &Path) -> Vec<String> {
    let b = std::fs::read(path).unwrap();
    let (mut pos, mut out) = (0usize, Vec::new());
    while pos + 8 <= b.len() {
        let mut size = u32::from_be_bytes(b[pos..pos + 4].try_into().unwrap()) as usize;
        if size == 1 {
            size = u64::from_be_bytes(b[pos + 8..pos + 16].try_into().unwrap()) as usize;
        }
        out.push(String::from_utf8_lossy(&b[pos + 4..pos + 8]).into_owned());
        assert!(size >= 8, "box size at {pos}");
        pos += size;
    }
    assert_eq!(pos, b.len(), "the boxes cover the file");
    out
}

fn before(list: &[String], a: &str, b: &str) -> bool {
    let at = |t: &str| list.iter().position(|x| x == t).unwrap_or(usize::MAX);
    at(a) < at(b)
}

/// Every decoded frame's and sound packet's checksum (the media bytes, not the boxes).
fn framemd5(path: &Path) -> String {
    let out = media::run(
        "ffmpeg",
        &["-v", "error", "-i", path.to_str().unwrap(), "-map", "0", "-c", "copy", "-f", "framemd5", "-"],
    );
    out.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n")
}

fn lint_json(site: &Path, slug: &str) -> String {
    text(&krufolio(&["--root", site.to_str().unwrap(), "lint", slug, "--format", "json"]))
}

#[test]
fn fix_moves_the_index_of_a_slow_clip_losslessly_and_lint_is_then_clean() {
    if !media::have_tools(&["ffmpeg", "ffprobe"]) {
        return;
    }
    let (_tmp, site, dir) = slow_site();
    let original = dir.join("คลิปการสอน.mp4");
    let bytes = std::fs::read(&original).unwrap();
    assert!(before(&top_boxes(&original), "mdat", "moov"), "the fixture is slow");
    assert!(lint_json(&site, "kru-slow-clip").contains("V004"));
    let dry = fix(&site, &["--dry-run"]);
    assert!(dry.status.success(), "{}", text(&dry));
    assert!(text(&dry).contains("would move the video index"), "{}", text(&dry));
    assert!(!dir.join("คลิปการสอน.fixed.mp4").exists(), "--dry-run writes nothing");
    let o = fix(&site, &["kru-slow-clip"]);
    assert!(o.status.success(), "{}", text(&o));
    let fixed = dir.join("คลิปการสอน.fixed.mp4");
    assert!(text(&o).contains("คลิปการสอน.fixed.mp4"), "{}", text(&o));
    assert_eq!(std::fs::read(&original).unwrap(), bytes, "the original is untouched");
    let boxes = top_boxes(&fixed);
    assert!(before(&boxes, "moov", "mdat"), "moov first: {boxes:?}");
    assert_eq!(framemd5(&fixed), framemd5(&original), "the same media bytes");
    assert_eq!(std::fs::metadata(&fixed).unwrap().len(), bytes.len() as u64);
    let streams = media::run(
        "ffprobe",
        &["-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", fixed.to_str().unwrap()],
    );
    assert!(streams.contains("h264"), "ffprobe reads the copy: {streams}");
    // The portfolio now uses the fixed copy: lint-clean for V004, published under the original's name.
    let report = lint_json(&site, "kru-slow-clip");
    assert!(!report.contains("V004"), "{report}");
    let out = site.join("out");
    let b = build(&site, &["--output", out.to_str().unwrap()]);
    assert!(b.status.success(), "{}", text(&b));
    let published = out.join("portfolios/kru-slow-clip").join(FOLDER).join("คลิปการสอน.mp4");
    assert!(before(&top_boxes(&published), "moov", "mdat"), "the fast copy is published");
    assert!(!files(&out).iter().any(|f| f.contains(".fixed")), "published under the original's name");
    // Again: nothing left to do, nothing written.
    let made = std::fs::metadata(&fixed).unwrap().modified().unwrap();
    let again = fix(&site, &[]);
    assert!(again.status.success(), "{}", text(&again));
    assert!(text(&again).contains("nothing to do"), "{}", text(&again));
    assert_eq!(std::fs::metadata(&fixed).unwrap().modified().unwrap(), made);
}

#[test]
fn fix_never_overwrites_a_file_and_writes_to_out() {
    if !media::have_tools(&["ffmpeg"]) {
        return;
    }
    let (tmp, site, dir) = slow_site();
    let mine = dir.join("คลิปการสอน.fixed.mp4");
    // A teacher's own file under the fixed name, not a video at all: left as it is.
    std::fs::write(&mine, b"teacher's own notes").unwrap();
    // It stands in for the original, cannot be read as a video, and is not replaced.
    let o = fix(&site, &[]);
    assert_eq!(std::fs::read(&mine).unwrap(), b"teacher's own notes");
    assert!(!o.status.success(), "a file that cannot be fixed is exit code 1:\n{}", text(&o));
    std::fs::remove_file(&mine).unwrap();
    let export = tmp.path().join("export");
    let o = fix(&site, &["--out", export.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let copy = export.join("kru-slow-clip").join(FOLDER).join("คลิปการสอน.mp4");
    assert!(before(&top_boxes(&copy), "moov", "mdat"));
    assert!(!mine.exists(), "--out writes nothing beside the original");
    let o = fix(&site, &["--out", export.to_str().unwrap()]);
    assert!(!o.status.success(), "the export exists: not overwritten\n{}", text(&o));
    assert!(text(&o).contains("never overwrites"), "{}", text(&o));
}

#[test]
fn fast_and_fragmented_clips_need_nothing() {
    if !media::have_tools(&["ffmpeg"]) {
        return;
    }
    let (_tmp, site, dir) = slow_site();
    std::fs::remove_file(dir.join("คลิปการสอน.mp4")).unwrap();
    media::long_clip(&dir.join("คลิปการสอน.mp4"), 2, "+faststart");
    media::long_clip(&dir.join("คลิปแบ่งส่วน.mp4"), 2, "empty_moov+frag_keyframe");
    let o = fix(&site, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("its index (moov) at the front already"), "{t}");
    assert!(t.contains("a fragmented MP4"), "{t}");
    assert!(!std::fs::read_dir(&dir).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .contains(".fixed")));
}

#[test]
fn a_mov_becomes_an_h264_aac_mp4_or_the_command_to_type() {
    if !media::have_tools(&["ffmpeg", "ffprobe"]) {
        return;
    }
    let (_tmp, site, dir) = slow_site();
    std::fs::remove_file(dir.join("คลิปการสอน.mp4")).unwrap();
    std::fs::rename(dir.join("คลิปการสอน.md"), dir.join("กิจกรรม อ่านออกเสียง.md")).unwrap();
    let mov = dir.join("กิจกรรม อ่านออกเสียง.mov");
    media::ffmpeg(
        &mov,
        &["testsrc=s=64x48:r=10", "sine=r=8000"],
        &["-t", "1", "-c:v", "mpeg4", "-c:a", "pcm_s16le"],
    );
    // Without ffmpeg on PATH: the exact command, with the real names quoted.
    let o = Command::new(env!("CARGO_BIN_EXE_krufolio"))
        .args(["--root", site.to_str().unwrap(), "fix"])
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let shown = format!("ffmpeg -i '{}'", mov.display());
    assert!(text(&o).contains(&shown), "{}", text(&o));
    assert!(text(&o).contains("อ่านออกเสียง.fixed.mp4'"), "{}", text(&o));
    let o = fix(&site, &["kru-slow-clip"]);
    assert!(o.status.success(), "{}", text(&o));
    let mp4 = dir.join("กิจกรรม อ่านออกเสียง.fixed.mp4");
    let streams = media::run(
        "ffprobe",
        &["-v", "error", "-show_entries", "stream=codec_name", "-of", "csv=p=0", mp4.to_str().unwrap()],
    );
    assert_eq!(streams.split_whitespace().collect::<Vec<_>>(), ["h264", "aac"]);
    assert!(before(&top_boxes(&mp4), "moov", "mdat"));
    let report = lint_json(&site, "kru-slow-clip");
    for id in ["V002", "V003", "V004"] {
        assert!(!report.contains(id), "{id} after fix: {report}");
    }
}

/// A `w`×`h` photo with GPS and EXIF orientation 6 (turn 90° clockwise), as HEIC.
fn heic(dir: &Path, name: &str, w: u32, h: u32) -> PathBuf {
    let jpeg = dir.join("source.jpg");
    media::frame(&jpeg, &format!("{w}x{h}"));
    media::run(
        "exiftool",
        &[
            "-q",
            "-overwrite_original",
            "-GPSLatitude=13.7563",
            "-GPSLatitudeRef=N",
            "-GPSLongitude=100.5018",
            "-GPSLongitudeRef=E",
            "-Orientation#=6",
            jpeg.to_str().unwrap(),
        ],
    );
    let out = dir.join(name);
    media::run("heif-enc", &["-q", "60", "-o", out.to_str().unwrap(), jpeg.to_str().unwrap()]);
    std::fs::remove_file(&jpeg).unwrap();
    let tags = media::run("exiftool", &["-s", "-GPSLatitude", out.to_str().unwrap()]);
    assert!(tags.contains("GPSLatitude"), "the HEIC has a location to remove: {tags}");
    out
}

/// (width, height, GPS and orientation tags) by exiftool.
fn exif(path: &Path) -> (String, Vec<String>) {
    let t = media::run(
        "exiftool",
        &["-s", "-a", "-ImageSize", "-gps:all", "-Orientation", path.to_str().unwrap()],
    );
    let size =
        t.lines().find(|l| l.starts_with("ImageSize")).map(|l| l.rsplit(' ').next().unwrap().to_string());
    let rest = t.lines().filter(|l| !l.starts_with("ImageSize")).map(String::from).collect();
    (size.unwrap_or_default(), rest)
}

#[test]
fn fix_turns_a_heic_into_an_upright_jpeg_without_location() {
    if !media::have_tools(&["ffmpeg", "exiftool", "heif-enc", "heif-convert"]) {
        return;
    }
    let (_tmp, site, dir) = slow_site();
    let photo = heic(&dir, "IMG_0231.HEIC", 160, 120);
    let o = fix(&site, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let jpeg = dir.join("IMG_0231.fixed.jpg");
    assert!(photo.exists() && jpeg.exists(), "{}", text(&o));
    assert_eq!(exif(&jpeg), ("120x160".to_string(), vec![]), "upright (turned), no GPS, no orientation tag");
    let report = lint_json(&site, "kru-slow-clip");
    assert!(!report.contains("HEIC"), "the JPEG stands in for the HEIC: {report}");
}

#[test]
fn build_publishes_a_heic_as_a_jpeg_with_thumbnails_and_no_location() {
    if !media::have_tools(&["ffmpeg", "exiftool", "heif-enc", "heif-convert"]) {
        return;
    }
    let (_tmp, site, dir) = slow_site();
    heic(&dir, "IMG_0231.HEIC", 1200, 900);
    let out = site.join("out");
    let b = build(&site, &["--output", out.to_str().unwrap()]);
    assert!(b.status.success(), "{}", text(&b));
    let base = out.join("portfolios/kru-slow-clip").join(FOLDER);
    let jpeg = base.join("IMG_0231.HEIC.jpg");
    assert_eq!(exif(&jpeg), ("900x1200".to_string(), vec![]), "upright, no GPS");
    let thumbs: Vec<String> =
        files(&base).into_iter().filter(|f| f.starts_with("IMG_0231.HEIC.jpg.w")).collect();
    assert_eq!(thumbs, ["IMG_0231.HEIC.jpg.w320.jpg", "IMG_0231.HEIC.jpg.w800.jpg"]);
    for t in &thumbs {
        assert!(exif(&base.join(t)).1.is_empty(), "{t} has no GPS");
    }
    let page = std::fs::read_to_string(out.join("portfolios/kru-slow-clip/1.3/index.html")).unwrap();
    let page = percent_encoding::percent_decode_str(&page).decode_utf8_lossy().into_owned();
    assert!(page.contains("IMG_0231.HEIC.jpg.w800.jpg\""), "the page shows the JPEG: {page}");
    assert!(page.contains("IMG_0231.HEIC.jpg.w320.jpg 320w"), "with a srcset");
    assert!(!page.contains("heif-dec"), "no placeholder");
    assert_eq!(broken_links(&out, "/"), Vec::<String>::new());
}

/// Issue 12: a HEIC photo on a guide page was published as JPEG bytes under
/// its `.heic` name (browsers would not show it); a refused guide file was
/// left out silently.
#[test]
fn a_guide_heic_is_published_under_a_jpeg_name_the_page_uses_regression() {
    if !media::have_tools(&["ffmpeg", "exiftool", "heif-enc", "heif-convert"]) {
        return;
    }
    let (_tmp, site, _) = slow_site();
    let content = site.join("content");
    heic(&content, "ภาพกิจกรรม.heic", 320, 240);
    std::fs::write(content.join("kit.md"), "---\ntitle: ภาพกิจกรรม\n---\n![ภาพกิจกรรม](ภาพกิจกรรม.heic)\n")
        .unwrap();
    // An AVIF image is not published: a warning naming it, not silence.
    std::fs::write(content.join("ภาพ.avif"), b"\0\0\0\x18ftypavif\0\0\0\0avifmif1").unwrap();
    let out = site.join("out");
    let b = build(&site, &["--output", out.to_str().unwrap()]);
    assert!(b.status.success(), "{}", text(&b));
    let jpeg = out.join("ภาพกิจกรรม.heic.jpg");
    assert!(std::fs::read(&jpeg).unwrap().starts_with(b"\xFF\xD8\xFF"), "JPEG bytes under a .jpg name");
    assert_eq!(exif(&jpeg), ("240x320".to_string(), vec![]), "upright, no GPS");
    assert!(!out.join("ภาพกิจกรรม.heic").exists(), "no JPEG under the HEIC name");
    let page = std::fs::read_to_string(out.join("kit/index.html")).unwrap();
    let page = percent_encoding::percent_decode_str(&page).decode_utf8_lossy().into_owned();
    assert!(page.contains("ภาพกิจกรรม.heic.jpg\""), "the page shows the JPEG: {page}");
    assert_eq!(broken_links(&out, "/"), Vec::<String>::new());
    let all = text(&b);
    assert!(
        all.contains("warning: content/ภาพ.avif") && all.contains("AVIF images are not published"),
        "the refused file is named: {all}"
    );
}
