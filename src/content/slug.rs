//! Slugs and URL encoding that keep Thai readable.
//!
//! Zola transliterates Thai to Latin and Hugo drops the vowel and tone marks;
//! krufolio keeps the exact Thai text (vowels and tone marks included) and
//! percent-encodes it only where a URL needs it.

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

/// Characters encoded inside one URL path segment.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'/')
    .add(b'\\')
    .add(b'^')
    .add(b'|')
    .add(b'[')
    .add(b']');

/// Is `c` kept in a slug? ASCII letters and digits, `-`, `_`, `.`, every
/// letter or number, and the whole Thai block except its punctuation marks
/// (๏ ๚ ๛) — so above/below vowels and tone marks survive.
fn keep(c: char) -> bool {
    match c {
        '\u{0E4F}' | '\u{0E5A}' | '\u{0E5B}' => false,
        '\u{0E01}'..='\u{0E7F}' => true,
        '-' | '_' | '.' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Makes a slug: lowercase ASCII, whitespace → `-`, other punctuation
/// dropped, repeated `-` folded, Thai kept as is.
pub fn slugify(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.trim().chars() {
        if c.is_whitespace() || c == '-' {
            if !out.is_empty() {
                dash = true;
            }
        } else if keep(c) {
            if dash {
                out.push('-');
                dash = false;
            }
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Percent-encodes a URL path (keeps `/`).
pub fn encode_path(path: &str) -> String {
    path.split('/').map(|seg| utf8_percent_encode(seg, SEGMENT).to_string()).collect::<Vec<_>>().join("/")
}

/// The site URL of an output path (`portfolios/ครู/` → `/pa/portfolios/%E0…/`):
/// the base path, then the path percent-encoded. The one place site URLs are made.
pub fn url(config: &crate::config::Config, path: &str) -> String {
    format!("{}{}", config.base_path, encode_path(path))
}

/// Decodes a percent-encoded URL path.
pub fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_thai_marks() {
        assert_eq!(slugify("หน้า 5 หลักฐาน"), "หน้า-5-หลักฐาน");
        assert_eq!(slugify("การเขียน PA: ครูผู้ช่วย!"), "การเขียน-pa-ครูผู้ช่วย");
        assert_eq!(slugify("  Hello   World  "), "hello-world");
        assert_eq!(slugify("๑.๓ จัดกิจกรรม"), "๑.๓-จัดกิจกรรม");
        assert_eq!(slugify("เกณฑ์ 70%"), "เกณฑ์-70");
    }

    #[test]
    fn encodes_and_decodes() {
        let e = encode_path("/คู่มือ/a b/");
        assert!(e.starts_with("/%E0%B8%84"), "{e}");
        assert!(e.contains("/a%20b/"));
        assert_eq!(decode(&e), "/คู่มือ/a b/");
    }
}
