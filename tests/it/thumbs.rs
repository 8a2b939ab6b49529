//! Thumbnails in little memory (issue #11): photos of any size get their thumbnails within
//! the thumbnailer's pixel budget, whatever the number of threads.
//!
//! Each test builds a site whose portfolio holds big photos made with ffmpeg (one flat
//! colour, so they are small on disk and quick to make) and reads the build's peak
//! resident memory from the kernel (`wait4`), then checks what was published: every
//! thumbnail at its width (the media probe), upright, and no location in any published
//! photo (exiftool). A missing tool skips with one line naming its Debian package, unless
//! `KRUFOLIO_REQUIRE_TOOLS` is set.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// A site with one portfolio whose 1.3 folder will hold the photos; returns (site, folder).
fn site(tmp: &Path) -> (PathBuf, PathBuf) {
    let site = tmp.join("site");
    let dir = site.join("content/portfolios/kru-photos/1.3 การจัดการเรียนรู้");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(site.join("content/site.yaml"), "title: t\nfiscal_year: 2568\n").unwrap();
    std::fs::write(
        site.join("content/portfolios/kru-photos/portfolio.yaml"),
        "name: นางสาวภาพ ใหญ่มาก\nposition: ครู\nschool: โรงเรียนทดสอบ\nfiscal_year: 2568\n",
    )
    .unwrap();
    (site, dir)
}

/// A one-colour photo of `size` (`WxH`) at `out`, with GPS in its EXIF.
fn photo(out: &Path, size: &str) {
    let ext = out.extension().unwrap().to_str().unwrap();
    let q: &[&str] = if ext == "jpg" { &["-q:v", "10", "-pix_fmt", "yuvj420p"] } else { &[] };
    media::ffmpeg(out, &[&format!("color=c=teal:s={size}")], &[&["-frames:v", "1"][..], q].concat());
    let tags = ["-q", "-overwrite_original", "-GPSLatitude=13.75", "-GPSLatitudeRef=N"];
    let p = out.to_str().unwrap();
    media::run("exiftool", &[&tags[..], &["-GPSLongitude=100.5", "-GPSLongitudeRef=E", p]].concat());
}

/// `krufolio build` of `site` with `threads` rayon threads: (exit success, stdout + stderr,
/// peak resident memory in MB).
fn build_measured(site: &Path, threads: &str) -> (bool, String, u64) {
    // GNU time forks krufolio from its own small process and reports that child's peak. The
    // rusage of a child spawned from this test process would count this process's memory
    // too: a child spawned with vfork or fork starts in (a copy of) the parent's address space,
    // and Linux keeps the peak across exec (seen: 440 MB in the full suite, 52 MB alone).
    let rss = site.with_extension("rss");
    let o = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o", rss.to_str().unwrap(), env!("CARGO_BIN_EXE_krufolio")])
        .args(["--root", site.to_str().unwrap(), "build"])
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    let kb: u64 = std::fs::read_to_string(&rss).unwrap().trim().lines().last().unwrap().parse().unwrap();
    (o.status.success(), text(&o), kb / 1024)
}

/// The published thumbnails of `name` in the site's portfolio: (width, height) of each.
fn published_thumbs(site: &Path, name: &str) -> Vec<(u32, u32)> {
    let out = site.join("public/portfolios/kru-photos/1.3 การจัดการเรียนรู้");
    [320, 800, 1600]
        .into_iter()
        .filter_map(|w| {
            let t = out.join(format!("{name}.w{w}.jpg"));
            t.exists().then(|| {
                let p = krufolio::assets::media::probe(&t, "jpg");
                (p.width.unwrap(), p.height.unwrap())
            })
        })
        .collect()
}

/// No published photo of the site says where it was taken.
fn assert_no_location(site: &Path) {
    let out = site.join("public/portfolios/kru-photos");
    let json = media::run(
        "exiftool",
        &["-json", "-n", "-r", "-GPS:all", "-ext", "jpg", "-ext", "png", out.to_str().unwrap()],
    );
    assert!(!json.contains("GPSLatitude"), "a published photo carries GPS: {json}");
}

#[test]
fn photo_of_200_megapixels_gets_its_thumbnails_within_the_budget_regression() {
    if !media::have_tools(&["ffmpeg", "exiftool", "time"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (site, dir) = site(tmp.path());
    photo(&dir.join("ภาพ200ล้าน.jpg"), "16384x12208");
    let (ok, log, mb) = build_measured(&site, "2");
    assert!(ok, "{log}");
    assert!(!log.contains("cannot make thumbnails"), "{log}");
    assert!(log.contains("thumbnails: 3 made, 0 from the cache"), "{log}");
    assert_eq!(published_thumbs(&site, "ภาพ200ล้าน.jpg"), vec![(320, 238), (800, 596), (1600, 1192)]);
    assert_no_location(&site);
    // Decoded at full size it would be 600 MB of RGB; at 1/8 scale it is 9 MB.
    assert!(mb < 300, "peak memory {mb} MB");
}

#[test]
fn many_big_photos_on_many_threads_stay_within_the_pixel_budget() {
    if !media::have_tools(&["ffmpeg", "exiftool", "time"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (site, dir) = site(tmp.path());
    // PNGs cannot be decoded at a reduced scale: each is 36 MP (108 MB of RGB) decoded,
    // so eight threads decoding at once would hold 860 MB; the budget (48 MP) lets one
    // decode at a time.
    let first = dir.join("ภาพ-1.png");
    photo(&first, "6000x6000");
    for i in 2..=8 {
        // The same picture, one byte apart (a text chunk), so none is a cache hit.
        let mut b = std::fs::read(&first).unwrap();
        let iend = b.len() - 12;
        let text = [&b"tEXtn\0"[..], &[b'0' + i as u8]].concat();
        let mut chunk = (text.len() as u32 - 4).to_be_bytes().to_vec();
        chunk.extend_from_slice(&text);
        chunk.extend_from_slice(&crc32(&text).to_be_bytes());
        b.splice(iend..iend, chunk);
        std::fs::write(dir.join(format!("ภาพ-{i}.png")), b).unwrap();
    }
    let (ok, log, mb) = build_measured(&site, "8");
    assert!(ok, "{log}");
    assert!(log.contains("thumbnails: 24 made, 0 from the cache"), "{log}");
    for i in 1..=8 {
        assert_eq!(published_thumbs(&site, &format!("ภาพ-{i}.png")).len(), 3, "ภาพ-{i}.png");
    }
    assert_no_location(&site);
    assert!(mb < 450, "peak memory {mb} MB");
}

/// The CRC-32 of a PNG chunk's type and data.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}
