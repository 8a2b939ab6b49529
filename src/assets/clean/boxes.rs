//! Location boxes in MP4, MOV and 3GP files (ISO-BMFF), found without loading the file and
//! removed without moving a byte.
//!
//! [`scan_file`] walks the top-level boxes by seeking from header to header and reads only
//! the `moov` box (and small top-level metadata boxes) into memory, so a 5 GB clip costs a
//! few reads. It lists every box that can hold a place:
//!
//! - `udta/©xyz` (QuickTime and Android ISO 6709 string), `udta/loci` (3GPP location),
//!   `udta/XMP_` and XMP `uuid` boxes (`BE7ACFCB-97A9-42E8-9C71-999491E3AFAC`), at top level
//!   or inside `moov`, `trak` or `udta`;
//! - `meta/ilst` items whose `keys` entry names a location
//!   (`com.apple.quicktime.location.ISO6709`, `….location.accuracy.horizontal`, …) and
//!   `©xyz` items;
//! - top-level `meta` and `udta` boxes (not needed to play a video), whole.
//!
//! [`apply`] turns each of them into a `free` box of the same size: the type becomes `free`
//! and the body is zeroed, the size field stays. Nothing moves, so every chunk offset
//! (`stco`/`co64`) and fragment offset stays valid and the media bytes are untouched.
//!
//! Some files cannot be cleaned this way and are refused ([`Scan::refuse`]): a timed
//! metadata track that may carry a position per frame (GoPro `gpmd`, Google `camm`, Apple
//! `mebx` with location keys) lives in `mdat` samples, and a compressed movie header (`cmov`)
//! cannot be read.
//!
//! [`walk_top`] and [`children`] are krufolio's one reader of box headers (in a file and
//! in memory); the media probe (`assets::media`) walks files with them too. This
//! file has no dependencies inside the crate, so the fuzz target
//! `fuzz/fuzz_targets/strip_images.rs` compiles it on its own.

use std::io::{self, Read, Seek, SeekFrom, Write};

use crate::text::Text;

/// The UUID of an XMP box.
pub const XMP_UUID: [u8; 16] =
    [0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC];

/// Largest box read into memory (a three-hour 60 fps clip has a `moov` of ~20 MB).
const MAX_READ: u64 = 256 << 20;
/// Most top-level boxes walked in one file (a fragmented MP4 has two per fragment).
const MAX_BOXES: u32 = 1_000_000;
/// Deepest nesting followed.
const MAX_DEPTH: u8 = 12;

/// A box to turn into `free`: where its header starts in the file, the header length
/// (8, or 16 with a 64-bit size) and the whole box size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// File offset of the box header.
    pub start: u64,
    /// Header length: 8, or 16 for a 64-bit size.
    pub header: u64,
    /// Box size, header included.
    pub size: u64,
    /// The box surely holds a place (not only, say, an XMP packet without GPS).
    pub location: bool,
}

/// What [`scan_file`] found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Scan {
    /// Boxes to turn into `free`, in file order.
    pub spans: Vec<Span>,
    /// Why the file cannot be cleaned: (Thai, English).
    pub refuse: Option<(&'static str, &'static str)>,
}

/// The big-endian `u32` at byte `o`.
pub fn be32(b: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(o..o + 4)?.try_into().ok()?))
}

