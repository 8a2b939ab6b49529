//! A lint rule about review folders (`reviews/<slug>/`). [`RULE`] holds its
//! documentation (what `krufolio explain` prints) and identity. It looks at
//! the site, not at one portfolio: [`site`] makes its findings, called by
//! [`crate::lint::lint_with_orphans`].

use super::prelude::*;
use crate::diagnostic::Diagnostic;
use crate::review::Orphan;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าโฟลเดอร์ทุกโฟลเดอร์ใน `reviews/` มีชื่อตรงกับแฟ้มสะสมผลงานใน `content/portfolios/` / Checks that every folder under `reviews/` is named after a portfolio in `content/portfolios/`.
    ///
    /// ## Why
    /// ผลการตรวจในโฟลเดอร์ที่ไม่มีแฟ้มตรงชื่อจะไม่แสดงที่ใดเลย มักเกิดจากพิมพ์ชื่อผิดหรือเปลี่ยนชื่อโฟลเดอร์แฟ้มภายหลัง / Reviews in a folder named after no portfolio show nowhere; usually a typo, or the portfolio folder was renamed.
    ///
    /// ## Example
    /// ```text
    /// reviews/kru-manee/    แต่แฟ้มชื่อ / but the portfolio is content/portfolios/kru-mani/
    /// ```
    ///
    /// ## Use instead
    /// เปลี่ยนชื่อโฟลเดอร์เป็น / rename the folder to reviews/kru-mani/
    pub static RULE = {
        id: "E005",
        name: "review-orphan",
        category: Review,
        severity: Warning,
        summary: "โฟลเดอร์ผลการตรวจไม่ตรงกับแฟ้มใด" / "a review folder is named after no portfolio",
    };
}

/// Per portfolio there is nothing to check: see [`site`].
fn check(_: &Ctx<'_>, _: &mut Vec<Finding>) {}

/// One finding per orphaned review folder (`known`: the portfolios' slugs, for the hint).
pub fn site(orphans: &[Orphan], known: &[String]) -> Vec<Finding> {
    orphans
        .iter()
        .map(|o| {
            let slug = &o.slug;
            let list = known.join(", ");
            Finding {
                rule: RULE.id.to_string(),
                name: RULE.name.to_string(),
                severity: RULE.severity,
                portfolio: slug.clone(),
                indicator: None,
                at: Diagnostic::new(
                    &o.path,
                    None,
                    format!("ไม่มีแฟ้ม content/portfolios/{slug} ผลการตรวจในโฟลเดอร์นี้จึงไม่แสดง (แฟ้มที่มี: {list})"),
                    format!("there is no portfolio content/portfolios/{slug}, so the reviews in this folder show nowhere (portfolios: {list})"),
                ),
            }
        })
        .collect()
}
