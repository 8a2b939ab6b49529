//! A lint rule about media files and the `dpa/` package. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::portfolio::model::{DpaRole, Kind};

declare_rule! {
    /// ## What it does
    /// นับหน้าของแผนการจัดการเรียนรู้ (PDF) ใน `dpa/` และรายงานเมื่อเกินกำหนด (10 หน้า ค่า `pdf_max_pages` ในไฟล์กรอบตัวชี้วัด `content/frameworks/*.yaml`) / Counts the pages of the lesson-plan PDF in `dpa/` and reports it when it is over the limit (10 pages, `pdf_max_pages` in the framework file `content/frameworks/*.yaml`).
    ///
    /// ## Why
    /// ระบบ DPA รับแผนการจัดการเรียนรู้ไม่เกิน 10 หน้า แผนที่ยาวกว่านั้นจะอัปโหลดไม่ได้หรือถูกตีกลับ / The DPA system takes a lesson plan of at most 10 pages; a longer one cannot be uploaded or is sent back.
    ///
    /// ## Example
    /// ```yaml
    /// dpa/แผนการจัดการเรียนรู้.pdf   (14 หน้า / pages)
    /// ```
    ///
    /// ## Use instead
    /// ตัดให้เหลือแผนของคาบที่ถ่ายคลิปการสอน ไม่เกิน 10 หน้า ย้ายภาคผนวกไปไว้ในหลักฐานของตัวชี้วัด / Keep the plan of the filmed lesson, 10 pages or fewer; move appendices to the indicators' evidence.
    pub static RULE = {
        id: "V011",
        name: "lesson-plan-too-many-pages",
        category: Media,
        severity: Error,
        summary: "แผนการจัดการเรียนรู้ใน dpa/ มีหน้าเกินกำหนด" / "the lesson plan in dpa/ has too many pages",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(dpa) = cx.fw.and_then(|f| f.dpa.as_ref()) else { return };
    let max = dpa.pdf_max_pages;
    for a in cx.p.artefacts.iter().filter(|a| a.dpa == Some(DpaRole::LessonPlan) && a.kind == Kind::Pdf) {
        if let Some(pages) = a.media.as_ref().and_then(|m| m.pages).filter(|p| *p > max) {
            out.push(cx.finding(
                &RULE,
                &a.path,
                None,
                None,
                format!("แผนการจัดการเรียนรู้นี้มี {pages} หน้า เกินกำหนด {max} หน้า ให้ตัดให้เหลือไม่เกิน {max} หน้า"),
                format!("this lesson plan has {pages} pages; the DPA limit is {max}: cut it to {max} pages or fewer"),
            ));
        }
    }
}
