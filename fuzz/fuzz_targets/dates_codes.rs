//! Fuzzes Thai/BE date parsing (`src/date.rs`) and indicator-code
//! normalisation (`src/content/code.rs`); both are std-only, so they are
//! compiled here on their own.
//!
//! Run: `cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run dates_codes -- -max_total_time=60`.
//! Checks: no panic; a parsed date prints as ISO and parses back to itself;
//! a normalised code is ASCII digits and dots and normalises to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../src/date.rs"]
mod date;

#[allow(dead_code)]
#[path = "../../src/content/code.rs"]
mod code;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(d) = date::Date::parse(text) {
        let iso = d.iso();
        assert_eq!(date::Date::parse(&iso).map(|x| x.iso()).ok(), Some(iso.clone()), "{text:?} → {iso}");
    }
    let _ = date::thai_digits(text);
    if let Some(c) = code::normalize_code(text) {
        assert!(c.chars().all(|ch| ch.is_ascii_digit() || ch == '.'), "{text:?} → {c:?}");
        assert_eq!(code::normalize_code(&c).as_deref(), Some(c.as_str()), "idempotent");
    }
});
