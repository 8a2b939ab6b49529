//! Decoding a photo for its thumbnails, in bounded memory.
//!
//! A JPEG is decoded once, by `jpeg-decoder`, at the smallest DCT scale (1/8, 1/4, 1/2
//! or 1) that still leaves it at least as wide as the largest thumbnail it needs (as
//! libjpeg-turbo's and vipsthumbnail's shrink-on-load do): a 4000×3000 phone photo is
//! decoded at 2000×1500 for its 1600 px thumbnail, a 200-megapixel one at 1/8. Other
//! formats (PNG, WebP, GIF, and the JPEGs `jpeg-decoder` cannot read, such as CMYK) are
//! decoded at full size by `image`.
//!
//! Every decode first takes its pixels from the process-wide [`budget`], and gives them
//! back when its thumbnails are made, so however many threads make thumbnails and however
//! big the photos, at most [`budget::PIXELS`] decoded pixels are held at once. A photo that
//! needs more than the whole budget even at 1/8 scale is refused with a reason.

use std::io::Cursor;

use crate::assets::budget::{self, Permit};

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder as _};

/// A photo decoded for its thumbnails.
pub struct Decoded {
    /// The pixels as stored (not yet turned upright), possibly scaled down.
    pub pixels: DynamicImage,
    /// How to turn them upright.
    pub orientation: Orientation,
    /// The full-size photo's width and height once upright.
    pub upright: (u32, u32),
    /// The budget its pixels hold.
    pub permit: Permit,
}

/// Whether the orientation swaps width and height.
pub fn swaps(o: Orientation) -> bool {
    use Orientation::*;
    matches!(o, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
}

fn upright(w: u32, h: u32, o: Orientation) -> (u32, u32) {
    if swaps(o) {
        (h, w)
    } else {
        (w, h)
    }
}

fn orientation_of(exif: Option<&[u8]>) -> Orientation {
    exif.and_then(super::super::images::exif_orientation)
        .and_then(|o| Orientation::from_exif(o as u8))
        .unwrap_or(Orientation::NoTransforms)
}

/// The upright size of a photo, read from its header (no pixels decoded).
pub fn upright_size(bytes: &[u8]) -> Result<(u32, u32), String> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        let mut d = jpeg_decoder::Decoder::new(Cursor::new(bytes));
        if d.read_info().is_ok() {
            if let Some(info) = d.info() {
                let o = orientation_of(d.exif_data());
                return Ok(upright(info.width.into(), info.height.into(), o));
            }
        }
    }
    let mut d = reader(bytes)?.into_decoder().map_err(|e| e.to_string())?;
    let o = orientation_of(d.exif_metadata().ok().flatten().as_deref());
    let (w, h) = d.dimensions();
    Ok(upright(w, h, o))
}

fn reader(bytes: &[u8]) -> Result<image::ImageReader<Cursor<&[u8]>>, String> {
    image::ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())
}

/// Decodes `bytes` so that the upright result is at least `width` pixels wide, within the
/// budget (see the module doc).
pub fn decode(bytes: &[u8], width: u32) -> Result<Decoded, String> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        if let Some(d) = decode_scaled_jpeg(bytes, width)? {
            return Ok(d);
        }
    }
    decode_full(bytes)
}

/// A JPEG through `jpeg-decoder` at the smallest scale wide enough; `None` when it is one
/// `jpeg-decoder` does not turn into RGB or grey (CMYK, 16-bit) or cannot decode, left to
/// `image`.
fn decode_scaled_jpeg(bytes: &[u8], width: u32) -> Result<Option<Decoded>, String> {
    use jpeg_decoder::PixelFormat;
    let mut d = jpeg_decoder::Decoder::new(Cursor::new(bytes));
    if d.read_info().is_err() {
        return Ok(None); // let `image` try it and give its own reason
    }
    let Some(info) = d.info() else { return Ok(None) };
    if !matches!(info.pixel_format, PixelFormat::RGB24 | PixelFormat::L8) {
        return Ok(None);
    }
    let orientation = orientation_of(d.exif_data());
    let want = u16::try_from(width).unwrap_or(u16::MAX);
    // Ask for the width on the axis that becomes the upright width; the other axis is
    // left unconstrained (the largest value never decides the scale).
    let (sw, sh) = if swaps(orientation) { d.scale(u16::MAX, want) } else { d.scale(want, u16::MAX) }
        .map_err(|e| e.to_string())?;
    let permit = budget::take(u64::from(sw) * u64::from(sh))?;
    let Ok(raw) = d.decode() else {
        return Ok(None); // `image`'s decoder forgives more damage (and gives its own reason)
    };
    let (w, h) = (u32::from(sw), u32::from(sh));
    let pixels = match info.pixel_format {
        PixelFormat::L8 => image::GrayImage::from_raw(w, h, raw).map(DynamicImage::ImageLuma8),
        _ => image::RgbImage::from_raw(w, h, raw).map(DynamicImage::ImageRgb8),
    }
    .ok_or("the decoder returned fewer pixels than the image has")?;
    let upright = upright(info.width.into(), info.height.into(), orientation);
    Ok(Some(Decoded { pixels, orientation, upright, permit }))
}

/// Any image through `image`, at full size.
fn decode_full(bytes: &[u8]) -> Result<Decoded, String> {
    let (w, h) = reader(bytes)?.into_dimensions().map_err(|e| e.to_string())?;
    let permit = budget::take(u64::from(w) * u64::from(h))?;
    let mut d = reader(bytes)?.into_decoder().map_err(|e| e.to_string())?;
    let orientation = orientation_of(d.exif_metadata().ok().flatten().as_deref());
    let pixels = DynamicImage::from_decoder(d).map_err(|e| e.to_string())?;
    Ok(Decoded { pixels, orientation, upright: upright(w, h, orientation), permit })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x % 255) as u8, (y % 255) as u8, 9]));
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut out).encode_image(&img).unwrap();
        out
    }

    #[test]
    fn jpeg_is_decoded_at_the_smallest_scale_still_wide_enough() {
        let src = jpeg(4000, 3000);
        let d = decode(&src, 1600).unwrap();
        assert_eq!((d.pixels.width(), d.pixels.height(), d.upright), (2000, 1500, (4000, 3000)));
        let d = decode(&src, 400).unwrap();
        assert_eq!((d.pixels.width(), d.pixels.height()), (500, 375), "1/8");
        let d = decode(&src, 3000).unwrap();
        assert_eq!(d.pixels.width(), 4000, "no scale is wide enough but the full size");
        // Turned by EXIF (orientation 6): the upright width is the stored height.
        let mut six = src.clone();
        six.splice(2..2, crate::assets::images::orientation_segment(6));
        let d = decode(&six, 1600).unwrap();
        assert_eq!((d.pixels.width(), d.pixels.height(), d.upright), (4000, 3000, (3000, 4000)));
        assert_eq!(upright_size(&six).unwrap(), (3000, 4000));
    }

    #[test]
    fn photo_needing_more_than_the_budget_is_refused_not_decoded() {
        // A 4000×4000 PNG of one colour: small on disk, 16 MP decoded; a 9000×9000 one
        // (81 MP) is more than the whole budget.
        let png = |side: u32| {
            let img = image::GrayImage::new(side, side);
            let mut out = Vec::new();
            img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
            out
        };
        assert!(decode(&png(4000), 320).is_ok());
        let e = decode(&png(9000), 320).err().unwrap();
        assert!(e.contains("81000000 decoded pixels"), "{e}");
    }
}
