//! The render stage: Markdown bodies to HTML, then every page, section, the
//! 404 page and the sitemap through the theme's templates.

pub mod context;
pub mod documents;
pub mod markdown;
pub mod portfolios;
pub mod sink;
pub mod templates;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;
use tera::Tera;

use crate::config::Config;
use crate::content::{Site, Target};
use crate::diagnostic::Diagnostic;
use markdown::{Heading, LinkContext, Rendered};

/// One rendered output file: its path and bytes.
pub type RenderedFile = (String, std::sync::Arc<[u8]>);

/// What happens to each file the moment it is rendered. [`Keep`] keeps it
/// in memory (`serve`, tests); the CLI build's spill writes it into the
/// staging folder and keeps only what the search index needs, so a
/// district's pages never sit in memory together.
pub trait Spill: Sync {
    /// Takes a rendered file; what is left in `file` is what the build keeps.
    fn spill(&self, file: &mut RenderedFile);
}

/// Keeps every rendered file in memory.
pub struct Keep;

impl Spill for Keep {
    fn spill(&self, _: &mut RenderedFile) {}
}

/// Spills `file` and returns what is kept of it.
fn spilled(spill: &dyn Spill, mut file: RenderedFile) -> RenderedFile {
    spill.spill(&mut file);
    file
}

/// HTML of every body, keyed like `Site::by_source`.
pub struct Bodies {
    /// Per page.
    pub pages: Vec<(Rendered, Vec<Heading>)>,
    /// Per section.
    pub sections: Vec<(Rendered, Vec<Heading>)>,
}

