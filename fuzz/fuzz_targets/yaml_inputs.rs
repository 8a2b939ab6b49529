//! Fuzzes what teachers and districts write in YAML: a page's front matter
//! (`content::front_matter::split` + `parse`) and a portfolio's
//! `portfolio.yaml` and sidecars (`portfolio::manifest`), with the YAML
//! wrapper (`yaml.rs`, its duplicate-key and key-line scanners) under them.
//! The modules are compiled here on their own, in the crate's layout.
//!
//! Run: `cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run yaml_inputs -- -max_total_time=120`.
//! Checks: no panic; every error names a line inside the text (counted as
//! YAML counts them: a crash found this way was a lone-`\r` file, where the
//! harness, not krufolio, counted wrong).
#![no_main]
#![allow(dead_code, unused_imports)]

use libfuzzer_sys::fuzz_target;

#[path = "../../src/date.rs"]
mod date;
#[path = "../../src/diagnostic.rs"]
mod diagnostic;
#[path = "../../src/fs.rs"]
mod fs;
#[path = "../../src/text.rs"]
mod text;
#[path = "../../src/yaml.rs"]
mod yaml;

mod content {
    #[path = "../../../src/content/code.rs"]
    pub mod code;
    #[path = "../../../src/content/front_matter.rs"]
    pub mod front_matter;
}

mod privacy {
    #[path = "../../../src/privacy/withhold.rs"]
    pub mod withhold;
}

mod portfolio {
    #[path = "../../../src/portfolio/manifest.rs"]
    pub mod manifest;
    #[path = "../../../src/portfolio/model.rs"]
    pub mod model;
    #[path = "../../../src/portfolio/names.rs"]
    pub mod names;
}

use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // YAML breaks lines at \r\n, \r and \n (a classic Mac file has only \r).
    let lines = text.replace("\r\n", "\n").matches(['\r', '\n']).count() + 1;
    let within = |d: &diagnostic::Diagnostic| assert!(d.line.is_none_or(|l| l >= 1 && l <= lines), "{d:?} in {lines} lines");
    let page = Path::new("content/page.md");
    match content::front_matter::split(page, text) {
        Ok(split) => {
            if let Err(d) = content::front_matter::parse(page, split.yaml) {
                within(&d);
            }
        }
        Err(d) => within(&d),
    }
    let (_, manifest, _) = portfolio::manifest::parse_manifest(Path::new("portfolio.yaml"), text);
    if let Err(d) = manifest {
        within(&d);
    }
    let _ = yaml::first_duplicate_key(text);
    let _ = yaml::line_of_key(text, &["committee", "members"]);
});
