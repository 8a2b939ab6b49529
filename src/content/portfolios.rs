//! Reading portfolio folders (`content/portfolios/<slug>/`) into the
//! [`crate::portfolio`] model: the manifest, evidence folders, artefacts with
//! their sidecars, published texts, and (optionally) media probes.
//!
//! Nothing here fails a whole run: an unreadable file becomes a load error of
//! its portfolio, which the linter reports.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::assets::probe_cache::ProbeCache;
use crate::privacy::withhold::{self, Reason, Withheld};

use crate::portfolio::{
    normalize_code, Artefact, DpaRole, EvidenceFolder, Kind, Manifest, ManifestResult, Portfolio, Sidecar,
};

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
    let slugs: Vec<String> = if only.is_empty() { slugs(content_dir) } else { only.to_vec() };
    slugs
        .par_iter()
        .map(|s| {
            let dir = content_dir.join(DIR).join(s);
            // Last line of defence: a bug met in one folder is that folder's
            // finding, never the end of a district's build.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load(root, &dir, probe)))
                .unwrap_or_else(|_| crashed(root, &dir))
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
        manifest: Err(("internal error while reading this folder".into(), None)),
        folders: Vec::new(),
        artefacts: Vec::new(),
        texts: Vec::new(),
        load_errors: vec![(
            shown,
            None,
            "krufolio ขัดข้องระหว่างอ่านโฟลเดอร์นี้ (ข้อบกพร่องของโปรแกรม) แฟ้มอื่นยังสร้างได้ตามปกติ โปรดแจ้งผู้พัฒนาพร้อมไฟล์ในโฟลเดอร์นี้".into(),
            "krufolio failed while reading this folder (a bug); the other portfolios are built as usual. Please report it with this folder's files".into(),
        )],
        withheld: Vec::new(),
    }
}

