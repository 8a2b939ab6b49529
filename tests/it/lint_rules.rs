//! One fixture per lint rule.
//!
//! `tests/fixtures/lint/<rule-name>/` is a site root holding a portfolio that
//! triggers that rule (and, as far as practical, nothing else). For every rule
//! in `krufolio::lint::rules::ALL` the test named after it (`c001_missing_evidence`,
//! …) runs the real binary on a temporary copy of the fixture:
//! `krufolio --root <copy> lint --format json --color never`, checks that the
//! rule fires, and snapshots that rule's findings, one per line:
//! `RULE name severity path:line [indicator] message / message_en`
//! (`tests/it/snapshots/it__lint_rules__<rule-name>.snap`).
//!
//! Three files would be too big to store, so the test generates them in the
//! copy before linting: the 61:40 teaching clip of `dpa-clip-too-long`
//! (ffmpeg) and the 12-page PDFs of `pdf-too-many-pages` and
//! `lesson-plan-too-many-pages` (ghostscript).
//! When a tool is missing the test is skipped with a line naming its Debian
//! package (it fails instead when `KRUFOLIO_REQUIRE_TOOLS` is set).
//!
//! Update the snapshots with `INSTA_UPDATE=always cargo test --test it lint_rules::`
//! and read every changed one.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{copy_dir, media};

use krufolio::lint::rules::{self, ALL};
use krufolio::lint::{Category, Rule};
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lint")
}

fn krufolio(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_krufolio"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("cannot run the krufolio binary")
}

fn rule_named(name: &str) -> &'static Rule {
    rules::find(name).unwrap_or_else(|| panic!("no rule named `{name}` in krufolio::lint::rules::ALL"))
}

/// Media rules report nothing unless the media probe can read the files.
fn is_media_rule(rule: &Rule) -> bool {
    rule.category == Category::Media || rule.name == "photo-has-gps"
}

// ---------------------------------------------------------------------------
// Generated media
// ---------------------------------------------------------------------------

