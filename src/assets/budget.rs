//! The one budget of decoded pixels (issue #11): every full-size or scaled image decode,
//! in the media probe ([`super::media`]) and the thumbnailer ([`super::thumbs`]), first
//! takes its pixels from it and gives them back when it is done with them, so peak memory
//! is bounded whatever the number of threads and the size of the photos. An image that
//! needs more than the whole budget is never decoded.
//!
//! Depends on nothing in the crate (`fuzz/` compiles it with the probe).

use std::sync::{Condvar, Mutex};

/// Decoded pixels held at once by every image decode together (and so the most one image
/// may need): 48 MP, about 144 MB of RGB. A 4000×3000 JPEG's thumbnails need 3 MP (it is
/// decoded at 1/2 scale).
pub const PIXELS: u64 = 48_000_000;

/// Pixels being decoded or resized now, shared by every thread.
pub struct Budget {
    used: Mutex<u64>,
    freed: Condvar,
}

/// The process's one budget.
static BUDGET: Budget = Budget { used: Mutex::new(0), freed: Condvar::new() };

/// Waits until `pixels` fit in the process's budget and takes them; an error (English,
/// for the caller's bilingual message) when they never can.
pub fn take(pixels: u64) -> Result<Permit, String> {
    BUDGET.take(pixels)
}

/// Pixels taken from a [`Budget`]; given back when dropped.
pub struct Permit {
    budget: &'static Budget,
    pixels: u64,
}

impl Budget {
    /// Waits until `pixels` fit in the budget and takes them; an error when they never can.
    fn take(&'static self, pixels: u64) -> Result<Permit, String> {
        if pixels > PIXELS {
            return Err(format!(
                "it would take {pixels} decoded pixels, more than the {PIXELS} allowed at once"
            ));
        }
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        while *used + pixels > PIXELS {
            used = self.freed.wait(used).unwrap_or_else(|e| e.into_inner());
        }
        *used += pixels;
        Ok(Permit { budget: self, pixels })
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut used = self.budget.used.lock().unwrap_or_else(|e| e.into_inner());
        *used -= self.pixels;
        self.budget.freed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decode_waits_for_the_pixels_of_another_to_be_given_back() {
        static LOCAL: Budget = Budget { used: Mutex::new(0), freed: Condvar::new() };
        let used = || *LOCAL.used.lock().unwrap();
        let big = LOCAL.take(PIXELS - 10).unwrap();
        let waiting = std::thread::spawn(|| LOCAL.take(20).map(|p| p.pixels));
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(!waiting.is_finished(), "20 more pixels do not fit while the first photo holds its own");
        drop(big);
        assert_eq!(waiting.join().unwrap(), Ok(20));
        assert_eq!(used(), 0, "every permit gave its pixels back");
        assert!(LOCAL.take(PIXELS + 1).is_err());
    }
}
