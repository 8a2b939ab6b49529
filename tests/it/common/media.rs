//! The Debian tools the tests lean on, and the media made with them at test time.
//!
//! [`have_tools`] decides whether a test that needs `ffmpeg`, `exiftool`,
//! `gs`, … runs or is skipped; [`run`] runs one; [`ffmpeg`] and [`pdf`] make
//! clips, photos and PDFs; [`jpeg`] makes a JPEG without any tool.
//!
//! This file is compiled twice: as `common::media` of the integration tests
//! (`tests/it/`) and, through `#[path]`, as `tools` in the unit tests of
//! `src/assets/media/` (`src/assets/media/tests.rs`). So it uses `std` and the
//! crate's own dependencies only, never `crate::`; nothing of it is in the library.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The Debian package that installs `cmd`.
pub fn package(cmd: &str) -> &'static str {
    match cmd {
        "ffmpeg" | "ffprobe" => "ffmpeg",
        "exiftool" => "libimage-exiftool-perl",
        "gs" => "ghostscript",
        "pdfinfo" | "pdftoppm" | "pdftotext" => "poppler-utils",
        "heif-enc" | "heif-convert" | "heif-dec" => "libheif-examples",
        "java" => "default-jre-headless",
        "chromium" => "chromium",
        "node" => "nodejs",
        "time" => "time",
        "pandoc" => "pandoc",
        _ => "?",
    }
}

/// The program `name` on `PATH`, if there is one.
pub fn which(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join(name)).find(|p| p.is_file())
}

/// Are these Debian tools installed? Without one the caller skips its test
/// after this prints one line naming the package, unless
/// `KRUFOLIO_REQUIRE_TOOLS` is set (CI), where a missing tool fails.
pub fn have_tools(tools: &[&str]) -> bool {
    for cmd in tools {
        if which(cmd).is_none() {
            let pkg = package(cmd);
            assert!(
                std::env::var_os("KRUFOLIO_REQUIRE_TOOLS").is_none(),
                "`{cmd}` is needed: apt-get install {pkg} (KRUFOLIO_REQUIRE_TOOLS is set)"
            );
            eprintln!("skipped: {cmd} not installed (apt-get install {pkg})");
            return false;
        }
    }
    true
}

/// Runs a Debian tool and returns its stdout. A missing tool fails the test
/// naming its package; so does a failed run, with the tool's stderr.
pub fn run(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{cmd}` ({e}): apt-get install {}", package(cmd)));
    assert!(
        out.status.success(),
        "`{cmd} {}` failed:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes `out` with ffmpeg from generated `sources` (lavfi filters such as
/// `testsrc=s=160x120:r=10` or `sine=r=8000`, each one input) and output `args`.
pub fn ffmpeg(out: &Path, sources: &[&str], args: &[&str]) {
    let mut all = vec!["-nostdin", "-hide_banner", "-loglevel", "error", "-y"];
    for source in sources {
        all.extend(["-f", "lavfi", "-i", source]);
    }
    all.extend_from_slice(args);
    all.push(out.to_str().unwrap());
    run("ffmpeg", &all);
}

/// One frame of ffmpeg's test pattern at `size` (`320x240`), as the image
/// format `out`'s extension names.
pub fn frame(out: &Path, size: &str) {
    ffmpeg(out, &[&format!("testsrc=size={size}")], &["-frames:v", "1"]);
}

/// A teaching clip of `seconds` at 16x16, 1 fps, with silent AAC sound, as
/// small as H.264 gets (an hour is about 300 KB); `movflags` as ffmpeg takes them.
pub fn long_clip(out: &Path, seconds: u32, movflags: &str) {
    let t = seconds.to_string();
    let video = ["-t", &t, "-c:v", "libx264", "-preset", "ultrafast", "-crf", "51", "-pix_fmt", "yuv420p"];
    let audio = ["-c:a", "aac", "-b:a", "8k", "-movflags", movflags];
    ffmpeg(out, &["testsrc=s=16x16:r=1", "anullsrc=r=8000:cl=mono"], &[&video[..], &audio[..]].concat());
    let size = std::fs::metadata(out).unwrap().len();
    assert!(size < 2_000_000, "the generated clip {} is {size} bytes; expected under 2 MB", out.display());
}

/// A PDF of `pages` pages ("Page 1", "Page 2", …) made with ghostscript,
/// with `extra` options (passwords, permissions).
pub fn pdf(out: &Path, pages: u32, extra: &[&str]) {
    let file = format!("-sOutputFile={}", out.display());
    let ps = format!(
        "/Helvetica findfont 24 scalefont setfont 1 1 {pages} {{ 72 720 moveto (Page ) show 3 string cvs show showpage }} for"
    );
    let mut args = vec!["-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pdfwrite", &file];
    args.extend_from_slice(extra);
    args.extend(["-c", &ps]);
    run("gs", &args);
}

/// A `width`×`height` gradient photo as JPEG bytes at `quality`, made with the
/// `image` crate (no tool needed).
pub fn jpeg(width: u32, height: u32, quality: u8) -> Vec<u8> {
    let img =
        image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut bytes = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, quality).encode_image(&img).unwrap();
    bytes
}
