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
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder as _, ImageEncoder};

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

/// The thumbnails of one photo and the size of the photo itself, upright
/// (after its EXIF orientation), as a browser shows it.
#[derive(Debug, Clone)]
pub struct Thumbnails {
    /// Upright width of the photo in pixels.
    pub width: u32,
    /// Upright height of the photo in pixels.
    pub height: u32,
    /// The thumbnails, narrowest first.
    pub thumbs: Vec<Thumb>,
}

/// The cache folder of a site.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(".krufolio-cache").join("thumbs")
}

/// The EXIF orientation of an image file (none when it has no EXIF), read by
/// the one reader, [`super::images::exif_orientation`], from the EXIF block
/// `image` finds (JPEG APP1, PNG `eXIf`, WebP `EXIF`).
fn orientation(bytes: &[u8]) -> Orientation {
    let exif = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|r| r.into_decoder().ok())
        .and_then(|mut d| d.exif_metadata().ok().flatten());
    exif.and_then(|tiff| super::images::exif_orientation(&tiff))
        .and_then(|o| Orientation::from_exif(o as u8))
        .unwrap_or(Orientation::NoTransforms)
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
pub fn thumbnails(cache: &Path, bytes: &[u8], counters: &Counters) -> Result<Thumbnails, String> {
    let hash = blake3::hash(bytes).to_hex().to_string();
    let meta = cache.join(format!("{hash}-v{VERSION}.size"));
    // The upright size and each thumbnail's blake3 are cached too, so a hit
    // needs no decoding, and a damaged cached file is made again instead of
    // being published forever.
    if let Some(out) = std::fs::read_to_string(&meta).ok().and_then(|m| from_cache(cache, &hash, &m)) {
        counters.cached.fetch_add(out.thumbs.len(), Ordering::Relaxed);
        return Ok(out);
    }
    let mut img = image::load_from_memory(bytes).map_err(|e| e.to_string())?;
    img.apply_orientation(orientation(bytes));
    let mut out = Vec::new();
    std::fs::create_dir_all(cache).map_err(|e| format!("{}: {e}", cache.display()))?;
    for width in WIDTHS.into_iter().filter(|x| *x < img.width()) {
        let small = resize(&img, width)?;
        let jpeg = encode(&small)?;
        // Best effort: a thumbnail not cached is made again next time.
        let _ = crate::fs::write_atomic(&cache.join(key(&hash, width)), &jpeg);
        counters.made.fetch_add(1, Ordering::Relaxed);
        out.push(Thumb { width, height: small.height(), bytes: jpeg });
    }
    let mut m = format!("{}x{}\n", img.width(), img.height());
    for t in &out {
        m.push_str(&format!("{}={}\n", t.width, blake3::hash(&t.bytes).to_hex()));
    }
    let _ = crate::fs::write_atomic(&meta, m.as_bytes());
    Ok(Thumbnails { width: img.width(), height: img.height(), thumbs: out })
}

