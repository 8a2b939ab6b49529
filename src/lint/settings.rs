//! Lint configuration: the `lint:` block of `content/site.yaml`.
//!
//! ```yaml
//! lint:
//!   rules:                     # by id or name: off | error | warning | info
//!     photo-has-gps: off
//!     D001: error
//!   ignore:                    # per portfolio; a reason is required
//!     - portfolio: kru-incomplete
//!       rule: missing-evidence
//!       indicator: "2.4"       # optional: only this indicator
//!       reason: ครูย้ายโรงเรียนกลางปี ยังไม่มีงานด้านนี้
//!   holidays: [2568-08-12]     # not counted as working days
//!   media: true                # probe media files (default true)
//! ```

use std::collections::BTreeMap;

use super::{Finding, Rule, Severity};
pub use crate::config::lint::{Ignore, Level, LintConfig};
use crate::date::Date;
use crate::diagnostic::Diagnostic;

/// Resolved settings.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Levels by rule id.
    pub levels: BTreeMap<String, Level>,
    /// Ignores, with rule names resolved to ids.
    pub ignore: Vec<Ignore>,
    /// Holidays.
    pub holidays: Vec<Date>,
    /// The site's fiscal year (BE), for portfolios without one.
    pub fiscal_year: i32,
    /// The fiscal year `site.yaml` sets, if it does (rule M008); callers set it from
    /// [`crate::config::Config::site_fiscal_year`].
    pub site_fiscal_year: Option<i32>,
    /// Probe media.
    pub media: bool,
    /// `--deny warnings`.
    pub deny_warnings: bool,
}

fn rule_id(key: &str) -> Option<&'static str> {
    super::rules::find(key).map(|r| r.id)
}

impl Settings {
    /// Checks and resolves a `lint:` block. Errors name the offending entry.
    pub fn resolve(cfg: &LintConfig, fiscal_year: i32) -> Result<Settings, Diagnostic> {
        let bad = |th: String, en: String| Diagnostic::new("content/site.yaml", None, th, en);
        let mut levels = BTreeMap::new();
        for (k, v) in &cfg.rules {
            let id = rule_id(k).ok_or_else(|| {
                bad(format!("lint.rules: ไม่รู้จักกฎ \"{k}\""), format!("lint.rules: unknown rule \"{k}\""))
            })?;
            levels.insert(id.to_string(), *v);
        }
        let mut ignore = Vec::new();
        for ig in &cfg.ignore {
            let id = rule_id(&ig.rule).ok_or_else(|| {
                bad(
                    format!("lint.ignore: ไม่รู้จักกฎ \"{}\"", ig.rule),
                    format!("lint.ignore: unknown rule \"{}\"", ig.rule),
                )
            })?;
            if ig.reason.trim().is_empty() {
                return Err(bad(
                    format!("lint.ignore ของ {} ต้องมีเหตุผล (reason)", ig.portfolio),
                    format!("lint.ignore for {} needs a reason", ig.portfolio),
                ));
            }
            let mut ig = ig.clone();
            ig.rule = id.to_string();
            ig.indicator =
                ig.indicator.as_deref().and_then(crate::portfolio::model::normalize_code).or(ig.indicator);
            ignore.push(ig);
        }
        let mut holidays = Vec::new();
        for h in &cfg.holidays {
            holidays.push(
                Date::parse(h)
                    .map_err(|e| bad(format!("lint.holidays: {}", e.message_th()), e.message_en()))?,
            );
        }
        Ok(Settings {
            levels,
            ignore,
            holidays,
            fiscal_year,
            site_fiscal_year: None,
            media: cfg.media.unwrap_or(true),
            deny_warnings: false,
        })
    }

    /// Is the rule on?
    pub fn enabled(&self, rule: &Rule) -> bool {
        self.levels.get(rule.id) != Some(&Level::Off)
    }

    /// Severity after configuration.
    pub fn severity(&self, f: &Finding) -> Severity {
        match self.levels.get(&f.rule) {
            Some(Level::Error) => Severity::Error,
            Some(Level::Warning) => Severity::Warning,
            Some(Level::Info) => Severity::Info,
            _ => f.severity,
        }
    }

    /// Is the finding ignored?
    pub fn ignored(&self, f: &Finding) -> bool {
        self.ignore.iter().any(|ig| {
            ig.portfolio == f.portfolio
                && ig.rule == f.rule
                && ig.indicator.as_ref().is_none_or(|i| f.indicator.as_ref() == Some(i))
                && ig.path.as_ref().is_none_or(|p| f.path() == Some(p.as_str()))
        })
    }
}
