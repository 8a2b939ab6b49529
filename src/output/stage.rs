//! Staging: the new output tree is written into a folder beside the output
//! folder, then swapped in ([`super`]'s invariants). A [`Stager`] is opened
//! before the pages are rendered, so `build` can hand each page over as it
//! is made ([`Stager::put`]) and hold only its hash: a district's 80,000
//! pages never sit in memory together. [`Stager::finish`] stages the rest
//! of the tree, carries the user's files over and swaps the folders; a
//! stager dropped unfinished removes its staging folder and leaves the
//! output as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::{bail, Context as _};
use rayon::prelude::*;

use super::{
    files_and_empty_folders, hash_hex, is_empty_dir, journal, location, read_marker, relative_files, repair,
    write_marker, Content, Marker, Output, WriteReport, MARKER,
};
use crate::config::{Audience, Config};

/// An open staging folder beside the output, under the output's lock.
pub struct Stager {
    place: journal::Place,
    _lock: journal::Lock,
    audience: Audience,
    tmp: PathBuf,
    /// Where the live output goes at the swap (none when there is none).
    aside: Option<PathBuf>,
    /// The live output is not krufolio's (`--force`): it is kept as a backup.
    foreign: bool,
    live: Option<Marker>,
    buffer: Marker,
    written: AtomicUsize,
    report: WriteReport,
    done: bool,
}

impl Stager {
    /// Checks the output folder, takes its lock, repairs what an
    /// interrupted build left, and starts the staging folder (recycling the
    /// output before last). Refuses a folder krufolio did not make unless
    /// `--force`.
    pub fn open(config: &Config) -> anyhow::Result<Stager> {
        location::check(config)?;
        let out = &config.output_dir;
        let place = journal::Place::new(out)?;
        crate::fs::create_dir_all(&place.parent)?;
        let lock = journal::lock(&place)?;
        let mut report = WriteReport::default();
        repair(&place, &mut report)?;
        let exists = out.exists();
        if exists && !out.is_dir() {
            bail!(
                "{} มีอยู่แล้วและไม่ใช่โฟลเดอร์ ให้ย้ายออกหรือใช้ --output อื่น / {} exists and is not a folder; move it or use another --output",
                out.display(),
                out.display()
            );
        }
        let live = if exists { read_marker(out) } else { None };
        let foreign = exists && live.is_none() && !is_empty_dir(out);
        if foreign && !config.force {
            bail!(
                "ไม่ยอมแทนที่โฟลเดอร์ {} เพราะไม่ได้สร้างโดย krufolio (ไม่มีไฟล์ {MARKER}) ถ้าแน่ใจให้ใช้ --force (ของเดิมจะถูกย้ายไปเก็บสำรอง ไม่ถูกลบ) / \
                 refusing to replace {}: krufolio did not create it (no {MARKER}); use --force to replace it (the old folder is kept as a backup)",
                out.display(),
                out.display()
            );
        }
        let pid = std::process::id();
        let prev = place.prev();
        let tmp = place.staging(pid);
        let buffer = acquire_buffer(&prev, &tmp)?;
        let aside = if !exists {
            None
        } else if foreign {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs())
                .unwrap_or(0);
            Some(place.parent.join(format!("{}.backup-{secs}", place.name)))
        } else if !prev.exists() {
            Some(prev.clone())
        } else {
            Some(place.old(pid))
        };
        let stager = Stager {
            place,
            _lock: lock,
            audience: config.audience,
            tmp,
            aside,
            foreign,
            live,
            buffer,
            written: AtomicUsize::new(0),
            report,
            done: false,
        };
        // A buffer being changed is never reused (see `acquire_buffer`).
        let dirty = Marker { generator: String::new(), dirty: true, audience: None, files: BTreeMap::new() };
        write_marker(&stager.tmp, &dirty)?;
        Ok(stager)
    }

    /// Stages one generated file now and returns its hash, for
    /// [`Content::Staged`]: kept when the buffer already holds it,
    /// hard-linked when the live output does, written otherwise.
    pub fn put(&self, rel: &str, bytes: &std::sync::Arc<[u8]>) -> anyhow::Result<String> {
        location::check_keys([&rel.to_string()])?;
        self.stage_one(rel, &Content::Bytes(bytes.clone()))
    }

    fn stage_one(&self, rel: &str, content: &Content) -> anyhow::Result<String> {
        let in_live = self.live.as_ref().is_some_and(|m| m.files.contains_key(rel));
        let in_buffer = self.buffer.files.contains_key(rel);
        let out = &self.place.out;
        stage_file(rel, content, out, &self.tmp, in_live, in_buffer, &self.written)
    }

    /// Stages the rest of `output` (every path it holds that was not
    /// [`put`](Self::put)), carries the user's files over, writes the
    /// marker and swaps the staged tree in.
    pub fn finish(mut self, output: &Output) -> anyhow::Result<WriteReport> {
        location::check_keys(output.files.keys())?;
        let mut report = std::mem::take(&mut self.report);
        report.total = output.files.len();
        let out = self.place.out.clone();
        let tmp = self.tmp.clone();
        let result = (|| -> anyhow::Result<()> {
            let files = self.stage_all(output)?;
            report.written = self.written.load(Ordering::Relaxed);
            let carried = match &self.live {
                Some(live) => user_files(&out, live, output)?,
                None => Vec::new(),
            };
            // The journal goes first: from here on, a kill leaves a record.
            journal::Journal::new(&tmp, self.aside.as_deref(), carried.clone()).save(&self.place)?;
            for rel in carried {
                crate::fs::create_dir_all(tmp.join(&rel).parent().unwrap_or(&tmp))?;
                crate::fs::rename(&out.join(&rel), &tmp.join(&rel))?;
                report.kept.push(rel);
            }
            let generator = concat!("krufolio ", env!("CARGO_PKG_VERSION")).to_string();
            write_marker(&tmp, &Marker { generator, dirty: false, audience: Some(self.audience), files })
        })();
        self.done = true;
        if let Err(e) = result {
            // Put back anything we moved, then drop the (krufolio-owned) staging folder.
            for rel in &report.kept {
                let _ = std::fs::rename(tmp.join(rel), out.join(rel));
            }
            let _ = std::fs::remove_dir_all(&tmp);
            journal::finish(&self.place);
            return Err(e);
        }
        swap(&self.place, &tmp, self.aside.as_deref(), self.foreign, &mut report)?;
        journal::finish(&self.place);
        Ok(report)
    }

    /// Stages every file of `output` not staged yet and removes what the
    /// buffer's build had and this one has not: the marker's file list.
    fn stage_all(&self, output: &Output) -> anyhow::Result<BTreeMap<String, String>> {
        let files: BTreeMap<String, String> = output
            .files
            .par_iter()
            .map(|(rel, content)| Ok((rel.clone(), self.stage_one(rel, content)?)))
            .collect::<anyhow::Result<_>>()?;
        let tmp = &self.tmp;
        for rel in self.buffer.files.keys().filter(|r| !output.files.contains_key(*r)) {
            let p = tmp.join(rel);
            if p.is_file() {
                std::fs::remove_file(&p)
                    .with_context(|| format!("ลบไฟล์เก่าไม่ได้ / cannot remove {}", p.display()))?;
            }
            // The folders the removal emptied go too, up to the first that
            // still holds something (a cold build removes nothing, so it
            // walks no folder).
            for dir in p.ancestors().skip(1).take_while(|d| d.starts_with(tmp) && *d != tmp.as_path()) {
                if std::fs::remove_dir(dir).is_err() {
                    break; // only succeeds when empty
                }
            }
        }
        Ok(files)
    }
}

