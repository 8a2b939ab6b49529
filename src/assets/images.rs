//! Lossless metadata stripping for published photos (Thailand PDPA: no EXIF
//! GPS on the web). JPEG: every APPn/COM segment except JFIF (APP0), ICC
//! colour profiles (APP2) and Adobe (APP14) is dropped, and the EXIF
//! orientation, when it is not 1, is kept in a minimal EXIF segment that
//! holds nothing else, so phone photos stay upright. The image data is
//! copied byte for byte. PNG: `eXIf` and text chunks are dropped.
//! Anything that does not parse is returned unchanged only if it carries no
//! EXIF marker; otherwise an empty result tells the caller not to publish.

/// Strips metadata from JPEG or PNG bytes (other formats pass through).
pub fn strip_metadata(bytes: &[u8]) -> Vec<u8> {
    if bytes.starts_with(&[0xFF, 0xD8]) {
        strip_jpeg(bytes).unwrap_or_default()
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        strip_png(bytes).unwrap_or_default()
    } else {
        bytes.to_vec()
    }
}

/// EXIF orientation (1–8) from an APP1 payload (after the marker and length).
fn orientation(app1: &[u8]) -> Option<u16> {
    let tiff = app1.strip_prefix(b"Exif\0\0")?;
    let le = match tiff.get(..2)? {
        b"II" => true,
        b"MM" => false,
        _ => return None,
    };
    let u16_at = |o: usize| -> Option<u16> {
        let b = tiff.get(o..o + 2)?;
        Some(if le { u16::from_le_bytes([b[0], b[1]]) } else { u16::from_be_bytes([b[0], b[1]]) })
    };
    let u32_at = |o: usize| -> Option<u32> {
        let b = tiff.get(o..o + 4)?;
        Some(if le {
            u32::from_le_bytes([b[0], b[1], b[2], b[3]])
        } else {
            u32::from_be_bytes([b[0], b[1], b[2], b[3]])
        })
    };
    let ifd = u32_at(4)? as usize;
    let n = u16_at(ifd)? as usize;
    (0..n).find_map(|k| {
        let e = ifd + 2 + 12 * k;
        (u16_at(e)? == 0x0112).then(|| u16_at(e + 8)).flatten()
    })
}

/// A minimal APP1 segment holding only the orientation tag (big-endian TIFF).
fn orientation_segment(o: u16) -> Vec<u8> {
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

fn strip_jpeg(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..2]);
    let mut i = 2;
    let mut orient = None;
    loop {
        if *b.get(i)? != 0xFF {
            return None;
        }
        let marker = *b.get(i + 1)?;
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        if marker == 0xDA || marker == 0xD9 {
            // Start of scan (or an image with no scan): the rest is copied as is.
            if let Some(o) = orient.filter(|o| *o != 1) {
                // Insert after JFIF/colour segments already written.
                out.extend_from_slice(&orientation_segment(o));
            }
            out.extend_from_slice(&b[i..]);
            return Some(out);
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            out.extend_from_slice(&b[i..i + 2]);
            i += 2;
            continue;
        }
        let len = u16::from_be_bytes([*b.get(i + 2)?, *b.get(i + 3)?]) as usize;
        let seg = b.get(i..i + 2 + len)?;
        let keep = match marker {
            0xE0 | 0xE2 | 0xEE => true, // JFIF, ICC profile, Adobe
            0xE1 => {
                orient = orient.or_else(|| orientation(&seg[4..]));
                false
            }
            0xE3..=0xED | 0xEF | 0xFE => false, // other APPn, COM
            _ => true,                          // tables, frame headers
        };
        if keep {
            out.extend_from_slice(seg);
        }
        i += 2 + len;
    }
}

fn strip_png(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = b[..8].to_vec();
    let mut i = 8;
    while i < b.len() {
        let len = u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?) as usize;
        let kind = b.get(i + 4..i + 8)?;
        let end = i + 12 + len;
        let chunk = b.get(i..end)?;
        if !matches!(kind, b"eXIf" | b"tEXt" | b"iTXt" | b"zTXt" | b"tIME") {
            out.extend_from_slice(chunk);
        }
        i = end;
    }
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
}
