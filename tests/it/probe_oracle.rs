//! The media probe against the real tools as oracles.
//!
//! A corpus is made at test time (ffmpeg, ghostscript) under `CARGO_TARGET_TMPDIR`:
//! H.264/AAC MP4 with and without fast start, fragmented MP4 (`frag_keyframe+empty_moov`,
//! with and without `default_base_moof`), a 61:00 fragmented teaching clip, QuickTime MOV
//! (H.264 and HEVC), an audio-only MP4, PDFs of 1, 3 and 12 pages, one with bytes after its
//! `%%EOF`, one that needs a password and one restricted by an owner password only, and a
//! 200-megapixel JPEG. For every file [`krufolio::assets::media::probe`] is compared with
//! ffprobe (duration within 0.1 s, codecs, size, `moov` before the first `mdat`/`moof`
//! from `-v trace`) or pdfinfo (`Pages:`, `Encrypted:`). Then a small site is linted.
//!
//! A missing tool skips the tests with one line naming its Debian package; with
//! `KRUFOLIO_REQUIRE_TOOLS` set it fails them instead.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::common::media;
use krufolio::assets::media::probe;
use krufolio::portfolio::model::MediaInfo;
use serde_json::Value;

/// The tools the corpus is made and checked with.
const TOOLS: &[&str] = &["ffmpeg", "ffprobe", "gs", "pdfinfo"];

/// Whether every tool is installed; prints the skip line (or fails) when one is not.
fn have_tools() -> bool {
    media::have_tools(TOOLS)
}

/// The corpus folder, made once per test run.
fn corpus() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("probe_oracle");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        make_videos(&dir);
        make_pdfs(&dir);
        make_photo(&dir);
        dir
    })
}

fn ffmpeg(dir: &Path, name: &str, inputs: &[&str], args: &[&str]) {
    media::ffmpeg(&dir.join(name), inputs, args);
}

/// The videos: (file name, ffmpeg output options).
const VIDEOS: &[(&str, &[&str])] = &[
    ("fast.mp4", &["-c:v", "libx264", "-c:a", "aac", "-movflags", "+faststart"]),
    ("slow.mp4", &["-c:v", "libx264", "-c:a", "aac"]),
    ("frag.mp4", &["-c:v", "libx264", "-c:a", "aac", "-movflags", "frag_keyframe+empty_moov"]),
    (
        "frag-base.mp4",
        &["-c:v", "libx264", "-c:a", "aac", "-movflags", "frag_keyframe+empty_moov+default_base_moof"],
    ),
    ("frag-moov.mp4", &["-c:v", "libx264", "-c:a", "aac", "-movflags", "frag_keyframe"]),
    ("clip.mov", &["-c:v", "libx264", "-c:a", "aac", "-f", "mov"]),
    ("clip-fast.mov", &["-c:v", "libx264", "-c:a", "aac", "-f", "mov", "-movflags", "+faststart"]),
    (
        "hevc.mov",
        &["-c:v", "libx265", "-tag:v", "hvc1", "-x265-params", "log-level=error", "-c:a", "aac", "-f", "mov"],
    ),
    ("audio.mp4", &["-vn", "-c:a", "aac"]),
];

const LONG: &str = "long-frag.mp4";

fn make_videos(dir: &Path) {
    let src = ["testsrc=duration=3:size=160x120:rate=15", "sine=duration=3.5:sample_rate=22050"];
    for (name, args) in VIDEOS {
        ffmpeg(dir, name, &src, args);
    }
    // 61:00: a teaching clip a minute over the limit, fragmented.
    media::long_clip(&dir.join(LONG), 3660, "frag_keyframe+empty_moov");
}

/// The PDFs: (file name, pages, extra ghostscript options).
const PDFS: &[(&str, u32, &[&str])] = &[
    ("one.pdf", 1, &[]),
    ("three.pdf", 3, &[]),
    ("twelve.pdf", 12, &[]),
    ("locked.pdf", 2, &["-sOwnerPassword=owner", "-sUserPassword=user"]),
    (
        "restricted.pdf",
        2,
        &["-sOwnerPassword=owner", "-dEncryptionR=3", "-dKeyLength=128", "-dPermissions=-3904"],
    ),
];

fn make_pdfs(dir: &Path) {
    for (name, pages, extra) in PDFS {
        media::pdf(&dir.join(name), *pages, extra);
    }
    // A mail gateway's footer after %%EOF, longer than the 2 KB tail once searched.
    let mut b = std::fs::read(dir.join("three.pdf")).unwrap();
    b.extend(b"\r\n-- \nSent from the school office scanner\n".repeat(100));
    std::fs::write(dir.join("trailing.pdf"), b).unwrap();
}

const PHOTO: &str = "photo-200mp.jpg";

fn make_photo(dir: &Path) {
    let (inp, out) = ("color=c=gray:s=16384x12208", ["-frames:v", "1", "-pix_fmt", "yuvj420p", "-q:v", "10"]);
    ffmpeg(dir, PHOTO, &[inp], &out);
}

