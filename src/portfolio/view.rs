//! The typed views of the portfolio pages: [`PortfolioView`] (one teacher's
//! `portfolio.html`, and the `portfolio` of `indicator.html`),
//! [`IndicatorView`], [`ArtefactView`] (`partials/artefact.html`) and
//! [`ListEntry`] (`portfolios.html`). ARCHITECTURE.md's theme contract lists
//! every field; a theme may rely on exactly these.
//!
//! Privacy: views are built field by field from the manifest; `private:` is
//! never read here. Teacher Markdown is sanitised ([`crate::privacy::sanitize`]).

mod kind;
mod link;

use serde::Serialize;

use self::kind::{problem, view_kind};
pub use self::link::LinkView;
use super::derive::{thumb_name, withheld};
use super::model::{Artefact, Kind, Portfolio};
use crate::config::{Audience, Config};
use crate::content::slug;
use crate::date::Date;
use crate::frameworks::{Framework, Frameworks};
use crate::lint::{Finding, IndicatorStatus, Report};

/// Everything a view is made from.
pub struct Inputs<'a> {
    /// The site configuration.
    pub config: &'a Config,
    /// The frameworks.
    pub frameworks: &'a Frameworks,
    /// The lint report.
    pub report: &'a Report,
}

/// What the page shows for an artefact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ArtefactKind {
    /// A photo (`<img>`).
    Image,
    /// An iPhone HEIC photo: a placeholder (browsers cannot show it).
    Heic,
    /// A video (`<video>`).
    Video,
    /// A PDF.
    Pdf,
    /// An Office document.
    Document,
    /// Audio (`<audio>`).
    Audio,
    /// A Markdown note, rendered (`html`).
    Note,
    /// Linked evidence (`link`): an embedded YouTube or Drive player, or a card.
    Link,
    /// Anything else: a download link.
    Other,
}

/// Why a file shows a placeholder, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Thai.
    pub message: String,
    /// English.
    pub message_en: String,
}

impl Problem {
    fn new(th: impl Into<String>, en: impl Into<String>) -> Self {
        Problem { message: th.into(), message_en: en.into() }
    }
}

/// One evidence file.
#[derive(Debug, Clone, Serialize)]
pub struct ArtefactView {
    /// Stable HTML id (`a-` + 12 hex digits).
    pub id: String,
    /// The sidecar's title, else the file stem, else (for a camera name such
    /// as `IMG_20260701_140211`) the indicator's title and a number
    /// ([`super::titles`]).
    pub title: String,
    /// The sidecar's description.
    pub description: Option<String>,
    /// The sidecar's date.
    pub date: Option<Date>,
    /// What the page shows.
    pub kind: ArtefactKind,
    /// The published file, when it is published.
    pub url: Option<String>,
    /// The original file name, for a file renamed `.download`.
    pub download_name: Option<String>,
    /// The 800 px thumbnail (or the largest there is): a photo's `src`.
    pub thumb: Option<String>,
    /// `srcset` of every thumbnail (`<url> 320w, …`), and of the photo itself
    /// when it is narrower than the largest thumbnail width.
    pub srcset: Option<String>,
    /// Width in pixels of the image `thumb` is (of the photo itself when there
    /// is no thumbnail), upright after its EXIF orientation: with `height`,
    /// the `<img>`'s `width`/`height`, so the page does not shift as it loads.
    pub width: Option<u32>,
    /// Height in pixels, as `width`.
    pub height: Option<u32>,
    /// A video's poster image.
    pub poster: Option<String>,
    /// Alt text (the title).
    pub alt: String,
    /// Caption (the description).
    pub caption: Option<String>,
    /// `1.2 MB`.
    pub size: Option<String>,
    /// Sanitised teacher Markdown: a note's text, or the body of a file's
    /// sidecar (below its front matter).
    pub html: Option<String>,
    /// Why it shows a placeholder or a warning.
    pub problem: Option<Problem>,
    /// Indicator codes it proves.
    pub indicators: Vec<String>,
    /// A link artefact's address and player (`kind` is `link`); `url` is then the address.
    pub link: Option<LinkView>,
}

