//! # P004 qualitative-target-with-number
//!
//! เป้าหมายเชิงคุณภาพมีค่าเชิงปริมาณ / a qualitative target carries a numeric target. Default severity: error.
//!
//! ## What it does
//! ตรวจว่าเป้าหมายเชิงคุณภาพไม่มีตัวเลข ร้อยละ หรือจำนวน / Checks that qualitative targets carry no numbers, percentages or counts.
//!
//! ## Why
//! หลักเกณฑ์ให้เป้าหมายเชิงคุณภาพบรรยายความรู้ ความสามารถ ทักษะ หรือความพึงพอใจ ไม่ใช่ตัวเลข ตัวเลขให้ย้ายไปเชิงปริมาณ / The rules say qualitative targets describe knowledge, skills or satisfaction; numbers belong in the quantitative targets.
//!
//! ## Example
//! ```yaml
//! qualitative:
//!   - ร้อยละ 85 ของนักเรียนมีความพึงพอใจ
//! ```
//!
//! ## Use instead
//! ```yaml
//! qualitative:
//!   - นักเรียนมีความพึงพอใจและมีเจตคติที่ดีต่อการอ่าน
//! quantitative:
//!   - ร้อยละ 85 ของนักเรียนมีความพึงพอใจระดับมากขึ้นไป
//! ```

use super::prelude::*;

/// The rule.
pub static RULE: Rule = Rule {
    id: "P004",
    name: "qualitative-target-with-number",
    severity: Severity::Error,
    summary: "เป้าหมายเชิงคุณภาพมีค่าเชิงปริมาณ",
    summary_en: "a qualitative target carries a numeric target",
    file: "qualitative_target_with_number",
    check,
};

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(ch) = cx.m.and_then(|m| m.challenge.as_ref()) else { return };
    for c in ch.list() {
        for t in c.outcomes.iter().flat_map(|o| &o.qualitative) {
            if crate::lint::text::has_numeric_target(t) {
                out.push(cx.at_text(
                    &RULE,
                    &["challenge", "outcomes", "qualitative"],
                    t,
                    format!("เป้าหมายเชิงคุณภาพ \"{t}\" มีค่าเชิงปริมาณ ให้ย้ายตัวเลขไปไว้ในเป้าหมายเชิงปริมาณ"),
                    format!("qualitative target \"{t}\" carries a numeric target; move the number to a quantitative target"),
                ));
            }
        }
    }
}
