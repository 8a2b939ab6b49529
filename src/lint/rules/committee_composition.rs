//! A lint rule about the evaluation committee and its calendar. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;
use crate::portfolio::model::Role;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าคณะกรรมการมีประธาน 1 คน กรรมการ 2 คน และเลขานุการไม่เกิน 1 คน และทุกคนมีชื่อและบทบาท / Checks for exactly one chair, two members and at most one secretary, each with a name and a role.
    ///
    /// ## Why
    /// คำสั่งแต่งตั้งที่องค์ประกอบไม่ครบทำให้ผลการประเมินใช้ไม่ได้ / An order with the wrong composition invalidates the evaluation.
    ///
    /// ## Example
    /// ```yaml
    /// members:
    ///   - { name: ..., role: chair }
    ///   - { name: ..., role: member }
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// members:
    ///   - { name: ..., role: chair }
    ///   - { name: ..., role: member, qualification: supervisor, standing: ชำนาญการพิเศษ }
    ///   - { name: ..., role: member, qualification: teacher, standing: ชำนาญการพิเศษ, school: ... }
    /// ```
    pub static RULE = {
        id: "K001",
        name: "committee-composition",
        category: Committee,
        severity: Error,
        summary: "องค์ประกอบคณะกรรมการไม่ถูกต้อง" / "the committee's composition is wrong",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(c) = cx.m.and_then(|m| m.committee.as_ref()) else { return };
    let count = |r: Role| c.members.iter().filter(|m| m.role == Some(r.clone())).count();
    let (chairs, members, secretaries) = (count(Role::Chair), count(Role::Member), count(Role::Secretary));
    let mut push = |th: String, en: String| out.push(cx.at_key(&RULE, &["committee", "members"], th, en));
    if chairs != 1 {
        push(
            format!("ต้องมีประธานกรรมการ 1 คน (มี {chairs})"),
            format!("exactly one chair is required (found {chairs})"),
        );
    }
    if members != 2 {
        push(
            format!("ต้องมีกรรมการ 2 คน (มี {members})"),
            format!("exactly two members are required (found {members})"),
        );
    }
    if secretaries > 1 {
        push(
            format!("มีเลขานุการได้ไม่เกิน 1 คน (มี {secretaries})"),
            format!("at most one secretary (found {secretaries})"),
        );
    }
    for (i, m) in c.members.iter().enumerate() {
        match m.role.as_ref() {
            Some(Role::Chair | Role::Member | Role::Secretary) => {}
            other => push(
                format!(
                    "กรรมการคนที่ {} มีบทบาท \"{}\" ซึ่งไม่รู้จัก (ใช้ chair, member หรือ secretary)",
                    i + 1,
                    other.map_or("", Role::as_str)
                ),
                format!(
                    "member {} has role `{}`; use chair, member or secretary",
                    i + 1,
                    other.map_or("", Role::as_str)
                ),
            ),
        }
        if m.name.as_ref().is_none_or(|n| n.trim().is_empty()) {
            push(format!("กรรมการคนที่ {} ไม่มีชื่อ", i + 1), format!("member {} has no name", i + 1));
        }
    }
}
