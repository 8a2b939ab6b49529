//! A lint rule about review files (`reviews/<slug>/<id>.yaml`). [`RULE`] holds its
//! documentation (what `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจว่ารายการใน `history:` ของไฟล์ผลการตรวจเรียงตามวันที่จากเก่าไปใหม่ (เพิ่มรายการใหม่ต่อท้ายเสมอ) / Checks that the entries of a review file's `history:` are in date order, oldest first (new entries are appended).
    ///
    /// ## Why
    /// ประวัติการแก้ไขเป็นบันทึกที่เพิ่มต่อท้ายเท่านั้น รายการที่วันที่ย้อนหลังแสดงว่ามีการแทรกหรือแก้รายการเดิม / The history is append-only: an entry dated before the one above it means an entry was inserted or an old one edited.
    ///
    /// ## Example
    /// ```yaml
    /// history:
    ///   - { when: 2568-09-10, what: "ตั้งสถานะ 1.1 ผ่าน" }
    ///   - { when: 2568-09-02, what: "เพิ่มความเห็น 1.2" }
    /// ```
    ///
    /// ## Use instead
    /// เพิ่มรายการใหม่ต่อท้ายด้วยวันที่ของวันนั้น / append each new entry with that day's date.
    pub static RULE = {
        id: "E006",
        name: "review-history-order",
        category: Review,
        severity: Warning,
        summary: "ประวัติในไฟล์ผลการตรวจไม่เรียงตามวันที่" / "a review file's history is not in date order",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (r, file) in cx.reviews() {
        let mut latest: Option<crate::date::Date> = None;
        for (i, h) in file.history.iter().enumerate() {
            let Ok(d) = h.when.parse() else { continue };
            match latest {
                Some(l) if d < l => {
                    let mut f = cx.at_review(
                        &RULE,
                        r,
                        &["history"],
                        None,
                        format!(
                            "{}: รายการที่ {} ของ history ลงวันที่ {} ก่อนรายการก่อนหน้า ({}) ให้เพิ่มรายการใหม่ต่อท้ายเท่านั้น",
                            file.reviewer,
                            i + 1,
                            d.thai(false, false),
                            l.thai(false, false)
                        ),
                        format!(
                            "{}: history entry {} is dated {}, before the entry above it ({}); only append new entries",
                            file.reviewer,
                            i + 1,
                            d.iso(),
                            l.iso()
                        ),
                    );
                    f.at.line = entry_line(&r.text, f.at.line, i).or(f.at.line);
                    out.push(f);
                }
                _ => latest = Some(d),
            }
        }
    }
}

/// The line of the `index`-th list item (`- `) after the `history:` line.
fn entry_line(text: &str, history: Option<usize>, index: usize) -> Option<usize> {
    let start = history?;
    text.lines()
        .enumerate()
        .skip(start)
        .filter(|(_, l)| l.trim_start().starts_with("- "))
        .nth(index)
        .map(|(i, _)| i + 1)
}