impl Drop for Stager {
    /// An unfinished stager (a build that failed after it opened) removes
    /// its staging folder; the output folder was never touched.
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Writes `bytes` at `path` in the staging folder: in place when nothing is
/// there, else over it with the one atomic writer, so an inode shared
/// (hard-linked) with the live output is never modified.
pub(super) fn replace_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    // The staging folder is krufolio's own and unread until it is renamed
    // into place, so a new file needs no temporary name and rename.
    if crate::fs::create_new(path, bytes)? {
        return Ok(());
    }
    clear_folder(path)?;
    crate::fs::write_atomic(path, bytes)?;
    Ok(())
}

/// Replaces `path` with the file `make` creates at a temporary path
/// ([`crate::fs::replace_atomic`]).
fn replace(path: &Path, make: impl FnMut(&Path) -> Result<(), crate::fs::FsError>) -> anyhow::Result<()> {
    clear_folder(path)?;
    crate::fs::replace_atomic(path, make)?;
    Ok(())
}

/// Removes a folder in the (krufolio-owned) buffer where a file now belongs.
fn clear_folder(path: &Path) -> anyhow::Result<()> {
    if path.is_dir() {
        crate::fs::remove_dir_all(path)?;
    }
    Ok(())
}

/// True when the file at `path` holds exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|b| b == bytes)
        }
        _ => false,
    }
}

/// Takes the previous buffer as the staging folder when it is clean and
/// holds only krufolio's files; otherwise starts an empty one.
fn acquire_buffer(prev: &Path, tmp: &Path) -> anyhow::Result<Marker> {
    if tmp.exists() {
        crate::fs::remove_dir_all(tmp)?; // ours: the name carries our pid
    }
    if prev.is_dir() {
        match read_marker(prev) {
            Some(m) if m.dirty => crate::fs::remove_dir_all(prev)?,
            Some(m) => {
                let unknown = relative_files(prev).iter().any(|f| f != MARKER && !m.files.contains_key(f));
                if !unknown {
                    crate::fs::rename(prev, tmp)?;
                    return Ok(m);
                }
                // Someone put files there: leave the folder alone.
            }
            None => {}
        }
    }
    crate::fs::create_dir_all(tmp)?;
    Ok(Marker::default())
}

