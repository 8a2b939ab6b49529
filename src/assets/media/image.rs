//! Photo probing: size, integrity and GPS of JPEG, PNG, GIF and WebP files.
//!
//! The size comes from the header ([`::image::ImageReader::into_dimensions`]). A JPEG is
//! never decoded here: its marker stream must reach its EOI through every entropy-coded
//! scan ([`jpeg_complete`]), which catches a cut-off file as surely as a decode does (the
//! decoder pads a cut-off scan with grey) at the cost of one pass over the bytes; the
//! thumbnailer decodes it once, at a reduced scale, and a photo it cannot decode is a
//! warning. Another format of up to [`MAX_DECODE_PIXELS`] is decoded in full (the surest
//! way to catch a broken one); a bigger one is checked by its structure instead: a PNG's
//! chunks must reach IEND.

use crate::text::Text;
use std::io::Cursor;

use super::{corrupt, has_gps, read_err};
use crate::portfolio::model::MediaInfo;

/// Most pixels decoded in full (48 MP, the largest common phone photo: about 150 MB of RGB,
/// well inside the decoder's default 512 MB limit), taken from the one pixel
/// [`crate::assets::budget`] while decoded.
pub(super) const MAX_DECODE_PIXELS: u64 = crate::assets::budget::PIXELS;

pub(super) fn probe_image(bytes: &[u8], info: &mut MediaInfo) -> Result<(), Text> {
    // EXIF GPS, or GPS in an XMP packet (`exif:GPSLatitude`), which EXIF readers skip.
    info.gps = has_gps(&mut Cursor::new(bytes)) || bytes.windows(11).any(|w| w == b"GPSLatitude");
    if crate::assets::images::strip_metadata(bytes).is_empty() {
        info.clean_error = Some(crate::assets::clean::image_refused());
    }
    let reader = || ::image::ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(read_err);
    let Some(format) = reader()?.format() else {
        return Err(Text::new("ไม่ใช่ไฟล์ภาพที่รู้จัก", "not a recognised image"));
    };
    let (w, h) = reader()?
        .into_dimensions()
        .map_err(|e| corrupt("อ่านขนาดภาพไม่ได้", &format!("cannot read image size: {e}")))?;
    (info.width, info.height) = (Some(w), Some(h));
    if format == ::image::ImageFormat::Jpeg {
        if !jpeg_complete(bytes) {
            return Err(corrupt("JPEG ถูกตัดท้าย", "JPEG ends early"));
        }
        return Ok(());
    }
    if u64::from(w) * u64::from(h) <= MAX_DECODE_PIXELS {
        // Held until the decoded pixels are dropped, at the end of this block.
        let _permit = crate::assets::budget::take(u64::from(w) * u64::from(h))
            .map_err(|e| Text::new("ภาพใหญ่เกินกว่าจะตรวจ", format!("image too large to check: {e}")))?;
        reader()?.decode().map_err(|e| corrupt("ถอดรหัสภาพไม่ได้", &format!("cannot decode image: {e}")))?;
    } else if format == ::image::ImageFormat::Png && !png_complete(bytes) {
        return Err(corrupt("PNG ถูกตัดท้าย", "PNG ends early"));
    }
    Ok(())
}

/// Whether a JPEG's marker stream reaches its EOI (FF D9). The decoder pads a cut-off scan
/// with grey, and a bare "ends with FF D9" test fails on motion photos (JPEG + MP4) and on
/// Samsung's trailer after the EOI: the first EOI outside every segment and scan counts.
pub(super) fn jpeg_complete(b: &[u8]) -> bool {
    let mut i = 2; // after SOI
    while i + 1 < b.len() {
        if b[i] != 0xFF {
            return false;
        }
        let marker = b[i + 1];
        match marker {
            0xD9 => return true,
            0xFF | 0x01 | 0xD0..=0xD7 => {
                i += if marker == 0xFF { 1 } else { 2 }; // fill byte, or a marker with no length
                continue;
            }
            _ => {}
        }
        let Some(seg) = b.get(i + 2..i + 4) else { return false };
        i += 2 + usize::from(u16::from_be_bytes([seg[0], seg[1]]));
        if marker == 0xDA {
            // Entropy-coded data runs to the next marker that is not a stuffed 00 or a restart.
            let next = b
                .get(i..)
                .unwrap_or_default()
                .windows(2)
                .position(|w| w[0] == 0xFF && w[1] != 0 && !(0xD0..=0xD7).contains(&w[1]));
            let Some(k) = next else { return false };
            i += k;
        }
    }
    false
}

/// Whether a PNG's chunks run, length by length, to an IEND chunk.
pub(super) fn png_complete(b: &[u8]) -> bool {
    let mut i = 8; // after the signature
    while let Some(len) = super::be32(b, i) {
        let end = i as u64 + 12 + u64::from(len);
        if b.get(i + 4..i + 8) == Some(&b"IEND"[..]) {
            return end <= b.len() as u64;
        }
        if end > b.len() as u64 {
            return false;
        }
        i = end as usize;
    }
    false
}
