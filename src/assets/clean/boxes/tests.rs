//! Unit tests of the ISO-BMFF location scan on synthetic boxes.

use std::io::Cursor;

use super::*;

fn bx(typ: &[u8; 4], body: &[u8]) -> Vec<u8> {
    let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
    b.extend_from_slice(typ);
    b.extend_from_slice(body);
    b
}

fn cat(parts: &[Vec<u8>]) -> Vec<u8> {
    parts.concat()
}

fn has(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn keys(names: &[&str]) -> Vec<u8> {
    let mut body = vec![0, 0, 0, 0];
    body.extend_from_slice(&(names.len() as u32).to_be_bytes());
    for n in names {
        body.extend_from_slice(&((n.len() + 8) as u32).to_be_bytes());
        body.extend_from_slice(b"mdta");
        body.extend_from_slice(n.as_bytes());
    }
    bx(b"keys", &body)
}

fn item(index: u32, text: &str) -> Vec<u8> {
    let data = bx(b"data", &[&[0, 0, 0, 1, 0, 0, 0, 0][..], text.as_bytes()].concat());
    bx(&index.to_be_bytes(), &data)
}

/// ftyp, moov (udta ©xyz + loci + iTunes meta, QuickTime meta with keys), XMP uuid, mdat.
fn phone_clip() -> Vec<u8> {
    let hdlr = |h: &[u8; 4]| bx(b"hdlr", &[&[0u8; 8][..], h, &[0u8; 12]].concat());
    let itunes = bx(b"meta", &cat(&[vec![0; 4], hdlr(b"mdir"), bx(b"ilst", &bx(b"\xA9too", b"Lavf"))]));
    let udta = bx(
        b"udta",
        &cat(&[bx(b"\xA9xyz", b"\0\x11\x15\xc7+13.7563+100.5018/"), bx(b"loci", b"LOCI"), itunes]),
    );
    let qt_meta = bx(
        b"meta",
        &cat(&[
            hdlr(b"mdta"),
            keys(&["com.apple.quicktime.location.ISO6709", "com.apple.quicktime.make"]),
            bx(b"ilst", &cat(&[item(1, "+13.7563+100.5018+010.000/"), item(2, "Apple")])),
        ]),
    );
    let moov = bx(b"moov", &cat(&[bx(b"mvhd", &[0; 100]), udta, qt_meta]));
    let xmp = bx(b"uuid", &[&XMP_UUID[..], b"<x:xmpmeta exif:GPSLatitude='13,45N'/>"].concat());
    cat(&[bx(b"ftyp", b"isom\0\0\x02\0isom"), moov, xmp, bx(b"mdat", b"MEDIA BYTES")])
}

fn scan(b: &[u8]) -> Scan {
    scan_file(&mut Cursor::new(b), b.len() as u64).unwrap()
}

#[test]
fn mp4_location_atoms_are_removed() {
    let src = phone_clip();
    let found = scan(&src);
    assert_eq!(found.refuse, None);
    assert_eq!(found.spans.len(), 4, "©xyz, loci, keyed ISO 6709 item, XMP: {:?}", found.spans);
    assert!(found.spans.iter().all(|s| s.location));
    let mut out = Cursor::new(src.clone());
    apply(&mut out, &found.spans).unwrap();
    let out = out.into_inner();
    assert_eq!(out.len(), src.len(), "same size: no offset moves");
    for gone in [&b"+13.7563"[..], b"LOCI", b"GPSLatitude", b"\xA9xyz", b"loci"] {
        assert!(!has(&out, gone), "{} still there", String::from_utf8_lossy(gone));
    }
    assert!(has(&out, b"Apple") && has(&out, b"Lavf"), "other metadata kept");
    assert!(out.ends_with(&bx(b"mdat", b"MEDIA BYTES")), "media bytes untouched");
    assert_eq!(scan(&out), Scan::default(), "nothing left to clean");
}

#[test]
fn keyed_items_without_location_are_kept() {
    let meta = bx(b"meta", &cat(&[keys(&["com.apple.quicktime.make"]), bx(b"ilst", &item(1, "Apple"))]));
    let src = cat(&[bx(b"ftyp", b"qt  \0\0\0\0"), bx(b"moov", &meta)]);
    assert_eq!(scan(&src), Scan::default());
}

#[test]
fn xmp_in_a_track_and_large_size_boxes_are_found() {
    let xmp = bx(b"uuid", &[&XMP_UUID[..], b"<rdf/>"].concat());
    let trak = bx(b"trak", &bx(b"udta", &xmp));
    // A top-level XMP box with a 64-bit size.
    let body = [&XMP_UUID[..], b"<exif:GPSLongitude>100</exif:GPSLongitude>"].concat();
    let mut big = 1u32.to_be_bytes().to_vec();
    big.extend_from_slice(b"uuid");
    big.extend_from_slice(&((body.len() + 16) as u64).to_be_bytes());
    big.extend_from_slice(&body);
    let src = cat(&[bx(b"ftyp", b"mp42\0\0\0\0"), bx(b"moov", &trak), big.clone()]);
    let found = scan(&src);
    assert_eq!(found.spans.len(), 2);
    assert!(!found.spans[0].location, "XMP without GPS is removed but is no location");
    assert_eq!((found.spans[1].header, found.spans[1].location), (16, true));
    let mut out = Cursor::new(src.clone());
    apply(&mut out, &found.spans).unwrap();
    let out = out.into_inner();
    assert!(!has(&out, &XMP_UUID) && !has(&out, b"GPSLongitude"));
    assert_eq!(
        &out[out.len() - body.len() - 16..][..16],
        &[&[0, 0, 0, 1][..], b"free", &big[8..16]].concat()[..]
    );
}

#[test]
fn timed_gps_tracks_and_compressed_headers_are_refused() {
    let stsd = bx(b"stsd", &cat(&[vec![0; 8], bx(b"gpmd", &[0; 8])]));
    let mdia = bx(b"mdia", &bx(b"minf", &bx(b"stbl", &stsd)));
    let src = cat(&[bx(b"ftyp", b"mp41\0\0\0\0"), bx(b"moov", &bx(b"trak", &mdia))]);
    assert!(scan(&src).refuse.is_some(), "GoPro GPS track");
    let src = cat(&[bx(b"ftyp", b"qt  \0\0\0\0"), bx(b"moov", &bx(b"cmov", b"zlib"))]);
    assert!(scan(&src).refuse.is_some(), "cmov");
}

#[test]
fn broken_boxes_are_errors_or_refusals() {
    let mut src = phone_clip();
    src.truncate(src.len() - 3);
    assert!(scan_file(&mut Cursor::new(&src), src.len() as u64).is_err(), "mdat cut short");
    // A child of udta claiming more bytes than udta has.
    let src = cat(&[
        bx(b"ftyp", b"isom\0\0\0\0"),
        bx(b"moov", &bx(b"udta", &[0, 0, 0, 99, b'l', b'o', b'c', b'i'])),
    ]);
    assert!(scan(&src).refuse.is_some());
    let junk = cat(&[bx(b"ftyp", b"isom\0\0\0\0"), vec![1, 2, 3, 4, 5, 6, 7, 8, 9]]);
    assert!(scan_file(&mut Cursor::new(&junk), junk.len() as u64).is_err());
}

#[test]
fn quicktime_udta_terminator_and_zero_padding_are_fine() {
    let udta = bx(b"udta", &cat(&[bx(b"\xA9xyz", b"+1+2/"), vec![0; 4]]));
    let src = cat(&[bx(b"ftyp", b"qt  \0\0\0\0"), bx(b"moov", &udta), vec![0; 32]]);
    let found = scan(&src);
    assert_eq!((found.spans.len(), found.refuse), (1, None));
}
