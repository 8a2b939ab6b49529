//! The portfolio model: pure data, no IO.
//!
//! A portfolio is one teacher's folder under `content/portfolios/<slug>/`
//! (see `portfolio-format.md`, the public contract). [`Manifest`] is
//! `portfolio.yaml`; [`Artefact`] is any evidence file with what its name,
//! sidecar and (when probed) content say about it. The loader in
//! [`super::load`] fills these in; the linter reads them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::date::Date;

pub use super::names::{DpaRole, Kind, Qualification, Role, SidecarKind};

pub use crate::content::code::normalize_code;

/// A date as written in YAML: `2567-08-20` (BE) or `2024-08-20` (CE).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum DateText {
    /// Text.
    Text(String),
    /// A bare number (a mistake; kept to report it).
    Number(i64),
}

impl DateText {
    /// Parses the date.
    pub fn parse(&self) -> Result<Date, crate::date::DateError> {
        match self {
            DateText::Text(s) => Date::parse(s),
            DateText::Number(n) => Date::parse(&n.to_string()),
        }
    }
}

/// Part 2 outcomes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcomes {
    /// Quantitative targets: each must carry a number.
    #[serde(default)]
    pub quantitative: Vec<String>,
    /// Qualitative targets: must not carry numeric targets.
    #[serde(default)]
    pub qualitative: Vec<String>,
}

/// One challenge issue (ประเด็นท้าทาย).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Challenge {
    /// Title; must equal `agreement.title` when that is given.
    #[serde(default)]
    pub title: Option<String>,
    /// Background and problem, with real figures.
    #[serde(default)]
    pub inspiration: Option<String>,
    /// Steps, timeline or model.
    #[serde(default)]
    pub method: Option<String>,
    /// Expected outcomes.
    #[serde(default)]
    pub outcomes: Option<Outcomes>,
}

/// `challenge:` is one map, or a list (the district director has three).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Challenges {
    /// A list.
    Many(Vec<Challenge>),
    /// One map.
    One(Challenge),
}

impl Challenges {
    /// As a slice-like list.
    pub fn list(&self) -> Vec<&Challenge> {
        match self {
            Challenges::Many(v) => v.iter().collect(),
            Challenges::One(c) => vec![c],
        }
    }
}

/// `agreement:`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    /// The challenge title as agreed with the supervisor.
    #[serde(default)]
    pub title: Option<String>,
}

/// `committee.order`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Order {
    /// Order number, e.g. `45/2567`.
    #[serde(default)]
    pub number: Option<String>,
    /// Date of the order (สั่ง ณ วันที่).
    #[serde(default)]
    pub date: Option<DateText>,
    /// Issuing body.
    #[serde(default)]
    pub issuer: Option<String>,
    /// Extension: when the order and the PA were sent to the committee
    /// (must be within 3 working days of the order).
    #[serde(default)]
    pub sent_date: Option<DateText>,
}

/// One committee member.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// `chair` | `member` | `secretary`.
    #[serde(default)]
    pub role: Option<Role>,
    /// Position title (for the chair, e.g. ผู้อำนวยการโรงเรียน…).
    #[serde(default)]
    pub title: Option<String>,
    /// `supervisor` | `lecturer` | `teacher` | `expert` (outside members).
    #[serde(default)]
    pub qualification: Option<Qualification>,
    /// Standing (วิทยฐานะ) of a supervisor or teacher member.
    #[serde(default)]
    pub standing: Option<String>,
    /// Academic rank of a lecturer (e.g. ผู้ช่วยศาสตราจารย์).
    #[serde(default)]
    pub academic_rank: Option<String>,
    /// School of a teacher member (must differ from the assessee's).
    #[serde(default)]
    pub school: Option<String>,
    /// Age in years (outside members must be at least 25).
    #[serde(default)]
    pub age: Option<u32>,
}

