//! What is never published, decided while a portfolio is read:
//!
//! - copies of the manifest (`portfolio.yaml.bak`, `portfolio (copy).yml`,
//!   any YAML that looks like a manifest) and any text file with a top-level
//!   `private:` block;
//! - published manifest values equal to a `private:` value (a YAML alias
//!   such as `school: *nid` copies the private value out of the block).
//!
//! Each is recorded as a [`Withheld`] on the portfolio and reported by the
//! `private-data-withheld` lint rule.

use crate::yaml::Value;
use serde::{Deserialize, Serialize};

/// Why something was kept off the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "reason")]
pub enum Reason {
    /// A copy of `portfolio.yaml`.
    ManifestCopy,
    /// A file holding a top-level `private:` block.
    PrivateBlock,
    /// A published manifest value equal to a private one (its key path).
    PrivateValue {
        /// The key, dotted (`school`, `committee.members`).
        key: String,
    },
}

/// One withheld file or value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withheld {
    /// Path relative to the site root.
    pub path: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Why.
    #[serde(flatten)]
    pub reason: Reason,
}

/// Is this a text file name that may hold a manifest copy by its name?
fn manifest_like_name(name: &str) -> bool {
    let n = name.to_lowercase();
    n.starts_with("portfolio") && (n.contains(".yaml") || n.contains(".yml") || n.contains("manifest"))
        || n.ends_with(".yaml")
        || n.ends_with(".yml")
}

/// Does the text hold a top-level `private:` key (YAML or front matter)?
pub fn has_private_block(text: &str) -> bool {
    text.lines()
        .any(|l| l.starts_with("private:") || l.starts_with("\"private\":") || l.starts_with("'private':"))
}

/// Does the YAML text look like a portfolio manifest (a mapping with `name`
/// and `position`, or a `private` key)?
fn looks_like_manifest(text: &str) -> bool {
    let Ok(Value::Mapping(m)) = crate::yaml::from_str::<Value>(text) else { return false };
    let has = |k: &str| m.contains_key(Value::String(k.into()));
    (has("name") && has("position")) || has("private")
}

/// Decides whether a file of a portfolio (not `portfolio.yaml` itself) must
/// be withheld. `head` is its text when it is small UTF-8 text, else `None`.
pub fn file_reason(name: &str, text: Option<&str>) -> Option<Reason> {
    let lower = name.to_lowercase();
    if lower.starts_with("portfolio") && (lower.contains(".yaml") || lower.contains(".yml")) {
        return Some(Reason::ManifestCopy);
    }
    let text = text?;
    if manifest_like_name(name) && looks_like_manifest(text) {
        return Some(Reason::ManifestCopy);
    }
    has_private_block(text).then_some(Reason::PrivateBlock)
}

/// Reads a file's text when it is small (≤ 1 MiB) and valid UTF-8 without
/// NUL bytes; media files are never read here.
pub fn small_text(path: &std::path::Path) -> Option<String> {
    use std::io::Read as _;
    let mut file = std::fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    if len > SMALL {
        return None;
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.read_to_end(&mut bytes).ok()?;
    String::from_utf8(bytes).ok().filter(|t| is_small_text(t))
}

/// The largest file [`small_text`] reads: 1 MiB.
const SMALL: u64 = 1 << 20;

/// Would [`small_text`] take this UTF-8 text read from a file: at most
/// 1 MiB and no NUL byte?
pub fn is_small_text(text: &str) -> bool {
    text.len() as u64 <= SMALL && !text.as_bytes().contains(&0)
}

/// Scalars of a private block worth protecting: strings of 4+ characters
/// and numbers of 9+ digits (IDs, phone numbers).
fn private_scalars(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if s.trim().chars().count() >= 4 => out.push(s.trim().to_string()),
        Value::Number(n) if n.to_string().len() >= 9 => out.push(n.to_string()),
        Value::Sequence(s) => s.iter().for_each(|x| private_scalars(x, out)),
        Value::Mapping(m) => m.values().for_each(|x| private_scalars(x, out)),
        Value::Tagged(t) => private_scalars(&t.value, out),
        _ => {}
    }
}

fn blank_equal(v: &mut Value, secrets: &[String], key: &str, found: &mut Vec<String>) {
    let equal = match v {
        Value::String(s) => secrets.iter().any(|p| p == s.trim()),
        Value::Number(n) => secrets.iter().any(|p| *p == n.to_string()),
        _ => false,
    };
    if equal {
        *v = Value::Null;
        found.push(key.to_string());
        return;
    }
    match v {
        Value::Sequence(s) => s.iter_mut().for_each(|x| blank_equal(x, secrets, key, found)),
        Value::Mapping(m) => {
            for (k, x) in m.iter_mut() {
                let name = k.as_str().map(str::to_string).unwrap_or_else(|| format!("{k:?}"));
                let path = if key.is_empty() { name } else { format!("{key}.{name}") };
                blank_equal(x, secrets, &path, found);
            }
        }
        Value::Tagged(t) => blank_equal(&mut t.value, secrets, key, found),
        _ => {}
    }
}

/// Blanks (sets to null) every published value of a parsed manifest that
/// equals a private value; returns the dotted keys blanked.
pub fn blank_private_copies(manifest: &mut Value) -> Vec<String> {
    let Value::Mapping(m) = manifest else { return Vec::new() };
    let mut secrets = Vec::new();
    if let Some(p) = m.get(Value::String("private".into())) {
        private_scalars(p, &mut secrets);
    }
    if secrets.is_empty() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (k, v) in m.iter_mut() {
        if k.as_str() == Some("private") {
            continue;
        }
        let name = k.as_str().map(str::to_string).unwrap_or_default();
        blank_equal(v, &secrets, &name, &mut found);
    }
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_copies_are_recognised_by_name_and_content() {
        assert_eq!(file_reason("portfolio.yaml.bak", None), Some(Reason::ManifestCopy));
        assert_eq!(file_reason("portfolio (copy).yml", None), Some(Reason::ManifestCopy));
        assert_eq!(file_reason("Portfolio-old.YAML", None), Some(Reason::ManifestCopy));
        assert_eq!(file_reason("สำรอง.yaml", Some("name: ก\nposition: ครู\n")), Some(Reason::ManifestCopy));
        assert_eq!(file_reason("notes.txt", Some("x\nprivate:\n  a: 1\n")), Some(Reason::PrivateBlock));
        assert_eq!(file_reason("แผน.pdf", None), None);
        assert_eq!(file_reason("ข้อมูล.yaml", Some("rows: [1, 2]\n")), None);
    }

    #[test]
    fn alias_of_a_private_value_is_blanked() {
        let text = "name: นางสาวมานี ใจงาม\nprivate:\n  national_id: &nid \"1101700230716\"\nschool: *nid\n";
        let mut v: Value = crate::yaml::from_str(text).unwrap();
        let keys = blank_private_copies(&mut v);
        assert_eq!(keys, vec!["school".to_string()]);
        assert_eq!(v["school"], Value::Null);
        assert_eq!(v["private"]["national_id"].as_str(), Some("1101700230716"));
        assert_eq!(v["name"].as_str(), Some("นางสาวมานี ใจงาม"));
    }
}
