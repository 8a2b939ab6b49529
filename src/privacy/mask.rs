//! Masking of Thai national IDs and phone numbers in published text (PDPA).
//!
//! The linter reports these numbers (R001, R002) so teachers can remove them;
//! the build masks whatever is left, in page text, file names, the search
//! index (made from masked pages), the build marker and `lint.json`:
//! `1-1017-xxxxx-xx-0` for a national ID (valid check digit only) and
//! `08x-xxx-5678` for a phone number. Thai digits count as digits. Detection
//! lives here only: the linter's rules call [`national_ids`] and
//! [`phone_numbers`], so what lint reports is what the build masks.

use std::borrow::Cow;

/// The value of an ASCII or Thai digit.
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{0E50}'..='\u{0E59}' => Some((c as u32 - 0x0E50) as u8),
        _ => None,
    }
}

/// Is this a Thai national ID (13 digits, mod-11 check digit)?
pub fn valid_national_id(d: &[u8]) -> bool {
    if d.len() != 13 || d[0] == 0 {
        return false;
    }
    let sum: u32 = d[..12].iter().enumerate().map(|(i, x)| *x as u32 * (13 - i as u32)).sum();
    (11 - sum % 11) % 10 == d[12] as u32
}

/// Is this a Thai phone number: mobile `0[689]x xxx xxxx` (10 digits) or
/// landline `0[2-7]x xxx xxx` (9 digits)? `66…` (written `+66`) counts with
/// its leading zero dropped.
pub fn phone_digits(d: &[u8], plus66: bool) -> Option<Vec<u8>> {
    let d: Vec<u8> = if plus66 && d.starts_with(&[6, 6]) {
        std::iter::once(0).chain(d[2..].iter().copied()).collect()
    } else {
        d.to_vec()
    };
    let ok = d.first() == Some(&0)
        && ((d.len() == 10 && matches!(d.get(1), Some(6 | 8 | 9)))
            || (d.len() == 9 && matches!(d.get(1), Some(2..=7))));
    ok.then_some(d)
}

/// What a run of digits is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A national ID (the 13 digits).
    NationalId(Vec<u8>),
    /// A phone number (the digits, with a leading 0).
    Phone(Vec<u8>),
}

/// One number found in a text: byte span and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte offset where the number starts (a `+` of `+66` included).
    pub start: usize,
    /// Byte offset just after it.
    pub end: usize,
    /// What it is.
    pub found: Found,
}

/// Finds national IDs and phone numbers. A run of digits may hold single
/// spaces, `-` or `.` between digits; it must not touch a letter or digit
/// on either side (so hashes and long numbers are left alone).
pub fn find(text: &str) -> Vec<Hit> {
    let bytes = text.as_bytes();
    let mut hits = Vec::new();
    // Jumps from digit to digit on bytes: Thai prose is decoded only around numbers.
    let mut from = 0;
    // One buffer for every run: most runs (dates, sizes, HTML attributes)
    // are no ID, and are not worth an allocation each.
    let mut digits = Vec::new();
    while let Some(pos) = next_digit(bytes, from) {
        let prev = text[..pos].chars().next_back();
        let mut rest = text[pos..].char_indices();
        let first = rest.next().and_then(|(_, c)| digit(c)).unwrap_or_default();
        if prev.is_some_and(|p| p.is_ascii_alphanumeric() || digit(p).is_some()) {
            from = pos + rest.next().map_or(text.len() - pos, |(i, _)| i);
            continue;
        }
        digits.clear();
        digits.push(first);
        // The run: digits, and single separators between two digits.
        loop {
            let mut ahead = rest.clone();
            match ahead.next() {
                Some((_, n)) if digit(n).is_some() => {
                    digits.extend(digit(n));
                    rest = ahead;
                }
                Some((_, '-' | ' ' | '.')) if ahead.clone().next().is_some_and(|n| digit(n.1).is_some()) => {
                    rest = ahead;
                }
                _ => break,
            }
        }
        let after = rest.next();
        let end = after.map_or(text.len(), |c| pos + c.0);
        let next_is_word = after.is_some_and(|n| n.1.is_ascii_alphabetic());
        hits.extend(hit(pos, end, &digits, prev == Some('+'), next_is_word));
        from = end;
    }
    hits
}

/// The byte offset of the first ASCII or Thai digit at or after `from`.
fn next_digit(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'0'..=b'9' => return Some(i),
            0xE0 if b.get(i + 1) == Some(&0xB9)
                && b.get(i + 2).is_some_and(|x| (0x90..=0x99).contains(x)) =>
            {
                return Some(i)
            }
            _ => i += 1,
        }
    }
    None
}

/// The hit of a run of `digits` from byte `pos` to `end` (`plus`: a `+` before it;
/// `next_is_word`: a letter right after it), if it is an ID or a phone number.
fn hit(pos: usize, end: usize, digits: &[u8], plus: bool, next_is_word: bool) -> Option<Hit> {
    let found = if next_is_word {
        None
    } else if valid_national_id(digits) {
        Some(Found::NationalId(digits.to_vec()))
    } else {
        phone_digits(digits, plus).map(Found::Phone)
    }?;
    let start = if plus && matches!(found, Found::Phone(_)) { pos - 1 } else { pos };
    Some(Hit { start, end, found })
}

