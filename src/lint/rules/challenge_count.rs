//! A lint rule about the challenge issue (Part 2 of the agreement). [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจจำนวนประเด็นท้าทายตามกรอบ: ครูและผู้บริหารสถานศึกษา 1 ประเด็น ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา 3 ประเด็น / Checks the number of challenge issues: 1 for teachers and school administrators, exactly 3 for the district-office director.
    ///
    /// ## Why
    /// หลักเกณฑ์ของผู้อำนวยการสำนักงานเขตพื้นที่การศึกษากำหนดประเด็นท้าทาย 3 ประเด็นตามนโยบายและจุดเน้นของปี / The director's rules require three challenge issues, each on the year's policy and focus points.
    ///
    /// ## Example
    /// ```yaml
    /// position: ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา
    /// challenge:
    ///   title: ...   # ประเด็นเดียว / one issue
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// challenge:
    ///   - title: ...
    ///   - title: ...
    ///   - title: ...
    /// ```
    pub static RULE = {
        id: "P005",
        name: "challenge-count",
        category: Challenge,
        severity: Error,
        summary: "จำนวนประเด็นท้าทายไม่ตรงตามกรอบ" / "wrong number of challenge issues",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let (Some(fw), Some(ch)) = (cx.fw, cx.m.and_then(|m| m.challenge.as_ref())) else { return };
    let n = ch.list().len();
    let want = fw.part2.challenges;
    if n != want {
        out.push(cx.at_key(
            &RULE,
            &["challenge"],
            format!("มีประเด็นท้าทาย {n} ประเด็น แต่ตำแหน่งนี้ต้องมี {want} ประเด็น"),
            format!("{n} challenge issue(s) given; this position needs exactly {want}"),
        ));
    }
}
