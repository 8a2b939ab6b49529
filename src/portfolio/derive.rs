//! What of each artefact is published, decided once per build: its output
//! name (personal numbers masked, active files renamed `.download`, a photo's
//! real extension added, kept within the 255-byte limit), whether the file
//! is published at all, and its thumbnails (made and cached by
//! [`crate::assets::thumbs`]). [`files`] lists the published files, each
//! made location-free by [`crate::assets::clean::for_publish`].
//!
//! A thumbnail that cannot be made is a warning (the page shows the full
//! photo), never a silent skip.

use std::path::PathBuf;

use rayon::prelude::*;

use super::model::{Artefact, Kind, Portfolio};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::output::Content;

pub use super::model::Publication;

/// The derive step's result besides the publications, which it keeps in
/// the artefacts ([`Artefact::publication`]).
#[derive(Debug, Default)]
pub struct Derived {
    /// Thumbnails made now / taken from the cache.
    pub thumb_counts: (usize, usize),
    /// Files that lost something on the way (a thumbnail that failed).
    pub warnings: Vec<Diagnostic>,
}

/// Decides every artefact's publication and makes the thumbnails.
pub fn derive(config: &Config, portfolios: &mut [Portfolio]) -> Derived {
    portfolios.par_iter_mut().flat_map_iter(|p| p.artefacts.iter_mut()).for_each(|a| {
        a.publication =
            Publication { out_rel: out_rel(config, a), published: published(a), ..Default::default() };
    });
    let mut warnings = convert_heic(config, portfolios);
    let (thumbs, thumb_counts, thumb_warnings) = make_thumbs(config, portfolios);
    warnings.extend(thumb_warnings);
    let mut thumbs = thumbs.into_iter().peekable();
    // `make_thumbs` lists the photos in artefact order.
    for (i, a) in portfolios.iter_mut().flat_map(|p| p.artefacts.iter_mut()).enumerate() {
        if let Some((_, t)) = thumbs.next_if(|(at, _)| *at == i) {
            a.publication.thumbs = t.thumbs.iter().map(|t| (t.width, t.height)).collect();
            a.publication.thumbs_of = Some(t.of);
            a.publication.upright = Some((t.width, t.height));
        }
    }
    Derived { thumb_counts, warnings }
}

/// Where, in the thumbnail cache `cache`, the thumbnail `width` wide of a
/// photo published as `publ` is.
fn thumb_file(cache: &std::path::Path, publ: &Publication, width: u32) -> Option<PathBuf> {
    let of = blake3::Hash::from_bytes(publ.thumbs_of?);
    Some(crate::assets::thumbs::cached_path(cache, of.to_hex().as_str(), width))
}

/// The output name of a thumbnail of the published file `rel`.
pub fn thumb_name(rel: &str, width: u32) -> String {
    crate::privacy::active::with_suffix(rel, &format!(".w{width}.jpg"))
}

/// Is this artefact's file published (copied to the output)? Not when the
/// teacher withheld it, it does not decode, it is HEIC and libheif's decoder
/// is not installed (it is published as JPEG when it is), its location cannot
/// be removed, or it is a note or a link (rendered, not copied).
pub fn published(a: &Artefact) -> bool {
    let broken = a.media.as_ref().is_some_and(|m| m.error.is_some());
    let heic = is_heic(a) && crate::assets::heic::converter().is_none();
    let unclean = a.media.as_ref().is_some_and(|m| m.clean_error.is_some());
    !withheld(a) && !broken && !heic && !unclean && !matches!(a.kind, Kind::Markdown | Kind::Link)
}

/// Whether the artefact is a HEIC photo (by its bytes, else its name).
pub fn is_heic(a: &Artefact) -> bool {
    match a.media.as_ref().and_then(|m| m.sniffed.as_deref()) {
        Some(k) => k == "heic",
        None => a.kind == Kind::Heic,
    }
}

