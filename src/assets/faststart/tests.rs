//! Unit tests of the fast-start remux on small files made in memory.

use super::*;
use std::io::Cursor;

fn bx(typ: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    b.extend_from_slice(typ);
    b.extend_from_slice(body);
    b
}

fn table(typ: &[u8; 4], offsets: &[u64]) -> Vec<u8> {
    let mut body = vec![0, 0, 0, 0];
    body.extend_from_slice(&(offsets.len() as u32).to_be_bytes());
    for &o in offsets {
        if typ == b"co64" {
            body.extend_from_slice(&o.to_be_bytes());
        } else {
            body.extend_from_slice(&(o as u32).to_be_bytes());
        }
    }
    bx(typ, &body)
}

/// A moov with one track whose chunk table is `stco`, plus a `udta` kept as it is.
fn moov(offsets_table: Vec<u8>) -> Vec<u8> {
    let stbl = bx(b"stbl", &[bx(b"stsd", &[0; 8]), offsets_table].concat());
    let minf = bx(b"minf", &stbl);
    let mdia = bx(b"mdia", &[bx(b"mdhd", &[1; 24]), minf].concat());
    let trak = bx(b"trak", &[bx(b"tkhd", &[2; 84]), mdia].concat());
    bx(b"moov", &[bx(b"mvhd", &[3; 100]), trak, bx(b"udta", b"\0\0\0\x0cname")].concat())
}

/// The chunk offsets of the first table in a file, and the payload bytes they point at.
fn chunks(file: &[u8]) -> Vec<(u64, Vec<u8>)> {
    let pos = file.windows(4).position(|w| w == b"stco" || w == b"co64").unwrap();
    let wide = &file[pos..pos + 4] == b"co64";
    let n = be32(file, pos + 8).unwrap() as usize;
    (0..n)
        .map(|i| {
            let o = if wide {
                be64(file, pos + 12 + 8 * i).unwrap()
            } else {
                u64::from(be32(file, pos + 12 + 4 * i).unwrap())
            };
            (o, file[o as usize..o as usize + 4].to_vec())
        })
        .collect()
}

fn top_types(file: &[u8]) -> Vec<String> {
    children(file).map(|c| String::from_utf8_lossy(&c.unwrap().0).into_owned()).collect()
}

fn slow_file() -> Vec<u8> {
    let ftyp = bx(b"ftyp", b"isom\0\0\x02\0isomiso2mp41");
    let payload: Vec<u8> = (0..64u8).collect();
    let mdat_at = ftyp.len() as u64 + 8; // after the 8-byte `free`
    let offsets = [mdat_at + 8, mdat_at + 8 + 16, mdat_at + 8 + 40];
    [ftyp, bx(b"free", &[]), bx(b"mdat", &payload), moov(table(b"stco", &offsets))].concat()
}

fn fixed(file: &[u8]) -> (Vec<u8>, Remuxed) {
    let mut r = Cursor::new(file);
    let State::Slow(layout) = inspect(&mut r, file.len() as u64).unwrap() else { panic!("not slow") };
    let mut out = Vec::new();
    let done = remux(&mut r, &layout, &mut out).unwrap();
    (out, done)
}

#[test]
fn moov_moves_before_mdat_and_offsets_follow_the_media() {
    let file = slow_file();
    let (out, done) = fixed(&file);
    assert_eq!(top_types(&out), ["ftyp", "free", "moov", "mdat"]);
    assert_eq!(out.len(), file.len());
    assert_eq!(done, Remuxed { tables: 1, promoted: 0 });
    let before: Vec<Vec<u8>> = chunks(&file).into_iter().map(|c| c.1).collect();
    let after: Vec<Vec<u8>> = chunks(&out).into_iter().map(|c| c.1).collect();
    assert_eq!(before, after, "every chunk offset points at the same media bytes");
    assert_eq!(before[1], vec![16, 17, 18, 19]);
    // The udta (and every other box) is kept byte for byte.
    assert!(out.windows(12).any(|w| w == b"\0\0\0\x10udta\0\0\0\x0c"));
    // Already fast now.
    assert_eq!(inspect(&mut Cursor::new(&out), out.len() as u64).unwrap(), State::Fast);
}

