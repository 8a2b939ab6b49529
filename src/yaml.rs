//! The one place krufolio touches a YAML library.
//!
//! serde_yaml is deprecated and unmaintained; krufolio uses its maintained
//! drop-in fork `serde_norway`, which keeps serde_yaml's limits on alias
//! expansion (a "billion laughs" document fails instead of exhausting
//! memory) and recursion depth, and reports error locations (line and
//! column). Every other module goes through this one, so a future move (to
//! serde-saphyr, say) changes one file.
//!
//! It also holds what krufolio reads from YAML text itself: the line of a key
//! ([`line_of_key`], [`first_duplicate_key`]) and the bilingual diagnostic for
//! a parse error ([`diagnostic`]).

use std::path::Path;

use crate::diagnostic::Diagnostic;

mod mistakes;

pub use serde_norway::{from_value, to_string, Error, Mapping, Number, Value};

/// Parses YAML text. A byte-order mark (what Windows Notepad puts first) is
/// not part of the document: without this, the parser reads it as a second one.
pub fn from_str<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, Error> {
    serde_norway::from_str(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The 1-based line of a YAML error, when the parser knows it.
pub fn error_line(e: &Error) -> Option<usize> {
    e.location().map(|l| l.line())
}

/// The parser's message without the position it appends (` at line …`):
/// callers report the position inside the file instead.
pub fn message(e: &Error) -> String {
    let mut msg = e.to_string();
    if let Some(i) = msg.rfind(" at line ") {
        msg.truncate(i);
    }
    msg
}

/// Turns a YAML error in `text` into a diagnostic; `line_offset` is the
/// number of file lines before the YAML text starts, `what_th` names the file
/// in Thai before the reason (empty: the reason alone, for a caller that names
/// the file itself). Unknown keys get a Thai message that names the key. An error at
/// the very end of the text (the parser's position is then one past the last
/// line) is put on the last line, where an editor can go.
pub fn diagnostic(path: &Path, line_offset: usize, text: &str, e: &Error, what_th: &str) -> Diagnostic {
    let last = text.replace("\r\n", "\n").trim_end_matches(['\r', '\n']).matches(['\r', '\n']).count() + 1;
    let line = error_line(e).map(|l| l.min(last) + line_offset);
    let mut en = message(e);
    // A scanner error also names a position inside the YAML text mid-message
    // (`… at line 2 column 3, while scanning a tag`): off by `line_offset`, so cut.
    if let Some(i) = en.find(" at line ") {
        en.truncate(i);
    }
    if let Some(m) = mistakes::recognise(text, error_line(e).map(|l| l.min(last)), &e.to_string()) {
        let th = if what_th.is_empty() { m.th } else { format!("{what_th}: {}", m.th) };
        let line = m.line.map(|l| l + line_offset).or(line);
        let d = Diagnostic::new(path, line, th, format!("{} (YAML: {en})", m.en));
        return match m.hint {
            Some((h_th, h_en)) => d.with_hint(h_th, h_en),
            None => d,
        };
    }
    let reason = if let Some(key) = en.strip_prefix("unknown field `").and_then(|r| r.split('`').next()) {
        format!("ไม่รู้จักคีย์ \"{key}\" (สะกดผิดหรือไม่?)")
    } else if let Some((key, _)) = en.split_once(": invalid type") {
        format!("ค่าของ \"{key}\" ผิดชนิด")
    } else if let Some((key, _)) = en.split_once(": invalid value") {
        if key.ends_with("fiscal_year") {
            format!("ค่าของ \"{key}\" ต้องเป็นปี พ.ศ. เช่น 2568 (เลขไทยก็ได้)")
        } else {
            format!("ค่าของ \"{key}\" ไม่ถูกต้อง")
        }
    } else {
        "เขียน YAML ไม่ถูกต้อง".to_string()
    };
    let th = if what_th.is_empty() { reason } else { format!("{what_th}: {reason}") };
    Diagnostic::new(path, line, th, en)
}

/// A line's indentation and its body after the indentation and any `- `
/// (a list item's key counts as two columns deeper).
fn indented(line: &str) -> (usize, &str) {
    let body = line.trim_start();
    let indent = line.len() - body.len();
    match body.strip_prefix("- ") {
        Some(rest) => (indent + 2, rest),
        None => (indent, body),
    }
}

/// Whether a line body (see [`indented`]) starts with `key:` or `"key":`.
fn names_key(body: &str, key: &str) -> bool {
    let after = |r: &str| r.trim_start().starts_with(':');
    body.strip_prefix(key).is_some_and(after)
        || body
            .strip_prefix('"')
            .and_then(|b| b.strip_prefix(key))
            .and_then(|b| b.strip_prefix('"'))
            .is_some_and(after)
}

/// 1-based line of a nested key (e.g. `["committee", "briefing_date"]`) in
/// YAML text, by indentation (block style); the first key must be a top-level
/// one. When a child key is missing, the deepest ancestor's line is returned
/// if its block ends before the text does.
pub fn line_of_key(text: &str, path: &[&str]) -> Option<usize> {
    let mut depth = 0;
    let mut min_indent: Option<usize> = None;
    let mut top = None;
    let mut found = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.trim_start().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let (indent, body) = indented(line);
        let top = *top.get_or_insert(indent);
        if min_indent.is_some_and(|m| indent <= m) {
            return found; // left the parent's block
        }
        let at_level = match min_indent {
            None => indent == top,
            Some(m) => indent > m,
        };
        if at_level && names_key(body, path[depth]) {
            found = Some(i + 1);
            depth += 1;
            min_indent = Some(indent);
            if depth == path.len() {
                return found;
            }
        }
    }
    if depth == path.len() {
        found
    } else {
        None
    }
}

/// The first key that a block mapping repeats, and the (1-based) line of
/// its second copy. Block scalars (`|`, `>`) and comments are skipped.
pub fn first_duplicate_key(text: &str) -> Option<(String, usize)> {
    // Open mappings: (indent, keys seen).
    let mut open: Vec<(usize, Vec<String>)> = Vec::new();
    let mut scalar_above: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start();
        let mut indent = line.len() - body.len();
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        // A new document starts afresh.
        if line.starts_with("---") || line.starts_with("...") {
            open.clear();
            scalar_above = None;
            continue;
        }
        if let Some(s) = scalar_above {
            if indent > s {
                continue;
            }
            scalar_above = None;
        }
        let mut k = body;
        let mut item = false;
        while let Some(rest) = k.strip_prefix("- ") {
            indent += 2;
            k = rest.trim_start();
            item = true;
        }
        let Some((key, value)) = k.split_once(':') else { continue };
        let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
        if key.is_empty() || key.contains(' ') && !k.starts_with('"') {
            continue;
        }
        open.retain(|(n, _)| *n < indent || (*n == indent && !item));
        match open.last_mut() {
            Some((n, keys)) if *n == indent => {
                if keys.iter().any(|x| x == key) {
                    return Some((key.to_string(), i + 1));
                }
                keys.push(key.to_string());
            }
            _ => open.push((indent, vec![key.to_string()])),
        }
        let v = value.trim();
        if v.starts_with('|') || v.starts_with('>') {
            scalar_above = Some(indent);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_bombs_are_bounded() {
        // Nine levels of nine aliases each: 9^9 nodes if expanded.
        let mut doc = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            doc.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(from_str::<Value>(&doc).is_err(), "the expansion is refused, not attempted");
    }

    #[test]
    fn finds_nested_key_lines() {
        let y = "name: x\ncommittee:\n  order:\n    date: 2567-08-20\n  briefing_date: 2567-08-30\nscores:\n  - member: ก\n    part1: {}\n";
        assert_eq!(line_of_key(y, &["name"]), Some(1));
        assert_eq!(line_of_key(y, &["committee", "briefing_date"]), Some(5));
        assert_eq!(line_of_key(y, &["committee", "order", "date"]), Some(4));
        assert_eq!(line_of_key(y, &["scores", "member"]), Some(7));
        // A missing child falls back to the deepest ancestor found.
        assert_eq!(line_of_key(y, &["committee", "members"]), Some(2));
        assert_eq!(line_of_key(y, &["agreement", "title"]), None);
        // A top-level key is not found inside another's block.
        assert_eq!(line_of_key("extra:\n  date: 1\ndate: 2\n", &["date"]), Some(3));
        assert_eq!(line_of_key("\"title\": x\n", &["title"]), Some(1));
    }

    #[test]
    fn finds_the_second_copy_of_a_key() {
        assert_eq!(first_duplicate_key("a: 1\nb:\n  a: 2\na: 3\n"), Some(("a".into(), 4)));
        assert_eq!(first_duplicate_key("a: 1\nb:\n  a: 2\n"), None);
    }

    #[test]
    fn diagnostics_carry_file_lines_and_name_unknown_keys() {
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct T {
            a: u32,
        }
        let e = from_str::<T>("a: 1\nbee: 2\n").unwrap_err();
        let d = diagnostic(Path::new("x.md"), 1, "a: 1\nbee: 2\n", &e, "front matter");
        assert_eq!(d.line, Some(3));
        assert!(d.message.contains("\"bee\"") && !d.message_en.contains(" at line "), "{d:?}");
    }

    #[test]
    fn an_error_at_the_end_is_on_the_last_line_regression() {
        // Found by the yaml_inputs fuzz target: the parser says line 3 of a 2-line text.
        let text = "-\n-/'";
        let e = from_str::<Value>(text).unwrap_err();
        assert_eq!(error_line(&e), Some(3));
        assert_eq!(diagnostic(Path::new("p.yaml"), 0, text, &e, "portfolio.yaml").line, Some(2));
    }

    #[test]
    fn a_byte_order_mark_is_not_a_second_document_regression() {
        let v: Value = from_str("\u{feff}title: ก\nfiscal_year: 2569\n").unwrap();
        assert_eq!(v["title"], Value::String("ก".into()));
    }

    #[test]
    fn errors_know_their_line() {
        let e = from_str::<Value>("a: 1\nb: [\n").unwrap_err();
        assert!(error_line(&e).is_some());
    }

    #[test]
    fn duplicates_are_per_mapping() {
        let ok = "a:\n  x: 1\nb:\n  x: 2\nlist:\n  - x: 1\n    y: 2\n  - x: 3\ntext: |\n  x: 1\n  x: 2\n";
        assert_eq!(first_duplicate_key(ok), None);
        assert_eq!(first_duplicate_key("a:\n  x: 1\n  y: 2\n  x: 3\n"), Some(("x".into(), 4)));
        assert_eq!(first_duplicate_key("list:\n  - x: 1\n    x: 2\n"), Some(("x".into(), 3)));
    }
}
