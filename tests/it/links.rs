//! Linked evidence (issue 12 item 5, format v1.1): a portfolio made at test
//! time with a YouTube `.md`, a Google Drive `.url`, a `.webloc`, a plain web
//! link and a hostile `url: javascript:alert(1)`, built with the real binary.
//! The published indicator page embeds YouTube through youtube-nocookie and
//! Drive as a preview, in lazy sandboxed iframes with a fallback link; the
//! plain link is a card; the hostile link is in no output byte and is a V012
//! finding; the site's CSP allows exactly the two frame sources, and chromium
//! reports no CSP violation on the page (the frames fail to load: no network).

use std::path::{Path, PathBuf};

use crate::common::*;

const YOUTUBE: &str = "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s";
const DRIVE: &str = "https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQr/view?usp=sharing";

/// The clean fixture site plus an evidence folder of links for indicator 1.3.
fn site() -> (tempfile::TempDir, PathBuf) {
    let (tmp, site) = clean_site();
    let dir = site.join("content/portfolios/kru-clean/1.3 จัดกิจกรรมการเรียนรู้");
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    write(
        "คลิปการสอน.md",
        &format!(
            "---\ntitle: คลิปการสอนเรื่องเศษส่วน\ndate: 2568-07-01\ndescription: สอนครบหนึ่งคาบ\nurl: {YOUTUBE}\n---\nนักเรียนใช้ **บัตรภาพ** เปรียบเทียบเศษส่วน\n"
        ),
    );
    write("คลิปกิจกรรมกลุ่ม.url", &format!("[InternetShortcut]\r\nURL={DRIVE}\r\n"));
    write(
        "แบบฝึกออนไลน์.webloc",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<plist version=\"1.0\">\n<dict>\n\t<key>URL</key>\n\t<string>https://worksheets.example.org/fractions?level=4&amp;lang=th</string>\n</dict>\n</plist>\n",
    );
    write(
        "เว็บไซต์ห้องเรียน.md",
        "---\ntitle: ห้องเรียนออนไลน์\ndescription: แหล่งเรียนรู้ของห้อง ป.4\nurl: https://classroom.example.ac.th/ป4\n---\n",
    );
    write("ลิงก์อันตราย.md", "---\ntitle: ลิงก์อันตราย\nurl: javascript:alert(1)\n---\n");
    (tmp, site)
}

fn built(site: &Path, audience: &str) -> PathBuf {
    let out = site.join(format!("public-{audience}"));
    let o = build(site, &["--output", out.to_str().unwrap(), "--audience", audience]);
    assert!(o.status.success(), "{}", text(&o));
    out
}

/// The `<iframe …>` tags of a page.
fn iframes(html: &str) -> Vec<&str> {
    html.match_indices("<iframe").map(|(i, _)| &html[i..i + html[i..].find('>').unwrap()]).collect()
}

