//! The typed views of the review audience's pages: the mentors' matrix
//! (`review/dashboard.html`: one [`MatrixGroup`] per framework, a row per
//! teacher, a cell per indicator, with text labels beside the status) and
//! the per-teacher checklist (`review/checklist.html`: the portfolio view
//! and its [`Counts`]).

use std::collections::BTreeMap;

use serde::Serialize;

use super::reviews::ReviewerView;
use super::view::{IndicatorLink, PortfolioView};
use crate::lint::{IndicatorStatus, PortfolioSummary, Summary};
use crate::review::Status;

/// One cell of the matrix.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// Indicator code.
    pub code: String,
    /// Published evidence.
    pub count: usize,
    /// `ok`, `missing` or `problem`.
    pub status: IndicatorStatus,
    /// The status as text (มี 2 / ขาด / มีปัญหา (1)), so colour is never the only sign.
    pub label: String,
    /// Each reviewer's status for this indicator, as text (review files).
    pub reviews: Vec<super::reviews::CellReview>,
}

/// One teacher's row.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// Folder name.
    pub slug: String,
    /// Name.
    pub name: String,
    /// School.
    pub school: Option<String>,
    /// Position.
    pub position: Option<String>,
    /// Standing.
    pub standing: Option<String>,
    /// Their portfolio.
    pub url: String,
    /// Their checklist.
    pub checklist_url: Option<String>,
    /// Lint errors.
    pub errors: usize,
    /// Lint warnings.
    pub warnings: usize,
    /// One per indicator.
    pub cells: Vec<Cell>,
    /// The reviewers of this portfolio (names), for the row.
    pub reviewers: Vec<String>,
    /// `<reviewer-id>=<status>` tokens (`=` alone for a reviewer without a
    /// status), space-separated: the filters' `data-reviews`.
    pub review_tokens: String,
}

/// A choice of the reviewer or status filter.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Choice {
    /// The value (reviewer id, status id).
    pub id: String,
    /// The text shown.
    pub label: String,
}

/// A framework's id and title.
#[derive(Debug, Clone, Serialize)]
pub struct GroupFramework {
    /// Id, or none for portfolios without a framework.
    pub id: Option<String>,
    /// Title.
    pub title: Option<String>,
}

/// The teachers of one framework.
#[derive(Debug, Clone, Serialize)]
pub struct MatrixGroup {
    /// The framework.
    pub framework: GroupFramework,
    /// Its indicators (the columns).
    pub codes: Vec<IndicatorLink>,
    /// The teachers.
    pub rows: Vec<Row>,
}

/// Lint counts of one portfolio (the checklist's `counts`).
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Counts {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Infos.
    pub info: usize,
}

impl Counts {
    /// The counts of a summary row.
    pub fn of(s: Option<&PortfolioSummary>) -> Counts {
        s.map_or_else(Counts::default, |s| Counts { errors: s.errors, warnings: s.warnings, info: s.info })
    }
}

/// The dashboard's totals.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Totals {
    /// Portfolios checked.
    pub portfolios: usize,
    /// With at least one error.
    pub with_errors: usize,
    /// Without errors and with every indicator `ok`.
    pub complete: usize,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
}

/// The whole dashboard.
#[derive(Debug, Clone, Serialize)]
pub struct Matrix {
    /// Per framework.
    pub groups: Vec<MatrixGroup>,
    /// Schools, for the filter.
    pub schools: Vec<String>,
    /// Positions, for the filter.
    pub positions: Vec<String>,
    /// Reviewers (id, name), for the filter.
    pub reviewers: Vec<Choice>,
    /// The reviewer statuses (id, Thai label), for the filter.
    pub statuses: Vec<Choice>,
    /// Totals.
    pub counts: Totals,
}