/// The big-endian `u64` at byte `o`.
pub fn be64(b: &[u8], o: usize) -> Option<u64> {
    Some(u64::from_be_bytes(b.get(o..o + 8)?.try_into().ok()?))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

/// Whether metadata text (XMP, a key name) speaks of a place.
fn mentions_place(b: &[u8]) -> bool {
    ["gps", "location", "iso6709", "xyz"].iter().any(|n| contains(b, n.as_bytes()))
}

const BAD_BOX: (&str, &str) = ("กล่องข้อมูลใน moov ผิดรูปแบบ", "a box inside moov has a bad size");

/// Child boxes of an in-memory body as (type, header offset in `b`, header length, size).
/// A size running past the end gives `Err`; fewer than 8 bytes left (QuickTime ends some
/// `udta` boxes with four zero bytes) ends the list.
pub fn children(b: &[u8]) -> impl Iterator<Item = Result<([u8; 4], usize, usize, usize), ()>> + '_ {
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        let rest = b.len() - pos;
        if rest < 8 {
            return None;
        }
        let typ: [u8; 4] = b[pos + 4..pos + 8].try_into().ok()?;
        let (hdr, size) = match be32(b, pos)? {
            0 => (8, rest as u64),
            1 => (16, be64(b, pos + 8).unwrap_or(0)),
            s => (8, u64::from(s)),
        };
        if size < hdr || size > rest as u64 {
            pos = b.len();
            return Some(Err(()));
        }
        let item = (typ, pos, hdr as usize, size as usize);
        pos += size as usize;
        Some(Ok(item))
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Parent {
    Moov,
    Trak,
    Udta,
}

/// Scans the body of a `moov` box held in memory; `base` is its file offset.
pub fn scan_moov(body: &[u8], base: u64, scan: &mut Scan) {
    walk(body, base, Parent::Moov, 0, scan);
}

fn walk(b: &[u8], base: u64, parent: Parent, depth: u8, scan: &mut Scan) {
    if depth > MAX_DEPTH {
        scan.refuse.get_or_insert(BAD_BOX);
        return;
    }
    for c in children(b) {
        let Ok((typ, pos, hdr, size)) = c else {
            scan.refuse.get_or_insert(BAD_BOX);
            return;
        };
        let body = &b[pos + hdr..pos + size];
        let at = base + pos as u64;
        let span = |location| Span { start: at, header: hdr as u64, size: size as u64, location };
        match &typ {
            b"\xA9xyz" | b"loci" => scan.spans.push(span(true)),
            b"XMP_" => scan.spans.push(span(mentions_place(body))),
            b"uuid" if body.starts_with(&XMP_UUID) => scan.spans.push(span(mentions_place(body))),
            b"cmov" => {
                scan.refuse.get_or_insert(("ส่วนหัวของวิดีโอถูกบีบอัด (cmov)", "compressed movie header (cmov)"));
            }
            b"trak" if parent == Parent::Moov => walk(body, at + hdr as u64, Parent::Trak, depth + 1, scan),
            b"udta" if parent != Parent::Udta => walk(body, at + hdr as u64, Parent::Udta, depth + 1, scan),
            b"meta" => {
                // ISO `meta` is a full box (version and flags, four zero bytes); QuickTime's is not.
                let skip = if body.get(..4) == Some(&[0u8; 4][..]) { 4 } else { 0 };
                meta(&body[skip..], at + (hdr + skip) as u64, depth + 1, scan);
            }
            b"mdia" if parent == Parent::Trak && timed_position(body) => {
                scan.refuse.get_or_insert((
                    "วิดีโอมีแทร็กข้อมูลตำแหน่งรายเฟรม (เช่น GoPro GPS) ซึ่งลบออกโดยไม่แปลงไฟล์ไม่ได้",
                    "the video has a timed metadata track that may hold a position per frame (GoPro gpmd, camm, mebx)",
                ));
            }
            _ => {}
        }
    }
}

/// A `meta` body (after any version/flags): location `ilst` items, and boxes as in `udta`.
fn meta(b: &[u8], base: u64, depth: u8, scan: &mut Scan) {
    // Key names, 1-based, for `ilst` items named by index (QuickTime `mdta` keys).
    let mut keys: Vec<&[u8]> = Vec::new();
    for (typ, pos, hdr, size) in children(b).flatten() {
        if &typ == b"keys" {
            let body = &b[pos + hdr..pos + size];
            let mut i = 8; // version/flags, entry count
            while let Some(len) = be32(body, i).map(|l| l as usize) {
                let Some(name) = body.get(i + 8..i + len.max(8)) else { break };
                keys.push(name);
                i += len.max(8);
            }
        }
    }
    for c in children(b) {
        let Ok((typ, pos, hdr, size)) = c else {
            scan.refuse.get_or_insert(BAD_BOX);
            return;
        };
        let at = base + pos as u64;
        match &typ {
            b"ilst" => {
                let body = &b[pos + hdr..pos + size];
                for item in children(body) {
                    let Ok((t, ipos, ihdr, isize)) = item else {
                        scan.refuse.get_or_insert(BAD_BOX);
                        return;
                    };
                    let index = u32::from_be_bytes(t) as usize;
                    let keyed = index >= 1 && keys.get(index - 1).is_some_and(|k| mentions_place(k));
                    if keyed || &t == b"\xA9xyz" {
                        let start = at + (hdr + ipos) as u64;
                        scan.spans.push(Span {
                            start,
                            header: ihdr as u64,
                            size: isize as u64,
                            location: true,
                        });
                    }
                }
            }
            b"keys" | b"hdlr" => {}
            _ => walk(&b[pos..pos + size], at, Parent::Udta, depth + 1, scan),
        }
    }
}

/// Whether a track's `mdia` describes a timed metadata track that may carry positions.
fn timed_position(mdia: &[u8]) -> bool {
    let find = |b: &[u8], t: &[u8; 4]| -> Option<Vec<u8>> {
        children(b).flatten().find(|(ty, ..)| ty == t).map(|(_, p, h, s)| b[p + h..p + s].to_vec())
    };
    let Some(stsd) = find(mdia, b"minf").and_then(|m| find(&m, b"stbl")).and_then(|s| find(&s, b"stsd"))
    else {
        return false;
    };
    let entries = stsd.get(8..).unwrap_or_default();
    let timed = children(entries).flatten().any(|(t, p, h, s)| match &t {
        b"gpmd" | b"camm" => true,
        b"mebx" => mentions_place(&entries[p + h..p + s]),
        _ => false,
    });
    timed
}

/// The message for a file that cannot be read.
pub fn read_err(e: io::Error) -> Text {
    Text::new("อ่านไฟล์ไม่ได้", format!("cannot read file: {e}"))
}

/// The message for a damaged file: what is wrong, Thai then English.
pub fn corrupt(th: &str, en: &str) -> Text {
    Text::new(format!("ไฟล์เสียหายหรือไม่สมบูรณ์ ({th})"), format!("corrupt or truncated file ({en})"))
}

/// Reads until `buf` is full or the reader ends; returns the bytes read.
pub fn read_up_to<R: Read>(r: &mut R, buf: &mut [u8]) -> Result<usize, Text> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(read_err(e)),
        }
    }
    Ok(n)
}

