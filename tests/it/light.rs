//! Light pages on a phone (issue #11): a portfolio of 40 phone photos
//! (4000×3000 JPEGs made with ffmpeg, ten of them shot turned, as EXIF
//! orientation 6 written by exiftool) and a PDF is built and opened in
//! Debian's chromium as a phone, 390 px wide at device scale factor 3
//! (`tests/browser/light.mjs`). The portfolio page and its indicator pages
//! are scrolled through; the photos must come from the thumbnails, carry
//! their upright size, and the large size is fetched only when a lightbox
//! opens. The PDF embed is bounded by the window's height.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;

/// The indicator folders and how many photos each gets (40 in all; one alone,
/// so a photo outside a gallery is measured too).
const FOLDERS: [(&str, &str, usize); 5] = [
    ("1.1", "1.1 หลักสูตร", 10),
    ("1.2", "1.2 ออกแบบการเรียนรู้", 10),
    ("1.3", "1.3 จัดกิจกรรมการเรียนรู้", 10),
    ("1.4", "1.4 สื่อ นวัตกรรม", 9),
    ("1.5", "1.5 วัดและประเมินผล", 1),
];

/// Forty 4000×3000 phone-like photos (a test pattern under sensor-like
/// noise, about 5 MB each) in `dir`, as `p01.jpg` … `p40.jpg`: eight distinct
/// pictures made with ffmpeg, each saved five times (forty files, forty URLs
/// to fetch, a fifth of the thumbnail work: the cache is keyed by content);
/// the first two pictures (ten files) tagged as turned by exiftool (EXIF
/// orientation 6: upright they are 3000×4000).
fn phone_photos(dir: &Path) {
    media::ffmpeg(
        &dir.join("d%d.jpg"),
        &["testsrc2=s=4000x3000:r=1,noise=alls=12:allf=t"],
        &["-frames:v", "8", "-q:v", "2", "-start_number", "0"],
    );
    let turned = [dir.join("d0.jpg").display().to_string(), dir.join("d1.jpg").display().to_string()];
    media::run(
        "exiftool",
        &["-q", "-overwrite_original", "-Orientation#=6", "-Model=Phone", &turned[0], &turned[1]],
    );
    for i in 0..40 {
        std::fs::copy(dir.join(format!("d{}.jpg", i / 5)), dir.join(format!("p{:02}.jpg", i + 1))).unwrap();
    }
}

/// The site: one portfolio, photos spread over [`FOLDERS`], a PDF in 1.1.
/// Returns the site root and, per indicator code, the photos' file names.
fn site(tmp: &Path) -> (std::path::PathBuf, BTreeMap<&'static str, Vec<String>>) {
    let site = tmp.join("site");
    copy_dir(&repo().join("tests/fixtures/sites/basic"), &site);
    std::fs::write(site.join("content/site.yaml"), "title: เว็บไซต์ทดสอบ\nbase_url: /\nfiscal_year: 2568\n")
        .unwrap();
    let dir = site.join("content/portfolios/kru-phone");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("portfolio.yaml"),
        "name: นางสาวทดสอบ โทรศัพท์\nposition: ครู\nstanding: ชำนาญการ\nschool: โรงเรียนทดสอบ\nfiscal_year: 2568\n",
    )
    .unwrap();
    let raw = tmp.join("raw");
    std::fs::create_dir_all(&raw).unwrap();
    phone_photos(&raw);
    let mut shown = BTreeMap::new();
    let mut n = 0;
    for (code, folder, count) in FOLDERS {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        let names: Vec<String> = (0..count)
            .map(|_| {
                n += 1;
                let name = format!("ภาพกิจกรรม {n:02}.jpg");
                std::fs::rename(raw.join(format!("p{n:02}.jpg")), dir.join(folder).join(&name)).unwrap();
                name
            })
            .collect();
        shown.insert(code, names);
    }
    media::pdf(&dir.join("1.1 หลักสูตร/หลักสูตร.pdf"), 12, &[]);
    (site, shown)
}

