//! Fuzzes the hand-written byte code of published media: the image metadata
//! stripper (`src/assets/images.rs`) and the ISO-BMFF location scan
//! (`src/assets/clean/boxes.rs`). Both depend on nothing in the crate but
//! `src/text.rs`, so they are compiled here on their own.
//!
//! Run: `cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run strip_images -- -max_total_time=120`.
//! Checks: no panic; a stripped image strips to itself; a scan's spans lie
//! inside the file and freeing them keeps its size.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../src/assets/images.rs"]
mod images;

#[allow(dead_code)]
#[path = "../../src/assets/clean/boxes.rs"]
mod boxes;

// `boxes` reports errors as `crate::text::Text`.
#[allow(dead_code)]
#[path = "../../src/text.rs"]
mod text;

fuzz_target!(|data: &[u8]| {
    let out = images::strip_metadata(data);
    if !out.is_empty() && out != data {
        assert_eq!(images::strip_metadata(&out), out, "stripping is idempotent");
    }
    let len = data.len() as u64;
    if let Ok(scan) = boxes::scan_file(&mut std::io::Cursor::new(data), len) {
        for s in &scan.spans {
            assert!(s.header <= s.size && s.start + s.size <= len, "{s:?} inside {len} bytes");
        }
        let mut w = std::io::Cursor::new(data.to_vec());
        boxes::apply(&mut w, &scan.spans).unwrap();
        assert_eq!(w.get_ref().len(), data.len());
        let again = boxes::scan_file(&mut std::io::Cursor::new(w.get_ref()), len).unwrap();
        assert!(again.spans.is_empty(), "freed boxes are gone: {:?}", again.spans);
    }
});
