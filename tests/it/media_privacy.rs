//! Published media carry no location (issue 8, scope 5).
//!
//! At test time a corpus of phone-style media is made with ffmpeg, exiftool and heif-enc:
//! photos with EXIF and XMP GPS (JPEG, PNG, WebP), the same under wrong extensions, a
//! motion photo (JPEG + MP4 after the end marker), videos with Android `©xyz`, 3GPP `loci`,
//! Apple `keys` ISO 6709 and XMP GPS, a fragmented MP4, a HEIC photo (published as a JPEG
//! when libheif's `heif-convert` is installed) and a file that must not be published (a
//! GIF with XMP GPS). They go into a portfolio of a site
//! that is built for both audiences, and `exiftool -json -n -a -G1 -ee` reads every
//! published file: no tag may speak of a place. Cleaned videos must still play (ffprobe:
//! same streams, same duration within 0.1 s) and refused files must be absent, with the
//! placeholder on the page.
//!
//! A missing tool skips the test with one line naming its Debian package, unless
//! `KRUFOLIO_REQUIRE_TOOLS` is set, which makes it fail.

use std::path::Path;
use std::process::Command;

use crate::common::*;
use serde_json::Value;

const LAT: &str = "13.7563";
const LON: &str = "100.5018";

/// ffmpeg's output `name` in `dir`, made from the `sources` with `args`.
fn ffmpeg(dir: &Path, sources: &[&str], args: &[&str], name: &str) {
    media::ffmpeg(&dir.join(name), sources, args);
}

fn exiftool(dir: &Path, file: &str, tags: &[&str]) {
    let mut args = vec!["-q".to_string(), "-overwrite_original".to_string()];
    args.extend(tags.iter().map(|t| t.to_string()));
    args.push(dir.join(file).to_string_lossy().into_owned());
    media::run("exiftool", &args.iter().map(String::as_str).collect::<Vec<_>>());
}

/// The test pattern every photo and clip shows.
const PATTERN: &str = "testsrc=s=160x120:r=10";

