//! The YAML mistakes teachers make most, recognised from the parser's
//! message and the text, each with its fix spelled out: a `: ` inside a
//! value (quote it: the fixed line is shown), a tab in the indentation (YAML
//! indents with spaces), a quote never closed, a key written twice, and
//! indentation that does not line up.

/// A recognised mistake: the reason and its fix, in Thai and English, and
/// the (1-based) line of the text it is on when that is not the parser's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Mistake {
    /// Thai reason.
    pub th: String,
    /// English reason.
    pub en: String,
    /// How to fix it: Thai, English.
    pub hint: Option<(String, String)>,
    /// The line to report instead of the parser's.
    pub line: Option<usize>,
}

/// The mistake behind the parser message `en` at the 1-based `line` of
/// `text`, when it is one of the known ones.
pub(super) fn recognise(text: &str, line: Option<usize>, en: &str) -> Option<Mistake> {
    let lines: Vec<&str> = text.lines().collect();
    let at = |l: usize| -> Option<&str> { lines.get(l.checked_sub(1)?).copied() };
    if let Some(m) = tab(&lines, line, en) {
        return Some(m);
    }
    if en.starts_with("mapping values are not allowed") {
        return line.and_then(at).and_then(colon_in_value);
    }
    if en.contains("while scanning a quoted scalar") {
        return Some(unclosed_quote(en, line));
    }
    if en.contains("duplicate entry") || en.contains("duplicate field") {
        let (key, l) = super::first_duplicate_key(text)?;
        return Some(Mistake {
            th: format!("คีย์ \"{key}\" ซ้ำกับบรรทัดก่อนหน้า"),
            en: format!("the key `{key}` is written twice"),
            hint: Some(("ให้เหลือไว้เพียงหนึ่ง".into(), "keep one of them".into())),
            line: Some(l),
        });
    }
    if en.starts_with("did not find expected key") || en.starts_with("did not find expected '-'") {
        return Some(Mistake {
            th: "การย่อหน้าของบรรทัดนี้ไม่ตรงกับบรรทัดก่อน ๆ".into(),
            en: "this line's indentation does not line up with the lines before it".into(),
            hint: Some((
                "คีย์ที่อยู่ระดับเดียวกันต้องเว้นวรรคหน้าเท่ากัน และข้อความที่มีเครื่องหมายคำพูดต้องปิดให้ครบ".into(),
                "keys at one level need the same number of leading spaces, and a quoted value must be closed"
                    .into(),
            )),
            line: None,
        });
    }
    None
}

/// The 1-based column of the first tab in `line`'s indentation.
fn leading_tab(line: &str) -> Option<usize> {
    let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
    indent.find('\t').map(|i| indent[..i].chars().count() + 1)
}

/// A tab in the indentation of the error's line (or, when the parser says
/// "tab", of the first line that has one).
fn tab(lines: &[&str], line: Option<usize>, en: &str) -> Option<Mistake> {
    let at = |l: usize| -> Option<(usize, usize)> { Some((l, leading_tab(lines.get(l.checked_sub(1)?)?)?)) };
    let first = || lines.iter().enumerate().find_map(|(i, s)| Some((i + 1, leading_tab(s)?)));
    let (l, column) = line.and_then(at).or_else(|| if en.contains("tab") { first() } else { None })?;
    Some(Mistake {
        th: format!("บรรทัด {l} คอลัมน์ {column} ใช้แท็บ (Tab) ย่อหน้า แต่ YAML ย่อหน้าด้วยการเว้นวรรค (space) เท่านั้น"),
        en: format!("line {l} column {column} is indented with a tab; YAML indents with spaces, not tabs"),
        hint: Some((
            "ลบแท็บแล้วเคาะเว้นวรรคแทน (เช่น 2 ช่องต่อหนึ่งระดับ)".into(),
            "replace the tab with spaces (e.g. 2 per level)".into(),
        )),
        line: Some(l),
    })
}

/// `title: แผนที่ 1: การบวก` → `title: "แผนที่ 1: การบวก"`.
fn colon_in_value(line: &str) -> Option<Mistake> {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let (dash, body) = match body.strip_prefix("- ") {
        Some(rest) => ("- ", rest),
        None => ("", body),
    };
    let (key, value) = body.split_once(": ")?;
    let value = value.trim();
    if key.trim().is_empty() || !value.contains(": ") || value.starts_with(['"', '\'']) {
        return None;
    }
    let fixed = format!("{indent}{dash}{key}: \"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""));
    let key = key.trim();
    Some(Mistake {
        th: format!("ค่าของ \"{key}\" มีเครื่องหมาย \": \" อยู่ข้างใน YAML จึงอ่านเป็นคีย์ใหม่"),
        en: format!("the value of `{key}` holds \": \", which YAML reads as another key"),
        hint: Some((
            format!("ใส่ค่าไว้ในเครื่องหมายคำพูด: {}", fixed.trim_start()),
            format!("put the value in quotes: {}", fixed.trim_start()),
        )),
        line: None,
    })
}

/// A quoted value that never ends: the line where the quote opened.
fn unclosed_quote(en: &str, line: Option<usize>) -> Mistake {
    let opened = en
        .split("while scanning a quoted scalar at line ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok());
    Mistake {
        th: "เครื่องหมายคำพูดที่เปิดในบรรทัดนี้ไม่ได้ปิด".into(),
        en: "the quote opened on this line is never closed".into(),
        hint: Some((
            "ปิดท้ายค่าด้วยเครื่องหมายคำพูดแบบเดียวกับที่เปิด (\" หรือ ')".into(),
            "end the value with the same quote mark it starts with (\" or ')".into(),
        )),
        line: opened.or(line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colon_in_a_value_is_quoted_in_the_fix() {
        let m = colon_in_value("title: แผนที่ 1: การบวก").unwrap();
        assert_eq!(m.hint.unwrap().1, "put the value in quotes: title: \"แผนที่ 1: การบวก\"");
        let m = colon_in_value("  - title: ก: \"ข\"").unwrap();
        assert_eq!(m.hint.unwrap().1, "put the value in quotes: - title: \"ก: \\\"ข\\\"\"");
        assert!(colon_in_value("title: \"ก: ข\"").is_none());
        assert!(colon_in_value("title: ก").is_none());
    }

    #[test]
    fn a_tab_is_found_with_its_column() {
        let lines = ["a:", "  \tb: 1"];
        let m = tab(&lines, Some(2), "found character that cannot start any token").unwrap();
        assert_eq!(m.line, Some(2));
        assert!(m.en.contains("line 2 column 3"), "{}", m.en);
        assert!(tab(&["a:", "  b: 1"], Some(2), "x").is_none());
    }
}
