//! Reading portfolio folders (`content/portfolios/<slug>/`) into the
//! [`crate::portfolio`] model: the manifest, evidence folders, artefacts with
//! their sidecars, published texts, and (optionally) media probes.
//!
//! Nothing here fails a whole run: an unreadable file becomes a load error of
//! its portfolio, which the linter reports.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::assets::probe_cache::ProbeCache;
use crate::privacy::withhold::{self, Reason, Withheld};

use super::link;
use super::manifest::{parse_manifest, parse_sidecar, without_private};
use super::model::{normalize_code, Artefact, DpaRole, EvidenceFolder, Kind, LinkSource, Portfolio, Sidecar};
use crate::diagnostic::Diagnostic;

/// The portfolios folder inside `content/`.
pub const DIR: &str = "portfolios";

/// Folder names a portfolio cannot have: they are pages of the site
/// (`/portfolios/print/` lists the printable documents).
pub const RESERVED: &[&str] = &["print", "index.html"];

/// Can a portfolio with this folder name be published? Reserved names and
/// names that are not one clean URL segment cannot.
pub fn publishable_slug(slug: &str) -> bool {
    !RESERVED.contains(&slug.to_lowercase().as_str())
        && !slug.is_empty()
        && !slug.chars().all(|c| c == '.')
        && !slug.contains(['/', '\\', '\0'])
}

/// Slugs (folder names) of every portfolio, sorted.
pub fn slugs(content_dir: &Path) -> Vec<String> {
    let dir = content_dir.join(DIR);
    let mut out: Vec<String> = std::fs::read_dir(&dir)
        .map(|r| {
            r.filter_map(Result::ok)
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.'))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Loads the named portfolios (all when `only` is empty), in parallel.
/// With `probe`, media files are probed through that cache; the caller saves it.
pub fn load_all(
    root: &Path,
    content_dir: &Path,
    only: &[String],
    probe: Option<&ProbeCache>,
) -> Vec<Portfolio> {
    load_each(root, content_dir, only, probe, |p| p)
}

/// [`load_all`], each portfolio mapped by `each` as soon as it is read.
fn load_each<T: Send>(
    root: &Path,
    content_dir: &Path,
    only: &[String],
    probe: Option<&ProbeCache>,
    each: impl Fn(Portfolio) -> T + Sync,
) -> Vec<T> {
    let slugs: Vec<String> = if only.is_empty() { slugs(content_dir) } else { only.to_vec() };
    slugs
        .par_iter()
        .map(|s| {
            let dir = content_dir.join(DIR).join(s);
            // Last line of defence: a bug met in one folder is that folder's
            // finding, never the end of a district's build.
            let p = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load(root, &dir, probe)))
                .unwrap_or_else(|_| crashed(root, &dir));
            each(p)
        })
        .collect()
}

/// The portfolio of a folder whose reading panicked: nothing but the error.
fn crashed(root: &Path, dir: &Path) -> Portfolio {
    let shown = rel(root, dir);
    Portfolio {
        slug: dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
        dir: shown.clone(),
        manifest_text: None,
        manifest_value: None,
        manifest: Err(Diagnostic::new(
            &shown,
            None,
            "krufolio ขัดข้องระหว่างอ่านโฟลเดอร์นี้",
            "internal error while reading this folder",
        )),
        folders: Vec::new(),
        artefacts: Vec::new(),
        texts: Vec::new(),
        on_disk: Vec::new(),
        load_errors: vec![Diagnostic::new(
            &shown,
            None,
            "krufolio ขัดข้องระหว่างอ่านโฟลเดอร์นี้ (ข้อบกพร่องของโปรแกรม) แฟ้มอื่นยังสร้างได้ตามปกติ โปรดแจ้งผู้พัฒนาพร้อมไฟล์ในโฟลเดอร์นี้",
            "krufolio failed while reading this folder (a bug); the other portfolios are built as usual. Please report it with this folder's files",
        )],
        load_warnings: Vec::new(),
        withheld: Vec::new(),
        reviews: Vec::new(),
    }
}

/// Loads the portfolios with media probing through the site's probe cache,
/// and saves the cache (best effort). Returns the portfolios and (files
/// probed, probes taken from the cache).
pub fn load_probed(root: &Path, content_dir: &Path, only: &[String]) -> (Vec<Portfolio>, (usize, usize)) {
    load_probed_each(root, content_dir, only, |p| p)
}

/// [`load_probed`], each portfolio handed to `each` as soon as it is read
/// (in parallel, in no order; the results come back in folder order): the
/// build lints each one there and drops its texts, so that the texts of a
/// district's 2,000 portfolios are never all in memory at once.
pub fn load_probed_each<T: Send>(
    root: &Path,
    content_dir: &Path,
    only: &[String],
    each: impl Fn(Portfolio) -> T + Sync,
) -> (Vec<T>, (usize, usize)) {
    let cache = ProbeCache::open(root);
    let (dirs, out): (Vec<String>, Vec<T>) =
        load_each(root, content_dir, only, Some(&cache), |p| (p.dir.clone(), each(p))).into_iter().unzip();
    let counts = cache.counts();
    if let Err(e) = cache.save(&dirs) {
        eprintln!("warning: บันทึกแคชการตรวจไฟล์สื่อไม่ได้ / cannot save the media probe cache: {e}");
    }
    (out, counts)
}

fn rel(root: &Path, p: &Path) -> String {
    slashes(&p.strip_prefix(root).unwrap_or(p).to_string_lossy())
}

/// A path with `/` separators. Only Windows separates with `\`; elsewhere a
/// `\` is part of a file name (and published as `-`, see `render`).
fn slashes(p: &str) -> String {
    if cfg!(windows) {
        p.replace('\\', "/")
    } else {
        p.to_string()
    }
}

/// What reading one folder collects besides its artefacts.
struct Reader<'a> {
    root: &'a Path,
    dir: &'a Path,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    texts: Vec<(String, String)>,
    withheld: Vec<Withheld>,
}

