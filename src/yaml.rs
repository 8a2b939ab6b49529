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
//! ([`line_of_key`], [`duplicate_key_line`]) and the bilingual diagnostic for
//! a parse error ([`diagnostic`]).

use std::path::Path;

use crate::diagnostic::Diagnostic;

pub use serde_norway::{from_str, from_value, to_string, Error, Mapping, Number, Value};

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

/// Turns a YAML error into a diagnostic; `line_offset` is the number of file
/// lines before the YAML text starts, `what_th` names the file in Thai.
/// Unknown keys get a Thai message that names the key.
pub fn diagnostic(path: &Path, line_offset: usize, e: &Error, what_th: &str) -> Diagnostic {
    let line = error_line(e).map(|l| l + line_offset);
    let mut en = message(e);
    // A scanner error also names a position inside the YAML text mid-message
    // (`… at line 2 column 3, while scanning a tag`): off by `line_offset`, so cut.
    if let Some(i) = en.find(" at line ") {
        en.truncate(i);
    }
    let th = if let Some(key) = en.strip_prefix("unknown field `").and_then(|r| r.split('`').next()) {
        format!("{what_th}: ไม่รู้จักคีย์ \"{key}\" (สะกดผิดหรือไม่?)")
    } else if let Some((key, _)) = en.split_once(": invalid type") {
        format!("{what_th}: ค่าของ \"{key}\" ผิดชนิด")
    } else if let Some((key, _)) = en.split_once(": invalid value") {
        format!("{what_th}: ค่าของ \"{key}\" ไม่ถูกต้อง")
    } else {
        format!("{what_th}: เขียน YAML ไม่ถูกต้อง")
    };
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

/// 1-based line of the second `key:` at the same indentation, if any.
pub fn duplicate_key_line(text: &str, key: &str) -> Option<usize> {
    let mut seen: Vec<usize> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start();
        let indent = line.len() - body.len();
        if names_key(body.strip_prefix("- ").unwrap_or(body), key) {
            if seen.contains(&indent) {
                return Some(i + 1);
            }
            seen.push(indent);
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
        assert_eq!(duplicate_key_line("a: 1\nb:\n  a: 2\na: 3\n", "a"), Some(4));
        assert_eq!(duplicate_key_line("a: 1\nb:\n  a: 2\n", "a"), None);
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
        let d = diagnostic(Path::new("x.md"), 1, &e, "front matter");
        assert_eq!(d.line, Some(3));
        assert!(d.message.contains("\"bee\"") && !d.message_en.contains(" at line "), "{d:?}");
    }

    #[test]
    fn errors_know_their_line() {
        let e = from_str::<Value>("a: 1\nb: [\n").unwrap_err();
        assert!(error_line(&e).is_some());
    }
}
