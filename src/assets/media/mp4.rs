//! MP4 and QuickTime `.mov` probing: codecs, coded size, duration and whether the `moov`
//! box comes before the media (fast start).
//!
//! The top-level boxes are walked by seeking from header to header; only `moov` and the
//! small `moof` boxes of a fragmented file are read, never an `mdat` payload (a teaching clip
//! can be 5 GB). A fragmented MP4 (`frag_keyframe+empty_moov`, what many recorders and
//! phones write) has an empty movie header: its duration is `mvex/mehd` when present, else
//! each track's media time summed over its `moof/traf/trun` runs (per-sample durations,
//! or `tfhd`/`trex` default duration × sample count, from `tfdt` when given), the longest
//! track winning.

use crate::text::Text;
use std::collections::HashMap;
use std::fs::File;
use std::io::{Cursor, Read, Seek, SeekFrom};

use super::{be32, be64, boxes, child, children, corrupt, read_err, MAX_MOOV};
use crate::portfolio::model::MediaInfo;

/// Largest `moof` box read (one has a few bytes per sample; a 10 s fragment of 60 fps video
/// and audio needs a few KB).
const MAX_MOOF: u64 = 16 << 20;

/// Where the boxes that matter lie: `moov` (start, body, size), the first media box, and
/// the `moof` bodies (offset, size).
#[derive(Default)]
struct Layout {
    moov: Option<(u64, u64, u64)>,
    media: Option<u64>,
    moofs: Vec<(u64, u64)>,
}

pub(super) fn probe_video(f: &mut File, len: u64, info: &mut MediaInfo) -> Result<(), Text> {
    let mut l = Layout::default();
    boxes::walk_top(f, len, |_, b| {
        let (start, body, size) = (b.start, b.start + b.header, b.size - b.header);
        // A fragmented file is fast start when moov precedes its moof/mdat pairs.
        if matches!(&b.typ, b"mdat" | b"moof") && l.media.is_none() {
            l.media = Some(start);
        }
        match &b.typ {
            b"moov" if l.moov.is_none() => l.moov = Some((start, body, size)),
            b"moof" => l.moofs.push((body, size)),
            _ => {}
        }
        Ok(())
    })?;
    let Some((start, body, size)) = l.moov else {
        return Err(corrupt("ไม่พบกล่อง moov", "no moov box"));
    };
    info.moov_before_mdat = l.media.map(|m| start < m);
    if size > MAX_MOOV {
        return Err(corrupt("กล่อง moov ใหญ่ผิดปกติ", "moov box too large"));
    }
    // The moov's body; `tracks_only` gives mp4parse its own header (no ftyp needed).
    let mut moov = Vec::with_capacity(size as usize);
    f.seek(SeekFrom::Start(body)).map_err(read_err)?;
    f.take(size).read_to_end(&mut moov).map_err(read_err)?;
    let ctx = tracks_only(&moov)?;
    let moov = &moov[..];
    track_facts(&ctx, moov, info);
    location_check(f, len, info);
    info.duration = if l.moofs.is_empty() && ctx.mvex.is_none() {
        mvhd_duration(moov).or_else(|| longest_track(&ctx, &HashMap::new()))
    } else {
        let ends = fragment_ends(f, &l.moofs, &trex_durations(moov))?;
        mehd_duration(&ctx).or_else(|| longest_track(&ctx, &ends)).or_else(|| mvhd_duration(moov))
    };
    Ok(())
}

/// mp4parse's reading of a `moov` body without its metadata boxes, after
/// checking that every sample table holds what it claims (see `tables`).
fn tracks_only(moov: &[u8]) -> Result<mp4parse::MediaContext, Text> {
    let damaged = || {
        corrupt(
            "ตารางตัวอย่างในกล่อง moov เสียหาย",
            "a sample table in the moov box claims more entries than it holds",
        )
    };
    let tracks = super::tables::without_metadata(moov).ok_or_else(damaged)?;
    if !super::tables::fit(&tracks) {
        return Err(damaged());
    }
    let mut buf = Vec::with_capacity(tracks.len() + 8);
    buf.extend_from_slice(&(tracks.len() as u32 + 8).to_be_bytes());
    buf.extend_from_slice(b"moov");
    buf.extend_from_slice(&tracks);
    mp4parse::read_mp4(&mut Cursor::new(&buf))
        .map_err(|e| corrupt("อ่านกล่อง moov ไม่ได้", &format!("cannot parse moov: {e}")))
}