/// A one-second H.264 clip (with AAC sound for MP4) plus extra muxer arguments.
fn clip(dir: &Path, out: &str, extra: &[&str]) {
    let mut args = vec!["-t", "1", "-c:v", "libx264", "-preset", "ultrafast"];
    args.extend(["-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "16k"]);
    args.extend_from_slice(extra);
    ffmpeg(dir, &[PATTERN, "sine=r=8000"], &args, out);
}

/// Makes the corpus in `dir`: (published files, refused files, videos to ffprobe).
fn corpus(dir: &Path) -> (Vec<&'static str>, Vec<&'static str>, Vec<&'static str>) {
    let gps = [
        format!("-GPSLatitude={LAT}"),
        "-GPSLatitudeRef=N".into(),
        format!("-GPSLongitude={LON}"),
        "-GPSLongitudeRef=E".into(),
    ];
    let xmp = [format!("-XMP:GPSLatitude={LAT}"), format!("-XMP:GPSLongitude={LON}")];
    let gps: Vec<&str> = gps.iter().map(String::as_str).collect();
    let xmp: Vec<&str> = xmp.iter().map(String::as_str).collect();
    let one_frame = ["-frames:v", "1"];
    for (name, tags) in [
        ("ภาพมีพิกัด.jpg", [&gps[..], &xmp[..]].concat()),
        ("ภาพ.png", gps.clone()),
        ("ภาพ.webp", [&gps[..], &xmp[..]].concat()),
    ] {
        ffmpeg(dir, &[PATTERN], &one_frame, name);
        exiftool(dir, name, &tags);
    }
    std::fs::copy(dir.join("ภาพมีพิกัด.jpg"), dir.join("ภาพที่ตั้งชื่อผิด.mp4")).unwrap();
    std::fs::copy(dir.join("ภาพ.webp"), dir.join("webp-ชื่อ-jpg.jpg")).unwrap();
    let location = format!("location=+{LAT}+{LON}/");
    clip(dir, "android.mp4", &["-metadata", &location, "-movflags", "+faststart"]); // loci
    let coords = format!("-UserData:GPSCoordinates={LAT} N, {LON} E");
    exiftool(dir, "android.mp4", &[&coords]); // and ©xyz, as Android writes
                                              // The motion photo: a JPEG with the Android clip after its end marker.
    let motion =
        [std::fs::read(dir.join("ภาพมีพิกัด.jpg")).unwrap(), std::fs::read(dir.join("android.mp4")).unwrap()];
    std::fs::write(dir.join("motion-photo.jpg"), motion.concat()).unwrap();
    let iso = format!("com.apple.quicktime.location.ISO6709=+{LAT}+{LON}+010.000/");
    clip(dir, "iphone.mov", &["-movflags", "use_metadata_tags", "-metadata", &iso]);
    clip(dir, "iphone-keys.mp4", &[]);
    exiftool(dir, "iphone-keys.mp4", &[&format!("-Keys:GPSCoordinates={LAT} N, {LON} E")]);
    let frames = ["-t", "1", "-c:v", "h263", "-s", "176x144", "-metadata", &location];
    ffmpeg(dir, &[PATTERN], &frames, "clip.3gp"); // loci
    clip(dir, "xmp.mp4", &[]);
    exiftool(dir, "xmp.mp4", &xmp);
    clip(dir, "fragmented.mp4", &["-metadata", &location, "-movflags", "empty_moov+frag_keyframe"]);
    // A HEIC photo (published as its JPEG) and, refused, a GIF with XMP GPS (not parsed).
    ffmpeg(dir, &[PATTERN], &one_frame, "heic-source.png");
    let heic = dir.join("ภาพไอโฟน.heic");
    media::run(
        "heif-enc",
        &["-q", "50", "-o", heic.to_str().unwrap(), dir.join("heic-source.png").to_str().unwrap()],
    );
    std::fs::remove_file(dir.join("heic-source.png")).unwrap();
    ffmpeg(dir, &[PATTERN], &one_frame, "ภาพเคลื่อนไหว.gif");
    exiftool(dir, "ภาพเคลื่อนไหว.gif", &xmp);
    let videos =
        vec!["android.mp4", "iphone.mov", "iphone-keys.mp4", "clip.3gp", "xmp.mp4", "fragmented.mp4"];
    let published = [
        &["ภาพมีพิกัด.jpg", "ภาพ.png", "ภาพ.webp", "ภาพที่ตั้งชื่อผิด.mp4", "webp-ชื่อ-jpg.jpg", "motion-photo.jpg"][..],
        &videos[..],
    ]
    .concat();
    (published, vec!["ภาพเคลื่อนไหว.gif"], videos)
}

/// exiftool's findings over `files`: (media files read, tags that speak of a place).
fn places(root: &Path, files: &[String]) -> (usize, Vec<String>) {
    let mut args: Vec<String> = ["-json", "-n", "-a", "-G1", "-ee", "-q", "-q"].map(String::from).to_vec();
    args.extend(files.iter().map(|f| root.join(f).to_string_lossy().into_owned()));
    let o = Command::new("exiftool").args(&args).output().unwrap();
    let all: Vec<Value> = serde_json::from_slice(&o.stdout).expect("exiftool -json output");
    assert_eq!(all.len(), files.len(), "exiftool read every file");
    let mut media = 0;
    let mut found = Vec::new();
    for obj in &all {
        let mime = obj["File:MIMEType"].as_str().unwrap_or("");
        if mime.starts_with("image/") || mime.starts_with("video/") {
            media += 1;
        }
        // `JSON:` tags are the keys of JSON files (file names such as `kru-gps-photo/…`), not metadata.
        for (tag, v) in obj.as_object().unwrap().iter().filter(|(t, _)| !t.starts_with("JSON:")) {
            let t = tag.to_ascii_lowercase();
            if ["gps", "location", "iso6709", "xyz", "embeddedvideo"].iter().any(|w| t.contains(w)) {
                found.push(format!("{} {tag} = {v}", obj["SourceFile"].as_str().unwrap_or("?")));
            }
        }
    }
    (media, found)
}

/// (duration in seconds, stream codec names) from ffprobe.
fn probe(path: &Path) -> (f64, Vec<String>) {
    let args =
        ["-v", "error", "-show_entries", "format=duration:stream=codec_type,codec_name", "-of", "json"];
    let j: Value =
        serde_json::from_str(&media::run("ffprobe", &[&args[..], &[path.to_str().unwrap()]].concat()))
            .unwrap();
    let duration = j["format"]["duration"].as_str().and_then(|d| d.parse().ok()).unwrap_or(-1.0);
    let streams = j["streams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| format!("{}:{}", s["codec_type"], s["codec_name"]))
        .collect();
    (duration, streams)
}

#[test]
fn published_media_of_both_audiences_carry_no_location() {
    if !media::have_tools(&["ffmpeg", "ffprobe", "exiftool", "heif-enc", "heif-convert"]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("tests/fixtures/lint/photo-has-gps"), &site);
    let folder = "1.7 บรรยากาศในชั้นเรียน";
    let dir = site.join("content/portfolios/kru-gps-photo").join(folder);
    let (published, refused, videos) = corpus(&dir);
    // A photo beside the site's pages (not evidence) is published location-free too.
    std::fs::copy(dir.join("ภาพมีพิกัด.jpg"), site.join("content/ภาพประกอบหน้าแรก.jpg")).unwrap();
    // The corpus really has locations to remove.
    let sources: Vec<String> = published.iter().map(|f| f.to_string()).collect();
    let (_, before) = places(&dir, &sources);
    for f in &published {
        assert!(before.iter().any(|t| t.contains(f)), "the corpus file {f} has no location to remove");
    }
    let mut checked = 0;
    for audience in ["public", "review"] {
        let out = tmp.path().join(audience);
        let o = build(&site, &["--output", out.to_str().unwrap(), "--audience", audience]);
        assert!(o.status.success(), "{audience} build:\n{}", text(&o));
        let all = files(&out);
        let (media, found) = places(&out, &all);
        assert!(found.is_empty(), "{audience}: location in published files:\n{}", found.join("\n"));
        checked += media;
        let base = format!("portfolios/kru-gps-photo/{folder}/");
        for f in &published {
            // A photo under another name is published with its real extension added.
            let name = match *f {
                "ภาพที่ตั้งชื่อผิด.mp4" => "ภาพที่ตั้งชื่อผิด.mp4.jpg",
                "webp-ชื่อ-jpg.jpg" => "webp-ชื่อ-jpg.jpg.webp",
                other => other,
            };
            assert!(all.contains(&format!("{base}{name}")), "{audience}: {f} is published as {name}");
        }
        assert!(all.contains(&"ภาพประกอบหน้าแรก.jpg".to_string()), "{audience}: the page photo is published");
        for f in &refused {
            assert!(!all.iter().any(|p| p.contains(f)), "{audience}: {f} must not be published");
        }
        for v in &videos {
            let (src, dst) = (probe(&dir.join(v)), probe(&out.join(format!("{base}{v}"))));
            assert_eq!(src.1, dst.1, "{audience}: {v} keeps its streams");
            assert!(
                (src.0 - dst.0).abs() < 0.1 && dst.0 > 0.5,
                "{audience}: {v} lasts {} s, was {} s",
                dst.0,
                src.0
            );
        }
        let page = std::fs::read_to_string(out.join("portfolios/kru-gps-photo/1.7/index.html")).unwrap();
        assert!(
            page.contains("ไฟล์นี้ไม่ได้เผยแพร่: ลบข้อมูลตำแหน่งออกจากภาพนี้ไม่ได้"),
            "{audience}: the GIF's placeholder"
        );
        assert!(
            all.contains(&format!("{base}ภาพไอโฟน.heic.jpg")),
            "{audience}: the HEIC is published as JPEG"
        );
        assert!(!all.iter().any(|p| p.ends_with(".heic")), "{audience}: never the HEIC itself");
        let decoded = percent_encoding::percent_decode_str(&page).decode_utf8_lossy().into_owned();
        let shown = format!("<img class=\"media__img\" src=\"/{base}ภาพที่ตั้งชื่อผิด.mp4.jpg\"");
        assert!(decoded.contains(&shown), "{audience}: the JPEG named .mp4 is shown as a photo");
        assert_eq!(
            broken_links(&out, "/"),
            Vec::<String>::new(),
            "{audience}: no link to an unpublished file"
        );
    }
    println!("exiftool checked {checked} published media files (both audiences)");
    assert!(checked >= 2 * published.len(), "{checked} media files checked");
}