/// Writes the files a fixture does not store (see the fixture's README.md).
fn prepare(rule: &str, site: &Path) {
    match rule {
        "dpa-clip-too-long" => {
            // 3700 s = 61:40, over the 60:00 teaching-clip limit. About 330 KB.
            let clip = site.join("content/portfolios/kru-long-clip/dpa/คลิปการสอน.mp4");
            media::long_clip(&clip, 3700, "+faststart");
        }
        "lesson-plan-too-many-pages" => {
            // 12 pages, over the framework's 10-page limit for the lesson plan.
            let pdf = site.join("content/portfolios/kru-long-plan/dpa/แผนการจัดการเรียนรู้.pdf");
            media::pdf(&pdf, 12, &[]);
        }
        "pdf-too-many-pages" => {
            // 12 pages, over the 10-page limit for PDFs in dpa/.
            let pdf = site.join("content/portfolios/kru-long-pdf/dpa/outcomes/ผลการทดสอบการอ่านจับใจความ.pdf");
            media::pdf(&pdf, 12, &[]);
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------
// Running the linter on a fixture
// ---------------------------------------------------------------------------

fn show(f: &Value) -> String {
    let s = |k: &str| f.get(k).and_then(Value::as_str).unwrap_or("");
    let path = match (f.get("path").and_then(Value::as_str), f.get("line").and_then(Value::as_u64)) {
        (Some(p), Some(l)) => format!("{p}:{l}"),
        (Some(p), None) => p.to_string(),
        (None, Some(l)) => format!("-:{l}"),
        (None, None) => "-".to_string(),
    };
    format!(
        "{} {} {} {} [{}] {} / {}",
        s("rule"),
        s("name"),
        s("severity"),
        path,
        s("indicator"),
        s("message"),
        s("message_en")
    )
}

/// Lints a temporary copy of the rule's fixture: the findings of that rule,
/// rendered and sorted, or why there are none.
fn findings_of(rule: &Rule) -> Result<String, String> {
    let fixture = fixtures().join(rule.name);
    if !fixture.is_dir() {
        return Err(format!("no fixture folder {}", fixture.display()));
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&fixture, &site);
    prepare(rule.name, &site);

    let out = krufolio(&["--root", site.to_str().unwrap(), "lint", "--format", "json", "--color", "never"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let code = out.status.code();
    if !matches!(code, Some(0 | 1)) {
        return Err(format!("lint exited with {code:?} (0 or 1 expected)\nstderr:\n{stderr}"));
    }
    let report: Value = serde_json::from_str(&stdout)
        .map_err(|e| format!("lint --format json printed no JSON ({e}):\n{stdout}"))?;
    let all = report["findings"].as_array().ok_or("the JSON report has no `findings` list")?;
    let errors = report["summary"]["errors"].as_u64().ok_or("the JSON report has no `summary.errors`")?;
    let expected_code = if errors > 0 { 1 } else { 0 };
    if code != Some(expected_code) {
        return Err(format!("lint exited with {code:?} but summary.errors = {errors}"));
    }
    let root = site.to_string_lossy().replace('\\', "/");
    let mut mine: Vec<&Value> = all.iter().filter(|f| f["rule"] == rule.id).collect();
    if mine.is_empty() {
        let mut why = format!(
            "{} {} did not fire on tests/fixtures/lint/{}/. All findings:\n",
            rule.id, rule.name, rule.name
        );
        for f in all {
            why.push_str(&format!("  {}\n", show(f)));
        }
        if is_media_rule(rule) {
            why.push_str(&format!(
                "{} is a media rule: it reports nothing unless the media probe (src/assets/media.rs) reads the file",
                rule.id
            ));
        }
        return Err(why);
    }
    // Sorted by portfolio, path, line (as a number), indicator, then text.
    let key = |f: &Value| {
        let s = |k: &str| f.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        (s("portfolio"), s("path"), f.get("line").and_then(Value::as_u64), s("indicator"), show(f))
    };
    mine.sort_by_key(|f| key(f));
    let lines: Vec<String> = mine.iter().map(|f| show(f).replace(&root, "<site>")).collect();
    Ok(lines.join("\n"))
}

fn check_rule(name: &str) {
    let rule = rule_named(name);
    // Two fixtures generate their media at test time (see `prepare`).
    let needs: &[&str] = match name {
        "dpa-clip-too-long" => &["ffmpeg"],
        "pdf-too-many-pages" | "lesson-plan-too-many-pages" => &["gs"],
        _ => &[],
    };
    if !media::have_tools(needs) {
        return;
    }
    match findings_of(rule) {
        Ok(text) => insta::with_settings!({
            description => format!("Findings of {} {} on tests/fixtures/lint/{}/", rule.id, rule.name, rule.name),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{}", rule.name), text);
        }),
        Err(why) => panic!("{why}"),
    }
}

// ---------------------------------------------------------------------------
// The tests
// ---------------------------------------------------------------------------

macro_rules! rule_tests {
    ($($test:ident => $name:literal,)*) => {
        /// The rules that have a test below.
        const TESTED: &[&str] = &[$($name),*];
        $(
            #[test]
            fn $test() {
                check_rule($name);
            }
        )*
    };
}

rule_tests! {
    m001_manifest_missing => "manifest-missing",
    m002_manifest_invalid_yaml => "manifest-invalid-yaml",
    m003_manifest_missing_key => "manifest-missing-key",
    m004_manifest_unknown_key => "manifest-unknown-key",
    m005_manifest_invalid_position => "manifest-invalid-position",
    m006_manifest_fiscal_year => "manifest-fiscal-year",
    m007_file_unreadable => "file-unreadable",
    m008_fiscal_year_mismatch => "fiscal-year-mismatch",
    c001_missing_evidence => "missing-evidence",
    c002_unknown_indicator => "unknown-indicator",
    c003_too_many_items => "too-many-items",
    c004_evidence_not_filed => "evidence-not-filed",
    p001_challenge_incomplete => "challenge-incomplete",
    p002_challenge_title_mismatch => "challenge-title-mismatch",
    p003_quantitative_target_without_number => "quantitative-target-without-number",
    p004_qualitative_target_with_number => "qualitative-target-with-number",
    p005_challenge_count => "challenge-count",
    p006_inspiration_without_figures => "inspiration-without-figures",
    v001_media_corrupt => "media-corrupt",
    v002_media_convert => "media-convert",
    v003_video_codec => "video-codec",
    v004_video_not_faststart => "video-not-faststart",
    v005_dpa_clip_too_long => "dpa-clip-too-long",
    v006_dpa_package => "dpa-package",
    v007_pdf_too_many_pages => "pdf-too-many-pages",
    v008_poster_not_found => "poster-not-found",
    v009_video_has_location => "video-has-location",
    v010_pdf_encrypted => "pdf-encrypted",
    v011_lesson_plan_too_many_pages => "lesson-plan-too-many-pages",
    v012_link_url_invalid => "link-url-invalid",
    v013_dpa_file_is_link => "dpa-file-is-link",
    d001_evidence_outside_fiscal_year => "evidence-outside-fiscal-year",
    k001_committee_composition => "committee-composition",
    k002_committee_qualification => "committee-qualification",
    k003_briefing_too_late => "briefing-too-late",
    k004_evaluation_not_in_september => "evaluation-not-in-september",
    k005_order_sent_late => "order-sent-late",
    k006_committee_date_invalid => "committee-date-invalid",
    s001_score_invalid => "score-invalid",
    s002_score_below_pass => "score-below-pass",
    s003_score_totals => "score-totals",
    r001_national_id_published => "national-id-published",
    r002_phone_number_published => "phone-number-published",
    r003_photo_has_gps => "photo-has-gps",
    r004_media_without_consent => "media-without-consent",
    r005_private_data_withheld => "private-data-withheld",
    r006_teacher_html => "teacher-html",
    r007_pasted_text => "pasted-text",
    e001_review_invalid => "review-invalid",
    e002_review_unknown_indicator => "review-unknown-indicator",
    e003_review_invalid_value => "review-invalid-value",
    e004_review_scorer_not_on_committee => "review-scorer-not-on-committee",
    e005_review_orphan => "review-orphan",
    e006_review_history_order => "review-history-order",
}

/// A new rule needs a fixture folder named after it and a line in
/// `rule_tests!`; a renamed rule must not leave a stale fixture behind.
#[test]
fn every_rule_has_a_fixture_and_a_test() {
    let mut problems = Vec::new();
    for rule in ALL {
        let dir = fixtures().join(rule.name);
        if !dir.join("content/portfolios").is_dir() {
            problems.push(format!(
                "{} {}: no fixture site tests/fixtures/lint/{}/content/portfolios/",
                rule.id, rule.name, rule.name
            ));
        }
        if !TESTED.contains(&rule.name) {
            problems.push(format!(
                "{} {}: no test; add `{}_{} => \"{}\",` to rule_tests! in tests/it/lint_rules.rs",
                rule.id,
                rule.name,
                rule.id.to_lowercase(),
                rule.name.replace('-', "_"),
                rule.name
            ));
        }
    }
    for name in TESTED {
        if rules::find(name).is_none() {
            problems.push(format!("rule_tests! names `{name}`, which is not a rule"));
        }
    }
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !ALL.iter().any(|r| r.name == name) {
            problems.push(format!("tests/fixtures/lint/{name}/ is not named after any rule"));
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}

/// The `## What it does` section of a rule's doc, without the heading.
fn what_it_does(doc: &str) -> Option<&str> {
    let start = doc.find("## What it does")? + "## What it does".len();
    let rest = &doc[start..];
    let end = rest.find("\n## ").unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// `krufolio explain <id>` exits 0 and prints the rule's `## What it does`
/// section (by id and by name).
#[test]
fn explain_prints_every_rule() {
    let mut problems = Vec::new();
    for rule in ALL {
        let Some(section) = what_it_does(rule.doc).filter(|s| !s.is_empty()) else {
            problems.push(format!("{} {}: its doc has no `## What it does` section", rule.id, rule.name));
            continue;
        };
        for key in [rule.id, rule.name] {
            let out = krufolio(&["explain", key]);
            let stdout = String::from_utf8_lossy(&out.stdout);
            if out.status.code() != Some(0) {
                problems.push(format!(
                    "`krufolio explain {key}` exited with {:?}: {}",
                    out.status.code(),
                    String::from_utf8_lossy(&out.stderr)
                ));
            } else if !stdout.contains("## What it does") || !stdout.contains(section) {
                problems.push(format!(
                    "`krufolio explain {key}` does not print its `## What it does` section:\n{stdout}"
                ));
            } else if !stdout.contains(rule.id) || !stdout.contains(rule.name) {
                problems.push(format!(
                    "`krufolio explain {key}` does not name the rule ({} {})",
                    rule.id, rule.name
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{} problem(s):\n{}", problems.len(), problems.join("\n"));
}
