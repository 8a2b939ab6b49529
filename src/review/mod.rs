//! Review records (portfolio format v1.1): one YAML file per reviewer per
//! portfolio, `reviews/<slug>/<reviewer-id>.yaml` at the site root (outside
//! `content/`, so nothing of it is ever a guide page or a published file).
//!
//! - [`model`]: the file's shape ([`ReviewFile`], `deny_unknown_fields`),
//!   statuses, levels (Thai digits read), dates and history; pure data.
//! - [`load`]: reads one portfolio's review folder into [`Review`]s (a broken
//!   file is a [`Review`] holding its diagnostic, never an error of the build)
//!   and finds review folders whose slug is no portfolio.
//!
//! The lint rules `E…` (`lint::rules::review_*`) check the files; the review
//! audience shows them (`portfolio::review`); the public audience never reads them.

pub mod load;
pub mod model;

pub use load::{orphans, Orphan, Review};
pub use model::{Entry, HistoryEntry, Level, ReviewFile, ReviewScores, Status};

/// The folder of the review records, relative to the site root.
pub const DIR: &str = "reviews";
