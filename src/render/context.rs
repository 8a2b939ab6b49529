//! Template contexts: what `index.html`, `section.html`, `page.html` and
//! `404.html` see. The shapes here are the theme contract documented in
//! ARCHITECTURE.md; keep them stable.

use serde::Serialize;
use serde_json::{json, Value};

use super::markdown::toc;
use super::Bodies;
use crate::config::Config;
use crate::content::{slug, Doc, Site, Target};

/// A link in breadcrumbs or prev/next.
#[derive(Debug, Clone, Serialize)]
struct Link {
    title: String,
    url: String,
}

/// A main-menu entry.
#[derive(Debug, Clone, Serialize)]
struct NavItem {
    title: String,
    url: String,
    active: bool,
    current: bool,
    /// Child pages; filled only on the active branch, so a page's menu stays
    /// small however large the site is (see [`NavItem::for_page`]).
    pages: Vec<NavItem>,
    /// How many child pages there are, filled or not.
    pages_count: usize,
    subsections: Vec<NavItem>,
    #[serde(skip)]
    path: String,
    #[serde(skip)]
    is_section: bool,
}

impl NavItem {
    /// True when `current` is this item or below it. Sections' paths are
    /// folder prefixes of everything inside them.
    fn contains(&self, current: &str) -> bool {
        if self.is_section {
            // Every page inside a section's folder belongs to it or to one of
            // its subsections.
            current.starts_with(&self.path)
        } else {
            self.path == current
        }
    }

    /// A copy for one page: flags set, and child pages kept only on the
    /// active branch.
    fn for_page(&self, current: &str) -> NavItem {
        let active = self.contains(current);
        NavItem {
            title: self.title.clone(),
            url: self.url.clone(),
            active,
            current: self.path == current,
            pages: if active {
                let pos = self.pages.iter().position(|p| p.path == current);
                let (lo, hi) = window(pos, self.pages.len());
                self.pages[lo..hi].iter().map(|p| p.for_page(current)).collect()
            } else {
                Vec::new()
            },
            pages_count: self.pages_count,
            subsections: self.subsections.iter().map(|s| s.for_page(current)).collect(),
            path: String::new(),
            is_section: self.is_section,
        }
    }
}

/// How many neighbours of the current page a page's menu and sidebar list
/// on each side; larger sections show a window and link to the section.
pub const WINDOW: usize = 10;

/// The index range of the list entries shown around position `pos`.
fn window(pos: Option<usize>, len: usize) -> (usize, usize) {
    if len <= 2 * WINDOW + 1 {
        return (0, len);
    }
    let pos = pos.unwrap_or(0);
    let lo = pos.saturating_sub(WINDOW).min(len - (2 * WINDOW + 1));
    (lo, lo + 2 * WINDOW + 1)
}

/// Builds contexts for one site; shared read-only across render threads.
pub struct Builder<'a> {
    config: &'a Config,
    site: &'a Site,
    bodies: &'a Bodies,
    nav: Vec<NavItem>,
    config_value: Value,
}

impl<'a> Builder<'a> {
    /// Prepares the parts every context shares.
    pub fn new(config: &'a Config, site: &'a Site, bodies: &'a Bodies, has_portfolios: bool) -> Self {
        let mut b = Builder {
            config,
            site,
            bodies,
            nav: Vec::new(),
            config_value: serde_json::to_value(config).unwrap_or(Value::Null),
        };
        let root = &site.sections[0];
        let mut nav: Vec<NavItem> = root.subsections.iter().map(|&s| b.nav_section(s)).collect();
        nav.extend(root.pages.iter().map(|&p| b.nav_leaf(&site.pages[p].doc)));
        if has_portfolios {
            let leaf = |title: &str, path: &str| NavItem {
                title: title.to_string(),
                url: format!("{}{}", config.base_path, path),
                active: false,
                current: false,
                pages: vec![],
                pages_count: 0,
                subsections: vec![],
                path: path.to_string(),
                is_section: true,
            };
            nav.push(leaf("แฟ้มสะสมผลงาน", "portfolios/"));
            if config.audience == crate::config::Audience::Review {
                nav.push(leaf("แดชบอร์ดพี่เลี้ยง", "review/"));
            }
        }
        b.nav = nav;
        b
    }

    fn url(&self, doc: &Doc) -> String {
        slug::url(self.config, &doc.path)
    }

    fn nav_leaf(&self, doc: &Doc) -> NavItem {
        NavItem {
            title: doc.title.clone(),
            url: self.url(doc),
            active: false,
            current: false,
            pages: vec![],
            pages_count: 0,
            subsections: vec![],
            path: doc.path.clone(),
            is_section: false,
        }
    }

    fn nav_section(&self, i: usize) -> NavItem {
        let s = &self.site.sections[i];
        let mut item = self.nav_leaf(&s.doc);
        item.is_section = true;
        item.pages = s.pages.iter().map(|&p| self.nav_leaf(&self.site.pages[p].doc)).collect();
        item.pages_count = item.pages.len();
        item.subsections = s.subsections.iter().map(|&c| self.nav_section(c)).collect();
        item
    }

    /// Variables every template gets: `config`, `nav`, `current_url`, `build`.
    pub fn global(&self, current_url: &str) -> tera::Context {
        context_of(self.globals(current_url))
    }

