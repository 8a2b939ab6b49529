//! YAML front matter: splitting it from the Markdown body and parsing it with
//! line numbers that point into the original file.

use std::path::Path;

use serde::Deserialize;

use crate::date::Date;
use crate::diagnostic::Diagnostic;

/// Front matter of a page or section, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFrontMatter {
    title: Option<String>,
    description: Option<String>,
    date: Option<crate::yaml::Value>,
    weight: Option<i64>,
    #[serde(default)]
    draft: bool,
    template: Option<String>,
    slug: Option<String>,
    #[serde(default)]
    paste: bool,
    #[serde(default)]
    extra: crate::yaml::Mapping,
}

/// Parsed, checked front matter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// Page title (falls back to the first heading or the file name).
    pub title: Option<String>,
    /// Summary for lists and `<meta name="description">`.
    pub description: Option<String>,
    /// Date (CE or BE accepted).
    pub date: Option<Date>,
    /// Sort key in navigation: lower first; pages without one come last.
    pub weight: Option<i64>,
    /// Drafts are built only with `--drafts`.
    pub draft: bool,
    /// Template override, e.g. `wide.html`.
    pub template: Option<String>,
    /// 1-based file line of the `template:` key, for "unknown template" errors.
    pub template_line: Option<usize>,
    /// URL slug override.
    pub slug: Option<String>,
    /// 1-based file line of the `slug:` key.
    pub slug_line: Option<usize>,
    /// `paste: true`: text pasted from Word or a PDF; every line break is
    /// kept (see [`crate::markup::paste`]).
    pub paste: bool,
    /// Free values for templates.
    pub extra: serde_json::Value,
}

/// A file split into front matter and body.
#[derive(Debug, Clone)]
pub struct Split<'a> {
    /// The YAML text (without the `---` fences).
    pub yaml: &'a str,
    /// The Markdown body.
    pub body: &'a str,
    /// 1-based file line on which the body starts.
    pub body_line: usize,
}

/// Splits `---`-fenced front matter from the body. A file without a leading
/// `---` line has no front matter.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Ok(Split { yaml: "", body: text, body_line: 1 });
    }
    let mut pos = first_end;
    let mut line = 2;
    while pos < text.len() {
        let end = text[pos..].find('\n').map(|i| pos + i + 1).unwrap_or(text.len());
        if text[pos..end].trim_end() == "---" {
            return Ok(Split { yaml: &text[first_end..pos], body: &text[end..], body_line: line + 1 });
        }
        pos = end;
        line += 1;
    }
    Err(Diagnostic::new(
        path,
        Some(1),
        "front matter เปิดด้วย --- แต่ไม่มีบรรทัด --- ปิดท้าย",
        "front matter starts with --- but is never closed with a --- line",
    ))
}

/// Finds the 1-based file line of a top-level `key:` inside the front matter
/// (which starts on file line 2).
fn key_line(yaml: &str, key: &str) -> Option<usize> {
    crate::yaml::line_of_key(yaml, &[key]).map(|l| l + 1)
}

/// Parses front matter YAML; errors carry file line numbers.
pub fn parse(path: &Path, yaml: &str) -> Result<FrontMatter, Diagnostic> {
    if yaml.trim().is_empty() {
        return Ok(FrontMatter::default());
    }
    // The YAML starts on file line 2 (after the opening `---`).
    let raw: RawFrontMatter = crate::yaml::from_str(yaml)
        .map_err(|e| crate::yaml::diagnostic(path, 1, yaml, &e, "front matter"))?;
    let date =
        match raw.date {
            None | Some(crate::yaml::Value::Null) => None,
            Some(v) => {
                let s = match &v {
                    crate::yaml::Value::String(s) => s.clone(),
                    other => crate::yaml::to_string(other).unwrap_or_default().trim().to_string(),
                };
                Some(Date::parse(&s).map_err(|e| {
                    Diagnostic::new(path, key_line(yaml, "date"), e.message_th(), e.message_en())
                })?)
            }
        };
    Ok(FrontMatter {
        title: raw.title,
        description: raw.description,
        date,
        weight: raw.weight,
        draft: raw.draft,
        template_line: raw.template.as_ref().and_then(|_| key_line(yaml, "template")),
        template: raw.template,
        slug_line: raw.slug.as_ref().and_then(|_| key_line(yaml, "slug")),
        slug: raw.slug,
        paste: raw.paste,
        extra: serde_json::to_value(&raw.extra).unwrap_or(serde_json::Value::Null),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split(Path::new("a.md"), "---\ntitle: ก\n---\n# หัวข้อ\n").unwrap();
        assert_eq!(s.yaml, "title: ก\n");
        assert_eq!(s.body, "# หัวข้อ\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn no_front_matter() {
        let s = split(Path::new("a.md"), "# หัวข้อ\n").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body_line, 1);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let d = split(Path::new("a.md"), "---\ntitle: ก\n# x\n").unwrap_err();
        assert_eq!(d.line, Some(1));
    }

    #[test]
    fn yaml_error_line_points_into_the_file() {
        // File line 3 holds the bad YAML (line 1 is `---`).
        let d = parse(Path::new("a.md"), "title: ok\nweight: [1\n").unwrap_err();
        assert!(d.line.unwrap() >= 3, "{d:?}");
    }

    #[test]
    fn unknown_key_is_named() {
        let d = parse(Path::new("a.md"), "title: ok\ntitel: x\n").unwrap_err();
        assert_eq!(d.line, Some(3));
        assert!(d.message.contains("titel"));
    }

    #[test]
    fn be_date_and_bad_date() {
        let fm = parse(Path::new("a.md"), "date: 2567-05-16\n").unwrap();
        assert_eq!(fm.date.unwrap().iso(), "2024-05-16");
        let d = parse(Path::new("a.md"), "title: x\ndate: 2567-02-31\n").unwrap_err();
        assert_eq!(d.line, Some(3));
    }
}
