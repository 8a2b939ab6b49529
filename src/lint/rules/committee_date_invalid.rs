//! A lint rule about the evaluation committee and its calendar. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::portfolio::model::DateText;

declare_rule! {
    /// ## What it does
    /// ตรวจว่า `committee.order.date`, `committee.order.sent_date`, `committee.briefing_date` และ `committee.evaluation_date` เป็นวันที่ที่มีอยู่จริงในรูปแบบ ปปปป-ดด-วว (พ.ศ. หรือ ค.ศ.) / Checks that the committee's order, sent, briefing and evaluation dates are real dates written YYYY-MM-DD (BE or CE).
    ///
    /// ## Why
    /// วันที่ที่เขียนผิด (เช่น 30 กุมภาพันธ์ หรือ "เมื่อวาน") ทำให้ตรวจกำหนดเวลาของคำสั่งและการประชุมชี้แจงไม่ได้ และคำสั่งที่พิมพ์ออกมาจะผิด / A wrong date (30 February, "yesterday") defeats the deadline checks and prints a wrong order.
    ///
    /// ## Example
    /// ```yaml
    /// committee:
    ///   order: { number: "45/2568", date: 2568-02-30 }
    ///   briefing_date: เมื่อวาน
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// committee:
    ///   order: { number: "45/2568", date: 2568-02-28 }
    ///   briefing_date: 2568-08-27
    /// ```
    pub static RULE = {
        id: "K006",
        name: "committee-date-invalid",
        category: Committee,
        severity: Error,
        summary: "วันที่ของคณะกรรมการไม่ถูกต้อง" / "a committee date is not a real date",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(c) = cx.m.and_then(|m| m.committee.as_ref()) else { return };
    let order = c.order.as_ref();
    let dates: [(&[&str], Option<&DateText>); 4] = [
        (&["committee", "order", "date"], order.and_then(|o| o.date.as_ref())),
        (&["committee", "order", "sent_date"], order.and_then(|o| o.sent_date.as_ref())),
        (&["committee", "briefing_date"], c.briefing_date.as_ref()),
        (&["committee", "evaluation_date"], c.evaluation_date.as_ref()),
    ];
    for (key, value) in dates {
        let Some(Err(e)) = value.map(DateText::parse) else { continue };
        let name = key.join(".");
        out.push(cx.at_key(
            &RULE,
            key,
            format!("{name}: {}", e.message_th()),
            format!("{name}: {}", e.message_en()),
        ));
    }
}