/// An indicator code and title (links, the missing list).
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorLink {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// Its page, when linked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One indicator of a portfolio (`indicator.html`'s `indicator`).
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorView {
    /// Code (`1.1`).
    pub code: String,
    /// Title.
    pub title: String,
    /// English title.
    pub title_en: String,
    /// Its page.
    pub url: String,
    /// `ok`, `missing` or `problem` (an error about its evidence).
    pub status: IndicatorStatus,
    /// Published evidence count.
    pub count: usize,
    /// Evidence kept off the site (`publish: false`).
    pub withheld: usize,
    /// The evidence.
    pub artefacts: Vec<ArtefactView>,
    /// Suggested evidence from the framework.
    pub suggestions: Vec<String>,
    /// The domain's title.
    pub domain_title: String,
}

/// A domain and its indicators.
#[derive(Debug, Clone, Serialize)]
pub struct DomainView {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// English title.
    pub title_en: String,
    /// Indicators.
    pub indicators: Vec<IndicatorView>,
}

/// One challenge issue (ประเด็นท้าทาย).
#[derive(Debug, Clone, Serialize)]
pub struct ChallengeView {
    /// Title.
    pub title: Option<String>,
    /// Sanitised HTML of `inspiration`.
    pub inspiration_html: Option<String>,
    /// Sanitised HTML of `method`.
    pub method_html: Option<String>,
    /// Quantitative targets.
    pub quantitative: Vec<String>,
    /// Qualitative targets.
    pub qualitative: Vec<String>,
    /// Evidence under `challenge/` (on the first issue).
    pub artefacts: Vec<ArtefactView>,
}

/// The framework a portfolio follows.
#[derive(Debug, Clone, Serialize)]
pub struct FrameworkRef {
    /// Id (`teacher`).
    pub id: String,
    /// Title.
    pub title: String,
    /// English title.
    pub title_en: String,
}

/// One teacher's portfolio (`portfolio.html`, and every page of it).
#[derive(Debug, Clone, Serialize)]
pub struct PortfolioView {
    /// Folder name.
    pub slug: String,
    /// Its page.
    pub url: String,
    /// The manifest's name, else the slug.
    pub name: String,
    /// Position (ตำแหน่ง).
    pub position: Option<String>,
    /// Standing (วิทยฐานะ).
    pub standing: Option<String>,
    /// School.
    pub school: Option<String>,
    /// Subject.
    pub subject: Option<String>,
    /// Fiscal year (BE).
    pub fiscal_year: Option<i64>,
    /// The framework, when known.
    pub framework: Option<FrameworkRef>,
    /// The level the position and standing are expected to reach.
    pub expected_level: Option<String>,
    /// The same, in English.
    pub expected_level_en: Option<String>,
    /// Domains and indicators with their evidence.
    pub domains: Vec<DomainView>,
    /// Challenge issues.
    pub challenges: Vec<ChallengeView>,
    /// The DPA package.
    pub dpa: Vec<ArtefactView>,
    /// Notes at the top of the folder.
    pub notes: Vec<ArtefactView>,
    /// Indicators without evidence (review audience only).
    pub missing: Vec<IndicatorLink>,
    /// Lint findings (review audience only).
    pub findings: Vec<Finding>,
    /// The review checklist (review audience only).
    pub checklist_url: Option<String>,
    /// The printed report (a manifest that parsed only).
    pub report_url: Option<String>,
}

impl PortfolioView {
    /// Every indicator, in framework order.
    pub fn indicators(&self) -> impl Iterator<Item = &IndicatorView> {
        self.domains.iter().flat_map(|d| &d.indicators)
    }
}

/// One row of the portfolio list (`portfolios.html`).
#[derive(Debug, Clone, Serialize)]
pub struct ListEntry {
    /// Folder name.
    pub slug: String,
    /// Its page.
    pub url: String,
    /// Name.
    pub name: String,
    /// Position.
    pub position: Option<String>,
    /// Standing.
    pub standing: Option<String>,
    /// School.
    pub school: Option<String>,
    /// Subject.
    pub subject: Option<String>,
    /// Framework title.
    pub framework_title: Option<String>,
    /// Expected level.
    pub expected_level: Option<String>,
    /// Indicators with evidence / all indicators.
    pub evidence: Coverage,
}

/// Indicators with evidence, of all.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Coverage {
    /// With evidence.
    pub have: usize,
    /// All.
    pub total: usize,
}