/// Loads one portfolio folder. With `probe`, images are decoded, video
/// containers read and PDF pages counted (or the results taken from the cache).
pub fn load(root: &Path, dir: &Path, probe: Option<&ProbeCache>) -> Portfolio {
    let slug = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Fault injection for the tests of the panic boundary in `load_all`.
    if std::env::var("KRUFOLIO_FAULT").is_ok_and(|v| v == format!("panic-in-portfolio:{slug}")) {
        panic!("KRUFOLIO_FAULT: injected panic in portfolio {slug}");
    }
    let mut r = Reader {
        root,
        dir,
        errors: Vec::new(),
        warnings: Vec::new(),
        texts: Vec::new(),
        withheld: Vec::new(),
    };
    if !publishable_slug(&slug) {
        r.errors.push(Diagnostic::new(
            rel(root, dir),
            None,
            format!("ชื่อโฟลเดอร์ {slug} สงวนไว้สำหรับหน้าอื่นของเว็บไซต์ จึงไม่เผยแพร่แฟ้มนี้ ให้เปลี่ยนชื่อโฟลเดอร์ (เช่น kru-{slug})"),
            format!("the folder name {slug} is reserved for another page of the site, so this portfolio is not published; rename the folder (e.g. kru-{slug})"),
        ));
    }
    let (manifest_text, manifest_value, manifest) = r.manifest();
    let (files, mut folders) = r.walk();
    let mut artefacts = r.artefacts(&files, &mut folders);
    match probe {
        Some(cache) => probe_all(root, &mut artefacts, cache),
        // Sizes are read with the probe only (a note's was learnt by reading it).
        None => artefacts.iter_mut().for_each(|a| a.size = None),
    }
    let reviews = crate::review::load::for_slug(root, &slug);
    Portfolio {
        slug,
        dir: rel(root, dir),
        manifest_text,
        manifest_value,
        manifest,
        folders,
        artefacts,
        texts: r.texts,
        on_disk: Vec::new(),
        load_errors: r.errors,
        load_warnings: r.warnings,
        withheld: r.withheld,
        reviews,
    }
}

