//! Markdown to HTML with pulldown-cmark: GFM tables, footnotes,
//! strikethrough, task lists, heading ids that keep Thai, a table of
//! contents, and internal links resolved to their target's URL.
//!
//! Rendering runs in two passes so links can be checked against every
//! page's anchors: [`headings_of`] first (for all pages, in parallel), then
//! [`render`].

use std::collections::{HashMap, HashSet};
use std::path::Path;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::content::{slug, Doc, Site, Target};
use crate::diagnostic::Diagnostic;
use crate::markup::paste::Pasted;
pub use crate::markup::{accessible, options, Author};

/// A heading with its final id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1..=6.
    pub level: u8,
    /// The `id` attribute: explicit `{#id}` or the slugified text, made unique.
    pub id: String,
    /// Plain text of the heading.
    pub title: String,
}

/// A table-of-contents entry for templates.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TocEntry {
    /// Heading level.
    pub level: u8,
    /// Anchor id.
    pub id: String,
    /// Plain text.
    pub title: String,
    /// Nested entries.
    pub children: Vec<TocEntry>,
}

/// [`headings_of`] a raw body (the tests' shorthand).
#[cfg(test)]
fn headings(body: &str) -> Vec<Heading> {
    headings_of(&crate::markup::paste::prepare(body, false))
}

/// Pass 1: every heading of a body prepared at load ([`Doc::pasted`]), with
/// unique ids. Duplicate generated ids get `-1`, `-2`, … suffixes. Whether
/// the body was prepared with `paste: true` does not change its headings:
/// that only adds trailing spaces, which headings drop.
pub fn headings_of(pasted: &crate::markup::paste::Pasted) -> Vec<Heading> {
    let mut out = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut current: Option<(u8, Option<String>, String)> = None;
    for ev in Parser::new_ext(&pasted.text, options(Author::District)) {
        match ev {
            Event::Start(Tag::Heading { level, id, .. }) => {
                current = Some((level as u8, id.map(|i| i.to_string()), String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, explicit, title)) = current.take() {
                    let title = title.trim().to_string();
                    let id = match explicit {
                        Some(id) => id,
                        None => {
                            let base = slug::slugify(&title);
                            let base = if base.is_empty() { "section".to_string() } else { base };
                            // Linear: remember the next suffix per base instead of
                            // probing from 1 (10,000 equal headings took 8.7 s).
                            let mut n = next.get(&base).copied().unwrap_or(0);
                            let mut id = if n == 0 { base.clone() } else { format!("{base}-{n}") };
                            while seen.contains_key(&id) {
                                n += 1;
                                id = format!("{base}-{n}");
                            }
                            next.insert(base, n + 1);
                            id
                        }
                    };
                    *seen.entry(id.clone()).or_default() += 1;
                    out.push(Heading { level, id, title });
                }
            }
            _ => {}
        }
    }
    out
}

/// Nests headings into a table of contents.
pub fn toc(headings: &[Heading]) -> Vec<TocEntry> {
    fn insert(list: &mut Vec<TocEntry>, h: &Heading) {
        if let Some(last) = list.last_mut() {
            if h.level > last.level {
                insert(&mut last.children, h);
                return;
            }
        }
        list.push(TocEntry { level: h.level, id: h.id.clone(), title: h.title.clone(), children: vec![] });
    }
    let mut out = Vec::new();
    for h in headings {
        insert(&mut out, h);
    }
    out
}

/// What links are resolved against.
pub struct LinkContext<'a> {
    /// The site model.
    pub site: &'a Site,
    /// Content source path → heading ids of that page or section.
    pub anchors: &'a HashMap<String, HashSet<String>>,
    /// URL prefix of the site, ending in `/`.
    pub base_path: &'a str,
}

impl LinkContext<'_> {
    /// URL of a page, section or asset.
    pub fn url_of(&self, t: Target) -> String {
        let path = match t {
            Target::Page(i) => &self.site.pages[i].doc.path,
            Target::Section(i) => &self.site.sections[i].doc.path,
            Target::Asset(i) => &self.site.assets[i].output,
        };
        format!("{}{}", self.base_path, slug::encode_path(path))
    }
}

/// The result of rendering one body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML.
    pub html: String,
    /// Rough word count (Thai has no spaces: about 6 characters a word).
    pub word_count: usize,
}

fn has_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else { return false };
    let scheme = &url[..colon];
    !scheme.is_empty()
        && scheme.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
}

/// Resolves one link destination; `Ok(None)` leaves it untouched.
/// A link's or image's destination (at byte `start` of the body) resolved to
/// its target's URL; a broken one is kept as written and reported.
fn resolved<'a>(
    ctx: &LinkContext<'_>,
    (doc, pasted): (&Doc, &Pasted),
    dest: CowStr<'a>,
    start: usize,
    diags: &mut Vec<Diagnostic>,
) -> CowStr<'a> {
    match resolve(ctx, doc, &dest) {
        Ok(Some(u)) => CowStr::from(u),
        Ok(None) => dest,
        Err((th, en)) => {
            let shown = Path::new("content").join(&doc.source);
            diags.push(Diagnostic::new(&shown, Some(doc.body_line + pasted.source_line(start) - 1), th, en));
            dest
        }
    }
}

