//! A lint rule about media files and the `dpa/` package. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::portfolio::model::{DpaRole, Kind};

declare_rule! {
    /// ## What it does
    /// ตรวจชุดไฟล์ยื่นขอวิทยฐานะในโฟลเดอร์ `dpa/`: มีคลิปการสอน มีแผนการจัดการเรียนรู้เป็น PDF ไฟล์เดียว และ `dpa/outcomes/` มีไม่เกิน 3 ไฟล์ เป็นวิดีโอไม่เกิน 1 ไฟล์ / Checks the `dpa/` package: a teaching clip, exactly one lesson-plan PDF, and at most 3 files (at most 1 video) in `dpa/outcomes/`.
    ///
    /// ## Why
    /// ไฟล์ผิดชนิดหรือเกินจำนวนเป็นสาเหตุที่คำขอถูกตีกลับบ่อย / Wrong or extra files are a common reason requests are sent back.
    ///
    /// ## Example
    /// ```yaml
    /// dpa/
    ///   แผนการจัดการเรียนรู้.docx
    ///   outcomes/ (4 ไฟล์ / files)
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// dpa/
    ///   คลิปการสอน.mp4
    ///   แผนการจัดการเรียนรู้.pdf
    ///   outcomes/ (≤ 3 ไฟล์ / files, ≤ 1 วิดีโอ / video)
    /// ```
    pub static RULE = {
        id: "V006",
        name: "dpa-package",
        category: Media,
        severity: Error,
        summary: "ชุดไฟล์ dpa/ ไม่ครบหรือเกินกำหนด" / "the dpa/ package is incomplete or over the limits",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(dpa) = cx.fw.and_then(|f| f.dpa.as_ref()) else { return };
    let files: Vec<_> = cx.p.artefacts.iter().filter(|a| a.in_dpa && a.kind != Kind::Markdown).collect();
    if files.is_empty() {
        return;
    }
    let dir = format!("{}/dpa", cx.p.dir);
    let mut push = |th: String, en: String| out.push(cx.finding(&RULE, &dir, None, None, th, en));
    if !files.iter().any(|a| a.dpa == Some(DpaRole::TeachingClip)) {
        push(
            "ชุด dpa/ ยังไม่มีคลิปการสอน (ตั้งชื่อไฟล์ว่า คลิปการสอน.mp4 หรือใส่ kind: teaching-clip ในไฟล์ประกอบ)".into(),
            "the dpa/ package has no teaching clip (name it คลิปการสอน.mp4 or set `kind: teaching-clip`)"
                .into(),
        );
    }
    let plans: Vec<_> = files.iter().filter(|a| a.dpa == Some(DpaRole::LessonPlan)).collect();
    match plans.as_slice() {
        [] => push(
            "ชุด dpa/ ยังไม่มีแผนการจัดการเรียนรู้ (PDF)".into(),
            "the dpa/ package has no lesson plan (PDF)".into(),
        ),
        [one] if one.kind != Kind::Pdf => push(
            format!("แผนการจัดการเรียนรู้ต้องเป็นไฟล์ PDF ไฟล์เดียว ({} ไม่ใช่ PDF)", one.rel),
            format!("the lesson plan must be one PDF ({} is not a PDF)", one.rel),
        ),
        [_] => {}
        many => push(
            format!("แผนการจัดการเรียนรู้ต้องเป็น PDF ไฟล์เดียว แต่มี {} ไฟล์", many.len()),
            format!("the lesson plan must be one PDF, found {}", many.len()),
        ),
    }
    let outcomes: Vec<_> = files.iter().filter(|a| a.dpa == Some(DpaRole::Outcome)).collect();
    if outcomes.len() > dpa.outcomes_max_files {
        push(
            format!("dpa/outcomes/ มี {} ไฟล์ เกินกำหนด {} ไฟล์", outcomes.len(), dpa.outcomes_max_files),
            format!(
                "dpa/outcomes/ has {} files; at most {} are allowed",
                outcomes.len(),
                dpa.outcomes_max_files
            ),
        );
    }
    let videos = outcomes.iter().filter(|a| matches!(a.kind, Kind::Video | Kind::OtherVideo)).count();
    if videos > dpa.outcomes_max_videos {
        push(
            format!("dpa/outcomes/ มีวิดีโอ {videos} ไฟล์ เกินกำหนด {} ไฟล์", dpa.outcomes_max_videos),
            format!("dpa/outcomes/ has {videos} videos; at most {} allowed", dpa.outcomes_max_videos),
        );
    }
}
