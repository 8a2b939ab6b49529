//! The frozen registry: every rule id and name ever issued, so that an id is
//! never renamed or reused (users write them in `site.yaml`, CI filters and
//! saved reports). `rules::tests` checks that [`super::ALL`] matches it.

/// One issued rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Issued {
    /// The id, e.g. `C001`.
    pub id: &'static str,
    /// The kebab-case name, e.g. `missing-evidence`.
    pub name: &'static str,
    /// `Some("<version>: <why>")` once the rule is retired.
    pub retired: Option<&'static str>,
}

/// Every (id, name) ever issued.
///
/// **Append-only.** Never edit, reorder or delete a row: a new rule gets a
/// new row at the end with a new id (the next number after its category's
/// letter) and a new name. To retire a rule, delete its file, its `pub mod`
/// and its line in `ALL`, and keep its row here with `retired:
/// Some("0.3.0: why")`; the id and name stay taken for good.
pub const ISSUED: &[Issued] = &[
    Issued { id: "M001", name: "manifest-missing", retired: None },
    Issued { id: "M002", name: "manifest-invalid-yaml", retired: None },
    Issued { id: "M003", name: "manifest-missing-key", retired: None },
    Issued { id: "M004", name: "manifest-unknown-key", retired: None },
    Issued { id: "M005", name: "manifest-invalid-position", retired: None },
    Issued { id: "M006", name: "manifest-fiscal-year", retired: None },
    Issued { id: "M007", name: "file-unreadable", retired: None },
    Issued { id: "C001", name: "missing-evidence", retired: None },
    Issued { id: "C002", name: "unknown-indicator", retired: None },
    Issued { id: "C003", name: "too-many-items", retired: None },
    Issued { id: "P001", name: "challenge-incomplete", retired: None },
    Issued { id: "P002", name: "challenge-title-mismatch", retired: None },
    Issued { id: "P003", name: "quantitative-target-without-number", retired: None },
    Issued { id: "P004", name: "qualitative-target-with-number", retired: None },
    Issued { id: "P005", name: "challenge-count", retired: None },
    Issued { id: "P006", name: "inspiration-without-figures", retired: None },
    Issued { id: "V001", name: "media-corrupt", retired: None },
    Issued { id: "V002", name: "media-convert", retired: None },
    Issued { id: "V003", name: "video-codec", retired: None },
    Issued { id: "V004", name: "video-not-faststart", retired: None },
    Issued { id: "V008", name: "poster-not-found", retired: None },
    Issued { id: "V005", name: "dpa-clip-too-long", retired: None },
    Issued { id: "V006", name: "dpa-package", retired: None },
    Issued { id: "V007", name: "pdf-too-many-pages", retired: None },
    Issued { id: "V010", name: "pdf-encrypted", retired: None },
    Issued { id: "D001", name: "evidence-outside-fiscal-year", retired: None },
    Issued { id: "K001", name: "committee-composition", retired: None },
    Issued { id: "K002", name: "committee-qualification", retired: None },
    Issued { id: "K003", name: "briefing-too-late", retired: None },
    Issued { id: "K004", name: "evaluation-not-in-september", retired: None },
    Issued { id: "K005", name: "order-sent-late", retired: None },
    Issued { id: "K006", name: "committee-date-invalid", retired: None },
    Issued { id: "S001", name: "score-invalid", retired: None },
    Issued { id: "S002", name: "score-below-pass", retired: None },
    Issued { id: "S003", name: "score-totals", retired: None },
    Issued { id: "R001", name: "national-id-published", retired: None },
    Issued { id: "R002", name: "phone-number-published", retired: None },
    Issued { id: "R003", name: "photo-has-gps", retired: None },
    Issued { id: "V009", name: "video-has-location", retired: None },
    Issued { id: "R004", name: "media-without-consent", retired: None },
    Issued { id: "R005", name: "private-data-withheld", retired: None },
    Issued { id: "R006", name: "teacher-html", retired: None },
    Issued { id: "V012", name: "link-url-invalid", retired: None },
    Issued { id: "V013", name: "dpa-file-is-link", retired: None },
    Issued { id: "R007", name: "pasted-text", retired: None },
    Issued { id: "M008", name: "fiscal-year-mismatch", retired: None },
    Issued { id: "V011", name: "lesson-plan-too-many-pages", retired: None },
    Issued { id: "C004", name: "evidence-not-filed", retired: None },
    Issued { id: "E001", name: "review-invalid", retired: None },
    Issued { id: "E002", name: "review-unknown-indicator", retired: None },
    Issued { id: "E003", name: "review-invalid-value", retired: None },
    Issued { id: "E004", name: "review-scorer-not-on-committee", retired: None },
    Issued { id: "E005", name: "review-orphan", retired: None },
    Issued { id: "E006", name: "review-history-order", retired: None },
];
