//! [`Ctx`]: what a rule sees of one portfolio, and the helpers rules use to
//! make findings about a file, an artefact or a `portfolio.yaml` key.

use super::{Finding, Rule, Settings};
use crate::diagnostic::Diagnostic;
use crate::frameworks::{Framework, Frameworks};
use crate::portfolio::model::{Artefact, Manifest, Portfolio};
use crate::review::{Review, ReviewFile};

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
    /// A finding of `rule` about `path` (relative to the site root) in this
    /// portfolio.
    pub fn finding(
        &self,
        rule: &Rule,
        path: &str,
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
            indicator: indicator.map(str::to_string),
            at: Diagnostic::new(path, line, message, message_en),
        }
    }

    /// A finding about an artefact (its file and first indicator).
    pub fn at_artefact(
        &self,
        rule: &Rule,
        a: &Artefact,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Finding {
        self.finding(rule, &a.path, None, a.indicators.first().map(String::as_str), message, message_en)
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
        self.finding(rule, &path, self.p.line_of(key), None, message, message_en)
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
            let start = f.at.line.unwrap_or(1).saturating_sub(1);
            t.lines()
                .enumerate()
                .skip(start)
                .find(|(_, l)| !needle.is_empty() && l.contains(needle))
                .map(|(i, _)| i + 1)
        });
        if found.is_some() {
            f.at.line = found;
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
                    out.push(self.finding(rule, path, Some(i + 1), None, th, en));
                }
            }
        }
        // File names are published too (in URLs and as download names).
        for a in &self.p.artefacts {
            for hit in find(&a.rel) {
                let (th, en) = message(&mask(&hit));
                out.push(self.finding(
                    rule,
                    &a.path,
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

    /// The review files of this portfolio that parsed.
    pub fn reviews(&self) -> impl Iterator<Item = (&Review, &ReviewFile)> {
        self.p.reviews.iter().filter_map(|r| Some((r, r.file.as_ref().ok()?)))
    }

    /// A finding about a key path of a review file (its line when found).
    pub fn at_review(
        &self,
        rule: &Rule,
        r: &Review,
        key: &[&str],
        indicator: Option<&str>,
        message: impl Into<String>,
        message_en: impl Into<String>,
    ) -> Finding {
        self.finding(rule, &r.path, r.line_of(key), indicator, message, message_en)
    }
}
