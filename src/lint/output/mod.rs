//! Lint report formats: human (colours, `path:line`, a ✓/✗ table per
//! teacher), JSON (the public contract), SARIF 2.1.0 and GitHub annotations.

pub mod human;
pub mod sarif;

use super::Report;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: Thai with English, colours when on a terminal.
    Human,
    /// `{"findings": [...], "summary": {...}}`.
    Json,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// Renders a report.
pub fn render(report: &Report, format: Format, color: bool) -> String {
    match format {
        Format::Human => human::render(report, color),
        Format::Json => serde_json::to_string_pretty(report).expect("report serialises") + "\n",
        Format::Sarif => {
            serde_json::to_string_pretty(&sarif::sarif(report)).expect("sarif serialises") + "\n"
        }
        Format::Github => github(report),
    }
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_prop(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `::error file=…,line=…,title=…::message` lines.
pub fn github(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let level = match f.severity {
            super::Severity::Error => "error",
            super::Severity::Warning => "warning",
            super::Severity::Info => "notice",
        };
        let mut props = Vec::new();
        if let Some(p) = f.path() {
            props.push(format!("file={}", escape_prop(p)));
        }
        if let Some(l) = f.at.line {
            props.push(format!("line={l}"));
        }
        props.push(format!("title={}", escape_prop(&format!("{} {} ({})", f.rule, f.name, f.portfolio))));
        out.push_str(&format!(
            "::{level} {}::{}\n",
            props.join(","),
            escape_data(&format!("{} / {}", f.at.message, f.at.message_en))
        ));
    }
    out
}
