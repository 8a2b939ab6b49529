//! A lint rule about the evaluation committee and its calendar. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าส่งคำสั่งแต่งตั้งพร้อมข้อตกลง (PA) ให้คณะกรรมการภายใน 3 วันทำการนับจากวันที่ในคำสั่ง (`committee.order.sent_date`) / Checks that the order and the PA reached the committee within 3 working days of the order date (`committee.order.sent_date`).
    ///
    /// ## Why
    /// คู่มือกำหนดให้ส่งภายใน 3 วันทำการ เพื่อให้กรรมการมีเวลาเตรียมตัว / The guide sets 3 working days so members have time to prepare.
    ///
    /// ## Example
    /// ```yaml
    /// order: { number: "45/2567", date: 2567-08-20, sent_date: 2567-08-28 }
    /// ```
    ///
    /// ## Use instead
    /// order: { number: "45/2567", date: 2567-08-20, sent_date: 2567-08-22 }
    pub static RULE = {
        id: "K005",
        name: "order-sent-late",
        category: Committee,
        severity: Error,
        summary: "ส่งคำสั่งและข้อตกลงให้กรรมการช้ากว่ากำหนด" / "the order was sent to the committee late",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(o) = cx.m.and_then(|m| m.committee.as_ref()).and_then(|c| c.order.as_ref()) else { return };
    let (Some(d), Some(s)) = (o.date.as_ref(), o.sent_date.as_ref()) else { return };
    let (Ok(d), Ok(s)) = (d.parse(), s.parse()) else { return };
    let days = crate::date::working_days_between(d, s, &cx.settings.holidays);
    if days < 0 {
        out.push(cx.at_key(
            &RULE,
            &["committee", "order", "sent_date"],
            format!("วันที่ส่ง ({}) อยู่ก่อนวันที่ในคำสั่ง ({})", s.thai(false, false), d.thai(false, false)),
            format!("sent on {} before the order's date {}", s.iso(), d.iso()),
        ));
    } else if days > 3 {
        out.push(cx.at_key(
            &RULE,
            &["committee", "order", "sent_date"],
            format!("ส่งคำสั่งให้กรรมการ {days} วันทำการหลังวันที่ในคำสั่ง เกินกำหนด 3 วันทำการ"),
            format!("the order reached the committee {days} working days after its date; the limit is 3"),
        ));
    }
}
