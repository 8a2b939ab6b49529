//! A lint rule about media files and the `dpa/` package. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::portfolio::model::{DpaRole, Kind};

declare_rule! {
    /// ## What it does
    /// ตรวจความยาวคลิปในชุดยื่นขอวิทยฐานะ (อ่านจากไฟล์ MP4): คลิปการสอนไม่เกิน 60 นาที คลิปสภาพปัญหา/แรงบันดาลใจ และวิดีโอผลลัพธ์ไม่เกิน 10 นาที (ปรับได้ในไฟล์กรอบตัวชี้วัด) / Checks clip durations in the DPA package: teaching clip at most 60:00, inspiration and outcome videos at most 10:00 (limits live in the framework file).
    ///
    /// ## Why
    /// ระบบ DPA ไม่รับคลิปที่ยาวเกินกำหนด ครูมักพบว่าเกินไป 2–3 นาทีหลังอัปโหลดแล้ว / The DPA system rejects over-long clips; teachers often find out after uploading that they are 2–3 minutes over.
    ///
    /// ## Example
    /// ```yaml
    /// dpa/คลิปการสอน.mp4   (62:40)
    /// ```
    ///
    /// ## Use instead
    /// ตัดต่อให้ไม่เกิน 60:00 โดยยังเป็นการสอนต่อเนื่อง / trim to 60:00 or less, still one continuous lesson.
    pub static RULE = {
        id: "V005",
        name: "dpa-clip-too-long",
        category: Media,
        severity: Error,
        summary: "คลิปใน dpa/ ยาวเกินกำหนด" / "a DPA clip is too long",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(dpa) = cx.fw.and_then(|f| f.dpa.as_ref()) else { return };
    for a in &cx.p.artefacts {
        let Some(role) = a.dpa else { continue };
        let Some(d) = a.media.as_ref().and_then(|m| m.duration) else { continue };
        let (max, th) = match role {
            DpaRole::TeachingClip => (dpa.teaching_clip_max_seconds, ("คลิปการสอน", "the teaching clip")),
            DpaRole::InspirationClip => {
                (dpa.inspiration_clip_max_seconds, ("คลิปสภาพปัญหา/แรงบันดาลใจ", "the inspiration clip"))
            }
            DpaRole::Outcome if a.kind == Kind::Video => {
                (dpa.outcome_video_max_seconds, ("วิดีโอผลลัพธ์", "the outcome video"))
            }
            _ => continue,
        };
        if d > max + 0.5 {
            out.push(cx.finding(
                &RULE,
                &a.path,
                None,
                None,
                format!("{} ยาว {} เกินกำหนด {}", th.0, mmss(d), mmss(max)),
                format!("{} is {} long; the limit is {}", th.1, mmss(d), mmss(max)),
            ));
        }
    }
}

fn mmss(s: f64) -> String {
    let s = s.round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}
