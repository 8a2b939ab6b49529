//! Responsive thumbnails for published photos (320 / 800 / 1600 px wide,
//! JPEG), made with `fast_image_resize`, upright per the EXIF orientation and
//! without any metadata.
//!
//! A photo is decoded once ([`decode`]: a JPEG at the smallest DCT scale still
//! as wide as its largest thumbnail, within a process-wide pixel budget), then
//! resized to each width, then turned upright and encoded.
//!
//! Derived images are cached in `.krufolio-cache/thumbs/` under the blake3
//! hash of the source bytes plus the parameters, so an unchanged rebuild
//! does no image work (and the cache key is stable across Rust releases).
//! The output copies them from there, so no thumbnail is held in memory.

pub mod decode;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use fast_image_resize as fr;
use image::DynamicImage;

/// Thumbnail widths.
pub const WIDTHS: [u32; 3] = [320, 800, 1600];
const QUALITY: u8 = 80;
/// Bump when the output of the same parameters changes (2: JPEGs decoded at a
/// reduced DCT scale, resized before being turned upright; 3: encoded by
/// `jpeg-encoder`).
const VERSION: u32 = 3;

/// How much image work a build did.
#[derive(Debug, Default)]
pub struct Counters {
    /// Thumbnails made now.
    pub made: AtomicUsize,
    /// Thumbnails taken from the cache.
    pub cached: AtomicUsize,
}

/// One thumbnail, in the cache.
#[derive(Debug, Clone)]
pub struct Thumb {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The cached JPEG file.
    pub path: PathBuf,
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
    /// The photo's blake3, which names its thumbnails in the cache ([`cached_path`]).
    pub of: [u8; 32],
}

/// The cache folder of a site.
pub fn cache_dir(root: &Path) -> PathBuf {
    root.join(".krufolio-cache").join("thumbs")
}

/// A thumbnail as a baseline JPEG, through `jpeg-encoder` (SIMD DCT and
/// colour conversion: image's own encoder was a third of the thumbnail time).
fn encode(img: &DynamicImage) -> Result<Vec<u8>, String> {
    let converted;
    let rgb = match img.as_rgb8() {
        Some(rgb) => rgb,
        None => {
            converted = img.to_rgb8();
            &converted
        }
    };
    let (w, h) = (u16::try_from(rgb.width()), u16::try_from(rgb.height()));
    let (Ok(w), Ok(h)) = (w, h) else { return Err("thumbnail larger than a JPEG allows".into()) };
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, QUALITY)
        .encode(rgb.as_raw(), w, h, jpeg_encoder::ColorType::Rgb)
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// `src` (RGB) resized to `width` × `height`.
fn resize(src: &DynamicImage, width: u32, height: u32) -> Result<DynamicImage, String> {
    let mut dst = DynamicImage::ImageRgb8(image::RgbImage::new(width.max(1), height.max(1)));
    let mut resizer = fr::Resizer::new();
    resizer
        .resize(
            src,
            &mut dst,
            &fr::ResizeOptions::new().resize_alg(fr::ResizeAlg::Convolution(fr::FilterType::Lanczos3)),
        )
        .map_err(|e| e.to_string())?;
    Ok(dst)
}

fn key(hash: &str, width: u32) -> String {
    format!("{hash}-w{width}-q{QUALITY}-v{VERSION}.jpg")
}

/// Where the thumbnail of the source with blake3 `hash` (hex) at `width` is cached.
pub fn cached_path(cache: &Path, hash: &str, width: u32) -> PathBuf {
    cache.join(key(hash, width))
}

/// The height of the thumbnail `width` wide of an upright `w`×`h` photo.
fn height_at(width: u32, (w, h): (u32, u32)) -> u32 {
    ((u64::from(h) * u64::from(width)) / u64::from(w.max(1))).max(1) as u32
}

/// Thumbnails of an image (only widths smaller than the upright original),
/// from the cache when possible, with the photo's upright size. Each is
/// written to the cache; a thumbnail that cannot be written there is an
/// error, as the output copies it from there.
pub fn thumbnails(cache: &Path, bytes: &[u8], counters: &Counters) -> Result<Thumbnails, String> {
    let of = blake3::hash(bytes);
    let hash = of.to_hex().to_string();
    let of = *of.as_bytes();
    let meta = cache.join(format!("{hash}-v{VERSION}.size"));
    // The upright size and each thumbnail's blake3 are cached too, so a hit
    // needs no decoding, and a damaged cached file is made again instead of
    // being published forever.
    if let Some(out) = std::fs::read_to_string(&meta).ok().and_then(|m| from_cache(cache, &hash, of, &m)) {
        counters.cached.fetch_add(out.thumbs.len(), Ordering::Relaxed);
        return Ok(out);
    }
    let full = decode::upright_size(bytes)?;
    let widths: Vec<u32> = WIDTHS.into_iter().filter(|x| *x < full.0).collect();
    let mut m = format!("{}x{}\n", full.0, full.1);
    let mut out = Vec::new();
    if let Some(&largest) = widths.last() {
        // `_permit` holds the decoded pixels' budget until the last thumbnail is made.
        let decode::Decoded { pixels, orientation, upright, permit: _permit } =
            decode::decode(bytes, largest)?;
        let rgb = DynamicImage::ImageRgb8(pixels.into_rgb8());
        crate::fs::create_dir_all(cache).map_err(|e| e.to_string())?;
        for width in widths {
            let height = height_at(width, upright);
            // Resized as stored, then turned: turning the small one is cheaper.
            let (w, h) = if decode::swaps(orientation) { (height, width) } else { (width, height) };
            let mut small = resize(&rgb, w, h)?;
            small.apply_orientation(orientation);
            let jpeg = encode(&small)?;
            let path = cached_path(cache, &hash, width);
            crate::fs::write_atomic(&path, &jpeg).map_err(|e| e.to_string())?;
            counters.made.fetch_add(1, Ordering::Relaxed);
            m.push_str(&format!("{width}={}\n", blake3::hash(&jpeg).to_hex()));
            out.push(Thumb { width, height, path });
        }
    }
    // Best effort: without it the thumbnails are made again next time.
    let _ = crate::fs::create_dir_all(cache).map(|_| crate::fs::write_atomic(&meta, m.as_bytes()));
    Ok(Thumbnails { width: full.0, height: full.1, thumbs: out, of })
}

/// The cached thumbnails described by `meta` (`WxH`, then `width=blake3`
/// lines), when every one is there and intact.
fn from_cache(cache: &Path, hash: &str, of: [u8; 32], meta: &str) -> Option<Thumbnails> {
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
            let path = cached_path(cache, hash, width);
            let bytes = std::fs::read(&path).ok()?;
            (blake3::hash(&bytes).to_hex().as_str() == *sums.get(&width)?).then(|| Thumb {
                width,
                height: height_at(width, (w, h)),
                path,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Thumbnails { width: w, height: h, thumbs, of })
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
        assert!(image::open(&again.thumbs[0].path).is_ok());
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
        assert!(image::open(&again.thumbs[0].path).is_ok());
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
        let img = image::open(&t[0].path).unwrap().to_rgb8();
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
