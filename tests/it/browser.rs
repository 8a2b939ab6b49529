//! Live reload in a real browser (issue #2): Debian's chromium, driven by
//! Playwright (`tests/browser/livereload.mjs`), against `krufolio serve`.

use crate::common::*;

#[test]
fn page_edit_reloads_a_real_browser_and_overlay_comes_and_goes() {
    if !http::browser_tools(&["playwright-core"]) {
        return;
    }
    let (_tmp, site) = fixture("basic");
    let server = Server::start(&site);
    let url = server.url();
    let page = site.join("content/guides/writing.md");
    let o = http::browser_script(
        "livereload.mjs",
        [std::ffi::OsString::from(format!("{url}guides/writing/")), page.into()],
    );
    drop(server);
    let out = text(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("ok: edit reloaded the browser"), "{out}");
    assert!(out.contains("ok: overlay cleared after the fix"), "{out}");
}

/// Regression (issue #12): the overlay was set in `sans-serif`, and on a
/// machine without a Thai system font its Thai showed as tofu boxes. It now
/// uses the site's font (Sarabun, loaded), on a site page and on the bare
/// page served when the very first build fails.
#[test]
fn error_overlay_thai_is_set_in_the_sites_loaded_font_not_tofu() {
    if !http::browser_tools(&["playwright-core"]) {
        return;
    }
    let (_tmp, site) = fixture("basic");
    let page = site.join("content/guides/writing.md");
    let broken = "---\ntitle: การเขียน PA\nweight: [1\n---\nเนื้อหา\n";
    // 1. The first build fails: no last good site, the bare error page.
    std::fs::write(&page, broken).unwrap();
    let bare = Server::start(&site);
    let bare_url = format!("{}guides/writing/", bare.url());
    // 2. A good site, then a broken edit: the overlay on a site page.
    let (_tmp2, site2) = fixture("basic");
    let good = Server::start(&site2);
    std::fs::write(site2.join("content/guides/writing.md"), broken).unwrap();
    let site_url = format!("{}guides/writing/", good.url());
    let o = http::browser_script("overlay.mjs", [bare_url.as_str(), site_url.as_str()]);
    drop((bare, good));
    assert!(o.status.success(), "{}", text(&o));
    let lines = http::json_lines(&o);
    assert_eq!(lines.len(), 2, "{}", text(&o));
    for v in lines {
        let family = v["fontFamily"].as_str().unwrap_or_default();
        assert!(family.trim_start_matches('"').starts_with("Sarabun"), "overlay font is {family}: {v}");
        assert_eq!(v["thaiLoaded"], true, "Sarabun's Thai face not loaded: {v}");
        assert_eq!(v["check"], true, "the overlay's Thai text is not covered by loaded fonts: {v}");
    }
}
