//! A lint rule about personal data in published files (PDPA). [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::privacy::sanitize::{findings, resolve_rel, Unsafe};

declare_rule! {
    /// ## What it does
    /// ค้นหาแท็ก HTML (เช่น `<script>`, `<img onerror=…>`, `<iframe>`) ลิงก์ที่ไม่ใช่ http(s), mailto หรือ tel (เช่น `javascript:`, `data:`) และลิงก์ที่ไม่ได้ชี้ไปยังไฟล์ที่เผยแพร่ในแฟ้มเดียวกัน ในบันทึก .md ไฟล์ประกอบ และ `challenge.inspiration` / `method` krufolio แสดงแท็กเป็นข้อความธรรมดาและตัดลิงก์เหล่านี้ออกจากหน้าเว็บ / Finds HTML tags, links whose scheme is not http(s), mailto or tel, and relative links that do not point at a published file of the same portfolio, in notes, sidecars and `challenge.inspiration` / `method`. The build shows such tags as plain text and drops such links, so no dead link is published.
    ///
    /// ## Why
    /// ข้อความจากแฟ้มของครูนับพันคนอาจมีโค้ดที่รันในเบราว์เซอร์ของผู้อ่าน (XSS) เว็บของเขตจึงไม่รันโค้ดจากแฟ้ม / Text from thousands of teachers' folders could run script in readers' browsers (XSS), so the site never runs it.
    ///
    /// ## Example
    /// ```markdown
    /// <img src="x" onerror="alert(1)">
    /// [ดูคลิป](javascript:alert(1))
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ![ภาพกิจกรรม](ภาพกิจกรรม.jpg)
    /// [ดูคลิป](https://www.youtube.com/watch?v=…)
    /// ```
    pub static RULE = {
        id: "R006",
        name: "teacher-html",
        category: Privacy,
        severity: Warning,
        summary: "ข้อความในแฟ้มมีโค้ด HTML หรือลิงก์สคริปต์" / "teacher text holds raw HTML or a script link",
    };
}

fn report(cx: &Ctx<'_>, path: &str, base_dir: &str, first_line: usize, text: &str, out: &mut Vec<Finding>) {
    // Linked files must be evidence of this portfolio that is published.
    let local = |dest: &str| {
        resolve_rel(base_dir, dest).is_some_and(|t| {
            cx.p.artefacts
                .iter()
                .any(|a| a.rel == t && a.sidecar.as_ref().and_then(|s| s.publish) != Some(false))
        })
    };
    for (line, what) in findings(text, &local) {
        let (th, en) = match what {
            Unsafe::Html(tag) => (
                format!("พบโค้ด HTML ({tag}) ซึ่งจะแสดงเป็นข้อความธรรมดา ให้ใช้ Markdown แทน"),
                format!("raw HTML ({tag}) is shown as plain text; use Markdown instead"),
            ),
            Unsafe::Url(url) => (
                format!("ลิงก์ {url} ไม่ใช่ http(s), mailto หรือ tel จึงถูกตัดออก"),
                format!("the link {url} is not http(s), mailto or tel and is removed"),
            ),
            Unsafe::Missing(url) => (
                format!("ลิงก์ {url} ไม่ได้ชี้ไปยังไฟล์ที่เผยแพร่ในแฟ้มนี้ จึงถูกตัดออก (ลิงก์ไปยังไฟล์ในแฟ้มให้เขียนชื่อไฟล์ตามตำแหน่ง เช่น แผน.pdf หรือ ../1.2 ออกแบบ/แผน.pdf; ลิงก์ภายนอกให้ขึ้นต้นด้วย https://)"),
                format!("the link {url} does not point at a published file of this portfolio and is removed (link files by their place, e.g. plan.pdf or ../1.2 x/plan.pdf; outside links start with https://)"),
            ),
        };
        out.push(cx.finding(&RULE, path, Some(first_line + line - 1), None, th, en));
    }
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in &cx.p.artefacts {
        let Some(sp) = &a.sidecar_path else { continue };
        let Some((_, text)) = cx.p.texts.iter().find(|(p, _)| p == sp) else { continue };
        if let Ok(split) = crate::content::front_matter::split(std::path::Path::new(sp), text) {
            let dir = a.rel.rsplit_once('/').map_or("", |(d, _)| d);
            report(cx, sp, dir, split.body_line, split.body, out);
        }
    }
    let Some(m) = cx.m else { return };
    for c in m.challenge.as_ref().map(|c| c.list()).unwrap_or_default() {
        for (key, value) in [("inspiration", &c.inspiration), ("method", &c.method)] {
            let Some(v) = value else { continue };
            let line = cx.p.line_of(&["challenge", key]).unwrap_or(1);
            // A block scalar (`inspiration: |`) starts on the next line.
            let key_line = cx.p.manifest_text.as_deref().and_then(|t| t.lines().nth(line - 1)).unwrap_or("");
            let block = key_line.trim_end().trim_end_matches(['-', '+']).ends_with(['|', '>']);
            let line = if block { line + 1 } else { line };
            report(cx, &cx.p.manifest_path(), "", line, v, out);
        }
    }
}
