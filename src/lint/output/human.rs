//! The human-readable report: findings grouped by teacher with `path:line`,
//! then a ✓/✗ table per teacher and indicator, then the totals.

use std::fmt::Write as _;

use crate::lint::{Finding, IndicatorStatus, Report, Severity};

struct Paint(bool);

impl Paint {
    fn c(&self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

/// Renders the report for a terminal (`color`) or a plain file.
pub fn render(report: &Report, color: bool) -> String {
    let p = Paint(color);
    let mut out = String::new();
    let mut current = None;
    for f in &report.findings {
        if current != Some(&f.portfolio) {
            current = Some(&f.portfolio);
            let name = report
                .summary
                .per_portfolio
                .iter()
                .find(|s| s.slug == f.portfolio)
                .and_then(|s| s.name.clone())
                .unwrap_or_default();
            let _ = writeln!(out, "\n{} {}", p.c("1", &f.portfolio), name);
        }
        finding(&mut out, &p, f);
    }
    // Per-teacher table.
    let tables: Vec<_> = report.summary.per_portfolio.iter().filter(|s| !s.indicators.is_empty()).collect();
    if !tables.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            p.c(
                "1",
                "สรุปรายตัวชี้วัด / per indicator (✓ มีหลักฐาน / evidence, ✗ ไม่มี / missing, ! มีข้อผิดพลาด / errors)"
            )
        );
        for s in tables {
            let cells: Vec<String> = s
                .indicators
                .iter()
                .map(|(code, st)| match st {
                    IndicatorStatus::Ok => p.c("32", &format!("✓{code}")),
                    IndicatorStatus::Missing => p.c("31", &format!("✗{code}")),
                    IndicatorStatus::Problem => p.c("33", &format!("!{code}")),
                })
                .collect();
            let ok = s.indicators.values().filter(|v| **v == IndicatorStatus::Ok).count();
            let _ = writeln!(out, "  {:<24} {}/{}  {}", s.slug, ok, s.indicators.len(), cells.join(" "));
        }
    }
    let sm = &report.summary;
    let _ = writeln!(
        out,
        "\nตรวจ {} แฟ้ม: ข้อผิดพลาด {} คำเตือน {} ข้อสังเกต {} / checked {} portfolio(s): {} error(s), {} warning(s), {} info",
        sm.portfolios, sm.errors, sm.warnings, sm.info, sm.portfolios, sm.errors, sm.warnings, sm.info
    );
    out
}

/// One finding as `render` shows it (severity, rule, `path:line`, the Thai and
/// English message and the fix), without colour: what `serve` prints when a
/// save brings a new finding.
pub fn one(f: &Finding) -> String {
    let mut out = String::new();
    finding(&mut out, &Paint(false), f);
    out
}

/// `lint: N portfolios checked: E errors, W warnings` in Thai and English, with
/// where to see them; `None` when no portfolio was checked.
pub fn totals_line(report: &Report) -> Option<String> {
    let s = &report.summary;
    (s.portfolios > 0).then(|| {
        format!(
            "ตรวจแฟ้ม {} แฟ้ม: ข้อผิดพลาด {} คำเตือน {} (ดูทีละรายการด้วย krufolio lint) / lint: {} portfolios checked: {} errors, {} warnings (krufolio lint lists them)",
            s.portfolios, s.errors, s.warnings, s.portfolios, s.errors, s.warnings
        )
    })
}

fn finding(out: &mut String, p: &Paint, f: &Finding) {
    let sev = match f.severity {
        Severity::Error => p.c("1;31", "error"),
        Severity::Warning => p.c("1;33", "warning"),
        Severity::Info => p.c("1;36", "info"),
    };
    let loc = match (f.path(), f.at.line) {
        (Some(path), Some(l)) => format!("{path}:{l}"),
        (Some(path), None) => path.to_string(),
        _ => f.portfolio.clone(),
    };
    let ind = f.indicator.as_ref().map(|i| format!(" [{i}]")).unwrap_or_default();
    let _ = writeln!(out, "  {sev} {}{ind} {}", p.c("2", &format!("{} {}", f.rule, f.name)), p.c("4", &loc));
    let _ = writeln!(out, "      {}", f.at.message);
    let _ = writeln!(out, "      {}", p.c("2", &f.at.message_en));
    if let Some(h) = &f.at.hint {
        let _ = writeln!(out, "      แก้ไข: {}", h.th);
        let _ = writeln!(out, "      {}", p.c("2", &format!("fix: {}", h.en)));
    }
}
