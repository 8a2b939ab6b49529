//! # M004 manifest-unknown-key
//!
//! portfolio.yaml มีคีย์ที่ไม่รู้จัก / portfolio.yaml has an unknown key. Default severity: warning.
//!
//! ## What it does
//! เตือนคีย์ที่ krufolio ไม่รู้จัก และเสนอชื่อที่ใกล้เคียง / Warns about keys krufolio does not know and suggests the closest known one.
//!
//! ## Why
//! คีย์ที่สะกดผิด เช่น `standng` ทำให้ข้อมูลหายไปเงียบ ๆ / A misspelt key such as `standng` silently loses the value.
//!
//! ## Example
//! ```yaml
//! standng: ชำนาญการ
//! ```
//!
//! ## Use instead
//! standing: ชำนาญการ

use super::prelude::*;
use crate::portfolio::KNOWN_KEYS;

/// The rule.
pub static RULE: Rule = Rule {
    id: "M004",
    name: "manifest-unknown-key",
    severity: Severity::Warning,
    summary: "portfolio.yaml มีคีย์ที่ไม่รู้จัก",
    summary_en: "portfolio.yaml has an unknown key",
    file: "manifest_unknown_key",
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let (Some(value), Some(_)) = (&cx.p.manifest_value, cx.m) else { return };
    let mut found = Vec::new();
    walk(value, "", &mut found);
    for path in found {
        let (parent, key) = path.rsplit_once('.').unwrap_or(("", path.as_str()));
        let siblings = KNOWN_KEYS.iter().filter_map(|k| {
            let (p, c) = k.rsplit_once('.').unwrap_or(("", k));
            (p == parent).then_some(c)
        });
        let hint = crate::lint::text::suggest(key, siblings);
        let segments: Vec<&str> = path.split('.').collect();
        let (th_hint, en_hint) = match hint {
            Some(h) => (format!(" หมายถึง \"{h}\" หรือไม่?"), format!("; did you mean `{h}`?")),
            None => (String::new(), String::new()),
        };
        out.push(cx.at_key(
            &RULE,
            &segments,
            format!("ไม่รู้จักคีย์ \"{path}\"{th_hint} (ค่านี้จะไม่ถูกใช้)"),
            format!("unknown key `{path}`{en_hint} (its value is ignored)"),
        ));
    }
}

/// Collects unknown key paths; list items share their parent's path.
fn walk(v: &crate::yaml::Value, prefix: &str, out: &mut Vec<String>) {
    match v {
        crate::yaml::Value::Mapping(m) => {
            for (k, child) in m {
                let Some(k) = k.as_str() else { continue };
                let path = if prefix.is_empty() { k.to_string() } else { format!("{prefix}.{k}") };
                if !KNOWN_KEYS.contains(&path.as_str()) {
                    out.push(path);
                    continue;
                }
                // Free-form children: indicator codes and private data.
                if path == "private" || path == "scores.part1" {
                    continue;
                }
                walk(child, &path, out);
            }
        }
        crate::yaml::Value::Sequence(items) => {
            for item in items {
                walk(item, prefix, out);
            }
        }
        _ => {}
    }
}