fn page_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Checks one phone page: every photo is a thumbnail with its upright size
/// and a `sizes` that matches the layout, no original was fetched, and
/// opening the first lightbox shows its 1600 px thumbnail, fetched only then
/// when `strict` (the first photo is a gallery cell, shown at 800 px).
/// Returns the image bytes the page fetched before the lightbox opened.
fn check_phone_page(v: &serde_json::Value, out: &Path, strict: bool) -> u64 {
    let path = v["path"].as_str().unwrap();
    assert_eq!(v["status"], 200, "{path}: {v}");
    let thumb = |u: &str| u.ends_with(".w320.jpg") || u.ends_with(".w800.jpg") || u.ends_with(".w1600.jpg");
    let imgs = v["imgs"].as_array().unwrap();
    let photos: Vec<_> =
        imgs.iter().filter(|i| i["src"].as_str().unwrap_or("").contains("/portfolios/")).collect();
    assert!(!photos.is_empty(), "{path}: no photos on the page");
    for i in &photos {
        let (w, h): (f64, f64) = (
            i["width"]
                .as_str()
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| panic!("{path}: no width: {i}")),
            i["height"]
                .as_str()
                .and_then(|s| s.parse().ok())
                .unwrap_or_else(|| panic!("{path}: no height: {i}")),
        );
        if i["lightbox"] == true {
            // Not fetched while closed, unless it is the very file the page
            // already shows (a full-width photo on this phone is the 1600 px one).
            let cur = i["current"].as_str().unwrap();
            let shown_already = photos.iter().any(|p| p["lightbox"] == false && p["current"] == cur);
            assert!(cur.is_empty() || shown_already, "{path}: a closed lightbox's image was loaded: {i}");
            continue;
        }
        let current = i["current"].as_str().unwrap();
        assert!(thumb(current), "{path}: the photo shown is not a thumbnail: {i}");
        let (nw, nh) = (i["natural_width"].as_f64().unwrap(), i["natural_height"].as_f64().unwrap());
        assert!((nw / nh - w / h).abs() < 0.01, "{path}: width/height are not the upright image's: {i}");
        let (shown, slot) = (i["shown_width"].as_f64().unwrap(), i["slot_width"].as_f64().unwrap());
        assert!(
            (shown - slot).abs() <= (shown * 0.15).max(16.0),
            "{path}: sizes says {slot} px, shown {shown} px: {i}"
        );
    }
    for f in v["images"].as_array().unwrap() {
        let u = f["url"].as_str().unwrap();
        assert!(!u.contains("/portfolios/") || thumb(u), "{path}: an original was fetched: {u}");
    }
    let opened = &v["opened"];
    let large = opened["current"].as_str().unwrap_or_else(|| panic!("{path}: no lightbox opened: {v}"));
    assert!(large.ends_with(".w1600.jpg") && opened["visible"] == true, "{path}: {opened}");
    let before: Vec<&str> = v["before_open"].as_array().unwrap().iter().filter_map(|u| u.as_str()).collect();
    let fetched_on_open = opened["fetched"].as_array().unwrap().iter().any(|f| f["url"] == large);
    if strict {
        assert!(!before.contains(&large), "{path}: the lightbox image was fetched before it opened");
        assert!(fetched_on_open, "{path}: opening the lightbox did not fetch {large}: {opened}");
    } else {
        assert!(fetched_on_open || before.contains(&large), "{path}: {opened}");
    }
    // "เปิดไฟล์ภาพ" still opens the original, as published.
    let file = opened["file"].as_str().unwrap();
    let rel = percent_encoding::percent_decode_str(file.split_once("/portfolios/").unwrap().1)
        .decode_utf8()
        .unwrap();
    assert!(!thumb(&rel) && out.join("portfolios").join(rel.as_ref()).is_file(), "{path}: {file}");
    v["image_bytes"].as_u64().unwrap()
}

#[test]
fn issue_11_a_phone_fetches_thumbnails_and_the_large_photo_only_in_the_lightbox() {
    if !media::have_tools(&["ffmpeg", "exiftool", "gs"]) || !http::browser_tools(&["playwright-core"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let (site, shown) = site(tmp.path());
    let out = tmp.path().join("public");
    let o = build(&site, &["--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));

    let base = "/portfolios/kru-phone/";
    let mut paths = vec![base.to_string()];
    paths.extend(shown.keys().map(|code| format!("{base}{code}/")));
    let server = http::serve(out.clone());
    let o = http::browser_script("light.mjs", std::iter::once(&server).chain(&paths));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "light.mjs failed:\n{stdout}\n{}", String::from_utf8_lossy(&o.stderr));

    let original = |code: &str, name: &str| {
        let folder = FOLDERS.iter().find(|f| f.0 == code).unwrap().1;
        std::fs::metadata(out.join("portfolios/kru-phone").join(folder).join(name)).unwrap().len()
    };
    let originals_of = |code: &str| shown[code].iter().map(|n| original(code, n)).sum::<u64>();
    let (mut fetched, mut originals) = (0, 0);
    for v in page_lines(&stdout) {
        let path = v["path"].as_str().unwrap().to_string();
        if v["view"] == "desktop" {
            // The embedded PDF fills the width, but never more than the window is tall.
            let pdf = &v["pdfs"][0];
            let h = pdf["height"].as_f64().unwrap();
            assert!((300.0..=800.0).contains(&h), "{path}: desktop PDF embed is {h} px tall: {pdf}");
            eprintln!("{path} (desktop): PDF embed {h} px, page {} px", v["page_height"]);
            for i in v["imgs"].as_array().unwrap().iter().filter(|i| i["lightbox"] == false) {
                eprintln!("  desktop photo shown {} px, sizes {} px", i["shown_width"], i["slot_width"]);
            }
            continue;
        }
        let code = path.trim_start_matches(base).trim_end_matches('/');
        // Where the first photo is in a gallery (every page but 1.5's lone photo).
        let bytes = check_phone_page(&v, &out, code != "1.5");
        let total =
            if code.is_empty() { shown.keys().map(|c| originals_of(c)).sum() } else { originals_of(code) };
        eprintln!(
            "{path} (phone): {bytes} image bytes of {total} in the originals ({:.3}), CLS {}",
            bytes as f64 / total as f64,
            v["cls"]
        );
        assert!(
            bytes * 10 <= total,
            "{path}: {bytes} image bytes fetched, over 1/10 of the originals' {total}"
        );
        if let Some(pdf) = v["pdfs"].as_array().unwrap().first() {
            // A phone gets the links only, never a page-long embed.
            assert!(
                pdf["height"].as_f64().unwrap() <= 844.0 && pdf["links"].as_u64() >= Some(2),
                "{path}: {pdf}"
            );
        }
        fetched += bytes;
        originals += total;
    }
    assert_eq!(page_lines(&stdout).len(), paths.len() + 1, "{stdout}");
    eprintln!(
        "all pages (phone): {fetched} image bytes of {originals} ({:.3})",
        fetched as f64 / originals as f64
    );
}
