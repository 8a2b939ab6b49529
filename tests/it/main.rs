//! krufolio's integration tests, as one test binary (one link of the
//! dependency tree instead of one per file). Each module is a suite that runs
//! the real `krufolio` binary (`CARGO_BIN_EXE_krufolio`) on fixture sites
//! under `tests/fixtures/`; run one with `cargo test --test it build::`.
//! insta snapshots are in `tests/it/snapshots/`, named
//! `it__<module>__<name>.snap`.
//!
//! The tests of all suites share one process, so none of them changes the
//! process's environment or current folder: a test that needs a variable sets
//! it on the child `Command` it runs.

mod common;

mod accessibility;
mod bad_input;
mod browser;
mod build;
mod default_site;
mod deploy;
mod documents;
mod export;
mod fix;
mod fuzz_corpus;
mod health;
mod light;
mod links;
mod lint;
mod lint_rules;
mod media_privacy;
mod output_safety;
mod paste;
mod phone;
mod portfolio_site;
mod print;
mod privacy;
mod probe_oracle;
mod review_form;
mod reviews;
mod search;
mod serve;
mod thai_input;
mod thumbs;
