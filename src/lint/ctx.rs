//! [`Ctx`]: what a rule sees of one portfolio, and the helpers rules use to
//! make findings about a file, an artefact or a `portfolio.yaml` key.

use super::{Finding, Rule, Settings};
use crate::diagnostic::Diagnostic;
use crate::frameworks::{Framework, Frameworks};
use crate::portfolio::model::{Artefact, Manifest, Portfolio};
use crate::privacy::mask::{national_ids, phone_numbers, Found};
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
    /// The numbers in the published texts, found once for every rule that asks.
    numbers: std::sync::OnceLock<Vec<(usize, usize, Found)>>,
}

impl<'a> Ctx<'a> {
    /// The context of `p` (whose manifest is `m`).
    pub fn new(
        p: &'a Portfolio,
        m: Option<&'a Manifest>,
        frameworks: &'a Frameworks,
        settings: &'a Settings,
    ) -> Self {
        let fw = super::framework_of(m, frameworks);
        Ctx { p, m, fw, frameworks, settings, numbers: std::sync::OnceLock::new() }
    }

    /// Every national ID and phone number in the published texts, as (text
    /// index, 1-based line, what), scanned once for all rules. A number
    /// never spans lines, so scanning the whole text finds what scanning
    /// each line would.
    fn numbers(&self) -> &[(usize, usize, Found)] {
        self.numbers.get_or_init(|| {
            let mut out = Vec::new();
            for (k, (_, text)) in self.p.texts.iter().enumerate() {
                let (mut line, mut at) = (1, 0);
                for hit in crate::privacy::mask::find(text) {
                    line += text.as_bytes()[at..hit.start].iter().filter(|&&b| b == b'\n').count();
                    at = hit.start;
                    out.push((k, line, hit.found));
                }
            }
            out
        })
    }

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

    /// Reports each national ID (`national_id`) or phone number in the
    /// published texts and file names (masked to its last 4 digits, so the
    /// report itself leaks nothing).
    pub fn scan_published(
        &self,
        rule: &Rule,
        national_id: bool,
        message: impl Fn(&str) -> (String, String),
        out: &mut Vec<Finding>,
    ) {
        let mask = |hit: &str| -> String {
            let n = hit.chars().count();
            hit.chars().enumerate().map(|(k, c)| if k + 4 < n { 'x' } else { c }).collect()
        };
        for (k, line, found) in self.numbers() {
            if found.is_national_id() == national_id {
                let (th, en) = message(&mask(&found.digits()));
                out.push(self.finding(rule, &self.p.texts[*k].0, Some(*line), None, th, en));
            }
        }
        let find = if national_id { national_ids } else { phone_numbers };
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
