//! Lossless metadata stripping for published photos (Thailand PDPA: no
//! location on the web). The image data is copied byte for byte; only
//! metadata containers are dropped.
//!
//! - JPEG: every APPn/COM segment is dropped except JFIF (APP0), ICC colour
//!   profiles (APP2 `ICC_PROFILE`) and Adobe (APP14), so EXIF and XMP (both
//!   APP1) and MPF go. The EXIF orientation, when it is not 1, is kept in a
//!   minimal EXIF segment that holds nothing else, so phone photos stay
//!   upright. Everything after the end-of-image marker is dropped: that is
//!   where Samsung and Google "motion photos" append an MP4 (with its own
//!   location) and where MPF depth maps live.
//! - PNG: `eXIf`, text and `tIME` chunks are dropped, and anything after `IEND`.
//! - WebP: the `EXIF` and `XMP ` chunks are dropped, their `VP8X` flags
//!   cleared, the RIFF size rewritten and anything after the RIFF chunk dropped.
//! - GIF: passed through unless it holds an XMP application extension.
//!
//! Anything else passes through unchanged. A JPEG, PNG, WebP or GIF that does
//! not parse gives an empty result: the caller must not publish it. This file
//! has no dependencies inside the crate (only kamadak-exif), so the fuzz
//! target `fuzz/fuzz_targets/strip_images.rs` compiles it on its own.

/// Strips metadata from JPEG, PNG, WebP or GIF bytes (other formats pass
/// through). An empty result means "cannot be cleaned: do not publish".
pub fn strip_metadata(bytes: &[u8]) -> Vec<u8> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        strip_jpeg(bytes).unwrap_or_default()
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        strip_png(bytes).unwrap_or_default()
    } else if bytes.starts_with(b"RIFF") && bytes.get(8..12) == Some(&b"WEBP"[..]) {
        strip_webp(bytes).unwrap_or_default()
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        // XMP in GIF is an application extension "XMP DataXMP"; rare, so refused, not parsed.
        if bytes.windows(11).any(|w| w == b"XMP DataXMP") {
            Vec::new()
        } else {
            bytes.to_vec()
        }
    } else {
        bytes.to_vec()
    }
}

/// EXIF orientation (1–8) from an APP1 payload (after the marker and length).
fn orientation(app1: &[u8]) -> Option<u16> {
    exif_orientation(app1.strip_prefix(b"Exif\0\0")?)
}

/// EXIF orientation (1–8) of a raw EXIF block (a TIFF structure, with or
/// without the `Exif\0\0` of a JPEG APP1), read with kamadak-exif: krufolio's
/// one orientation reader, used here to keep photos upright and by
/// [`super::thumbs`] to turn thumbnails. A damaged EXIF block still gives the
/// orientation when its first IFD holds it.
pub fn exif_orientation(tiff: &[u8]) -> Option<u16> {
    let tiff = tiff.strip_prefix(b"Exif\0\0").unwrap_or(tiff);
    let exif = match exif::Reader::new().continue_on_error(true).read_raw(tiff.to_vec()) {
        Ok(exif) => exif,
        Err(e) => e.distill_partial_result(|_| {}).ok()?,
    };
    let o = exif.get_field(exif::Tag::Orientation, exif::In::PRIMARY)?.value.get_uint(0)?;
    u16::try_from(o).ok().filter(|o| (1..=8).contains(o))
}

/// A minimal APP1 segment holding only the orientation tag (big-endian TIFF).
pub(crate) fn orientation_segment(o: u16) -> Vec<u8> {
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"MM\0\x2a\0\0\0\x08"); // header, IFD0 at 8
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes()); // count
    tiff.extend_from_slice(&o.to_be_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0u32.to_be_bytes()); // no next IFD
    let mut seg = vec![0xFF, 0xE1];
    let len = (2 + 6 + tiff.len()) as u16;
    seg.extend_from_slice(&len.to_be_bytes());
    seg.extend_from_slice(b"Exif\0\0");
    seg.extend_from_slice(&tiff);
    seg
}

/// Whether an APPn/COM segment (marker, payload after the length) is kept.
fn keep_segment(marker: u8, payload: &[u8]) -> bool {
    match marker {
        0xE0 | 0xEE => true,                           // JFIF, Adobe
        0xE2 => payload.starts_with(b"ICC_PROFILE\0"), // ICC yes, MPF and FlashPix no
        0xE1 | 0xE3..=0xED | 0xEF | 0xFE => false,     // EXIF, XMP, other APPn, COM
        _ => true,                                     // tables, frame and scan headers
    }
}

