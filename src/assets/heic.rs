//! HEIC/HEIF photos (the iPhone default) as location-free, upright JPEGs: the one route
//! that both `build` (through [`super::clean::for_publish`]) and `krufolio fix` take.
//!
//! The HEVC picture is decoded by libheif's own command-line decoder (`heif-dec`, called
//! `heif-convert` before libheif 1.16; Debian package `libheif-examples`): the libheif
//! crates need libheif 1.17 or newer, and Debian 12 has 1.15. libheif applies the
//! container's rotation and mirroring (`irot`, `imir`). Its JPEG carries the photo's EXIF
//! block (GPS included), which is then removed:
//!
//! - when the container turned the picture, or the EXIF orientation is upright, the JPEG
//!   is stripped losslessly ([`super::images::strip_metadata`]: no EXIF, XMP or comments);
//! - otherwise (a HEIC whose only orientation is its EXIF tag, as `heif-enc` writes) the
//!   pixels are decoded within the pixel budget, turned upright and encoded again, with
//!   no metadata at all.
//!
//! Results are cached under the given folder by the blake3 of the HEIC's bytes, so a photo
//! is converted once.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::clean::boxes::{children, read_err};
use crate::text::Text;

/// Largest HEIC read (an iPhone photo is 1–5 MB).
const MAX_HEIC: u64 = 256 << 20;
/// JPEG quality of a re-encoded photo.
const QUALITY: u8 = 92;
/// Bumped when the conversion changes, so cached JPEGs are made again.
const VERSION: u32 = 1;

/// The libheif decoder found on `PATH` (`heif-dec`, else `heif-convert`), looked up once.
pub fn converter() -> Option<&'static Path> {
    static FOUND: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    FOUND.get_or_init(|| ["heif-dec", "heif-convert"].iter().find_map(|t| on_path(t))).as_deref()
}

/// An executable named `name` in a folder of `PATH`.
pub fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|d| d.join(name)).find(|p| {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            p.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        }
        #[cfg(not(unix))]
        {
            p.is_file()
        }
    })
}

/// The message when no libheif decoder is installed.
pub fn missing() -> Text {
    Text::new(
        "แปลงภาพ HEIC เป็น JPEG ไม่ได้เพราะเครื่องนี้ไม่มีโปรแกรม heif-dec/heif-convert ให้ติดตั้งแพ็กเกจ libheif-examples (sudo apt install libheif-examples) หรือตั้งกล้อง iPhone เป็น \"ใช้ได้กับทุกอุปกรณ์\" แล้วถ่ายใหม่",
        "cannot convert HEIC photos to JPEG: heif-dec/heif-convert is not installed; install the package libheif-examples (sudo apt install libheif-examples), or set the iPhone camera to \"Most Compatible\"",
    )
}

/// The location-free upright JPEG of the HEIC at `src`, made (or found) in `cache`.
pub fn to_jpeg(src: &Path, cache: &Path) -> Result<PathBuf, Text> {
    let len = std::fs::metadata(src).map_err(read_err)?.len();
    if len > MAX_HEIC {
        return Err(Text::new("ภาพ HEIC ใหญ่เกินไป", format!("HEIC photo too large ({len} bytes)")));
    }
    let heic = std::fs::read(src).map_err(read_err)?;
    let hash = blake3::hash(&heic).to_hex();
    let dest = cache.join(format!("heic-{}-v{VERSION}.jpg", &hash[..32]));
    if dest.metadata().is_ok_and(|m| m.len() > 0) {
        return Ok(dest);
    }
    let tool = converter().ok_or_else(missing)?;
    crate::fs::create_dir_all(cache).map_err(|e| cache_err(cache, &e.source))?;
    let tmp =
        tempfile::Builder::new().prefix(".heic-").tempdir_in(cache).map_err(|e| cache_err(cache, &e))?;
    let out = tmp.path().join("photo.jpg");
    let run = Command::new(tool).arg("--quiet").args(["-q", "92"]).arg(src).arg(&out).output();
    let run = run.map_err(|e| failed(&e.to_string()))?;
    // With several top-level images libheif numbers its outputs (`photo-1.jpg`, …): the first.
    let out = if out.exists() { out } else { first_jpeg(tmp.path()).unwrap_or(out) };
    let decoded = std::fs::read(&out).ok().filter(|b| !b.is_empty() && run.status.success());
    let Some(jpeg) = decoded else {
        let why = String::from_utf8_lossy(&run.stderr).trim().chars().take(300).collect::<String>();
        return Err(failed(&why));
    };
    let clean = upright_clean(&jpeg, container_turns(&heic))?;
    crate::fs::write_atomic(&dest, &clean).map_err(|e| cache_err(cache, &e.source))?;
    Ok(dest)
}

/// The first `.jpg` in `dir` by name.
fn first_jpeg(dir: &Path) -> Option<PathBuf> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jpg"))
        .collect();
    names.sort();
    names.into_iter().next()
}

