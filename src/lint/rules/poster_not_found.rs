//! A lint rule about media files and the `dpa/` package. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::portfolio::model::Kind;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าไฟล์ที่ระบุใน `poster:` ของไฟล์ประกอบวิดีโอ เป็นภาพ (JPEG, PNG, WebP หรือ GIF) ที่อยู่ในโฟลเดอร์เดียวกับวิดีโอ / Checks that the file a video sidecar names in `poster:` is an image (JPEG, PNG, WebP or GIF) in the video's own folder.
    ///
    /// ## Why
    /// ภาพปกคือสิ่งที่ผู้ชมเห็นก่อนกดเล่น ถ้าหาไม่พบ หน้าเว็บจะแสดงกรอบดำแทน / The poster is what viewers see before pressing play; when it is missing the page shows a black box.
    ///
    /// ## Example
    /// ```yaml
    /// # คลิปการสอน.md
    /// poster: ภาพปก.jpg      # ไม่มีไฟล์นี้ในโฟลเดอร์ / no such file in the folder
    /// ```
    ///
    /// ## Use instead
    /// วางภาพไว้ในโฟลเดอร์เดียวกับวิดีโอแล้วใส่ชื่อไฟล์ให้ตรง หรือตั้งชื่อภาพให้ตรงกับวิดีโอ (`คลิปการสอน.jpg`) แล้วลบ `poster:` ออก / put the image in the video's folder and spell its name exactly, or name it after the video (`คลิปการสอน.jpg`) and drop `poster:`.
    pub static RULE = {
        id: "V008",
        name: "poster-not-found",
        category: Media,
        severity: Warning,
        summary: "ไม่พบภาพปกของวิดีโอ" / "a video's poster image is not there",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in cx.p.artefacts.iter().filter(|a| matches!(a.kind, Kind::Video | Kind::OtherVideo)) {
        let Some(name) = a.sidecar.as_ref().and_then(|s| s.poster.as_deref()) else { continue };
        if cx.p.poster_of(a).is_none() {
            let path = a.sidecar_path.as_deref().unwrap_or(&a.path);
            let line = cx.p.texts.iter().find(|(p, _)| p == path).and_then(|(_, t)| {
                t.lines().position(|l| l.trim_start().starts_with("poster:")).map(|i| i + 1)
            });
            out.push(cx.finding(
                &RULE,
                path,
                line,
                a.indicators.first().map(String::as_str),
                format!("ไม่พบภาพปก \"{name}\" ในโฟลเดอร์เดียวกับวิดีโอ หน้าเว็บจะแสดงวิดีโอโดยไม่มีภาพปก"),
                format!(
                    "no poster image \"{name}\" in the video's folder; the page shows the video without one"
                ),
            ));
        }
    }
}
