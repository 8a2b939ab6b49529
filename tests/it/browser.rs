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
