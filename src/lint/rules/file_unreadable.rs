//! A lint rule about `portfolio.yaml` and reading the folder. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// รายงานไฟล์ที่อ่านไม่ได้ ไฟล์ประกอบ (sidecar .md) ที่ front matter ผิดรูปแบบหรือวันที่ผิด และวันที่ใน `private:` ที่อ่านไม่ได้ ส่วนไฟล์ข้อความที่บันทึกแบบ ANSI/TIS-620 (Windows-874) แทน UTF-8 ยังอ่านได้ แต่รายงานเป็นคำเตือน / Reports unreadable files, sidecars (.md) with broken front matter or a bad date, and `private:` dates that cannot be read; a text file saved as ANSI/TIS-620 (Windows-874) instead of UTF-8 is still read, reported as a warning.
    ///
    /// ## Why
    /// ข้อมูลในไฟล์ประกอบ (ชื่อ วันที่ ตัวชี้วัด ความยินยอม) จะหายไปถ้าอ่านไม่ได้ / A broken sidecar loses its title, date, indicators and consent.
    ///
    /// ## Example
    /// ```yaml
    /// ---
    /// date: 2567-02-31   # ไม่มีวันที่นี้ / no such day
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// ---
    /// date: 2567-02-28
    /// ---
    /// ```
    pub static RULE = {
        id: "M007",
        name: "file-unreadable",
        category: Manifest,
        severity: Error,
        summary: "อ่านไฟล์ในแฟ้มไม่ได้ หรือไฟล์ประกอบเขียนผิด" / "a file cannot be read or a sidecar is malformed",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for d in &cx.p.load_errors {
        let path = d.path.to_string_lossy();
        let mut f = cx.finding(&RULE, &path, d.line, None, d.message.clone(), d.message_en.clone());
        f.at.hint.clone_from(&d.hint);
        out.push(f);
    }
    // Read, but with a warning (a file saved as Windows-874 instead of UTF-8).
    for d in &cx.p.load_warnings {
        let path = d.path.to_string_lossy();
        let mut f = cx.finding(&RULE, &path, d.line, None, d.message.clone(), d.message_en.clone());
        f.at.hint.clone_from(&d.hint);
        f.severity = Severity::Warning;
        out.push(f);
    }
}
