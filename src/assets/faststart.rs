//! Lossless "fast start" for MP4 and MOV files: the index (`moov`) moved before the media
//! data (`mdat`), as `ffmpeg -c copy -movflags +faststart` does, without ffmpeg.
//!
//! [`inspect`] walks the top-level boxes with the crate's one box reader
//! ([`super::clean::boxes::walk_top`], seeks only) and says whether the file needs it:
//! a `moov` already before the first `mdat` is fast already, a fragmented file (`moof`
//! boxes) plays while it downloads and is left alone. [`remux`] then writes the boxes in
//! the new order: every box before the first `mdat` (except `moov`), the `moov`, then every
//! other box in its old order. Only the `moov` is held in memory (at most 256 MB); every
//! other box, the `mdat` above all, is streamed from the source, byte for byte.
//!
//! Moving the `moov` moves the media data, so every chunk offset in the sample tables
//! (`stco`, 32-bit, and `co64`, 64-bit) is shifted by how far the box it points into moved.
//! An `stco` whose new offsets no longer fit 32 bits becomes a `co64` (the `moov` then
//! grows, which moves the media again: repeated until nothing changes). Every other box
//! keeps its bytes; the parents of a rewritten table get their new sizes.

use std::collections::HashSet;
use std::io::{self, Read, Seek, SeekFrom, Write};

use super::clean::boxes::{be32, be64, children, corrupt, read_err, walk_top, Header};
use crate::text::Text;

/// Largest `moov` read into memory.
const MAX_MOOV: u64 = 256 << 20;

/// What a file needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// The `moov` is before the media data already.
    Fast,
    /// A fragmented file (`moof` boxes): it plays while it downloads.
    Fragmented,
    /// The `moov` is after the media data: [`remux`] fixes it.
    Slow(Layout),
}

/// The top-level boxes of a file that needs a remux.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    boxes: Vec<Header>,
    moov: usize,
    first_mdat: usize,
    /// Bytes after the last box (zero padding), copied as they are.
    tail: (u64, u64),
}

/// What [`remux`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Remuxed {
    /// Chunk-offset tables rewritten.
    pub tables: usize,
    /// `stco` tables promoted to `co64`.
    pub promoted: usize,
}

/// Reads the top-level boxes of a file of `len` bytes and says what it needs.
pub fn inspect<R: Read + Seek>(r: &mut R, len: u64) -> Result<State, Text> {
    let mut boxes = Vec::new();
    walk_top(r, len, |_, h| {
        boxes.push(h);
        Ok(())
    })?;
    let find = |t: &[u8; 4]| boxes.iter().position(|h| &h.typ == t);
    let Some(moov) = find(b"moov") else {
        return Err(corrupt("ไม่มีดัชนีวิดีโอ (moov)", "no index box (moov)"));
    };
    if find(b"moof").is_some() {
        return Ok(State::Fragmented);
    }
    match find(b"mdat") {
        Some(first_mdat) if first_mdat < moov => {
            let end = boxes.last().map_or(0, |h| h.start + h.size);
            Ok(State::Slow(Layout { boxes, moov, first_mdat, tail: (end, len - end) }))
        }
        _ => Ok(State::Fast),
    }
}

/// Writes the fast-start copy of the file `r` (laid out as `layout`) to `w`.
pub fn remux<R: Read + Seek, W: Write>(r: &mut R, layout: &Layout, w: &mut W) -> Result<Remuxed, Text> {
    let moov = layout.boxes[layout.moov];
    if moov.size > MAX_MOOV {
        return Err(corrupt("ดัชนีวิดีโอ (moov) ใหญ่ผิดปกติ", &format!("a moov box of {} bytes", moov.size)));
    }
    let mut body = vec![0u8; (moov.size - moov.header) as usize];
    r.seek(SeekFrom::Start(moov.start + moov.header)).map_err(read_err)?;
    r.read_exact(&mut body).map_err(read_err)?;
    let order = order(layout);
    let (new_moov, promoted) = settle(&body, moov.header, layout, &order)?;
    let write_err = |e: io::Error| Text::new("เขียนสำเนาวิดีโอไม่ได้", format!("cannot write the copy: {e}"));
    for &i in &order {
        if i == layout.moov {
            w.write_all(&new_moov.bytes).map_err(write_err)?;
        } else {
            let h = layout.boxes[i];
            copy_range(r, w, h.start, h.size)?;
        }
    }
    copy_range(r, w, layout.tail.0, layout.tail.1)?;
    w.flush().map_err(write_err)?;
    Ok(Remuxed { tables: new_moov.tables, promoted })
}

