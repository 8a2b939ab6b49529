//! A lint rule about review files (`reviews/<slug>/<id>.yaml`). [`RULE`] holds its
//! documentation (what `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::portfolio::model::normalize_code;

declare_rule! {
    /// ## What it does
    /// ตรวจรหัสตัวชี้วัดใน `indicators:` และ `scores.part1` ของไฟล์ผลการตรวจ ว่าเป็นรหัสที่มีในกรอบตัวชี้วัดของแฟ้มนั้น (เลขไทยใช้ได้) / Checks the indicator codes of a review file's `indicators:` and `scores.part1` against the portfolio's framework (Thai digits allowed).
    ///
    /// ## Why
    /// ความเห็นหรือคะแนนของรหัสที่ไม่มีในกรอบจะไม่แสดงที่ตัวชี้วัดใดและไม่นับคะแนน / A comment or score for a code outside the framework shows at no indicator and counts for nothing.
    ///
    /// ## Example
    /// ```yaml
    /// indicators:
    ///   "1.9": { status: meets }   # ครูมีตัวชี้วัด 1.1–1.8 / teachers have 1.1–1.8
    /// ```
    ///
    /// ## Use instead
    /// "1.8": { status: meets }
    pub static RULE = {
        id: "E002",
        name: "review-unknown-indicator",
        category: Review,
        severity: Error,
        summary: "ไฟล์ผลการตรวจใช้รหัสตัวชี้วัดที่ไม่มีในกรอบ" / "a review file names an indicator the framework does not have",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (r, file) in cx.reviews() {
        let part1 = file.scores.iter().flat_map(|s| s.part1.keys()).map(|k| (k, "scores"));
        let codes = file.indicators.keys().map(|k| (k, "indicators")).chain(part1);
        for (code, block) in codes {
            let norm = normalize_code(code);
            let known = match (&norm, cx.fw) {
                (None, _) => false,
                (Some(c), Some(fw)) => fw.indicator(c).is_some(),
                (Some(_), None) => true,
            };
            if known {
                continue;
            }
            let key: &[&str] =
                if block == "scores" { &["scores", "part1", code] } else { &["indicators", code] };
            let framework = cx.fw.map(|f| f.title.as_str()).unwrap_or("");
            out.push(cx.at_review(
                &RULE,
                r,
                key,
                norm.as_deref(),
                format!("{}: ไม่มีตัวชี้วัด {code} ในกรอบ {framework}", file.reviewer),
                format!(
                    "{}: no indicator {code} in the framework {}",
                    file.reviewer,
                    cx.fw.map(|f| f.id.as_str()).unwrap_or("")
                ),
            ));
        }
    }
}