/// Converts every published HEIC photo to its JPEG ([`crate::assets::clean::for_publish`],
/// cached), in parallel; one that fails is not published, with a warning.
fn convert_heic(config: &Config, portfolios: &mut [Portfolio]) -> Vec<Diagnostic> {
    use crate::assets::clean::{self, Cleaned};
    let cache = clean::cache_dir(&config.root);
    let mut heics: Vec<&mut Artefact> = portfolios
        .iter_mut()
        .flat_map(|p| &mut p.artefacts)
        .filter(|a| is_heic(a) && a.publication.published)
        .collect();
    let done: Vec<Cleaned> =
        heics.par_iter().map(|a| clean::for_publish(&config.root.join(&a.path), &cache)).collect();
    let mut warnings = Vec::new();
    for (a, c) in heics.iter_mut().zip(done) {
        let publ = &mut a.publication;
        match c {
            Cleaned::Copy(jpeg) => publ.source = Some(jpeg),
            Cleaned::Refuse(why) => {
                publ.published = false;
                warnings.push(Diagnostic::new(
                    &a.path,
                    None,
                    format!("ไม่เผยแพร่ภาพนี้: {}", why.th),
                    format!("this photo is not published: {}", why.en),
                ));
            }
        }
    }
    warnings
}

/// Whether the artefact's bytes are a photo (a JPEG named `.mp4` is shown as a photo).
pub fn is_image(a: &Artefact) -> bool {
    match a.media.as_ref().and_then(|m| m.sniffed.as_deref()) {
        Some(k) => matches!(k, "jpeg" | "png" | "gif" | "webp"),
        None => a.kind == Kind::Image,
    }
}

/// Did the teacher keep this artefact off the site (`publish: false`)? Its
/// file, title, description and body then appear nowhere.
pub fn withheld(a: &Artefact) -> bool {
    a.sidecar.as_ref().and_then(|s| s.publish) == Some(false)
}

/// Is this artefact's file something a browser would run (HTML, SVG, …)?
fn active(config: &Config, a: &Artefact) -> bool {
    use std::io::Read as _;
    if matches!(
        a.kind,
        Kind::Image | Kind::Video | Kind::Pdf | Kind::Office | Kind::Audio | Kind::Markdown | Kind::Link
    ) {
        return false;
    }
    let mut head = Vec::new();
    if let Ok(f) = std::fs::File::open(config.root.join(&a.path)) {
        let _ = f.take(512).read_to_end(&mut head);
    }
    crate::privacy::active::is_active(&a.rel, &head)
}

/// The artefact's path in the output, relative to its portfolio folder:
/// national IDs and phone numbers in the name masked, and active files
/// renamed so they download instead of running.
fn out_rel(config: &Config, a: &Artefact) -> String {
    // A `\` (a valid name character outside Windows) would read as a folder in a URL.
    let rel = crate::privacy::mask::mask(&a.rel).0.replace('\\', "-");
    // A photo under another name (a JPEG saved as `.mp4`) gets its real
    // extension added: browsers will not show an image served as a video.
    let real_ext = match a.media.as_ref().and_then(|m| m.sniffed.as_deref()) {
        _ if is_heic(a) => ".jpg", // published as its JPEG
        Some("jpeg") => ".jpg",
        Some("png") => ".png",
        Some("gif") => ".gif",
        Some("webp") => ".webp",
        _ => "",
    };
    if active(config, a) {
        crate::privacy::active::download_name(&rel)
    } else {
        // Masking lengthens a name: keep it within the file-system limit.
        crate::privacy::active::with_suffix(&rel, real_ext)
    }
}

