//! The assets stage: the bundled stylesheet, the theme's and site's static
//! files, and the files that sit beside pages in `content/`.
//!
//! Media live here too: probing ([`media`], cached by [`probe_cache`]),
//! location-free publishing by content ([`clean`], with the image stripper
//! [`images`] and HEIC photos as JPEG by [`heic`]) and thumbnails ([`thumbs`]);
//! every image decode of both takes its pixels from one [`budget`]. `krufolio fix`
//! finds here the lossless fast-start remux ([`faststart`]) and the names and
//! commands it uses ([`convert`]).

pub mod budget;
pub mod clean;
pub mod convert;
pub mod css;
pub mod faststart;
pub mod heic;
pub mod images;
pub mod media;
pub mod probe_cache;
pub mod thumbs;

use std::collections::HashMap;

use crate::config::Config;
use crate::content::Site;
use crate::diagnostic::Diagnostic;
use crate::output::Content;

/// A short content hash for cache-busting URLs.
pub fn short_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex()[..10].to_string()
}

/// Static files: the stylesheet plus the theme's `static/` and the site's
/// `static/` (the site's win).
pub fn theme_static(config: &Config) -> Result<Vec<(String, Content)>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let css_files = crate::theme::files(config, "css", None).map_err(|d| vec![d])?;
    let css = css::bundle(&css_files).map_err(|d| vec![d])?;
    out.push((css::OUTPUT.to_string(), Content::Bytes(css.into())));
    let statics = crate::theme::files(config, "static", Some("static")).map_err(|d| vec![d])?;
    for (rel, f) in statics {
        let content = match f.disk {
            Some(p) => Content::Copy(p),
            None => Content::Bytes(f.bytes.into_owned().into()),
        };
        out.push((rel, content));
    }
    Ok(out)
}

/// Content files beside pages, published next to their page's output and,
/// like evidence, made location-free by content ([`clean::for_publish`]; a
/// HEIC photo as its JPEG, under the name [`crate::content`] gave it). A file
/// that cannot be cleaned is left out with a warning naming it and why.
pub fn content_files(config: &Config, site: &Site) -> (Vec<(String, Content)>, Vec<Diagnostic>) {
    let cache = clean::cache_dir(&config.root);
    let mut warnings = Vec::new();
    let files = site
        .assets
        .iter()
        .filter_map(|a| match clean::for_publish(&config.content_dir.join(&a.source), &cache) {
            clean::Cleaned::Copy(p) => Some((a.output.clone(), Content::Copy(p))),
            clean::Cleaned::Refuse(why) => {
                let shown = std::path::Path::new("content").join(&a.source);
                warnings.push(Diagnostic::new(
                    shown,
                    None,
                    format!("ไม่ได้เผยแพร่ไฟล์นี้: {} (ลิงก์ที่ชี้มาจะเปิดไม่ได้)", why.th),
                    format!("this file is not published: {} (links to it will not open)", why.en),
                ));
                None
            }
        })
        .collect();
    (files, warnings)
}

/// Hashes of generated assets, for `get_url(cachebust=true)`.
pub fn hashes(files: &[(String, Content)]) -> HashMap<String, String> {
    files
        .iter()
        .filter_map(|(k, c)| match c {
            Content::Bytes(b) => Some((k.clone(), short_hash(b))),
            Content::Copy(_) | Content::Staged(_) => None,
        })
        .collect()
}
