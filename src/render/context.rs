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
    pages: Vec<NavItem>,
    subsections: Vec<NavItem>,
    #[serde(skip)]
    path: String,
}

impl NavItem {
    fn mark(&mut self, current: &str) -> bool {
        let mut active = self.path == current;
        self.current = active;
        for p in &mut self.pages {
            active |= p.mark(current);
        }
        for s in &mut self.subsections {
            active |= s.mark(current);
        }
        self.active = active;
        active
    }
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
    pub fn new(config: &'a Config, site: &'a Site, bodies: &'a Bodies) -> Self {
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
        b.nav = nav;
        b
    }

    fn url(&self, doc: &Doc) -> String {
        format!("{}{}", self.config.base_path, slug::encode_path(&doc.path))
    }

    fn nav_leaf(&self, doc: &Doc) -> NavItem {
        NavItem {
            title: doc.title.clone(),
            url: self.url(doc),
            active: false,
            current: false,
            pages: vec![],
            subsections: vec![],
            path: doc.path.clone(),
        }
    }

    fn nav_section(&self, i: usize) -> NavItem {
        let s = &self.site.sections[i];
        let mut item = self.nav_leaf(&s.doc);
        item.pages = s.pages.iter().map(|&p| self.nav_leaf(&self.site.pages[p].doc)).collect();
        item.subsections = s.subsections.iter().map(|&c| self.nav_section(c)).collect();
        item
    }

    /// Variables every template gets: `config`, `nav`, `current_url`, `build`.
    pub fn global(&self, current_url: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        let current_path =
            slug::decode(current_url.strip_prefix(&self.config.base_path).unwrap_or(current_url));
        let mut nav = self.nav.clone();
        for item in &mut nav {
            item.mark(&current_path);
        }
        ctx.insert("config", &self.config_value);
        ctx.insert("nav", &nav);
        ctx.insert("current_url", current_url);
        ctx.insert(
            "build",
            &json!({ "generator": concat!("krufolio ", env!("CARGO_PKG_VERSION")), "serve": self.config.serving }),
        );
        ctx
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

    fn section_value(&self, i: usize) -> Value {
        let s = &self.site.sections[i];
        let mut v = self.common(&s.doc, &self.bodies.sections[i]);
        let pages: Vec<Value> = s
            .pages
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
                let mut ctx = self.global(&self.url(&s.doc));
                ctx.insert("section", &self.section_value(i));
                ctx
            }
            Target::Page(i) => {
                let p = &self.site.pages[i];
                let mut ctx = self.global(&self.url(&p.doc));
                let mut v = self.common(&p.doc, &self.bodies.pages[i]);
                let siblings = &self.site.sections[p.section].pages;
                let pos = siblings.iter().position(|&x| x == i);
                let link = |j: usize| {
                    let d = &self.site.pages[j].doc;
                    json!({ "title": d.title, "url": self.url(d) })
                };
                v["prev"] =
                    pos.and_then(|k| k.checked_sub(1)).map(|k| link(siblings[k])).unwrap_or(Value::Null);
                v["next"] = pos.and_then(|k| siblings.get(k + 1)).map(|&j| link(j)).unwrap_or(Value::Null);
                v["breadcrumbs"] =
                    serde_json::to_value(self.breadcrumbs(Some(p.section))).unwrap_or_default();
                ctx.insert("page", &v);
                ctx.insert("section", &self.section_value(p.section));
                ctx
            }
            Target::Asset(_) => self.global(&self.config.base_path),
        }
    }
}
