//! Indicator codes as teachers write them: `1.3`, `๑.๓`, `1.3-x`,
//! `01.03 …`. Std-only (with [`crate::date`]), so the fuzz target compiles
//! it on its own.

use crate::date::ascii_digits;

/// Normalises an indicator code: Thai digits → ASCII, surrounding space and
/// a trailing dot removed, and anything after the code (`1.3-x`, `1.3_…`,
/// `๑.๓ จัดกิจกรรม`) dropped. Returns `None` unless the text starts with a
/// code of the form `N.N` (more levels allowed: `1.2.3`).
pub fn normalize_code(text: &str) -> Option<String> {
    let s = ascii_digits(text.trim());
    let code: String = s.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let code = code.trim_end_matches('.');
    let parts: Vec<&str> = code.split('.').collect();
    if parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && p.len() <= 3) {
        // Drop leading zeros: "01.03" is "1.3".
        Some(
            parts
                .iter()
                .map(|p| p.trim_start_matches('0').to_string())
                .map(|p| if p.is_empty() { "0".into() } else { p })
                .collect::<Vec<_>>()
                .join("."),
        )
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(normalize_code("๑.๓ จัดกิจกรรม").as_deref(), Some("1.3"));
        assert_eq!(normalize_code("01.03_x").as_deref(), Some("1.3"));
        assert_eq!(normalize_code("1.3.").as_deref(), Some("1.3"));
        assert_eq!(normalize_code("abc"), None);
        assert_eq!(normalize_code("1"), None);
    }
}
