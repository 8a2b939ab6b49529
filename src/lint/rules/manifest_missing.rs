//! A lint rule about `portfolio.yaml` and reading the folder. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าแฟ้มสะสมผลงานทุกแฟ้มมีไฟล์ `portfolio.yaml` / Checks that every portfolio folder has a `portfolio.yaml`.
    ///
    /// ## Why
    /// ไฟล์นี้บอกชื่อ ตำแหน่ง วิทยฐานะ และปีงบประมาณ ถ้าไม่มี krufolio ไม่รู้ว่าต้องตรวจกับกรอบตัวชี้วัดใด / It names the teacher, position, standing and fiscal year; without it krufolio cannot tell which framework applies.
    ///
    /// ## Example
    /// ```yaml
    /// content/portfolios/manee/  (มีแต่โฟลเดอร์หลักฐาน ไม่มี portfolio.yaml / evidence folders only)
    /// ```
    ///
    /// ## Use instead
    /// สร้างด้วย `krufolio new portfolio manee --position ครู` / create one with `krufolio new portfolio manee --position ครู`.
    pub static RULE = {
        id: "M001",
        name: "manifest-missing",
        category: Manifest,
        severity: Error,
        summary: "ไม่มีไฟล์ portfolio.yaml" / "the portfolio has no portfolio.yaml",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    if cx.p.manifest_text.is_none() && cx.p.load_errors.iter().all(|e| !e.path.ends_with("portfolio.yaml")) {
        // A misnamed manifest is withheld (it may hold `private:`), not an artefact.
        let yml = cx.p.artefacts.iter().any(|a| a.rel == "portfolio.yml")
            || cx.p.withheld.iter().any(|w| w.path == format!("{}/portfolio.yml", cx.p.dir));
        let (th, en) = if yml {
            (
                "ไม่มีไฟล์ portfolio.yaml ในแฟ้มนี้ (พบ portfolio.yml ให้เปลี่ยนชื่อเป็น portfolio.yaml)",
                "this portfolio has no portfolio.yaml (found portfolio.yml: rename it to portfolio.yaml)",
            )
        } else {
            ("ไม่มีไฟล์ portfolio.yaml ในแฟ้มนี้", "this portfolio has no portfolio.yaml")
        };
        out.push(cx.finding(&RULE, &cx.p.dir, None, None, th, en));
    }
}