fn resolve(ctx: &LinkContext<'_>, from: &Doc, dest: &str) -> Result<Option<String>, (String, String)> {
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) {
        return Ok(None);
    }
    if let Some(rest) = dest.strip_prefix('/') {
        return Ok(Some(format!("{}{}", ctx.base_path, rest)));
    }
    let (path_part, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (dest, None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    let decoded = slug::decode(path_part);
    let (key, shown) = if let Some(abs) = decoded.strip_prefix("@/") {
        (crate::config::normalize(Path::new(abs)), format!("@/{abs}"))
    } else {
        if decoded.ends_with('/') {
            return Ok(None);
        }
        let dir = Path::new(&from.source).parent().unwrap_or(Path::new(""));
        (crate::config::normalize(&dir.join(&decoded)), decoded.clone())
    };
    let key = key.to_string_lossy().replace('\\', "/");
    let Some(&target) = ctx.site.by_source.get(&key) else {
        return Err((
            format!("ลิงก์ไปยัง \"{shown}\" แต่ไม่พบไฟล์ content/{key}"),
            format!("link to \"{shown}\" but content/{key} does not exist"),
        ));
    };
    let mut url = ctx.url_of(target);
    if let Some(frag) = fragment.filter(|f| !f.is_empty()) {
        let frag_decoded = slug::decode(frag);
        if let Some(ids) = ctx.anchors.get(&key) {
            if !ids.contains(&frag_decoded) {
                return Err((
                    format!("ลิงก์ไปยัง \"{shown}#{frag_decoded}\" แต่หน้านั้นไม่มีหัวข้อ #{frag_decoded}"),
                    format!("link to \"{shown}#{frag_decoded}\" but that page has no anchor #{frag_decoded}"),
                ));
            }
        }
        url.push('#');
        url.push_str(frag);
    }
    Ok(Some(url))
}

/// Pass 2: renders a body to HTML, with its pass-1 headings' ids, and resolves
/// links. Problems are returned as diagnostics against the source file.
pub fn render(doc: &Doc, heads: &[Heading], ctx: &LinkContext<'_>) -> (Rendered, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut heading_idx = 0;
    let mut word_count = 0;
    let mut thai_chars = 0;
    let pasted = &*doc.pasted;
    let body = pasted.text.as_str();
    let mut lists = pasted.lists();
    let events = Parser::new_ext(body, options(Author::District)).into_offset_iter().map(|(ev, range)| {
        let ev = match ev {
            Event::Start(Tag::Heading { level, id: _, classes, attrs }) => {
                let id = heads.get(heading_idx).map(|h| CowStr::from(h.id.clone()));
                heading_idx += 1;
                Event::Start(Tag::Heading { level, id, classes, attrs })
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = resolved(ctx, (doc, pasted), dest_url, range.start, &mut diags);
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = resolved(ctx, (doc, pasted), dest_url, range.start, &mut diags);
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            Event::Text(t) => {
                word_count += t.split_whitespace().filter(|w| w.is_ascii()).count();
                thai_chars += t.chars().filter(|c| ('\u{0E00}'..='\u{0E7F}').contains(c)).count();
                Event::Text(t)
            }
            other => other,
        };
        lists.map(ev, range.start)
    });
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.flat_map(accessible));
    (Rendered { html, word_count: word_count + thai_chars / 6 }, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_thousand_equal_headings_are_linear_regression() {
        let body = "## ซ้ำ\n\n".repeat(10_000);
        let h = headings(&body);
        assert_eq!(h.len(), 10_000);
        assert_eq!(h[0].id, "ซ้ำ");
        assert_eq!(h[9_999].id, "ซ้ำ-9999");
        let ids: std::collections::HashSet<&str> = h.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids.len(), 10_000, "ids stay unique");
    }

    #[test]
    fn thai_heading_ids_are_kept_and_deduplicated() {
        let h = headings("## หน้า 5 หลักฐาน\n\n## หน้า 5 หลักฐาน\n\n### Custom {#mine}\n");
        let ids: Vec<_> = h.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["หน้า-5-หลักฐาน", "หน้า-5-หลักฐาน-1", "mine"]);
    }

    #[test]
    fn toc_nests_by_level() {
        let t = toc(&headings("## ก\n### ข\n### ค\n## ง\n"));
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].children.len(), 2);
        assert_eq!(t[1].title, "ง");
    }

    #[test]
    fn schemes() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("@/a.md"));
        assert!(!has_scheme("a.md"));
        assert!(!has_scheme("๑:๒"));
    }
}
