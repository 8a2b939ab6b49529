//! `krufolio export dpa SLUG [--out DIR]`: the package a teacher uploads to
//! the DPA system, made from the portfolio's `dpa/` folder.
//!
//! [`plan`] (pure) decides each file's exported name and status from the
//! loaded portfolio, the framework's DPA limits (data in
//! `content/frameworks/*.yaml`) and the lint findings: the limits are checked
//! by the existing rules (V005 clip length, V006 package, V007 pages, V013 a
//! link instead of a file, …), never again here, so `lint` and `export` cannot
//! disagree. [`run`] loads, lints, writes the files through
//! [`crate::assets::clean::for_publish`] (location removed) and the summary
//! (`summary.txt`, `summary.csv`), and prints the table.
//!
//! Names (what the DPA system's upload form asks for, in its order):
//! `01-คลิปการสอน.<ext>`, `02-คลิปสภาพปัญหา.<ext>`, `03-แผนการจัดการเรียนรู้.pdf`,
//! `04-ผลลัพธ์-1.<ext>` … (a second file of one role gets `-2`).
//! A broken limit still exports the files (so the teacher can look at them)
//! and exits 1; the summary marks each broken row ✗.

mod table;
mod write;

pub use write::run;

use crate::frameworks::Dpa;
use crate::lint::{Finding, Severity};
use crate::portfolio::model::{Artefact, DpaRole, Kind, Portfolio};

/// A row's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Within the limits (✓).
    Ok,
    /// A limit is broken, or the file cannot be exported (✗).
    Broken,
    /// Not part of the upload (a note, a file without a role) (–).
    Skipped,
}

impl Status {
    /// ✓, ✗ or –.
    pub fn mark(self) -> &'static str {
        match self {
            Status::Ok => "✓",
            Status::Broken => "✗",
            Status::Skipped => "–",
        }
    }
}

/// One file of `dpa/`.
#[derive(Debug, Clone)]
pub struct Row {
    /// Its name in the export folder; `None` when it is not exported.
    pub name: Option<String>,
    /// Path relative to the portfolio folder.
    pub source: String,
    /// Role (Thai, English).
    pub role: (&'static str, &'static str),
    /// Size in bytes.
    pub size: Option<u64>,
    /// Duration in seconds (videos).
    pub duration: Option<f64>,
    /// Pages (PDFs).
    pub pages: Option<u32>,
    /// The limit that applies, as text.
    pub limit: String,
    /// The verdict.
    pub status: Status,
    /// Why (Thai, English): the lint findings about the file, or why it is skipped.
    pub notes: Vec<(String, String)>,
}

/// The export of one portfolio's `dpa/` folder.
#[derive(Debug, Clone, Default)]
pub struct Package {
    /// Every file of `dpa/`, in upload order.
    pub rows: Vec<Row>,
    /// Problems of the package as a whole (Thai, English, is an error).
    pub problems: Vec<(String, String, bool)>,
    /// Site-relative source path of each row that is copied (same index as `rows`).
    pub sources: Vec<Option<String>>,
}

impl Package {
    /// Is a limit broken (the exit code is then 1)?
    pub fn broken(&self) -> bool {
        self.rows.iter().any(|r| r.status == Status::Broken) || self.problems.iter().any(|p| p.2)
    }
}

/// `m:ss`.
pub fn mmss(s: f64) -> String {
    let s = s.round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}

fn order(a: &Artefact) -> u8 {
    match a.dpa {
        Some(DpaRole::TeachingClip) => 0,
        Some(DpaRole::InspirationClip) => 1,
        Some(DpaRole::LessonPlan) => 2,
        Some(DpaRole::Outcome) => 3,
        None => 4,
    }
}

fn role_name(role: Option<DpaRole>) -> (&'static str, &'static str) {
    match role {
        Some(DpaRole::TeachingClip) => ("คลิปการสอน", "teaching clip"),
        Some(DpaRole::InspirationClip) => ("คลิปสภาพปัญหา", "inspiration clip"),
        Some(DpaRole::LessonPlan) => ("แผนการจัดการเรียนรู้", "lesson plan"),
        Some(DpaRole::Outcome) => ("ผลลัพธ์", "outcome"),
        None => ("ไม่ระบุ", "none"),
    }
}

fn is_video(a: &Artefact) -> bool {
    matches!(a.kind, Kind::Video | Kind::OtherVideo)
}

/// The exported name of a file of `role`, before its number and extension.
fn stem(role: Option<DpaRole>) -> &'static str {
    match role {
        Some(DpaRole::TeachingClip) => "01-คลิปการสอน",
        Some(DpaRole::InspirationClip) => "02-คลิปสภาพปัญหา",
        Some(DpaRole::LessonPlan) => "03-แผนการจัดการเรียนรู้",
        Some(DpaRole::Outcome) => "04-ผลลัพธ์",
        None => "",
    }
}

