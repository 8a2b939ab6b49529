//! A lint rule about the indicators and their evidence. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าทุกตัวชี้วัดในกรอบมีหลักฐานอย่างน้อยหนึ่งไฟล์ โฟลเดอร์ว่างนับว่าไม่มี / Checks that every indicator of the framework has at least one evidence file; an empty folder counts as missing.
    ///
    /// ## Why
    /// คณะกรรมการประเมินทุกตัวชี้วัด ตัวชี้วัดที่ไม่มีร่องรอยได้ระดับ 1 / The committee scores every indicator; one without traces gets level 1.
    ///
    /// ## Example
    /// ```yaml
    /// content/portfolios/manee/2.4 ประสานความร่วมมือกับผู้ปกครอง/   (ว่าง / empty)
    /// ```
    ///
    /// ## Use instead
    /// ใส่หลักฐาน เช่น แบบบันทึกการติดตามผู้ปกครอง หรือรายงานการประชุมชั้นเรียน / add evidence, e.g. parent follow-up records or the class meeting report.
    pub static RULE = {
        id: "C001",
        name: "missing-evidence",
        category: Coverage,
        severity: Error,
        summary: "ตัวชี้วัดยังไม่มีหลักฐาน" / "an indicator has no evidence",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(fw) = cx.fw else { return };
    for (_, ind) in fw.indicators() {
        if cx.p.artefacts.iter().any(|a| a.indicators.iter().any(|c| c == &ind.code)) {
            continue;
        }
        let folder = cx.p.folders.iter().find(|f| f.code == ind.code);
        let path = folder.map(|f| f.path.clone()).unwrap_or_else(|| cx.p.dir.clone());
        let hint: Vec<&str> = ind.evidence.iter().take(3).map(String::as_str).collect();
        let (th_where, en_where) = match folder {
            Some(_) => ("โฟลเดอร์ว่าง", "the folder is empty"),
            None => ("ยังไม่มีโฟลเดอร์", "there is no folder for it"),
        };
        out.push(cx.finding(
            &RULE,
            &path,
            None,
            Some(&ind.code),
            format!(
                "ตัวชี้วัด {} {} ยังไม่มีหลักฐาน ({th_where}) ตัวอย่างหลักฐาน: {}",
                ind.code,
                ind.title,
                hint.join(", ")
            ),
            format!("indicator {} ({}) has no evidence: {en_where}", ind.code, ind.title_en),
        ));
    }
}
