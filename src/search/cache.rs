//! The bundle cache of one search shard: `.krufolio-cache/search-v2-<audience>-<i>-of-<n>.bin`,
//! kept under the blake3 hash of everything that goes into the shard (Pagefind's version, the
//! language, the shard's place, every URL and page). Pagefind needs a few milliseconds per Thai
//! page, so a rebuild re-indexes only the shards whose pages changed: one edited page costs one
//! shard, an unchanged district rebuild costs none. Saving is best effort, through a temporary
//! file and a rename; a damaged file is a miss, never half a bundle.
//!
//! The file: the key (64 hex digits, a newline), then records of
//! `[u32 length][path][u64 length][bytes]`.

use crate::config::Config;
use crate::output::Content;

/// Cache file name prefix; bump the version when the bundle layout changes.
const PREFIX: &str = "search-v2";

/// One shard's cache slot and key.
pub struct Cache {
    pub(super) file: std::path::PathBuf,
    pub(super) key: String,
}

impl Cache {
    /// The slot of shard `shard` of `shards` holding `docs` (URL, HTML).
    pub fn new(config: &Config, shard: usize, shards: usize, docs: &[(String, &[u8])]) -> Cache {
        let mut h = blake3::Hasher::new();
        h.update(b"pagefind 1.6 extended\0");
        h.update(config.language.as_bytes());
        h.update(&(shard as u64).to_le_bytes());
        h.update(&(shards as u64).to_le_bytes());
        for (url, html) in docs {
            h.update(&(url.len() as u64).to_le_bytes());
            h.update(url.as_bytes());
            h.update(&(html.len() as u64).to_le_bytes());
            h.update(html);
        }
        // One set of slots per audience: districts often build both.
        let audience = format!("{:?}", config.audience).to_lowercase();
        Cache {
            file: dir(config).join(format!("{PREFIX}-{audience}-{shard}-of-{shards}.bin")),
            key: h.finalize().to_hex().to_string(),
        }
    }

    /// The cached bundle, when the key matches and the file is whole.
    pub fn get(&self) -> Option<Vec<(String, Content)>> {
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

    /// Saves `files` under this key.
    pub fn put(&self, files: &[(String, Content)]) -> Result<(), crate::fs::FsError> {
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

/// The cache folder.
fn dir(config: &Config) -> std::path::PathBuf {
    config.root.join(".krufolio-cache")
}

/// Removes this audience's slots of other shard counts (left when a site grows or shrinks
/// past a shard boundary). Only krufolio's own `search-v2-…` files are touched.
pub fn prune(config: &Config, shards: usize) {
    let audience = format!("{:?}", config.audience).to_lowercase();
    let mine = format!("{PREFIX}-{audience}-");
    let keep = format!("-of-{shards}.bin");
    let Ok(entries) = std::fs::read_dir(dir(config)) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(&mine) && name.ends_with(".bin") && !name.ends_with(&keep) {
            let _ = std::fs::remove_file(e.path());
        }
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