fn digit_string(d: &[u8]) -> String {
    d.iter().map(|x| char::from(b'0' + x)).collect()
}

/// Thai national IDs (valid checksum) in the text, as digits: exactly what
/// [`mask`] masks.
pub fn national_ids(text: &str) -> Vec<String> {
    numbers(text, true)
}

/// Thai phone numbers in the text, as digits with the leading 0: mobile
/// `0[689]x-xxx-xxxx` (10 digits) or landline `0x-xxx-xxxx` (9 digits),
/// optionally written +66; exactly what [`mask`] masks.
pub fn phone_numbers(text: &str) -> Vec<String> {
    numbers(text, false)
}

/// The national IDs (`national_id`) or the phone numbers found in the text.
fn numbers(text: &str, national_id: bool) -> Vec<String> {
    find(text)
        .into_iter()
        .filter_map(|h| match (h.found, national_id) {
            (Found::NationalId(d), true) | (Found::Phone(d), false) => Some(digit_string(&d)),
            _ => None,
        })
        .collect()
}

impl Found {
    /// Is it a national ID (else a phone number)?
    pub fn is_national_id(&self) -> bool {
        matches!(self, Found::NationalId(_))
    }
    /// Its digits as text (a phone's with the leading 0).
    pub fn digits(&self) -> String {
        match self {
            Found::NationalId(d) | Found::Phone(d) => digit_string(d),
        }
    }
}

/// The masked form of a found number.
pub fn masked(found: &Found) -> String {
    let s = digit_string;
    match found {
        Found::NationalId(d) => format!("{}-{}-xxxxx-xx-{}", d[0], s(&d[1..5]), d[12]),
        Found::Phone(d) if d.len() == 10 => format!("{}x-xxx-{}", s(&d[..2]), s(&d[6..])),
        Found::Phone(d) => format!("{}-xxx-{}", s(&d[..2]), s(&d[5..])),
    }
}

