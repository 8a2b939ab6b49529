//! `krufolio export dpa SLUG` (issue 12 item 4) on a `dpa/` folder made at
//! test time: a short teaching clip carrying a GPS location (ffmpeg +
//! exiftool), an inspiration clip 10:10 long (over the framework's 10:00),
//! a lesson-plan PDF and an outcome PDF (ghostscript). The export names the
//! files as documented, prints the summary table (snapshot) and writes it as
//! `summary.txt`/`summary.csv`, exits 1 for the broken limit; ffprobe reads
//! the exported clip and exiftool finds no location in it. Refusals: an
//! unknown slug and a foreign non-empty folder exit 2 and touch nothing.

use std::path::{Path, PathBuf};

use crate::common::*;

const LAT: &str = "13.7563";
const LON: &str = "100.5018";

fn site() -> Option<(tempfile::TempDir, PathBuf)> {
    if !media::have_tools(&["ffmpeg", "ffprobe", "exiftool", "gs"]) {
        return None;
    }
    let (tmp, site) = clean_site();
    let dpa = site.join("content/portfolios/kru-clean/dpa");
    std::fs::remove_dir_all(&dpa).unwrap();
    std::fs::create_dir_all(dpa.join("outcomes")).unwrap();
    let teaching = dpa.join("คลิปการสอน.mp4");
    let location = format!("location=+{LAT}+{LON}/");
    let args = ["-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"];
    let more = ["-b:a", "16k", "-metadata", &location, "-movflags", "+faststart"];
    media::ffmpeg(&teaching, &["testsrc=s=160x120:r=10", "sine=r=8000"], &[&args[..], &more[..]].concat());
    let coords = format!("-UserData:GPSCoordinates={LAT} N, {LON} E");
    media::run("exiftool", &["-q", "-overwrite_original", &coords, teaching.to_str().unwrap()]);
    media::long_clip(&dpa.join("คลิปสภาพปัญหา.mp4"), 610, "+faststart");
    media::pdf(&dpa.join("แผนการจัดการเรียนรู้.pdf"), 3, &[]);
    media::pdf(&dpa.join("outcomes/ผลการทดสอบการอ่าน.pdf"), 2, &[]);
    Some((tmp, site))
}

fn export(site: &Path, out: &Path) -> std::process::Output {
    let (root, out) = (site.to_str().unwrap(), out.to_str().unwrap());
    krufolio(&["--root", root, "export", "dpa", "kru-clean", "--out", out])
}

/// Sizes (which depend on the ffmpeg and ghostscript versions, and so do
/// the spaces after them) and the temporary folder replaced, so the snapshot
/// shows what the user reads.
fn redacted(s: &str, out: &Path) -> String {
    let s = s.replace(&out.display().to_string(), "<out>");
    let sizes = regex::Regex::new(r"\b\d+(\.\d+)? (B|KB|MB) *").unwrap();
    let dashes = regex::Regex::new(r"-{3,} *").unwrap();
    let s = sizes.replace_all(&s, "<size> ");
    dashes.replace_all(&s, "--- ").into_owned()
}

#[test]
fn export_dpa_names_checks_and_cleans_the_package() {
    let Some((tmp, site)) = site() else { return };
    let out = tmp.path().join("ชุดยื่น");
    let o = export(&site, &out);
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(o.status.code(), Some(1), "a broken limit exits 1:\n{}", text(&o));
    assert_eq!(
        files(&out),
        [
            ".krufolio-export.json",
            "01-คลิปการสอน.mp4",
            "02-คลิปสภาพปัญหา.mp4",
            "03-แผนการจัดการเรียนรู้.pdf",
            "04-ผลลัพธ์-1.pdf",
            "summary.csv",
            "summary.txt"
        ]
    );
    insta::assert_snapshot!("export_dpa_summary", redacted(&stdout, &out));
    let summary = std::fs::read_to_string(out.join("summary.txt")).unwrap();
    assert!(stdout.contains(&summary), "summary.txt is the printed table");
    let csv = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    assert!(csv.lines().any(|l| l.starts_with("\"✗\",\"02-คลิปสภาพปัญหา.mp4\"")), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("\"✓\",\"01-คลิปการสอน.mp4\"")), "{csv}");
    // The exported clip plays (ffprobe) and carries no location (exiftool).
    let clip = out.join("01-คลิปการสอน.mp4");
    let probe = media::run(
        "ffprobe",
        &["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", clip.to_str().unwrap()],
    );
    let secs: f64 = probe.trim().parse().unwrap();
    assert!((secs - 2.0).abs() < 0.2, "{secs}");
    let source = site.join("content/portfolios/kru-clean/dpa/คลิปการสอน.mp4");
    let gps = |f: &Path| {
        media::run(
            "exiftool",
            &[
                "-a",
                "-G1",
                "-ee",
                "-gps:all",
                "-location:all",
                "-UserData:GPSCoordinates",
                f.to_str().unwrap(),
            ],
        )
    };
    assert!(!gps(&source).trim().is_empty(), "the source clip really has a location");
    assert_eq!(gps(&clip).trim(), "", "the exported clip has no location");
    // Again into the same folder: krufolio's own folder is replaced.
    let again = export(&site, &out);
    assert_eq!(again.status.code(), Some(1), "{}", text(&again));
    assert_eq!(files(&out).len(), 7);
}

#[test]
fn export_dpa_refuses_unknown_slugs_and_foreign_folders() {
    let (tmp, site) = clean_site();
    let o = krufolio(&["--root", site.to_str().unwrap(), "export", "dpa", "kru-nobody"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("kru-nobody") && err.contains("kru-clean"), "lists the known slugs: {err}");
    let foreign = tmp.path().join("งานของฉัน");
    std::fs::create_dir_all(&foreign).unwrap();
    std::fs::write(foreign.join("บันทึก.txt"), "ของครู").unwrap();
    let o = export(&site, &foreign);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert_eq!(files(&foreign), ["บันทึก.txt"], "nothing written");
    assert_eq!(std::fs::read_to_string(foreign.join("บันทึก.txt")).unwrap(), "ของครู");
    let o = export(&site, &site.join("content/export"));
    assert_eq!(o.status.code(), Some(2), "not inside content/: {}", text(&o));
    assert!(!site.join("content/export").exists());
    let o = krufolio(&["--root", site.to_str().unwrap(), "export", "dpa"]);
    assert_eq!(o.status.code(), Some(2), "a missing slug is a usage error");
}