/// Swaps the staged tree in: live → `aside` (buffer, backup or a folder to
/// remove), staging → live.
fn swap(
    place: &journal::Place,
    tmp: &Path,
    aside: Option<&Path>,
    foreign: bool,
    report: &mut WriteReport,
) -> anyhow::Result<()> {
    let out = &place.out;
    let Some(aside) = aside else {
        crate::fs::rename(tmp, out)?;
        return Ok(());
    };
    crate::fs::rename(out, aside)?;
    if let Err(e) = crate::fs::rename(tmp, out) {
        let _ = std::fs::rename(aside, out);
        return Err(e.into());
    }
    if foreign {
        report.backup = Some(aside.to_path_buf());
    } else if aside != place.prev() {
        crate::fs::remove_dir_all(aside)?;
    }
    Ok(())
}

/// The user's own files in our live output: everything its marker does not
/// list, and its empty folders (krufolio writes files only, so an empty
/// folder in its output is someone else's, carried like their files and
/// never deleted). A user file where the build writes the same path is an error.
fn user_files(out: &Path, live: &Marker, output: &Output) -> anyhow::Result<Vec<String>> {
    let mut rels = Vec::new();
    let (files, empty) = files_and_empty_folders(out);
    for rel in files {
        if rel == MARKER || live.files.contains_key(&rel) {
            continue;
        }
        if output.files.contains_key(&rel) {
            bail!(
                "ไฟล์ {rel} ในโฟลเดอร์ผลลัพธ์ไม่ได้สร้างโดย krufolio แต่ชื่อชนกับไฟล์ที่จะสร้าง ย้ายไฟล์นั้นออกก่อน / \
                 {rel} in the output folder was not written by krufolio but the build writes the same path; move it away first"
            );
        }
        rels.push(rel);
    }
    for rel in empty {
        if output.files.contains_key(&rel) {
            bail!(
                "โฟลเดอร์ว่าง {rel} ในโฟลเดอร์ผลลัพธ์ไม่ได้สร้างโดย krufolio แต่ชื่อชนกับไฟล์ที่จะสร้าง ย้ายออกก่อน / \
                 the empty folder {rel} in the output folder was not made by krufolio but the build writes a file there; move it away first"
            );
        }
        // A folder the build writes into is in the new output anyway.
        let inside = format!("{rel}/");
        if !output.files.range(inside.clone()..).next().is_some_and(|(f, _)| f.starts_with(&inside)) {
            rels.push(rel);
        }
    }
    Ok(rels)
}

/// Stages one file: kept when the buffer already holds it, hard-linked from
/// the live output when unchanged there, written otherwise. Returns the
/// marker's hash for it.
fn stage_file(
    rel: &str,
    content: &Content,
    out: &Path,
    tmp: &Path,
    in_live: bool,
    in_buffer: bool,
    written: &std::sync::atomic::AtomicUsize,
) -> anyhow::Result<String> {
    if let Content::Staged(hash) = content {
        return Ok(hash.clone()); // written by `Stager::put`
    }
    let dest = tmp.join(rel);
    let old = out.join(rel);
    if let Some(dir) = dest.parent() {
        if !dir.is_dir() {
            crate::fs::create_dir_all(dir)?;
        }
    }
    let count = || written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    match content {
        Content::Bytes(b) => {
            if !(in_buffer && holds(&dest, b)) {
                let linked = in_live
                    && holds(&old, b)
                    && replace(&dest, |tmp| crate::fs::hard_link(&old, tmp)).is_ok();
                if !linked {
                    count();
                    replace_file(&dest, b)?;
                }
            }
            Ok(hash_hex(b))
        }
        Content::Copy(src) => {
            if !(in_buffer && same_file_content(src, &dest)) {
                let from_live = in_live && same_file_content(src, &old);
                if !from_live {
                    count();
                }
                replace(&dest, |tmp| {
                    if from_live {
                        crate::fs::link_or_copy(&old, tmp)
                    } else {
                        crate::fs::copy(src, tmp)
                    }
                })?;
            }
            Ok(String::new())
        }
        Content::Staged(_) => unreachable!("returned above"),
    }
}

/// True when `old` (a previous output file) has the same size and content as `src`.
fn same_file_content(src: &Path, old: &Path) -> bool {
    let (Ok(a), Ok(b)) = (std::fs::metadata(src), std::fs::metadata(old)) else { return false };
    if a.len() != b.len() || !b.is_file() {
        return false;
    }
    // Same size and the copy is at least as new as the source: trust it for big files
    // (videos), otherwise compare hashes.
    if let (Ok(ms), Ok(mo)) = (a.modified(), b.modified()) {
        if mo >= ms && a.len() > 1 << 20 {
            return true;
        }
    }
    match (std::fs::read(src), std::fs::read(old)) {
        (Ok(x), Ok(y)) => blake3::hash(&x) == blake3::hash(&y),
        _ => false,
    }
}
