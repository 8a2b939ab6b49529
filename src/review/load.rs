//! Reading review files: `reviews/<slug>/*.yaml` (and `.yml`) at the site
//! root, sorted by name. A file that cannot be read or parsed is a
//! [`Review`] holding its bilingual diagnostic (file and line; rule E001
//! reports it), never an error of the build.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::model::ReviewFile;
use super::DIR;
use crate::diagnostic::Diagnostic;

/// One review file of a portfolio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The reviewer id: the file's stem (`supervisor-somchai`).
    pub id: String,
    /// Path relative to the site root (`reviews/<slug>/<id>.yaml`).
    pub path: String,
    /// The text (for line lookups); empty when unreadable.
    pub text: String,
    /// The parsed file, or why it could not be read.
    pub file: Result<ReviewFile, Diagnostic>,
    /// Warnings met while reading (a file saved as Windows-874).
    pub warnings: Vec<Diagnostic>,
}

impl Review {
    /// 1-based line of a key path in the file (`["indicators", "1.1"]`).
    pub fn line_of(&self, key: &[&str]) -> Option<usize> {
        crate::yaml::line_of_key(&self.text, key)
    }
}

/// A review folder whose slug is no portfolio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Orphan {
    /// The folder's name.
    pub slug: String,
    /// Path relative to the site root.
    pub path: String,
}

fn is_review_file(name: &str) -> bool {
    !name.starts_with('.') && (name.ends_with(".yaml") || name.ends_with(".yml"))
}

/// Reads the review files of the portfolio `slug` (none when the folder is absent).
pub fn for_slug(root: &Path, slug: &str) -> Vec<Review> {
    let dir = root.join(DIR).join(slug);
    let Ok(names) = crate::fs::read_dir_names(&dir) else { return Vec::new() };
    let mut names: Vec<String> = names
        .into_iter()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| is_review_file(n) && dir.join(n).is_file())
        .collect();
    names.sort();
    names.into_iter().map(|n| read(&dir.join(&n), format!("{DIR}/{slug}/{n}"))).collect()
}

/// Reads and parses one review file, shown to users as `shown`.
pub fn read(path: &Path, shown: String) -> Review {
    let id = Path::new(&shown).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let (text, warnings) = match crate::fs::read_text(path) {
        Ok(t) => {
            let warnings = Diagnostic::of_encoding(&shown, &t).into_iter().collect();
            (t.text, warnings)
        }
        Err(e) => {
            let file = Err(Diagnostic::io(&shown, &e));
            return Review { id, path: shown, text: String::new(), file, warnings: Vec::new() };
        }
    };
    let file = parse(Path::new(&shown), &text);
    Review { id, path: shown, text, file, warnings }
}

/// Parses the text of a review file; errors name the file and line.
pub fn parse(shown: &Path, text: &str) -> Result<ReviewFile, Diagnostic> {
    if text.trim().is_empty() {
        return Err(Diagnostic::new(
            shown,
            Some(1),
            "ไฟล์ผลการตรวจว่างเปล่า ต้องมีอย่างน้อย reviewer: ชื่อผู้ตรวจ",
            "the review file is empty: it needs at least `reviewer: <name>`",
        ));
    }
    crate::yaml::from_str::<ReviewFile>(text)
        .map_err(|e| crate::yaml::diagnostic(shown, 0, text, &e, "ไฟล์ผลการตรวจ"))
}

/// Review folders under `reviews/` whose name is not in `known` (the
/// portfolios' slugs), sorted.
pub fn orphans(root: &Path, known: &[String]) -> Vec<Orphan> {
    let dir = root.join(DIR);
    let Ok(names) = crate::fs::read_dir_names(&dir) else { return Vec::new() };
    let mut out: Vec<Orphan> = names
        .into_iter()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.') && dir.join(n).is_dir() && !known.contains(n))
        .map(|slug| Orphan { path: format!("{DIR}/{slug}"), slug })
        .collect();
    out.sort_by(|a, b| a.slug.cmp(&b.slug));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_file_is_a_diagnostic_with_its_line_and_the_others_load() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("reviews/kru-a");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.yaml"), "reviewer: ก\nindicators:\n  \"1.1\": { status: meets\n").unwrap();
        std::fs::write(dir.join("b.yaml"), "reviewer: ข\nindicators: { \"๑.๒\": { status: meets } }\n")
            .unwrap();
        std::fs::write(dir.join(".hidden.yaml"), "x").unwrap();
        std::fs::write(dir.join("notes.txt"), "x").unwrap();
        let r = for_slug(d.path(), "kru-a");
        assert_eq!(r.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        let e = r[0].file.as_ref().unwrap_err();
        assert_eq!(e.path.to_string_lossy(), "reviews/kru-a/a.yaml");
        assert!(e.line.is_some(), "{e}");
        assert!(r[1].file.as_ref().unwrap().by_code().contains_key("1.2"));
    }

    #[test]
    fn folders_of_no_portfolio_are_orphans() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("reviews/kru-a")).unwrap();
        std::fs::create_dir_all(d.path().join("reviews/kru-gone")).unwrap();
        let o = orphans(d.path(), &["kru-a".to_string()]);
        assert_eq!(o, [Orphan { slug: "kru-gone".into(), path: "reviews/kru-gone".into() }]);
    }
}