impl ListEntry {
    /// The list row of a portfolio.
    pub fn of(v: &PortfolioView) -> ListEntry {
        ListEntry {
            slug: v.slug.clone(),
            url: v.url.clone(),
            name: v.name.clone(),
            position: v.position.clone(),
            standing: v.standing.clone(),
            school: v.school.clone(),
            subject: v.subject.clone(),
            framework_title: v.framework.as_ref().map(|f| f.title.clone()),
            expected_level: v.expected_level.clone(),
            evidence: Coverage {
                have: v.indicators().filter(|i| i.count > 0).count(),
                total: v.indicators().count(),
            },
        }
    }
}

/// `/<base>portfolios/<slug>/`.
pub fn base(config: &Config, p: &Portfolio) -> String {
    slug::url(config, &format!("portfolios/{}/", p.slug))
}

pub(crate) fn human_size(n: u64) -> String {
    match n {
        n if n >= 1 << 30 => format!("{:.1} GB", n as f64 / (1u64 << 30) as f64),
        n if n >= 1 << 20 => format!("{:.1} MB", n as f64 / (1u64 << 20) as f64),
        n if n >= 1 << 10 => format!("{:.0} KB", n as f64 / 1024.0),
        n => format!("{n} B"),
    }
}

impl Inputs<'_> {
    /// The URL of a published file of `p` (its output name relative to the portfolio).
    fn file_url(&self, p: &Portfolio, out_rel: &str) -> String {
        format!("{}{}", base(self.config, p), slug::encode_path(out_rel))
    }

    /// Teacher Markdown is untrusted: no raw HTML, no script URLs (see
    /// [`crate::privacy::sanitize`]). Relative links are read from `base_dir`
    /// (the note's folder in the portfolio) and point at the published file,
    /// or are dropped when there is none (R006 says so).
    pub fn markdown(&self, p: &Portfolio, base_dir: &str, text: &str) -> String {
        self.markdown_pasted(p, base_dir, text, false)
    }

    /// [`Inputs::markdown`] of a text whose front matter says `paste: true`
    /// when `breaks` (every line break kept).
    fn markdown_pasted(&self, p: &Portfolio, base_dir: &str, text: &str, breaks: bool) -> String {
        let local = |dest: &str| -> Option<String> {
            let target = crate::privacy::sanitize::resolve_rel(base_dir, dest)?;
            let a = p.artefacts.iter().find(|a| a.rel == target)?;
            let publ = &a.publication;
            publ.published.then(|| self.file_url(p, &publ.out_rel))
        };
        crate::privacy::sanitize::teacher_markdown_pasted(text, breaks, &local)
    }

    /// The view of one artefact.
    pub fn artefact(&self, p: &Portfolio, a: &Artefact) -> ArtefactView {
        let side = a.sidecar.as_ref();
        let fw = crate::lint::framework_of(p.manifest.as_ref().ok(), self.frameworks);
        let title = super::titles::title(p, a, fw);
        let publ = &a.publication;
        // A HEIC photo is published as its JPEG: a photo like any other.
        let kind = match view_kind(a) {
            ArtefactKind::Heic if publ.published => ArtefactKind::Image,
            k => k,
        };
        let rel = &publ.out_rel;
        let download_name = (rel.ends_with(".download") && *rel != a.rel)
            .then(|| std::path::Path::new(&a.rel).file_name().map(|n| n.to_string_lossy().into_owned()))
            .flatten();
        let html = self.body_html(p, a);
        let linked = (a.kind == Kind::Link).then(|| link::of(a));
        let url = match &linked {
            Some(l) => l.as_ref().ok().map(|l| l.href.clone()),
            None => publ.published.then(|| self.file_url(p, rel)),
        };
        // Responsive sizes: the 800 px thumbnail as `src` when there is one.
        let thumb_url = |w: u32| self.file_url(p, &thumb_name(rel, w));
        let mut srcset: Vec<String> =
            publ.thumbs.iter().map(|(w, _)| format!("{} {w}w", thumb_url(*w))).collect();
        let largest = crate::assets::thumbs::WIDTHS[crate::assets::thumbs::WIDTHS.len() - 1];
        // A photo narrower than the largest thumbnail is its own sharpest candidate.
        if let (Some(u), Some((w, _))) = (&url, publ.upright) {
            if !srcset.is_empty() && w < largest {
                srcset.push(format!("{u} {w}w"));
            }
        }
        let mid = mid_thumb(&publ.thumbs);
        let (width, height) = match mid {
            Some((w, h)) => (Some(*w), Some(*h)),
            None => publ.upright.unzip(),
        };
        ArtefactView {
            id: format!("a-{}", &blake3::hash(a.rel.as_bytes()).to_hex()[..12]),
            alt: title.clone(),
            title,
            description: side.and_then(|s| s.description.clone()),
            caption: side.and_then(|s| s.description.clone()),
            date: side.and_then(|s| s.date.as_ref()).and_then(|d| d.parse().ok()),
            kind,
            url,
            download_name,
            thumb: mid.map(|(w, _)| thumb_url(*w)),
            srcset: (!srcset.is_empty()).then(|| srcset.join(", ")),
            width,
            height,
            poster: self.poster(p, a),
            size: a.size.map(human_size),
            html,
            problem: linked.as_ref().and_then(|l| l.as_ref().err().cloned()).or_else(|| problem(a, kind)),
            indicators: a.indicators.clone(),
            link: linked.and_then(Result::ok),
        }
    }

    /// A note's body, or a sidecar's (below its front matter), sanitised;
    /// `None` for a file without a sidecar body or withheld (`publish: false`).
    fn body_html(&self, p: &Portfolio, a: &Artefact) -> Option<String> {
        let note = a.kind == Kind::Markdown;
        let side = a.sidecar.as_ref();
        if !note && side.is_some_and(|s| s.publish == Some(false)) {
            return None;
        }
        let path = if note { &a.path } else { a.sidecar_path.as_ref()? };
        let text = p.text(&self.config.root, path).unwrap_or_default();
        let body = crate::content::front_matter::split(std::path::Path::new(path), &text)
            .map(|s| s.body.to_string())
            .unwrap_or_default();
        if !note && body.trim().is_empty() {
            return None;
        }
        let dir = a.rel.rsplit_once('/').map_or("", |(d, _)| d);
        let breaks = side.is_some_and(|s| s.paste);
        Some(self.markdown_pasted(p, dir, &body, breaks))
    }

    /// A video's poster: the 800 px thumbnail of its image (metadata-free; a
    /// poster is fetched with the page, so not the largest), else the image.
    fn poster(&self, p: &Portfolio, a: &Artefact) -> Option<String> {
        let img = (a.kind == Kind::Video).then(|| p.poster_of(a)).flatten()?;
        let publ = &img.publication;
        if !publ.published {
            return None;
        }
        Some(match mid_thumb(&publ.thumbs) {
            Some((w, _)) => self.file_url(p, &thumb_name(&publ.out_rel, *w)),
            None => self.file_url(p, &publ.out_rel),
        })
    }
}

