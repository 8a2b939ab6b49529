//! The bad-input corpus (issue 9): malformed YAML, Markdown, media, odd
//! names and paths, and output collisions, each placed into a copy of a small
//! valid site.
//!
//! `tests/fixtures/bad/_base/` is the site: portfolio `kru-case` receives the
//! cases, portfolio `kru-clean` is never touched and must always build. One
//! case per file in `tests/fixtures/bad/<kind>/`, placed as:
//! `portfolio-yaml/` → `kru-case/portfolio.yaml`; `sidecar/` → the sidecar of
//! its valid photo; `note/` → a note in `1.1 …/`; `media/` → an evidence file
//! in `1.3 …/` (the case file's extension is the evidence's); `site-yaml/` →
//! `content/site.yaml`; `page/` → `content/pa/<case>.md`. `names/names.txt`
//! lists one odd file or folder name per case (see its header).
//!
//! For every case the test runs `krufolio --root <site> build --output …` and
//! `krufolio --root <site> lint --format json` (each killed after 120 s) and
//! checks: no panic (exit 101, "panicked"); every message is Thai + English
//! and some message names the case's file; a portfolio-level case builds
//! (exit 0) with the clean portfolio's page and no broken local link or
//! anchor; a site-level case (`site-yaml/`, `page/`, names outside
//! `content/portfolios/`) exits 0, or 1 naming the file and writing nothing;
//! a build never leaves a portfolio out without a message naming the file.
//!
//! Each kind's messages (one line each; temp paths and timings normalised)
//! are one insta snapshot, `tests/it/snapshots/it__bad_input__<kind>.snap`. Update
//! them with `INSTA_UPDATE=always cargo test --test it bad_input::`, then read
//! every changed line. Defects not fixed yet are listed in `KNOWN_DEFECTS`:
//! such a case is documented instead of failing, and fails once it passes
//! (so the entry is removed with the fix).

mod cases;
mod run;

/// Cases that still break the contract: `kind/case` and a one-line reason.
const KNOWN_DEFECTS: &[(&str, &str)] = &[];

/// Runs every case of `kind`, snapshots the messages and fails on contract violations.
fn check_kind(kind: &'static str) {
    let cases = cases::load(kind);
    assert!(!cases.is_empty(), "no cases in tests/fixtures/bad/{kind}");
    let mut text = String::new();
    let mut failures = Vec::new();
    for case in &cases {
        let outcome = run::run_case(case);
        text.push_str(&outcome.summary);
        let known = KNOWN_DEFECTS.iter().find(|(id, _)| *id == case.id());
        match (known, outcome.problems.is_empty()) {
            (Some((id, _)), true) => failures.push(format!("{id} passes now: remove it from KNOWN_DEFECTS")),
            (Some((_, why)), false) => text.push_str(&format!("  known-defect: {why}\n")),
            (None, false) => failures.push(format!("{}:\n  {}", case.id(), outcome.problems.join("\n  "))),
            (None, true) => {}
        }
    }
    insta::assert_snapshot!(kind, text);
    println!("{kind}: {} cases", cases.len());
    assert!(failures.is_empty(), "{} failing case(s) in {kind}:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn portfolio_yaml() {
    check_kind("portfolio-yaml");
}

#[test]
fn sidecar() {
    check_kind("sidecar");
}

#[test]
fn note() {
    check_kind("note");
}

#[test]
fn media() {
    check_kind("media");
}

#[test]
fn names() {
    check_kind("names");
}

#[test]
fn site_yaml() {
    check_kind("site-yaml");
}

#[test]
fn page() {
    check_kind("page");
}

/// The corpus holds at least 100 cases; prints the count per kind.
#[test]
fn corpus_has_at_least_100_cases() {
    let counts: Vec<(&str, usize)> = cases::KINDS.iter().map(|k| (*k, cases::load(k).len())).collect();
    let total: usize = counts.iter().map(|(_, n)| n).sum();
    for (k, n) in &counts {
        println!("{k}: {n}");
    }
    println!("bad-input cases: {total}");
    assert!(total >= 100, "the corpus has {total} cases; issue 9 asks for at least 100");
    for (id, why) in KNOWN_DEFECTS {
        assert!(!why.is_empty(), "{id}: a known defect needs a reason");
    }
}

/// Regression (defect `manifest-name-as-number-panicked`): `name: 12345` made
/// `build` and `lint` panic on `unreachable!()` in the manifest parser, since
/// the text parses as a string where the YAML value did not.
#[test]
fn manifest_name_as_number_does_not_panic() {
    let case = cases::load("portfolio-yaml").into_iter().find(|c| c.name == "name-number.yaml").unwrap();
    let outcome = run::run_case(&case);
    assert!(!outcome.summary.contains("panicked"), "{}", outcome.summary);
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
}
