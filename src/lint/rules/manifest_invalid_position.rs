//! A lint rule about `portfolio.yaml` and reading the folder. [`RULE`] holds its documentation (what
//! `krufolio explain` prints) and identity.

use super::prelude::*;

declare_rule! {
    /// ## What it does
    /// ตรวจว่าตำแหน่งและวิทยฐานะเป็นค่าที่รู้จัก และเป็นคู่ที่มีจริง เช่น ครูผู้ช่วยไม่มีวิทยฐานะ และไม่มีรองผู้อำนวยการเชี่ยวชาญพิเศษ / Checks that the position and standing are known values and an existing pair: a ครูผู้ช่วย has no standing, and there is no deputy-director เชี่ยวชาญพิเศษ.
    ///
    /// ## Why
    /// ตำแหน่งและวิทยฐานะกำหนดกรอบตัวชี้วัดและระดับการปฏิบัติที่คาดหวัง / They decide the framework and the expected practice level.
    ///
    /// ## Example
    /// ```yaml
    /// position: ครูผู้ช่วย
    /// standing: ชำนาญการ
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// position: ครู
    /// standing: ชำนาญการ
    /// ```
    pub static RULE = {
        id: "M005",
        name: "manifest-invalid-position",
        category: Manifest,
        severity: Error,
        summary: "ตำแหน่งหรือวิทยฐานะไม่ถูกต้อง" / "invalid position, standing or pair",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let Some(m) = cx.m else { return };
    if let Some(id) = &m.framework {
        if !cx.frameworks.by_id.contains_key(id) {
            let ids: Vec<&str> = cx.frameworks.by_id.keys().map(String::as_str).collect();
            out.push(cx.at_key(
                &RULE,
                &["framework"],
                format!("ไม่รู้จักกรอบตัวชี้วัด \"{id}\" (มี: {})", ids.join(", ")),
                format!("unknown framework `{id}` (known: {})", ids.join(", ")),
            ));
            return;
        }
    }
    let Some(position) = m.position.as_deref().filter(|p| !p.trim().is_empty()) else { return };
    let positions = cx.frameworks.positions();
    if !positions.contains(&position) {
        let hint = crate::lint::text::suggest(position, positions.iter().copied())
            .map(|h| (format!(" หมายถึง \"{h}\" หรือไม่?"), format!("; did you mean `{h}`?")))
            .unwrap_or_default();
        out.push(cx.at_key(
            &RULE,
            &["position"],
            format!("ไม่รู้จักตำแหน่ง \"{position}\"{}", hint.0),
            format!("unknown position `{position}`{}", hint.1),
        ));
        return;
    }
    const STANDINGS: [&str; 4] = ["ชำนาญการ", "ชำนาญการพิเศษ", "เชี่ยวชาญ", "เชี่ยวชาญพิเศษ"];
    let standing = m.standing.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(s) = standing {
        if !STANDINGS.contains(&s) {
            out.push(cx.at_key(
                &RULE,
                &["standing"],
                format!("ไม่รู้จักวิทยฐานะ \"{s}\" (ใช้: {})", STANDINGS.join(", ")),
                format!("unknown standing `{s}` (use one of: {})", STANDINGS.join(", ")),
            ));
            return;
        }
    }
    let Some(fw) = cx.fw else { return };
    if fw.level(position, standing).is_none() {
        let shown = standing.unwrap_or("ไม่มีวิทยฐานะ");
        out.push(cx.at_key(
            &RULE,
            &[if standing.is_some() { "standing" } else { "position" }],
            format!("ตำแหน่ง {position} คู่กับวิทยฐานะ {shown} ไม่มีในกรอบ {}", fw.title),
            format!(
                "position {position} with standing {shown} is not a valid pair in the {} framework",
                fw.id
            ),
        ));
    }
}
