//! The linter: checks every portfolio against its framework and the writing
//! rules, and reports findings per teacher and per indicator.
//!
//! Findings are data (a `Vec<Finding>`), never `Err`. A broken portfolio
//! (unreadable YAML) is one finding for that portfolio; the others are still
//! checked. Each rule lives in its own file under `rules/`, declared once
//! with `declare_rule!` (id, kebab-case name, category, default severity and
//! the doc comment that `krufolio explain` prints).

mod ctx;
mod finding;
pub mod output;
pub mod rule;
pub mod rules;
pub mod settings;
pub mod text;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::frameworks::{Framework, Frameworks};
use crate::portfolio::model::{Manifest, Portfolio};
pub use ctx::Ctx;
pub use finding::Finding;
pub use rule::{Category, Rule, Severity};
pub use settings::Settings;

/// Resolves the framework of a portfolio: `framework:` or the position's.
pub fn framework_of<'a>(m: Option<&Manifest>, frameworks: &'a Frameworks) -> Option<&'a Framework> {
    let m = m?;
    match &m.framework {
        Some(id) => frameworks.by_id.get(id),
        None => frameworks.for_position(m.position.as_deref()?),
    }
}

/// How an indicator of a portfolio stands. Serialised `ok` / `missing` /
/// `problem` (in `lint.json` and the templates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum IndicatorStatus {
    /// Evidence and no errors.
    Ok,
    /// No evidence (`missing-evidence` fired for it).
    Missing,
    /// Evidence with errors.
    Problem,
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
    /// Per indicator code.
    pub indicators: BTreeMap<String, IndicatorStatus>,
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
    lint_with_orphans(portfolios, &[], frameworks, settings)
}

/// [`lint`], plus a finding of rule E005 `review-orphan` for each review
/// folder whose slug is no portfolio ([`crate::review::orphans`]).
pub fn lint_with_orphans(
    portfolios: &[Portfolio],
    orphans: &[crate::review::Orphan],
    frameworks: &Frameworks,
    settings: &Settings,
) -> Report {
    let per: Vec<Vec<Finding>> = portfolios.par_iter().map(|p| lint_one(p, frameworks, settings)).collect();
    assemble(portfolios, per, orphans, frameworks, settings)
}

/// The findings of one portfolio, the configuration applied: the part of
/// [`lint_with_orphans`] that needs its texts (see [`assemble`]).
pub fn lint_one(p: &Portfolio, frameworks: &Frameworks, settings: &Settings) -> Vec<Finding> {
    let m = p.manifest.as_ref().ok();
    let cx = Ctx::new(p, m, frameworks, settings);
    let mut found = run_rules(&cx);
    apply_settings(settings, &mut found);
    found.shrink_to_fit(); // a district keeps 2,000 of these until the report
    found
}

/// The report of portfolios whose findings [`lint_one`] made (`per`, in the
/// same order), with the site's own findings (review orphans). It reads no
/// text, so the texts may be dropped in between.
pub fn assemble(
    portfolios: &[Portfolio],
    per: Vec<Vec<Finding>>,
    orphans: &[crate::review::Orphan],
    frameworks: &Frameworks,
    settings: &Settings,
) -> Report {
    let per_portfolio: Vec<PortfolioSummary> =
        portfolios.iter().zip(&per).map(|(p, found)| summarise(p, found, frameworks)).collect();
    let mut findings: Vec<Finding> = Vec::with_capacity(per.iter().map(Vec::len).sum());
    findings.extend(per.into_iter().flatten());
    if settings.enabled(&rules::review_orphan::RULE) {
        let known: Vec<String> = portfolios.iter().map(|p| p.slug.clone()).collect();
        let mut site = rules::review_orphan::site(orphans, &known);
        apply_settings(settings, &mut site);
        findings.extend(site);
    }
    sort(&mut findings);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let summary = Summary {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        info: count(Severity::Info),
        portfolios: portfolios.len(),
        per_portfolio,
    };
    Report { findings, summary }
}

/// Runs every enabled rule on one portfolio. A rule that panics reports it
/// as its own finding, and the other rules go on.
fn run_rules(cx: &Ctx<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    for rule in rules::ALL.iter().filter(|r| cx.settings.enabled(r)) {
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut found = Vec::new();
            (rule.check)(cx, &mut found);
            found
        }));
        match run {
            Ok(found) => out.extend(found),
            Err(_) => out.push(cx.finding(
                rule,
                &cx.p.dir,
                None,
                None,
                format!("กฎ {} ขัดข้องขณะตรวจแฟ้มนี้ (ข้อบกพร่องของโปรแกรม) โปรดแจ้งผู้พัฒนา", rule.id),
                format!("rule {} failed on this portfolio (a bug); please report it", rule.id),
            )),
        }
    }
    out
}

/// Drops ignored findings and sets the configured severities.
fn apply_settings(settings: &Settings, found: &mut Vec<Finding>) {
    found.retain(|f| !settings.ignored(f));
    for f in found {
        f.severity = settings.severity(f);
    }
}

/// The summary of one portfolio: counts and the status of each indicator.
fn summarise(p: &Portfolio, found: &[Finding], frameworks: &Frameworks) -> PortfolioSummary {
    let m = p.manifest.as_ref().ok();
    let fw = framework_of(m, frameworks);
    let count = |s: Severity| found.iter().filter(|f| f.severity == s).count();
    let mut indicators = BTreeMap::new();
    for (_, ind) in fw.iter().flat_map(|fw| fw.indicators()) {
        let about = |f: &&Finding| f.indicator.as_deref() == Some(ind.code.as_str());
        let status = if found.iter().filter(about).any(|f| f.rule == rules::missing_evidence::RULE.id) {
            IndicatorStatus::Missing
        } else if found.iter().filter(about).any(|f| f.severity == Severity::Error) {
            IndicatorStatus::Problem
        } else {
            IndicatorStatus::Ok
        };
        indicators.insert(ind.code.clone(), status);
    }
    PortfolioSummary {
        slug: p.slug.clone(),
        name: m.and_then(|m| m.name.clone()),
        framework: fw.map(|f| f.id.clone()),
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        info: count(Severity::Info),
        indicators,
    }
}

/// Sorts findings by portfolio, path, line, rule, indicator, then message.
fn sort(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (&a.portfolio, a.path(), a.at.line, &a.rule, &a.indicator, &a.at.message).cmp(&(
            &b.portfolio,
            b.path(),
            b.at.line,
            &b.rule,
            &b.indicator,
            &b.at.message,
        ))
    });
}
