//! A lint rule about review files (`reviews/<slug>/<id>.yaml`). [`RULE`] holds its
//! documentation (what `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::review::model::{Level, ReviewFile, Status, ROLES};
use crate::review::Review;

declare_rule! {
    /// ## What it does
    /// ตรวจค่าในไฟล์ผลการตรวจ: สถานะต้องเป็น `begun` (เริ่มดำเนินการ) `does-not-meet` (ยังไม่ผ่าน) `partially-meets` (ผ่านบางส่วน) หรือ `meets` (ผ่าน) คะแนนต้องเป็นระดับ 1–4 (เลขไทยใช้ได้) วันที่ต้องอ่านได้ และ `role:` ต้องเป็นบทบาทที่รู้จัก / Checks the values of a review file: a status is one of `begun`, `does-not-meet`, `partially-meets`, `meets` (or its Thai label), a score is a level 1–4 (Thai digits allowed), dates can be read and `role:` is a known role.
    ///
    /// ## Why
    /// สถานะหรือคะแนนที่อ่านไม่ได้จะไม่แสดงในตารางและไม่นับในแบบประเมิน / A status or score that cannot be read is not shown in the matrix and not counted on the evaluation form.
    ///
    /// ## Example
    /// ```yaml
    /// indicators:
    ///   "1.1": { status: done }
    /// scores:
    ///   part1: { "1.1": 5 }
    /// ```
    ///
    /// ## Use instead
    /// "1.1": { status: meets } และ / and part1: { "1.1": 4 }
    pub static RULE = {
        id: "E003",
        name: "review-invalid-value",
        category: Review,
        severity: Error,
        summary: "สถานะ คะแนน วันที่ หรือบทบาทในไฟล์ผลการตรวจไม่ถูกต้อง" / "a status, level, date or role in a review file is not valid",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (r, file) in cx.reviews() {
        statuses(cx, r, file, out);
        levels(cx, r, file, out);
        let who = &file.reviewer;
        if let Some(role) = file.role.as_deref().filter(|x| !ROLES.contains(&x.trim())) {
            out.push(cx.at_review(
                &RULE,
                r,
                &["role"],
                None,
                format!("{who}: ไม่รู้จักบทบาท \"{role}\" (ใช้ {})", ROLES.join(" | ")),
                format!("{who}: unknown role \"{role}\" (use {})", ROLES.join(" | ")),
            ));
        }
        let dates =
            file.date.iter().map(|d| (d, "date")).chain(file.history.iter().map(|h| (&h.when, "history")));
        for (d, key) in dates {
            if let Err(e) = d.parse() {
                let mut f = cx.at_review(&RULE, r, &[key], None, e.message_th(), e.message_en());
                f.at.message = format!("{who}: {}", f.at.message);
                f.at.message_en = format!("{who}: {}", f.at.message_en);
                out.push(f);
            }
        }
    }
}

fn statuses(cx: &Ctx<'_>, r: &Review, file: &ReviewFile, out: &mut Vec<Finding>) {
    let who = &file.reviewer;
    let entries = file.indicators.iter().map(|(k, e)| (Some(k.as_str()), e));
    for (code, e) in entries.chain(file.challenge.iter().map(|e| (None, e))) {
        let Some(s) = e.status.as_deref().filter(|s| Status::parse(s).is_none()) else { continue };
        let key: Vec<&str> = match code {
            Some(c) => vec!["indicators", c],
            None => vec!["challenge"],
        };
        let what = code.map(|c| format!("ตัวชี้วัด {c}")).unwrap_or_else(|| "ประเด็นท้าทาย".into());
        let what_en = code.map(|c| format!("indicator {c}")).unwrap_or_else(|| "the challenge".into());
        let ids: Vec<&str> = Status::ALL.iter().map(|s| s.id()).collect();
        out.push(cx.at_review(
            &RULE,
            r,
            &key,
            code.and_then(crate::portfolio::model::normalize_code).as_deref(),
            format!("{who}: สถานะ \"{s}\" ของ{what} ไม่ถูกต้อง ใช้ {}", ids.join(" | ")),
            format!("{who}: status \"{s}\" for {what_en} is not valid; use {}", ids.join(" | ")),
        ));
    }
}

fn levels(cx: &Ctx<'_>, r: &Review, file: &ReviewFile, out: &mut Vec<Finding>) {
    let Some(s) = &file.scores else { return };
    let who = &file.reviewer;
    let mut bad = |key: Vec<&str>, ind: Option<String>, label: String, l: &Level| {
        let v = l.shown();
        out.push(cx.at_review(
            &RULE,
            r,
            &key,
            ind.as_deref(),
            format!("{who}: คะแนน{label} = {v} ต้องเป็นระดับ 1–4"),
            format!("{who}: score {v} for{label} must be a level 1–4"),
        ));
    };
    for (code, l) in s.part1.iter().filter(|(_, l)| !l.valid()) {
        let ind = crate::portfolio::model::normalize_code(code);
        bad(vec!["scores", "part1", code], ind, format!(" {code}"), l);
    }
    let p = &s.part2;
    for (name, l) in
        [("method", &p.method), ("quantitative", &p.quantitative), ("qualitative", &p.qualitative)]
    {
        if let Some(l) = l.as_ref().filter(|l| !l.valid()) {
            bad(vec!["scores", "part2", name], None, format!(" part2.{name}"), l);
        }
    }
}
