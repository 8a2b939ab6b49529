//! Indicator frameworks as data: `content/frameworks/*.yaml`.
//!
//! Three catalogues ship with the default site (teacher, school
//! administrator, district-office director). A district edits them — adds
//! evidence kinds, changes limits — without touching code. The built-in copies
//! are used when a site has no `content/frameworks/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;

/// The default catalogues, compiled in.
static DEFAULT_FRAMEWORKS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content/frameworks");

/// One framework file.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// Stable id used by `portfolio.yaml`'s `framework:` (`teacher`, …).
    pub id: String,
    /// Official Thai title.
    pub title: String,
    /// English title.
    pub title_en: String,
    /// Positions (ตำแหน่ง) evaluated with this framework.
    pub positions: Vec<String>,
    /// Allowed (position, standing) pairs and the expected practice level.
    pub levels: Vec<Level>,
    /// Domains (ด้าน) or elements (องค์ประกอบ) with their indicators.
    pub domains: Vec<Domain>,
    /// Part 2 (ประเด็นท้าทาย) rules.
    pub part2: Part2,
    /// Scoring rules.
    pub scoring: Scoring,
    /// Most items a report may list (the director reports at most 15).
    #[serde(default)]
    pub max_items: Option<usize>,
    /// DPA package limits; absent when the position has no DPA package.
    #[serde(default)]
    pub dpa: Option<Dpa>,
}

/// An allowed position/standing pair.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    /// Position (ตำแหน่ง).
    pub position: String,
    /// Standing (วิทยฐานะ); `None` = no standing.
    #[serde(default)]
    pub standing: Option<String>,
    /// Expected practice level (Thai), when the brief gives one.
    #[serde(default)]
    pub level: Option<String>,
    /// Expected practice level (English).
    #[serde(default)]
    pub level_en: Option<String>,
}

/// A domain or element.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    /// Code, e.g. `"1"`.
    pub code: String,
    /// Official Thai title.
    pub title: String,
    /// English title.
    pub title_en: String,
    /// Indicators or sub-elements.
    pub indicators: Vec<Indicator>,
}

/// An indicator (ตัวชี้วัด) or sub-element.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Normalised code, e.g. `"1.3"`.
    pub code: String,
    /// Official Thai title.
    pub title: String,
    /// English title.
    pub title_en: String,
    /// Suggested evidence (Thai).
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// Part 2 (challenge issue) rules.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Part2 {
    /// How many challenge issues are required (1; the director 3).
    pub challenges: usize,
    /// Suggested evidence for the method.
    #[serde(default)]
    pub method_evidence: Vec<String>,
    /// Suggested evidence for the outcomes.
    #[serde(default)]
    pub outcome_evidence: Vec<String>,
    /// How results are grouped in the report (ความรู้ / ทักษะ / …).
    #[serde(default)]
    pub outcome_groups: Vec<String>,
}

/// Scoring rules (seed 004 §4.3).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    /// Part 1 maximum (15 indicators × 4 = 60).
    pub part1_max: f64,
    /// Part 2 method maximum (20).
    pub method_max: f64,
    /// Part 2 quantitative-outcome maximum (10).
    pub quantitative_max: f64,
    /// Part 2 qualitative-outcome maximum (10).
    pub qualitative_max: f64,
    /// Pass mark per committee member, in percent (70).
    pub pass_percent: f64,
}

/// DPA package limits (second-hand, from teachers' own tools; editable).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Dpa {
    /// Teaching clip maximum, seconds (3600).
    pub teaching_clip_max_seconds: f64,
    /// Inspiration clip maximum, seconds (600).
    pub inspiration_clip_max_seconds: f64,
    /// Outcome video maximum, seconds (600).
    pub outcome_video_max_seconds: f64,
    /// Most files in `dpa/outcomes/` (3).
    pub outcomes_max_files: usize,
    /// Most videos in `dpa/outcomes/` (1).
    pub outcomes_max_videos: usize,
    /// Most PDF pages (10).
    pub pdf_max_pages: u32,
    /// Required video codec (`h264`).
    pub video_codec: String,
    /// Required audio codec (`aac`).
    pub audio_codec: String,
}

impl Framework {
    /// Every indicator with its domain, in order.
    pub fn indicators(&self) -> impl Iterator<Item = (&Domain, &Indicator)> {
        self.domains.iter().flat_map(|d| d.indicators.iter().map(move |i| (d, i)))
    }

    /// Looks an indicator up by normalised code.
    pub fn indicator(&self, code: &str) -> Option<&Indicator> {
        self.indicators().map(|(_, i)| i).find(|i| i.code == code)
    }

    /// The entry for a position/standing pair, if the pair is allowed.
    pub fn level(&self, position: &str, standing: Option<&str>) -> Option<&Level> {
        self.levels.iter().find(|l| l.position == position && l.standing.as_deref() == standing)
    }

    fn check(&self, path: &Path) -> Result<(), Diagnostic> {
        let bad = |th: String, en: String| Err(Diagnostic::new(path, None, th, en));
        let mut seen = std::collections::BTreeSet::new();
        for (_, i) in self.indicators() {
            if crate::portfolio::model::normalize_code(&i.code).as_deref() != Some(i.code.as_str()) {
                return bad(
                    format!("รหัสตัวชี้วัด \"{}\" ไม่อยู่ในรูปแบบ 1.1", i.code),
                    format!("indicator code \"{}\" is not of the form 1.1", i.code),
                );
            }
            if !seen.insert(i.code.clone()) {
                return bad(format!("รหัสตัวชี้วัด {} ซ้ำ", i.code), format!("indicator code {} repeats", i.code));
            }
        }
        if seen.is_empty() {
            return bad("กรอบตัวชี้วัดไม่มีตัวชี้วัด".into(), "the framework has no indicators".into());
        }
        for l in &self.levels {
            if !self.positions.contains(&l.position) {
                return bad(
                    format!("levels อ้างถึงตำแหน่ง \"{}\" ที่ไม่อยู่ใน positions", l.position),
                    format!("levels names position \"{}\" which is not in positions", l.position),
                );
            }
        }
        Ok(())
    }
}

