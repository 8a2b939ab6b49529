//! The content stage: walk `content/`, split front matter, and build the site
//! model of sections, pages and assets.
//!
//! Rules:
//! - a folder with `_index.md` is a section; `content/_index.md` is the home
//!   page (made up from the site title when absent);
//! - any other `.md` file is a page at `<folder>/<slug>/`; `index.md` makes
//!   its folder a page bundle at `<folder>/`;
//! - every other file is an asset, copied beside the output of its folder, so
//!   files next to a page travel with it;
//! - folder and file names become URL segments with [`slug::slugify`], which
//!   keeps Thai.
//!
//! `content/portfolios/` and `content/frameworks/` are data, read by their own
//! stages, and `content/site.yaml` is the config; the walk skips them.

pub mod code;
pub mod front_matter;
pub mod slug;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
pub use front_matter::FrontMatter;

/// Top-level folders of `content/` that hold data, not pages.
pub const DATA_DIRS: [&str; 2] = ["portfolios", "frameworks"];

/// What pages and sections share.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Source path relative to `content/`, with `/` separators.
    pub source: String,
    /// Parsed front matter.
    pub fm: FrontMatter,
    /// Title: front matter, else the first `# ` heading, else the file name.
    pub title: String,
    /// 1-based file line where the body starts.
    pub body_line: usize,
    /// The Markdown body, prepared once at load ([`crate::markup::paste::prepare`],
    /// with the front matter's `paste`): the build warnings, the heading
    /// pass and the render pass all read it.
    pub pasted: Arc<crate::markup::paste::Pasted>,
    /// Output folder relative to the output root, decoded, `/`-separated,
    /// ending in `/` (empty for the home page).
    pub path: String,
    /// The warning of reading the file, when it was not saved as UTF-8.
    pub decode_warning: Option<Diagnostic>,
}

/// A page: one Markdown file.
#[derive(Debug, Clone)]
pub struct Page {
    /// Shared fields.
    pub doc: Doc,
    /// Index of the section it belongs to (nearest ancestor with `_index.md`).
    pub section: usize,
}

/// A section: a folder with `_index.md`.
#[derive(Debug, Clone)]
pub struct Section {
    /// Shared fields (`doc.source` is the `_index.md` path).
    pub doc: Doc,
    /// Parent section; `None` for the root.
    pub parent: Option<usize>,
    /// Child pages, ordered by weight then title.
    pub pages: Vec<usize>,
    /// Child sections, ordered by weight then title.
    pub subsections: Vec<usize>,
}

/// A non-Markdown file copied to the output.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Source path relative to `content/`.
    pub source: String,
    /// Output path relative to the output root, decoded.
    pub output: String,
}

/// What a content path resolves to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A page index.
    Page(usize),
    /// A section index.
    Section(usize),
    /// An asset index.
    Asset(usize),
}

/// The whole content tree, parsed.
#[derive(Debug, Clone, Default)]
pub struct Site {
    /// Sections; index 0 is the root.
    pub sections: Vec<Section>,
    /// Pages.
    pub pages: Vec<Page>,
    /// Assets.
    pub assets: Vec<Asset>,
    /// Content-relative source path → what it is.
    pub by_source: HashMap<String, Target>,
    /// Files left out, with why (the build goes on).
    pub warnings: Vec<Diagnostic>,
}

impl Site {
    /// The doc behind a page or section target.
    pub fn doc(&self, t: Target) -> Option<&Doc> {
        match t {
            Target::Page(i) => Some(&self.pages[i].doc),
            Target::Section(i) => Some(&self.sections[i].doc),
            Target::Asset(_) => None,
        }
    }
}