/// The limit of a file of `role`, from the framework's data.
fn limit(a: &Artefact, dpa: &Dpa) -> String {
    let clip = |max: f64| format!("MP4 {}+{} ≤ {}", dpa.video_codec, dpa.audio_codec, mmss(max));
    // V011 (lesson plan) and V007 (other PDFs) check the same page limit.
    let pages = || format!("PDF ≤ {} หน้า", dpa.pdf_max_pages);
    match a.dpa {
        Some(DpaRole::TeachingClip) => clip(dpa.teaching_clip_max_seconds),
        Some(DpaRole::InspirationClip) => clip(dpa.inspiration_clip_max_seconds),
        Some(DpaRole::LessonPlan) => pages(),
        Some(DpaRole::Outcome) if is_video(a) => clip(dpa.outcome_video_max_seconds),
        Some(DpaRole::Outcome) if a.kind == Kind::Pdf => pages(),
        Some(DpaRole::Outcome) => "—".to_string(),
        None => "—".to_string(),
    }
}

/// The export plan of `p`'s `dpa/` folder: names, limits, and the verdicts
/// the lint `findings` give (an error about a file breaks its row).
pub fn plan(p: &Portfolio, dpa: &Dpa, findings: &[Finding]) -> Package {
    let mut files: Vec<&Artefact> = p.artefacts.iter().filter(|a| a.in_dpa).collect();
    files.sort_by_key(|a| (order(a), a.rel.clone()));
    let mut pkg = Package::default();
    let mut seen = [0usize; 5];
    for a in files {
        let about = |f: &&Finding| {
            f.portfolio == p.slug
                && f.path().is_some_and(|x| x == a.path || Some(x) == a.sidecar_path.as_deref())
        };
        let mine: Vec<&Finding> = findings.iter().filter(about).collect();
        let mut notes: Vec<(String, String)> =
            mine.iter().map(|f| (f.at.message.clone(), f.at.message_en.clone())).collect();
        let mut status =
            if mine.iter().any(|f| f.severity == Severity::Error) { Status::Broken } else { Status::Ok };
        let ext = std::path::Path::new(&a.rel)
            .extension()
            .map(|e| format!(".{}", e.to_string_lossy().to_lowercase()))
            .unwrap_or_default();
        let stem = stem(a.dpa);
        let name = match (a.dpa, a.kind) {
            (_, Kind::Markdown) => {
                status = Status::Skipped;
                notes.push(("บันทึก ไม่ส่งออก".into(), "a note: not exported".into()));
                None
            }
            (_, Kind::Link) => {
                status = Status::Broken;
                None
            }
            (None, _) => {
                status = Status::Skipped;
                notes.push((
                    "ไม่ส่งออก: ไม่รู้ว่าเป็นไฟล์อะไรในชุด ให้ตั้งชื่อเป็น คลิปการสอน คลิปสภาพปัญหา แผนการจัดการเรียนรู้ ใส่ kind: ในไฟล์ประกอบ หรือย้ายไป dpa/outcomes/".into(),
                    "not exported: its role is unknown; name it คลิปการสอน, คลิปสภาพปัญหา or แผนการจัดการเรียนรู้, set kind: in its sidecar, or move it to dpa/outcomes/".into(),
                ));
                None
            }
            (Some(role), _) => {
                // Numbered among the exported files of its role: outcomes always, others from the second.
                let slot = order(a) as usize;
                seen[slot] += 1;
                let n = seen[slot];
                let numbered = role == DpaRole::Outcome || n > 1;
                Some(if numbered { format!("{stem}-{n}{ext}") } else { format!("{stem}{ext}") })
            }
        };
        pkg.sources.push(name.as_ref().map(|_| a.path.clone()));
        pkg.rows.push(Row {
            name,
            source: a.rel.clone(),
            role: role_name(a.dpa),
            size: a.size,
            duration: a.media.as_ref().and_then(|m| m.duration).filter(|_| is_video(a)),
            pages: a.media.as_ref().and_then(|m| m.pages),
            limit: limit(a, dpa),
            status,
            notes,
        });
    }
    let dir = format!("{}/dpa", p.dir);
    for f in findings.iter().filter(|f| f.portfolio == p.slug && f.path() == Some(dir.as_str())) {
        pkg.problems.push((f.at.message.clone(), f.at.message_en.clone(), f.severity == Severity::Error));
    }
    if pkg.rows.is_empty() {
        pkg.problems.push((
            format!("แฟ้มนี้ไม่มีโฟลเดอร์ {dir}/ หรือโฟลเดอร์ว่าง ให้วางคลิปการสอน แผนการจัดการเรียนรู้ และผลลัพธ์ไว้ใน dpa/"),
            format!("this portfolio has no files in {dir}/: put the teaching clip, the lesson plan and the outcomes there"),
            true,
        ));
    }
    pkg
}