/// All frameworks of a site, by id.
#[derive(Debug, Clone, Default)]
pub struct Frameworks {
    /// By id.
    pub by_id: BTreeMap<String, Framework>,
    /// What reading the files warned about (a Windows-874 file, decoded).
    pub warnings: Vec<Diagnostic>,
}

/// One committee member's totals on a valid score sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Totals {
    /// Part 1 points (out of `part1_max`).
    pub part1: f64,
    /// Part 2 points (out of the sum of its three maxima).
    pub part2: f64,
    /// Both parts.
    pub total: f64,
    /// The maximum of both parts (100).
    pub max: f64,
    /// `total / max` in percent.
    pub percent: f64,
    /// At or above the pass mark.
    pub pass: bool,
}

impl Scoring {
    /// The maximum of both parts.
    pub fn max(&self) -> f64 {
        self.part1_max + self.part2_max()
    }

    /// The maximum of Part 2.
    pub fn part2_max(&self) -> f64 {
        self.method_max + self.quantitative_max + self.qualitative_max
    }
}

impl Framework {
    /// True when every level of the sheet is 1–4 and every indicator is
    /// scored (what rule S001 `score-invalid` checks); only such sheets are
    /// totalled.
    pub fn sheet_is_valid(&self, s: &crate::portfolio::model::ScoreSheet) -> bool {
        let ok = |v: f64| (1.0..=4.0).contains(&v) && v.fract() == 0.0;
        let codes: Vec<String> =
            s.part1.keys().filter_map(|k| crate::portfolio::model::normalize_code(k)).collect();
        s.part1.values().all(|v| ok(*v))
            && self.indicators().all(|(_, i)| codes.contains(&i.code))
            && codes.iter().all(|c| self.indicator(c).is_some())
            && [s.part2.method, s.part2.quantitative, s.part2.qualitative].iter().all(|v| v.is_some_and(ok))
    }

    /// The totals of one sheet: Part 1 levels averaged over the indicators
    /// and scaled to `part1_max`; Part 2 levels 4/3/2/1 give 100/75/50/25 %
    /// of each maximum. Used by the score rules and the evaluation form alike.
    pub fn totals(&self, s: &crate::portfolio::model::ScoreSheet) -> Totals {
        let sc = &self.scoring;
        let n = self.indicators().count().max(1) as f64;
        let part1: f64 = s.part1.values().sum::<f64>() / (4.0 * n) * sc.part1_max;
        let part2 = s.part2.method.unwrap_or(0.0) / 4.0 * sc.method_max
            + s.part2.quantitative.unwrap_or(0.0) / 4.0 * sc.quantitative_max
            + s.part2.qualitative.unwrap_or(0.0) / 4.0 * sc.qualitative_max;
        let total = part1 + part2;
        let percent = total / sc.max() * 100.0;
        Totals { part1, part2, total, max: sc.max(), percent, pass: percent >= sc.pass_percent }
    }
}

impl Frameworks {
    /// The framework for a position, if any.
    pub fn for_position(&self, position: &str) -> Option<&Framework> {
        self.by_id.values().find(|f| f.positions.iter().any(|p| p == position))
    }

    /// Every position any framework knows.
    pub fn positions(&self) -> Vec<&str> {
        self.by_id.values().flat_map(|f| f.positions.iter().map(String::as_str)).collect()
    }
}

fn parse(label: &Path, text: &str) -> Result<Framework, Diagnostic> {
    let f: Framework =
        crate::yaml::from_str(text).map_err(|e| crate::yaml::diagnostic(label, 0, text, &e, "กรอบตัวชี้วัด"))?;
    f.check(label)?;
    Ok(f)
}

/// Loads `content/frameworks/*.yaml`, or the built-in catalogues when the
/// folder is absent. A malformed file is an error that names it.
pub fn load(content_dir: &Path) -> Result<Frameworks, Vec<Diagnostic>> {
    let dir = content_dir.join("frameworks");
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    if dir.is_dir() {
        for name in crate::fs::read_dir_names(&dir).map_err(|e| vec![Diagnostic::io(&dir, &e)])? {
            let p = dir.join(&name);
            if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                let label = Path::new("content/frameworks").join(&name);
                match crate::fs::read_text(&p) {
                    Ok(t) => {
                        warnings.extend(Diagnostic::of_encoding(&label, &t));
                        files.push((label, t.text));
                    }
                    Err(e) => errors.push(Diagnostic::io(label, &e)),
                }
            }
        }
    } else {
        for f in DEFAULT_FRAMEWORKS.files() {
            if let Some(t) = f.contents_utf8() {
                files.push((Path::new("content/frameworks").join(f.path()), t.to_string()));
            }
        }
    }
    let mut out = Frameworks { warnings, ..Frameworks::default() };
    for (label, text) in files {
        match parse(&label, &text) {
            Ok(f) => {
                if out.by_id.contains_key(&f.id) {
                    errors.push(Diagnostic::new(
                        &label,
                        None,
                        format!("id \"{}\" ซ้ำกับไฟล์อื่น", f.id),
                        format!("id \"{}\" is used by another file", f.id),
                    ));
                } else {
                    out.by_id.insert(f.id.clone(), f);
                }
            }
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