/// Loads the portfolios with media probing through the site's probe cache,
/// and saves the cache (best effort). Returns the portfolios and (files
/// probed, probes taken from the cache).
pub fn load_probed(root: &Path, content_dir: &Path, only: &[String]) -> (Vec<Portfolio>, (usize, usize)) {
    let cache = ProbeCache::open(root);
    let portfolios = load_all(root, content_dir, only, Some(&cache));
    let dirs: Vec<String> = portfolios.iter().map(|p| p.dir.clone()).collect();
    if let Err(e) = cache.save(&dirs) {
        eprintln!("warning: บันทึกแคชการตรวจไฟล์สื่อไม่ได้ / cannot save the media probe cache: {e}");
    }
    (portfolios, cache.counts())
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

/// Blanks the `private:` block (keeping lines) so it is never scanned as
/// published text.
fn without_private(yaml: &str) -> String {
    let mut out = String::with_capacity(yaml.len());
    let mut in_private = false;
    for line in yaml.lines() {
        let top = !line.starts_with([' ', '\t', '#']) && !line.trim().is_empty();
        if top {
            in_private = line.starts_with("private:");
        }
        if !in_private {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Parses `portfolio.yaml` once into a YAML value (with published values
/// equal to private ones blanked, and their keys returned) (kept for the unknown-key
/// check) and the typed manifest. Errors carry the line when YAML knows it.
pub fn parse_manifest(text: &str) -> (Option<crate::yaml::Value>, ManifestResult, Vec<String>) {
    if text.trim().is_empty() {
        return (None, Ok(Manifest::default()), Vec::new());
    }
    let located = |e: crate::yaml::Error| {
        let mut line = crate::yaml::error_line(&e);
        let mut msg = crate::yaml::message(&e);
        // The parser points at the mapping; the user needs the second copy.
        if let Some(key) =
            msg.strip_prefix("duplicate entry with key ").map(|k| k.trim_matches('"').to_string())
        {
            if let Some(l) = crate::yaml::duplicate_key_line(text, &key) {
                line = Some(l);
                msg = format!("duplicate key `{key}` (also on an earlier line): keep one");
            }
        }
        (msg, line)
    };
    let mut value: crate::yaml::Value = match crate::yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => return (None, Err(located(e)), Vec::new()),
    };
    // Aliases are resolved by now: a published value equal to a private one
    // (`school: *nid`) is blanked before anything reads the manifest.
    let blanked = crate::privacy::withhold::blank_private_copies(&mut value);
    match crate::yaml::from_value::<Manifest>(value.clone()) {
        Ok(m) => (Some(value), Ok(m), blanked),
        // A type error: parse the text again only to learn its line. The text
        // may parse where the value did not (`name: 12345` is a string to
        // `from_str`, a number to `from_value`): then keep the value's error.
        Err(e) => {
            let err = crate::yaml::from_str::<Manifest>(text).err().unwrap_or(e);
            (Some(value), Err(located(err)), blanked)
        }
    }
}

/// Added to the message of a sidecar that cannot be read.
const UNTIL_FIXED: (&str, &str) = (
    " (ไฟล์หลักฐานนี้จะไม่เผยแพร่จนกว่าจะแก้ไฟล์ประกอบ)",
    " (the evidence file is not published until the sidecar is fixed)",
);

fn parse_sidecar(
    root: &Path,
    path: &Path,
    errors: &mut Vec<(String, Option<usize>, String, String)>,
) -> (Sidecar, String) {
    let shown = rel(root, path);
    let text = match crate::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            errors.push((shown, None, "อ่านไฟล์ไม่ได้".into(), e.to_string()));
            return (Sidecar::default(), String::new());
        }
    };
    // A sidecar that cannot be read may hold `publish: false`: keep its
    // file off the site until it is fixed.
    let withheld = || Sidecar { publish: Some(false), ..Sidecar::default() };
    let split = match super::front_matter::split(Path::new(&shown), &text) {
        Ok(s) => s,
        Err(d) => {
            errors.push((shown, d.line, d.message + UNTIL_FIXED.0, d.message_en + UNTIL_FIXED.1));
            return (withheld(), text);
        }
    };
    let sidecar = if split.yaml.trim().is_empty() {
        Sidecar::default()
    } else {
        match crate::yaml::from_str::<Sidecar>(split.yaml) {
            Ok(s) => s,
            Err(e) => {
                let d = crate::yaml::diagnostic(Path::new(&shown), 1, &e, "ไฟล์ประกอบ (sidecar)");
                errors.push((shown.clone(), d.line, d.message + UNTIL_FIXED.0, d.message_en + UNTIL_FIXED.1));
                withheld()
            }
        }
    };
    if let Some(d) = &sidecar.date {
        if let Err(e) = d.parse() {
            let line = crate::yaml::line_of_key(split.yaml, &["date"]).map(|l| l + 1);
            errors.push((shown, line, e.message_th(), e.message_en()));
        }
    }
    (sidecar, text)
}

/// Loads one portfolio folder. With `probe`, images are decoded, video
/// containers read and PDF pages counted (or the results taken from the cache).
pub fn load(root: &Path, dir: &Path, probe: Option<&ProbeCache>) -> Portfolio {
    let slug = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Fault injection for the tests of the panic boundary in `load_all`.
    if std::env::var("KRUFOLIO_FAULT").is_ok_and(|v| v == format!("panic-in-portfolio:{slug}")) {
        panic!("KRUFOLIO_FAULT: injected panic in portfolio {slug}");
    }
    let mut load_errors = Vec::new();
    if !publishable_slug(&slug) {
        load_errors.push((
            rel(root, dir),
            None,
            format!("ชื่อโฟลเดอร์ {slug} สงวนไว้สำหรับหน้าอื่นของเว็บไซต์ จึงไม่เผยแพร่แฟ้มนี้ ให้เปลี่ยนชื่อโฟลเดอร์ (เช่น kru-{slug})"),
            format!("the folder name {slug} is reserved for another page of the site, so this portfolio is not published; rename the folder (e.g. kru-{slug})"),
        ));
    }
    let mut texts = Vec::new();
    let manifest_file = dir.join("portfolio.yaml");
    let manifest_text = if manifest_file.is_file() {
        match crate::fs::read_to_string(&manifest_file) {
            Ok(t) => Some(t),
            Err(e) => {
                load_errors.push((rel(root, &manifest_file), None, "อ่านไฟล์ไม่ได้".into(), e.to_string()));
                None
            }
        }
    } else {
        None
    };
    let mut withheld = Vec::new();
    let (manifest_value, mut manifest) = match &manifest_text {
        Some(t) => {
            texts.push((rel(root, &manifest_file), without_private(t)));
            let (value, manifest, blanked) = parse_manifest(t);
            for key in blanked {
                let path: Vec<&str> = key.split('.').collect();
                withheld.push(Withheld {
                    path: rel(root, &manifest_file),
                    line: crate::yaml::line_of_key(t, &path),
                    reason: Reason::PrivateValue { key },
                });
            }
            (value, manifest)
        }
        None => (None, Err(("no portfolio.yaml".to_string(), None))),
    };
    if let Ok(m) = &mut manifest {
        // Text copied from PDFs often spells sara am (ำ) as nikhahit + sara aa (ํา).
        for field in [&mut m.position, &mut m.standing] {
            if let Some(v) = field.as_mut() {
                *v = v.replace("\u{0E4D}\u{0E32}", "\u{0E33}").trim().to_string();
            }
        }
    }

    // Every file, sorted; hidden ones skipped.
    let mut files: Vec<PathBuf> = Vec::new();
    let mut folders: Vec<EvidenceFolder> = Vec::new();
    // Names that are not UTF-8 (from an old Windows zip) cannot be URLs: skipped, and said so.
    let not_utf8 = std::cell::RefCell::new(Vec::new());
    for entry in walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name().into_iter().filter_entry(|e| {
        if e.file_name().to_str().is_none() {
            not_utf8.borrow_mut().push(rel(root, e.path()));
            return false;
        }
        let n = e.file_name().to_string_lossy();
        !n.starts_with('.') && !n.ends_with('~')
    }) {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                load_errors.push((rel(root, dir), None, "อ่านโฟลเดอร์ไม่ได้".into(), e.to_string()));
                continue;
            }
        };

        if entry.file_type().is_dir() {
            if entry.depth() == 1 {
                let name = entry.file_name().to_string_lossy().into_owned();
                if let Some(code) = normalize_code(&name) {
                    folders.push(EvidenceFolder { path: rel(root, entry.path()), name, code, files: 0 });
                }
            }
        } else if entry.file_type().is_file() {
            files.push(entry.path().to_path_buf());
        }
    }

    for shown in not_utf8.into_inner() {
        load_errors.push((
            shown,
            None,
            "ชื่อไฟล์หรือโฟลเดอร์นี้ไม่ใช่ UTF-8 (แสดง � แทนอักขระที่อ่านไม่ได้) จึงไม่เผยแพร่ ให้เปลี่ยนชื่อ".into(),
            "this file or folder name is not valid UTF-8 (� marks the unreadable bytes) and is not published; rename it".into(),
        ));
    }

    // Sidecars: `<stem>.md` beside a file with the same stem.
    let all: std::collections::HashSet<&Path> = files.iter().map(PathBuf::as_path).collect();
    let stems_with_data: std::collections::HashSet<PathBuf> = files
        .iter()
        .filter(|p| p.extension().is_none_or(|e| e != "md"))
        .map(|p| p.with_extension(""))
        .collect();
    let is_sidecar = |p: &Path| -> bool {
        p.extension().is_some_and(|e| e == "md") && stems_with_data.contains(&p.with_extension(""))
    };
    let mut artefacts = Vec::new();
    for path in &files {
        let rel_in = path.strip_prefix(dir).unwrap_or(path);
        let rel_str = slashes(&rel_in.to_string_lossy());
        let top = rel_in
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        let at_top = rel_in.components().count() == 1;
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if at_top && file_name == "portfolio.yaml" {
            continue;
        }
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let kind = Kind::from_extension(&ext);
        // Manifest copies and files with a `private:` block are never published.
        let text = matches!(kind, Kind::Markdown | Kind::Other).then(|| withhold::small_text(path)).flatten();
        if let Some(reason) = withhold::file_reason(&file_name, text.as_deref()) {
            withheld.push(Withheld { path: rel(root, path), line: None, reason });
            continue;
        }
        // READMEs are guidance (krufolio writes one per evidence folder), not evidence.
        if file_name.eq_ignore_ascii_case("README.md") {
            if let Ok(t) = crate::fs::read_to_string(path) {
                texts.push((rel(root, path), t));
            }
            continue;
        }
        if is_sidecar(path) {
            continue;
        }
        // Sidecar: same stem, .md, same folder.
        let sidecar_file = path.with_extension("md");
        let (sidecar, sidecar_path) = if kind != Kind::Markdown && all.contains(sidecar_file.as_path()) {
            let (s, text) = parse_sidecar(root, &sidecar_file, &mut load_errors);
            texts.push((rel(root, &sidecar_file), text));
            (Some(s), Some(rel(root, &sidecar_file)))
        } else {
            (None, None)
        };
        // A note's own front matter works like a sidecar (title, date, indicators).
        let (sidecar, sidecar_path) = if kind == Kind::Markdown {
            let (s, text) = parse_sidecar(root, path, &mut load_errors);
            texts.push((rel(root, path), text));
            (Some(s), Some(rel(root, path)))
        } else {
            (sidecar, sidecar_path)
        };
        let folder_code = if at_top { None } else { normalize_code(&top) };
        let mut indicators = Vec::new();
        let mut bad_codes = Vec::new();
        match sidecar.as_ref().filter(|s| !s.indicators.is_empty()) {
            Some(s) => {
                for c in &s.indicators {
                    match normalize_code(c) {
                        Some(n) => indicators.push(n),
                        None => bad_codes.push(c.clone()),
                    }
                }
            }
            None => indicators.extend(folder_code.clone()),
        }
        if let Some(f) =
            folders.iter_mut().find(|f| Some(&f.code) == folder_code.as_ref() && rel_in.starts_with(&f.name))
        {
            f.files += 1;
        }
        let in_dpa = top == "dpa" && !at_top;
        let dpa = if in_dpa {
            if rel_in.components().nth(1).is_some_and(|c| c.as_os_str() == "outcomes") {
                Some(DpaRole::Outcome)
            } else {
                sidecar
                    .as_ref()
                    .and_then(|s| s.kind.as_deref())
                    .and_then(DpaRole::from_name)
                    .or_else(|| path.file_stem().and_then(|s| DpaRole::from_name(&s.to_string_lossy())))
            }
        } else {
            None
        };
        artefacts.push(Artefact {
            path: rel(root, path),
            rel: rel_str,
            kind,
            size: None,
            indicators,
            bad_codes,
            sidecar,
            sidecar_path,
            challenge: top == "challenge" && !at_top,
            dpa,
            in_dpa,
            media: None,
        });
    }
    if let Some(cache) = probe {
        artefacts.par_iter_mut().for_each(|a| {
            let ext = Path::new(&a.path)
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            let full = root.join(&a.path);
            let meta = std::fs::metadata(&full).ok();
            a.size = meta.as_ref().map(|m| m.len());
            if crate::assets::media::probes(&ext) {
                a.media = Some(match &meta {
                    Some(m) => cache.probe(&a.path, &full, &ext, m),
                    None => crate::assets::media::probe(&full, &ext),
                });
            }
        });
    }
    Portfolio {
        slug,
        dir: rel(root, dir),
        manifest_text,
        manifest_value,
        manifest,
        folders,
        artefacts,
        texts,
        load_errors,
        withheld,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicate_manifest_key_is_reported_on_its_second_line_regression() {
        let (_, m, _) = parse_manifest("name: ก\nposition: ครู\nschool: ข\nfiscal_year: 2568\nschool: ค\n");
        let (msg, line) = m.unwrap_err();
        assert_eq!(line, Some(5), "{msg}");
        assert!(msg.contains("school"), "{msg}");
    }

    #[test]
    fn private_block_is_blanked_but_lines_kept() {
        let y = "name: ก\nprivate:\n  national_id: 1101700230719\n  salary: 1\nschool: ข\n";
        let out = without_private(y);
        assert_eq!(out.lines().count(), 5);
        assert!(!out.contains("1101700230719"));
        assert!(out.contains("school: ข"));
    }
}
