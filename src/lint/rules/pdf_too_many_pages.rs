//! A lint rule about media files and the `dpa/` package. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::portfolio::model::{DpaRole, Kind};

declare_rule! {
    /// ## What it does
    /// นับหน้าของไฟล์ PDF ผลลัพธ์ผู้เรียนใน `dpa/outcomes/` และรายงานไฟล์ที่เกินกำหนด (10 หน้า ปรับได้ในไฟล์กรอบตัวชี้วัด) / Counts the pages of the outcome PDFs in `dpa/outcomes/` and reports those over the limit (10, set in the framework file).
    ///
    /// ## Why
    /// ระบบ DPA จำกัดจำนวนหน้า ไฟล์ที่ยาวเกินจะถูกตีกลับ / The DPA system limits pages; longer files are sent back.
    ///
    /// ## Example
    /// ```yaml
    /// dpa/outcomes/รายงานผล.pdf   (24 หน้า / pages)
    /// ```
    ///
    /// ## Use instead
    /// สรุปให้ไม่เกิน 10 หน้า / summarise in 10 pages or fewer.
    pub static RULE = {
        id: "V007",
        name: "pdf-too-many-pages",
        category: Media,
        severity: Error,
        summary: "PDF ใน dpa/ มีหน้าเกินกำหนด" / "a DPA PDF has too many pages",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(dpa) = cx.fw.and_then(|f| f.dpa.as_ref()) else { return };
    for a in cx.p.artefacts.iter().filter(|a| a.dpa == Some(DpaRole::Outcome) && a.kind == Kind::Pdf) {
        if let Some(pages) = a.media.as_ref().and_then(|m| m.pages).filter(|p| *p > dpa.pdf_max_pages) {
            out.push(cx.finding(
                &RULE,
                &a.path,
                None,
                None,
                format!("PDF นี้มี {pages} หน้า เกินกำหนด {} หน้า", dpa.pdf_max_pages),
                format!("this PDF has {pages} pages; at most {} are allowed", dpa.pdf_max_pages),
            ));
        }
    }
}
