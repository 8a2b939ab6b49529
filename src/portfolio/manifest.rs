//! Parsing the texts of a portfolio folder: `portfolio.yaml` into the typed
//! [`Manifest`] (with its YAML value for the unknown-key check and private
//! values blanked) and sidecars / note front matter into [`Sidecar`]. Every
//! problem is a [`Diagnostic`] with the file's line, never a panic.

use std::path::Path;

use super::model::{Manifest, ManifestResult, Sidecar};
use crate::diagnostic::Diagnostic;

/// Blanks the `private:` block (keeping lines) so it is never scanned as
/// published text.
pub(super) fn without_private(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len());
    let mut in_private = false;
    for line in yaml.lines() {
        let top = !line.starts_with([' ', '\t', '#']) && !line.trim().is_empty();
        if top {
            in_private = line.starts_with("private:");
        }
        if !in_private {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Parses `portfolio.yaml` (shown to users as `shown`) once into a YAML
/// value (with published values equal to private ones blanked, and their
/// keys returned; kept for the unknown-key check) and the typed manifest.
/// Errors carry the file's line when YAML knows it.
pub fn parse_manifest(shown: &Path, text: &str) -> (Option<crate::yaml::Value>, ManifestResult, Vec<String>) {
    if text.trim().is_empty() {
        return (None, Ok(Manifest::default()), Vec::new());
    }
    let located = |e: crate::yaml::Error| {
        // The parser points at the mapping; the user needs the second copy.
        match crate::yaml::first_duplicate_key(text) {
            Some((key, line)) => Diagnostic::new(
                shown,
                Some(line),
                format!("คีย์ \"{key}\" ซ้ำกับบรรทัดก่อนหน้า ให้เหลือไว้เพียงหนึ่ง"),
                format!("duplicate key `{key}` (also on an earlier line): keep one"),
            ),
            // Rule M002 names the file itself: the reason alone.
            None => crate::yaml::diagnostic(shown, 0, text, &e, ""),
        }
    };
    let mut value: crate::yaml::Value = match crate::yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => return (None, Err(located(e)), Vec::new()),
    };
    // Aliases are resolved by now: a published value equal to a private one
    // (`school: *nid`) is blanked before anything reads the manifest.
    let blanked = crate::privacy::withhold::blank_private_copies(&mut value);
    match crate::yaml::from_value::<Manifest>(value.clone()) {
        Ok(m) => (Some(value), Ok(m), blanked),
        // A type error: parse the text again only to learn its line. The text
        // may parse where the value did not (`name: 12345` is a string to
        // `from_str`, a number to `from_value`): then keep the value's error.
        Err(e) => {
            let err = crate::yaml::from_str::<Manifest>(text).err().unwrap_or(e);
            (Some(value), Err(located(err)), blanked)
        }
    }
}

/// A sidecar that cannot be read keeps its evidence file off the site: say so.
fn until_fixed(mut d: Diagnostic) -> Diagnostic {
    d.message.push_str(" (ไฟล์หลักฐานนี้จะไม่เผยแพร่จนกว่าจะแก้ไฟล์ประกอบ)");
    d.message_en.push_str(" (the evidence file is not published until the sidecar is fixed)");
    d
}

/// Parses the sidecar (or note) read as `read` ([`crate::fs::read_text`]),
/// shown to users as `shown`. A sidecar that cannot be read withholds its
/// file (`publish: false`); one saved as Windows-874 is read, with a warning.
pub(super) fn parse_sidecar(
    read: Result<crate::fs::Text, crate::fs::FsError>,
    shown: String,
    errors: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> (Sidecar, String) {
    let text = match read {
        Ok(t) => {
            warnings.extend(Diagnostic::of_encoding(&shown, &t));
            t.text
        }
        Err(e) => {
            errors.push(Diagnostic::io(shown, &e));
            return (Sidecar::default(), String::new());
        }
    };
    // A sidecar that cannot be read may hold `publish: false`: keep its
    // file off the site until it is fixed.
    let withheld = || Sidecar { publish: Some(false), ..Sidecar::default() };
    let split = match crate::content::front_matter::split(Path::new(&shown), &text) {
        Ok(s) => s,
        Err(d) => {
            errors.push(until_fixed(d));
            return (withheld(), text);
        }
    };
    let sidecar = if split.yaml.trim().is_empty() {
        Sidecar::default()
    } else {
        match crate::yaml::from_str::<Sidecar>(split.yaml) {
            Ok(s) => s,
            Err(e) => {
                let d = crate::yaml::diagnostic(Path::new(&shown), 1, split.yaml, &e, "ไฟล์ประกอบ (sidecar)");
                errors.push(until_fixed(d));
                withheld()
            }
        }
    };
    if let Some(d) = &sidecar.date {
        if let Err(e) = d.parse() {
            let line = crate::yaml::line_of_key(split.yaml, &["date"]).map(|l| l + 1);
            errors.push(Diagnostic::new(shown, line, e.message_th(), e.message_en()));
        }
    }
    (sidecar, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_manifest_key_is_reported_on_its_second_line_regression() {
        let (_, m, _) = parse_manifest(
            Path::new("p.yaml"),
            "name: ก\nposition: ครู\nschool: ข\nfiscal_year: 2568\nschool: ค\n",
        );
        let d = m.unwrap_err();
        assert_eq!(d.line, Some(5), "{d}");
        assert!(d.message_en.contains("school") && d.message.contains("school"), "{d}");
    }

    #[test]
    fn private_block_is_blanked_but_lines_kept() {
        let y = "name: ก\nprivate:\n  national_id: 1101700230719\n  salary: 1\nschool: ข\n";
        let out = without_private(y);
        assert_eq!(out.lines().count(), 5);
        assert!(!out.contains("1101700230719"));
        assert!(out.contains("school: ข"));
    }
}
