//! In-process rule tests: for every rule a positive case (it fires on its
//! fixture `tests/fixtures/lint/<name>/` with exactly the findings of that
//! fixture's snapshot `tests/it/snapshots/it__lint_rules__<name>.snap`: path, line,
//! indicator and message) and a negative case (the clean site
//! `tests/fixtures/clean/` gives no finding of it).
//!
//! Everything runs through the library: `config::resolve`,
//! `portfolio::load::load_all` with the media probe (pure Rust, no
//! ffmpeg), then [`lint::lint`]. The probe cache is read, never saved. The two
//! fixtures whose media the integration test generates with ffmpeg and
//! ghostscript get a stand-in file (a committed small MP4 or PDF) in a
//! temporary copy, with the probed duration or page count set on its
//! `MediaInfo`.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::assets::probe_cache::ProbeCache;
use crate::lint::{self, Finding, Rule, Settings};
use crate::portfolio::model::{MediaInfo, Portfolio};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Lints the site at `root` as `krufolio lint` does, after `edit` changed
/// the loaded portfolios.
fn lint_site(root: &Path, edit: impl Fn(&mut [Portfolio])) -> Vec<Finding> {
    let opts = crate::config::Options { root: Some(root.to_path_buf()), ..Default::default() };
    let config = crate::config::resolve(&opts).expect("the fixture's site.yaml resolves");
    let frameworks = crate::frameworks::load(&config.content_dir).expect("the frameworks load");
    let settings = Settings::resolve(&config.lint, config.fiscal_year).expect("the lint settings resolve");
    let settings = Settings { site_fiscal_year: config.site_fiscal_year, ..settings };
    let cache = ProbeCache::open(&config.root);
    let probe = settings.media.then_some(&cache);
    let mut portfolios = crate::portfolio::load::load_all(&config.root, &config.content_dir, &[], probe);
    edit(&mut portfolios);
    let slugs: Vec<String> = portfolios.iter().map(|p| p.slug.clone()).collect();
    let orphans = crate::review::orphans(&config.root, &slugs);
    lint::lint_with_orphans(&portfolios, &orphans, &frameworks, &settings).findings
}

/// Sets the probe result of the artefact at `path` (relative to the site root).
fn set_media(portfolios: &mut [Portfolio], path: &str, set: fn(&mut MediaInfo)) {
    let a = portfolios.iter_mut().flat_map(|p| &mut p.artefacts).find(|a| a.path == path);
    let a = a.unwrap_or_else(|| panic!("no artefact {path}"));
    set(a.media.get_or_insert_with(MediaInfo::default));
}

/// A stand-in for a file the integration test generates.
struct StandIn {
    /// Where the generated file goes, relative to the fixture site.
    path: &'static str,
    /// The committed file copied there (relative to `tests/fixtures`).
    from: &'static str,
    /// What its probe says.
    set: fn(&mut MediaInfo),
}

fn stand_in(name: &str) -> Option<StandIn> {
    match name {
        "dpa-clip-too-long" => Some(StandIn {
            path: "content/portfolios/kru-long-clip/dpa/คลิปการสอน.mp4",
            from: "media/plain.mp4",
            set: |m| m.duration = Some(3700.0),
        }),
        "pdf-too-many-pages" => Some(StandIn {
            path: "content/portfolios/kru-long-pdf/dpa/outcomes/ผลการทดสอบการอ่านจับใจความ.pdf",
            from: "clean/content/portfolios/kru-clean/dpa/outcomes/ผลการทดสอบการอ่านจับใจความ.pdf",
            set: |m| m.pages = Some(12),
        }),
        "lesson-plan-too-many-pages" => Some(StandIn {
            path: "content/portfolios/kru-long-plan/dpa/แผนการจัดการเรียนรู้.pdf",
            from: "clean/content/portfolios/kru-clean/dpa/แผนการจัดการเรียนรู้.pdf",
            set: |m| m.pages = Some(12),
        }),
        _ => None,
    }
}