#[test]
fn links_are_embedded_or_shown_as_cards_and_hostile_ones_are_not_published() {
    let (_tmp, site) = site();
    let out = built(&site, "public");
    let page = std::fs::read_to_string(out.join("portfolios/kru-clean/1.3/index.html")).unwrap();
    let frames = iframes(&page);
    assert_eq!(frames.len(), 2, "{frames:#?}");
    let yt = frames.iter().find(|f| f.contains("youtube")).expect("a YouTube player");
    assert!(yt.contains(r#"src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90""#), "{yt}");
    let drive = frames.iter().find(|f| f.contains("drive.google.com")).expect("a Drive player");
    assert!(
        drive.contains(r#"src="https://drive.google.com/file/d/1AbCdEfGhIjKlMnOpQr/preview""#),
        "{drive}"
    );
    for f in &frames {
        for attr in [
            "loading=\"lazy\"",
            "referrerpolicy=\"strict-origin-when-cross-origin\"",
            "sandbox=\"allow-scripts allow-same-origin allow-popups allow-presentation\"",
            "title=\"",
        ] {
            assert!(f.contains(attr), "{attr} missing in {f}");
        }
    }
    // The fallback links to the originals, the cards, the body shown like a note.
    assert!(page.contains(r#"href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=1m30s" rel="noopener noreferrer nofollow""#), "{page}");
    assert!(page.contains(&format!(r#"href="{}" rel="noopener noreferrer nofollow""#, DRIVE)));
    assert!(page.contains(r#"href="https://worksheets.example.org/fractions?level=4&amp;lang=th" rel="noopener noreferrer nofollow""#));
    assert!(page
        .contains(r#"href="https://classroom.example.ac.th/%E0%B8%9B4" rel="noopener noreferrer nofollow""#));
    assert!(page.contains(r#"<span class="link-card__host">classroom.example.ac.th</span>"#));
    assert!(page.contains("<strong>บัตรภาพ</strong>"), "the link's body is shown");
    assert!(page.contains("สอนครบหนึ่งคาบ"), "the description is shown");
    // The hostile link: a placeholder that says why, and in no output byte.
    assert!(page.contains("ไม่เผยแพร่ลิงก์นี้"), "{page}");
    for f in files(&out) {
        let bytes = read_output(&out, &f);
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        assert!(!text.contains("javascript:alert"), "{f} holds the hostile link");
    }
    // The CSP allows the site's own frames (its PDFs, embedded with <object>) and exactly the two link hosts.
    assert!(
        page.contains("frame-src 'self' https://www.youtube-nocookie.com https://drive.google.com;"),
        "CSP"
    );
    let csp = page.split("Content-Security-Policy\" content=\"").nth(1).unwrap().split('"').next().unwrap();
    let frame_src: Vec<&str> = csp.split(';').map(str::trim).filter(|d| d.starts_with("frame-src")).collect();
    assert_eq!(frame_src, ["frame-src 'self' https://www.youtube-nocookie.com https://drive.google.com"]);
    assert_eq!(
        krufolio::portfolio::link::FRAME_SOURCES.join(" "),
        "https://www.youtube-nocookie.com https://drive.google.com"
    );
}

#[test]
fn a_hostile_link_is_a_v012_finding_and_links_count_as_evidence() {
    let (_tmp, site) = site();
    let o = krufolio(&["--root", site.to_str().unwrap(), "lint", "--format", "json", "--color", "never"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let v012: Vec<&serde_json::Value> =
        report["findings"].as_array().unwrap().iter().filter(|f| f["rule"] == "V012").collect();
    assert_eq!(v012.len(), 1, "{v012:#?}");
    assert!(v012[0]["path"].as_str().unwrap().ends_with("ลิงก์อันตราย.md"), "{}", v012[0]);
    assert_eq!(v012[0]["line"], 3);
    assert_eq!(v012[0]["indicator"], "1.3");
    assert_eq!(o.status.code(), Some(1), "V012 is an error");
    // Without the hostile link, indicator 1.3 has no finding, and the review
    // matrix counts its four links beside the fixture's one file for 1.3.
    std::fs::remove_file(site.join("content/portfolios/kru-clean/1.3 จัดกิจกรรมการเรียนรู้/ลิงก์อันตราย.md"))
        .unwrap();
    let o = krufolio(&["--root", site.to_str().unwrap(), "lint", "--format", "json", "--color", "never"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let about_13: Vec<&serde_json::Value> =
        report["findings"].as_array().unwrap().iter().filter(|f| f["indicator"] == "1.3").collect();
    assert!(about_13.is_empty(), "{about_13:#?}");
    let out = built(&site, "review");
    let dash = std::fs::read_to_string(out.join("review/index.html")).unwrap();
    assert!(dash.contains("มี 5"), "the dashboard counts the four links of 1.3 (and the fixture's file)");
}

#[test]
fn the_page_with_embedded_links_has_no_csp_violation_in_chromium() {
    let (_tmp, site) = site();
    let out = built(&site, "public");
    if !http::browser_tools(&["playwright-core"]) {
        return;
    }
    let base = http::serve(out);
    let o = http::browser_script("csp.mjs", [base.as_str(), "/portfolios/kru-clean/1.3/"]);
    let lines = http::json_lines(&o);
    eprintln!("{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert_eq!(lines[0]["violations"], serde_json::json!([]), "{}", lines[0]);
    assert_eq!(lines[0]["iframes"], 2, "{}", lines[0]);
    assert_eq!(lines[0]["lazy"], 2, "{}", lines[0]);
}

#[test]
fn url_in_a_files_own_sidecar_is_a_warning_not_silently_ignored() {
    let (_tmp, site) = site();
    let dir = site.join("content/portfolios/kru-clean/1.3 จัดกิจกรรมการเรียนรู้");
    std::fs::write(dir.join("ภาพกิจกรรม.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    std::fs::write(dir.join("ภาพกิจกรรม.md"), format!("---\ntitle: ภาพกิจกรรม\nurl: {YOUTUBE}\n---\n"))
        .unwrap();
    let o = krufolio(&["--root", site.to_str().unwrap(), "lint", "--format", "json", "--color", "never"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let about: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"].as_str().is_some_and(|p| p.ends_with("ภาพกิจกรรม.md")))
        .collect();
    assert_eq!(about.len(), 1, "{about:#?}");
    assert_eq!(about[0]["severity"], "warning", "{}", about[0]);
    assert!(
        about[0]["message_en"].as_str().unwrap().contains("url: in this sidecar is not used"),
        "{}",
        about[0]
    );
}

#[test]
fn a_binary_webloc_from_macos_is_a_link_card() {
    let (_tmp, site) = site();
    let dir = site.join("content/portfolios/kru-clean/1.3 จัดกิจกรรมการเรียนรู้");
    let mut dict = plist::Dictionary::new();
    dict.insert("URL".into(), plist::Value::String("https://lessons.example.org/ชุดที่-2".into()));
    let mut bytes = Vec::new();
    plist::Value::Dictionary(dict).to_writer_binary(&mut bytes).unwrap();
    assert!(bytes.starts_with(b"bplist00"));
    std::fs::write(dir.join("บทเรียนออนไลน์.webloc"), &bytes).unwrap();
    let out = built(&site, "public");
    let page = std::fs::read_to_string(out.join("portfolios/kru-clean/1.3/index.html")).unwrap();
    let card = page
        .split("class=\"link-card__link\"")
        .skip(1)
        .find(|c| c.contains("link-card__title\">บทเรียนออนไลน์<"))
        .expect("a card for the binary webloc");
    assert!(card.contains("lessons.example.org"), "{card}");
}

/// Issue 12: a link `.md` at the top of a portfolio folder (in no indicator
/// folder, no `indicators:`) showed on no page and lint said nothing. Lint now
/// warns (C004 evidence-not-filed) with the file and the line of its `url:`, and says the fix; once
/// it has `indicators:` the warning goes and it shows on that indicator's page.
#[test]
fn a_link_in_no_indicator_folder_is_a_warning_naming_the_fix_regression() {
    let (_tmp, site) = site();
    let top = site.join("content/portfolios/kru-clean/คลิปเพิ่มเติม.md");
    std::fs::write(&top, "---\ntitle: คลิปเพิ่มเติม\nurl: https://classroom.example.ac.th/extra\n---\n").unwrap();
    let lint = || krufolio(&["--root", site.to_str().unwrap(), "lint", "--color", "never", "--no-media"]);
    let log = text(&lint());
    let at = log.lines().position(|l| l.contains("คลิปเพิ่มเติม.md:3")).unwrap_or_else(|| panic!("{log}"));
    assert!(log.contains("C004"), "{log}");
    assert!(log.contains("shows on no page") && log.contains("indicators: [\"1.1\"]"), "line {at}: {log}");

    std::fs::write(
        &top,
        "---\ntitle: คลิปเพิ่มเติม\nindicators: [\"1.1\"]\nurl: https://classroom.example.ac.th/extra\n---\n",
    )
    .unwrap();
    let log = text(&lint());
    assert!(!log.contains("shows on no page"), "{log}");
    let out = built(&site, "public");
    let page = std::fs::read_to_string(out.join("portfolios/kru-clean/1.1/index.html")).unwrap();
    assert!(page.contains("classroom.example.ac.th/extra"), "the link shows under 1.1");
}
