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

pub mod cache;

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

/// Pages per shard. A shard is one Pagefind index: shards are indexed in
/// parallel, one per core, and a rebuild re-indexes only the shards whose
/// pages changed (one edit in `serve` costs one shard, not the district).
pub const PAGES_PER_SHARD: usize = 400;
/// Most shards: each is one more index (and WebAssembly module) the
/// search page loads, so a phone pays for every extra one.
pub const MAX_SHARDS: usize = 8;
/// The list of bundles the search page merges (`mergeIndex`), written
/// beside the first bundle: `{"bundles": ["", "shard-1/", …]}`, folders
/// relative to [`BUNDLE_DIR`].
pub const MANIFEST: &str = "pagefind/krufolio-bundles.json";

/// How many shards `pages` indexed pages make: a function of the count
/// only, never of the machine, so every build of a site is the same bytes.
pub fn shard_count(pages: usize) -> usize {
    pages.div_ceil(PAGES_PER_SHARD).clamp(1, MAX_SHARDS)
}

/// The shard a page's URL belongs to: a hash, so an edit or a new page
/// moves no other page between shards.
fn shard_of(url: &str, shards: usize) -> usize {
    let h = blake3::hash(url.as_bytes());
    let mut n = [0u8; 8];
    n.copy_from_slice(&h.as_bytes()[..8]);
    (u64::from_le_bytes(n) % shards as u64) as usize
}

/// The folder of shard `i` under [`BUNDLE_DIR`] (`""` for the first).
pub fn shard_folder(i: usize) -> String {
    if i == 0 {
        String::new()
    } else {
        format!("shard-{i}/")
    }
}

/// What indexing did, for the build report and the timing log.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    /// Shards in the bundle.
    pub shards: usize,
    /// Shards taken from the cache.
    pub cached: usize,
    /// Pages indexed (from the cache or not).
    pub pages: usize,
}

/// Indexes `pages` (output path, HTML) and returns the bundle's files, keyed
/// by output path under [`BUNDLE_DIR`], with the manifest [`MANIFEST`].
/// Shards whose pages are the same as in the last build come from the cache
/// (see [`cache::Cache`]); the rest are indexed in parallel.
pub fn index<'a>(
    config: &Config,
    pages: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<(Vec<(String, Content)>, IndexStats)> {
    let docs = searchable(config, pages);
    let shards = shard_count(docs.len());
    let mut parts: Vec<Vec<(String, &[u8])>> = vec![Vec::new(); shards];
    for (url, html) in docs {
        let i = shard_of(&url, shards);
        parts[i].push((url, html));
    }
    let jobs: Vec<usize> = (0..shards).filter(|&i| i == 0 || !parts[i].is_empty()).collect();
    let results = in_parallel(&jobs, |i| one_shard(config, i, shards, &parts[i]));
    cache::prune(config, shards);
    let mut stats = IndexStats { shards: 0, cached: 0, pages: parts.iter().map(Vec::len).sum() };
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for (&i, r) in jobs.iter().zip(results) {
        let (bundle, cached) = r?;
        stats.shards += 1;
        stats.cached += usize::from(cached);
        let folder = shard_folder(i);
        files.extend(bundle.into_iter().map(|(name, c)| (format!("{BUNDLE_DIR}/{folder}{name}"), c)));
        folders.push(folder);
    }
    let manifest = serde_json::json!({ "bundles": folders });
    files.push((MANIFEST.to_string(), Content::Bytes(manifest.to_string().into_bytes().into())));
    Ok((files, stats))
}

/// Runs `f` over `jobs` on one plain thread per core (never on rayon's
/// pool: Pagefind uses rayon inside, and pool threads blocked waiting on it
/// would deadlock), returning results in the order of `jobs`.
fn in_parallel<T: Send>(jobs: &[usize], f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = AtomicUsize::new(0);
    let done: std::sync::Mutex<Vec<(usize, T)>> = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..cores.min(jobs.len()) {
            s.spawn(|| loop {
                let at = next.fetch_add(1, Ordering::Relaxed);
                let Some(&job) = jobs.get(at) else { break };
                let r = f(job);
                done.lock().expect("results lock").push((at, r));
            });
        }
    });
    let mut done = done.into_inner().expect("results lock");
    done.sort_by_key(|(at, _)| *at);
    done.into_iter().map(|(_, r)| r).collect()
}

