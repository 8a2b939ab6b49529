//! Making the output swap safe against `kill -9` and against a second
//! build running at the same time.
//!
//! - A lock file beside the output (`.<name>.krufolio-lock`) lets one
//!   build write at a time; the next one says it waits, then waits.
//! - Before krufolio moves anything of the live output (the user's own
//!   files it carries into the staging folder, or the output folder itself),
//!   it writes a journal (`.<name>.krufolio-journal.json`, atomically) naming
//!   the staging folder, where the old output goes and the files carried.
//! - Every build (and `serve`) first replays a journal left by a killed
//!   build: the output folder is put back (the finished staging folder, or
//!   the old output), and the carried files are moved back into it; then
//!   staging folders of dead processes are removed.

use std::fs::File;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Where one output folder's helpers live: all beside it, in its parent.
#[derive(Debug, Clone)]
pub struct Place {
    /// The output folder.
    pub out: PathBuf,
    /// Its parent.
    pub parent: PathBuf,
    /// Its name.
    pub name: String,
}

impl Place {
    /// The place of an output folder (which must have a parent and a name).
    pub fn new(out: &Path) -> anyhow::Result<Place> {
        use anyhow::Context as _;
        let parent = out.parent().context("output folder has no parent")?.to_path_buf();
        let name = out.file_name().context("output folder has no name")?.to_string_lossy().into_owned();
        Ok(Place { out: out.to_path_buf(), parent, name })
    }

    fn beside(&self, what: &str) -> PathBuf {
        self.parent.join(format!(".{}.krufolio-{what}", self.name))
    }

    /// The second buffer: the output before last.
    pub fn prev(&self) -> PathBuf {
        self.beside("prev")
    }

    /// The staging folder of process `pid`.
    pub fn staging(&self, pid: u32) -> PathBuf {
        self.beside(&format!("tmp-{pid}"))
    }

    /// Where process `pid` moves the live output when the buffer is taken.
    pub fn old(&self, pid: u32) -> PathBuf {
        self.beside(&format!("old-{pid}"))
    }

    /// The journal of a build that is moving things (gone when it is done).
    pub fn journal(&self) -> PathBuf {
        self.beside("journal.json")
    }

    fn lock_file(&self) -> PathBuf {
        self.beside("lock")
    }
}

/// What a build is about to move; written before the first move.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Journal {
    /// The staging folder (a name in the output's parent).
    pub staging: String,
    /// Where the live output goes in the swap (a name in the parent).
    pub aside: Option<String>,
    /// The user's files carried from the output into the staging folder.
    pub carried: Vec<String>,
}

fn name_of(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

impl Journal {
    /// A journal for moving user files from the output into `staging`.
    pub fn new(staging: &Path, aside: Option<&Path>, carried: Vec<String>) -> Journal {
        Journal { staging: name_of(staging), aside: aside.map(name_of), carried }
    }

    /// Writes the journal atomically and synced to disk
    /// ([`crate::fs::write_atomic_durable`]).
    pub fn save(&self, place: &Place) -> anyhow::Result<()> {
        crate::fs::write_atomic_durable(&place.journal(), &serde_json::to_vec_pretty(self)?)?;
        Ok(())
    }
}

/// Removes the journal once the swap is complete.
pub fn finish(place: &Place) {
    let _ = std::fs::remove_file(place.journal());
}

/// An exclusive lock on one output folder, released on drop.
pub struct Lock {
    file: File,
    path: PathBuf,
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removing the file while holding the lock is safe: a waiting build
        // checks, once it holds its lock, that the file is still the one on disk.
        if cfg!(unix) {
            let _ = std::fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, _: &Path) -> bool {
    true
}

/// Takes the output folder's lock, waiting (and saying so) while another
/// krufolio build holds it.
pub fn lock(place: &Place) -> anyhow::Result<Lock> {
    let path = place.lock_file();
    let mut said = false;
    loop {
        let file =
            std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(
                |e| crate::fs::FsError::new("สร้างไฟล์ล็อกไม่ได้", "cannot create lock file", &path, e),
            )?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                if !said {
                    eprintln!(
                        "รอ: krufolio อีกตัวกำลังเขียน {} อยู่ จะเริ่มเมื่อตัวนั้นเสร็จ / waiting: another krufolio build is writing {}",
                        place.out.display(),
                        place.out.display()
                    );
                    said = true;
                }
                file.lock()
                    .map_err(|e| crate::fs::FsError::new("ล็อกไฟล์ไม่ได้", "cannot lock file", &path, e))?;
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(crate::fs::FsError::new("ล็อกไฟล์ไม่ได้", "cannot lock file", &path, e).into())
            }
        }
        if same_file(&file, &path) {
            return Ok(Lock { file, path });
        }
        // The holder removed the file as it finished: lock the new one.
    }
}

fn exists(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok()
}

