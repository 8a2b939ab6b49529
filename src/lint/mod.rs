//! The linter: checks every portfolio against its framework and the writing
//! rules, and reports findings per teacher and per indicator.
//!
//! Findings are data (a `Vec<Finding>`), never `Err`. A broken portfolio
//! (unreadable YAML) is one finding for that portfolio; the others are still
//! checked. Each rule lives in its own file under `rules/`, with a stable id,
//! a kebab-case name, a default severity and a doc comment that
//! `krufolio explain` prints.

pub mod command;
pub mod output;
pub mod rules;
pub mod settings;
pub mod text;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::frameworks::{Framework, Frameworks};
use crate::portfolio::{Manifest, Portfolio};
pub use settings::Settings;

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
    pub fn as_str(self) -> &'static str {
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

/// One problem found in a portfolio. The field names are the public JSON
/// contract (`portfolio-format.md`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule id, e.g. `C001`.
    pub rule: String,
    /// Rule name, e.g. `missing-evidence`.
    pub name: String,
    /// Severity after configuration.
    pub severity: Severity,
    /// Portfolio slug.
    pub portfolio: String,
    /// Path relative to the site root, when the finding is about a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// 1-based line, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// Normalised indicator code, when the finding is about one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// Thai message.
    pub message: String,
    /// English message.
    pub message_en: String,
}

/// A rule: identity, default severity, documentation and the check.
pub struct Rule {
    /// Stable id (`C001`).
    pub id: &'static str,
    /// Kebab-case name (`missing-evidence`).
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// One-line summary, Thai.
    pub summary: &'static str,
    /// One-line summary, English.
    pub summary_en: &'static str,
    /// Source file stem under `rules/` (its `//!` doc is the rule's doc).
    pub file: &'static str,
    /// The check.
    pub check: fn(&Ctx<'_>, &mut Vec<Finding>),
}

impl Rule {
    /// The rule's documentation (its source file's `//!` comment).
    pub fn doc(&self) -> &'static str {
        rules::doc_of(self.file)
    }
}

/// What a rule sees for one portfolio.
pub struct Ctx<'a> {
    /// The portfolio.
    pub p: &'a Portfolio,
    /// Its manifest, when it parsed.
    pub m: Option<&'a Manifest>,
    /// Its framework, when known.
    pub fw: Option<&'a Framework>,
    /// All frameworks.
    pub frameworks: &'a Frameworks,
    /// Lint settings.
    pub settings: &'a Settings,
}

impl Ctx<'_> {
    /// A finding of `rule` about this portfolio.
    pub fn finding(
        &self,
        rule: &Rule,
        path: Option<&str>,
        line: Option<usize>,
        indicator: Option<&str>,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Finding {
        Finding {
            rule: rule.id.to_string(),
            name: rule.name.to_string(),
            severity: rule.severity,
            portfolio: self.p.slug.clone(),
            path: path.map(str::to_string),
            line,
            indicator: indicator.map(str::to_string),
            message: message.into(),
            message_en: message_en.into(),
        }
    }

    /// A finding about a `portfolio.yaml` key path.
    pub fn at_key(
        &self,
        rule: &Rule,
        key: &[&str],
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Finding {
        let path = self.p.manifest_path();
        self.finding(rule, Some(&path), self.p.line_of(key), None, message, message_en)
    }

    /// A finding about a `portfolio.yaml` value: the line holding `needle`
    /// (a list item, a member's name), else the line of `key`.
    pub fn at_text(
        &self,
        rule: &Rule,
        key: &[&str],
        needle: &str,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Finding {
        let mut f = self.at_key(rule, key, message, message_en);
        let found = self.p.manifest_text.as_deref().and_then(|t| {
            let start = f.line.unwrap_or(1).saturating_sub(1);
            t.lines()
                .enumerate()
                .skip(start)
                .find(|(_, l)| !needle.is_empty() && l.contains(needle))
                .map(|(i, _)| i + 1)
        });
        if found.is_some() {
            f.line = found;
        }
        f
    }

    /// Scans every published text line with `find` and reports each hit
    /// (masked to its last 4 digits, so the report itself leaks nothing).
    pub fn scan_published(
        &self,
        rule: &Rule,
        find: fn(&str) -> Vec<String>,
        message: impl Fn(&str) -> (String, String),
        out: &mut Vec<Finding>,
    ) {
        let mask = |hit: &str| -> String {
            let n = hit.chars().count();
            hit.chars().enumerate().map(|(k, c)| if k + 4 < n { 'x' } else { c }).collect()
        };
        for (path, text) in &self.p.texts {
            for (i, line) in text.lines().enumerate() {
                for hit in find(line) {
                    let (th, en) = message(&mask(&hit));
                    out.push(self.finding(rule, Some(path), Some(i + 1), None, th, en));
                }
            }
        }
        // File names are published too (in URLs and as download names).
        for a in &self.p.artefacts {
            for hit in find(&a.rel) {
                let (th, en) = message(&mask(&hit));
                out.push(self.finding(
                    rule,
                    Some(&a.path),
                    None,
                    None,
                    format!("{th} (ในชื่อไฟล์)"),
                    format!("{en} (in the file name)"),
                ));
            }
        }
    }

    /// The portfolio's fiscal year (BE): the manifest's, else the site's.
    pub fn fiscal_year(&self) -> i32 {
        self.m
            .and_then(|m| m.fiscal_year)
            .map(|y| y as i32)
            .filter(|y| *y >= 2400)
            .unwrap_or(self.settings.fiscal_year)
    }
}

/// Resolves the framework of a portfolio: `framework:` or the position's.
pub fn framework_of<'a>(m: Option<&Manifest>, frameworks: &'a Frameworks) -> Option<&'a Framework> {
    let m = m?;
    match &m.framework {
        Some(id) => frameworks.by_id.get(id),
        None => frameworks.for_position(m.position.as_deref()?),
    }
}