/// Probes every artefact's media (and reads its size, unless the file was
/// read whole while loading and is not probed), in parallel.
fn probe_all(root: &Path, artefacts: &mut [Artefact], cache: &ProbeCache) {
    artefacts.par_iter_mut().for_each(|a| {
        let ext =
            Path::new(&a.path).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let probed = crate::assets::media::probes(&ext);
        if a.size.is_some() && !probed {
            return;
        }
        let full = root.join(&a.path);
        let meta = std::fs::metadata(&full).ok();
        a.size = meta.as_ref().map(|m| m.len());
        if probed {
            a.media = Some(match &meta {
                Some(m) => cache.probe(&a.path, &full, &ext, m),
                None => crate::assets::media::probe(&full, &ext),
            });
        }
    });
}

type ManifestParts = (Option<String>, Option<crate::yaml::Value>, super::model::ManifestResult);

impl Reader<'_> {
    /// Reads and parses `portfolio.yaml`.
    fn manifest(&mut self) -> ManifestParts {
        let file = self.dir.join("portfolio.yaml");
        let shown = rel(self.root, &file);
        if !file.is_file() {
            let missing = Diagnostic::new(&shown, None, "ไม่มี portfolio.yaml", "no portfolio.yaml");
            return (None, None, Err(missing));
        }
        let text = match crate::fs::read_text(&file) {
            Ok(t) => {
                self.warnings.extend(Diagnostic::of_encoding(&shown, &t));
                t.text
            }
            Err(e) => {
                let d = Diagnostic::io(&shown, &e);
                self.errors.push(d.clone());
                return (None, None, Err(d));
            }
        };
        self.texts.push((shown.clone(), without_private(&text)));
        let (value, mut manifest, blanked) = parse_manifest(Path::new(&shown), &text);
        for key in blanked {
            let path: Vec<&str> = key.split('.').collect();
            self.withheld.push(Withheld {
                path: shown.clone(),
                line: crate::yaml::line_of_key(&text, &path),
                reason: Reason::PrivateValue { key },
            });
        }
        if let Ok(m) = &manifest {
            self.errors.extend(super::private::date_problems(&shown, &text, m));
        }
        if let Ok(m) = &mut manifest {
            // Text copied from PDFs often spells sara am (ำ) as nikhahit + sara aa (ํา).
            for field in [&mut m.position, &mut m.standing] {
                if let Some(v) = field.as_mut() {
                    *v = v.replace("\u{0E4D}\u{0E32}", "\u{0E33}").trim().to_string();
                }
            }
        }
        (Some(text), value, manifest)
    }

    /// Every file, sorted, hidden ones skipped; the evidence folders.
    fn walk(&mut self) -> (Vec<PathBuf>, Vec<EvidenceFolder>) {
        let (root, dir) = (self.root, self.dir);
        let mut files: Vec<PathBuf> = Vec::new();
        let mut folders: Vec<EvidenceFolder> = Vec::new();
        // Names that are not UTF-8 (from an old Windows zip) cannot be URLs: skipped, and said so.
        let not_utf8 = std::cell::RefCell::new(Vec::new());
        let walk =
            walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name().into_iter().filter_entry(|e| {
                if e.file_name().to_str().is_none() {
                    not_utf8.borrow_mut().push(rel(root, e.path()));
                    return false;
                }
                let n = e.file_name().to_string_lossy();
                !n.starts_with('.') && !n.ends_with('~')
            });
        for entry in walk {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let at = e.path().map_or_else(|| rel(root, dir), |p| rel(root, p));
                    self.errors.push(Diagnostic::new(
                        at,
                        None,
                        "อ่านโฟลเดอร์ไม่ได้",
                        format!(
                            "cannot read folder: {}",
                            e.io_error().map_or_else(|| e.to_string(), |io| io.to_string())
                        ),
                    ));
                    continue;
                }
            };
            if entry.file_type().is_dir() && entry.depth() == 1 {
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some(code) = normalize_code(&name) {
                    folders.push(EvidenceFolder { path: rel(root, entry.path()), name, code, files: 0 });
                }
            } else if entry.file_type().is_file() {
                files.push(entry.path().to_path_buf());
            }
        }
        for shown in not_utf8.into_inner() {
            self.errors.push(Diagnostic::new(
                shown,
                None,
                "ชื่อไฟล์หรือโฟลเดอร์นี้ไม่ใช่ UTF-8 (แสดง � แทนอักขระที่อ่านไม่ได้) จึงไม่เผยแพร่ ให้เปลี่ยนชื่อ",
                "this file or folder name is not valid UTF-8 (� marks the unreadable bytes) and is not published; rename it",
            ));
        }
        (files, folders)
    }

    /// The artefacts among `files` (sidecars, READMEs, the manifest and
    /// withheld files are not), counting each evidence folder's files.
    fn artefacts(&mut self, files: &[PathBuf], folders: &mut [EvidenceFolder]) -> Vec<Artefact> {
        let all: HashSet<&Path> = files.iter().map(PathBuf::as_path).collect();
        let replaced = replaced_by_fixed(files);
        // Sidecars: `<stem>.md` beside a file with the same stem (a fixed copy's stem
        // is its original's).
        let stems_with_data: HashSet<PathBuf> = files
            .iter()
            .filter(|p| p.extension().is_none_or(|e| e != "md"))
            .map(|p| logical(p).with_extension(""))
            .collect();
        let mut out = Vec::new();
        for path in files {
            let is_sidecar = path.extension().is_some_and(|e| e == "md")
                && stems_with_data.contains(&path.with_extension(""));
            if !is_sidecar && !replaced.contains(path.as_path()) {
                out.extend(self.artefact(path, &all, folders));
            }
        }
        out
    }

    /// One file: an artefact, or `None` for the manifest, a README or a withheld file.
    fn artefact(
        &mut self,
        path: &Path,
        all: &HashSet<&Path>,
        folders: &mut [EvidenceFolder],
    ) -> Option<Artefact> {
        let root = self.root;
        // A fixed copy (`a.fixed.mp4`) is read under its original's name (`a.mp4`).
        let real = path;
        let logical = logical(path);
        let path = logical.as_path();
        let rel_in = path.strip_prefix(self.dir).unwrap_or(path);
        let top = rel_in
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        let at_top = rel_in.components().count() == 1;
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if at_top && file_name == "portfolio.yaml" {
            return None;
        }
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let mut kind = Kind::from_extension(&ext);
        // A Markdown file is read once: its text is checked here and parsed below.
        let (text, mut note, size) = first_read(kind, real);
        // Manifest copies and files with a `private:` block are never published.
        if let Some(reason) = withhold::file_reason(&file_name, text.as_deref()) {
            self.withheld.push(Withheld { path: rel(root, real), line: None, reason });
            return None;
        }
        let mut read_text = |file: &Path| note.take().unwrap_or_else(|| crate::fs::read_text(file));
        // READMEs are guidance (krufolio writes one per evidence folder), not evidence.
        if file_name.eq_ignore_ascii_case("README.md") {
            match read_text(real) {
                Ok(t) => {
                    self.warnings.extend(Diagnostic::of_encoding(rel(root, real), &t));
                    self.texts.push((rel(root, real), t.text));
                }
                Err(e) => self.errors.push(Diagnostic::io(rel(root, real), &e)),
            }
            return None;
        }
        // The sidecar: same stem, .md, same folder; a note's own front
        // matter works like one (title, date, indicators).
        let sidecar_file =
            if kind == Kind::Markdown { real.to_path_buf() } else { path.with_extension("md") };
        let (sidecar, sidecar_path) = if kind == Kind::Markdown || all.contains(sidecar_file.as_path()) {
            let shown = rel(root, &sidecar_file);
            let read = read_text(&sidecar_file);
            let (s, text) = parse_sidecar(read, shown.clone(), &mut self.errors, &mut self.warnings);
            self.texts.push((shown.clone(), text));
            (Some(s), Some(shown))
        } else {
            (None, None)
        };
        let link = self.link_of(path, &mut kind, sidecar.as_ref(), text);
        let folder_code = if at_top { None } else { normalize_code(&top) };
        let (indicators, bad_codes) = codes(sidecar.as_ref(), folder_code.as_ref());
        if let Some(f) =
            folders.iter_mut().find(|f| Some(&f.code) == folder_code.as_ref() && rel_in.starts_with(&f.name))
        {
            f.files += 1;
        }
        let in_dpa = top == "dpa" && !at_top;
        let dpa = in_dpa.then(|| dpa_role(rel_in, sidecar.as_ref(), path)).flatten();
        Some(Artefact {
            path: rel(root, real),
            rel: slashes(&rel_in.to_string_lossy()),
            kind,
            size,
            indicators,
            bad_codes,
            sidecar,
            sidecar_path,
            challenge: top == "challenge" && !at_top,
            dpa,
            in_dpa,
            media: None,
            link,
            publication: Default::default(),
        })
    }

    /// A link artefact's address: a `.url`/`.webloc` shortcut's (its text is
    /// published-text to scan, like a note's), or a Markdown file's `url:`
    /// (which makes it a [`Kind::Link`]).
    fn link_of(
        &mut self,
        path: &Path,
        kind: &mut Kind,
        sidecar: Option<&Sidecar>,
        text: Option<String>,
    ) -> Option<LinkSource> {
        match *kind {
            Kind::Link => {
                let is_webloc = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("webloc"));
                // A binary property list is not text: its address is the text to scan.
                let binary = (is_webloc && text.is_none())
                    .then(|| std::fs::read(self.root.join(path)).ok())
                    .flatten()
                    .and_then(|b| link::from_binary_webloc(&b));
                let text = text.or_else(|| binary.clone()).unwrap_or_default();
                let found = match binary {
                    Some(url) => Some((url, 1)),
                    None if is_webloc => link::from_webloc(&text),
                    None => link::from_url_file(&text),
                };
                self.texts.push((rel(self.root, path), text));
                Some(LinkSource { url: found.as_ref().map(|f| f.0.clone()), line: found.map(|f| f.1) })
            }
            Kind::Markdown => {
                let url = sidecar.and_then(|s| s.url.clone())?;
                *kind = Kind::Link;
                let shown = rel(self.root, path);
                let line = self.texts.iter().rev().find(|(p, _)| *p == shown).and_then(|(_, t)| {
                    t.lines().position(|l| l.trim_start().starts_with("url:")).map(|i| i + 1)
                });
                Some(LinkSource { url: Some(url), line })
            }
            _ => {
                // A file's own sidecar cannot also be a link: say so, never drop it silently.
                if sidecar.is_some_and(|s| s.url.is_some()) {
                    self.warnings.push(Diagnostic::new(
                        rel(self.root, &path.with_extension("md")),
                        None,
                        "ไม่ได้ใช้ url: ในไฟล์ประกอบนี้ เพราะเป็นไฟล์ประกอบของไฟล์หลักฐานชื่อเดียวกัน ถ้าต้องการส่งลิงก์เป็นหลักฐาน ให้ย้าย url: ไปไว้ในไฟล์ .md อีกไฟล์ที่ชื่อไม่ซ้ำกับไฟล์ใด",
                        "url: in this sidecar is not used: it describes the evidence file with the same name; to file a link as evidence, put url: in a .md file of its own whose name matches no other file",
                    ));
                }
                None
            }
        }
    }
}

