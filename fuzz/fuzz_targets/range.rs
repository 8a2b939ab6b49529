//! Fuzzes the HTTP `Range` header parser of `serve` (`src/serve/range.rs`,
//! std-only, compiled here on its own).
//!
//! Run: `cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run range -- -max_total_time=60`.
//! Checks: no panic; an accepted range lies inside the file and is never
//! longer than the largest answer `serve` sends at once.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../src/serve/range.rs"]
mod range;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let len = u64::from_le_bytes(data[..8].try_into().unwrap()) >> (data[0] % 64);
    let Ok(value) = std::str::from_utf8(&data[8..]) else { return };
    if let Some((start, end)) = range::parse_range(value, len) {
        assert!(start <= end && end < len, "{value:?} on {len}: {start}-{end}");
        assert!(end - start < range::MAX_RANGE, "{value:?}: never more than MAX_RANGE at once");
    }
});