/// Per-portfolio summary for tables and dashboards.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PortfolioSummary {
    /// Slug.
    pub slug: String,
    /// Name from the manifest.
    pub name: Option<String>,
    /// Framework id.
    pub framework: Option<String>,
    /// Error count.
    pub errors: usize,
    /// Warning count.
    pub warnings: usize,
    /// Info count.
    pub info: usize,
    /// Per indicator: `ok`, `missing` (no evidence) or `problem` (evidence with errors).
    pub indicators: BTreeMap<String, String>,
}

/// Totals.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Summary {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub info: usize,
    /// Portfolios checked.
    pub portfolios: usize,
    /// Per portfolio.
    pub per_portfolio: Vec<PortfolioSummary>,
}

/// The lint result: `{"findings": [...], "summary": {...}}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    /// Findings, sorted by portfolio, path, line, rule.
    pub findings: Vec<Finding>,
    /// Totals.
    pub summary: Summary,
}

/// Lints portfolios (in parallel) and applies the configuration.
pub fn lint(portfolios: &[Portfolio], frameworks: &Frameworks, settings: &Settings) -> Report {
    let per: Vec<Vec<Finding>> = portfolios
        .par_iter()
        .map(|p| {
            let m = p.manifest.as_ref().ok();
            let cx = Ctx { p, m, fw: framework_of(m, frameworks), frameworks, settings };
            let mut out = Vec::new();
            for rule in rules::ALL {
                if settings.enabled(rule) {
                    // A rule that panics on one portfolio reports it and the rest go on.
                    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        let mut found = Vec::new();
                        (rule.check)(&cx, &mut found);
                        found
                    }));
                    match run {
                        Ok(found) => out.extend(found),
                        Err(_) => out.push(cx.finding(
                            rule,
                            Some(&cx.p.dir),
                            None,
                            None,
                            format!("กฎ {} ขัดข้องขณะตรวจแฟ้มนี้ (ข้อบกพร่องของโปรแกรม) โปรดแจ้งผู้พัฒนา", rule.id),
                            format!("rule {} failed on this portfolio (a bug); please report it", rule.id),
                        )),
                    }
                }
            }
            out.retain(|f| !settings.ignored(f));
            for f in &mut out {
                f.severity = settings.severity(f);
            }
            out
        })
        .collect();
    let mut summary = Summary { portfolios: portfolios.len(), ..Default::default() };
    for (p, findings) in portfolios.iter().zip(&per) {
        let m = p.manifest.as_ref().ok();
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let mut indicators = BTreeMap::new();
        if let Some(fw) = framework_of(m, frameworks) {
            for (_, ind) in fw.indicators() {
                let missing = findings.iter().any(|f| {
                    f.rule == rules::missing_evidence::RULE.id
                        && f.indicator.as_deref() == Some(ind.code.as_str())
                });
                let problem = findings.iter().any(|f| {
                    f.severity == Severity::Error && f.indicator.as_deref() == Some(ind.code.as_str())
                });
                let status = if missing {
                    "missing"
                } else if problem {
                    "problem"
                } else {
                    "ok"
                };
                indicators.insert(ind.code.clone(), status.to_string());
            }
        }
        summary.per_portfolio.push(PortfolioSummary {
            slug: p.slug.clone(),
            name: m.and_then(|m| m.name.clone()),
            framework: framework_of(m, frameworks).map(|f| f.id.clone()),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            info: count(Severity::Info),
            indicators,
        });
    }
    let mut findings: Vec<Finding> = per.into_iter().flatten().collect();
    findings.sort_by(|a, b| {
        (&a.portfolio, &a.path, a.line, &a.rule, &a.indicator, &a.message).cmp(&(
            &b.portfolio,
            &b.path,
            b.line,
            &b.rule,
            &b.indicator,
            &b.message,
        ))
    });
    summary.errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    summary.warnings = findings.iter().filter(|f| f.severity == Severity::Warning).count();
    summary.info = findings.iter().filter(|f| f.severity == Severity::Info).count();
    Report { findings, summary }
}