/// Where the entropy-coded data starting at `i` ends: the next marker that is
/// not a stuffed `FF 00`, a restart marker or a fill byte.
fn scan_end(b: &[u8], mut i: usize) -> Option<usize> {
    loop {
        let k = i + b.get(i..)?.iter().position(|&c| c == 0xFF)?;
        match *b.get(k + 1)? {
            0x00 | 0xD0..=0xD7 => i = k + 2,
            _ => return Some(k),
        }
    }
}

fn strip_jpeg(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..2]);
    let mut i = 2;
    let (mut orient, mut orient_written) = (None, false);
    loop {
        if *b.get(i)? != 0xFF {
            return None;
        }
        let marker = *b.get(i + 1)?;
        match marker {
            0xFF => {
                i += 1; // fill byte
                continue;
            }
            0xD9 => {
                out.extend_from_slice(&[0xFF, 0xD9]);
                return Some(out); // whatever follows (a motion photo's MP4) is dropped
            }
            0xD0..=0xD7 | 0x01 => {
                out.extend_from_slice(&b[i..i + 2]);
                i += 2;
                continue;
            }
            0xD8 => return None, // a second SOI before EOI
            _ => {}
        }
        let len = usize::from(u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]));
        if len < 2 {
            return None; // the length counts its own two bytes
        }
        let seg = b.get(i..i + 2 + len)?;
        if marker == 0xE1 {
            orient = orient.or_else(|| orientation(&seg[4..]));
        }
        if marker == 0xDA && !orient_written {
            // Insert after the JFIF/colour segments already written.
            if let Some(o) = orient.filter(|o| *o != 1) {
                out.extend_from_slice(&orientation_segment(o));
            }
            orient_written = true;
        }
        if keep_segment(marker, &seg[4..]) {
            out.extend_from_slice(seg);
        }
        i += 2 + len;
        if marker == 0xDA {
            let end = scan_end(b, i)?;
            out.extend_from_slice(&b[i..end]);
            i = end;
        }
    }
}

fn strip_png(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = b[..8].to_vec();
    let mut i = 8;
    loop {
        let len = u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind = b.get(i + 4..i + 8)?;
        let end = i.checked_add(12)?.checked_add(len)?;
        let chunk = b.get(i..end)?;
        if !matches!(kind, b"eXIf" | b"tEXt" | b"iTXt" | b"zTXt" | b"tIME") {
            out.extend_from_slice(chunk);
        }
        if kind == b"IEND" {
            return Some(out); // trailing data dropped
        }
        i = end;
    }
}

/// VP8X flag bits for EXIF and XMP metadata.
const VP8X_EXIF: u8 = 0x08;
const VP8X_XMP: u8 = 0x04;

