//! `krufolio deploy`: publishes the built output folder to an S3-compatible
//! bucket (Garage, MinIO, AWS S3, …) and uploads only what changed.
//!
//! Steps: the files the last build wrote (`output::built_files`; a folder
//! krufolio did not build is refused, and files it did not write are never
//! uploaded) are hashed with blake3 in parallel (`scan`); the previous
//! manifest (`.krufolio-deploy.json` under the prefix) is read and compared
//! ([`plan::plan`]); then, unless `--dry-run`, the manifest is rewritten as
//! *pending* ([`plan::pending`]), changed files are uploaded (files first,
//! pages last, large ones in parts, a progress bar on a terminal), objects
//! the previous manifest lists that the build no longer has are deleted, and
//! the finished manifest is written last. A deploy cut off anywhere leaves a
//! manifest that lists every object krufolio may have written, so nothing of
//! krufolio's is orphaned and nothing of anyone else's is ever deleted.

pub mod credentials;
pub mod plan;
pub mod store;

use std::path::{Path, PathBuf};

use futures_util::{StreamExt, TryStreamExt};
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use plan::{Change, Entry, Local, Plan};
use store::Target;

/// Uploads at once (small files; a large one also sends its parts in parallel).
const AT_ONCE: usize = 8;

/// What a deploy did (or, with `dry_run`, would do).
#[derive(Debug, Clone)]
pub struct Report {
    /// `s3://bucket/prefix`.
    pub target: String,
    /// The plan: uploaded, deleted, unchanged.
    pub plan: Plan,
    /// Nothing was changed.
    pub dry_run: bool,
    /// Files in the output folder that no build wrote (a `CNAME`, a `.git`): never uploaded.
    pub not_built: usize,
}

/// Deploys `config.output_dir` to `config.deploy`'s bucket; `var` reads the
/// environment (credentials only).
pub fn run(
    config: &Config,
    dry_run: bool,
    var: &dyn Fn(&str) -> Option<String>,
) -> Result<Report, Diagnostic> {
    let key = credentials::find(var).map_err(|t| Diagnostic::new("krufolio deploy", None, t.th, t.en))?;
    let target = Target::connect(&config.deploy, &key)?;
    let (local, not_built) = scan(&config.output_dir, &config.root)?;
    let runtime =
        tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().map_err(|e| {
            Diagnostic::new(
                "krufolio deploy",
                None,
                "เริ่มการเชื่อมต่อเครือข่ายไม่ได้",
                format!("cannot start the network runtime: {e}"),
            )
        })?;
    runtime.block_on(async {
        let prev = target.manifest().await?;
        let plan = plan::plan(&prev, local);
        if !dry_run && !plan.is_empty() {
            apply(&target, &prev, &plan).await?;
        }
        Ok(Report { target: target.shown(""), plan, dry_run, not_built })
    })
}

/// Uploads, deletes, and writes the manifest last.
async fn apply(target: &Target, prev: &plan::Manifest, plan: &Plan) -> Result<(), Diagnostic> {
    let generator = format!("krufolio {}", env!("CARGO_PKG_VERSION"));
    target.put_manifest(&plan::pending(prev, plan, &generator)).await?;
    let bar = progress(plan.upload_bytes());
    let sent = |n: u64| bar.inc(n);
    // Files first, then pages: each group finishes before the next begins.
    let (files, pages): (Vec<_>, Vec<_>) = plan.upload.iter().partition(|(l, _)| !l.path.ends_with(".html"));
    for group in [files, pages] {
        futures_util::stream::iter(
            group.into_iter().map(|(l, _)| target.upload(&l.path, &l.file, &l.entry, &sent)),
        )
        .buffer_unordered(AT_ONCE)
        .try_collect::<Vec<()>>()
        .await?;
    }
    bar.finish_and_clear();
    futures_util::stream::iter(plan.delete.iter().map(|p| target.delete(p)))
        .buffer_unordered(AT_ONCE)
        .try_collect::<Vec<()>>()
        .await?;
    target.put_manifest(&plan::finished(plan, prev, &generator)).await
}

