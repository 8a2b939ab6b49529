//! Build diagnostics: a message about a file (and line, when known), in Thai
//! and English.
//!
//! A build collects every diagnostic it can before giving up, so a user fixes
//! all problems in one round instead of one per build.

use std::fmt;
use std::path::PathBuf;

/// One problem found while building, tied to a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Path relative to the site root (or a theme-internal name such as
    /// `[default theme]/templates/page.html`).
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Thai message.
    pub message: String,
    /// English message.
    pub message_en: String,
}

impl Diagnostic {
    /// Creates a diagnostic.
    pub fn new(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        Diagnostic { path: path.into(), line, message: message.into(), message_en: message_en.into() }
    }

    /// `path:line` as shown to users, with `/` separators on every OS.
    pub fn location(&self) -> String {
        let p = self.path.to_string_lossy().replace('\\', "/");
        match self.line {
            Some(l) => format!("{p}:{l}"),
            None => p,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}\n    {}", self.location(), self.message, self.message_en)
    }
}

/// A build that failed, with every problem found.
#[derive(Debug, Clone, thiserror::Error)]
pub struct BuildError {
    /// The problems, sorted by location.
    pub diagnostics: Vec<Diagnostic>,
}

impl BuildError {
    /// Wraps diagnostics, sorting them for stable output.
    pub fn new(mut diagnostics: Vec<Diagnostic>) -> Self {
        diagnostics.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
        diagnostics.dedup();
        BuildError { diagnostics }
    }
}

impl From<Diagnostic> for BuildError {
    fn from(d: Diagnostic) -> Self {
        BuildError::new(vec![d])
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.diagnostics.len();
        writeln!(f, "สร้างเว็บไซต์ไม่สำเร็จ: พบข้อผิดพลาด {n} รายการ / build failed: {n} error(s)")?;
        for d in &self.diagnostics {
            writeln!(f, "error: {d}")?;
        }
        Ok(())
    }
}
