//! Before mp4parse reads a `moov`: every sample table's entry count must fit
//! in its box. mp4parse reserves memory for the count a box claims, so a
//! 4 KB file claiming a billion `stsc` entries asks for gigabytes (found by
//! the `media_probe` fuzz target). A table that cannot hold what it claims is
//! a damaged file, reported as such. Metadata boxes (`udta`, `meta`) are left
//! out of what mp4parse reads: krufolio takes tracks, codecs and durations
//! from it, and mp4parse reserved a claimed 4 GB for an `ilst` item too
//! (found the same way); location metadata is read by `assets::clean::boxes`.

use crate::assets::clean::boxes::children;

/// Boxes that only hold other boxes, down to the sample tables.
const CONTAINERS: [&[u8; 4]; 8] = [b"trak", b"mdia", b"minf", b"stbl", b"edts", b"mvex", b"dinf", b"moof"];

/// The bytes each entry of a table box takes, after its version/flags word
/// and count (`None` for boxes that are not counted tables).
fn entry_size(typ: &[u8; 4], body: &[u8]) -> Option<(usize, usize)> {
    // (offset of the count from the body start, bytes per entry)
    Some(match typ {
        b"stts" | b"ctts" => (4, 8),
        b"stsc" => (4, 12),
        b"stco" | b"stss" | b"stps" => (4, 4),
        b"co64" => (4, 8),
        b"stsd" | b"dref" => (4, 8),
        b"elst" => (4, if body.first() == Some(&1) { 20 } else { 12 }),
        b"stsz" => {
            let fixed = body.get(4..8).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
            (8, if fixed == Some(0) { 4 } else { 0 })
        }
        _ => return None,
    })
}

/// The body of a `moov` without its metadata boxes (`udta`, `meta`, in the
/// `moov` and in each `trak`), or `None` when a box runs past its parent.
pub fn without_metadata(moov: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(moov.len());
    for c in children(moov) {
        let (typ, pos, hdr, size) = c.ok()?;
        match &typ {
            b"udta" | b"meta" => {}
            b"trak" => {
                let body = without_metadata(&moov[pos + hdr..pos + size])?;
                out.extend(((body.len() + 8) as u32).to_be_bytes());
                out.extend(typ);
                out.extend(body);
            }
            _ => out.extend(&moov[pos..pos + size]),
        }
    }
    Some(out)
}

/// True when every counted table under `boxes` (the body of a `moov`) holds
/// the entries it claims.
pub fn fit(boxes: &[u8]) -> bool {
    children(boxes).all(|c| {
        let Ok((typ, pos, hdr, size)) = c else { return false };
        let body = &boxes[pos + hdr..pos + size];
        if CONTAINERS.contains(&&typ) {
            return fit(body);
        }
        match entry_size(&typ, body) {
            Some((at, each)) => {
                let Some(count) = body.get(at..at + 4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
                else {
                    return false;
                };
                (count as u64) * (each as u64) <= (body.len() - at - 4) as u64
            }
            None => true,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mk(typ: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut b = ((body.len() + 8) as u32).to_be_bytes().to_vec();
        b.extend(typ);
        b.extend(body);
        b
    }

    #[test]
    fn a_table_claiming_more_entries_than_it_holds_does_not_fit_regression() {
        // stsc: version/flags, count 1e9, one 12-byte entry.
        let mut stsc = vec![0, 0, 0, 0];
        stsc.extend(1_000_000_000u32.to_be_bytes());
        stsc.extend([0u8; 12]);
        let moov = mk(b"trak", &mk(b"mdia", &mk(b"minf", &mk(b"stbl", &mk(b"stsc", &stsc)))));
        assert!(!fit(&moov));
        let mut ok = vec![0, 0, 0, 0];
        ok.extend(1u32.to_be_bytes());
        ok.extend([0u8; 12]);
        assert!(fit(&mk(b"trak", &mk(b"mdia", &mk(b"minf", &mk(b"stbl", &mk(b"stsc", &ok)))))));
    }

    #[test]
    fn metadata_is_left_out_and_a_box_past_its_parent_is_refused() {
        let trak = mk(b"trak", &[mk(b"tkhd", &[0; 4]), mk(b"udta", &[1; 9])].concat());
        let moov = [mk(b"mvhd", &[0; 4]), mk(b"meta", &[2; 5]), trak].concat();
        let out = without_metadata(&moov).unwrap();
        assert_eq!(out, [mk(b"mvhd", &[0; 4]), mk(b"trak", &mk(b"tkhd", &[0; 4]))].concat());
        let mut bad = mk(b"udta", &[0; 4]);
        bad[3] = 200;
        assert_eq!(without_metadata(&bad), None);
    }

    #[test]
    fn stsz_with_one_size_for_all_samples_has_no_table() {
        let mut stsz = vec![0, 0, 0, 0];
        stsz.extend(512u32.to_be_bytes());
        stsz.extend(u32::MAX.to_be_bytes());
        assert!(fit(&mk(b"stsz", &stsz)));
    }
}