fn read_box<R: Read + Seek>(r: &mut R, from: u64, len: u64) -> Result<Vec<u8>, Text> {
    if len > MAX_READ {
        return Err(corrupt("กล่องข้อมูลใหญ่ผิดปกติ", &format!("a metadata box of {len} bytes")));
    }
    let mut buf = Vec::with_capacity(len as usize);
    r.seek(SeekFrom::Start(from)).map_err(read_err)?;
    r.by_ref().take(len).read_to_end(&mut buf).map_err(read_err)?;
    if buf.len() as u64 != len {
        return Err(corrupt("ไฟล์สั้นกว่าที่ระบุ", "file shorter than its boxes"));
    }
    Ok(buf)
}

/// The header of a top-level box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Header {
    /// The four-character type.
    pub typ: [u8; 4],
    /// File offset of the header.
    pub start: u64,
    /// Header length: 8, or 16 for a 64-bit size.
    pub header: u64,
    /// Box size, header included.
    pub size: u64,
}

/// The one reader of ISO-BMFF box headers in a file: walks the top-level
/// boxes of a file of `len` bytes by seeking from header to header, calling
/// `each` with the reader and each box's header; zero padding ends the walk.
/// A box running past the end, junk between boxes or too many boxes is an
/// error (one line, Thai then English).
pub fn walk_top<R: Read + Seek>(
    r: &mut R,
    len: u64,
    mut each: impl FnMut(&mut R, Header) -> Result<(), Text>,
) -> Result<(), Text> {
    let (mut pos, mut count) = (0u64, 0u32);
    while len - pos >= 8 {
        let mut h = [0u8; 16];
        r.seek(SeekFrom::Start(pos)).map_err(read_err)?;
        let n = read_up_to(r, &mut h)?;
        if n < 8 {
            break;
        }
        let typ: [u8; 4] = [h[4], h[5], h[6], h[7]];
        if h[..8] == [0; 8] && (n < 16 || h[8..] == [0; 8]) {
            break; // zero padding to the end
        }
        if !typ.iter().all(|c| (0x20..0x7f).contains(c) || *c == 0xA9) {
            return Err(corrupt(
                &format!("อ่านกล่องข้อมูลที่ตำแหน่ง {pos} ไม่ได้"),
                &format!("unreadable box at offset {pos}"),
            ));
        }
        let (header, size) = match be32(&h, 0) {
            Some(1) if n == 16 => (16, be64(&h, 8).unwrap_or(0)),
            Some(0) => (8, len - pos),
            Some(s) => (8, u64::from(s)),
            None => (8, 0),
        };
        let name = String::from_utf8_lossy(&typ).into_owned();
        if size < header {
            return Err(corrupt(
                &format!("ขนาดกล่อง {name} ผิดรูปแบบ"),
                &format!("bad size for box '{name}' at offset {pos}"),
            ));
        }
        if size > len - pos {
            return Err(corrupt(
                &format!("กล่อง {name} ยาวเกินท้ายไฟล์"),
                &format!("box '{name}' needs {size} bytes but only {} remain", len - pos),
            ));
        }
        each(r, Header { typ, start: pos, header, size })?;
        pos += size;
        count += 1;
        if count > MAX_BOXES {
            return Err(corrupt("กล่องข้อมูลมากผิดปกติ", "too many boxes"));
        }
    }
    Ok(())
}

