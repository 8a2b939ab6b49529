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

/// Pages larger than this (HTML bytes) are not indexed: Pagefind's time
/// grows faster than linearly with one page's size (a 20 MB page took
/// 328 s), and no reader needs search hits inside a 2 MB page.
pub const MAX_INDEXED_PAGE: usize = 2 << 20;

/// The public URL of an output path: `base_path` + the percent-encoded path
/// without its trailing `index.html`.
fn url_of(config: &Config, rel: &str) -> String {
    let path = rel.strip_suffix("index.html").unwrap_or(rel);
    slug::url(config, path)
}

/// Indexes `pages` (output path, HTML) and returns the bundle's files, keyed
/// by output path under [`BUNDLE_DIR`]. When the indexed pages are the same
/// as in the last build, the bundle comes from the cache (see [`Cache`]).
pub fn index<'a>(
    config: &Config,
    pages: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<Vec<(String, Content)>> {
    let mut too_big = Vec::new();
    let docs: Vec<(String, &[u8])> = pages
        .into_iter()
        .filter(|(rel, _)| indexed(rel))
        .filter(|(rel, html)| {
            let ok = html.len() <= MAX_INDEXED_PAGE;
            if !ok {
                too_big.push(format!("{rel} ({:.1} MB)", html.len() as f64 / 1e6));
            }
            ok
        })
        .map(|(rel, html)| (url_of(config, rel), html))
        .collect();
    if !too_big.is_empty() {
        eprintln!(
            "warning: หน้าที่ใหญ่เกิน {} MB ไม่ถูกใส่ในดัชนีค้นหา (แบ่งเป็นหลายหน้าจะค้นหาได้) / pages over {} MB are left out of the search index (split them to make them searchable): {}",
            MAX_INDEXED_PAGE >> 20,
            MAX_INDEXED_PAGE >> 20,
            too_big.join(", ")
        );
    }
    let cache = Cache::new(config, &docs);
    if let Some(files) = cache.get() {
        return Ok(files);
    }
    // Pagefind takes owned text: copy the pages only when it has to run.
    let docs =
        docs.into_iter().map(|(url, html)| (url, String::from_utf8_lossy(html).into_owned())).collect();
    let files = run_pagefind(config, docs)?;
    if let Err(e) = cache.put(&files) {
        eprintln!("warning: บันทึกแคชดัชนีค้นหาไม่ได้ / cannot save the search index cache: {e}");
    }
    Ok(files)
}

/// The last search bundle, kept in `.krufolio-cache/search-v1-<audience>.bin` under the
/// blake3 hash of everything that goes into it (Pagefind's version, the
/// language, every indexed URL and page). Pagefind needs a few milliseconds
/// per Thai page, so a district's rebuild with unchanged pages (a style
/// edit, a new photo, a rebuild on the server) skips it. Saving is best
/// effort, through a temporary file and a rename; a damaged file is a miss.
///
/// The file: the key (64 hex digits, a newline), then records of
/// `[u32 length][path][u64 length][bytes]`.
pub struct Cache {
    file: std::path::PathBuf,
    key: String,
}

impl Cache {
    fn new(config: &Config, docs: &[(String, &[u8])]) -> Cache {
        let mut h = blake3::Hasher::new();
        h.update(b"pagefind 1.6 extended\0");
        h.update(config.language.as_bytes());
        for (url, html) in docs {
            h.update(&(url.len() as u64).to_le_bytes());
            h.update(url.as_bytes());
            h.update(&(html.len() as u64).to_le_bytes());
            h.update(html);
        }
        Cache {
            // One slot per audience: districts often build both.
            file: config
                .root
                .join(".krufolio-cache")
                .join(format!("search-v1-{:?}.bin", config.audience).to_lowercase()),
            key: h.finalize().to_hex().to_string(),
        }
    }

    fn get(&self) -> Option<Vec<(String, Content)>> {
        let bytes = std::fs::read(&self.file).ok()?;
        let mut rest = bytes.strip_prefix(self.key.as_bytes())?.strip_prefix(b"\n")?;
        let mut files = Vec::new();
        while !rest.is_empty() {
            let name = String::from_utf8(take(&mut rest, 4)?.to_vec()).ok()?;
            let body = take(&mut rest, 8)?;
            files.push((name, Content::Bytes(body.into())));
        }
        (!files.is_empty()).then_some(files)
    }

    fn put(&self, files: &[(String, Content)]) -> Result<(), crate::fs::FsError> {
        let mut out = format!("{}\n", self.key).into_bytes();
        for (name, content) in files {
            let Content::Bytes(body) = content else { continue };
            out.extend((name.len() as u32).to_le_bytes());
            out.extend(name.as_bytes());
            out.extend((body.len() as u64).to_le_bytes());
            out.extend(&body[..]);
        }
        crate::fs::write_atomic(&self.file, &out)
    }
}

/// Splits a field of `[little-endian length of width bytes][bytes]` off the front.
fn take<'a>(rest: &mut &'a [u8], width: usize) -> Option<&'a [u8]> {
    let (len, tail) = rest.split_at_checked(width)?;
    let mut n = [0u8; 8];
    n[..width].copy_from_slice(len);
    let (field, tail) = tail.split_at_checked(usize::try_from(u64::from_le_bytes(n)).ok()?)?;
    *rest = tail;
    Some(field)
}

/// Runs Pagefind over `docs` (URL, HTML).
fn run_pagefind(config: &Config, docs: Vec<(String, String)>) -> Result<Vec<(String, Content)>> {
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
                let mut clock = crate::timing::Clock::start();
                for (url, html) in docs {
                    idx.add_html_file(None, Some(url.clone()), html)
                        .await
                        .with_context(|| format!("สร้างดัชนีค้นหาของ {url} ไม่ได้ / cannot index {url}"))?;
                }
                clock.lap("search:pages");
                let files = idx.get_files().await;
                clock.lap("search:index");
                files
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
        let dir = tempfile::tempdir().unwrap();
        let config = Config { root: dir.path().to_path_buf(), ..config };
        let files = index(&config, [("คู่มือ/index.html", html.as_bytes())]).unwrap();
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"pagefind/pagefind.js"), "{names:?}");
        assert!(names.contains(&"pagefind/pagefind-ui.js"), "{names:?}");
        assert!(names.iter().any(|n| n.ends_with(".pf_index")), "{names:?}");
        assert!(names.iter().any(|n| n.ends_with(".pf_fragment")), "{names:?}");
        // The same pages again: the bundle comes from the cache, byte for byte.
        let key = Cache::new(
            &config,
            &[("/pa/%E0%B8%84%E0%B8%B9%E0%B9%88%E0%B8%A1%E0%B8%B7%E0%B8%AD/".into(), html.as_bytes())],
        );
        let again = key.get().expect("cached");
        assert_eq!(again.len(), files.len());
        for ((a, x), (b, y)) in files.iter().zip(&again) {
            let (Content::Bytes(x), Content::Bytes(y)) = (x, y) else { panic!("bytes") };
            assert!(a == b && x == y, "{a}");
        }
        // Another page: a miss.
        assert!(Cache::new(&config, &[("/pa/x/".into(), html.as_bytes())]).get().is_none());
        // A damaged cache file: a miss, not an error.
        let file = dir.path().join(".krufolio-cache/search-v1-public.bin");
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() - 5]).unwrap();
        assert!(key.get().is_none());
        // Cut inside a length field: still a miss, never half a bundle.
        let header = key.key.len() + 1;
        std::fs::write(&file, &bytes[..header + 2]).unwrap();
        assert!(key.get().is_none());
    }
}
