//! `serve`'s search index, made in the background: a rebuild swaps the new
//! pages in and reloads the browser at once; this thread then indexes the
//! latest pages (only the shards whose pages changed, see
//! [`crate::search::cache`]) and swaps the bundle in when it is ready. Until
//! then the last bundle keeps answering, so search works throughout. Jobs
//! that arrive while one runs are coalesced: only the newest pages are indexed.

use std::sync::mpsc;
use std::sync::Arc;
use std::time::Instant;

use crate::config::Config;
use crate::output::Output;
use crate::render::RenderedFile;

use super::State;

/// Pages to index.
struct Job {
    config: Arc<Config>,
    pages: Arc<Vec<RenderedFile>>,
}

/// The handle of the indexing thread.
pub(super) struct Indexer {
    tx: mpsc::Sender<Job>,
    last: Option<Arc<Vec<RenderedFile>>>,
}

impl Indexer {
    /// Starts the thread; it ends when the handle is dropped.
    pub(super) fn start(state: Arc<State>) -> Indexer {
        let (tx, rx) = mpsc::channel::<Job>();
        std::thread::spawn(move || {
            while let Ok(mut job) = rx.recv() {
                // Newer pages make older jobs moot.
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                run(&state, job);
            }
        });
        Indexer { tx, last: None }
    }

    /// Queues `pages` unless they are the pages already queued.
    pub(super) fn submit(&mut self, job: Option<(Arc<Config>, Arc<Vec<RenderedFile>>)>) {
        let Some((config, pages)) = job else { return };
        if self.last.as_ref().is_some_and(|l| Arc::ptr_eq(l, &pages)) {
            return;
        }
        self.last = Some(pages.clone());
        let _ = self.tx.send(Job { config, pages });
    }
}

fn run(state: &State, job: Job) {
    let started = Instant::now();
    match crate::build::index_pages(&job.config, &job.pages) {
        Ok((files, stats)) => {
            let bundle = Output { files: files.into_iter().collect() };
            state.snap.write().expect("snapshot lock").search = Arc::new(bundle);
            println!(
                "ดัชนีค้นหาพร้อมใน {} ms ({} หน้า, ทำใหม่ {} จาก {} ชุด) / search index ready: {} pages, {} of {} shards re-indexed",
                started.elapsed().as_millis(),
                stats.pages,
                stats.shards - stats.cached,
                stats.shards,
                stats.pages,
                stats.shards - stats.cached,
                stats.shards
            );
        }
        Err(e) => super::print_error(&e),
    }
}