/// Codecs and coded size of the first video and audio tracks.
fn track_facts(ctx: &mp4parse::MediaContext, moov: &[u8], info: &mut MediaInfo) {
    // mp4parse knows no HEVC, ProRes, AC-3… (it drops such sample entries): so each track's
    // first sample entry is read here too, for its fourcc and coded size.
    let entries: Vec<Option<([u8; 4], u32, u32)>> = children(moov)
        .filter(|(t, _)| t == b"trak")
        .map(|(_, trak)| {
            let stsd = [b"mdia", b"minf", b"stbl", b"stsd"].iter().try_fold(trak, |b, t| child(b, t))?;
            let size = |o| stsd.get(o..o + 2).map_or(0, |s| u32::from(u16::from_be_bytes([s[0], s[1]])));
            Some((stsd.get(12..16)?.try_into().ok()?, size(40), size(42)))
        })
        .collect();
    let mut seen_video = false;
    for t in ctx.tracks.iter() {
        let Some((fourcc, w, h)) = entries.get(t.id).copied().flatten() else {
            continue;
        };
        let parsed = match t.stsd.as_ref().and_then(|s| s.descriptions.first()) {
            Some(mp4parse::SampleEntry::Video(v)) => codec_name(v.codec_type),
            Some(mp4parse::SampleEntry::Audio(a)) => codec_name(a.codec_type),
            _ => None,
        };
        let codec = parsed.or_else(|| fourcc_codec(&fourcc)).map(str::to_string);
        if t.track_type == mp4parse::TrackType::Video && !seen_video {
            seen_video = true;
            info.video_codec = codec;
            // A portrait phone clip is stored landscape with a 90° turn in tkhd.
            let turned = t.tkhd.as_ref().is_some_and(|m| m.matrix.a == 0 && m.matrix.b != 0);
            (info.width, info.height) = if turned { (Some(h), Some(w)) } else { (Some(w), Some(h)) };
        } else if t.track_type == mp4parse::TrackType::Audio && info.audio_codec.is_none() {
            info.audio_codec = codec;
        }
    }
}

/// The longest track in seconds: its `mdhd` duration (the samples in `moov`) plus its
/// fragments' (`ends`: summed durations and latest `tfdt`-based end, by track id).
fn longest_track(ctx: &mp4parse::MediaContext, ends: &Ends) -> Option<f64> {
    let mut longest = 0f64;
    for t in ctx.tracks.iter() {
        let Some(ts) = t.timescale.as_ref().map(|t| t.0).filter(|&t| t > 0) else { continue };
        let moov_part = t.duration.as_ref().map_or(0, |d| d.0);
        let (sum, end) = t.track_id.and_then(|id| ends.get(&id)).copied().unwrap_or_default();
        longest = longest.max(moov_part.saturating_add(sum).max(end) as f64 / ts as f64);
    }
    (longest > 0.0).then_some(longest)
}

/// `mvex/mehd`: the whole fragmented movie's duration, when the writer knew it.
fn mehd_duration(ctx: &mp4parse::MediaContext) -> Option<f64> {
    let (d, ts) = ctx.mvex.as_ref().and_then(|m| m.fragment_duration).zip(ctx.timescale)?;
    (ts.0 > 0 && d.0 > 0 && d.0 != u64::MAX).then(|| d.0 as f64 / ts.0 as f64)
}

/// Default sample duration of each track's fragments (`mvex/trex`), by track id.
fn trex_durations(moov: &[u8]) -> HashMap<u32, u32> {
    let Some(mvex) = child(moov, b"mvex") else { return HashMap::new() };
    children(mvex)
        .filter(|(t, _)| t == b"trex")
        .filter_map(|(_, b)| Some((be32(b, 4)?, be32(b, 16)?)))
        .collect()
}

/// Each track's fragments, by track id: the sum of their `trun` durations, and where the
/// last one ends by its `tfdt` (decode time from the start, `moov` samples included).
type Ends = HashMap<u32, (u64, u64)>;

fn fragment_ends(f: &mut File, moofs: &[(u64, u64)], trex: &HashMap<u32, u32>) -> Result<Ends, Text> {
    let mut acc = Ends::new();
    let mut buf = Vec::new();
    for &(body, size) in moofs {
        if size > MAX_MOOF {
            return Err(corrupt("กล่อง moof ใหญ่ผิดปกติ", "moof box too large"));
        }
        buf.clear();
        f.seek(SeekFrom::Start(body)).map_err(read_err)?;
        f.take(size).read_to_end(&mut buf).map_err(read_err)?;
        for (_, traf) in children(&buf).filter(|(t, _)| t == b"traf") {
            let Some((id, dur, start)) = traf_duration(traf, trex) else { continue };
            let e = acc.entry(id).or_default();
            e.0 = e.0.saturating_add(dur);
            if let Some(s) = start {
                e.1 = e.1.max(s.saturating_add(dur));
            }
        }
    }
    Ok(acc)
}