/// A bar of bytes sent, on a terminal only.
fn progress(total: u64) -> indicatif::ProgressBar {
    if total == 0 || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template("อัปโหลด / uploading {bar:30} {bytes}/{total_bytes} ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// The built files of `out` with their hashes and headers, and how many
/// other files the folder holds.
fn scan(out: &Path, root: &Path) -> Result<(Vec<Local>, usize), Diagnostic> {
    let shown = out.strip_prefix(root).unwrap_or(out).to_path_buf();
    let files = match crate::output::built_files(out) {
        crate::output::Built::Files(f) => f,
        crate::output::Built::NotBuilt => return Err(not_built(&shown)),
        crate::output::Built::Unfinished => return Err(unfinished(&shown)),
        crate::output::Built::Review => return Err(review_build(&shown)),
    };
    if let Some(clash) = files.iter().find(|f| f.as_str() == plan::MANIFEST) {
        return Err(Diagnostic::new(
            shown.join(clash),
            None,
            "ชื่อไฟล์นี้ krufolio ใช้เก็บรายการไฟล์ที่อัปโหลด ให้เปลี่ยนชื่อ",
            "krufolio keeps its deploy manifest under this name: rename the file",
        ));
    }
    let local: Vec<Local> = files
        .par_iter()
        .map(|rel| {
            let file = out.join(rel);
            let (hash, size) = hash_file(&file).map_err(|e| Diagnostic::io(shown.join(rel), &e))?;
            let entry = Entry {
                hash,
                size,
                content_type: crate::output::mime::content_type(rel).to_string(),
                cache_control: plan::cache_control(rel).to_string(),
            };
            Ok(Local { path: rel.clone(), file, entry })
        })
        .collect::<Result<_, Diagnostic>>()?;
    let on_disk = walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .count();
    Ok((local, on_disk.saturating_sub(files.len() + 1)))
}

fn hash_file(file: &Path) -> Result<(String, u64), crate::fs::FsError> {
    let err = |e| crate::fs::FsError::new("อ่านไฟล์ไม่ได้", "cannot read the file", file, e);
    let f = std::fs::File::open(file).map_err(err)?;
    let size = f.metadata().map_err(err)?.len();
    let mut h = blake3::Hasher::new();
    h.update_reader(f).map_err(err)?;
    Ok((h.finalize().to_hex().to_string(), size))
}

fn not_built(shown: &PathBuf) -> Diagnostic {
    Diagnostic::new(
        shown,
        None,
        "โฟลเดอร์นี้ไม่ได้สร้างโดย krufolio build (หรือยังไม่มี) จึงไม่อัปโหลด",
        "this folder was not made by krufolio build (or does not exist), so nothing was uploaded",
    )
    .with_hint(
        "รัน krufolio build ก่อน แล้วจึง krufolio deploy",
        "run krufolio build first, then krufolio deploy",
    )
}

fn review_build(shown: &PathBuf) -> Diagnostic {
    Diagnostic::new(
        shown,
        None,
        "โฟลเดอร์นี้สร้างสำหรับพี่เลี้ยงและกรรมการ (--audience review) มีผลการตรวจและคะแนน จึงไม่เผยแพร่",
        "this folder is a review build (--audience review) with lint results and scores: it is never published",
    )
    .with_hint(
        "สร้างฉบับเผยแพร่ด้วย krufolio build (ไม่ใส่ --audience review) แล้วจึง deploy",
        "make the public build with krufolio build (without --audience review), then deploy",
    )
}

fn unfinished(shown: &PathBuf) -> Diagnostic {
    Diagnostic::new(
        shown,
        None,
        "การสร้างเว็บไซต์ครั้งล่าสุดไม่เสร็จ จึงไม่อัปโหลด",
        "the last build of this folder did not finish, so nothing was uploaded",
    )
    .with_hint("รัน krufolio build อีกครั้ง", "run krufolio build again")
}

/// What `--dry-run` and the report call each change.
pub fn change_word(c: Change) -> (&'static str, &'static str) {
    match c {
        Change::New => ("ใหม่", "new"),
        Change::Changed => ("เปลี่ยน", "changed"),
    }
}
