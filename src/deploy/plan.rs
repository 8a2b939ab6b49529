//! What a deploy changes, decided without the network: the manifest object
//! ([`MANIFEST`], what krufolio uploaded last time), the built files with
//! their hashes and headers, and the [`Plan`] that compares them. Pure: no
//! IO, so every rule here is a unit test.
//!
//! A file is uploaded when its content hash or its headers differ from the
//! manifest's entry (or it has none); an object is deleted only when the
//! previous manifest lists it and the build has it no longer. Objects the
//! manifest does not list are never touched.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// The manifest object's name, under the target's prefix.
pub const MANIFEST: &str = ".krufolio-deploy.json";

/// What krufolio uploaded under a prefix: `path → entry`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The krufolio version that wrote it.
    pub generator: String,
    /// Every object krufolio uploaded (or may have begun to upload), by its
    /// path under the prefix.
    pub files: BTreeMap<String, Entry>,
}

/// One uploaded object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// blake3 of the content, hex; empty while an upload is under way (so an
    /// interrupted deploy uploads it again).
    pub hash: String,
    /// Size in bytes.
    pub size: u64,
    /// The `Content-Type` it was stored with.
    pub content_type: String,
    /// The `Cache-Control` it was stored with.
    pub cache_control: String,
}

/// One built file to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Local {
    /// Its path in the output (and under the prefix), `/`-separated.
    pub path: String,
    /// The file on disk.
    pub file: PathBuf,
    /// Its hash and headers.
    pub entry: Entry,
}

/// Why a file is uploaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    /// Not in the previous manifest.
    New,
    /// In it, with another hash or other headers.
    Changed,
}

/// What a deploy does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files to upload, pages last (see [`plan`]).
    pub upload: Vec<(Local, Change)>,
    /// Paths to delete: in the previous manifest, not in the build.
    pub delete: Vec<String>,
    /// Files already there as built.
    pub unchanged: Vec<String>,
}

impl Plan {
    /// True when the bucket already holds the build.
    pub fn is_empty(&self) -> bool {
        self.upload.is_empty() && self.delete.is_empty()
    }

    /// Bytes to upload.
    pub fn upload_bytes(&self) -> u64 {
        self.upload.iter().map(|(l, _)| l.entry.size).sum()
    }
}

