//! The HTTP `Range` header of `serve` (video seeking): std-only, so the
//! fuzz target `range` compiles it on its own.

/// Largest byte range answered at once; players ask for the rest.
pub const MAX_RANGE: u64 = 8 << 20;

/// Parses `bytes=START-[END]` (one range) against a file of `len` bytes.
pub fn parse_range(value: &str, len: u64) -> Option<(u64, u64)> {
    let spec = value.strip_prefix("bytes=")?;
    let (a, b) = spec.split_once('-')?;
    let (start, end) = if a.is_empty() {
        let n: u64 = b.parse().ok()?;
        (len.saturating_sub(n), len.checked_sub(1)?)
    } else {
        let start: u64 = a.parse().ok()?;
        let end =
            if b.is_empty() { len.checked_sub(1)? } else { b.parse::<u64>().ok()?.min(len.checked_sub(1)?) };
        (start, end)
    };
    (start <= end && end < len).then(|| (start, end.min(start.saturating_add(MAX_RANGE - 1))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges() {
        assert_eq!(parse_range("bytes=0-99", 1000), Some((0, 99)));
        assert_eq!(parse_range("bytes=900-", 1000), Some((900, 999)));
        assert_eq!(parse_range("bytes=-100", 1000), Some((900, 999)));
        assert_eq!(parse_range("bytes=0-", 100 << 20), Some((0, MAX_RANGE - 1)));
        assert_eq!(parse_range("bytes=1000-", 1000), None);
        assert_eq!(parse_range("bytes=5-1", 1000), None);
        assert_eq!(parse_range("items=0-1", 1000), None);
    }

    #[test]
    fn huge_start_does_not_overflow_fuzz_regression() {
        // Found by fuzz/fuzz_targets/range.rs: `then_some` computed
        // `start + MAX_RANGE` even for a refused range, which overflowed.
        assert_eq!(parse_range("bytes=18446744073709551615-", 1000), None);
        assert_eq!(parse_range("bytes=-0", u64::MAX - 5), None);
        assert_eq!(parse_range("bytes=18446744073709551610-", u64::MAX), Some((u64::MAX - 5, u64::MAX - 1)));
    }
}
