//! The `lint:` block of `content/site.yaml` as written (see
//! `lint::settings`, which checks it against the rules and resolves it).
//! Plain data, so the configuration does not depend on the linter.

use std::collections::BTreeMap;

use serde::Deserialize;

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not run.
    Off,
    /// As error.
    Error,
    /// As warning.
    Warning,
    /// As info.
    Info,
}

/// One ignore entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ignore {
    /// Portfolio slug.
    pub portfolio: String,
    /// Rule id or name.
    pub rule: String,
    /// Only this indicator.
    #[serde(default)]
    pub indicator: Option<String>,
    /// Only this path (relative to the site root).
    #[serde(default)]
    pub path: Option<String>,
    /// Why: required.
    pub reason: String,
}

/// The `lint:` block as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintConfig {
    /// Rule levels by id or name.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Per-portfolio ignores.
    #[serde(default)]
    pub ignore: Vec<Ignore>,
    /// Holidays (not working days).
    #[serde(default)]
    pub holidays: Vec<String>,
    /// Probe media (decode images, read video containers, count PDF pages).
    #[serde(default)]
    pub media: Option<bool>,
}