/// The findings of a fixture site (`lint/<name>`), with any stand-in media.
fn fixture_findings(name: &str) -> (Vec<Finding>, String) {
    let root = fixtures().join("lint").join(name);
    let Some(StandIn { path, from, set }) = stand_in(name) else {
        return (lint_site(&root, |_| {}), root.to_string_lossy().into_owned());
    };
    let tmp = tempfile::tempdir().unwrap();
    for e in walkdir::WalkDir::new(&root) {
        let e = e.unwrap();
        let dest = tmp.path().join(e.path().strip_prefix(&root).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
    std::fs::copy(fixtures().join(from), tmp.path().join(path)).unwrap();
    let found = lint_site(tmp.path(), |ps| set_media(ps, path, set));
    (found, tmp.path().to_string_lossy().into_owned())
}

/// A finding as the snapshots show it:
/// `RULE name severity path:line [indicator] message / message_en`.
fn show(f: &Finding) -> String {
    let place = match (f.path(), f.at.line) {
        (Some(p), Some(l)) => format!("{p}:{l}"),
        (Some(p), None) => p.to_string(),
        (None, Some(l)) => format!("-:{l}"),
        (None, None) => "-".to_string(),
    };
    let ind = f.indicator.as_deref().unwrap_or("");
    let (sev, th, en) = (f.severity.as_str(), &f.at.message, &f.at.message_en);
    format!("{} {} {sev} {place} [{ind}] {th} / {en}", f.rule, f.name)
}

/// The body of a rule's integration snapshot.
fn snapshot(name: &str) -> String {
    let file = fixtures().join(format!("../it/snapshots/it__lint_rules__{name}.snap"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let body = text.splitn(3, "---\n").nth(2).expect("a snapshot header between two `---` lines");
    body.trim_end().to_string()
}

/// Every finding of the clean site (computed once).
fn clean() -> &'static [Finding] {
    static CLEAN: OnceLock<Vec<Finding>> = OnceLock::new();
    CLEAN.get_or_init(|| lint_site(&fixtures().join("clean"), |_| {}))
}

/// Why `rule` fails its positive or negative case, if it does.
fn problems(rule: &Rule) -> Option<String> {
    // Positive: exactly the snapshot's findings, in its order.
    let (found, root) = fixture_findings(rule.name);
    let mut mine: Vec<&Finding> = found.iter().filter(|f| f.rule == rule.id).collect();
    mine.sort_by_key(|f| {
        (f.portfolio.clone(), f.path().map(str::to_string), f.at.line, f.indicator.clone(), show(f))
    });
    let shown: Vec<String> = mine.iter().map(|f| show(f).replace(&root, "<site>")).collect();
    let want = snapshot(rule.name);
    if shown.is_empty() || shown.join("\n") != want {
        return Some(format!(
            "{} {} on tests/fixtures/lint/{}/:\n  in-process:\n    {}\n  snapshot:\n    {}",
            rule.id,
            rule.name,
            rule.name,
            shown.join("\n    "),
            want.replace('\n', "\n    ")
        ));
    }
    // Negative: nothing on the clean site.
    let stray: Vec<String> = clean().iter().filter(|f| f.rule == rule.id).map(show).collect();
    (!stray.is_empty())
        .then(|| format!("{} {} fires on tests/fixtures/clean/: {stray:#?}", rule.id, rule.name))
}

/// Every rule fires on its fixture with the snapshot's findings (path, line,
/// indicator, message) and not on the clean site.
#[test]
fn every_rule_fires_on_its_fixture_and_not_on_the_clean_site() {
    // Sequential: `clean()` initialises a OnceLock, and doing that inside a
    // rayon task that itself waits on rayon (`lint` is parallel) can deadlock.
    let failed: Vec<String> = super::ALL.iter().filter_map(|r| problems(r)).collect();
    assert!(failed.is_empty(), "{} rule(s) failed:\n{}", failed.len(), failed.join("\n"));
}

/// The clean site gives no finding at all, so it is a negative case of every rule.
#[test]
fn the_clean_site_has_no_finding() {
    let all: Vec<String> = clean().iter().map(show).collect();
    assert!(all.is_empty(), "{all:#?}");
}

/// Valid, passing scores: `score-totals` reports them, `score-invalid` and
/// `score-below-pass` stay silent (the clean site has no scores).
#[test]
fn valid_passing_scores_are_clean_for_the_score_rules() {
    let (found, _) = fixture_findings("score-totals");
    let rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
    assert!(rules.contains(&"S003"), "{rules:?}");
    assert!(!rules.iter().any(|r| matches!(*r, "S001" | "S002")), "{rules:?}");
}