/// The rebuilt `moov` in its new place and how many tables became `co64`: promoting a
/// table grows the `moov`, which moves the media again, so this repeats until the size
/// and the tables no longer change.
fn settle(body: &[u8], header: u64, layout: &Layout, order: &[usize]) -> Result<(NewMoov, usize), Text> {
    let mut size = layout.boxes[layout.moov].size;
    let mut promote = HashSet::new();
    for _ in 0..16 {
        let m = rebuild_moov(body, header, layout, order, size, &promote)?;
        if !m.overflow.is_empty() {
            promote.extend(m.overflow.iter().copied());
        } else if m.bytes.len() as u64 == size {
            return Ok((m, promote.len()));
        }
        size = m.bytes.len() as u64;
    }
    Err(corrupt("ปรับตำแหน่งข้อมูลไม่ได้", "chunk offsets do not settle"))
}

/// The new order of the top-level boxes (indices into `layout.boxes`).
fn order(layout: &Layout) -> Vec<usize> {
    let n = layout.boxes.len();
    let before = (0..layout.first_mdat).filter(|&i| i != layout.moov);
    let after = (layout.first_mdat..n).filter(|&i| i != layout.moov);
    before.chain([layout.moov]).chain(after).collect()
}

fn copy_range<R: Read + Seek, W: Write>(r: &mut R, w: &mut W, start: u64, len: u64) -> Result<(), Text> {
    r.seek(SeekFrom::Start(start)).map_err(read_err)?;
    let copied = io::copy(&mut r.by_ref().take(len), w)
        .map_err(|e| Text::new("คัดลอกข้อมูลวิดีโอไม่ได้", format!("cannot copy the media data: {e}")))?;
    if copied != len {
        return Err(corrupt("ไฟล์สั้นกว่าที่ระบุ", "file shorter than its boxes"));
    }
    Ok(())
}

/// A rebuilt `moov`.
struct NewMoov {
    bytes: Vec<u8>,
    /// `stco` tables (by their order in the `moov`) whose new offsets overflow 32 bits.
    overflow: Vec<usize>,
    tables: usize,
}

/// Where each old file offset goes: (old start, old end, shift) per top-level box, with the
/// `moov` `moov_size` bytes long in its new place.
fn shifts(layout: &Layout, order: &[usize], moov_size: u64) -> Vec<(u64, u64, i128)> {
    let mut at = 0u64;
    let mut out = Vec::with_capacity(order.len());
    for &i in order {
        let h = layout.boxes[i];
        let size = if i == layout.moov { moov_size } else { h.size };
        out.push((h.start, h.start + h.size, i128::from(at) - i128::from(h.start)));
        at += size;
    }
    out
}

fn rebuild_moov(
    body: &[u8],
    header: u64,
    layout: &Layout,
    order: &[usize],
    moov_size: u64,
    promote: &HashSet<usize>,
) -> Result<NewMoov, Text> {
    let map = shifts(layout, order, moov_size);
    let mut cx = Rebuild { map: &map, promote, overflow: Vec::new(), tables: 0 };
    let inner = cx.children(body, 0)?;
    let mut bytes = box_header(b"moov", inner.len() as u64, header == 16);
    bytes.extend_from_slice(&inner);
    Ok(NewMoov { bytes, overflow: cx.overflow, tables: cx.tables })
}

/// A box header for a body of `body_len` bytes (16 bytes when asked or when needed).
fn box_header(typ: &[u8; 4], body_len: u64, wide: bool) -> Vec<u8> {
    let mut h = Vec::with_capacity(16);
    let small = body_len + 8;
    if wide || small > u64::from(u32::MAX) {
        h.extend_from_slice(&1u32.to_be_bytes());
        h.extend_from_slice(typ);
        h.extend_from_slice(&(body_len + 16).to_be_bytes());
    } else {
        h.extend_from_slice(&(small as u32).to_be_bytes());
        h.extend_from_slice(typ);
    }
    h
}