/// What an artefact's file is read as before anything else: its small text
/// (for the withholding checks) and, for a note, the whole read and its size.
type FirstRead = (Option<String>, Option<Result<crate::fs::Text, crate::fs::FsError>>, Option<u64>);

fn first_read(kind: Kind, real: &Path) -> FirstRead {
    match kind {
        Kind::Markdown => {
            let (text, read, size) = read_note(real);
            (text, Some(read), size)
        }
        Kind::Other | Kind::Link => (withhold::small_text(real), None, None),
        _ => (None, None, None),
    }
}

/// A note (Markdown) read once: its text as [`withhold::small_text`] reads it
/// (`None` unless small UTF-8), as [`crate::fs::read_text`] decodes it, and its size.
fn read_note(path: &Path) -> (Option<String>, Result<crate::fs::Text, crate::fs::FsError>, Option<u64>) {
    let bytes = match crate::fs::read(path) {
        Ok(b) => b,
        Err(e) => return (None, Err(e), None),
    };
    let size = Some(bytes.len() as u64);
    match String::from_utf8(bytes) {
        Ok(t) => (withhold::is_small_text(&t).then(|| t.clone()), Ok(crate::fs::utf8_text(t)), size),
        Err(e) => (None, crate::fs::text_of(path, e.into_bytes()), size),
    }
}

