//! [`Finding`]: one problem found in a portfolio. Its location and bilingual
//! message are a [`Diagnostic`], the vocabulary every user-facing problem
//! shares; the finding adds the rule, the severity, the portfolio and the
//! indicator.
//!
//! The JSON form is the public contract (`portfolio-format.md`,
//! `lint.json`): `rule, name, severity, portfolio, path, line, indicator,
//! message, message_en` in that order, then `hint`/`hint_en` when there is a
//! fix. It is written through [`Wire`], so the field order stays what it was
//! before findings carried a `Diagnostic`.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::Severity;
use crate::diagnostic::{Diagnostic, Hint};

/// One problem found in a portfolio.
///
/// Every finding names a place: the file, else the folder (an evidence
/// folder, `dpa/`), else the portfolio's folder, so `at.path` is never empty
/// for findings the rules make. A finding read from JSON without `path` has
/// an empty one, and [`Finding::path`] is `None` for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(into = "Wire", from = "Wire")]
pub struct Finding {
    /// Stable rule id, e.g. `C001`.
    pub rule: String,
    /// Rule name, e.g. `missing-evidence`.
    pub name: String,
    /// Severity after configuration.
    pub severity: Severity,
    /// Portfolio slug.
    pub portfolio: String,
    /// Normalised indicator code, when the finding is about one.
    pub indicator: Option<String>,
    /// Where (path relative to the site root, line when known), what (Thai
    /// and English) and, when the message alone does not say, how to fix it.
    pub at: Diagnostic,
}

impl Finding {
    /// The path as the user wrote it, `None` when the finding has none.
    pub fn path(&self) -> Option<&str> {
        self.at.path.to_str().filter(|p| !p.is_empty())
    }
}

/// The JSON shape of a finding.
#[derive(Serialize, Deserialize)]
struct Wire {
    rule: String,
    name: String,
    severity: Severity,
    portfolio: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    indicator: Option<String>,
    message: String,
    message_en: String,
    #[serde(default, skip_serializing_if = "Option::is_none", flatten)]
    hint: Option<Box<Hint>>,
}

impl From<Finding> for Wire {
    fn from(f: Finding) -> Self {
        Wire {
            path: f.path().map(str::to_string),
            rule: f.rule,
            name: f.name,
            severity: f.severity,
            portfolio: f.portfolio,
            line: f.at.line,
            indicator: f.indicator,
            message: f.at.message,
            message_en: f.at.message_en,
            hint: f.at.hint,
        }
    }
}

impl From<Wire> for Finding {
    fn from(w: Wire) -> Self {
        Finding {
            rule: w.rule,
            name: w.name,
            severity: w.severity,
            portfolio: w.portfolio,
            indicator: w.indicator,
            at: Diagnostic {
                path: w.path.map(PathBuf::from).unwrap_or_default(),
                line: w.line,
                message: w.message,
                message_en: w.message_en,
                hint: w.hint,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(hint: bool) -> Finding {
        let mut at = Diagnostic::new("content/portfolios/kru-a/portfolio.yaml", Some(3), "ไทย", "English");
        if hint {
            at = at.with_hint("แก้", "fix");
        }
        Finding {
            rule: "M004".into(),
            name: "manifest-unknown-key".into(),
            severity: Severity::Warning,
            portfolio: "kru-a".into(),
            indicator: Some("1.1".into()),
            at,
        }
    }

    #[test]
    fn json_keeps_the_public_field_order_and_round_trips() {
        let json = serde_json::to_string(&finding(false)).unwrap();
        assert_eq!(
            json,
            r#"{"rule":"M004","name":"manifest-unknown-key","severity":"warning","portfolio":"kru-a","path":"content/portfolios/kru-a/portfolio.yaml","line":3,"indicator":"1.1","message":"ไทย","message_en":"English"}"#
        );
        assert_eq!(serde_json::from_str::<Finding>(&json).unwrap(), finding(false));
        let json = serde_json::to_string(&finding(true)).unwrap();
        assert!(json.ends_with(r#""message_en":"English","hint":"แก้","hint_en":"fix"}"#), "{json}");
        assert_eq!(serde_json::from_str::<Finding>(&json).unwrap(), finding(true));
    }
}
