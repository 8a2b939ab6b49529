//! Media probe results kept between runs, so a district's review build or
//! `lint` does not decode every photo and walk every video again.
//!
//! The cache is `.krufolio-cache/probe-v4.json` under the site root (v2 added
//! the location fields, v3 the PDF encryption fields and fragmented-MP4 durations,
//! v4 bilingual errors as `{th, en}`, so older caches are not read: their entries
//! lack them or are wrong): for each
//! file (path relative to the root) its size, modification time and
//! [`MediaInfo`]. An entry is used only when size and modification time still
//! match; a file changed less than two seconds ago is probed and not cached
//! (a coarse clock could hide a second edit in the same tick). The file
//! records the krufolio version, so a new release re-probes everything.
//!
//! Writing the cache is best effort: a read-only checkout still builds. The
//! file is written to a temporary name and renamed, so a crash or a second
//! krufolio running at the same time never leaves half a cache.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::portfolio::model::MediaInfo;

const FILE: &str = "probe-v4.json";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Entry {
    size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    mtime: u128,
    info: MediaInfo,
}

#[derive(Debug, Default, Deserialize)]
struct Stored {
    version: String,
    entries: BTreeMap<String, Entry>,
}

/// [`Stored`] as written: borrowed from the run's cache, not a copy of it.
#[derive(Serialize)]
struct StoredRef<'a> {
    version: &'a str,
    entries: BTreeMap<&'a str, &'a Entry>,
}

/// The probe cache of one run.
#[derive(Debug)]
pub struct ProbeCache {
    path: PathBuf,
    old: HashMap<String, Entry>,
    /// Files probed or looked up this run: `None` when the old entry was
    /// reused (not copied: a district has 68,000 of them, issue 11).
    seen: Mutex<HashMap<String, Option<Entry>>>,
    made: AtomicUsize,
    reused: AtomicUsize,
}

