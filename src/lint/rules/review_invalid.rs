//! A lint rule about review files (`reviews/<slug>/<id>.yaml`). [`RULE`] holds its
//! documentation (what `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าไฟล์ผลการตรวจใน `reviews/<แฟ้ม>/` อ่านได้ เป็น YAML ที่ถูกต้อง และไม่มีชื่อช่องที่ไม่รู้จัก / Checks that each review file under `reviews/<slug>/` can be read, is valid YAML and has no unknown key.
    ///
    /// ## Why
    /// ไฟล์ที่อ่านไม่ได้จะไม่แสดงในหน้าการตรวจและไม่นับคะแนน ส่วนไฟล์อื่นยังแสดงตามปกติ / A file that cannot be read is left out of the review pages and the evaluation form; the other files are shown as usual.
    ///
    /// ## Example
    /// ```yaml
    /// reviewer: นายผู้ตรวจ ตัวอย่าง
    /// indicators:
    ///   "1.1": { statuss: meets }
    /// ```
    ///
    /// ## Use instead
    /// "1.1": { status: meets, comment: "หลักฐานครบถ้วน" }
    pub static RULE = {
        id: "E001",
        name: "review-invalid",
        category: Review,
        severity: Error,
        summary: "อ่านไฟล์ผลการตรวจไม่ได้" / "a review file cannot be read",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for r in &cx.p.reviews {
        if let Err(d) = &r.file {
            let mut f = cx.finding(&RULE, &r.path, d.line, None, d.message.clone(), d.message_en.clone());
            f.at.hint = d.hint.clone();
            out.push(f);
        }
    }
}