struct Rebuild<'a> {
    map: &'a [(u64, u64, i128)],
    promote: &'a HashSet<usize>,
    overflow: Vec<usize>,
    tables: usize,
}

const BAD_TABLE: (&str, &str) =
    ("ตารางตำแหน่งข้อมูล (stco/co64) ผิดรูปแบบ", "a chunk offset table (stco/co64) is malformed");

impl Rebuild<'_> {
    /// The body of a container box, with its sample tables rewritten.
    fn children(&mut self, b: &[u8], depth: u8) -> Result<Vec<u8>, Text> {
        if depth > 8 {
            return Err(corrupt(BAD_TABLE.0, BAD_TABLE.1));
        }
        let mut out = Vec::with_capacity(b.len() + 64);
        let mut end = 0;
        for c in children(b) {
            let (typ, pos, hdr, size) =
                c.map_err(|_| corrupt("กล่องข้อมูลใน moov ผิดรูปแบบ", "a box inside moov has a bad size"))?;
            let body = &b[pos + hdr..pos + size];
            match &typ {
                b"trak" | b"mdia" | b"minf" | b"stbl" => {
                    let inner = self.children(body, depth + 1)?;
                    out.extend(box_header(&typ, inner.len() as u64, hdr == 16));
                    out.extend(inner);
                }
                b"stco" => self.stco(body, &mut out)?,
                b"co64" => self.co64(body, &mut out)?,
                _ => out.extend_from_slice(&b[pos..pos + size]),
            }
            end = pos + size;
        }
        out.extend_from_slice(&b[end..]); // QuickTime's four zero bytes at the end of some boxes
        Ok(out)
    }

    fn shift(&self, offset: u64) -> u64 {
        let s = self.map.iter().find(|(a, b, _)| (*a..*b).contains(&offset)).map_or(0, |m| m.2);
        (i128::from(offset) + s).clamp(0, i128::from(u64::MAX)) as u64
    }

    /// Version/flags and entry count of a table, checked against its body length.
    fn entries(body: &[u8], width: usize) -> Result<(u32, usize), Text> {
        let vf = be32(body, 0).ok_or_else(|| corrupt(BAD_TABLE.0, BAD_TABLE.1))?;
        let n = be32(body, 4).ok_or_else(|| corrupt(BAD_TABLE.0, BAD_TABLE.1))? as usize;
        if body.len() < 8 + n.saturating_mul(width) {
            return Err(corrupt(BAD_TABLE.0, BAD_TABLE.1));
        }
        Ok((vf, n))
    }

    fn stco(&mut self, body: &[u8], out: &mut Vec<u8>) -> Result<(), Text> {
        let index = self.tables;
        self.tables += 1;
        let (vf, n) = Self::entries(body, 4)?;
        let offsets: Vec<u64> =
            (0..n).map(|i| self.shift(u64::from(be32(body, 8 + 4 * i).unwrap_or(0)))).collect();
        let wide = self.promote.contains(&index);
        if !wide && offsets.iter().any(|&o| o > u64::from(u32::MAX)) {
            self.overflow.push(index);
        }
        let width = if wide { 8 } else { 4 };
        out.extend(box_header(if wide { b"co64" } else { b"stco" }, (8 + width * n) as u64, false));
        out.extend_from_slice(&vf.to_be_bytes());
        out.extend_from_slice(&(n as u32).to_be_bytes());
        for o in offsets {
            if wide {
                out.extend_from_slice(&o.to_be_bytes());
            } else {
                out.extend_from_slice(&(o as u32).to_be_bytes());
            }
        }
        Ok(())
    }

    fn co64(&mut self, body: &[u8], out: &mut Vec<u8>) -> Result<(), Text> {
        self.tables += 1;
        let (vf, n) = Self::entries(body, 8)?;
        out.extend(box_header(b"co64", (8 + 8 * n) as u64, false));
        out.extend_from_slice(&vf.to_be_bytes());
        out.extend_from_slice(&(n as u32).to_be_bytes());
        for i in 0..n {
            let o = self.shift(be64(body, 8 + 8 * i).unwrap_or(0));
            out.extend_from_slice(&o.to_be_bytes());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