/// One track fragment: (track id, summed sample durations, `tfdt` decode time).
fn traf_duration(traf: &[u8], trex: &HashMap<u32, u32>) -> Option<(u32, u64, Option<u64>)> {
    let tfhd = child(traf, b"tfhd")?;
    let (flags, id) = (be32(tfhd, 0)? & 0xFF_FFFF, be32(tfhd, 4)?);
    let mut o = 8;
    o += if flags & 0x01 != 0 { 8 } else { 0 }; // base data offset
    o += if flags & 0x02 != 0 { 4 } else { 0 }; // sample description index
    let default = if flags & 0x08 != 0 { be32(tfhd, o) } else { trex.get(&id).copied() }.unwrap_or(0);
    let start = child(traf, b"tfdt").and_then(|t| match t.first()? {
        1 => be64(t, 4),
        _ => be32(t, 4).map(u64::from),
    });
    let mut total = 0u64;
    for (_, trun) in children(traf).filter(|(t, _)| t == b"trun") {
        total = total.saturating_add(trun_duration(trun, default).unwrap_or(0));
    }
    Some((id, total, start))
}

/// Summed sample durations of one `trun`: per-sample when flagged, else `default` × count.
fn trun_duration(trun: &[u8], default: u32) -> Option<u64> {
    let (flags, count) = (be32(trun, 0)? & 0xFF_FFFF, be32(trun, 4)?);
    if flags & 0x100 == 0 {
        return Some(u64::from(count) * u64::from(default));
    }
    let mut o = 8 + if flags & 0x01 != 0 { 4 } else { 0 } + if flags & 0x04 != 0 { 4 } else { 0 };
    let step = 4 * (flags & 0xF00).count_ones() as usize;
    let mut total = 0u64;
    for _ in 0..count {
        total += u64::from(be32(trun, o)?); // a run cut short is ignored whole
        o += step;
    }
    Some(total)
}

/// Location boxes (`©xyz`, `loci`, keyed location, XMP GPS) and whether they can be removed:
/// the same scan [`crate::assets::clean::for_publish`] runs before publishing.
fn location_check(f: &mut File, len: u64, info: &mut MediaInfo) {
    match boxes::scan_file(f, len) {
        Ok(scan) => {
            info.location = scan.spans.iter().any(|s| s.location);
            info.clean_error = scan.refuse.map(crate::assets::clean::video_refused);
        }
        Err(e) => info.clean_error = Some(e),
    }
}

/// Duration from the movie header, unless it is zero or "unknown".
pub(super) fn mvhd_duration(moov: &[u8]) -> Option<f64> {
    let m = child(moov, b"mvhd")?;
    let (scale, d) = match m.first()? {
        1 => (be32(m, 20)?, be64(m, 24)?),
        _ => (be32(m, 12)?, be32(m, 16).filter(|&d| d != u32::MAX)?.into()),
    };
    (scale > 0 && d > 0 && d != u64::MAX).then(|| d as f64 / f64::from(scale))
}

fn codec_name(c: mp4parse::CodecType) -> Option<&'static str> {
    use mp4parse::CodecType as C;
    Some(match c {
        C::H264 => "h264",
        C::MP4V => "mpeg4",
        C::VP8 => "vp8",
        C::VP9 => "vp9",
        C::AV1 => "av1",
        C::H263 => "h263",
        C::AAC => "aac",
        C::MP3 => "mp3",
        C::Opus => "opus",
        C::FLAC => "flac",
        C::ALAC => "alac",
        C::LPCM => "pcm",
        C::EncryptedVideo | C::EncryptedAudio => "encrypted",
        _ => return None,
    })
}

fn fourcc_codec(f: &[u8; 4]) -> Option<&'static str> {
    Some(match f {
        b"avc1" | b"avc3" => "h264",
        b"hvc1" | b"hev1" | b"dvh1" | b"dvhe" => "hevc",
        b"mp4v" => "mpeg4",
        b"vp08" => "vp8",
        b"vp09" => "vp9",
        b"av01" => "av1",
        b"s263" | b"h263" => "h263",
        b"apch" | b"apcn" | b"apcs" | b"apco" | b"ap4h" | b"ap4x" => "prores",
        b"jpeg" | b"mjpa" | b"mjpb" => "mjpeg",
        b"mp4a" => "mp4a",
        b".mp3" => "mp3",
        b"Opus" => "opus",
        b"fLaC" => "flac",
        b"alac" => "alac",
        b"ac-3" => "ac3",
        b"ec-3" => "eac3",
        b"samr" => "amr_nb",
        b"sawb" => "amr_wb",
        b"lpcm" | b"sowt" | b"twos" | b"in24" | b"in32" | b"fl32" | b"fl64" | b"raw " => "pcm",
        _ => return None,
    })
}
