//! `krufolio fix [SLUG…] [--out DIR] [--dry-run]`: fixed copies of the media files lint
//! complains about, in the spirit of `ruff --fix`. An original is never touched.
//!
//! For each video and HEIC photo of the portfolios (all, or the slugs given), [`decide`]
//! picks what to do from the probe and the file's boxes:
//!
//! - an MP4/MOV with H.264 + AAC whose index (`moov`) is after the media data: moved to
//!   the front losslessly, in Rust ([`crate::assets::faststart`]);
//! - a HEIC photo: an upright, location-free JPEG ([`crate::assets::heic`], the route
//!   `build` takes too);
//! - a MOV, AVI, WMV, MKV… or an HEVC/other-codec MP4: a DPA-ready MP4 (H.264 + AAC, fast
//!   start, no metadata) made by ffmpeg when it is installed, with a progress bar
//!   (`ffmpeg.rs`); otherwise the exact ffmpeg command is printed.
//!
//! Copies are written beside the originals as `<stem>.fixed.<ext>`, which `build` and
//! `lint` then use instead of the original ([`crate::assets::convert`] has the rule), or
//! with `--out DIR` under `DIR/<slug>/` with the original's name. A file that exists is
//! never overwritten: each copy is written to a hidden temporary file in the same folder
//! and moved into place only if its name is still free. Every file gets one bilingual
//! line saying what was done; the exit code is 1 when a file could not be fixed.

mod ffmpeg;

use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

use crate::assets::convert::{self, command_line};
use crate::assets::faststart::{self, State};
use crate::config::{self, Config, Options};
use crate::diagnostic::Diagnostic;
use crate::portfolio::derive::is_heic;
use crate::portfolio::model::{Artefact, Kind, Portfolio};
use crate::text::Text;

/// What `fix` was asked.
#[derive(Debug, Clone, Default)]
pub struct FixArgs {
    /// Portfolio slugs; all when empty.
    pub portfolios: Vec<String>,
    /// Write the copies under this folder instead of beside the originals.
    pub out: Option<PathBuf>,
    /// Say what would be done, write nothing.
    pub dry_run: bool,
}

/// What a file needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Move the `moov` before the media data (lossless, in Rust).
    Remux,
    /// HEIC → JPEG.
    Heic,
    /// ffmpeg → MP4 (H.264 + AAC); `copy`: the streams are copied, not encoded again.
    Transcode {
        /// The streams are H.264 and AAC already.
        copy: bool,
    },
}

/// The verdict on one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Not a file `fix` handles.
    Skip,
    /// Fine as it is (why).
    Fine(Text),
    /// Cannot be fixed (why).
    Cannot(Text),
    /// To do.
    Do(Action),
}

/// Counts for the summary line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    fixed: usize,
    fine: usize,
    failed: usize,
}

/// Runs `fix`; returns the exit code (0 all done, 1 a file could not be fixed, 2 could not run).
pub fn run(opts: &Options, args: &FixArgs) -> anyhow::Result<i32> {
    let config = match config::resolve(opts) {
        Ok(c) => c,
        Err(d) => {
            eprintln!("error: {d}");
            return Ok(2);
        }
    };
    let known = crate::portfolio::load::slugs(&config.content_dir);
    if let Some(slug) = args.portfolios.iter().find(|s| !known.contains(s)) {
        eprintln!(
            "error: ไม่พบแฟ้ม content/portfolios/{slug} / no portfolio named {slug} (มี / known: {})",
            known.join(", ")
        );
        return Ok(2);
    }
    let (portfolios, _) =
        crate::portfolio::load::load_probed(&config.root, &config.content_dir, &args.portfolios);
    let mut counts = Counts::default();
    for p in &portfolios {
        for a in &p.artefacts {
            let Some((d, ok)) = fix_one(&config, p, a, args) else { continue };
            println!("{d}");
            match ok {
                Some(true) => counts.fixed += 1,
                Some(false) => counts.fine += 1,
                None => counts.failed += 1,
            }
        }
    }
    let Counts { fixed, fine, failed } = counts;
    let verb =
        if args.dry_run { ("จะแก้", "would fix") } else { ("แก้แล้ว", "fixed") };
    println!(
        "\n{} {fixed} ไฟล์ ไม่ต้องแก้ {fine} ไฟล์ แก้ไม่ได้ {failed} ไฟล์ / {} {fixed}, fine {fine}, could not fix {failed}",
        verb.0, verb.1
    );
    Ok(if failed > 0 { 1 } else { 0 })
}