/// The name a file is read under: a fixed copy's original name (`a.fixed.mp4` → `a.mp4`,
/// see [`crate::assets::convert`]), else its own.
fn logical(path: &Path) -> PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).and_then(crate::assets::convert::unfixed_name);
    name.map_or_else(|| path.to_path_buf(), |n| path.with_file_name(n))
}

/// The files a fixed copy beside them stands in for ([`crate::assets::convert::replaces`]).
fn replaced_by_fixed(files: &[PathBuf]) -> HashSet<&Path> {
    let name = |p: &Path| p.file_name().and_then(|n| n.to_str()).map(str::to_owned).unwrap_or_default();
    let fixed: Vec<&PathBuf> =
        files.iter().filter(|p| name(p).contains(crate::assets::convert::MARK)).collect();
    let mut out = HashSet::new();
    for f in fixed {
        let fname = name(f);
        for o in files.iter().filter(|o| o.parent() == f.parent()) {
            if crate::assets::convert::replaces(&fname, &name(o)) {
                out.insert(o.as_path());
            }
        }
    }
    out
}

/// The indicator codes of an artefact (its sidecar's, else its folder's),
/// and the codes as written that do not normalise.
fn codes(sidecar: Option<&Sidecar>, folder_code: Option<&String>) -> (Vec<String>, Vec<String>) {
    let mut indicators = Vec::new();
    let mut bad = Vec::new();
    match sidecar.filter(|s| !s.indicators.is_empty()) {
        Some(s) => {
            for c in &s.indicators {
                match normalize_code(c) {
                    Some(n) => indicators.push(n),
                    None => bad.push(c.clone()),
                }
            }
        }
        None => indicators.extend(folder_code.cloned()),
    }
    (indicators, bad)
}

/// The DPA role of a file under `dpa/`: `dpa/outcomes/` files are outcomes;
/// else the sidecar's `kind:`, else the file stem.
fn dpa_role(rel_in: &Path, sidecar: Option<&Sidecar>, path: &Path) -> Option<DpaRole> {
    if rel_in.components().nth(1).is_some_and(|c| c.as_os_str() == "outcomes") {
        return Some(DpaRole::Outcome);
    }
    sidecar
        .and_then(|s| s.kind.as_ref())
        .and_then(super::model::SidecarKind::dpa_role)
        .or_else(|| path.file_stem().and_then(|s| DpaRole::from_name(&s.to_string_lossy())))
}
