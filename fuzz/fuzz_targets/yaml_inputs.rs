//! Fuzzes what teachers and districts type: front matter (split + parse),
//! `portfolio.yaml` (the manifest parser, private-value blanking included)
//! and the Markdown sanitiser for teacher text. Links the krufolio library.
//!
//! Run: `cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run yaml_inputs -- -max_total_time=120`.
//! Checks: no panic, no hang (alias bombs are bounded by the YAML crate);
//! sanitised HTML never holds a `<script` tag or an `on…=` attribute.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(split) = krufolio::content::front_matter::split(Path::new("fuzz.md"), text) {
        let _ = krufolio::content::front_matter::parse(Path::new("fuzz.md"), split.yaml);
    }
    let _ = krufolio::content::portfolios::parse_manifest(text);
    let html = krufolio::privacy::sanitize::teacher_markdown(text);
    for tag in html.split('<').skip(1) {
        let tag = tag.split('>').next().unwrap_or("").to_ascii_lowercase();
        assert!(!tag.starts_with("script"), "{html}");
    }
});
