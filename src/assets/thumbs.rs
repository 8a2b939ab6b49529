//! Responsive thumbnails for published photos (320 / 800 / 1600 px wide,
//! JPEG), made with `image` + `fast_image_resize`, upright per the EXIF
//! orientation and without any metadata.
//!
//! Derived images are cached in `.krufolio-cache/thumbs/` under the blake3
//! hash of the source bytes plus the parameters, so an unchanged rebuild
//! does no image work (and the cache key is stable across Rust releases).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use fast_image_resize as fr;
use image::{DynamicImage, ImageEncoder};

/// Thumbnail widths.
pub const WIDTHS: [u32; 3] = [320, 800, 1600];
const QUALITY: u8 = 80;
/// Bump when the output of the same parameters changes.
const VERSION: u32 = 1;

/// How much image work a build did.
#[derive(Debug, Default)]
pub struct Counters {
    /// Thumbnails made now.
    pub made: AtomicUsize,
    /// Thumbnails taken from the cache.
    pub cached: AtomicUsize,
}

/// One thumbnail.
#[derive(Debug, Clone)]
pub struct Thumb {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// JPEG bytes.
    pub bytes: Vec<u8>,
}

/// Longest file name (bytes) most file systems allow.
pub const NAME_MAX: usize = 255;

/// The output path of the `width` thumbnail of the published file `rel`
/// (`/`-separated): `{rel}.w{width}.jpg`, or, when that file name would pass
/// [`NAME_MAX`] bytes, the name shortened at a character boundary plus a
/// short hash of the whole name (`{short}-{hash8}.w{width}.jpg`), so
/// distinct long names stay distinct.
pub fn thumb_file_name(rel: &str, width: u32) -> String {
    let (dir, name) = match rel.rsplit_once('/') {
        Some((d, n)) => (format!("{d}/"), n),
        None => (String::new(), rel),
    };
    let plain = format!("{name}.w{width}.jpg");
    if plain.len() <= NAME_MAX {
        return format!("{dir}{plain}");
    }
    let hash = &blake3::hash(name.as_bytes()).to_hex()[..8];
    let suffix = format!("-{hash}.w{width}.jpg");
    let mut cut = NAME_MAX - suffix.len();
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{dir}{}{suffix}", &name[..cut])
}

/// The cache folder of a site.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(".krufolio-cache").join("thumbs")
}

fn orientation(bytes: &[u8]) -> u32 {
    exif::Reader::new()
        .read_from_container(&mut std::io::Cursor::new(bytes))
        .ok()
        .and_then(|e| {
            e.get_field(exif::Tag::Orientation, exif::In::PRIMARY).and_then(|f| f.value.get_uint(0))
        })
        .unwrap_or(1)
}

fn upright(img: DynamicImage, o: u32) -> DynamicImage {
    match o {
        2 => img.fliph(),
        3 => img.rotate180(),
        4 => img.flipv(),
        5 => img.rotate90().fliph(),
        6 => img.rotate90(),
        7 => img.rotate270().fliph(),
        8 => img.rotate270(),
        _ => img,
    }
}

fn encode(img: &DynamicImage) -> Result<Vec<u8>, String> {
    let rgb = img.to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY)
        .write_image(rgb.as_raw(), rgb.width(), rgb.height(), image::ExtendedColorType::Rgb8)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

fn resize(src: &DynamicImage, width: u32) -> Result<DynamicImage, String> {
    let height = ((src.height() as u64 * width as u64) / src.width().max(1) as u64).max(1) as u32;
    let src = DynamicImage::ImageRgb8(src.to_rgb8());
    let mut dst = DynamicImage::ImageRgb8(image::RgbImage::new(width, height));
    let mut resizer = fr::Resizer::new();
    resizer
        .resize(
            &src,
            &mut dst,
            &fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3)),
        )
        .map_err(|e| e.to_string())?;
    Ok(dst)
}

fn key(hash: &str, width: u32) -> String {
    format!("{hash}-w{width}-q{QUALITY}-v{VERSION}.jpg")
}

/// Where the thumbnail of the source with blake3 `hash` at `width` is cached.
pub fn cached_path(cache: &Path, hash: &str, width: u32) -> PathBuf {
    cache.join(key(hash, width))
}

