//! The offline search index: rendered pages → Pagefind bundle under `pagefind/`.
//!
//! Pagefind's `extended` build segments Thai (and Chinese and Japanese) text
//! into words with ICU's dictionary segmenter, so a word from the middle of a
//! Thai sentence, which has no spaces around it, is found. The index, the
//! WebAssembly search code and Pagefind's own UI are plain files in the output:
//! the `/search/` page works from a local copy with no network.
//!
//! Only what a reader should find is indexed: guidance pages, sections and
//! portfolio pages. The 404 page, the search page itself, printable documents
//! (`…/print/…`) and the review views (`review/`) are left out, and inside a
//! page only the `data-pagefind-body` element (the theme's `<main>`) counts.

use anyhow::{Context, Result};

use crate::config::Config;
use crate::content::slug;
use crate::output::Content;

/// Folder of the bundle inside the output.
pub const BUNDLE_DIR: &str = "pagefind";

/// True for an output path whose page belongs in the index.
pub fn indexed(rel: &str) -> bool {
    rel.ends_with(".html")
        && rel != "404.html"
        && rel != "search/index.html"
        && !rel.starts_with("review/")
        && !rel.split('/').any(|seg| seg == "print")
}

/// The public URL of an output path: `base_path` + the percent-encoded path
/// without its trailing `index.html`.
fn url_of(config: &Config, rel: &str) -> String {
    let path = rel.strip_suffix("index.html").unwrap_or(rel);
    format!("{}{}", config.base_path, slug::encode_path(path))
}

/// Indexes `pages` (output path, HTML) and returns the bundle's files, keyed
/// by output path under [`BUNDLE_DIR`].
pub fn index<'a>(
    config: &Config,
    pages: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Vec<(String, Content)>> {
    let docs: Vec<(String, String)> = pages
        .into_iter()
        .filter(|(rel, _)| indexed(rel))
        .map(|(rel, html)| (url_of(config, rel), String::from_utf8_lossy(html).into_owned()))
        .collect();
    let language = config.language.clone();
    // Pagefind's API is async and spawns blocking tasks; give it a runtime of
    // its own on a plain thread so this works inside `serve`'s runtime too.
    let files = std::thread::scope(|s| {
        s.spawn(move || -> Result<Vec<pagefind::api::SyntheticFile>> {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("เริ่มตัวสร้างดัชนีค้นหาไม่ได้ / cannot start the search indexer")?;
            rt.block_on(async move {
                let options =
                    pagefind::options::PagefindServiceConfig::builder().force_language(language).build();
                let mut idx = pagefind::api::PagefindIndex::new(Some(options))?;
                for (url, html) in docs {
                    idx.add_html_file(None, Some(url.clone()), html)
                        .await
                        .with_context(|| format!("สร้างดัชนีค้นหาของ {url} ไม่ได้ / cannot index {url}"))?;
                }
                idx.get_files().await
            })
        })
        .join()
        .map_err(|_| anyhow::anyhow!("ตัวสร้างดัชนีค้นหาหยุดทำงาน / the search indexer panicked"))?
    })?;
    Ok(files
        .into_iter()
        .map(|f| {
            let rel = format!("{BUNDLE_DIR}/{}", f.filename.to_string_lossy().replace('\\', "/"));
            (rel, Content::Bytes(f.contents.into()))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_indexed() {
        assert!(indexed("index.html"));
        assert!(indexed("guides/writing/index.html"));
        assert!(indexed("portfolios/manee-jaingam/2.1/index.html"));
        assert!(!indexed("404.html"));
        assert!(!indexed("search/index.html"));
        assert!(!indexed("review/index.html"));
        assert!(!indexed("portfolios/manee-jaingam/print/report/index.html"));
        assert!(!indexed("sitemap.xml"));
        assert!(!indexed("style.css"));
    }

    #[test]
    fn thai_words_inside_a_sentence_are_indexed() {
        let config = Config { language: "th".into(), base_path: "/pa/".into(), ..Config::default() };
        let html = "<!DOCTYPE html><html lang=\"th\"><body><main data-pagefind-body>\
                    <h1>แนวทาง</h1><p>ครูต้องจัดทำข้อตกลงในการพัฒนางานทุกปีงบประมาณ</p></main></body></html>";
        let files = index(&config, [("คู่มือ/index.html", html.as_bytes())]).unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"pagefind/pagefind.js"), "{names:?}");
        assert!(names.contains(&"pagefind/pagefind-ui.js"), "{names:?}");
        assert!(names.iter().any(|n| n.ends_with(".pf_index")), "{names:?}");
        assert!(names.iter().any(|n| n.ends_with(".pf_fragment")), "{names:?}");
    }
}
