//! The CLI build's streaming of pages to disk: each page is masked (PDPA)
//! and written into the staging folder the moment it is rendered
//! ([`output::Stager::put`]), and the build keeps only its hash, plus the
//! bytes of pages the search index still has to read. `serve` never
//! streams: it serves its pages from memory.

use std::collections::HashMap;
use std::sync::Mutex;

use crate::diagnostic::Diagnostic;
use crate::output::{self, Content};
use crate::render::{RenderedFile, Spill};

/// A [`Spill`] that writes every rendered file into a [`output::Stager`].
pub(super) struct Streamer {
    stager: output::Stager,
    /// Keep the bytes of pages the search index reads.
    search: bool,
    hashes: Mutex<HashMap<String, [u8; 32]>>,
    masked: Mutex<Vec<(String, usize)>>,
    failed: Mutex<Vec<Diagnostic>>,
}

impl Streamer {
    /// Streams into `stager`; `search`: the build indexes its pages.
    pub(super) fn new(stager: output::Stager, search: bool) -> Streamer {
        Streamer {
            stager,
            search,
            hashes: Mutex::default(),
            masked: Mutex::default(),
            failed: Mutex::default(),
        }
    }

    /// What the output holds for a rendered page: the staged file, or its
    /// bytes when it was not streamed.
    pub(super) fn content(&self, rel: &str, bytes: &std::sync::Arc<[u8]>) -> Content {
        match lock(&self.hashes).get(rel) {
            Some(hash) => Content::Staged(*hash),
            None => Content::Bytes(bytes.clone()),
        }
    }

    /// What the masking pass masked, sorted like `mask_files`.
    pub(super) fn masked(&self) -> Vec<(String, usize)> {
        let mut m = lock(&self.masked).clone();
        m.sort();
        m
    }

    /// The files that could not be written, as build errors.
    pub(super) fn failures(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut *lock(&self.failed))
    }

    /// The stager, to finish the write.
    pub(super) fn into_stager(self) -> output::Stager {
        self.stager
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Spill for Streamer {
    fn spill(&self, file: &mut RenderedFile) {
        let (rel, bytes) = file;
        // PDPA: masked before anything (the disk, the index) sees it.
        if let Some(n) = crate::privacy::mask::mask_file(rel, bytes) {
            lock(&self.masked).push((rel.clone(), n));
        }
        match self.stager.put(rel, bytes) {
            Ok(hash) => {
                lock(&self.hashes).insert(rel.clone(), hash);
                if !(self.search && crate::search::indexed(rel)) {
                    *bytes = std::sync::Arc::from(&[][..]);
                }
            }
            Err(e) => lock(&self.failed).push(Diagnostic::new(
                rel.as_str(),
                None,
                "เขียนไฟล์ผลลัพธ์ไม่ได้",
                format!("cannot write this output file: {e:#}"),
            )),
        }
    }
}
