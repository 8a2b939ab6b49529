//! A lint rule about the `dpa/` package: its clips and files must be files,
//! not links. [`RULE`] holds its documentation (what `krufolio explain`
//! prints) and identity.

use super::prelude::*;
use crate::portfolio::model::{DpaRole, Kind};

declare_rule! {
    /// ## What it does
    /// ตรวจว่าคลิปการสอน คลิปสภาพปัญหา/แรงบันดาลใจ แผนการจัดการเรียนรู้ และไฟล์ผลลัพธ์ใน `dpa/` เป็นไฟล์จริง ไม่ใช่ลิงก์ (ไฟล์ .md ที่มี `url:`, .url หรือ .webloc) / Checks that the teaching clip, the inspiration clip, the lesson plan and the outcome files in `dpa/` are files, not links (a `.md` with `url:`, a `.url` or a `.webloc`).
    ///
    /// ## Why
    /// ระบบ DPA รับการอัปโหลดไฟล์ ไม่รับลิงก์ YouTube หรือ Google Drive และ `krufolio export dpa` ส่งออกลิงก์ไม่ได้ ลิงก์ใช้ได้กับหลักฐานของตัวชี้วัดในแฟ้ม แต่ไม่ใช่ในชุดยื่นขอวิทยฐานะ / The DPA system wants the upload, not a YouTube or Google Drive link, and `krufolio export dpa` cannot export a link. Links are fine as evidence for an indicator, not in the standing-application package.
    ///
    /// ## Example
    /// ```yaml
    /// dpa/คลิปการสอน.md    # url: https://youtu.be/…
    /// ```
    ///
    /// ## Use instead
    /// ดาวน์โหลดคลิปจาก YouTube Studio หรือ Google Drive มาวางเป็นไฟล์ / download the clip from YouTube Studio or Google Drive and put the file there:
    /// ```yaml
    /// dpa/คลิปการสอน.mp4
    /// ```
    pub static RULE = {
        id: "V013",
        name: "dpa-file-is-link",
        category: Media,
        severity: Error,
        summary: "ไฟล์ในชุด dpa/ เป็นลิงก์ ไม่ใช่ไฟล์" / "a dpa/ package file is a link, not a file",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in cx.p.artefacts.iter().filter(|a| a.in_dpa && a.kind == Kind::Link) {
        let Some(role) = a.dpa else { continue };
        let (th, en) = match role {
            DpaRole::TeachingClip => ("คลิปการสอน", "the teaching clip"),
            DpaRole::InspirationClip => ("คลิปสภาพปัญหา/แรงบันดาลใจ", "the inspiration clip"),
            DpaRole::LessonPlan => ("แผนการจัดการเรียนรู้", "the lesson plan"),
            DpaRole::Outcome => ("ไฟล์ผลลัพธ์ผู้เรียน", "the outcome file"),
        };
        let line = a.link.as_ref().and_then(|l| l.line);
        out.push(cx.finding(
            &RULE,
            &a.path,
            line,
            None,
            format!("{th}ในชุด dpa/ เป็นลิงก์ ระบบ DPA ต้องการไฟล์ที่อัปโหลด ให้ดาวน์โหลดไฟล์มาวางแทนลิงก์ (ใช้ลิงก์เป็นหลักฐานของตัวชี้วัดได้)"),
            format!("{en} in dpa/ is a link; the DPA system wants the uploaded file: download it and put the file here instead (links are fine as indicator evidence)"),
        ));
    }
}
