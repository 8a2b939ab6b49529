//! Portfolio pages and review views (issue #4, first part): the sample
//! portfolios become pages, private fields and photo GPS never reach the
//! output, broken media show a placeholder without breaking the build, and
//! the review audience adds the dashboard, checklists and `/lint.json`.

use crate::common::*;

#[test]
fn issue_4_portfolio_pages_exist_with_stable_urls() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_repo(&out, "public");
    assert!(out.join("portfolios/index.html").is_file());
    for slug in ["manee-jaingam", "somchai-rakdee", "director-district1", "kru-incomplete"] {
        assert!(out.join(format!("portfolios/{slug}/index.html")).is_file(), "{slug}");
        assert!(out.join(format!("portfolios/{slug}/1.1/index.html")).is_file(), "{slug} 1.1");
    }
    let page = std::fs::read_to_string(out.join("portfolios/manee-jaingam/index.html")).unwrap();
    assert!(page.contains("นางสาวมานี ใจงาม"));
    assert!(page.contains("<video"), "teaching videos play in the page");
    assert!(page.contains("แก้ไขปัญหา"), "expected practice level for ครู ชำนาญการ");
    assert_eq!(broken_links(&out, "/"), Vec::<String>::new());
    // The 1.3 clip's sidecar names a poster (`poster: กิจกรรมการทดลองกลุ่ม.jpg`): the
    // player shows it before playing, and the file it points at is in the output.
    let ind = std::fs::read_to_string(out.join("portfolios/manee-jaingam/1.3/index.html")).unwrap();
    let video = ind.split("<video").nth(1).expect("a video on the 1.3 page");
    let poster = video.split("poster=\"").nth(1).and_then(|s| s.split('"').next()).expect("a poster");
    let file = percent_encoding::percent_decode_str(poster).decode_utf8_lossy().into_owned();
    assert!(file.contains("กิจกรรมการทดลองกลุ่ม.jpg"), "{file}");
    assert!(out.join(file.trim_start_matches('/')).is_file(), "poster {file} not in the output");
}

#[test]
fn issue_4_private_fields_never_reach_a_page() {
    let tmp = tempfile::tempdir().unwrap();
    for audience in ["public", "review"] {
        let out = tmp.path().join(audience);
        build_repo(&out, audience);
        let mut searched = false;
        for f in files(&out) {
            // The search index is gzipped: look inside it too.
            let bytes = read_output(&out, &f);
            if is_search_index(&f) {
                searched |= String::from_utf8_lossy(&bytes).contains("นางสาวมานี ใจงาม");
            }
            let text = String::from_utf8_lossy(&bytes);
            for secret in ["36420", "2533-06-02", "58390", "2518-11-21", "76800", "24750", "2538-09-30"] {
                assert!(!text.contains(secret), "{audience}: private value {secret} leaked into {f}");
            }
            assert!(!f.ends_with("portfolio.yaml"), "{f} must not be published");
        }
        assert!(searched, "{audience}: the search index was not looked into (no public name found in it)");
    }
}

#[test]
fn issue_4_published_photos_carry_no_gps() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_repo(&out, "public");
    let published = out.join("portfolios/kru-incomplete/1.7 บรรยากาศในชั้นเรียน/มุมรักการอ่าน.jpg");
    let original = repo().join("content/portfolios/kru-incomplete/1.7 บรรยากาศในชั้นเรียน/มุมรักการอ่าน.jpg");
    assert!(krufolio::assets::media::probe(&original, "jpg").gps, "the sample photo has GPS");
    let probe = krufolio::assets::media::probe(&published, "jpg");
    assert!(probe.error.is_none(), "published photo still decodes: {:?}", probe.error);
    assert!(!probe.gps, "GPS stripped");
    // Checked with a second, independent reader as well.
    if media::have_tools(&["exiftool"]) {
        let gps = media::run("exiftool", &["-gps:all", "-s", published.to_str().unwrap()]);
        assert!(gps.trim().is_empty(), "exiftool still sees GPS");
    }
    // No published JPEG anywhere has GPS.
    for f in files(&out).into_iter().filter(|f| f.ends_with(".jpg")) {
        assert!(!krufolio::assets::media::probe(&out.join(&f), "jpg").gps, "{f}");
    }
}

#[test]
fn issue_4_corrupt_media_shows_a_placeholder_and_the_build_succeeds() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_repo(&out, "public");
    // The truncated JPEG is not published; its indicator page explains why.
    assert!(!out.join("portfolios/kru-incomplete/1.4 สื่อและนวัตกรรม/เกมบัตรคำ.jpg").exists());
    let page = std::fs::read_to_string(out.join("portfolios/kru-incomplete/1.4/index.html")).unwrap();
    assert!(page.contains("ไฟล์นี้เปิดไม่ได้"), "placeholder text on the page");
}

