//! A lint rule about `portfolio.yaml` and reading the folder. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::portfolio::model::KNOWN_KEYS;

declare_rule! {
    /// ## What it does
    /// เตือนคีย์ที่ krufolio ไม่รู้จักใน portfolio.yaml และในส่วนหัว (front matter) ของไฟล์ประกอบและบันทึก และเสนอชื่อที่ใกล้เคียง / Warns about keys krufolio does not know, in portfolio.yaml and in the front matter of sidecars and notes, and suggests the closest known one (`titel` → `title`).
    ///
    /// ## Why
    /// คีย์ที่สะกดผิด เช่น `standng` ทำให้ข้อมูลหายไปเงียบ ๆ / A misspelt key such as `standng` silently loses the value.
    ///
    /// ## Example
    /// ```yaml
    /// standng: ชำนาญการ
    /// ```
    ///
    /// ## Use instead
    /// standing: ชำนาญการ
    pub static RULE = {
        id: "M004",
        name: "manifest-unknown-key",
        category: Manifest,
        severity: Warning,
        summary: "portfolio.yaml หรือไฟล์ประกอบมีคีย์ที่ไม่รู้จัก" / "portfolio.yaml or a sidecar has an unknown key",
    };
}

/// The keys a sidecar's (or note's) front matter knows.
pub const SIDECAR_KEYS: &[&str] =
    &["title", "date", "indicators", "description", "consent", "publish", "kind", "poster", "url", "paste"];

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    check_sidecars(cx, out);
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

/// Unknown front-matter keys of sidecars and notes.
fn check_sidecars(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for path in cx.p.artefacts.iter().filter_map(|a| a.sidecar_path.as_ref()) {
        let Some((_, text)) = cx.p.texts.iter().find(|(p, _)| p == path) else { continue };
        let Ok(split) = crate::content::front_matter::split(std::path::Path::new(path), text) else {
            continue;
        };
        let Ok(crate::yaml::Value::Mapping(m)) = crate::yaml::from_str::<crate::yaml::Value>(split.yaml)
        else {
            continue;
        };
        for key in m.keys().filter_map(|k| k.as_str()).filter(|k| !SIDECAR_KEYS.contains(k)) {
            let hint = crate::lint::text::suggest(key, SIDECAR_KEYS.iter().copied());
            let (th_hint, en_hint) = match hint {
                Some(h) => (format!(" หมายถึง \"{h}\" หรือไม่?"), format!("; did you mean `{h}`?")),
                None => (String::new(), String::new()),
            };
            // The front matter starts on line 2 (after `---`).
            let line = crate::yaml::line_of_key(split.yaml, &[key]).map(|l| l + 1);
            out.push(cx.finding(
                &RULE,
                path,
                line,
                None,
                format!("ไม่รู้จักคีย์ \"{key}\"{th_hint} (ค่านี้จะไม่ถูกใช้)"),
                format!("unknown key `{key}`{en_hint} (its value is ignored)"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SIDECAR_KEYS;

    #[test]
    fn every_sidecar_field_is_a_known_key_regression() {
        // `paste: true` was reported as an unknown key whose value is ignored, though it is read.
        let fields = serde_json::to_value(crate::portfolio::model::Sidecar::default()).unwrap();
        let fields = fields.as_object().unwrap();
        assert!(fields.contains_key("paste") && fields.len() >= 10, "{fields:?}");
        for key in fields.keys() {
            assert!(
                SIDECAR_KEYS.contains(&key.as_str()),
                "sidecar field `{key}` is missing from SIDECAR_KEYS"
            );
        }
    }
}