/// The pages that go into the index, as (URL, HTML); pages over
/// [`MAX_INDEXED_PAGE`] are left out with a warning naming them.
fn searchable<'a>(
    config: &Config,
    pages: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Vec<(String, &'a [u8])> {
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
    docs
}

/// One shard's bundle (file names relative to its folder), from the cache
/// or from Pagefind; `true` when it came from the cache.
fn one_shard(
    config: &Config,
    shard: usize,
    shards: usize,
    docs: &[(String, &[u8])],
) -> Result<(Vec<(String, Content)>, bool)> {
    let cache = cache::Cache::new(config, shard, shards, docs);
    if let Some(files) = cache.get() {
        return Ok((files, true));
    }
    // Pagefind takes owned text: copy the pages only when it has to run.
    let owned =
        docs.iter().map(|(url, html)| (url.clone(), String::from_utf8_lossy(html).into_owned())).collect();
    let files = run_pagefind(config, owned)?;
    if let Err(e) = cache.put(&files) {
        eprintln!("warning: บันทึกแคชดัชนีค้นหาไม่ได้ / cannot save the search index cache: {e}");
    }
    Ok((files, false))
}

/// Runs Pagefind over `docs` (URL, HTML); file names are relative to the bundle folder.
fn run_pagefind(config: &Config, docs: Vec<(String, String)>) -> Result<Vec<(String, Content)>> {
    let language = config.language.clone();
    // Pagefind's API is async and spawns blocking tasks: it gets a runtime of
    // its own, on a thread of its own so that a panic inside Pagefind is an
    // error naming the indexer, not a crash of the build.
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
        .map(|f| (f.filename.to_string_lossy().replace('\\', "/"), f.contents))
        .filter(|(name, _)| !UNUSED.iter().any(|u| name.starts_with(u)))
        .map(|(name, bytes)| (name, Content::Bytes(bytes.into())))
        .collect())
}