/// A progress bar when there is real work and someone is watching.
fn progress(len: usize) -> indicatif::ProgressBar {
    if len < 50 || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(
        indicatif::ProgressStyle::with_template("ภาพย่อ / thumbnails {bar:30} {pos}/{len} ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// Each photo's thumbnails, by its place among all the artefacts (in
/// order); the counters (made, cached) and the warnings.
type Thumbs = (Vec<(usize, crate::assets::thumbs::Thumbnails)>, (usize, usize), Vec<Diagnostic>);

/// Makes (or finds in the cache) the thumbnails of every published photo
/// (a HEIC's from its JPEG), in parallel.
fn make_thumbs(config: &Config, portfolios: &[Portfolio]) -> Thumbs {
    use std::sync::atomic::Ordering;
    let cache = crate::assets::thumbs::cache_dir(&config.root);
    let counters = crate::assets::thumbs::Counters::default();
    let images: Vec<(usize, &Artefact)> = portfolios
        .iter()
        .flat_map(|p| &p.artefacts)
        .enumerate()
        .filter(|(_, a)| (is_image(a) || is_heic(a)) && a.publication.published)
        .collect();
    let bar = progress(images.len());
    let done: Vec<Result<(usize, crate::assets::thumbs::Thumbnails), Diagnostic>> = images
        .par_iter()
        .inspect(|_| bar.inc(1))
        .map(|&(i, a)| {
            let failed = |en: String| {
                Diagnostic::new(
                    &a.path,
                    None,
                    "ทำภาพย่อของภาพนี้ไม่ได้ หน้าเว็บจึงแสดงภาพขนาดเต็มแทน",
                    format!(
                        "cannot make thumbnails of this photo ({en}); the page shows the full-size photo"
                    ),
                )
            };
            let source = a.publication.source.clone().unwrap_or_else(|| config.root.join(&a.path));
            let bytes = crate::fs::read(&source).map_err(|e| failed(e.to_string()))?;
            let thumbs = crate::assets::thumbs::thumbnails(&cache, &bytes, &counters).map_err(failed)?;
            Ok((i, thumbs))
        })
        .collect();
    bar.finish_and_clear();
    let mut ok = Vec::new();
    let mut warnings = Vec::new();
    for r in done {
        match r {
            Ok(x) => ok.push(x),
            Err(d) => warnings.push(d),
        }
    }
    (ok, (counters.made.load(Ordering::Relaxed), counters.cached.load(Ordering::Relaxed)), warnings)
}

/// The files to publish: `portfolios/<slug>/<published name>` and its
/// thumbnails, each made location-free by its content
/// ([`crate::assets::clean::for_publish`], in parallel; every one is a file on
/// disk, so none is held in memory); a file that cannot be cleaned is not
/// published: the probe saw it too (the page shows a placeholder), and a file
/// it missed is a warning.
pub fn files(config: &Config, portfolios: &[Portfolio]) -> (Vec<(String, Content)>, Vec<Diagnostic>) {
    use crate::assets::clean::{self, Cleaned};
    let cache = clean::cache_dir(&config.root);
    let thumbs = crate::assets::thumbs::cache_dir(&config.root);
    let published: Vec<(&Portfolio, &Artefact)> = portfolios
        .iter()
        .flat_map(|p| p.artefacts.iter().map(move |a| (p, a)))
        .filter(|(_, a)| a.publication.published)
        .collect();
    // Per artefact: its output files, or the warning (if any) of a refused one.
    type Done = Result<Vec<(String, Content)>, Option<Diagnostic>>;
    let done: Vec<Done> = published
        .par_iter()
        .map(|(p, a)| {
            let publ = &a.publication;
            let cleaned = match &publ.source {
                Some(jpeg) => Cleaned::Copy(jpeg.clone()), // made location-free by `convert_heic`
                None => clean::for_publish(&config.root.join(&a.path), &cache),
            };
            let content = match cleaned {
                Cleaned::Copy(path) => Content::Copy(path),
                Cleaned::Refuse(why) => {
                    let missed = a.media.as_ref().is_none_or(|m| m.clean_error.is_none());
                    return Err(missed.then(|| {
                        Diagnostic::new(
                            &a.path,
                            None,
                            format!("ไม่เผยแพร่ไฟล์นี้: {}", why.th),
                            format!("this file is not published: {}", why.en),
                        )
                    }));
                }
            };
            let mut out = vec![(format!("portfolios/{}/{}", p.slug, publ.out_rel), content)];
            for (w, _) in &publ.thumbs {
                let cached =
                    thumb_file(&thumbs, publ, *w).expect("a photo with thumbnails has their source's hash");
                out.push((
                    format!("portfolios/{}/{}", p.slug, thumb_name(&publ.out_rel, *w)),
                    Content::Copy(cached),
                ));
            }
            Ok(out)
        })
        .collect();
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for r in done {
        match r {
            Ok(files) => out.extend(files),
            Err(w) => warnings.extend(w),
        }
    }
    (out, warnings)
}
