//! A lint rule about the dates of the evidence. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// เตือนหลักฐานที่วันที่ในไฟล์ประกอบอยู่นอกปีงบประมาณของแฟ้ม (1 ต.ค. – 30 ก.ย.) / Warns about evidence whose sidecar date falls outside the portfolio's fiscal year (1 Oct – 30 Sep).
    ///
    /// ## Why
    /// การประเมินดูผลงานในรอบปีงบประมาณ ซึ่งไม่ตรงกับปีการศึกษา (16 พ.ค. – 30 เม.ย.) ครูจึงใส่งานผิดรอบบ่อย / Evaluation covers the fiscal year, which differs from the school year (16 May – 30 Apr), so work from the wrong cycle is common.
    ///
    /// ## Example
    /// ```yaml
    /// fiscal_year: 2567   # 1 ต.ค. 2566 – 30 ก.ย. 2567
    /// # ภาพกิจกรรม.md:
    /// date: 2566-05-16
    /// ```
    ///
    /// ## Use instead
    /// ใช้หลักฐานของรอบปีงบประมาณนี้ / use evidence from this fiscal year.
    pub static RULE = {
        id: "D001",
        name: "evidence-outside-fiscal-year",
        category: Dates,
        severity: Warning,
        summary: "หลักฐานลงวันที่นอกปีงบประมาณ" / "evidence is dated outside the fiscal year",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let fy = cx.fiscal_year();
    let (start, end) = crate::date::fiscal_year_range(fy);
    for a in &cx.p.artefacts {
        let Some(d) = a.sidecar.as_ref().and_then(|s| s.date.as_ref()).and_then(|d| d.parse().ok()) else {
            continue;
        };
        if d < start || d > end {
            let path = a.sidecar_path.as_deref().unwrap_or(&a.path);
            out.push(cx.finding(
                &RULE,
                path,
                None,
                a.indicators.first().map(String::as_str),
                format!(
                    "หลักฐานลงวันที่ {} อยู่นอกปีงบประมาณ {fy} ({} – {})",
                    d.thai(false, false),
                    start.thai(true, false),
                    end.thai(true, false)
                ),
                format!(
                    "evidence dated {} is outside fiscal year {fy} ({} – {})",
                    d.iso(),
                    start.iso(),
                    end.iso()
                ),
            ));
        }
    }
}