/// The thumbnail shown in the page: the 800 px one, else the largest there is.
fn mid_thumb(thumbs: &[(u32, u32)]) -> Option<&(u32, u32)> {
    thumbs.iter().find(|(w, _)| *w == 800).or(thumbs.last())
}

impl Inputs<'_> {
    /// The view of one portfolio.
    pub fn portfolio(&self, p: &Portfolio) -> PortfolioView {
        let m = p.manifest.as_ref().ok();
        let fw: Option<&Framework> = crate::lint::framework_of(m, self.frameworks);
        let review = self.config.audience == Audience::Review;
        let url = base(self.config, p);
        let level = m.and_then(|m| fw.and_then(|f| f.level(m.position.as_deref()?, m.standing.as_deref())));
        let domains = fw.map(|f| self.domains(p, f, &url)).unwrap_or_default();
        let missing = domains
            .iter()
            .flat_map(|d| &d.indicators)
            .filter(|i| i.status == IndicatorStatus::Missing)
            .map(|i| IndicatorLink { code: i.code.clone(), title: i.title.clone(), url: None })
            .collect();
        PortfolioView {
            slug: p.slug.clone(),
            name: m.and_then(|m| m.name.clone()).unwrap_or_else(|| p.slug.clone()),
            position: m.and_then(|m| m.position.clone()),
            standing: m.and_then(|m| m.standing.clone()),
            school: m.and_then(|m| m.school.clone()),
            subject: m.and_then(|m| m.subject.clone()),
            fiscal_year: m.and_then(|m| m.fiscal_year),
            framework: fw.map(|f| FrameworkRef {
                id: f.id.clone(),
                title: f.title.clone(),
                title_en: f.title_en.clone(),
            }),
            expected_level: level.and_then(|l| l.level.clone()),
            expected_level_en: level.and_then(|l| l.level_en.clone()),
            domains,
            challenges: self.challenges(p),
            dpa: self.evidence(p, |a| a.in_dpa && a.kind != Kind::Markdown),
            notes: self.evidence(p, |a| a.kind == Kind::Markdown && !a.rel.contains('/')),
            missing: if review { missing } else { Vec::new() },
            findings: if review {
                self.report.findings.iter().filter(|f| f.portfolio == p.slug).cloned().collect()
            } else {
                Vec::new()
            },
            checklist_url: review.then(|| slug::url(self.config, &format!("review/{}/", p.slug))),
            // The printed report exists only for a manifest that parsed.
            report_url: m.map(|_| format!("{url}print/report/")),
            url,
        }
    }

    /// The published (not withheld) artefacts of `p` that `pred` selects.
    fn evidence(&self, p: &Portfolio, pred: impl Fn(&Artefact) -> bool) -> Vec<ArtefactView> {
        p.artefacts.iter().filter(|a| !withheld(a) && pred(a)).map(|a| self.artefact(p, a)).collect()
    }

    fn domains(&self, p: &Portfolio, f: &Framework, url: &str) -> Vec<DomainView> {
        let summary = self.report.summary.per_portfolio.iter().find(|s| s.slug == p.slug);
        let files_of =
            |a: &Artefact, code: &str| !a.in_dpa && !a.challenge && a.indicators.iter().any(|c| c == code);
        f.domains
            .iter()
            .map(|d| DomainView {
                code: d.code.clone(),
                title: d.title.clone(),
                title_en: d.title_en.clone(),
                indicators: d
                    .indicators
                    .iter()
                    .map(|i| {
                        let artefacts = self.evidence(p, |a| files_of(a, &i.code));
                        let status = summary.and_then(|s| s.indicators.get(&i.code).copied()).unwrap_or(
                            if artefacts.is_empty() { IndicatorStatus::Missing } else { IndicatorStatus::Ok },
                        );
                        IndicatorView {
                            code: i.code.clone(),
                            title: i.title.clone(),
                            title_en: i.title_en.clone(),
                            url: format!("{url}{}/", i.code),
                            status,
                            count: artefacts.len(),
                            withheld: p
                                .artefacts
                                .iter()
                                .filter(|a| withheld(a) && files_of(a, &i.code))
                                .count(),
                            artefacts,
                            suggestions: i.evidence.clone(),
                            domain_title: d.title.clone(),
                        }
                    })
                    .collect(),
            })
            .collect()
    }

    fn challenges(&self, p: &Portfolio) -> Vec<ChallengeView> {
        let Some(c) = p.manifest.as_ref().ok().and_then(|m| m.challenge.as_ref()) else { return Vec::new() };
        let mut out: Vec<ChallengeView> = c
            .list()
            .iter()
            .map(|c| ChallengeView {
                title: c.title.clone(),
                inspiration_html: c.inspiration.as_deref().map(|t| self.markdown(p, "", t)),
                method_html: c.method.as_deref().map(|t| self.markdown(p, "", t)),
                quantitative: c.outcomes.as_ref().map(|o| o.quantitative.clone()).unwrap_or_default(),
                qualitative: c.outcomes.as_ref().map(|o| o.qualitative.clone()).unwrap_or_default(),
                artefacts: Vec::new(),
            })
            .collect();
        if let Some(first) = out.first_mut() {
            first.artefacts = self.evidence(p, |a| a.challenge);
        }
        out
    }
}
