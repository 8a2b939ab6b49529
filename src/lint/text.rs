//! Text checks shared by rules: numbers in targets and "did you mean"
//! suggestions, and the fix a media rule names ([`fix_advice`]). Thai national IDs and phone numbers are found by
//! [`crate::privacy::mask`], the one detector the build masks with.

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

/// The fix a media rule names: `krufolio fix <slug>` first, then the command to type
/// instead (run in the site folder, with the file names filled in), Thai and English.
pub fn fix_advice(slug: &str, command: Option<&str>) -> (String, String) {
    let fix = crate::assets::convert::command_line(&["krufolio".into(), "fix".into(), slug.into()]);
    match command {
        Some(cmd) => (
            format!("แก้ด้วย {fix} (หรือพิมพ์ในโฟลเดอร์เว็บไซต์: {cmd})"),
            format!("fix with {fix} (or type in the site folder: {cmd})"),
        ),
        None => (format!("แก้ด้วย {fix}"), format!("fix with {fix}")),
    }
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
    fn suggestions() {
        assert_eq!(suggest("standng", ["standing", "school"]), Some("standing"));
        assert_eq!(suggest("subjct", ["subject", "school"]), Some("subject"));
        assert_eq!(suggest("zzz", ["standing"]), None);
    }
}