fn rel_string(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Output folder of a content folder: each component slugified.
fn dir_out(dir: &Path) -> String {
    let mut out = String::new();
    for c in dir.components() {
        let s = slug::slugify(&c.as_os_str().to_string_lossy());
        out.push_str(&crate::privacy::mask::mask(&s).0);
        out.push('/');
    }
    out
}

fn title_fallback(body: &str, stem: &str) -> String {
    body.lines()
        .find_map(|l| l.strip_prefix("# "))
        .map(|t| t.trim().to_string())
        .unwrap_or_else(|| stem.to_string())
}

/// Parses one Markdown file into a [`Doc`] whose `path` is filled in later.
fn parse_doc(content_dir: &Path, rel: &Path) -> Result<Doc, Diagnostic> {
    let shown = Path::new("content").join(rel);
    let read = crate::fs::read_text(&content_dir.join(rel)).map_err(|e| Diagnostic::io(&shown, &e))?;
    let decode_warning = Diagnostic::of_encoding(&shown, &read);
    let text = read.text;
    let split = front_matter::split(&shown, &text)?;
    let fm = front_matter::parse(&shown, split.yaml)?;
    let stem = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let title = fm.title.clone().unwrap_or_else(|| title_fallback(split.body, &stem));
    let pasted = Arc::new(crate::markup::paste::prepare(split.body, fm.paste));
    Ok(Doc {
        source: rel_string(rel),
        title,
        body_line: split.body_line,
        pasted,
        fm,
        path: String::new(),
        decode_warning,
    })
}

/// `serve`'s fast path: the page at `rel` (relative to `content/`) parsed
/// again, its URL path kept (the caller checks its front matter is
/// unchanged, slug included). `None` when `rel` is not a page of `site`.
pub fn reparse_page(config: &Config, site: &Site, rel: &Path) -> Option<(usize, Result<Doc, Diagnostic>)> {
    let Target::Page(i) = *site.by_source.get(&rel_string(rel))? else { return None };
    let parsed = parse_doc(&config.content_dir, rel).map(|mut d| {
        d.path = site.pages[i].doc.path.clone();
        d
    });
    Some((i, parsed))
}

fn sort_key(doc: &Doc) -> (i64, String, String) {
    (doc.fm.weight.unwrap_or(i64::MAX), doc.title.clone(), doc.source.clone())
}

/// A file whose name is not UTF-8 cannot get a URL: it is skipped with a
/// warning naming it (lossily), and the rest builds.
fn not_utf8(rel: &Path) -> Diagnostic {
    Diagnostic::new(
        Path::new("content").join(rel),
        None,
        "ข้ามไฟล์นี้เพราะชื่อไฟล์ไม่ใช่ UTF-8 (แสดง � แทนอักขระที่อ่านไม่ได้) ให้เปลี่ยนชื่อไฟล์",
        "skipping this file: its name is not valid UTF-8 (� marks the unreadable bytes); rename the file",
    )
}

/// The files of `content/` (data folders and `site.yaml` left out).
#[derive(Default)]
struct Walk {
    md: Vec<PathBuf>,
    other: Vec<PathBuf>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

fn walk(content_dir: &Path) -> Walk {
    let mut w = Walk::default();
    let walker = walkdir::WalkDir::new(content_dir).sort_by_file_name().into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        if e.depth() == 0 {
            return true;
        }
        if name.starts_with('.') || name.ends_with('~') {
            return false;
        }
        !(e.depth() == 1
            && (DATA_DIRS.contains(&name.as_ref()) && e.file_type().is_dir()
                || name == crate::config::SITE_FILE))
    });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e.path().map(|p| p.to_path_buf()).unwrap_or_default();
                let why = e.io_error().map_or_else(|| e.to_string(), ToString::to_string);
                w.errors.push(Diagnostic::new(
                    p,
                    None,
                    "อ่านโฟลเดอร์ไม่ได้",
                    format!("cannot read folder: {why}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(content_dir).unwrap_or(entry.path()).to_path_buf();
        if rel.to_str().is_none() {
            w.warnings.push(not_utf8(&rel));
        } else if rel.extension().is_some_and(|e| e == "md") {
            w.md.push(rel);
        } else {
            w.other.push(rel);
        }
    }
    w
}

/// Walks `content/` and builds the [`Site`]. Collects every problem found.
pub fn load(config: &Config) -> Result<Site, Vec<Diagnostic>> {
    let content_dir = &config.content_dir;
    if !content_dir.is_dir() {
        return Err(vec![Diagnostic::new(
            "content",
            None,
            "ไม่พบโฟลเดอร์ content/ ในโฟลเดอร์เว็บไซต์ (ใช้ krufolio new site เพื่อสร้าง)",
            "no content/ folder in the site root (run `krufolio new site` to create one)",
        )]);
    }
    let Walk { md, other, mut errors, mut warnings } = walk(content_dir);
    let parsed: Vec<Result<Doc, Diagnostic>> = md.par_iter().map(|rel| parse_doc(content_dir, rel)).collect();
    let mut sections = Vec::new();
    let mut pages = Vec::new();
    for r in parsed {
        if let Ok(d) = &r {
            warnings.extend(d.decode_warning.clone());
        }
        match r {
            Ok(d) if d.fm.draft && !config.drafts => {}
            Ok(d) => {
                warnings.extend(paste_warnings(&d));
                let rel = PathBuf::from(&d.source);
                if rel.file_name().is_some_and(|n| n == "_index.md") {
                    sections.push((rel.parent().map(Path::to_path_buf).unwrap_or_default(), d));
                } else {
                    pages.push((rel, d));
                }
            }
            Err(e) => errors.push(e),
        }
    }
    let mut site = Site { warnings, ..Site::default() };
    let section_of_dir = place_sections(config, &mut site, sections);
    errors.extend(place_pages(&mut site, &section_of_dir, pages));
    place_assets(&mut site, other);
    sort_children(&mut site);
    errors.extend(collisions(&site));
    if errors.is_empty() {
        Ok(site)
    } else {
        Err(errors)
    }
}

/// The build warnings of a guide's body: what its pasted text held that
/// was not understood (see [`crate::markup::paste`]), with file lines.
fn paste_warnings(doc: &Doc) -> Vec<Diagnostic> {
    let shown = Path::new("content").join(&doc.source);
    doc.pasted
        .notes
        .iter()
        .map(|n| {
            let t = n.text();
            Diagnostic::new(&shown, Some(doc.body_line + n.line - 1), t.th, t.en)
        })
        .collect()
}

/// The section of the nearest folder at or above `dir` that has one (the root's at worst).
fn nearest_section(dir: &Path, map: &HashMap<PathBuf, usize>) -> usize {
    let mut d = Some(dir);
    while let Some(x) = d {
        if let Some(&i) = map.get(x) {
            return i;
        }
        d = x.parent();
    }
    0
}

/// Sections: root first (made up from the site title when absent), then by
/// path depth so parents precede children. Returns each section's folder.
fn place_sections(
    config: &Config,
    site: &mut Site,
    mut docs: Vec<(PathBuf, Doc)>,
) -> HashMap<PathBuf, usize> {
    let mut section_of_dir = HashMap::new();
    docs.sort_by_key(|(dir, _)| (dir.components().count(), dir.clone()));
    if docs.first().is_none_or(|(dir, _)| !dir.as_os_str().is_empty()) {
        let root = Doc {
            source: "_index.md".into(),
            fm: FrontMatter::default(),
            title: config.title.clone(),
            body_line: 1,
            pasted: Arc::default(),
            path: String::new(),
            decode_warning: None,
        };
        docs.insert(0, (PathBuf::new(), root));
    }
    for (dir, mut doc) in docs {
        doc.path = dir_out(&dir);
        let parent = (!dir.as_os_str().is_empty())
            .then(|| nearest_section(dir.parent().unwrap_or(Path::new("")), &section_of_dir));
        let idx = site.sections.len();
        section_of_dir.insert(dir, idx);
        site.by_source.insert(doc.source.clone(), Target::Section(idx));
        site.sections.push(Section { doc, parent, pages: Vec::new(), subsections: Vec::new() });
        if let Some(p) = parent {
            site.sections[p].subsections.push(idx);
        }
    }
    section_of_dir
}

/// Pages at `<folder>/<slug>/` (bundles at `<folder>/`), each in its nearest section.
fn place_pages(
    site: &mut Site,
    section_of_dir: &HashMap<PathBuf, usize>,
    docs: Vec<(PathBuf, Doc)>,
) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (rel, mut doc) in docs {
        let dir = rel.parent().map(Path::to_path_buf).unwrap_or_default();
        let is_bundle = rel.file_name().is_some_and(|n| n == "index.md");
        let (path, section_dir) = if is_bundle {
            (dir_out(&dir), dir.parent().map(Path::to_path_buf).unwrap_or_default())
        } else {
            let stem = rel.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let mut slug = slug::slugify(doc.fm.slug.as_deref().unwrap_or(&stem));
            if slug.chars().all(|c| c == '.') {
                // "", "." or "..": the page would land on its section's index or outside the output.
                errors.push(bad_slug(&rel, &doc, &stem));
                slug = format!("page-{idx}", idx = site.pages.len());
            }
            (format!("{}{}/", dir_out(&dir), crate::privacy::mask::mask(&slug).0), dir.clone())
        };
        doc.path = path;
        let section = nearest_section(&section_dir, section_of_dir);
        let idx = site.pages.len();
        site.by_source.insert(doc.source.clone(), Target::Page(idx));
        site.sections[section].pages.push(idx);
        site.pages.push(Page { doc, section });
    }
    errors
}

fn bad_slug(rel: &Path, doc: &Doc, stem: &str) -> Diagnostic {
    let given = doc.fm.slug.as_deref().unwrap_or("");
    Diagnostic::new(
        Path::new("content").join(rel),
        doc.fm.slug_line,
        format!(
            "slug {given:?} ใช้ไม่ได้ (ว่างหรือมีแต่จุด) ให้ใช้ชื่อที่มีตัวอักษร เช่น slug: {}",
            slug::slugify(stem).trim_matches('.')
        ),
        format!("slug {given:?} cannot be used (empty or only dots); use a name with letters"),
    )
}

/// Every other file is copied beside the output of its folder.
fn place_assets(site: &mut Site, files: Vec<PathBuf>) {
    for rel in files {
        let dir = rel.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = rel.file_name().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let idx = site.assets.len();
        let source = rel_string(&rel);
        site.by_source.insert(source.clone(), Target::Asset(idx));
        // Output names are published: personal numbers in them are masked
        // (links resolve through this model, so they follow).
        let mut name = crate::privacy::mask::mask(&name).0.into_owned();
        // A HEIC photo is published as its JPEG (`assets::clean`): under a
        // JPEG name, which browsers show.
        let ext = rel.extension().map(|e| e.to_string_lossy().to_ascii_lowercase());
        if matches!(ext.as_deref(), Some("heic" | "heif" | "hif")) {
            name = crate::privacy::active::with_suffix(&name, ".jpg");
        }
        site.assets.push(Asset { source, output: format!("{}{}", dir_out(&dir), name) });
    }
}

/// Orders children by weight, then title.
fn sort_children(site: &mut Site) {
    let keys_p: Vec<_> = site.pages.iter().map(|p| sort_key(&p.doc)).collect();
    let keys_s: Vec<_> = site.sections.iter().map(|s| sort_key(&s.doc)).collect();
    for s in &mut site.sections {
        s.pages.sort_by(|a, b| keys_p[*a].cmp(&keys_p[*b]));
        s.subsections.sort_by(|a, b| keys_s[*a].cmp(&keys_s[*b]));
    }
}

/// Two sources must not claim one output path.
fn collisions(site: &Site) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    let mut owners: HashMap<String, &str> = HashMap::new();
    let outputs = site
        .pages
        .iter()
        .map(|p| (format!("{}index.html", p.doc.path), p.doc.source.as_str()))
        .chain(site.sections.iter().map(|s| (format!("{}index.html", s.doc.path), s.doc.source.as_str())))
        .chain(site.assets.iter().map(|a| (a.output.clone(), a.source.as_str())));
    for (out, src) in outputs {
        if let Some(prev) = owners.insert(out.clone(), src) {
            errors.push(Diagnostic::new(
                Path::new("content").join(src),
                None,
                format!("ไฟล์นี้กับ content/{prev} ได้ที่อยู่ผลลัพธ์เดียวกัน ({out}) ให้เปลี่ยนชื่อไฟล์หรือกำหนด slug"),
                format!("this file and content/{prev} both produce {out}; rename one or set `slug`"),
            ));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dir_out_keeps_thai() {
        assert_eq!(dir_out(Path::new("คู่มือ ครู/บท 1")), "คู่มือ-ครู/บท-1/");
        assert_eq!(dir_out(Path::new("")), "");
    }

    #[test]
    fn title_falls_back_to_heading_then_stem() {
        assert_eq!(title_fallback("intro\n# หัวข้อหลัก\n", "x"), "หัวข้อหลัก");
        assert_eq!(title_fallback("no heading", "ไฟล์"), "ไฟล์");
    }
}