/// Replays a journal left by a killed build (the caller holds the lock):
/// the output folder is put back and the carried user files are moved back
/// into it. Returns the files put back.
pub fn recover(place: &Place) -> anyhow::Result<Vec<String>> {
    let Ok(text) = std::fs::read_to_string(place.journal()) else { return Ok(Vec::new()) };
    let journal: Journal = serde_json::from_str(&text).unwrap_or_default();
    let staging = (!journal.staging.is_empty()).then(|| place.parent.join(&journal.staging));
    let aside = journal.aside.as_ref().map(|a| place.parent.join(a));
    if !exists(&place.out) {
        // Killed between the two renames of the swap.
        match (&staging, &aside) {
            (Some(s), _) if s.is_dir() && super::marker::read(s).is_some_and(|m| !m.dirty) => {
                crate::fs::rename(s, &place.out)?
            }
            (_, Some(a)) if a.is_dir() => crate::fs::rename(a, &place.out)?,
            _ => crate::fs::create_dir_all(&place.out)?,
        }
    }
    let mut restored = Vec::new();
    if let Some(s) = staging.as_ref().filter(|s| s.is_dir()) {
        for rel in &journal.carried {
            let (from, to) = (s.join(rel), place.out.join(rel));
            if exists(&from) && !exists(&to) {
                if let Some(dir) = to.parent() {
                    crate::fs::create_dir_all(dir)?;
                }
                crate::fs::rename(&from, &to)?;
                restored.push(rel.clone());
            }
        }
        crate::fs::remove_dir_all(s)?;
    }
    if let Some(a) = aside.filter(|a| a.is_dir() && name_of(a).contains(".krufolio-old-")) {
        crate::fs::remove_dir_all(&a)?;
    }
    finish(place);
    Ok(restored)
}

#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(pid) = i32::try_from(pid) else { return false };
    // SAFETY: signal 0 only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn alive(_: u32) -> bool {
    false // only reached while holding the lock
}

/// True when a folder holds krufolio's marker, or nothing but krufolio's
/// temporary files (a build killed before its marker was written).
fn ours(dir: &Path) -> bool {
    if dir.join(super::MARKER).is_file() {
        return true;
    }
    super::relative_files(dir)
        .iter()
        .all(|rel| crate::fs::is_temp_name(rel.rsplit('/').next().unwrap_or(rel)))
}

/// Removes the staging and old-output folders of krufolio processes that
/// are gone (after [`recover`] put back any user files). Returns their names.
pub fn clean_stale(place: &Place) -> Vec<PathBuf> {
    let me = std::process::id();
    let mut removed = Vec::new();
    crate::fs::remove_stale_temps(&place.journal());
    let Ok(entries) = std::fs::read_dir(&place.parent) else { return removed };
    let prefix = format!(".{}.krufolio-", place.name);
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else { continue };
        let pid = rest
            .strip_prefix("tmp-")
            .or_else(|| rest.strip_prefix("old-"))
            .and_then(|p| p.parse::<u32>().ok());
        let Some(pid) = pid else { continue };
        let path = entry.path();
        if pid == me || alive(pid) || !path.is_dir() || !ours(&path) {
            continue;
        }
        if std::fs::remove_dir_all(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(dir: &Path) -> Place {
        Place::new(&dir.join("public")).unwrap()
    }

    #[test]
    fn replays_a_swap_killed_between_its_renames() {
        let tmp = tempfile::tempdir().unwrap();
        let p = place(tmp.path());
        let staging = p.staging(999_999_999);
        std::fs::create_dir_all(staging.join(".git")).unwrap();
        std::fs::write(staging.join(".git/HEAD"), "ref").unwrap();
        std::fs::write(staging.join(super::super::MARKER), r#"{"generator":"krufolio","files":{}}"#).unwrap();
        std::fs::create_dir_all(p.prev()).unwrap();
        Journal::new(&staging, Some(&p.prev()), vec![".git/HEAD".into()]).save(&p).unwrap();
        // public/ is gone: the finished staging folder becomes the output.
        let restored = recover(&p).unwrap();
        assert!(restored.is_empty());
        assert_eq!(std::fs::read_to_string(p.out.join(".git/HEAD")).unwrap(), "ref");
        assert!(!staging.exists());
        assert!(!p.journal().exists());
    }

    #[test]
    fn moves_carried_files_back_and_cleans_dead_staging() {
        let tmp = tempfile::tempdir().unwrap();
        let p = place(tmp.path());
        std::fs::create_dir_all(&p.out).unwrap();
        let staging = p.staging(999_999_998);
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::write(staging.join("CNAME"), "pa.example").unwrap();
        Journal::new(&staging, Some(&p.prev()), vec!["CNAME".into(), "gone".into()]).save(&p).unwrap();
        assert_eq!(recover(&p).unwrap(), vec!["CNAME".to_string()]);
        assert_eq!(std::fs::read_to_string(p.out.join("CNAME")).unwrap(), "pa.example");
        // A dead process's staging folder with our marker is removed; a live one is kept.
        let dead = p.staging(999_999_997);
        std::fs::create_dir_all(&dead).unwrap();
        std::fs::write(dead.join(super::super::MARKER), "{}").unwrap();
        let mine = p.staging(std::process::id());
        std::fs::create_dir_all(&mine).unwrap();
        let foreign = p.staging(999_999_996);
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("thesis.docx"), "mine").unwrap();
        assert_eq!(clean_stale(&p), vec![dead.clone()]);
        assert!(mine.exists() && foreign.exists());
    }

    #[test]
    fn a_second_lock_waits_for_the_first() {
        let tmp = tempfile::tempdir().unwrap();
        let p = place(tmp.path());
        let first = lock(&p).unwrap();
        let p2 = p.clone();
        let waiter = std::thread::spawn(move || {
            let started = std::time::Instant::now();
            let _second = lock(&p2).unwrap();
            started.elapsed()
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(first);
        assert!(waiter.join().unwrap() >= std::time::Duration::from_millis(250));
    }
}