/// Decides and does one file: its line, and whether a copy was made (`Some(true)`), it
/// was fine (`Some(false)`) or it could not be fixed (`None`).
fn fix_one(
    config: &Config,
    p: &Portfolio,
    a: &Artefact,
    args: &FixArgs,
) -> Option<(Diagnostic, Option<bool>)> {
    let src = config.root.join(&a.path);
    let action = match decide(a, &src) {
        Decision::Skip => return None,
        Decision::Fine(why) => return Some((Diagnostic::new(&a.path, None, why.th, why.en), Some(false))),
        Decision::Cannot(why) => return Some((cannot(a, why), None)),
        Decision::Do(action) => action,
    };
    let ext = match action {
        Action::Remux => {
            Path::new(&a.path).extension().map_or("mp4".into(), |e| e.to_string_lossy().into_owned())
        }
        Action::Heic => "jpg".into(),
        Action::Transcode { .. } => "mp4".into(),
    };
    let dest = destination(config, p, a, &ext, args.out.as_deref());
    let shown = shown(config, &dest);
    if dest.exists() {
        let why = Text::new(
            format!("มีไฟล์ {shown} อยู่แล้ว krufolio ไม่เขียนทับไฟล์ ถ้าต้องการแก้ใหม่ให้ลบหรือย้ายไฟล์นั้นก่อน"),
            format!(
                "{shown} exists already and krufolio never overwrites a file: delete or move it to fix again"
            ),
        );
        return Some((cannot(a, why), None));
    }
    let what = describe(&action);
    if args.dry_run {
        let d = Diagnostic::new(
            &a.path,
            None,
            format!("จะ{} → {shown}", what.th),
            format!("would {} → {shown}", what.en),
        );
        return Some((d, Some(true)));
    }
    match make(&action, &src, &dest, config, a) {
        Ok(()) => {
            let d = Diagnostic::new(
                &a.path,
                None,
                format!("{}แล้ว → {shown}", what.th),
                format!("{} → {shown}", what.done),
            )
            .with_hint(
                "ไฟล์เดิมไม่ถูกแตะต้อง krufolio build และ lint จะใช้ไฟล์ .fixed แทนไฟล์เดิม",
                "the original is untouched; krufolio build and lint now use the .fixed file instead of it",
            );
            Some((d, Some(true)))
        }
        Err(why) => Some((cannot(a, why), None)),
    }
}

fn cannot(a: &Artefact, why: Text) -> Diagnostic {
    Diagnostic::new(&a.path, None, format!("แก้ไม่ได้: {}", why.th), format!("cannot fix: {}", why.en))
}

/// What an action does: Thai, English (to do), English (done).
struct Describe {
    th: &'static str,
    en: &'static str,
    done: &'static str,
}

fn describe(action: &Action) -> Describe {
    match action {
        Action::Remux => Describe {
            th: "ย้ายดัชนีวิดีโอ (moov) ไว้หน้าข้อมูลภาพเสียงโดยไม่แปลงภาพเสียง",
            en: "move the video index (moov) before the media data, losslessly",
            done: "moved the video index (moov) before the media data, losslessly",
        },
        Action::Heic => Describe {
            th: "แปลงภาพ HEIC เป็น JPEG (หมุนภาพให้ตั้งตรงและลบข้อมูลตำแหน่ง)",
            en: "convert the HEIC photo to JPEG (upright, location removed)",
            done: "converted the HEIC photo to JPEG (upright, location removed)",
        },
        Action::Transcode { copy: true } => Describe {
            th: "จัดเก็บใหม่เป็น MP4 (H.264 + AAC) โดยไม่แปลงภาพเสียง",
            en: "rewrap as MP4 (H.264 + AAC) without re-encoding",
            done: "rewrapped as MP4 (H.264 + AAC) without re-encoding",
        },
        Action::Transcode { copy: false } => Describe {
            th: "แปลงเป็น MP4 (H.264 + AAC) ที่ส่งระบบ DPA ได้",
            en: "convert to a DPA-ready MP4 (H.264 + AAC)",
            done: "converted to a DPA-ready MP4 (H.264 + AAC)",
        },
    }
}