fn strip_webp(b: &[u8]) -> Option<Vec<u8>> {
    let riff_len = u32::from_le_bytes(b.get(4..8)?.try_into().ok()?) as usize;
    let end = riff_len.checked_add(8)?;
    let body = b.get(12..end)?;
    let mut out = b"RIFF\0\0\0\0WEBP".to_vec();
    let mut i = 0;
    while i < body.len() {
        let kind = body.get(i..i + 4)?;
        let len = u32::from_le_bytes(body.get(i + 4..i + 8)?.try_into().ok()?) as usize;
        let padded = len.checked_add(len & 1)?;
        let chunk = body.get(i..i.checked_add(8)?.checked_add(len)?)?;
        match kind {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                let mut c = chunk.to_vec();
                *c.get_mut(8)? &= !(VP8X_EXIF | VP8X_XMP);
                out.extend_from_slice(&c);
            }
            _ => out.extend_from_slice(chunk),
        }
        if len & 1 == 1 && !matches!(kind, b"EXIF" | b"XMP ") {
            out.push(0); // the pad byte of a kept odd-sized chunk
        }
        i += 8 + padded;
    }
    if out.len() == 12 {
        return None; // no image chunk at all
    }
    let size = u32::try_from(out.len() - 8).ok()?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app1_with(orient: u16, gps: bool) -> Vec<u8> {
        // Little-endian TIFF with Orientation and (optionally) a GPS IFD pointer.
        let mut tiff = b"II\x2a\0\x08\0\0\0".to_vec();
        let n: u16 = if gps { 2 } else { 1 };
        tiff.extend_from_slice(&n.to_le_bytes());
        tiff.extend_from_slice(&0x0112u16.to_le_bytes());
        tiff.extend_from_slice(&3u16.to_le_bytes());
        tiff.extend_from_slice(&1u32.to_le_bytes());
        tiff.extend_from_slice(&orient.to_le_bytes());
        tiff.extend_from_slice(&[0, 0]);
        if gps {
            tiff.extend_from_slice(&0x8825u16.to_le_bytes());
            tiff.extend_from_slice(&4u16.to_le_bytes());
            tiff.extend_from_slice(&1u32.to_le_bytes());
            tiff.extend_from_slice(&0u32.to_le_bytes());
        }
        tiff.extend_from_slice(&0u32.to_le_bytes());
        let mut seg = vec![0xFF, 0xE1];
        seg.extend_from_slice(&((2 + 6 + tiff.len()) as u16).to_be_bytes());
        seg.extend_from_slice(b"Exif\0\0");
        seg.extend_from_slice(&tiff);
        seg
    }

    fn jpeg(app1: &[u8]) -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8];
        j.extend_from_slice(&[0xFF, 0xE0, 0, 16]);
        j.extend_from_slice(b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        j.extend_from_slice(app1);
        j.extend_from_slice(&[0xFF, 0xFE, 0, 6, b'h', b'i', b'!', b'!']);
        j.extend_from_slice(&[0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]);
        j
    }

    #[test]
    fn strips_exif_and_comments_but_keeps_orientation_and_scan() {
        let src = jpeg(&app1_with(6, true));
        let out = strip_metadata(&src);
        assert!(!out.windows(2).any(|w| w == [0x88, 0x25]), "GPS pointer gone");
        assert!(!out.windows(4).any(|w| w == b"hi!!"), "comment gone");
        assert_eq!(orientation(&out[out.windows(6).position(|w| w == b"Exif\0\0").unwrap()..]), Some(6));
        assert!(out.ends_with(&[0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]), "scan data copied as is");
        assert!(out.windows(4).any(|w| w == b"JFIF"));
    }

    #[test]
    fn upright_photos_get_no_exif_at_all() {
        let out = strip_metadata(&jpeg(&app1_with(1, true)));
        assert!(!out.windows(4).any(|w| w == b"Exif"));
    }

    #[test]
    fn broken_jpeg_is_not_passed_through() {
        let mut src = jpeg(&app1_with(1, true));
        src.truncate(12);
        assert!(strip_metadata(&src).is_empty());
    }

    #[test]
    fn jpeg_with_app1_length_0_or_1_does_not_panic() {
        for len in [0u8, 1] {
            let mut src = vec![0xFF, 0xD8, 0xFF, 0xE1, 0, len];
            src.extend_from_slice(&[0xFF, 0xDA, 0, 2, 1, 0xFF, 0xD9]);
            assert!(strip_metadata(&src).is_empty(), "APP1 length {len} is refused");
        }
        assert!(strip_metadata(&[0xFF, 0xD8, 0xFF, 0xE1, 0, 2, 0xFF, 0xD9]).len() == 4);
    }

    #[test]
    fn xmp_mpf_and_app1_after_the_scan_are_dropped() {
        let mut src = jpeg(&app1_with(1, false));
        let sos = src.windows(2).position(|w| w == [0xFF, 0xDA]).unwrap();
        let mut xmp = vec![0xFF, 0xE1, 0, 0];
        xmp.extend_from_slice(b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta exif:GPSLatitude='13,45N'/>");
        let l = (xmp.len() - 2) as u16;
        xmp[2..4].copy_from_slice(&l.to_be_bytes());
        let mut mpf = vec![0xFF, 0xE2, 0, 10];
        mpf.extend_from_slice(b"MPF\0MM\0\x2a");
        let mut icc = vec![0xFF, 0xE2, 0, 16];
        icc.extend_from_slice(b"ICC_PROFILE\0\x01\x01");
        src.splice(sos..sos, [xmp.clone(), mpf, icc].concat());
        // A second scan (progressive JPEG) with metadata between the scans.
        let eoi = src.len() - 2;
        src.splice(eoi..eoi, [xmp, vec![0xFF, 0xDA, 0, 2, 9, 9]].concat());
        let out = strip_metadata(&src);
        let has = |n: &[u8]| out.windows(n.len()).any(|w| w == n);
        assert!(!has(b"xmpmeta") && !has(b"GPSLatitude"), "XMP gone");
        assert!(!has(b"MPF\0"), "MPF gone");
        assert!(has(b"ICC_PROFILE"), "ICC kept");
        assert!(out.ends_with(&[0xFF, 0xDA, 0, 2, 9, 9, 0xFF, 0xD9]), "second scan kept");
    }

    #[test]
    fn motion_photo_trailer_is_dropped() {
        let mut src = jpeg(&app1_with(6, true));
        let photo_len = strip_metadata(&src).len();
        src.extend_from_slice(
            b"MotionPhoto_Data\0\0\0\x18ftypmp42\0\0\0\0\0\0\0\x1bmoovudta\xa9xyz+13.75+100.50/",
        );
        let out = strip_metadata(&src);
        assert_eq!(out.len(), photo_len);
        assert!(out.ends_with(&[0xFF, 0xD9]));
        assert!(!out.windows(4).any(|w| w == b"ftyp" || w == b"\xa9xyz"));
    }

    #[test]
    fn entropy_data_with_stuffed_bytes_and_restarts_is_copied() {
        let mut src = vec![0xFF, 0xD8, 0xFF, 0xDA, 0, 2];
        let scan = [1, 0xFF, 0x00, 2, 0xFF, 0xD0, 3, 0xFF, 0xFF, 0xD9];
        src.extend_from_slice(&scan);
        let out = strip_metadata(&src);
        assert_eq!(out[..out.len() - 2], src[..src.len() - 3], "up to the fill byte");
        assert!(out.ends_with(&[0xFF, 0xD9]));
    }

    fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0; 4]); // CRC (not checked)
        c
    }

    #[test]
    fn png_exif_text_and_trailer_are_dropped() {
        let mut src = b"\x89PNG\r\n\x1a\n".to_vec();
        src.extend(png_chunk(b"IHDR", &[0; 13]));
        src.extend(png_chunk(b"eXIf", b"MM\0\x2aGPS"));
        src.extend(png_chunk(b"iTXt", b"XML:com.adobe.xmp\0GPS"));
        src.extend(png_chunk(b"IDAT", &[7; 5]));
        src.extend(png_chunk(b"IEND", &[]));
        src.extend_from_slice(b"trailing GPS");
        let out = strip_metadata(&src);
        assert!(!out.windows(3).any(|w| w == b"GPS"));
        assert!(out.windows(4).any(|w| w == b"IDAT"));
        assert!(out.ends_with(&png_chunk(b"IEND", &[])));
        src.truncate(20);
        assert!(strip_metadata(&src).is_empty(), "a cut PNG is refused");
    }

    fn riff(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
        let mut body = b"WEBP".to_vec();
        for (kind, data) in chunks {
            body.extend_from_slice(*kind);
            body.extend_from_slice(&(data.len() as u32).to_le_bytes());
            body.extend_from_slice(data);
            if data.len() % 2 == 1 {
                body.push(0);
            }
        }
        let mut out = b"RIFF".to_vec();
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend(body);
        out
    }

    #[test]
    fn webp_exif_gps_is_stripped() {
        let vp8x = [VP8X_EXIF | VP8X_XMP | 0x10, 0, 0, 0, 1, 0, 0, 1, 0, 0];
        let src =
            riff(&[(b"VP8X", &vp8x), (b"VP8 ", b"frame"), (b"EXIF", b"MM\0\x2aGPS!"), (b"XMP ", b"<GPS/>")]);
        let out = strip_metadata(&src);
        assert_eq!(out, riff(&[(b"VP8X", &[0x10, 0, 0, 0, 1, 0, 0, 1, 0, 0]), (b"VP8 ", b"frame")]));
        let mut trailer = src.clone();
        trailer.extend_from_slice(b"EXIFGPS");
        assert_eq!(strip_metadata(&trailer), out, "data after the RIFF chunk is dropped");
        assert!(strip_metadata(&src[..30]).is_empty(), "a cut WebP is refused");
    }

    /// Found by `fuzz/fuzz_targets/strip_images.rs` on a real exiftool WebP: the pad byte of
    /// a dropped odd-sized XMP chunk was kept, so the output ended in a stray byte.
    #[test]
    fn webp_with_an_odd_sized_xmp_chunk_strips_to_a_valid_file() {
        let src = riff(&[
            (b"VP8X", &[VP8X_XMP, 0, 0, 0, 1, 0, 0, 1, 0, 0]),
            (b"VP8 ", b"fram"),
            (b"XMP ", b"<GPS/>!"),
        ]);
        let out = strip_metadata(&src);
        assert_eq!(out, riff(&[(b"VP8X", &[0, 0, 0, 0, 1, 0, 0, 1, 0, 0]), (b"VP8 ", b"fram")]));
        assert_eq!(strip_metadata(&out), out, "stripping twice changes nothing");
    }

    #[test]
    fn gif_with_xmp_is_refused() {
        assert_eq!(strip_metadata(b"GIF89a...;"), b"GIF89a...;");
        assert!(strip_metadata(b"GIF89a\x21\xffXMP DataXMP<GPS>").is_empty());
    }
}