fn ffprobe(p: &Path) -> Value {
    let entries = "format=duration:stream=codec_name,codec_type,width,height";
    let out =
        media::run("ffprobe", &["-v", "error", "-show_entries", entries, "-of", "json", p.to_str().unwrap()]);
    serde_json::from_str(&out).unwrap()
}

/// ffprobe's codec names as krufolio names them.
fn codec(name: &str) -> String {
    if name.starts_with("pcm_") {
        "pcm".into()
    } else {
        name.into()
    }
}

/// Whether `moov` comes before the first `mdat` or `moof`, from `ffprobe -v trace`.
fn trace_moov_first(p: &Path) -> Option<bool> {
    let out = Command::new("ffprobe").args(["-v", "trace", p.to_str().unwrap()]).output().unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    let root: Vec<&str> = log.lines().filter(|l| l.contains("parent:'root'")).collect();
    let at = |t: &str| root.iter().position(|l| l.contains(&format!("type:'{t}'")));
    let media = [at("mdat"), at("moof")].into_iter().flatten().min()?;
    Some(at("moov")? < media)
}

fn stream<'a>(j: &'a Value, kind: &str) -> Option<&'a Value> {
    j["streams"].as_array()?.iter().find(|s| s["codec_type"] == kind)
}

fn compare_video(p: &Path) {
    let name = p.file_name().unwrap().to_string_lossy();
    let ext = p.extension().unwrap().to_str().unwrap();
    let i = probe(p, ext);
    assert_eq!(i.error, None, "{name}: {i:?}");
    let j = ffprobe(p);
    let want: f64 = j["format"]["duration"].as_str().unwrap().parse().unwrap();
    let got = i.duration.unwrap_or_else(|| panic!("{name}: no duration: {i:?}"));
    assert!((got - want).abs() <= 0.1, "{name}: duration {got} s, ffprobe says {want} s");
    let name_of = |k| stream(&j, k).and_then(|s| s["codec_name"].as_str()).map(codec);
    assert_eq!(i.video_codec, name_of("video"), "{name}: video codec");
    assert_eq!(i.audio_codec, name_of("audio"), "{name}: audio codec");
    let size = |k: &str| stream(&j, "video").and_then(|s| s[k].as_u64()).map(|v| v as u32);
    assert_eq!((i.width, i.height), (size("width"), size("height")), "{name}: size");
    assert_eq!(i.moov_before_mdat, trace_moov_first(p), "{name}: moov position");
}

/// pdfinfo's `Pages:` and whether `Encrypted:` says yes (`password` opens it).
fn pdfinfo(p: &Path, password: Option<&str>) -> (u32, bool) {
    let mut a = vec![p.to_str().unwrap()];
    if let Some(pw) = password {
        a.splice(0..0, ["-upw", pw]);
    }
    let out = media::run("pdfinfo", &a);
    let field =
        |k: &str| out.lines().find_map(|l| l.strip_prefix(k)).map(str::trim).unwrap_or("").to_string();
    (field("Pages:").parse().unwrap(), field("Encrypted:").starts_with("yes"))
}

fn compare_pdf(p: &Path) -> MediaInfo {
    let name = p.file_name().unwrap().to_string_lossy().into_owned();
    let i = probe(p, "pdf");
    assert_eq!(i.error, None, "{name}: {i:?}");
    // pdfinfo opens a password-protected PDF only with its password.
    let plain = Command::new("pdfinfo").arg(p).output().unwrap().status.success();
    let (pages, encrypted) = pdfinfo(p, (!plain).then_some("user"));
    assert_eq!(i.encrypted, encrypted, "{name}: encrypted");
    assert_eq!(i.needs_password, !plain, "{name}: needs a password");
    if !i.needs_password {
        assert_eq!(i.pages, Some(pages), "{name}: pages");
    } else if let Some(n) = i.pages {
        assert_eq!(n, pages, "{name}: pages");
    }
    i
}

#[test]
fn probe_agrees_with_ffprobe_and_pdfinfo() {
    if !have_tools() {
        return;
    }
    let dir = corpus();
    let videos: Vec<PathBuf> = VIDEOS.iter().map(|(n, _)| dir.join(n)).chain([dir.join(LONG)]).collect();
    for v in &videos {
        compare_video(v);
    }
    let pdfs: Vec<PathBuf> =
        PDFS.iter().map(|(n, ..)| dir.join(n)).chain([dir.join("trailing.pdf")]).collect();
    for p in &pdfs {
        compare_pdf(p);
    }
    let photo = dir.join(PHOTO);
    let i = probe(&photo, "jpg");
    let j = ffprobe(&photo);
    let size = |k: &str| stream(&j, "video").and_then(|s| s[k].as_u64()).map(|v| v as u32);
    assert_eq!(
        (i.error.as_ref().map(|t| t.en.as_str()), i.width, i.height),
        (None, size("width"), size("height")),
        "{PHOTO}"
    );
    println!(
        "compared {} files: {} videos with ffprobe, {} PDFs with pdfinfo, 1 photo with ffprobe",
        videos.len() + pdfs.len() + 1,
        videos.len(),
        pdfs.len()
    );
}