fn cell(i: &super::view::IndicatorView, reviewers: &[ReviewerView]) -> Cell {
    let label = match i.status {
        IndicatorStatus::Ok => format!("มี {}", i.count),
        IndicatorStatus::Missing => "ขาด".to_string(),
        IndicatorStatus::Problem => format!("มีปัญหา ({})", i.count),
    };
    let reviews = super::reviews::cell(reviewers, &i.code);
    Cell { code: i.code.clone(), count: i.count, status: i.status, label, reviews }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// The filters' tokens of one row: `id=status` per reviewer and status.
fn tokens(reviewers: &[ReviewerView]) -> String {
    let mut t: Vec<String> = Vec::new();
    for r in reviewers {
        t.push(format!("{}=", r.id));
        let statuses = r.indicators.iter().chain(&r.challenge).filter_map(|e| e.status);
        t.extend(statuses.map(|s| format!("{}={s}", r.id)));
    }
    t.sort();
    t.dedup();
    t.join(" ")
}

/// What the matrix keeps of one teacher: made while their view exists,
/// so the views of a district never sit in memory together.
#[derive(Debug, Clone)]
pub struct Entry {
    fw_id: String,
    framework: GroupFramework,
    codes: Vec<IndicatorLink>,
    row: Row,
    choices: Vec<Choice>,
}

impl Entry {
    /// The entry of `v`, reviewed by `revs`, with its lint `counts`.
    pub fn of(v: &PortfolioView, revs: &[ReviewerView], counts: Counts) -> Entry {
        Entry {
            fw_id: v.framework.as_ref().map_or("-", |f| f.id.as_str()).to_string(),
            framework: GroupFramework {
                id: v.framework.as_ref().map(|f| f.id.clone()),
                title: v.framework.as_ref().map(|f| f.title.clone()),
            },
            codes: v
                .indicators()
                .map(|i| IndicatorLink { code: i.code.clone(), title: i.title.clone(), url: None })
                .collect(),
            row: Row {
                slug: v.slug.clone(),
                name: v.name.clone(),
                school: v.school.clone(),
                position: v.position.clone(),
                standing: v.standing.clone(),
                url: v.url.clone(),
                checklist_url: v.checklist_url.clone(),
                errors: counts.errors,
                warnings: counts.warnings,
                cells: v.indicators().map(|i| cell(i, revs)).collect(),
                reviewers: revs.iter().map(|r| r.name.clone()).collect(),
                review_tokens: tokens(revs),
            },
            choices: revs.iter().map(|r| Choice { id: r.id.clone(), label: r.name.clone() }).collect(),
        }
    }
}

/// The matrix of every portfolio, from their [`Entry`]s in portfolio order
/// (a group's columns are those of its first teacher).
pub fn matrix(entries: Vec<Entry>, summary: &Summary) -> Matrix {
    let mut groups: BTreeMap<String, MatrixGroup> = BTreeMap::new();
    let mut choices = std::collections::BTreeSet::new();
    let mut schools = Vec::new();
    let mut positions = Vec::new();
    for e in entries {
        choices.extend(e.choices);
        schools.extend(e.row.school.clone());
        positions.extend(e.row.position.clone());
        let group = groups.entry(e.fw_id).or_insert_with(|| MatrixGroup {
            framework: e.framework,
            codes: e.codes,
            rows: Vec::new(),
        });
        group.rows.push(e.row);
    }
    Matrix {
        groups: groups.into_values().collect(),
        schools: sorted(schools),
        positions: sorted(positions),
        reviewers: unique_ids(choices),
        statuses: Status::ALL.iter().map(|s| Choice { id: s.id().into(), label: s.thai().into() }).collect(),
        counts: Totals {
            portfolios: summary.portfolios,
            with_errors: summary.per_portfolio.iter().filter(|s| s.errors > 0).count(),
            complete: summary
                .per_portfolio
                .iter()
                .filter(|s| s.errors == 0 && s.indicators.values().all(|v| *v == IndicatorStatus::Ok))
                .count(),
            errors: summary.errors,
            warnings: summary.warnings,
        },
    }
}

/// One choice per reviewer id (the first name seen for it).
fn unique_ids(choices: std::collections::BTreeSet<Choice>) -> Vec<Choice> {
    let mut out: Vec<Choice> = Vec::new();
    for c in choices {
        if out.last().is_none_or(|l| l.id != c.id) {
            out.push(c);
        }
    }
    out
}