/// Thumbnails of an image (only widths smaller than the upright original),
/// from the cache when possible.
pub fn thumbnails(cache: &Path, bytes: &[u8], counters: &Counters) -> Result<Vec<Thumb>, String> {
    let hash = blake3::hash(bytes).to_hex().to_string();
    let meta = cache.join(format!("{hash}-v{VERSION}.size"));
    // The upright size is cached too, so a cache hit needs no decoding at all.
    if let Ok(size) = std::fs::read_to_string(&meta) {
        if let Some((w, h)) = size
            .trim()
            .split_once('x')
            .and_then(|(w, h)| Some((w.parse::<u32>().ok()?, h.parse::<u32>().ok()?)))
        {
            let mut out = Vec::new();
            let mut complete = true;
            for width in WIDTHS.into_iter().filter(|x| *x < w) {
                match std::fs::read(cache.join(key(&hash, width))) {
                    Ok(b) => out.push(Thumb {
                        width,
                        height: ((h as u64 * width as u64) / w as u64).max(1) as u32,
                        bytes: b,
                    }),
                    Err(_) => complete = false,
                }
            }
            if complete {
                counters.cached.fetch_add(out.len(), Ordering::Relaxed);
                return Ok(out);
            }
        }
    }
    let img = image::load_from_memory(bytes).map_err(|e| e.to_string())?;
    let img = upright(img, orientation(bytes));
    let mut out = Vec::new();
    std::fs::create_dir_all(cache).map_err(|e| format!("{}: {e}", cache.display()))?;
    for width in WIDTHS.into_iter().filter(|x| *x < img.width()) {
        let small = resize(&img, width)?;
        let jpeg = encode(&small)?;
        let path = cache.join(key(&hash, width));
        let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
        if std::fs::write(&tmp, &jpeg).is_ok() {
            let _ = std::fs::rename(&tmp, &path);
        }
        counters.made.fetch_add(1, Ordering::Relaxed);
        out.push(Thumb { width, height: small.height(), bytes: jpeg });
    }
    let _ = std::fs::write(&meta, format!("{}x{}", img.width(), img.height()));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::ImageRgb8(image::RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 255) as u8, (y % 255) as u8, 90])
        }));
        encode(&img).unwrap()
    }

    #[test]
    fn makes_smaller_widths_and_reuses_the_cache() {
        let tmp = tempfile::tempdir().unwrap();
        let src = jpeg(1000, 500);
        let c = Counters::default();
        let t = thumbnails(tmp.path(), &src, &c).unwrap();
        assert_eq!(t.iter().map(|t| (t.width, t.height)).collect::<Vec<_>>(), vec![(320, 160), (800, 400)]);
        assert_eq!(c.made.load(Ordering::Relaxed), 2);
        let again = thumbnails(tmp.path(), &src, &c).unwrap();
        assert_eq!(again.len(), 2);
        assert_eq!(c.made.load(Ordering::Relaxed), 2, "second run does no image work");
        assert_eq!(c.cached.load(Ordering::Relaxed), 2);
        assert!(image::load_from_memory(&again[0].bytes).is_ok());
    }

    #[test]
    fn thumbnail_names_fit_the_file_name_limit() {
        assert_eq!(thumb_file_name("dpa/รูป.jpg", 800), "dpa/รูป.jpg.w800.jpg");
        // 84 Thai characters + ".jpg": a 256-byte source name is too long itself,
        // so the longest real one is 255 bytes.
        let long = format!("{}.jpg", "ก".repeat(83));
        assert!(long.len() <= NAME_MAX);
        for width in WIDTHS {
            let t = thumb_file_name(&format!("dpa/{long}"), width);
            let name = t.rsplit('/').next().unwrap();
            assert!(name.len() <= NAME_MAX, "{} bytes", name.len());
            assert!(t.starts_with("dpa/กก") && t.ends_with(&format!(".w{width}.jpg")), "{t}");
        }
        let other = format!("{}ข.jpg", "ก".repeat(82));
        assert_ne!(thumb_file_name(&long, 800), thumb_file_name(&other, 800));
    }

    #[test]
    fn rotated_photos_come_out_upright() {
        let img = upright(DynamicImage::ImageRgb8(image::RgbImage::new(400, 200)), 6);
        assert_eq!((img.width(), img.height()), (200, 400));
    }
}
