//! A lint rule about the indicators and their evidence. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจรหัสตัวชี้วัดในชื่อโฟลเดอร์และใน `indicators:` ของไฟล์ประกอบ ว่ามีในกรอบตัวชี้วัดของตำแหน่งนั้น / Checks indicator codes in folder names and sidecar `indicators:` against the position's framework.
    ///
    /// ## Why
    /// หลักฐานที่ผูกกับรหัสผิดจะไม่ถูกนับให้ตัวชี้วัดใดเลย / Evidence filed under a wrong code counts for no indicator.
    ///
    /// ## Example
    /// ```yaml
    /// content/portfolios/manee/1.9 อื่น ๆ/   (ครูมีตัวชี้วัด 1.1–1.8 / teachers have 1.1–1.8)
    /// ```
    ///
    /// ## Use instead
    /// ย้ายไฟล์ไปไว้ในโฟลเดอร์ของตัวชี้วัดที่ถูกต้อง หรือใส่ `indicators: ["1.4"]` ในไฟล์ประกอบ / move the files to the right indicator folder, or set `indicators:` in the sidecar.
    pub static RULE = {
        id: "C002",
        name: "unknown-indicator",
        category: Coverage,
        severity: Error,
        summary: "รหัสตัวชี้วัดไม่มีในกรอบ" / "an indicator code is not in the framework",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(fw) = cx.fw else { return };
    for f in &cx.p.folders {
        if fw.indicator(&f.code).is_none() {
            out.push(cx.finding(
                &RULE,
                &f.path,
                None,
                Some(&f.code),
                format!("โฟลเดอร์ \"{}\" ใช้รหัส {} ซึ่งไม่มีในกรอบ {}", f.name, f.code, fw.title),
                format!("folder \"{}\" uses code {} which is not in the {} framework", f.name, f.code, fw.id),
            ));
        }
    }
    for a in &cx.p.artefacts {
        let from_sidecar = a.sidecar.as_ref().is_some_and(|s| !s.indicators.is_empty());
        if !from_sidecar {
            continue;
        }
        let path = a.sidecar_path.as_deref().unwrap_or(&a.path);
        for code in a.indicators.iter().filter(|c| fw.indicator(c).is_none()) {
            out.push(cx.finding(
                &RULE,
                path,
                None,
                Some(code),
                format!("ไฟล์ประกอบระบุตัวชี้วัด {code} ซึ่งไม่มีในกรอบ {}", fw.title),
                format!("the sidecar names indicator {code}, which is not in the {} framework", fw.id),
            ));
        }
        for bad in &a.bad_codes {
            out.push(cx.finding(
                &RULE,
                path,
                None,
                None,
                format!("\"{bad}\" ไม่ใช่รหัสตัวชี้วัด (ต้องเป็นรูป 1.3)"),
                format!("\"{bad}\" is not an indicator code (expected the form 1.3)"),
            ));
        }
    }
}