/// Pagefind's own UIs, which the search page does not load (it has its own,
/// `static/js/search.js`): left out of the output.
const UNUSED: [&str; 4] =
    ["pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight."];

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
    fn shards_depend_on_the_page_count_only() {
        assert_eq!(shard_count(0), 1);
        assert_eq!(shard_count(PAGES_PER_SHARD), 1);
        assert_eq!(shard_count(PAGES_PER_SHARD + 1), 2);
        assert_eq!(shard_count(2_000), 5);
        assert_eq!(shard_count(1_000_000), MAX_SHARDS);
        // A page keeps its shard whatever else changes, and shards are filled evenly.
        let mut counts = vec![0; 5];
        for i in 0..2_000 {
            let url = format!("/gen/p{i:04}/");
            assert_eq!(shard_of(&url, 5), shard_of(&url, 5));
            counts[shard_of(&url, 5)] += 1;
        }
        assert!(counts.iter().all(|&c| (300..500).contains(&c)), "{counts:?}");
    }

    fn page(word: &str) -> String {
        format!(
            "<!DOCTYPE html><html lang=\"th\"><body><main data-pagefind-body>\
             <h1>แนวทาง</h1><p>ครูต้องจัดทำข้อตกลงในการพัฒนางานทุกปีงบประมาณ {word}</p></main></body></html>"
        )
    }

    #[test]
    fn thai_words_inside_a_sentence_are_indexed() {
        let config = Config { language: "th".into(), base_path: "/pa/".into(), ..Config::default() };
        let html = page("");
        let dir = tempfile::tempdir().unwrap();
        let config = Config { root: dir.path().to_path_buf(), ..config };
        let (files, stats) = index(&config, [("คู่มือ/index.html", html.as_bytes())]).unwrap();
        assert_eq!(stats, IndexStats { shards: 1, cached: 0, pages: 1 });
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"pagefind/pagefind.js"), "{names:?}");
        assert!(names.contains(&"pagefind/pagefind-worker.js"), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("-ui.")), "Pagefind's own UI is not shipped: {names:?}");
        assert!(names.iter().any(|n| n.ends_with(".pf_index")), "{names:?}");
        assert!(names.iter().any(|n| n.ends_with(".pf_fragment")), "{names:?}");
        assert!(names.contains(&MANIFEST), "{names:?}");
        // The same pages again: the bundle comes from the cache, byte for byte.
        let (again, stats) = index(&config, [("คู่มือ/index.html", html.as_bytes())]).unwrap();
        assert_eq!(stats, IndexStats { shards: 1, cached: 1, pages: 1 });
        assert_eq!(again.len(), files.len());
        for ((a, x), (b, y)) in files.iter().zip(&again) {
            let (Content::Bytes(x), Content::Bytes(y)) = (x, y) else { panic!("bytes") };
            assert!(a == b && x == y, "{a}");
        }
        let key = cache::Cache::new(
            &config,
            0,
            1,
            &[("/pa/%E0%B8%84%E0%B8%B9%E0%B9%88%E0%B8%A1%E0%B8%B7%E0%B8%AD/".into(), html.as_bytes())],
        );
        assert!(key.get().is_some());
        // Another page: a miss.
        assert!(cache::Cache::new(&config, 0, 1, &[("/pa/x/".into(), html.as_bytes())]).get().is_none());
        // A damaged cache file: a miss, not an error.
        let file = dir.path().join(".krufolio-cache/search-v2-public-0-of-1.bin");
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() - 5]).unwrap();
        assert!(key.get().is_none());
        // Cut inside a length field: still a miss, never half a bundle.
        let header = key.key.len() + 1;
        std::fs::write(&file, &bytes[..header + 2]).unwrap();
        assert!(key.get().is_none());
    }

    #[test]
    fn an_edit_reindexes_one_shard_and_the_manifest_lists_every_bundle() {
        let dir = tempfile::tempdir().unwrap();
        let config = Config { language: "th".into(), root: dir.path().to_path_buf(), ..Config::default() };
        let n = PAGES_PER_SHARD + 50;
        let pages: Vec<(String, String)> =
            (0..n).map(|i| (format!("gen/p{i:04}/index.html"), page(&format!("หน้า{i}")))).collect();
        let view = |pages: &[(String, String)]| -> Vec<(String, Vec<u8>)> {
            pages.iter().map(|(k, v)| (k.clone(), v.clone().into_bytes())).collect()
        };
        let run =
            |pages: &[(String, Vec<u8>)]| index(&config, pages.iter().map(|(k, v)| (k.as_str(), &v[..])));
        let (files, stats) = run(&view(&pages)).unwrap();
        assert_eq!(stats, IndexStats { shards: 2, cached: 0, pages: n });
        let manifest = files.iter().find(|(k, _)| k == MANIFEST).unwrap();
        let Content::Bytes(m) = &manifest.1 else { panic!("bytes") };
        assert_eq!(std::str::from_utf8(m).unwrap(), r#"{"bundles":["","shard-1/"]}"#);
        for f in ["pagefind/pagefind-entry.json", "pagefind/shard-1/pagefind-entry.json"] {
            assert!(files.iter().any(|(k, _)| k == f), "{f}");
        }
        // Every page is in exactly one shard.
        let count = |entry: &str| -> u64 {
            let (_, Content::Bytes(b)) = files.iter().find(|(k, _)| k == entry).unwrap() else { panic!() };
            let v: serde_json::Value = serde_json::from_slice(b).unwrap();
            v["languages"]["th"]["page_count"].as_u64().unwrap()
        };
        assert_eq!(
            count("pagefind/pagefind-entry.json") + count("pagefind/shard-1/pagefind-entry.json"),
            n as u64
        );
        // One page edited: one shard re-indexed, the other from the cache.
        let mut edited = pages.clone();
        edited[7].1 = page("คำใหม่");
        let (_, stats) = run(&view(&edited)).unwrap();
        assert_eq!(stats, IndexStats { shards: 2, cached: 1, pages: n });
    }
}