impl ProbeCache {
    /// Opens the cache of the site at `root`; a missing, unreadable or
    /// outdated cache is an empty one.
    pub fn open(root: &Path) -> ProbeCache {
        let path = root.join(".krufolio-cache").join(FILE);
        let old = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Stored>(&b).ok())
            .filter(|s| s.version == env!("CARGO_PKG_VERSION"))
            .map(|s| s.entries.into_iter().collect())
            .unwrap_or_default();
        ProbeCache {
            path,
            old,
            seen: Mutex::default(),
            made: AtomicUsize::new(0),
            reused: AtomicUsize::new(0),
        }
    }

    /// The probe of `full` (`rel` is its path relative to the site root,
    /// `meta` its metadata): from the cache when the file is unchanged,
    /// otherwise by [`super::media::probe`].
    pub fn probe(&self, rel: &str, full: &Path, ext: &str, meta: &std::fs::Metadata) -> MediaInfo {
        let mtime = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok());
        let key = mtime.map(|m| (meta.len(), m.as_nanos()));
        if let (Some((size, mtime)), Some(e)) = (key, self.old.get(rel)) {
            if e.size == size && e.mtime == mtime {
                self.reused.fetch_add(1, Ordering::Relaxed);
                self.remember(rel, None);
                return e.info.clone();
            }
        }
        let info = super::media::probe(full, ext);
        self.made.fetch_add(1, Ordering::Relaxed);
        let settled = mtime.is_some_and(|m| {
            SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().saturating_sub(m)
                >= Duration::from_secs(2)
        });
        if let (Some((size, mtime)), true) = (key, settled) {
            self.remember(rel, Some(Entry { size, mtime, info: info.clone() }));
        }
        info
    }

    fn remember(&self, rel: &str, e: Option<Entry>) {
        if let Ok(mut seen) = self.seen.lock() {
            seen.insert(rel.to_string(), e);
        }
    }

    /// (files probed, probes taken from the cache) so far.
    pub fn counts(&self) -> (usize, usize) {
        (self.made.load(Ordering::Relaxed), self.reused.load(Ordering::Relaxed))
    }

    /// Writes the cache back when anything changed. Entries under the
    /// `loaded` folders (paths relative to the root) that this run did not
    /// see are dropped (their files are gone or no longer probed); entries of
    /// portfolios this run did not load are kept.
    pub fn save(self, loaded: &[String]) -> Result<(), crate::fs::FsError> {
        let seen = self.seen.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let under_loaded =
            |k: &str| loaded.iter().any(|d| k.strip_prefix(d.as_str()).is_some_and(|r| r.starts_with('/')));
        let mut entries: BTreeMap<&str, &Entry> =
            self.old.iter().filter(|(k, _)| !under_loaded(k)).map(|(k, v)| (k.as_str(), v)).collect();
        let mut changed = false;
        for (k, e) in &seen {
            match e.as_ref().or_else(|| self.old.get(k)) {
                Some(e) => {
                    changed |= self.old.get(k) != Some(e);
                    entries.insert(k, e);
                }
                None => changed = true,
            }
        }
        // Unchanged: nothing new, and every old entry is still there (kept, or seen again).
        if !changed && entries.len() == self.old.len() {
            return Ok(());
        }
        let stored = StoredRef { version: env!("CARGO_PKG_VERSION"), entries };
        crate::fs::write_atomic_with(&self.path, |w| {
            serde_json::to_writer(&mut *w, &stored).map_err(Into::into)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn old_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        let f = std::fs::File::options().write(true).open(&p).unwrap();
        f.set_modified(SystemTime::now() - Duration::from_secs(60)).unwrap();
        p
    }

    #[test]
    fn second_run_reuses_and_a_change_reprobes() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join("content/portfolios/a")).unwrap();
        let pdf = old_file(&d.path().join("content/portfolios/a"), "x.pdf", b"%PDF-1.4 broken");
        let rel = "content/portfolios/a/x.pdf";
        let loaded = vec!["content/portfolios/a".to_string()];

        let c = ProbeCache::open(d.path());
        let first = c.probe(rel, &pdf, "pdf", &pdf.metadata().unwrap());
        assert!(first.error.is_some(), "a broken PDF is reported: {first:?}");
        assert_eq!(c.counts(), (1, 0));
        c.save(&loaded).unwrap();

        let c = ProbeCache::open(d.path());
        assert_eq!(c.probe(rel, &pdf, "pdf", &pdf.metadata().unwrap()), first);
        assert_eq!(c.counts(), (0, 1));
        c.save(&loaded).unwrap();

        // Same name, new content and time: probed again.
        let pdf = old_file(&d.path().join("content/portfolios/a"), "x.pdf", b"%PDF-1.4 still broken, longer");
        let c = ProbeCache::open(d.path());
        c.probe(rel, &pdf, "pdf", &pdf.metadata().unwrap());
        assert_eq!(c.counts(), (1, 0));
    }

    #[test]
    fn fresh_files_are_not_cached_and_other_portfolios_are_kept() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("content/portfolios");
        std::fs::create_dir_all(dir.join("a")).unwrap();
        std::fs::create_dir_all(dir.join("b")).unwrap();
        let a = old_file(&dir.join("a"), "x.pdf", b"%PDF-1.4 a");
        let b = old_file(&dir.join("b"), "y.pdf", b"%PDF-1.4 b");
        let c = ProbeCache::open(d.path());
        c.probe("content/portfolios/a/x.pdf", &a, "pdf", &a.metadata().unwrap());
        c.probe("content/portfolios/b/y.pdf", &b, "pdf", &b.metadata().unwrap());
        c.save(&["content/portfolios/a".into(), "content/portfolios/b".into()]).unwrap();

        // Linting only `a`, whose file was just edited: `b` stays cached, `a` is not cached.
        std::fs::write(&a, b"%PDF-1.4 a, edited now").unwrap();
        let c = ProbeCache::open(d.path());
        c.probe("content/portfolios/a/x.pdf", &a, "pdf", &a.metadata().unwrap());
        c.save(&["content/portfolios/a".into()]).unwrap();
        let c = ProbeCache::open(d.path());
        assert!(c.old.contains_key("content/portfolios/b/y.pdf"));
        assert!(!c.old.contains_key("content/portfolios/a/x.pdf"));
    }

    #[cfg(unix)]
    #[test]
    fn an_unchanged_run_leaves_the_cache_file_alone_and_a_gone_file_is_dropped() {
        use std::os::unix::fs::MetadataExt as _;
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("content/portfolios/a");
        std::fs::create_dir_all(&dir).unwrap();
        let x = old_file(&dir, "x.pdf", b"%PDF-1.4 x");
        let y = old_file(&dir, "y.pdf", b"%PDF-1.4 y");
        let loaded = vec!["content/portfolios/a".to_string()];
        let run = |files: &[&PathBuf]| {
            let c = ProbeCache::open(d.path());
            for f in files {
                let rel = format!("content/portfolios/a/{}", f.file_name().unwrap().to_string_lossy());
                c.probe(&rel, f, "pdf", &f.metadata().unwrap());
            }
            c.save(&loaded).unwrap();
        };
        run(&[&x, &y]);
        let file = d.path().join(".krufolio-cache").join(FILE);
        let inode = std::fs::metadata(&file).unwrap().ino();
        run(&[&x, &y]);
        assert_eq!(std::fs::metadata(&file).unwrap().ino(), inode, "nothing changed: not written again");
        std::fs::remove_file(&y).unwrap();
        run(&[&x]);
        let c = ProbeCache::open(d.path());
        assert!(c.old.contains_key("content/portfolios/a/x.pdf"));
        assert!(!c.old.contains_key("content/portfolios/a/y.pdf"), "a gone file's entry goes");
    }

    #[test]
    fn a_damaged_cache_is_an_empty_one() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(d.path().join(".krufolio-cache")).unwrap();
        std::fs::write(d.path().join(".krufolio-cache").join(FILE), b"{not json").unwrap();
        assert!(ProbeCache::open(d.path()).old.is_empty());
    }
}