/// The cached thumbnails described by `meta` (`WxH`, then `width=blake3`
/// lines), when every one is there and intact.
fn from_cache(cache: &Path, hash: &str, meta: &str) -> Option<Thumbnails> {
    let mut lines = meta.lines();
    let (w, h) = lines.next()?.trim().split_once('x')?;
    let (w, h) = (w.parse::<u32>().ok()?, h.parse::<u32>().ok()?);
    let sums: std::collections::HashMap<u32, &str> = lines
        .filter_map(|l| l.split_once('='))
        .filter_map(|(k, v)| Some((k.parse().ok()?, v.trim())))
        .collect();
    let thumbs = WIDTHS
        .into_iter()
        .filter(|x| *x < w)
        .map(|width| {
            let bytes = std::fs::read(cache.join(key(hash, width))).ok()?;
            (blake3::hash(&bytes).to_hex().as_str() == *sums.get(&width)?).then(|| Thumb {
                width,
                height: ((h as u64 * width as u64) / w as u64).max(1) as u32,
                bytes,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Thumbnails { width: w, height: h, thumbs })
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
        assert_eq!((t.width, t.height), (1000, 500));
        assert_eq!(
            t.thumbs.iter().map(|t| (t.width, t.height)).collect::<Vec<_>>(),
            vec![(320, 160), (800, 400)]
        );
        assert_eq!(c.made.load(Ordering::Relaxed), 2);
        let again = thumbnails(tmp.path(), &src, &c).unwrap();
        assert_eq!((again.width, again.height, again.thumbs.len()), (1000, 500, 2), "the size is cached too");
        assert_eq!(c.made.load(Ordering::Relaxed), 2, "second run does no image work");
        assert_eq!(c.cached.load(Ordering::Relaxed), 2);
        assert!(image::load_from_memory(&again.thumbs[0].bytes).is_ok());
    }

    #[test]
    fn corrupted_cached_thumbnail_is_made_again_regression() {
        let tmp = tempfile::tempdir().unwrap();
        let src = jpeg(1000, 500);
        let c = Counters::default();
        thumbnails(tmp.path(), &src, &c).unwrap();
        let hash = blake3::hash(&src).to_hex().to_string();
        let cached = cached_path(tmp.path(), &hash, 320);
        let good = std::fs::read(&cached).unwrap();
        std::fs::write(&cached, &good[..good.len() / 2]).unwrap();
        let again = thumbnails(tmp.path(), &src, &c).unwrap();
        assert_eq!(c.made.load(Ordering::Relaxed), 4, "the damaged thumbnail was made again");
        assert!(image::load_from_memory(&again.thumbs[0].bytes).is_ok());
        assert_eq!(std::fs::read(&cached).unwrap().len(), good.len(), "and the cache repaired");
    }

    /// A 1000×500 JPEG, red on the left half and blue on the right.
    fn halves() -> Vec<u8> {
        let img = DynamicImage::ImageRgb8(image::RgbImage::from_fn(1000, 500, |x, _| {
            if x < 500 {
                image::Rgb([255, 0, 0])
            } else {
                image::Rgb([0, 0, 255])
            }
        }));
        encode(&img).unwrap()
    }

    /// Whether the top of the (single) thumbnail is red and its bottom blue.
    fn red_on_top(all: &Thumbnails) -> bool {
        assert_eq!((all.width, all.height), (500, 1000), "the photo's own size is upright too");
        let t = &all.thumbs;
        let img = image::load_from_memory(&t[0].bytes).unwrap().to_rgb8();
        let (top, bottom) =
            (img.get_pixel(t[0].width / 2, 10), img.get_pixel(t[0].width / 2, t[0].height - 10));
        assert_eq!((t.len(), t[0].width, t[0].height), (1, 320, 640), "turned upright: 500×1000");
        assert!(top[0] > 200 && bottom[2] > 200 || top[2] > 200 && bottom[0] > 200, "{top:?} {bottom:?}");
        top[0] > 200
    }

    #[test]
    fn rotated_photos_come_out_upright() {
        let tmp = tempfile::tempdir().unwrap();
        // EXIF orientation 6: the camera was turned clockwise, so the stored
        // left edge is the top of the picture.
        let mut six = halves();
        six.splice(2..2, crate::assets::images::orientation_segment(6));
        assert!(red_on_top(&thumbnails(tmp.path(), &six, &Counters::default()).unwrap()));
        // Orientation 8, written by exiftool when it is installed: the other way round.
        let file = tmp.path().join("eight.jpg");
        std::fs::write(&file, halves()).unwrap();
        let tagged = std::process::Command::new("exiftool")
            .args(["-q", "-overwrite_original", "-Orientation#=8"])
            .arg(&file)
            .status()
            .is_ok_and(|s| s.success());
        if !tagged {
            eprintln!(
                "skipped the exiftool half: exiftool is not installed (Debian: libimage-exiftool-perl)"
            );
            return;
        }
        let eight = std::fs::read(&file).unwrap();
        assert!(!red_on_top(&thumbnails(tmp.path(), &eight, &Counters::default()).unwrap()));
    }
}