/// The `Cache-Control` of an output file: names that carry their content's
/// hash (Pagefind's index files) never change, so browsers keep them a year;
/// pages and the files that name other files (the search entry, sitemap)
/// are kept a minute, so a deploy shows at once; the rest (styles, scripts
/// and fonts fetched with `?h=` cache-busting, evidence files) an hour.
pub fn cache_control(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let hashed = path.starts_with("pagefind/")
        && [".pf_fragment", ".pf_index", ".pf_meta"].iter().any(|e| name.ends_with(e));
    if hashed {
        return "public, max-age=31536000, immutable";
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let names_others = path.starts_with("pagefind/") && matches!(ext.as_str(), "js" | "json");
    if names_others || matches!(ext.as_str(), "html" | "htm" | "xml" | "json" | "txt") {
        "public, max-age=60"
    } else {
        "public, max-age=3600"
    }
}

/// Compares the build with the previous manifest. Uploads go files first,
/// pages last, so a page is never online before what it shows.
pub fn plan(prev: &Manifest, local: Vec<Local>) -> Plan {
    let mut out = Plan::default();
    for l in local {
        match prev.files.get(&l.path) {
            Some(e) if *e == l.entry && !e.hash.is_empty() => out.unchanged.push(l.path),
            Some(_) => out.upload.push((l, Change::Changed)),
            None => out.upload.push((l, Change::New)),
        }
    }
    let now: std::collections::BTreeSet<&str> = out
        .upload
        .iter()
        .map(|(l, _)| l.path.as_str())
        .chain(out.unchanged.iter().map(String::as_str))
        .collect();
    out.delete = prev.files.keys().filter(|p| !now.contains(p.as_str())).cloned().collect();
    out.upload.sort_by_key(|(l, _)| (is_page(&l.path), l.path.clone()));
    out
}

fn is_page(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// The manifest to write before anything moves: every previous entry, and
/// every file about to be uploaded with an empty hash. If the deploy stops
/// half-way, it still lists every object krufolio may have written (so a
/// later deploy can delete it), and none of the half-done ones as current.
pub fn pending(prev: &Manifest, plan: &Plan, generator: &str) -> Manifest {
    let mut files = prev.files.clone();
    for (l, _) in &plan.upload {
        files.insert(l.path.clone(), Entry { hash: String::new(), ..l.entry.clone() });
    }
    Manifest { generator: generator.to_string(), files }
}

/// The manifest after a deploy that finished: exactly the build.
pub fn finished(plan: &Plan, prev: &Manifest, generator: &str) -> Manifest {
    let mut files: BTreeMap<String, Entry> =
        plan.upload.iter().map(|(l, _)| (l.path.clone(), l.entry.clone())).collect();
    for p in &plan.unchanged {
        if let Some(e) = prev.files.get(p) {
            files.insert(p.clone(), e.clone());
        }
    }
    Manifest { generator: generator.to_string(), files }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(path: &str, hash: &str) -> Local {
        Local {
            path: path.into(),
            file: PathBuf::from("/out").join(path),
            entry: Entry {
                hash: hash.into(),
                size: 1,
                content_type: crate::output::mime::content_type(path).into(),
                cache_control: cache_control(path).into(),
            },
        }
    }

    fn manifest(files: &[Local]) -> Manifest {
        Manifest {
            generator: "t".into(),
            files: files.iter().map(|l| (l.path.clone(), l.entry.clone())).collect(),
        }
    }

    #[test]
    fn only_changed_files_move_and_only_listed_ones_go() {
        let prev = manifest(&[local("index.html", "a"), local("style.css", "b"), local("old.html", "c")]);
        let p = plan(&prev, vec![local("index.html", "a2"), local("style.css", "b"), local("new.pdf", "d")]);
        let up: Vec<_> = p.upload.iter().map(|(l, c)| (l.path.as_str(), *c)).collect();
        assert_eq!(up, [("new.pdf", Change::New), ("index.html", Change::Changed)], "pages last");
        assert_eq!(p.delete, ["old.html"]);
        assert_eq!(p.unchanged, ["style.css"]);
        let done = finished(&p, &prev, "t");
        assert_eq!(done.files.keys().collect::<Vec<_>>(), ["index.html", "new.pdf", "style.css"]);
    }

    #[test]
    fn a_pending_entry_is_uploaded_again() {
        let prev = manifest(&[local("a.html", "a"), local("gone.html", "g")]);
        let p = plan(&prev, vec![local("a.html", "a2")]);
        let mid = pending(&prev, &p, "t");
        assert_eq!(mid.files["a.html"].hash, "", "half-done uploads are marked");
        assert!(mid.files.contains_key("gone.html"), "not deleted yet: still listed");
        // A deploy cut off here, then the file put back as it was: uploaded again.
        let again = plan(&mid, vec![local("a.html", "a")]);
        assert_eq!(again.upload.len(), 1);
        assert_eq!(again.delete, ["gone.html"]);
    }

    #[test]
    fn new_headers_upload_again() {
        let mut old = local("x.css", "h");
        old.entry.cache_control = "public, max-age=1".into();
        let p = plan(&manifest(&[old]), vec![local("x.css", "h")]);
        assert_eq!(p.upload.len(), 1);
    }

    #[test]
    fn cache_rules() {
        assert_eq!(
            cache_control("pagefind/fragment/th_1a2b.pf_fragment"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(cache_control("pagefind/pagefind-entry.json"), "public, max-age=60");
        assert_eq!(cache_control("pagefind/pagefind.js"), "public, max-age=60");
        assert_eq!(cache_control("guide/index.html"), "public, max-age=60");
        assert_eq!(cache_control("style.css"), "public, max-age=3600");
        assert_eq!(cache_control("p/คลิป.mp4"), "public, max-age=3600");
    }
}
