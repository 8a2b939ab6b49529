//! Text checks shared by rules: numbers in targets, Thai national IDs and
//! phone numbers, and "did you mean" suggestions.

use crate::date::ascii_digits;

/// Does the text carry a number (ASCII or Thai digits)?
pub fn has_number(text: &str) -> bool {
    ascii_digits(text).chars().any(|c| c.is_ascii_digit())
}

/// Does a qualitative target carry a numeric target: a percentage, a count
/// or a ratio (digits, `ร้อยละ`, `%`, `เปอร์เซ็นต์`)?
pub fn has_numeric_target(text: &str) -> bool {
    has_number(text) || text.contains('%') || text.contains("ร้อยละ") || text.contains("เปอร์เซ็นต์")
}

pub use crate::privacy::mask::valid_national_id;
use crate::privacy::mask::{find, Found};

fn digits(d: &[u8]) -> String {
    d.iter().map(|x| char::from(b'0' + x)).collect()
}

/// Thai national IDs (valid checksum) in the text: exactly what the build
/// masks ([`crate::privacy::mask`]).
pub fn national_ids(text: &str) -> Vec<String> {
    find(text)
        .into_iter()
        .filter_map(|h| match h.found {
            Found::NationalId(d) => Some(digits(&d)),
            Found::Phone(_) => None,
        })
        .collect()
}

/// Thai phone numbers in the text: mobile `0[689]x-xxx-xxxx` (10 digits) or
/// landline `0x-xxx-xxxx` (9 digits), optionally written +66; exactly what
/// the build masks.
pub fn phone_numbers(text: &str) -> Vec<String> {
    find(text)
        .into_iter()
        .filter_map(|h| match h.found {
            Found::Phone(d) => Some(digits(&d)),
            Found::NationalId(_) => None,
        })
        .collect()
}

/// Edit distance (Levenshtein), on chars.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest candidate within a small edit distance.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.chars().count() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert!(has_number("ร้อยละ 80 ของนักเรียน"));
        assert!(has_number("ร้อยละ ๘๐"));
        assert!(!has_number("นักเรียนส่วนใหญ่อ่านออก"));
        assert!(has_numeric_target("ร้อยละของนักเรียน"));
        assert!(!has_numeric_target("นักเรียนมีทักษะการคิดวิเคราะห์"));
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
    fn suggestions() {
        assert_eq!(suggest("standng", ["standing", "school"]), Some("standing"));
        assert_eq!(suggest("subjct", ["subject", "school"]), Some("subject"));
        assert_eq!(suggest("zzz", ["standing"]), None);
    }
}