/// Walks a whole ISO-BMFF file of `len` bytes and lists its location boxes. Errors (a box
/// running past the end, junk between boxes) are one line, Thai then English: such a file
/// is not published, since part of it could not be checked.
pub fn scan_file<R: Read + Seek>(r: &mut R, len: u64) -> Result<Scan, Text> {
    let mut scan = Scan::default();
    walk_top(r, len, |r, Header { typ, start, header, size }| {
        let span = |location| Span { start, header, size, location };
        match &typ {
            b"moov" => {
                let body = read_box(r, start + header, size - header)?;
                scan_moov(&body, start + header, &mut scan);
            }
            b"uuid" => {
                let body = read_box(r, start + header, (size - header).min(MAX_READ))?;
                if body.starts_with(&XMP_UUID) {
                    scan.spans.push(span(mentions_place(&body)));
                }
            }
            b"meta" | b"udta" | b"XMP_" => {
                let body = read_box(r, start + header, (size - header).min(MAX_READ))?;
                scan.spans.push(span(mentions_place(&body) || contains(&body, b"loci")));
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(scan)
}

/// Turns every span into a `free` box of the same size: type `free`, body zeroed.
pub fn apply<W: Write + Seek>(w: &mut W, spans: &[Span]) -> io::Result<()> {
    let zeros = [0u8; 64 << 10];
    for s in spans {
        w.seek(SeekFrom::Start(s.start + 4))?;
        w.write_all(b"free")?;
        w.seek(SeekFrom::Start(s.start + s.header))?;
        let mut left = s.size - s.header;
        while left > 0 {
            let k = left.min(zeros.len() as u64) as usize;
            w.write_all(&zeros[..k])?;
            left -= k as u64;
        }
    }
    w.flush()
}

#[cfg(test)]
mod tests;