/// Masks every national ID and phone number; returns the text and how many
/// were masked.
pub fn mask(text: &str) -> (Cow<'_, str>, usize) {
    let hits = find(text);
    if hits.is_empty() {
        return (Cow::Borrowed(text), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for h in &hits {
        out.push_str(&text[at..h.start]);
        out.push_str(&masked(&h.found));
        at = h.end;
    }
    out.push_str(&text[at..]);
    (Cow::Owned(out), hits.len())
}

/// Masks the text of a published file (HTML, JSON, XML, text); other bytes
/// are returned as they are. Returns `None` when nothing was masked.
pub fn mask_bytes(bytes: &[u8]) -> Option<(Vec<u8>, usize)> {
    let text = std::str::from_utf8(bytes).ok()?;
    match mask(text) {
        (Cow::Owned(s), n) => Some((s.into_bytes(), n)),
        (Cow::Borrowed(_), _) => None,
    }
}

/// True for an output path whose bytes are text the masking pass reads.
pub fn is_text(path: &str) -> bool {
    [".html", ".json", ".xml", ".txt", ".js", ".css"].iter().any(|e| path.ends_with(e))
}

/// Masks one rendered file in place when it is text; returns how many
/// numbers it masked (`None`: none).
pub fn mask_file(path: &str, bytes: &mut std::sync::Arc<[u8]>) -> Option<usize> {
    if !is_text(path) {
        return None;
    }
    let (new, n) = mask_bytes(bytes)?;
    *bytes = new.into();
    Some(n)
}

/// Masks every text file of a rendered page list in place (in parallel);
/// returns (path, count) for each file that had something masked, sorted.
pub fn mask_files(files: &mut [(String, std::sync::Arc<[u8]>)]) -> Vec<(String, usize)> {
    use rayon::prelude::*;
    let mut masked: Vec<(String, usize)> =
        files.par_iter_mut().filter_map(|(p, bytes)| Some((p.clone(), mask_file(p, bytes)?))).collect();
    masked.sort();
    masked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_national_ids_in_every_spelling() {
        for s in ["1101700230716", "1-1017-00230-71-6", "1 1017 00230 71 6", "๑๑๐๑๗๐๐๒๓๐๗๑๖"]
        {
            let text = format!("เลข {s} ครับ");
            let (m, n) = mask(&text);
            assert_eq!(n, 1, "{s}");
            assert_eq!(m, "เลข 1-1017-xxxxx-xx-6 ครับ", "{s}");
        }
    }

    #[test]
    fn invalid_check_digit_and_long_numbers_are_left_alone() {
        assert_eq!(mask("1101700230717").1, 0);
        assert_eq!(mask("11017002307160").1, 0);
        assert_eq!(mask("a-1101700230716").1, 1, "a dash is a separator, not a letter");
        assert_eq!(mask("x1101700230716").1, 0, "glued to a word");
        assert_eq!(mask("ร้อยละ 80 ของนักเรียน 35 คน ปี 2567").1, 0);
    }

    #[test]
    fn masks_phone_numbers() {
        let (m, n) = mask("โทร 081-234-5678 หรือ 0812345678 หรือ +66 81 234 5678 หรือ 02-123-4567");
        assert_eq!(n, 4);
        assert_eq!(m, "โทร 08x-xxx-5678 หรือ 08x-xxx-5678 หรือ 08x-xxx-5678 หรือ 02-xxx-4567");
        assert_eq!(mask("ครูมานี 0812345678.jpg").0, "ครูมานี 08x-xxx-5678.jpg");
    }

    #[test]
    fn national_id_checksum() {
        // 1·13 + 1·12 + 0 + 1·10 + 7·9 + 0 + 0 + 2·6 + 3·5 + 0 + 7·3 + 1·2 = 148;
        // 148 mod 11 = 5; (11 − 5) mod 10 = 6.
        assert_eq!(national_ids("เลขประจำตัว 1-1017-00230-71-6 ครับ"), vec!["1101700230716"]);
        assert!(national_ids("1101700230719").is_empty(), "bad checksum");
        assert!(national_ids("๑๑๐๑๗๐๐๒๓๐๗๑๖").len() == 1, "Thai digits");
        assert!(national_ids("รหัส 2567").is_empty());
    }

    #[test]
    fn phones() {
        assert_eq!(phone_numbers("โทร 081-234-5678"), vec!["0812345678"]);
        assert_eq!(phone_numbers("โทร 02 123 4567"), vec!["021234567"]);
        assert_eq!(phone_numbers("+66 81 234 5678"), vec!["0812345678"]);
        assert!(phone_numbers("ร้อยละ 80 ปี 2567").is_empty());
        assert!(phone_numbers("คำสั่งที่ 45/2567").is_empty());
    }

    #[test]
    fn next_digit_sees_ascii_and_thai_digits_only() {
        let at = |t: &str| next_digit(t.as_bytes(), 0);
        assert_eq!(at("ปี 2567"), Some("ปี ".len()));
        assert_eq!(at("ปี ๒๕๖๗"), Some("ปี ".len()));
        assert_eq!((at("๙"), at("0")), (Some(0), Some(0)));
        assert_eq!(next_digit("1ก2".as_bytes(), 1), Some("1ก".len()));
        // Thai letters share the lead bytes E0 B8/B9 with the digits; none of them is one.
        assert_eq!(at("ผู้ประเมิน ๆ ฯ ๏ ๚ ๛ เสี่ยง abc -+."), None);
        assert_eq!(at(""), None);
        // A text cut inside a character's bytes is not read past its end.
        assert_eq!(next_digit(&"๙".as_bytes()[..2], 0), None);
    }

    /// The scanner before it stopped collecting every line's characters (issue #11):
    /// the oracle that `find` still finds exactly the same numbers.
    fn find_as_before(text: &str) -> Vec<Hit> {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut hits = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let (pos, c) = chars[i];
            let prev = i.checked_sub(1).map(|j| chars[j].1);
            if digit(c).is_none() || prev.is_some_and(|p| p.is_ascii_alphanumeric() || digit(p).is_some()) {
                i += 1;
                continue;
            }
            let mut digits = Vec::new();
            let mut j = i;
            while j < chars.len() {
                if let Some(d) = digit(chars[j].1) {
                    digits.push(d);
                    j += 1;
                } else if matches!(chars[j].1, '-' | ' ' | '.')
                    && chars.get(j + 1).is_some_and(|n| digit(n.1).is_some())
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let end = chars.get(j).map_or(text.len(), |c| c.0);
            let next_is_word = chars.get(j).is_some_and(|n| n.1.is_ascii_alphabetic());
            hits.extend(hit(pos, end, &digits, prev == Some('+'), next_is_word));
            i = j.max(i + 1);
        }
        hits
    }

    #[test]
    fn find_finds_what_the_scanner_before_it_found_regression() {
        let pieces = [
            "1101700230716",
            "1-1017-00230-71-6",
            "๑๑๐๑๗๐๐๒๓๐๗๑๖",
            "081-234-5678",
            "+66 81 234 5678",
            "02-123-4567",
            "0812345678",
            "x",
            "ก",
            " ",
            "-",
            ".",
            "+",
            "a",
            "9",
            "๙",
            "ปี 2567",
            "..",
            "- ",
            "1101700230717",
            "66812345678",
            "\u{0E4F}",
            "é",
        ];
        let mut texts: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
        for a in pieces {
            for b in pieces {
                for c in ["", " ", "-", "x", "+", "ก"] {
                    texts.push(format!("{a}{c}{b}"));
                }
            }
        }
        for t in &texts {
            assert_eq!(find(t), find_as_before(t), "{t:?}");
        }
        assert!(texts.iter().filter(|t| !find(t).is_empty()).count() > 500, "the cases do find numbers");
    }

    #[test]
    fn masked_text_is_stable() {
        let (once, _) = mask("1101700230716 081-234-5678");
        assert_eq!(mask(&once).1, 0);
    }
}
