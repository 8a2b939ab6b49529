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

/// Is this 13-digit string a valid Thai national ID (mod-11 checksum)?
pub fn valid_national_id(digits: &[u8]) -> bool {
    if digits.len() != 13 || digits[0] == 0 {
        return false;
    }
    let sum: u32 = digits[..12].iter().enumerate().map(|(i, d)| *d as u32 * (13 - i as u32)).sum();
    (11 - sum % 11) % 10 == digits[12] as u32
}

/// Runs of digits in `text` (Thai digits converted), allowing the usual
/// separators (space, `-`) inside a run. Returns (byte offset in the
/// converted text, digits).
fn digit_runs(text: &str) -> Vec<(usize, Vec<u8>)> {
    let s = ascii_digits(text);
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            let mut digits = Vec::new();
            let mut j = i;
            while j < b.len() {
                if b[j].is_ascii_digit() {
                    digits.push(b[j] - b'0');
                    j += 1;
                } else if (b[j] == b'-' || b[j] == b' ') && j + 1 < b.len() && b[j + 1].is_ascii_digit() {
                    j += 1;
                } else {
                    break;
                }
            }
            out.push((start, digits));
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

/// Thai national IDs (valid checksum) in the text.
pub fn national_ids(text: &str) -> Vec<String> {
    digit_runs(text)
        .into_iter()
        .filter(|(_, d)| valid_national_id(d))
        .map(|(_, d)| d.iter().map(|x| char::from(b'0' + x)).collect())
        .collect()
}

/// Thai phone numbers in the text: mobile 0[689]x-xxx-xxxx (10 digits) or
/// landline 0x-xxx-xxxx (9 digits), optionally written +66.
pub fn phone_numbers(text: &str) -> Vec<String> {
    let s = ascii_digits(text).replace("+66", "0");
    digit_runs(&s)
        .into_iter()
        .filter(|(_, d)| {
            d.first() == Some(&0)
                && ((d.len() == 10 && matches!(d.get(1), Some(6 | 8 | 9)))
                    || (d.len() == 9 && matches!(d.get(1), Some(2..=7))))
        })
        .map(|(_, d)| d.iter().map(|x| char::from(b'0' + x)).collect())
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
