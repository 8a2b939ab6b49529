//! A lint rule about media files and the `dpa/` package. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// รายงานไฟล์ PDF ที่ต้องใส่รหัสผ่านจึงจะเปิดได้ (ตั้งรหัสผ่านเปิดเอกสารไว้) ส่วน PDF ที่ตั้งรหัสไว้เฉพาะห้ามพิมพ์หรือห้ามคัดลอกยังเปิดได้ จึงไม่รายงาน / Reports PDFs that need a password to open (a document-open password). A PDF restricted only against printing or copying still opens and is not reported.
    ///
    /// ## Why
    /// กรรมการและระบบ DPA ไม่มีรหัสผ่าน จึงเปิดไฟล์ไม่ได้และให้คะแนนหลักฐานนั้นไม่ได้ เว็บไซต์ก็แสดงตัวอย่างไม่ได้ / The committee and the DPA system do not have the password, so they cannot open the file or score that evidence; the site cannot show a preview either.
    ///
    /// ## Example
    /// ```yaml
    /// dpa/แผนการจัดการเรียนรู้.pdf   (ตั้งรหัสผ่านเปิดเอกสารไว้ / saved with an open password)
    /// ```
    ///
    /// ## Use instead
    /// ลบรหัสผ่าน: เปิดไฟล์ด้วยรหัสผ่านแล้วสั่งพิมพ์เป็น PDF ใหม่ (Microsoft Print to PDF หรือ "บันทึกเป็น PDF") หรือใน Adobe Acrobat เลือก คุณสมบัติเอกสาร > ความปลอดภัย > ไม่มีความปลอดภัย หรือใช้ `qpdf --password=รหัส --decrypt เดิม.pdf ใหม่.pdf` / remove the password: open the file with it and print to a new PDF ("Save as PDF"), or in Adobe Acrobat choose Document Properties > Security > No Security, or run `qpdf --password=PASSWORD --decrypt old.pdf new.pdf`.
    pub static RULE = {
        id: "V010",
        name: "pdf-encrypted",
        category: Media,
        severity: Error,
        summary: "PDF ติดรหัสผ่าน เปิดอ่านไม่ได้" / "a PDF needs a password to open",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in &cx.p.artefacts {
        if a.media.as_ref().is_some_and(|m| m.needs_password) {
            out.push(
                cx.at_artefact(
                    &RULE,
                    a,
                    "PDF นี้ต้องใส่รหัสผ่านจึงจะเปิดได้ กรรมการและระบบ DPA เปิดไม่ได้ ลบรหัสผ่านออกก่อนส่ง \
                 (เปิดด้วยรหัสผ่านแล้วพิมพ์เป็น PDF ใหม่)"
                        .to_string(),
                    "this PDF needs a password to open; the committee and the DPA system cannot open it. \
                 Remove the password before submitting (open it with the password and print to a new PDF)"
                        .to_string(),
                ),
            );
        }
    }
}