fn failed(why: &str) -> Text {
    Text::new(
        format!("แปลงภาพ HEIC เป็น JPEG ไม่ได้ (ไฟล์อาจเสียหาย): {why}"),
        format!("cannot convert this HEIC photo to JPEG (the file may be damaged): {why}"),
    )
}

fn cache_err(cache: &Path, e: &dyn std::fmt::Display) -> Text {
    Text::new(
        format!("เขียนไฟล์ในแคช {} ไม่ได้", cache.display()),
        format!("cannot write to the cache {}: {e}", cache.display()),
    )
}

/// The decoded JPEG without metadata, upright (see the module doc). `turned`: libheif
/// applied the container's rotation, so the EXIF orientation is not applied again.
pub fn upright_clean(jpeg: &[u8], turned: bool) -> Result<Vec<u8>, Text> {
    use super::thumbs::decode::{decode, Decoded};
    let mut d = jpeg_decoder::Decoder::new(std::io::Cursor::new(jpeg));
    let exif = d.read_info().ok().and(d.exif_data().map(<[u8]>::to_vec));
    let orientation = exif.as_deref().and_then(super::images::exif_orientation).unwrap_or(1);
    if turned || orientation == 1 {
        let stripped = super::images::strip_metadata(jpeg);
        return if stripped.is_empty() {
            Err(failed("the decoded JPEG does not parse"))
        } else {
            Ok(stripped)
        };
    }
    let bad = |e: String| failed(&e);
    let Decoded { pixels, orientation, permit, .. } = decode(jpeg, u32::MAX).map_err(bad)?;
    let mut pixels = pixels;
    pixels.apply_orientation(orientation);
    let rgb = pixels.to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY)
        .encode_image(&rgb)
        .map_err(|e| bad(e.to_string()))?;
    drop(permit);
    Ok(out)
}

/// Whether the HEIC's container rotates or mirrors a picture (`irot` other than 0°, or
/// `imir`, in `meta/iprp/ipco`).
pub fn container_turns(heic: &[u8]) -> bool {
    let find = |b: &[u8], t: &[u8; 4]| -> Option<(usize, usize)> {
        children(b).flatten().find(|(ty, ..)| ty == t).map(|(_, p, h, s)| (p + h, p + s))
    };
    let sub = |b: &[u8], t: &[u8; 4]| find(b, t).map(|(s, e)| b[s..e].to_vec());
    let Some(meta) = sub(heic, b"meta") else { return false };
    let Some(ipco) = sub(meta.get(4..).unwrap_or_default(), b"iprp").and_then(|p| sub(&p, b"ipco")) else {
        return false;
    };
    let turns = children(&ipco).flatten().any(|(t, p, h, s)| match &t {
        b"irot" => ipco.get(p + h).is_some_and(|a| a & 3 != 0) && s > h,
        b"imir" => true,
        _ => false,
    });
    turns
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bx(typ: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        b.extend_from_slice(typ);
        b.extend_from_slice(body);
        b
    }

    fn heic_with(props: &[u8]) -> Vec<u8> {
        let ipco = bx(b"ipco", props);
        let meta =
            bx(b"meta", &[&[0u8; 4][..], &bx(b"hdlr", &[0; 24])[..], &bx(b"iprp", &ipco)[..]].concat());
        [bx(b"ftyp", b"heic\0\0\0\0mif1heic"), meta].concat()
    }

    #[test]
    fn rotation_in_the_container_is_found() {
        assert!(container_turns(&heic_with(&bx(b"irot", &[1]))));
        assert!(container_turns(&heic_with(&bx(b"imir", &[0]))));
        assert!(!container_turns(&heic_with(&bx(b"irot", &[0]))), "0° is no turn");
        assert!(!container_turns(&heic_with(&bx(b"ispe", &[0; 12]))));
        assert!(!container_turns(b"not a heic"));
    }

    fn jpeg(w: u32, h: u32, orientation: Option<u16>) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, _| image::Rgb([if x < w / 2 { 250 } else { 5 }, 0, 0]));
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut out).encode_image(&img).unwrap();
        if let Some(o) = orientation {
            out.splice(2..2, crate::assets::images::orientation_segment(o));
        }
        out
    }

    fn size(jpeg: &[u8]) -> (u16, u16) {
        let mut d = jpeg_decoder::Decoder::new(std::io::Cursor::new(jpeg));
        d.read_info().unwrap();
        assert!(d.exif_data().is_none(), "no EXIF left");
        let i = d.info().unwrap();
        (i.width, i.height)
    }

    #[test]
    fn exif_orientation_is_applied_unless_the_container_turned_the_picture() {
        assert_eq!(size(&upright_clean(&jpeg(64, 32, Some(6)), false).unwrap()), (32, 64));
        assert_eq!(size(&upright_clean(&jpeg(64, 32, Some(6)), true).unwrap()), (64, 32));
        assert_eq!(size(&upright_clean(&jpeg(64, 32, None), false).unwrap()), (64, 32));
    }
}
