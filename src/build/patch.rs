//! `serve`'s fast path for a saved page. What other pages show of a page is
//! its title, URL, description, date and weight (menus, section lists,
//! prev/next) and its heading ids (links to its anchors are checked). When
//! an edit leaves all of those as they were, only that page's body and page
//! are made again: no other page is rendered, no image or portfolio is
//! touched, and the search index follows in the background. Anything else
//! (a new or deleted page, a changed title or front matter, a section's
//! `_index.md`, a file with an error) takes the ordinary rebuild, which
//! reports errors with their file and line.

use std::path::PathBuf;
use std::sync::Arc;

use super::Builder;

impl Builder {
    /// Applies edits of Markdown pages in place; `false` (and nothing
    /// usable changed: the caller then invalidates the content stage) when
    /// any of `paths` is not such an edit.
    pub fn patch_pages(&mut self, paths: &[PathBuf]) -> bool {
        let (Some(config), Some(content), Some(tera), Some(pages)) =
            (self.config.clone(), self.content.as_mut(), self.tera.clone(), self.pages.clone())
        else {
            return false;
        };
        let Some(stage) = Arc::get_mut(content) else { return false };
        let mut files = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for path in paths {
            if !seen.insert(path) {
                continue;
            }
            let Ok(rel) = path.strip_prefix(&config.content_dir) else { return false };
            if rel.extension().is_none_or(|e| e != "md") || !path.is_file() {
                return false;
            }
            let Some((i, Ok(doc))) = crate::content::reparse_page(&config, &stage.site, rel) else {
                return false;
            };
            let old = &stage.site.pages[i].doc;
            let heads = crate::render::markdown::headings_of(&doc.pasted);
            let ids = |h: &[crate::render::markdown::Heading]| -> Vec<String> {
                h.iter().map(|h| h.id.clone()).collect()
            };
            if doc.fm != old.fm || doc.title != old.title || ids(&heads) != ids(&stage.bodies.pages[i].1) {
                return false;
            }
            stage.site.pages[i].doc = doc;
            let has_portfolios = !stage.portfolios.portfolios.is_empty();
            let page = (i, heads);
            match crate::render::one_page(
                &config,
                &stage.site,
                &mut stage.bodies,
                &tera,
                has_portfolios,
                page,
            ) {
                Ok(file) => files.push(file),
                Err(_) => return false,
            }
        }
        let masked = crate::privacy::mask::mask_files(&mut files);
        let patched: std::collections::HashSet<String> = files.iter().map(|(k, _)| k.clone()).collect();
        let mut all = (*pages).clone();
        for file in files {
            match all.iter_mut().find(|(k, _)| *k == file.0) {
                Some(slot) => *slot = file,
                None => return false,
            }
        }
        let mut m: Vec<(String, usize)> =
            self.masked.iter().filter(|(p, _)| !patched.contains(p)).cloned().collect();
        m.extend(masked);
        self.masked = Arc::new(m);
        self.pages = Some(Arc::new(all));
        self.search = None;
        true
    }
}