#[test]
fn issue_4_review_audience_adds_dashboard_checklists_and_lint_json() {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    build_repo(&public, "public");
    assert!(!public.join("review").exists(), "no review views in the public build");
    assert!(!public.join("lint.json").exists());
    let review = tmp.path().join("review");
    build_repo(&review, "review");
    assert!(review.join("review/index.html").is_file());
    assert!(review.join("review/kru-incomplete/index.html").is_file());
    let lint: serde_json::Value =
        serde_json::from_slice(&std::fs::read(review.join("lint.json")).unwrap()).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../schemas/lint-output.schema.json")).unwrap();
    assert!(jsonschema::validator_for(&schema).unwrap().is_valid(&lint));
    let dash = std::fs::read_to_string(review.join("review/index.html")).unwrap();
    assert!(dash.contains("ขาด"), "missing cells are labelled in text, not colour alone");
    let page = std::fs::read_to_string(review.join("portfolios/kru-incomplete/index.html")).unwrap();
    assert!(page.contains("3.2"), "what-is-missing box lists 3.2");
}

#[test]
fn issue_4_thumbnails_and_probes_are_cached_and_a_second_build_does_no_image_work() {
    if !media::have_tools(&["ffmpeg", "exiftool"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(
        &repo().join("content/portfolios/manee-jaingam"),
        &site.join("content/portfolios/manee-jaingam"),
    );
    std::fs::write(site.join("content/site.yaml"), "title: t\nfiscal_year: 2568\n").unwrap();
    let photo = site.join("content/portfolios/manee-jaingam/1.7 บรรยากาศในชั้นเรียน/ภาพใหญ่.jpg");
    std::fs::create_dir_all(photo.parent().unwrap()).unwrap();
    let p = photo.to_str().unwrap();
    media::frame(&photo, "1200x900");
    media::run(
        "exiftool",
        &[
            "-q",
            "-overwrite_original",
            "-GPSLatitude=13.75",
            "-GPSLatitudeRef=N",
            "-GPSLongitude=100.5",
            "-GPSLongitudeRef=E",
            p,
        ],
    );
    std::fs::write(photo.with_extension("md"), "---\ntitle: ภาพใหญ่\ndate: 2568-06-01\nconsent: true\n---\n")
        .unwrap();
    // Files changed in the last two seconds are never cached: age them all.
    let minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for f in files(&site.join("content")) {
        let file = std::fs::File::options().write(true).open(site.join("content").join(f)).unwrap();
        file.set_modified(minute_ago).unwrap();
    }
    let first = build(&site, &[]);
    assert!(first.status.success(), "{}", text(&first));
    assert!(text(&first).contains("thumbnails: 2 made, 0 from the cache"), "{}", text(&first));
    let out = site.join("public/portfolios/manee-jaingam/1.7 บรรยากาศในชั้นเรียน");
    for w in [320, 800] {
        let t = out.join(format!("ภาพใหญ่.jpg.w{w}.jpg"));
        let probe = krufolio::assets::media::probe(&t, "jpg");
        assert_eq!(probe.width, Some(w), "{}", t.display());
        assert!(!probe.gps, "thumbnails carry no GPS");
    }
    // The location-free copies of the photos are made once, in the cache, and published
    // from there byte for byte.
    let clean = site.join(".krufolio-cache/clean");
    let copies = || -> Vec<(String, std::time::SystemTime)> {
        let mut v: Vec<_> = files(&clean)
            .into_iter()
            .map(|f| {
                let m = std::fs::metadata(clean.join(&f)).unwrap().modified().unwrap();
                (f, m)
            })
            .collect();
        v.sort();
        v
    };
    let before = copies();
    let published = std::fs::read(out.join("ภาพใหญ่.jpg")).unwrap();
    assert!(
        before.iter().any(|(f, _)| std::fs::read(clean.join(f)).unwrap() == published),
        "the published photo is its cached copy: {before:?}"
    );
    let second = build(&site, &[]);
    assert!(second.status.success(), "{}", text(&second));
    assert!(text(&second).contains("thumbnails: 0 made, 2 from the cache"), "{}", text(&second));
    assert_eq!(copies(), before, "an unchanged rebuild writes no location-free copy again");
    assert_eq!(std::fs::read(out.join("ภาพใหญ่.jpg")).unwrap(), published);
    // Media probes (photo decoding, video boxes, PDF pages) are cached the same way.
    let probes = |o: &std::process::Output| -> (usize, usize) {
        let t = text(o);
        let line =
            t.lines().find(|l| l.contains("media probes: ")).unwrap_or_else(|| panic!("{t}")).to_string();
        let nums: Vec<usize> = line
            .split(" / ")
            .nth(1)
            .unwrap()
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect();
        (nums[0], nums[1])
    };
    let (made, cached) = probes(&first);
    assert!(made >= 10 && cached == 0, "first build probes every media file: {}", text(&first));
    assert_eq!(probes(&second), (0, made), "an unchanged rebuild probes nothing");
    // A changed photo is probed again, and only it.
    media::run("exiftool", &["-q", "-overwrite_original", "-GPSLatitude=14.0", p]);
    let file = std::fs::File::options().write(true).open(&photo).unwrap();
    file.set_modified(minute_ago + std::time::Duration::from_secs(30)).unwrap();
    let third = build(&site, &[]);
    assert!(third.status.success(), "{}", text(&third));
    assert_eq!(probes(&third), (1, made - 1), "{}", text(&third));
}
