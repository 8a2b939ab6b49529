//! A lint rule about `portfolio.yaml` against `site.yaml`. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// เทียบ `fiscal_year` ของแฟ้มกับ `fiscal_year` ใน `content/site.yaml` และเตือนเมื่อไม่ตรงกัน (ตรวจเฉพาะเมื่อ site.yaml กำหนดปีไว้) / Compares a portfolio's `fiscal_year` with the `fiscal_year` of `content/site.yaml` and warns when they differ (only when site.yaml sets one).
    ///
    /// ## Why
    /// เขตพื้นที่เปิดรับแฟ้มของรอบปีงบประมาณเดียว แฟ้มที่ยังเป็นปีเก่า (คัดลอกมาจากปีที่แล้ว) จะถูกตรวจวันที่ของหลักฐานและคณะกรรมการกับปีที่ผิด / A district collects one fiscal year's portfolios; a portfolio still set to last year (copied over) has its evidence and committee dates checked against the wrong year.
    ///
    /// ## Example
    /// ```yaml
    /// # content/site.yaml
    /// fiscal_year: 2570
    /// # content/portfolios/kru-somchai/portfolio.yaml
    /// fiscal_year: 2569
    /// ```
    ///
    /// ## Use instead
    /// ให้ปีตรงกัน (แก้แฟ้ม หรือแก้ site.yaml ถ้าปีของเว็บไซต์ผิด) / Make them agree (fix the portfolio, or site.yaml if the site's year is wrong):
    /// ```yaml
    /// fiscal_year: 2570
    /// ```
    pub static RULE = {
        id: "M008",
        name: "fiscal-year-mismatch",
        category: Manifest,
        severity: Warning,
        summary: "ปีงบประมาณของแฟ้มไม่ตรงกับของเว็บไซต์" / "the portfolio's fiscal year differs from the site's",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(site) = cx.settings.site_fiscal_year else { return };
    let Some(mine) = cx.m.and_then(|m| m.fiscal_year) else { return };
    // A CE or impossible year is M006's; comparing it would say the same thing twice.
    if mine == i64::from(site) || crate::date::fiscal_year_problem(mine).is_some() {
        return;
    }
    out.push(cx.at_key(
        &RULE,
        &["fiscal_year"],
        format!(
            "ปีงบประมาณของแฟ้มนี้คือ {mine} แต่ content/site.yaml กำหนดปีงบประมาณ {site} ให้แก้ fiscal_year ให้ตรงกัน (หรือแก้ site.yaml ถ้าปีของเว็บไซต์ผิด)"
        ),
        format!(
            "this portfolio's fiscal year is {mine} but content/site.yaml sets {site}: make fiscal_year agree (or fix site.yaml if the site's year is wrong)"
        ),
    ));
}
