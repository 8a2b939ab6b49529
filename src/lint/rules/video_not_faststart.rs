//! A lint rule about media files and the `dpa/` package. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::assets::convert::{command_line, ffmpeg_faststart_args, fixed_path};
use crate::lint::text::fix_advice;
use crate::portfolio::model::Kind;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าวิดีโอ MP4 เก็บดัชนี (moov) ไว้ก่อนข้อมูลภาพเสียง (mdat) / Checks that MP4 videos keep their index (moov) before the media data (mdat).
    ///
    /// ## Why
    /// ถ้าดัชนีอยู่ท้ายไฟล์ เบราว์เซอร์ต้องโหลดทั้งไฟล์ก่อนเล่น และระบบ DPA อาจค้างที่ขั้นประมวลผล / With the index at the end a browser must download the whole file before playing, and DPA uploads can hang in processing.
    ///
    /// ## Example
    /// ```yaml
    /// คลิปการสอน.mp4   (moov หลัง mdat / moov after mdat)
    /// ```
    ///
    /// ## Use instead
    /// krufolio fix <แฟ้ม/slug>   (เขียน คลิปการสอน.fixed.mp4 ข้างไฟล์เดิม ซึ่ง build และ lint ใช้แทน / writes คลิปการสอน.fixed.mp4 beside it, which build and lint then use)
    ///
    /// ffmpeg -i คลิปการสอน.mp4 -map 0 -c copy -movflags +faststart คลิปการสอน.fixed.mp4
    pub static RULE = {
        id: "V004",
        name: "video-not-faststart",
        category: Media,
        severity: Error,
        summary: "ดัชนีของวิดีโอ (moov) อยู่ท้ายไฟล์" / "the MP4 index (moov) is after the media data",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in cx.p.artefacts.iter().filter(|a| a.kind == Kind::Video) {
        if a.media.as_ref().is_some_and(|m| m.error.is_none() && m.moov_before_mdat == Some(false)) {
            let ext = std::path::Path::new(&a.path).extension().map_or("mp4".into(), |e| e.to_string_lossy());
            let cmd = command_line(&ffmpeg_faststart_args(&a.path, &fixed_path(&a.path, &ext)));
            let (th, en) = fix_advice(&cx.p.slug, Some(&cmd));
            out.push(cx.at_artefact(
                &RULE,
                a,
                format!("ดัชนีวิดีโอ (moov) อยู่ท้ายไฟล์ ทำให้ต้องโหลดทั้งไฟล์ก่อนเล่น {th}"),
                format!("the MP4 index (moov) comes after the media data; {en}"),
            ));
        }
    }
}
