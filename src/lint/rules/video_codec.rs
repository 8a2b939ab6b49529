//! A lint rule about media files and the `dpa/` package. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::assets::convert::{command_line, ffmpeg_args, fixed_path};
use crate::lint::text::fix_advice;
use crate::portfolio::model::{DpaRole, Kind};

declare_rule! {
    /// ## What it does
    /// ตรวจว่าวิดีโอ MP4 ใช้ภาพ H.264 และเสียง AAC (คลิปใน dpa/ ต้องมีเสียง) / Checks that MP4 videos use H.264 video and AAC audio (clips in dpa/ must have sound).
    ///
    /// ## Why
    /// H.264 + AAC เล่นได้ในทุกเบราว์เซอร์และเป็นรูปแบบที่ระบบ DPA รับ HEVC (H.265) จาก iPhone มักเล่นไม่ได้ / H.264 + AAC plays in every browser and is what the DPA system accepts; iPhone HEVC often does not play.
    ///
    /// ## Example
    /// ```yaml
    /// คลิปการสอน.mp4   (HEVC)
    /// ```
    ///
    /// ## Use instead
    /// krufolio fix <แฟ้ม/slug>   (แปลงด้วย ffmpeg เป็น คลิปการสอน.fixed.mp4 / converts with ffmpeg to คลิปการสอน.fixed.mp4)
    ///
    /// ffmpeg -i คลิปการสอน.mp4 -map 0:v:0 -map 0:a:0? -c:v libx264 -preset medium -crf 21 -pix_fmt yuv420p -c:a aac -b:a 160k -map_metadata -1 -movflags +faststart คลิปการสอน.fixed.mp4
    pub static RULE = {
        id: "V003",
        name: "video-codec",
        category: Media,
        severity: Error,
        summary: "วิดีโอ MP4 ไม่ใช่ H.264 + AAC" / "an MP4 video is not H.264 + AAC",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let (want_v, want_a) = cx
        .fw
        .and_then(|f| f.dpa.as_ref())
        .map(|d| (d.video_codec.as_str(), d.audio_codec.as_str()))
        .unwrap_or(("h264", "aac"));
    for a in cx.p.artefacts.iter().filter(|a| a.kind == Kind::Video) {
        let Some(m) = a.media.as_ref().filter(|m| m.error.is_none()) else { continue };
        let v = m.video_codec.as_deref();
        let au = m.audio_codec.as_deref();
        let clip = matches!(a.dpa, Some(DpaRole::TeachingClip | DpaRole::InspirationClip));
        let bad_video = v.is_some_and(|v| v != want_v);
        let bad_audio = au.is_some_and(|x| x != want_a) || (clip && au.is_none());
        if bad_video || bad_audio {
            let got = format!("{} + {}", v.unwrap_or("ไม่มีภาพ/none"), au.unwrap_or("ไม่มีเสียง/none"));
            let cmd = command_line(&ffmpeg_args(&a.path, &fixed_path(&a.path, "mp4"), false));
            // A clip without sound needs a new recording, not a conversion.
            let (th, en) = if bad_video || au.is_some() {
                let (th, en) = fix_advice(&cx.p.slug, Some(&cmd));
                (format!(" {th}"), format!("; {en}"))
            } else {
                (" ให้อัดคลิปใหม่ที่มีเสียง".into(), "; record the clip again with sound".into())
            };
            out.push(cx.at_artefact(
                &RULE,
                a,
                format!("วิดีโอนี้เป็น {got} ต้องเป็น {want_v} + {want_a}{th}"),
                format!("this video is {got}; it must be {want_v} + {want_a}{en}"),
            ));
        }
    }
}
