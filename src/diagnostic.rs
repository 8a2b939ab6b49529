//! The one message vocabulary: everything a user reads about a file (build
//! errors, warnings, lint findings, load errors) is a [`Diagnostic`]: the
//! path, the line when known, a Thai and an English message, and an optional
//! fix ([`Hint`]), also in both languages.
//!
//! English fields hold English only, Thai fields Thai (paths and names
//! aside); no caller parses a library's error text to make one. A build
//! collects every diagnostic it can before giving up, so a user fixes all
//! problems in one round instead of one per build.

use std::fmt;
use std::path::PathBuf;

/// One problem found while building, tied to a file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    /// How to fix it, when the message alone does not say.
    #[serde(skip_serializing_if = "Option::is_none", flatten)]
    pub hint: Option<Box<Hint>>,
}

/// How to fix a problem, in Thai and English. Serialised as `hint` and
/// `hint_en` beside the message.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Hint {
    /// Thai.
    #[serde(rename = "hint")]
    pub th: String,
    /// English.
    #[serde(rename = "hint_en")]
    pub en: String,
}

impl Diagnostic {
    /// Creates a diagnostic.
    pub fn new(
        path: impl Into<PathBuf>,
        line: Option<usize>,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            message: message.into(),
            message_en: message_en.into(),
            hint: None,
        }
    }

    /// Adds how to fix it.
    pub fn with_hint(mut self, th: impl Into<String>, en: impl Into<String>) -> Self {
        self.hint = Some(Box::new(Hint { th: th.into(), en: en.into() }));
        self
    }

    /// An IO error about `shown` (the path as the user knows it, relative to
    /// the site root): the operation in each language, the OS reason in English.
    pub fn io(shown: impl Into<PathBuf>, e: &crate::fs::FsError) -> Self {
        Diagnostic::new(shown, None, e.th, format!("{}: {}", e.en, e.source))
    }

    /// The warning for a text file read as Windows-874 ([`crate::fs::Encoding::Windows874`]).
    pub fn windows_874(shown: impl Into<PathBuf>) -> Self {
        Diagnostic::new(
            shown,
            None,
            "ไฟล์นี้บันทึกแบบ ANSI/TIS-620 ไม่ใช่ UTF-8 จึงอ่านเป็น Windows-874 (ภาษาไทย) ให้บันทึกใหม่เป็น UTF-8",
            "this file is saved as ANSI/TIS-620, not UTF-8; it was read as Windows-874 (Thai): save it as UTF-8",
        )
        .with_hint(
            "ใน Notepad: ไฟล์ > บันทึกเป็น > การเข้ารหัส UTF-8",
            "in Notepad: File > Save as > Encoding: UTF-8",
        )
    }

    /// The warning for `text` read from `shown`, if it was not UTF-8.
    pub fn of_encoding(shown: impl Into<PathBuf>, text: &crate::fs::Text) -> Option<Self> {
        (text.encoding == crate::fs::Encoding::Windows874).then(|| Diagnostic::windows_874(shown))
    }

    /// The path as shown to users, with `/` separators on every OS.
    pub fn location_path(&self) -> String {
        self.path.to_string_lossy().replace('\\', "/")
    }

    /// `path:line` as shown to users, with `/` separators on every OS.
    pub fn location(&self) -> String {
        let p = self.location_path();
        match self.line {
            Some(l) => format!("{p}:{l}"),
            None => p,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}\n    {}", self.location(), self.message, self.message_en)?;
        if let Some(h) = &self.hint {
            write!(f, "\n    แก้ไข: {}\n    fix: {}", h.th, h.en)?;
        }
        Ok(())
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