/// `committee:`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Committee {
    /// The appointing order.
    #[serde(default)]
    pub order: Option<Order>,
    /// The chair's briefing.
    #[serde(default)]
    pub briefing_date: Option<DateText>,
    /// The evaluation.
    #[serde(default)]
    pub evaluation_date: Option<DateText>,
    /// Members.
    #[serde(default)]
    pub members: Vec<Member>,
}

/// Part 2 scores of one member (levels 1–4).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Part2Scores {
    /// Method level.
    #[serde(default)]
    pub method: Option<f64>,
    /// Quantitative-outcome level.
    #[serde(default)]
    pub quantitative: Option<f64>,
    /// Qualitative-outcome level.
    #[serde(default)]
    pub qualitative: Option<f64>,
}

/// One member's score sheet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoreSheet {
    /// The member's name (as in `committee.members`).
    #[serde(default)]
    pub member: Option<String>,
    /// Level 1–4 per indicator code.
    #[serde(default)]
    pub part1: BTreeMap<String, f64>,
    /// Part 2 levels.
    #[serde(default)]
    pub part2: Part2Scores,
}

/// `portfolio.yaml`. Unknown keys are kept out of here and reported by the
/// linter (see [`KNOWN_KEYS`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Full name with title (นาย/นาง/นางสาว …).
    #[serde(default)]
    pub name: Option<String>,
    /// Position (ตำแหน่ง).
    #[serde(default)]
    pub position: Option<String>,
    /// Standing (วิทยฐานะ).
    #[serde(default)]
    pub standing: Option<String>,
    /// School (required for school positions).
    #[serde(default)]
    pub school: Option<String>,
    /// Subject group.
    #[serde(default)]
    pub subject: Option<String>,
    /// Fiscal year, BE (a number or Thai digits; a CE year is rule M006).
    #[serde(default, deserialize_with = "crate::date::fiscal_year_serde::option")]
    pub fiscal_year: Option<i64>,
    /// Framework id; derived from the position when absent.
    #[serde(default)]
    pub framework: Option<String>,
    /// Part 2.
    #[serde(default)]
    pub challenge: Option<Challenges>,
    /// The agreement.
    #[serde(default)]
    pub agreement: Option<Agreement>,
    /// The committee.
    #[serde(default)]
    pub committee: Option<Committee>,
    /// Committee scores.
    #[serde(default)]
    pub scores: Vec<ScoreSheet>,
    /// Never published: kept for the printable report.
    #[serde(default)]
    pub private: Option<crate::yaml::Mapping>,
}

/// The keys `portfolio.yaml` knows, as `parent.child` paths (`*` = list
/// item). Anything else is reported as unknown, with a suggestion.
pub const KNOWN_KEYS: &[&str] = &[
    "name",
    "position",
    "standing",
    "school",
    "subject",
    "fiscal_year",
    "framework",
    "challenge",
    "challenge.title",
    "challenge.inspiration",
    "challenge.method",
    "challenge.outcomes",
    "challenge.outcomes.quantitative",
    "challenge.outcomes.qualitative",
    "agreement",
    "agreement.title",
    "committee",
    "committee.order",
    "committee.order.number",
    "committee.order.date",
    "committee.order.issuer",
    "committee.order.sent_date",
    "committee.briefing_date",
    "committee.evaluation_date",
    "committee.members",
    "committee.members.name",
    "committee.members.role",
    "committee.members.title",
    "committee.members.qualification",
    "committee.members.standing",
    "committee.members.academic_rank",
    "committee.members.school",
    "committee.members.age",
    "scores",
    "scores.member",
    "scores.part1",
    "scores.part2",
    "scores.part2.method",
    "scores.part2.quantitative",
    "scores.part2.qualitative",
    "private",
];

