//! Fuzzes the whole media probe (`assets::media::probe`): magic-byte
//! sniffing, the MP4/MOV box walk with mp4parse, image headers and decoding,
//! PDF page counts and encryption, the Office zip check; and the cleaner
//! that decides what is published (`assets::clean::for_publish`). Each input
//! is written to a temporary file under every extension the probe knows.
//!
//! Run: `cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run media_probe -- -max_total_time=120`.
//! Checks: no panic (the probe's own `catch_unwind` is bypassed by the
//! fuzzer's panic hook, so any panic is a crash), every error is bilingual.
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
}

mod privacy {
    #[path = "../../../src/privacy/withhold.rs"]
    pub mod withhold;
}

mod portfolio {
    #[path = "../../../src/portfolio/model.rs"]
    pub mod model;
    #[path = "../../../src/portfolio/names.rs"]
    pub mod names;
}

mod assets {
    #[path = "../../../src/assets/budget.rs"]
    pub mod budget;
    #[path = "../../../src/assets/clean/mod.rs"]
    pub mod clean;
    #[path = "../../../src/assets/images.rs"]
    pub mod images;
    #[path = "../../../src/assets/media.rs"]
    pub mod media;
}

const EXTS: [&str; 6] = ["mp4", "jpg", "png", "pdf", "heic", "docx"];

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("krufolio-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for ext in EXTS {
        let path = dir.join(format!("f.{ext}"));
        std::fs::write(&path, data).unwrap();
        let info = assets::media::probe(&path, ext);
        for e in info.error.iter().chain(&info.clean_error) {
            assert!(!e.th.is_empty() && !e.en.is_empty(), "{e:?}");
        }
    }
    let _ = assets::clean::for_publish(&dir.join("f.mp4"), &dir.join("cache"));
});