/// A path as the teacher reads it: relative to the site root when under it.
fn shown(config: &Config, path: &Path) -> String {
    path.strip_prefix(&config.root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// Where the fixed copy of `a` goes (see the module doc).
pub fn destination(config: &Config, p: &Portfolio, a: &Artefact, ext: &str, out: Option<&Path>) -> PathBuf {
    match out {
        Some(dir) => dir.join(&p.slug).join(Path::new(&a.rel).with_extension(ext)),
        None => {
            let name =
                Path::new(&a.rel).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let real = config.root.join(&a.path);
            real.with_file_name(convert::fixed_name(&name, ext))
        }
    }
}

/// What `a` (at `src`) needs (see the module doc).
pub fn decide(a: &Artefact, src: &Path) -> Decision {
    let sniffed = a.media.as_ref().and_then(|m| m.sniffed.as_deref());
    let video = matches!(a.kind, Kind::Video | Kind::OtherVideo) || matches!(sniffed, Some("mp4" | "mov"));
    if !video && !is_heic(a) {
        return Decision::Skip;
    }
    let Some(m) = a.media.as_ref() else { return Decision::Skip };
    if let Some(e) = &m.error {
        return Decision::Cannot(Text::new(
            format!("ไฟล์เปิดไม่ได้ ({})", e.th),
            format!("the file cannot be read ({})", e.en),
        ));
    }
    if is_heic(a) {
        return Decision::Do(Action::Heic);
    }
    let ext = Path::new(&a.path).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    let container_mp4 = matches!(ext.as_str(), "mp4" | "m4v") && matches!(sniffed, None | Some("mp4"));
    let h264 = m.video_codec.as_deref() == Some("h264");
    let aac = m.audio_codec.as_deref().is_none_or(|c| c == "aac");
    let movish = matches!(sniffed, Some("mov")) || ext == "mov";
    if !(container_mp4 && h264 && aac) {
        return Decision::Do(Action::Transcode { copy: h264 && aac && (movish || container_mp4) });
    }
    let state = File::open(src)
        .and_then(|mut f| f.metadata().map(|md| md.len()).map(|len| faststart::inspect(&mut f, len)))
        .map_err(crate::assets::clean::boxes::read_err);
    match state.and_then(|s| s) {
        Ok(State::Slow(_)) => Decision::Do(Action::Remux),
        Ok(State::Fast) => Decision::Fine(Text::new(
            "ไม่ต้องแก้: วิดีโอ MP4 (H.264 + AAC) มีดัชนี (moov) อยู่หน้าไฟล์แล้ว",
            "nothing to do: an MP4 (H.264 + AAC) with its index (moov) at the front already",
        )),
        Ok(State::Fragmented) => Decision::Fine(Text::new(
            "ไม่ต้องแก้: วิดีโอ MP4 แบบแบ่งส่วน (fragmented) เล่นได้ระหว่างดาวน์โหลดอยู่แล้ว",
            "nothing to do: a fragmented MP4, which plays while it downloads",
        )),
        Err(e) => Decision::Cannot(e),
    }
}

/// Makes the copy at `dest` through a hidden temporary file beside it, moved into place
/// only if `dest` is still free.
fn make(action: &Action, src: &Path, dest: &Path, config: &Config, a: &Artefact) -> Result<(), Text> {
    let dir = dest.parent().unwrap_or(Path::new("."));
    crate::fs::create_dir_all(dir).map_err(|e| write_err(dest, &e.source))?;
    let tmp = tempfile::Builder::new()
        .prefix(".krufolio-fix-")
        .suffix(".part")
        .tempfile_in(dir)
        .map_err(|e| write_err(dest, &e))?;
    match action {
        Action::Remux => {
            let mut f = File::open(src).map_err(crate::assets::clean::boxes::read_err)?;
            let len = f.metadata().map_err(crate::assets::clean::boxes::read_err)?.len();
            let State::Slow(layout) = faststart::inspect(&mut f, len)? else {
                return Err(Text::new("ไฟล์นี้ไม่ต้องย้ายดัชนี", "this file needs no index move"));
            };
            let mut w = BufWriter::with_capacity(1 << 20, tmp.as_file());
            faststart::remux(&mut f, &layout, &mut w)?;
            w.flush().map_err(|e| write_err(dest, &e))?;
        }
        Action::Heic => {
            let jpeg = crate::assets::heic::to_jpeg(src, &crate::assets::clean::cache_dir(&config.root))?;
            std::fs::copy(&jpeg, tmp.path()).map_err(|e| write_err(dest, &e))?;
        }
        Action::Transcode { copy } => {
            let duration = a.media.as_ref().and_then(|m| m.duration);
            ffmpeg::transcode(src, tmp.path(), dest, *copy, duration)?;
        }
    }
    tmp.as_file().sync_all().map_err(|e| write_err(dest, &e))?;
    tmp.persist_noclobber(dest).map_err(|e| write_err(dest, &e.error))?;
    Ok(())
}

fn write_err(dest: &Path, e: &dyn std::fmt::Display) -> Text {
    Text::new(format!("เขียนไฟล์ {} ไม่ได้", dest.display()), format!("cannot write {}: {e}", dest.display()))
}

/// The command that makes `dest` from `src` for `action` when krufolio cannot (no
/// ffmpeg), with the real names quoted for the shell.
pub fn manual_command(src: &Path, dest: &Path, copy: bool) -> String {
    command_line(&convert::ffmpeg_args(&src.to_string_lossy(), &dest.to_string_lossy(), copy))
}

#[cfg(test)]
mod tests;