/// Renders every Markdown body (pass 1 headings, pass 2 HTML and links).
pub fn bodies(config: &Config, site: &Site) -> Result<Bodies, Vec<Diagnostic>> {
    let page_heads: Vec<Vec<Heading>> =
        site.pages.par_iter().map(|p| markdown::headings_of(&p.doc.pasted)).collect();
    let section_heads: Vec<Vec<Heading>> =
        site.sections.par_iter().map(|s| markdown::headings_of(&s.doc.pasted)).collect();
    let anchors = anchors(site, page_heads.iter(), section_heads.iter());
    let ctx = LinkContext { site, anchors: &anchors, base_path: &config.base_path };
    let pages: Vec<_> = site
        .pages
        .par_iter()
        .zip(page_heads)
        .map(|(p, h)| {
            let (r, d) = markdown::render(&p.doc, &h, &ctx);
            ((r, h), d)
        })
        .collect();
    let sections: Vec<_> = site
        .sections
        .par_iter()
        .zip(section_heads)
        .map(|(s, h)| {
            let (r, d) = markdown::render(&s.doc, &h, &ctx);
            ((r, h), d)
        })
        .collect();
    let mut diags = Vec::new();
    let mut out = Bodies { pages: Vec::new(), sections: Vec::new() };
    for (x, d) in pages {
        diags.extend(d);
        out.pages.push(x);
    }
    for (x, d) in sections {
        diags.extend(d);
        out.sections.push(x);
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

fn render_one(
    tera: &Tera,
    template: &str,
    ctx: &tera::Context,
    source: &str,
    template_line: Option<usize>,
    explicit: bool,
) -> Result<String, Diagnostic> {
    let shown = Path::new("content").join(source);
    if !tera.get_template_names().any(|n| n == template) {
        return Err(Diagnostic::new(
            &shown,
            template_line,
            format!("ไม่พบเทมเพลต \"{template}\" ในธีม"),
            format!("template \"{template}\" not found in the theme"),
        ));
    }
    tera.render(template, ctx).map_err(|e| {
        let chain = templates::error_chain(&e);
        Diagnostic::new(
            &shown,
            if explicit { template_line } else { None },
            format!("แสดงผลเทมเพลต {template} ไม่สำเร็จ"),
            chain,
        )
    })
}

/// Renders one page or section through its template.
fn render_target(
    site: &Site,
    tera: &Tera,
    builder: &context::Builder<'_>,
    t: Target,
) -> Result<RenderedFile, Diagnostic> {
    let doc = site.doc(t).expect("page or section");
    let default = match t {
        Target::Section(0) => "index.html",
        Target::Section(_) => "section.html",
        _ => "page.html",
    };
    let template = doc.fm.template.as_deref().unwrap_or(default);
    let ctx = builder.context(t);
    let html =
        render_one(tera, template, &ctx, &doc.source, doc.fm.template_line, doc.fm.template.is_some())?;
    Ok((format!("{}index.html", doc.path), html.into_bytes().into()))
}

/// Content source path → heading ids of each page and section (what links
/// to anchors are checked against), from their headings in site order.
fn anchors<'h>(
    site: &Site,
    pages: impl Iterator<Item = &'h Vec<Heading>>,
    sections: impl Iterator<Item = &'h Vec<Heading>>,
) -> HashMap<String, HashSet<String>> {
    let docs = site.pages.iter().map(|p| &p.doc).zip(pages);
    docs.chain(site.sections.iter().map(|s| &s.doc).zip(sections))
        .map(|(d, h)| (d.source.clone(), h.iter().map(|h| h.id.clone()).collect()))
        .collect()
}

/// `serve`'s fast path for one edited page, given its headings: its body
/// (HTML, links checked against the whole site) and its page, nothing else.
/// Only valid when what other pages show of it (title, front matter,
/// heading ids) is unchanged; the caller checks that, so the anchors of
/// the last build still hold.
pub fn one_page(
    config: &Config,
    site: &Site,
    bodies: &mut Bodies,
    tera: &Tera,
    has_portfolios: bool,
    (i, heads): (usize, Vec<Heading>),
) -> Result<RenderedFile, Vec<Diagnostic>> {
    let anchors = anchors(site, bodies.pages.iter().map(|(_, h)| h), bodies.sections.iter().map(|(_, h)| h));
    let ctx = LinkContext { site, anchors: &anchors, base_path: &config.base_path };
    let doc = &site.pages[i].doc;
    let (rendered, diags) = markdown::render(doc, &heads, &ctx);
    if !diags.is_empty() {
        return Err(diags);
    }
    bodies.pages[i] = (rendered, heads);
    let builder = context::Builder::new(config, site, bodies, has_portfolios);
    render_target(site, tera, &builder, Target::Page(i)).map_err(|d| vec![d])
}

/// Renders every page and section to `(output path, html)`, plus `404.html`
/// and `sitemap.xml`, handing each file to `spill` as it is made.
pub fn pages(
    config: &Config,
    site: &Site,
    bodies: &Bodies,
    tera: &Tera,
    portfolios: Option<&crate::portfolio::Portfolios>,
    spill: &dyn Spill,
) -> Result<Vec<RenderedFile>, Vec<Diagnostic>> {
    let has_portfolios = portfolios.is_some_and(|p| !p.portfolios.is_empty());
    let builder = context::Builder::new(config, site, bodies, has_portfolios);
    let targets: Vec<Target> = (0..site.sections.len())
        .map(Target::Section)
        .chain((0..site.pages.len()).map(Target::Page))
        .collect();
    let results: Vec<Result<RenderedFile, Diagnostic>> = targets
        .par_iter()
        .map(|&t| render_target(site, tera, &builder, t).map(|f| spilled(spill, f)))
        .collect();
    let mut out = Vec::with_capacity(results.len() + 2);
    let mut diags = Vec::new();
    for r in results {
        match r {
            Ok(x) => out.push(x),
            Err(d) => diags.push(d),
        }
    }
    match tera.render("404.html", &builder.global(&crate::content::slug::url(config, "404.html"))) {
        Ok(html) => out.push(spilled(spill, ("404.html".to_string(), html.into_bytes().into()))),
        Err(e) => {
            diags.push(Diagnostic::new("404.html", None, "แสดงผลหน้า 404 ไม่สำเร็จ", templates::error_chain(&e)))
        }
    }
    if config.search {
        let url = crate::content::slug::url(config, "search/");
        match tera.render("search.html", &builder.global(&url)) {
            Ok(html) => out.push(spilled(spill, ("search/index.html".to_string(), html.into_bytes().into()))),
            Err(e) => diags.push(Diagnostic::new(
                "search.html",
                None,
                "แสดงผลหน้าค้นหาไม่สำเร็จ",
                templates::error_chain(&e),
            )),
        }
    }
    if let Some(data) = portfolios {
        let (files, d) = portfolio_pages(config, data, tera, &|url: &str| builder.global(url), spill);
        out.extend(files);
        diags.extend(d);
    }
    out.push(spilled(spill, ("sitemap.xml".to_string(), sitemap(config, site).into_bytes().into())));
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

/// The portfolio pages and the printed documents. Each teacher's view is
/// made just before their pages, in parallel, and dropped after them: only
/// what the lists need ([`portfolios::Teacher`], [`documents::Person`]) is
/// kept, so a district's views never sit in memory together.
fn portfolio_pages(
    config: &Config,
    data: &crate::portfolio::Portfolios,
    tera: &Tera,
    globals: &sink::Globals<'_>,
    spill: &dyn Spill,
) -> (Vec<RenderedFile>, Vec<Diagnostic>) {
    let mut all = sink::Pages::new(tera, globals, spill);
    if data.portfolios.is_empty() {
        return (all.out, all.diags);
    }
    let inputs =
        crate::portfolio::view::Inputs { config, frameworks: &data.frameworks, report: &data.report };
    let per: Vec<_> = data
        .portfolios
        .par_iter()
        .map(|p| {
            let v = inputs.portfolio(p);
            let mut sink = sink::Pages::new(tera, globals, spill);
            let teacher = portfolios::teacher(config, data, p, &v, &mut sink);
            let person = documents::person(config, data, p, &v, &mut sink);
            (sink, teacher, person)
        })
        .collect();
    let mut teachers = Vec::with_capacity(per.len());
    let mut persons = Vec::with_capacity(per.len());
    for (sink, teacher, person) in per {
        all.extend(sink);
        teachers.push(teacher);
        persons.push(person);
    }
    portfolios::lists(config, data, teachers, &mut all);
    documents::lists(config, persons, &mut all);
    (all.out, all.diags)
}

/// `sitemap.xml` with every page and section, absolute URLs, and `lastmod`
/// where a date is given.
pub fn sitemap(config: &Config, site: &Site) -> String {
    let origin = config.base_url.trim_end_matches('/');
    let origin = origin.strip_suffix(config.base_path.trim_end_matches('/')).unwrap_or(origin);
    let mut entries: Vec<(String, Option<String>)> = site
        .sections
        .iter()
        .map(|s| &s.doc)
        .chain(site.pages.iter().map(|p| &p.doc))
        .map(|d| {
            (
                format!("{origin}{}{}", config.base_path, crate::content::slug::encode_path(&d.path)),
                d.fm.date.map(|x| x.iso()),
            )
        })
        .collect();
    entries.sort();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (loc, lastmod) in entries {
        xml.push_str("  <url>\n    <loc>");
        xml.push_str(&templates::escape_html(&loc)); // its entities are XML's too
        xml.push_str("</loc>\n");
        if let Some(d) = lastmod {
            xml.push_str(&format!("    <lastmod>{d}</lastmod>\n"));
        }
        xml.push_str("  </url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}
