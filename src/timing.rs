//! Stage timings for profiling: with `KRUFOLIO_TIMINGS` set, each stage
//! prints how long it took to stderr, and (on glibc) how much heap is in
//! use when it ends, so a district build shows which stage holds its memory.
//! Used by the build, the search index, `lint` and `serve`; depends on
//! nothing in the crate.

/// Stage timings, printed to stderr when `KRUFOLIO_TIMINGS` is set.
pub struct Clock {
    last: Option<std::time::Instant>,
}

impl Clock {
    /// Starts timing if `KRUFOLIO_TIMINGS` is set.
    pub fn start() -> Clock {
        Clock { last: std::env::var_os("KRUFOLIO_TIMINGS").map(|_| std::time::Instant::now()) }
    }

    /// Prints the time since the last lap, and the heap in use now.
    pub fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            let ms = last.elapsed().as_secs_f64() * 1e3;
            match heap_in_use() {
                Some(b) => eprintln!("  {stage:<12} {ms:>9.1} ms  heap {:>6.1} MB", b as f64 / 1e6),
                None => eprintln!("  {stage:<12} {ms:>9.1} ms"),
            }
            self.last = Some(std::time::Instant::now());
        }
    }
}

/// Bytes the allocator has handed out and not taken back (all arenas plus
/// the blocks it mapped on their own), where glibc can say.
fn heap_in_use() -> Option<usize> {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: mallinfo2 only reads the allocator's counters (glibc ≥ 2.33).
        let m = unsafe { libc::mallinfo2() };
        Some(m.uordblks + m.hblkhd)
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    None
}