#[test]
fn co64_tables_are_rewritten_too() {
    let ftyp = bx(b"ftyp", b"qt  \0\0\0\0qt  ");
    let mdat_at = ftyp.len() as u64;
    let payload = b"abcdefghijklmnop".to_vec();
    let file =
        [ftyp, bx(b"mdat", &payload), moov(table(b"co64", &[mdat_at + 8 + 4, mdat_at + 8 + 12]))].concat();
    let (out, done) = fixed(&file);
    assert_eq!(top_types(&out), ["ftyp", "moov", "mdat"]);
    assert_eq!(done.tables, 1);
    let got: Vec<Vec<u8>> = chunks(&out).into_iter().map(|c| c.1).collect();
    assert_eq!(got, [b"efgh".to_vec(), b"mnop".to_vec()]);
}

#[test]
fn fast_fragmented_and_indexless_files_are_recognised() {
    let ftyp = bx(b"ftyp", b"isom\0\0\x02\0isom");
    let fast = [ftyp.clone(), moov(table(b"stco", &[])), bx(b"mdat", b"x")].concat();
    assert_eq!(inspect(&mut Cursor::new(&fast), fast.len() as u64).unwrap(), State::Fast);
    let frag = [ftyp.clone(), moov(table(b"stco", &[])), bx(b"moof", &[0; 8]), bx(b"mdat", b"x")].concat();
    assert_eq!(inspect(&mut Cursor::new(&frag), frag.len() as u64).unwrap(), State::Fragmented);
    let none = [ftyp, bx(b"mdat", b"x")].concat();
    let err = inspect(&mut Cursor::new(&none), none.len() as u64).unwrap_err();
    assert!(err.en.contains("moov"), "{err:?}");
}

#[test]
fn a_table_that_no_longer_fits_32_bits_becomes_co64() {
    // A 4 GiB mdat, laid out without its bytes: only the moov is rebuilt.
    let near_end = u64::from(u32::MAX) - 10;
    let body = moov(table(b"stco", &[32, near_end]));
    let moov_size = body.len() as u64;
    let mdat_size = u64::from(u32::MAX);
    let boxes = vec![
        Header { typ: *b"ftyp", start: 0, header: 8, size: 16 },
        Header { typ: *b"mdat", start: 16, header: 8, size: mdat_size },
        Header { typ: *b"moov", start: 16 + mdat_size, header: 8, size: moov_size },
    ];
    let layout = Layout { boxes, moov: 2, first_mdat: 1, tail: (16 + mdat_size + moov_size, 0) };
    let order = order(&layout);
    let (m, promoted) = settle(&body[8..], 8, &layout, &order).unwrap();
    assert_eq!(promoted, 1);
    let table = chunks_of(&m.bytes);
    let size = m.bytes.len() as u64;
    assert_eq!(size, moov_size + 8, "two entries of 8 bytes instead of 4");
    assert_eq!(table, [32 + size, near_end + size]);
    assert!(near_end + size > u64::from(u32::MAX));
}

fn chunks_of(moov: &[u8]) -> Vec<u64> {
    let pos = moov.windows(4).position(|w| w == b"co64").expect("a co64 table");
    let n = be32(moov, pos + 8).unwrap() as usize;
    (0..n).map(|i| be64(moov, pos + 12 + 8 * i).unwrap()).collect()
}

#[test]
fn a_malformed_table_is_an_error_not_a_panic() {
    let ftyp = bx(b"ftyp", b"isom\0\0\x02\0isom");
    let mut bad = vec![0, 0, 0, 0];
    bad.extend_from_slice(&1000u32.to_be_bytes()); // claims 1000 entries, holds none
    let file = [ftyp, bx(b"mdat", b"xxxx"), moov(bx(b"stco", &bad))].concat();
    let mut r = Cursor::new(&file);
    let State::Slow(layout) = inspect(&mut r, file.len() as u64).unwrap() else { panic!() };
    let err = remux(&mut r, &layout, &mut Vec::new()).unwrap_err();
    assert!(err.en.contains("stco"), "{err:?}");
}
