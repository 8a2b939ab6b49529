//! Renders the portfolio pages from the views of [`crate::portfolio`]:
//! `/portfolios/` (the list), `/portfolios/<slug>/` (one teacher's evidence
//! by domain and indicator, the challenge issue, the DPA package and notes),
//! `/portfolios/<slug>/<code>/` (one indicator), and — for the review
//! audience only — `/review/` (the mentors' matrix), `/review/<slug>/` (a
//! checklist) and `/lint.json`. The printed documents are
//! [`super::documents`]. Nothing here decides what is published.

use super::sink::Pages;
use crate::config::{Audience, Config};
use crate::content::slug;
use crate::portfolio::model::Portfolio;
use crate::portfolio::review::{self, Counts};
use crate::portfolio::reviews;
use crate::portfolio::view::{IndicatorLink, ListEntry, PortfolioView};
use crate::portfolio::Portfolios;

/// What the lists keep of one teacher once their pages are rendered.
pub struct Teacher {
    list: ListEntry,
    review: Option<review::Entry>,
}

/// Renders one teacher's pages (and, for the review audience, their
/// checklist) from their view `v` of `p`; returns what the lists need.
pub fn teacher(
    config: &Config,
    data: &Portfolios,
    p: &Portfolio,
    v: &PortfolioView,
    pages: &mut Pages<'_>,
) -> Teacher {
    portfolio_pages(pages, v);
    let review = (config.audience == Audience::Review).then(|| {
        let fw = crate::lint::framework_of(p.manifest.as_ref().ok(), &data.frameworks);
        let revs = reviews::reviewers(p, fw);
        let counts = Counts::of(data.report.summary.per_portfolio.iter().find(|s| s.slug == v.slug));
        let ctx = pages.context(
            v.checklist_url.as_deref().unwrap_or_default(),
            &[("portfolio", v), ("counts", &counts), ("reviewers", &revs)],
        );
        pages.render("review/checklist.html", &ctx, format!("review/{}/index.html", v.slug));
        review::Entry::of(v, &revs, counts)
    });
    Teacher { list: ListEntry::of(v), review }
}

/// Renders `/portfolios/` and, for the review audience, the matrix and
/// `lint.json`, from every [`Teacher`] in portfolio order.
pub fn lists(config: &Config, data: &Portfolios, teachers: Vec<Teacher>, pages: &mut Pages<'_>) {
    let (list, entries): (Vec<ListEntry>, Vec<Option<review::Entry>>) =
        teachers.into_iter().map(|t| (t.list, t.review)).unzip();
    let ctx = pages.context(
        &slug::url(config, "portfolios/"),
        &[("portfolios", &list), ("page_title", &"แฟ้มสะสมผลงาน")],
    );
    pages.render("portfolios.html", &ctx, "portfolios/index.html".into());
    if config.audience == Audience::Review {
        review_pages(config, data, entries.into_iter().flatten().collect(), pages);
    }
}

/// A teacher's page and one page per indicator, linked in framework order.
fn portfolio_pages(pages: &mut Pages<'_>, v: &PortfolioView) {
    let ctx = pages.context(&v.url, &[("portfolio", v)]);
    pages.render("portfolio.html", &ctx, format!("portfolios/{}/index.html", v.slug));
    let inds: Vec<_> = v.indicators().collect();
    let link = |k: usize| -> Option<IndicatorLink> {
        inds.get(k).map(|i| IndicatorLink {
            code: i.code.clone(),
            title: i.title.clone(),
            url: Some(i.url.clone()),
        })
    };
    for (k, ind) in inds.iter().enumerate() {
        let prev = k.checked_sub(1).and_then(link);
        let next = link(k + 1);
        let ctx = pages
            .context(&ind.url, &[("portfolio", v), ("indicator", ind), ("prev", &prev), ("next", &next)]);
        pages.render("indicator.html", &ctx, format!("portfolios/{}/{}/index.html", v.slug, ind.code));
    }
}

/// The matrix and `lint.json` (review audience).
fn review_pages(config: &Config, data: &Portfolios, entries: Vec<review::Entry>, pages: &mut Pages<'_>) {
    let m = review::matrix(entries, &data.report.summary);
    let lint_json_url = slug::url(config, "lint.json");
    let ctx = pages.context(
        &slug::url(config, "review/"),
        &[
            ("groups", &m.groups),
            ("schools", &m.schools),
            ("positions", &m.positions),
            ("reviewers", &m.reviewers),
            ("statuses", &m.statuses),
            ("counts", &m.counts),
            ("lint_json_url", &lint_json_url),
        ],
    );
    drop(m); // the context holds its own copy: a district's matrix once, not twice
    pages.render("review/dashboard.html", &ctx, "review/index.html".into());
    drop(ctx);
    let json = serde_json::to_string_pretty(&*data.report).unwrap_or_default();
    pages.file("lint.json".into(), json.into_bytes());
}