/// A sidecar: `<stem>.md` beside an artefact, front matter only matters.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Sidecar {
    /// Title (also the alt text).
    #[serde(default)]
    pub title: Option<String>,
    /// Date (CE or BE).
    #[serde(default)]
    pub date: Option<DateText>,
    /// Indicator codes this artefact proves (overrides the folder).
    #[serde(default)]
    pub indicators: Vec<String>,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Consent to publish the people shown (students: parents' consent).
    #[serde(default)]
    pub consent: Option<bool>,
    /// `false` keeps the artefact off the published site.
    #[serde(default)]
    pub publish: Option<bool>,
    /// DPA role: `teaching-clip`, `inspiration-clip`, `lesson-plan` (or the Thai names).
    #[serde(default)]
    pub kind: Option<SidecarKind>,
    /// For a video: the file name of an image in the same folder shown before it
    /// plays. Without it, an image with the video's stem is used.
    #[serde(default)]
    pub poster: Option<String>,
    /// Linked evidence (v1.1): a Markdown file in an evidence folder whose
    /// front matter has `url:` is a link artefact (YouTube, Google Drive or any web page).
    #[serde(default)]
    pub url: Option<String>,
    /// `paste: true`: the body was pasted from Word or a PDF; every line
    /// break is kept (see [`crate::markup::paste`]).
    #[serde(default)]
    pub paste: bool,
}

/// Where a link artefact's address was written (a `.md` file's `url:`, a
/// `.url` file's `URL=`, a `.webloc`'s `<string>`); read by [`super::link`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LinkSource {
    /// The address as written; `None` when the shortcut file has none.
    pub url: Option<String>,
    /// Its 1-based line in the file.
    pub line: Option<usize>,
}

/// What probing a media file found (filled by `assets::media`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MediaInfo {
    /// Why the file could not be decoded, if it could not.
    pub error: Option<crate::text::Text>,
    /// Container duration in seconds.
    pub duration: Option<f64>,
    /// Video codec (`h264`, `hevc`, …).
    pub video_codec: Option<String>,
    /// Audio codec (`aac`, …).
    pub audio_codec: Option<String>,
    /// `moov` box before `mdat` (fast start).
    pub moov_before_mdat: Option<bool>,
    /// PDF page count.
    pub pages: Option<u32>,
    /// Image size, or the first video track's (rotation applied).
    pub width: Option<u32>,
    /// Image size, or the first video track's (rotation applied).
    pub height: Option<u32>,
    /// The image carries GPS data (EXIF, or XMP `GPSLatitude`).
    pub gps: bool,
    /// What the bytes say the file is, when it differs from its name (`heic`, `mov`, …).
    pub sniffed: Option<String>,
    /// The video carries location boxes (`©xyz`, `loci`, Apple `keys` location, XMP GPS);
    /// publishing removes them. (Photos report EXIF/XMP GPS in [`MediaInfo::gps`].)
    #[serde(default)]
    pub location: bool,
    /// Why the file cannot be published location-free (Thai / English); such a file is not
    /// published and its page shows a placeholder.
    #[serde(default)]
    pub clean_error: Option<crate::text::Text>,
    /// The PDF is encrypted (it has an `/Encrypt` dictionary; `pdfinfo` says `Encrypted: yes`),
    /// perhaps only against printing or copying.
    #[serde(default)]
    pub encrypted: bool,
    /// The PDF needs a password to open (its user password is not empty): the committee and
    /// the DPA system cannot read it (lint rule V010).
    #[serde(default)]
    pub needs_password: bool,
}

/// One evidence file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Artefact {
    /// Path relative to the site root.
    pub path: String,
    /// Path relative to the portfolio folder.
    pub rel: String,
    /// Kind.
    pub kind: Kind,
    /// Size in bytes; read with the media probe (`None` when probing is off,
    /// which saves a `stat` per file on large lint runs).
    pub size: Option<u64>,
    /// Indicator codes (normalised): sidecar first, else the folder's code.
    pub indicators: Vec<String>,
    /// Codes as written that did not normalise (reported by the linter).
    pub bad_codes: Vec<String>,
    /// The sidecar, if any.
    pub sidecar: Option<Sidecar>,
    /// Path of the sidecar relative to the site root.
    pub sidecar_path: Option<String>,
    /// Under `challenge/`.
    pub challenge: bool,
    /// DPA role, when under `dpa/`.
    pub dpa: Option<DpaRole>,
    /// Under `dpa/` (with or without a role).
    pub in_dpa: bool,
    /// Probe results, when media probing ran.
    pub media: Option<MediaInfo>,
    /// For a link artefact ([`Kind::Link`]): its address as written.
    #[serde(default)]
    pub link: Option<LinkSource>,
    /// What of it is published (filled by `portfolio::derive`; nothing before).
    #[serde(skip)]
    pub publication: Publication,
}