    /// [`Builder::global`] as a JSON object, for the page contexts to add to
    /// before it becomes a [`tera::Context`] (without a copy: `insert` would
    /// serialise each value again, the page's HTML included).
    fn globals(&self, current_url: &str) -> serde_json::Map<String, Value> {
        let current_path =
            slug::decode(current_url.strip_prefix(&self.config.base_path).unwrap_or(current_url));
        let nav: Vec<NavItem> = self.nav.iter().map(|i| i.for_page(&current_path)).collect();
        let mut m = serde_json::Map::new();
        m.insert("config".into(), self.config_value.clone());
        m.insert("nav".into(), serde_json::to_value(&nav).unwrap_or_default());
        m.insert("current_url".into(), Value::from(current_url));
        m.insert(
            "build".into(),
            json!({
                "generator": concat!("krufolio ", env!("CARGO_PKG_VERSION")),
                "serve": self.config.serving,
                "audience": self.config.audience,
            }),
        );
        m
    }

    fn breadcrumbs(&self, mut section: Option<usize>) -> Vec<Link> {
        let mut out = Vec::new();
        while let Some(i) = section {
            let s = &self.site.sections[i];
            out.push(Link { title: s.doc.title.clone(), url: self.url(&s.doc) });
            section = s.parent;
        }
        out.reverse();
        out
    }

    fn common(
        &self,
        doc: &Doc,
        rendered: &(super::markdown::Rendered, Vec<super::markdown::Heading>),
    ) -> Value {
        let url = self.url(doc);
        let origin = self.config.base_url.trim_end_matches('/');
        let origin = origin.strip_suffix(self.config.base_path.trim_end_matches('/')).unwrap_or(origin);
        json!({
            "title": doc.title,
            "description": doc.fm.description,
            "content": rendered.0.html,
            "toc": toc(&rendered.1),
            "url": url,
            "permalink": format!("{origin}{url}"),
            "date": doc.fm.date,
            "extra": doc.fm.extra,
            "source_path": doc.source,
            "word_count": rendered.0.word_count,
            "reading_minutes": rendered.0.word_count.div_ceil(200).max(1),
        })
    }

    /// A section's value. `around` (a page of the section) limits `pages`
    /// to a window around it; `pages_count` always has the full number.
    fn section_value(&self, i: usize, around: Option<usize>) -> Value {
        let s = &self.site.sections[i];
        let mut v = self.common(&s.doc, &self.bodies.sections[i]);
        let (lo, hi) = match around {
            Some(p) => window(s.pages.iter().position(|&x| x == p), s.pages.len()),
            None => (0, s.pages.len()),
        };
        v["pages_count"] = Value::from(s.pages.len());
        let pages: Vec<Value> = s.pages[lo..hi]
            .iter()
            .map(|&p| {
                let d = &self.site.pages[p].doc;
                json!({
                    "title": d.title, "url": self.url(d), "description": d.fm.description,
                    "date": d.fm.date, "weight": d.fm.weight,
                })
            })
            .collect();
        let subsections: Vec<Value> = s
            .subsections
            .iter()
            .map(|&c| {
                let cs = &self.site.sections[c];
                json!({
                    "title": cs.doc.title, "url": self.url(&cs.doc),
                    "description": cs.doc.fm.description, "pages_count": cs.pages.len(),
                })
            })
            .collect();
        v["pages"] = Value::Array(pages);
        v["subsections"] = Value::Array(subsections);
        v["breadcrumbs"] = serde_json::to_value(self.breadcrumbs(s.parent)).unwrap_or_default();
        v
    }

    /// The full context of a page or section.
    pub fn context(&self, t: Target) -> tera::Context {
        match t {
            Target::Section(i) => {
                let s = &self.site.sections[i];
                let mut m = self.globals(&self.url(&s.doc));
                m.insert("section".into(), self.section_value(i, None));
                context_of(m)
            }
            Target::Page(i) => {
                let p = &self.site.pages[i];
                let mut m = self.globals(&self.url(&p.doc));
                m.insert("page".into(), self.page_value(i));
                m.insert("section".into(), self.section_value(p.section, Some(i)));
                context_of(m)
            }
            Target::Asset(_) => self.global(&self.config.base_path),
        }
    }

    /// A page's value: its common fields, `prev`/`next` among its section's
    /// pages, and `breadcrumbs`.
    fn page_value(&self, i: usize) -> Value {
        let p = &self.site.pages[i];
        let mut v = self.common(&p.doc, &self.bodies.pages[i]);
        let siblings = &self.site.sections[p.section].pages;
        let pos = siblings.iter().position(|&x| x == i);
        let link = |j: usize| {
            let d = &self.site.pages[j].doc;
            json!({ "title": d.title, "url": self.url(d) })
        };
        v["prev"] = pos.and_then(|k| k.checked_sub(1)).map(|k| link(siblings[k])).unwrap_or(Value::Null);
        v["next"] = pos.and_then(|k| siblings.get(k + 1)).map(|&j| link(j)).unwrap_or(Value::Null);
        v["breadcrumbs"] = serde_json::to_value(self.breadcrumbs(Some(p.section))).unwrap_or_default();
        v
    }
}

/// A template context made of a JSON object's entries, moved, not copied.
fn context_of(m: serde_json::Map<String, Value>) -> tera::Context {
    tera::Context::from_value(Value::Object(m)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_keep_small_lists_whole_and_clamp_large_ones() {
        assert_eq!(window(Some(3), 5), (0, 5));
        assert_eq!(window(Some(0), 100), (0, 21));
        assert_eq!(window(Some(50), 100), (40, 61));
        assert_eq!(window(Some(99), 100), (79, 100));
        assert_eq!(window(None, 100), (0, 21));
    }
}
