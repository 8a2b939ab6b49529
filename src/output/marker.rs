//! The marker file ([`MARKER`]) krufolio keeps in every output folder it
//! makes: the files the build wrote (each with the blake3 of its content,
//! empty for a copied file), so the next build knows which other files are
//! the user's, and `deploy` what to publish.
//!
//! A district's output lists 188,000 paths (issue 11), so a marker is read
//! as its paths only, all in one string ([`Paths`]): the hashes are written
//! for people and tools, and no build reads them back (a file is compared by
//! its bytes). The marker is written streamed, never first made whole.

use std::path::Path;

use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::config::Audience;

/// The marker file krufolio keeps in every output folder it creates.
pub const MARKER: &str = ".krufolio-output.json";

/// A marker as read.
#[derive(Debug, Default, Deserialize)]
pub(super) struct Marker {
    /// Required (`krufolio <version>`), not used.
    #[serde(rename = "generator")]
    _generator: IgnoredAny,
    /// Set while a buffer is being updated; a dirty buffer is never reused.
    #[serde(default)]
    pub dirty: bool,
    /// Who the build was for (`public` or `review`; absent in markers of
    /// older builds), so `deploy` never publishes a review build.
    #[serde(default)]
    pub audience: Option<Audience>,
    /// Every file the build wrote (shared when two markers list the same).
    #[serde(deserialize_with = "shared")]
    pub files: std::sync::Arc<Paths>,
}

fn shared<'de, D: Deserializer<'de>>(d: D) -> Result<std::sync::Arc<Paths>, D::Error> {
    Paths::deserialize(d).map(std::sync::Arc::new)
}

/// Sorted, distinct `/`-separated paths, kept in one string.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Paths {
    text: String,
    /// Where each path ends in `text`.
    ends: Vec<usize>,
}

impl Paths {
    /// The paths, sorted and without repeats.
    pub(super) fn new<S: AsRef<str>>(mut paths: Vec<S>) -> Paths {
        if !paths.windows(2).all(|w| w[0].as_ref() < w[1].as_ref()) {
            paths.sort_by(|a, b| a.as_ref().cmp(b.as_ref()));
            paths.dedup_by(|a, b| a.as_ref() == b.as_ref());
        }
        let mut p = Paths::default();
        for s in &paths {
            p.text.push_str(s.as_ref());
            p.ends.push(p.text.len());
        }
        p
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    /// Whether `path` is one of them.
    pub(super) fn contains(&self, path: &str) -> bool {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.get(mid).cmp(path) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }

    /// The paths, in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

impl<'de> Deserialize<'de> for Paths {
    /// The keys of a JSON object (its values, the hashes, are skipped).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Paths, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = Vec<String>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of file paths")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vec<String>, A::Error> {
                let mut keys = Vec::with_capacity(map.size_hint().unwrap_or(0));
                while let Some((k, IgnoredAny)) = map.next_entry::<String, IgnoredAny>()? {
                    keys.push(k);
                }
                Ok(keys)
            }
        }
        // One path at a time into the shared string: the short-lived
        // `String` of each key is freed before the next.
        let keys = d.deserialize_map(Keys)?;
        Ok(Paths::new(keys))
    }
}

/// Reads the marker of the output folder `dir`; `None` when it has none
/// (or one that is not krufolio's).
pub(super) fn read(dir: &Path) -> Option<Marker> {
    // Read whole first: serde_json parses a slice several times faster than a reader.
    let bytes = std::fs::read(dir.join(MARKER)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// A blake3 hash, written as hex; `None` (a copied file) as `""`.
struct Hex<'a>(Option<&'a [u8; 32]>);

impl Serialize for Hex<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(h) => s.serialize_str(blake3::Hash::from_bytes(*h).to_hex().as_str()),
            None => s.serialize_str(""),
        }
    }
}

/// A file of a marker being written: its path and hash (`None`: copied).
pub(super) type Entry<'a> = (&'a str, Option<[u8; 32]>);

/// The files of a marker being written.
struct Listed<'a>(&'a [Entry<'a>]);

impl Serialize for Listed<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, h)| (k, Hex(h.as_ref()))))
    }
}

#[derive(Serialize)]
struct Written<'a> {
    generator: &'a str,
    dirty: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    audience: Option<Audience>,
    files: Listed<'a>,
}

/// Writes the marker of a build for `audience` into `dir`, listing `files`
/// (sorted paths, each with its hash; `None` for a copied file); `dirty`
/// for a buffer being changed.
pub(super) fn write(
    dir: &Path,
    dirty: bool,
    audience: Option<Audience>,
    files: &[Entry<'_>],
) -> anyhow::Result<()> {
    let generator = if dirty { "" } else { concat!("krufolio ", env!("CARGO_PKG_VERSION")) };
    let marker = Written { generator, dirty, audience, files: Listed(files) };
    let path = dir.join(MARKER);
    super::stage::clear_folder(&path)?;
    crate::fs::write_atomic_with(&path, |w| serde_json::to_writer_pretty(w, &marker).map_err(Into::into))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_sorted_and_found() {
        let p = Paths::new(vec!["b/x.html", "a.html", "ก/ข.jpg", "a.html"]);
        assert_eq!(p.iter().collect::<Vec<_>>(), ["a.html", "b/x.html", "ก/ข.jpg"]);
        assert!(p.contains("ก/ข.jpg") && p.contains("a.html") && p.contains("b/x.html"));
        assert!(!p.contains("b") && !p.contains("") && !p.contains("c.html"));
        assert!(!Paths::default().contains("a"));
    }

    #[test]
    fn a_written_marker_reads_back_with_its_paths() {
        let d = tempfile::tempdir().unwrap();
        let h = *blake3::hash(b"x").as_bytes();
        write(d.path(), false, Some(Audience::Review), &[("index.html", Some(h)), ("ภาพ/รูป.jpg", None)])
            .unwrap();
        let text = std::fs::read_to_string(d.path().join(MARKER)).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["files"]["index.html"], blake3::hash(b"x").to_hex().as_str());
        assert_eq!(json["files"]["ภาพ/รูป.jpg"], "");
        assert_eq!(json["audience"], "review");
        let m = read(d.path()).unwrap();
        assert!(!m.dirty);
        assert_eq!(m.audience, Some(Audience::Review));
        assert_eq!(m.files.iter().collect::<Vec<_>>(), ["index.html", "ภาพ/รูป.jpg"]);
    }

    #[test]
    fn a_marker_without_generator_or_files_is_not_ours() {
        let d = tempfile::tempdir().unwrap();
        for text in ["{}", r#"{"files":{}}"#, r#"{"generator":"x"}"#, "not json"] {
            std::fs::write(d.path().join(MARKER), text).unwrap();
            assert!(read(d.path()).is_none(), "{text}");
        }
        std::fs::write(d.path().join(MARKER), r#"{"generator":"x","files":{"b":"","a":"h"}}"#).unwrap();
        assert_eq!(read(d.path()).unwrap().files.iter().collect::<Vec<_>>(), ["a", "b"]);
    }
}