/// What is published of one artefact, decided once per build by
/// `portfolio::derive` and kept in the artefact (a district has 80,000).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Publication {
    /// Its path in the output, relative to its portfolio folder.
    pub out_rel: String,
    /// Whether its file is copied to the output.
    pub published: bool,
    /// Its thumbnails (published photos only): (width, height), narrowest
    /// first, each cached under [`Publication::thumbs_of`].
    pub thumbs: Vec<(u32, u32)>,
    /// The blake3 of the photo the thumbnails were made from, which names
    /// them in the cache (`assets::thumbs::cached_path`).
    pub thumbs_of: Option<[u8; 32]>,
    /// A published photo's own size, upright (after its EXIF orientation),
    /// when its thumbnails could be made.
    pub upright: Option<(u32, u32)>,
    /// The file published instead of the artefact's own: a HEIC photo's JPEG (in the
    /// cache, location-free, see `assets::heic`).
    pub source: Option<std::path::PathBuf>,
}

impl Artefact {
    /// Whether some page shows it (as `portfolio::view` places evidence): an
    /// indicator's page (a folder code, `indicators:`, or a bad code that
    /// lint reports), the challenge, the DPA package, or the portfolio page's
    /// notes (a Markdown file beside `portfolio.yaml`).
    pub fn has_a_page(&self) -> bool {
        let note = self.kind == Kind::Markdown && !self.rel.contains('/');
        !self.indicators.is_empty() || !self.bad_codes.is_empty() || self.challenge || self.in_dpa || note
    }
}

/// An evidence folder (its name starts with an indicator code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceFolder {
    /// Path relative to the site root.
    pub path: String,
    /// Folder name.
    pub name: String,
    /// Normalised code.
    pub code: String,
    /// Files in it (sidecars not counted).
    pub files: usize,
}

/// A parsed manifest, or why it could not be parsed.
pub type ManifestResult = Result<Manifest, crate::diagnostic::Diagnostic>;

/// A whole portfolio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Portfolio {
    /// Folder name.
    pub slug: String,
    /// Folder path relative to the site root.
    pub dir: String,
    /// `portfolio.yaml` text (for the rules' line lookups); `None` if
    /// missing, and after [`Portfolio::drop_lint_only`].
    pub manifest_text: Option<String>,
    /// `portfolio.yaml` as a YAML value (for the unknown-key check).
    pub manifest_value: Option<crate::yaml::Value>,
    /// Parsed manifest, or why it could not be parsed.
    pub manifest: ManifestResult,
    /// Evidence folders.
    pub folders: Vec<EvidenceFolder>,
    /// Evidence files.
    pub artefacts: Vec<Artefact>,
    /// Published texts to scan for personal data: (path relative to the
    /// site root, text). `portfolio.yaml`'s `private:` block is blanked
    /// (lines kept, so line numbers stay right).
    pub texts: Vec<(String, String)>,
    /// The notes' and sidecars' texts dropped by [`Portfolio::drop_lint_only`]:
    /// (path relative to the site root, blake3 of the text). The pages read
    /// them again from disk ([`Portfolio::text`]), so that a district's
    /// 2,000 portfolios do not hold every note in memory until their pages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub on_disk: Vec<(String, [u8; 32])>,
    /// Problems met while reading the folder (unreadable files, broken
    /// sidecars, names that cannot be published).
    pub load_errors: Vec<crate::diagnostic::Diagnostic>,
    /// Warnings met while reading the folder (a text file saved as
    /// Windows-874 instead of UTF-8); rule M007 reports them as warnings.
    #[serde(default)]
    pub load_warnings: Vec<crate::diagnostic::Diagnostic>,
    /// Files and manifest values kept off the site because they hold
    /// private data (reported by the linter).
    #[serde(default)]
    pub withheld: Vec<crate::privacy::withhold::Withheld>,
    /// The review records of this portfolio (`reviews/<slug>/*.yaml`, outside
    /// `content/`): read for the lint rules `E…` and the review audience only.
    #[serde(default)]
    pub reviews: Vec<crate::review::Review>,
}

