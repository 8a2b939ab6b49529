//! A lint rule about the evaluation committee and its calendar. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// เตือนเมื่อวันประเมินไม่อยู่ในเดือนกันยายนของปีงบประมาณของแฟ้ม / Warns when the evaluation date is not in September of the portfolio's fiscal year.
    ///
    /// ## Why
    /// ปฏิทินกำหนดประเมินในเดือนกันยายน แล้วบันทึกผลในระบบ DPA ก่อนสิ้นปีงบประมาณ / The timeline places the evaluation in September, before the fiscal year closes.
    ///
    /// ## Example
    /// ```yaml
    /// fiscal_year: 2567
    /// evaluation_date: 2567-10-05
    /// ```
    ///
    /// ## Use instead
    /// evaluation_date: 2567-09-12
    pub static RULE = {
        id: "K004",
        name: "evaluation-not-in-september",
        category: Committee,
        severity: Warning,
        summary: "วันประเมินไม่อยู่ในเดือนกันยายนของปีงบประมาณ" / "the evaluation is not in September of the fiscal year",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(e) =
        cx.m.and_then(|m| m.committee.as_ref())
            .and_then(|c| c.evaluation_date.as_ref())
            .and_then(|d| d.parse().ok())
    else {
        return;
    };
    let fy = cx.fiscal_year();
    if !(e.month == 9 && e.year_be() == fy) {
        out.push(cx.at_key(
            &RULE,
            &["committee", "evaluation_date"],
            format!("วันประเมิน {} ไม่อยู่ในเดือนกันยายน {fy}", e.thai(false, false)),
            format!("the evaluation on {} is not in September of fiscal year {fy}", e.iso()),
        ));
    }
}
