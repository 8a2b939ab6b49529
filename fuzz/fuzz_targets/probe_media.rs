//! Fuzzes the media probe (`krufolio::assets::media::probe`) on MP4/MOV,
//! JPEG/PNG/WebP and PDF bytes, and the cleaner that decides what is
//! published (`assets::clean::for_publish`). Links the krufolio library
//! (`--features lib`).
//!
//! Run: `cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run --features lib probe_media -- -max_total_time=120`.
//! Checks: no panic (the probe catches its own, so a caught panic, reported
//! as "internal error", is a failure here too).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let ext = ["mp4", "mov", "jpg", "png", "webp", "pdf", "heic", "docx"][pick as usize % 8];
    let dir = std::env::temp_dir().join(format!("krufolio-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!("input.{ext}"));
    std::fs::write(&path, bytes).unwrap();
    let info = krufolio::assets::media::probe(&path, ext);
    assert!(!info.error.as_deref().unwrap_or("").contains("internal error"), "{info:?}");
    let _ = krufolio::assets::clean::for_publish(&path, &dir.join("cache"));
});