impl Portfolio {
    /// Path of `portfolio.yaml` relative to the site root.
    pub fn manifest_path(&self) -> String {
        format!("{}/portfolio.yaml", self.dir)
    }

    /// The image that stands for `video` before it plays: the sidecar's
    /// `poster:` (a file name in the video's folder), else an image with the
    /// video's stem beside it (`คลิป.mp4` + `คลิป.jpg`).
    pub fn poster_of(&self, video: &Artefact) -> Option<&Artefact> {
        use std::path::Path;
        let v = Path::new(&video.rel);
        let wanted = video.sidecar.as_ref().and_then(|s| s.poster.as_deref()).map(str::trim);
        self.artefacts.iter().find(|i| {
            let f = Path::new(&i.rel);
            i.kind == Kind::Image
                && f.parent() == v.parent()
                && match wanted {
                    Some(name) => f.file_name().is_some_and(|n| n.to_string_lossy() == name),
                    None => f.file_stem() == v.file_stem(),
                }
        })
    }

    /// Drops what only the linter reads, once its findings are made: the
    /// manifest's text and YAML value, and the texts that are no note's or sidecar's
    /// (the manifest's, the READMEs'), which the pages never read; and the
    /// notes' and sidecars' texts, which the pages read again from disk
    /// ([`Portfolio::text`]), keeping only their hashes ([`Portfolio::on_disk`]).
    pub fn drop_lint_only(&mut self) {
        self.manifest_value = None;
        // Only the rules look lines up in it (the findings carry them).
        self.manifest_text = None;
        // A district's 80,000 artefacts: no room kept for more (issue 11).
        self.artefacts.shrink_to_fit();
        self.folders.shrink_to_fit();
        let shown: std::collections::HashSet<&str> = self
            .artefacts
            .iter()
            .filter(|a| a.kind == Kind::Markdown)
            .map(|a| a.path.as_str())
            .chain(self.artefacts.iter().filter_map(|a| a.sidecar_path.as_deref()))
            .collect();
        for (path, text) in std::mem::take(&mut self.texts) {
            if shown.contains(path.as_str()) {
                self.on_disk.push((path, *blake3::hash(text.as_bytes()).as_bytes()));
            }
        }
    }

    /// The text of a note or sidecar at `path` (relative to the site root
    /// `root`): the one kept in memory, else the file read again, when it
    /// still holds exactly what the linter read. `None` when it is neither,
    /// or when the file changed (or went) since: text no rule has checked is
    /// never published; the next build reads it anew.
    pub fn text(&self, root: &std::path::Path, path: &str) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        if let Some((_, t)) = self.texts.iter().find(|(x, _)| x == path) {
            return Some(Cow::Borrowed(t));
        }
        let (_, hash) = self.on_disk.iter().find(|(x, _)| x == path)?;
        let read = crate::fs::read_text(&root.join(path)).ok()?.text;
        (blake3::hash(read.as_bytes()).as_bytes() == hash).then_some(Cow::Owned(read))
    }

    /// 1-based line of a key path (e.g. `["committee", "briefing_date"]`) in
    /// `portfolio.yaml`, found by indentation.
    pub fn line_of(&self, path: &[&str]) -> Option<usize> {
        crate::yaml::line_of_key(self.manifest_text.as_deref()?, path)
    }
}

#[cfg(test)]
mod tests;
