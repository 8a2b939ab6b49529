//! A lint rule about text pasted from Word or a PDF into a teacher's notes
//! and sidecars. [`RULE`] holds its documentation (what `krufolio explain`
//! prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ค้นหาสิ่งที่ติดมากับข้อความที่คัดลอกจาก Word หรือ PDF ในบันทึก .md และเนื้อหาของไฟล์ประกอบ ซึ่ง krufolio อ่านไม่ออก ได้แก่ ตารางที่คั่นช่องด้วยแท็บแต่จำนวนช่องต่างกันมาก ตัวขึ้นบรรทัดใหม่แบบ Word (U+000B) อักขระควบคุมที่มองไม่เห็น ช่องว่างแบบไม่ตัดบรรทัด (U+00A0) ติดกันหลายตัว และบรรทัดที่มีแต่ขีดล่าง / Finds what text pasted from Word or a PDF into notes and sidecar bodies holds that krufolio cannot read as meant: tab-separated tables whose rows differ by two cells or more, Word line breaks (U+000B), invisible control characters, runs of no-break spaces (U+00A0) and lines of only underscores.
    ///
    /// ## Why
    /// ตารางที่คั่นด้วยแท็บและบรรทัดที่ขึ้นต้นด้วยเลขไทย (๑. ๒.) krufolio แปลงเป็นตารางและรายการให้เอง แต่สิ่งที่อ่านไม่ออกจะแสดงผิดไปจากที่ครูเห็นใน Word เช่น ข้อมูลอยู่ผิดช่อง หรือมีเส้นคั่นแทนช่องกรอก / krufolio turns tab-separated tables and lines numbered ๑. ๒. into tables and lists, but what it cannot read shows differently from Word: cells in the wrong column, a rule instead of a fill-in blank.
    ///
    /// ## Example
    /// ```markdown
    /// ลำดับ	รายการ	คะแนน	หมายเหตุ
    /// ๑	การวางแผน
    /// ลงชื่อ
    /// ______________
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ลำดับ	รายการ	คะแนน	หมายเหตุ
    /// ๑	การวางแผน	๕	-
    /// ลงชื่อ ..............................
    /// ```
    pub static RULE = {
        id: "R007",
        name: "pasted-text",
        category: Privacy,
        severity: Warning,
        summary: "ข้อความที่คัดลอกจาก Word หรือ PDF มีส่วนที่อ่านไม่ออก" / "text pasted from Word or a PDF holds something krufolio cannot read",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in &cx.p.artefacts {
        let Some(sp) = &a.sidecar_path else { continue };
        let Some((_, text)) = cx.p.texts.iter().find(|(p, _)| p == sp) else { continue };
        let Ok(split) = crate::content::front_matter::split(std::path::Path::new(sp), text) else { continue };
        let breaks = a.sidecar.as_ref().is_some_and(|s| s.paste);
        for note in crate::markup::paste::prepare(split.body, breaks).notes {
            let line = split.body_line + note.line - 1;
            let t = note.text();
            out.push(cx.finding(&RULE, sp, Some(line), None, t.th, t.en));
        }
    }
}
