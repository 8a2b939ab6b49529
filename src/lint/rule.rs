//! What a rule is: [`Rule`] (identity, documentation, the check), its
//! [`Severity`] and its [`Category`], and the compile-time assembly of a
//! rule's documentation used by `declare_rule!` (`lint/rules/mod.rs`).

use serde::{Deserialize, Serialize};

use super::{Ctx, Finding};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be fixed: the committee would send it back.
    Error,
    /// Should be fixed.
    Warning,
    /// For information.
    Info,
}

impl Severity {
    /// `error` / `warning` / `info`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// Thai label.
    pub fn thai(self) -> &'static str {
        match self {
            Severity::Error => "ข้อผิดพลาด",
            Severity::Warning => "คำเตือน",
            Severity::Info => "ข้อสังเกต",
        }
    }
}

/// What a rule is about: the groups of the "สิ่งที่ตัวตรวจดู" table in
/// `content/guide/commands.md`. Declared by each rule (never inferred from
/// its id); a rule's id starts with its category's [`letter`](Category::letter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// `portfolio.yaml` and reading the folder (`M…`).
    Manifest,
    /// Indicators and their evidence (`C…`).
    Coverage,
    /// The challenge issue, Part 2 of the agreement (`P…`).
    Challenge,
    /// Dates of the evidence against the fiscal year (`D…`).
    Dates,
    /// Media files and the `dpa/` package (`V…`).
    Media,
    /// The evaluation committee and its calendar (`K…`).
    Committee,
    /// The committee's scores (`S…`).
    Scores,
    /// Personal data in published files, PDPA (`R…`).
    Privacy,
    /// Reviewers' and committee members' review files, `reviews/` (`E…`).
    Review,
}

impl Category {
    /// Every category, in the order of the guide's table.
    pub const ALL: [Category; 9] = [
        Category::Manifest,
        Category::Coverage,
        Category::Challenge,
        Category::Dates,
        Category::Media,
        Category::Committee,
        Category::Scores,
        Category::Privacy,
        Category::Review,
    ];

    /// Thai label.
    pub const fn thai(self) -> &'static str {
        match self {
            Category::Manifest => "ข้อมูลพื้นฐาน",
            Category::Coverage => "ตัวชี้วัด",
            Category::Challenge => "ประเด็นท้าทาย",
            Category::Dates => "ปีงบประมาณ",
            Category::Media => "ไฟล์",
            Category::Committee => "คณะกรรมการ",
            Category::Scores => "คะแนน",
            Category::Privacy => "ข้อมูลส่วนบุคคล",
            Category::Review => "ผลการตรวจ",
        }
    }

    /// English label.
    pub const fn english(self) -> &'static str {
        match self {
            Category::Manifest => "portfolio basics",
            Category::Coverage => "indicators",
            Category::Challenge => "challenge issue",
            Category::Dates => "fiscal year",
            Category::Media => "files",
            Category::Committee => "committee",
            Category::Scores => "scores",
            Category::Privacy => "personal data",
            Category::Review => "review files",
        }
    }

    /// The first letter of the ids of this category's rules: the convention
    /// a new rule's id follows (checked by `rules::tests`), never read to
    /// find a rule's category.
    pub const fn letter(self) -> char {
        match self {
            Category::Manifest => 'M',
            Category::Coverage => 'C',
            Category::Challenge => 'P',
            Category::Dates => 'D',
            Category::Media => 'V',
            Category::Committee => 'K',
            Category::Scores => 'S',
            Category::Privacy => 'R',
            Category::Review => 'E',
        }
    }
}

/// A rule: identity, default severity, documentation and the check. Made by
/// `declare_rule!` in its file under `rules/`, which says each thing once.
pub struct Rule {
    /// Stable id (`C001`).
    pub id: &'static str,
    /// Kebab-case name (`missing-evidence`).
    pub name: &'static str,
    /// What the rule is about.
    pub category: Category,
    /// Default severity.
    pub severity: Severity,
    /// One-line summary, Thai.
    pub summary: &'static str,
    /// One-line summary, English.
    pub summary_en: &'static str,
    /// The documentation `krufolio explain` prints and SARIF carries as help:
    /// `# ID name`, the summary with the default severity, then the doc
    /// comment of the rule's `declare_rule!`.
    pub doc: &'static str,
    /// The check.
    pub check: fn(&Ctx<'_>, &mut Vec<Finding>),
}

/// Compile-time assembly of a rule's documentation: `head` verbatim, then
/// the doc-comment lines (one leading space dropped, as rustdoc does),
/// joined by newlines. `declare_rule!` sizes the text with `doc_len` and
/// fills it with `doc_bytes`.
pub mod doc {
    const fn line(l: &str) -> &[u8] {
        match l.as_bytes() {
            [b' ', rest @ ..] => rest,
            all => all,
        }
    }

    /// The length of the assembled text.
    pub const fn doc_len(head: &[&str], lines: &[&str]) -> usize {
        let mut n = 0;
        let mut i = 0;
        while i < head.len() {
            n += head[i].len();
            i += 1;
        }
        let mut j = 0;
        while j < lines.len() {
            n += line(lines[j]).len() + if j + 1 < lines.len() { 1 } else { 0 };
            j += 1;
        }
        n
    }

    const fn copy<const N: usize>(out: &mut [u8; N], mut at: usize, bytes: &[u8]) -> usize {
        let mut k = 0;
        while k < bytes.len() {
            out[at] = bytes[k];
            at += 1;
            k += 1;
        }
        at
    }

    /// The assembled text (`N` = [`doc_len`]).
    pub const fn doc_bytes<const N: usize>(head: &[&str], lines: &[&str]) -> [u8; N] {
        let mut out = [0u8; N];
        let mut at = 0;
        let mut i = 0;
        while i < head.len() {
            at = copy(&mut out, at, head[i].as_bytes());
            i += 1;
        }
        let mut j = 0;
        while j < lines.len() {
            at = copy(&mut out, at, line(lines[j]));
            if j + 1 < lines.len() {
                at = copy(&mut out, at, b"\n");
            }
            j += 1;
        }
        assert!(at == N, "doc_len and doc_bytes disagree");
        out
    }

    /// The text as `str` (it is made of `str` pieces cut at ASCII spaces).
    pub const fn as_str(bytes: &'static [u8]) -> &'static str {
        match core::str::from_utf8(bytes) {
            Ok(s) => s,
            Err(_) => panic!("a rule's doc is not UTF-8"),
        }
    }
}
