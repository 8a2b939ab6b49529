//! Stage timings for profiling: with `KRUFOLIO_TIMINGS` set, each stage
//! prints how long it took to stderr. Used by the build, the search index,
//! `lint` and `serve`; depends on nothing in the crate.

/// Stage timings, printed to stderr when `KRUFOLIO_TIMINGS` is set.
pub struct Clock {
    last: Option<std::time::Instant>,
}

impl Clock {
    /// Starts timing if `KRUFOLIO_TIMINGS` is set.
    pub fn start() -> Clock {
        Clock { last: std::env::var_os("KRUFOLIO_TIMINGS").map(|_| std::time::Instant::now()) }
    }

    /// Prints the time since the last lap.
    pub fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            eprintln!("  {stage:<10} {:>8.1} ms", last.elapsed().as_secs_f64() * 1e3);
            self.last = Some(std::time::Instant::now());
        }
    }
}
