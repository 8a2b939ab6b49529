//! Media probing (placeholder until the probe module lands in this session).
use std::path::Path;

/// True for extensions probe() looks into.
pub fn probes(_ext: &str) -> bool {
    false
}

/// Probes a file.
pub fn probe(_path: &Path, _ext: &str) -> crate::portfolio::MediaInfo {
    crate::portfolio::MediaInfo::default()
}
