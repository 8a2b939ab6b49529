//! A lint rule about `portfolio.yaml` and reading the folder. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// รายงานไฟล์ `portfolio.yaml` ที่เขียน YAML ผิดรูปแบบหรือใส่ค่าผิดชนิด พร้อมบรรทัด / Reports a `portfolio.yaml` that is not valid YAML or has a value of the wrong type, with its line.
    ///
    /// ## Why
    /// แฟ้มที่อ่านไม่ได้ตรวจต่อไม่ได้ แต่แฟ้มอื่นยังตรวจตามปกติ / A broken manifest stops the checks of that portfolio only; the others are still checked.
    ///
    /// ## Example
    /// ```yaml
    /// fiscal_year: สองห้าหกเจ็ด   # ต้องเป็นตัวเลข / must be a number
    /// ```
    ///
    /// ## Use instead
    /// fiscal_year: 2567
    pub static RULE = {
        id: "M002",
        name: "manifest-invalid-yaml",
        category: Manifest,
        severity: Error,
        summary: "portfolio.yaml อ่านไม่ได้" / "portfolio.yaml cannot be parsed",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    if let (Some(_), Err(d)) = (&cx.p.manifest_text, &cx.p.manifest) {
        let mut f = cx.finding(
            &RULE,
            &cx.p.manifest_path(),
            d.line,
            None,
            format!("portfolio.yaml เขียนไม่ถูกต้อง จึงตรวจแฟ้มนี้ต่อไม่ได้ ({})", d.message),
            format!("portfolio.yaml cannot be read: {}", d.message_en),
        );
        // The fix (quote the value, spaces not tabs …) goes with it.
        f.at.hint.clone_from(&d.hint);
        out.push(f);
    }
}
