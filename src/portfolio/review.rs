//! The typed views of the review audience's pages: the mentors' matrix
//! (`review/dashboard.html`: one [`MatrixGroup`] per framework, a row per
//! teacher, a cell per indicator, with text labels beside the status) and
//! the per-teacher checklist (`review/checklist.html`: the portfolio view
//! and its [`Counts`]).

use std::collections::BTreeMap;

use serde::Serialize;

use super::view::{IndicatorLink, PortfolioView};
use crate::lint::{IndicatorStatus, PortfolioSummary, Summary};

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
    /// Totals.
    pub counts: Totals,
}

fn cell(i: &super::view::IndicatorView) -> Cell {
    let label = match i.status {
        IndicatorStatus::Ok => format!("มี {}", i.count),
        IndicatorStatus::Missing => "ขาด".to_string(),
        IndicatorStatus::Problem => format!("มีปัญหา ({})", i.count),
    };
    Cell { code: i.code.clone(), count: i.count, status: i.status, label }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// The matrix of every portfolio; `views` in the order of `summary.per_portfolio`'s slugs.
pub fn matrix(views: &[PortfolioView], summary: &Summary) -> Matrix {
    let mut groups: BTreeMap<String, MatrixGroup> = BTreeMap::new();
    for v in views {
        let s = summary.per_portfolio.iter().find(|s| s.slug == v.slug);
        let fw_id = v.framework.as_ref().map_or("-", |f| f.id.as_str()).to_string();
        let group = groups.entry(fw_id).or_insert_with(|| MatrixGroup {
            framework: GroupFramework {
                id: v.framework.as_ref().map(|f| f.id.clone()),
                title: v.framework.as_ref().map(|f| f.title.clone()),
            },
            codes: v
                .indicators()
                .map(|i| IndicatorLink { code: i.code.clone(), title: i.title.clone(), url: None })
                .collect(),
            rows: Vec::new(),
        });
        let counts = Counts::of(s);
        group.rows.push(Row {
            slug: v.slug.clone(),
            name: v.name.clone(),
            school: v.school.clone(),
            position: v.position.clone(),
            standing: v.standing.clone(),
            url: v.url.clone(),
            checklist_url: v.checklist_url.clone(),
            errors: counts.errors,
            warnings: counts.warnings,
            cells: v.indicators().map(cell).collect(),
        });
    }
    Matrix {
        groups: groups.into_values().collect(),
        schools: sorted(views.iter().filter_map(|v| v.school.clone()).collect()),
        positions: sorted(views.iter().filter_map(|v| v.position.clone()).collect()),
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
