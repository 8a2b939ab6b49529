//! The portfolio stage: teachers' evidence folders (`content/portfolios/`)
//! to the views the portfolio pages and printed documents are rendered from.
//!
//! ```text
//! load (folders → model) → probe (media, cached) → lint → derive (published
//! names, clean copies, thumbnails) → views (typed, for the templates)
//! ```
//!
//! - [`model`]: the data (`Manifest`, `Artefact`, `Portfolio`), no IO.
//! - [`load`]: reads a folder into the model; [`load::load_probed`] also
//!   probes media through [`crate::assets::probe_cache`].
//! - [`run`] lints them with [`crate::lint::lint`] (findings are data).
//! - [`mod@derive`]: what is published under which name, the location-free copy
//!   of each file ([`crate::assets::clean::for_publish`]) and its thumbnails.
//! - [`view`], [`documents`], [`review`]: the typed views of the portfolio,
//!   indicator and artefact pages, the printed report, order and evaluation
//!   form, and the mentors' matrix. `render::portfolios` only renders them.

pub mod derive;
pub mod documents;
pub mod format;
pub mod link;
pub mod load;
pub mod manifest;
pub mod model;
pub mod names;
pub mod private;
pub mod review;
pub mod reviews;
pub mod titles;
pub mod view;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::frameworks::Frameworks;
use crate::lint::{Report, Settings};
use model::Portfolio;

/// Everything the portfolio pages are made from: the stage's result.
pub struct Portfolios {
    /// The frameworks.
    pub frameworks: Frameworks,
    /// The published portfolios, media probed (reserved folder names left out).
    pub portfolios: Vec<Portfolio>,
    /// The lint report (statuses; review views).
    pub report: std::sync::Arc<Report>,
    /// What is published of every artefact, and its thumbnails.
    pub derived: derive::Derived,
    /// Media files (probed, taken from the probe cache) by this build.
    pub probe_counts: (usize, usize),
}

/// Runs the stage: loads, probes and lints every portfolio, then derives
/// what is published. Configuration problems are build errors; problems
/// inside portfolios are findings (and warnings), never errors.
pub fn run(config: &Config) -> Result<Portfolios, Vec<Diagnostic>> {
    let frameworks = crate::frameworks::load(&config.content_dir)?;
    let settings = Settings::resolve(&config.lint, config.fiscal_year)
        .map(|s| Settings { site_fiscal_year: config.site_fiscal_year, ..s })
        .map_err(|d| vec![d])?;
    // Each portfolio is linted as soon as it is read, and its texts dropped
    // (the pages read them again): the lint report is the same as
    // `lint_with_orphans` of them all.
    let mut clock = crate::timing::Clock::start();
    let (linted, probe_counts) = load::load_probed_each(&config.root, &config.content_dir, &[], |mut p| {
        let found = crate::lint::lint_one(&p, &frameworks, &settings);
        p.drop_lint_only();
        (p, found)
    });
    clock.lap("pf:load+lint");
    let (mut portfolios, per): (Vec<Portfolio>, Vec<_>) = linted.into_iter().unzip();
    let slugs: Vec<String> = portfolios.iter().map(|p| p.slug.clone()).collect();
    let orphans = crate::review::orphans(&config.root, &slugs);
    let report =
        std::sync::Arc::new(crate::lint::assemble(&portfolios, per, &orphans, &frameworks, &settings));
    // A folder whose name is reserved (`print`) is reported by lint (a load
    // error) and gets no pages: it would replace a page of the site.
    portfolios.retain(|p| load::publishable_slug(&p.slug));
    clock.lap("pf:report");
    let derived = derive::derive(config, &mut portfolios);
    clock.lap("pf:derive");
    Ok(Portfolios { frameworks, portfolios, report, derived, probe_counts })
}
