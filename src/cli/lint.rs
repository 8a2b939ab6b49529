//! `krufolio lint` and `krufolio explain`: glue between the CLI and the
//! linter. Exit codes: 0 no errors, 1 errors (or warnings with
//! `--deny warnings`), 2 could not run.

use std::io::IsTerminal as _;

use crate::config::{self, Options};
use crate::lint::output::{self, Format};
use crate::lint::{rules, Settings};

/// What `lint` was asked.
#[derive(Debug, Clone)]
pub struct LintArgs {
    /// Portfolio slugs; all when empty.
    pub portfolios: Vec<String>,
    /// Output format.
    pub format: Format,
    /// Treat warnings as errors.
    pub deny_warnings: bool,
    /// Skip media probing.
    pub no_media: bool,
    /// Colours: `None` = when stdout is a terminal.
    pub color: Option<bool>,
}

/// Runs the linter and prints the report; returns the exit code.
pub fn lint(opts: &Options, args: &LintArgs) -> anyhow::Result<i32> {
    let config = match config::resolve(opts) {
        Ok(c) => c,
        Err(d) => {
            eprintln!("error: {d}");
            return Ok(2);
        }
    };
    let frameworks = match crate::frameworks::load(&config.content_dir) {
        Ok(f) => {
            for d in &f.warnings {
                eprintln!("warning: {d}");
            }
            f
        }
        Err(ds) => {
            for d in ds {
                eprintln!("error: {d}");
            }
            return Ok(2);
        }
    };
    let mut settings = match Settings::resolve(&config.lint, config.fiscal_year) {
        Ok(s) => s,
        Err(d) => {
            eprintln!("error: {d}");
            return Ok(2);
        }
    };
    settings.deny_warnings = args.deny_warnings;
    settings.site_fiscal_year = config.site_fiscal_year;
    let known = crate::portfolio::load::slugs(&config.content_dir);
    for slug in &args.portfolios {
        if !known.contains(slug) {
            eprintln!(
                "error: ไม่พบแฟ้ม content/portfolios/{slug} / no portfolio named {slug} (มี / known: {})",
                known.join(", ")
            );
            return Ok(2);
        }
    }
    let probe = settings.media && !args.no_media;
    let mut clock = crate::timing::Clock::start();
    let portfolios = if probe {
        crate::portfolio::load::load_probed(&config.root, &config.content_dir, &args.portfolios).0
    } else {
        crate::portfolio::load::load_all(&config.root, &config.content_dir, &args.portfolios, None)
    };
    clock.lap("load");
    // Review folders of no portfolio are a site-wide check: only when all are linted.
    let orphans =
        if args.portfolios.is_empty() { crate::review::orphans(&config.root, &known) } else { Vec::new() };
    let report = crate::lint::lint_with_orphans(&portfolios, &orphans, &frameworks, &settings);
    clock.lap("rules");
    let color = args.color.unwrap_or_else(|| std::io::stdout().is_terminal());
    print!("{}", output::render(&report, args.format, color));
    clock.lap("output");
    let failing = report.summary.errors > 0 || (settings.deny_warnings && report.summary.warnings > 0);
    // The process ends now: freeing a district's texts one by one would only
    // cost time (3 % of a 2,000-portfolio lint).
    std::mem::forget((portfolios, report));
    Ok(if failing { 1 } else { 0 })
}

/// Prints a rule's documentation, or the list of rules.
pub fn explain(rule: Option<&str>) -> i32 {
    match rule {
        None => {
            println!("กฎทั้งหมด / all rules:");
            for r in rules::ALL {
                println!(
                    "  {}  {:<36} {:<8} {} / {}",
                    r.id,
                    r.name,
                    r.severity.as_str(),
                    r.summary,
                    r.summary_en
                );
            }
            0
        }
        Some(key) => match rules::find(key) {
            Some(r) => {
                println!("{}", r.doc);
                0
            }
            None => {
                eprintln!("error: ไม่รู้จักกฎ \"{key}\" / unknown rule \"{key}\" (krufolio explain ไม่ใส่ชื่อ เพื่อดูรายการ / run without an argument for the list)");
                2
            }
        },
    }
}