#[test]
fn fragmented_mp4_has_a_duration_regression() {
    if !have_tools() {
        return;
    }
    for name in ["frag.mp4", "frag-base.mp4", "frag-moov.mp4", LONG] {
        let i = probe(&corpus().join(name), "mp4");
        assert!(i.duration.is_some_and(|d| d > 3.0), "{name}: {i:?}");
        assert_eq!(i.moov_before_mdat, Some(true), "{name}: a fragmented MP4 is fast start");
    }
    let d = probe(&corpus().join(LONG), "mp4").duration.unwrap();
    assert!((d - 3660.0).abs() < 1.0, "61:00 clip probed as {d} s");
}

#[test]
fn mov_moov_position_regression() {
    if !have_tools() {
        return;
    }
    assert_eq!(probe(&corpus().join("clip.mov"), "mov").moov_before_mdat, Some(false));
    assert_eq!(probe(&corpus().join("clip-fast.mov"), "mov").moov_before_mdat, Some(true));
    assert_eq!(probe(&corpus().join("hevc.mov"), "mov").video_codec.as_deref(), Some("hevc"));
}

#[test]
fn photo_of_200_megapixels_is_not_corrupt_regression() {
    if !have_tools() {
        return;
    }
    let i = probe(&corpus().join(PHOTO), "jpg");
    assert_eq!((i.error, i.width, i.height), (None, Some(16384), Some(12208)));
    // Cut short, it is still caught without decoding it.
    let b = std::fs::read(corpus().join(PHOTO)).unwrap();
    let cut = corpus().join("photo-200mp-cut.jpg");
    std::fs::write(&cut, &b[..b.len() / 2]).unwrap();
    let e = probe(&cut, "jpg").error.expect("a cut 200 MP JPEG is corrupt");
    assert!(!e.th.is_empty() && !e.en.is_empty() && !e.to_string().contains('\n'), "{e}");
}

#[test]
fn pdf_with_bytes_after_eof_is_not_truncated_regression() {
    if !have_tools() {
        return;
    }
    let i = probe(&corpus().join("trailing.pdf"), "pdf");
    assert_eq!((i.error, i.pages, i.encrypted), (None, Some(3), false));
    // Cut inside its objects it is still truncated.
    let b = std::fs::read(corpus().join("trailing.pdf")).unwrap();
    let cut = corpus().join("trailing-cut.pdf");
    std::fs::write(&cut, &b[..b.len() / 4]).unwrap();
    assert!(probe(&cut, "pdf").error.is_some_and(|e| e.en.contains("%%EOF")));
}

#[test]
fn encrypted_pdf_is_reported_regression() {
    if !have_tools() {
        return;
    }
    let i = probe(&corpus().join("locked.pdf"), "pdf");
    assert_eq!(
        (i.error.as_ref().map(|t| t.en.as_str()), i.encrypted, i.needs_password),
        (None, true, true),
        "{i:?}"
    );
    let i = probe(&corpus().join("restricted.pdf"), "pdf");
    assert_eq!(
        (i.error.as_ref().map(|t| t.en.as_str()), i.encrypted, i.needs_password, i.pages),
        (None, true, false, Some(2))
    );
}

/// A site with the 61:00 fragmented clip as the teaching clip and the locked PDF as the
/// lesson plan: V005 and V010 fire.
#[test]
fn lint_reports_the_long_fragmented_clip_and_the_locked_pdf() {
    if !have_tools() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint/dpa-clip-too-long");
    copy_dir(&fixture, tmp.path());
    let dpa = tmp.path().join("content/portfolios/kru-long-clip/dpa");
    std::fs::copy(corpus().join(LONG), dpa.join("คลิปการสอน.mp4")).unwrap();
    std::fs::copy(corpus().join("locked.pdf"), dpa.join("แผนการจัดการเรียนรู้.pdf")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_krufolio"))
        .args(["--root", tmp.path().to_str().unwrap(), "lint", "--format", "json", "--color", "never"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let fired = |id: &str, file: &str| {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == id && f["path"].as_str().is_some_and(|p| p.ends_with(file)))
    };
    assert!(fired("V005", "dpa/คลิปการสอน.mp4"), "V005 dpa-clip-too-long did not fire:\n{report:#}");
    assert!(fired("V010", "dpa/แผนการจัดการเรียนรู้.pdf"), "V010 pdf-encrypted did not fire:\n{report:#}");
    assert!(!fired("V001", "dpa/แผนการจัดการเรียนรู้.pdf"), "the locked PDF is not corrupt:\n{report:#}");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dst = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dst);
        } else {
            std::fs::copy(e.path(), dst).unwrap();
        }
    }
}
