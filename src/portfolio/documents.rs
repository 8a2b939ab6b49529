//! The typed views of the printed documents (`print/*.html`): the PA report
//! ([`ReportView`]), one person's committee order and the combined order per
//! issuer ([`OrderView`], [`CombinedOrder`]), and the evaluation form filled
//! from the committee's score sheets ([`EvaluationView`], totals from
//! [`crate::frameworks::Framework::totals`]).
//!
//! Privacy: `private:` (birth date, salary, appointment dates…) is read only
//! in the review audience, inside [`private_fields`]; the public build shows
//! [`super::private::WITHHELD`] in those cells. Score sheets are review data too.

use serde::Serialize;

use super::model::{Committee, Manifest, Member, Role, ScoreSheet};
use super::view::{ChallengeView, FrameworkRef, PortfolioView};
use crate::config::{Audience, Config};
use crate::date::Date;
use crate::frameworks::Framework;

pub use super::format::{Fmt, BLANK};
use super::private::{private_fields, PrivateFields};

/// The legal basis every order cites.
pub const LEGAL_BASIS: &str = "หนังสือสำนักงาน ก.ค.ศ. ที่ ศธ ๐๒๐๖.๓/ว ๙ ลงวันที่ ๒๐ พฤษภาคม ๒๕๖๔";

fn role_label(role: Option<&Role>) -> &'static str {
    match role {
        Some(Role::Chair) => "ประธานกรรมการ",
        Some(Role::Secretary) => "กรรมการและเลขานุการ",
        _ => "กรรมการ",
    }
}

fn role_rank(role: Option<&Role>) -> u8 {
    match role {
        Some(Role::Chair) => 0,
        Some(Role::Secretary) => 2,
        _ => 1,
    }
}

/// A committee member as an order lists them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberView {
    /// Academic rank and name, or a blank.
    pub name: String,
    /// Position title and standing.
    pub detail: String,
    /// ประธานกรรมการ / กรรมการ / กรรมการและเลขานุการ.
    pub role: &'static str,
}

fn member_view(f: &Fmt, m: &Member) -> MemberView {
    let mut name = m.name.clone().unwrap_or_else(|| BLANK.to_string());
    if let Some(rank) = m.academic_rank.as_deref().filter(|r| !r.is_empty()) {
        name = format!("{rank} {name}");
    }
    let mut detail = m.title.clone().unwrap_or_default();
    if let Some(st) = m.standing.as_deref().filter(|s| !s.is_empty() && !detail.contains(*s)) {
        detail = if detail.is_empty() {
            format!("วิทยฐานะ{st}")
        } else {
            format!("{detail} วิทยฐานะ{st}")
        };
    }
    MemberView { name, detail: f.d(&detail), role: role_label(m.role.as_ref()) }
}

/// Who signs an order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signer {
    /// The chair's name when the chair heads the issuer, else none (a blank line).
    pub name: Option<String>,
    /// Their title.
    pub title: String,
}

fn signer(f: &Fmt, c: &Committee, issuer: &str) -> Signer {
    let chair = c.members.iter().find(|m| m.role == Some(Role::Chair));
    match chair {
        Some(m) if m.title.as_deref().is_some_and(|t| t.starts_with("ผู้อำนวยการ") && t.contains(issuer)) => {
            Signer { name: m.name.clone(), title: f.d(m.title.as_deref().unwrap_or_default()) }
        }
        _ => Signer { name: None, title: format!("ผู้อำนวยการ{issuer}") },
    }
}

/// The assessee, from the public manifest fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonView {
    /// Name.
    pub name: String,
    /// Position.
    pub position: String,
    /// Standing, or `–`.
    pub standing: String,
    /// `ครูชำนาญการ`, `ผู้อำนวยการชำนาญการพิเศษ`, or `–`.
    pub standing_full: String,
    /// School.
    pub school: String,
    /// Subject.
    pub subject: Option<String>,
    /// Fiscal year, digits as configured.
    pub fiscal_year: Option<String>,
}

fn standing_full(m: &Manifest) -> String {
    let Some(st) = m.standing.as_deref().filter(|s| !s.is_empty()) else { return "–".into() };
    let pos = m.position.as_deref().unwrap_or_default();
    let prefix = pos.strip_suffix("สถานศึกษา").unwrap_or(pos);
    if st.starts_with(prefix) {
        st.to_string()
    } else {
        format!("{prefix}{st}")
    }
}

/// The assessee part of a document.
pub fn person(f: &Fmt, m: &Manifest, v: &PortfolioView) -> PersonView {
    PersonView {
        name: v.name.clone(),
        position: m.position.clone().unwrap_or_default(),
        standing: m.standing.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| "–".into()),
        standing_full: standing_full(m),
        school: m.school.clone().unwrap_or_default(),
        subject: m.subject.clone(),
        fiscal_year: m.fiscal_year.map(|y| f.int(y)),
    }
}

/// One indicator's row of report section 9.1.
#[derive(Debug, Clone, Serialize)]
pub struct Part1Row {
    /// Code, digits as configured.
    pub code: String,
    /// Title.
    pub title: String,
    /// Evidence titles.
    pub activities: Vec<String>,
    /// Evidence descriptions.
    pub outcomes: Vec<String>,
}

/// A domain of report section 9.1.
#[derive(Debug, Clone, Serialize)]
pub struct Part1Domain {
    /// Code, digits as configured.
    pub code: String,
    /// Title.
    pub title: String,
    /// Rows.
    pub indicators: Vec<Part1Row>,
}

/// Section 9.1: per indicator, the activities (evidence titles) and the
/// outcomes (evidence descriptions), grouped by domain.
fn part1_rows(f: &Fmt, v: &PortfolioView) -> Vec<Part1Domain> {
    let row = |i: &super::view::IndicatorView| {
        let mut activities: Vec<String> = i.artefacts.iter().map(|a| a.title.clone()).collect();
        activities.dedup();
        let mut outcomes: Vec<String> = i.artefacts.iter().filter_map(|a| a.description.clone()).collect();
        outcomes.dedup();
        Part1Row { code: f.d(&i.code), title: i.title.clone(), activities, outcomes }
    };
    v.domains
        .iter()
        .map(|d| Part1Domain {
            code: f.d(&d.code),
            title: d.title.clone(),
            indicators: d.indicators.iter().map(row).collect(),
        })
        .collect()
}

/// The PA report (`print/report.html`'s `report`).
#[derive(Debug, Clone, Serialize)]
pub struct ReportView {
    /// The assessee.
    pub person: PersonView,
    /// The private cells ([`super::private::WITHHELD`] in the public build).
    pub private: PrivateFields,
    /// The framework.
    pub framework: Option<FrameworkRef>,
    /// An administrator's report (not a teacher's).
    pub is_admin: bool,
    /// Section 9.1.
    pub domains: Vec<Part1Domain>,
    /// Section 9.2: the challenge issues.
    pub challenges: Vec<ChallengeView>,
    /// The agreed title (`agreement.title`).
    pub agreed_title: Option<String>,
    /// Outcome groups of the framework.
    pub outcome_groups: Vec<String>,
    /// The expected level.
    pub expected_level: Option<String>,
}

/// The report of one portfolio.
pub fn report(
    config: &Config,
    f: &Fmt,
    fw: Option<&Framework>,
    m: &Manifest,
    v: &PortfolioView,
) -> ReportView {
    ReportView {
        person: person(f, m, v),
        private: private_fields(config, f, m),
        framework: v.framework.clone(),
        is_admin: fw.is_some_and(|fw| fw.id != "teacher"),
        domains: part1_rows(f, v),
        challenges: v.challenges.clone(),
        agreed_title: m.agreement.as_ref().and_then(|a| a.title.clone()),
        outcome_groups: fw.map(|fw| fw.part2.outcome_groups.clone()).unwrap_or_default(),
        expected_level: v.expected_level.clone(),
    }
}

/// One person's committee order (`print/order.html`'s `order`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderView {
    /// Issuing body, digits as configured.
    pub issuer: String,
    /// Order number.
    pub number: Option<String>,
    /// `20 สิงหาคม พ.ศ. 2568`.
    pub date: Option<String>,
    /// ISO date.
    pub date_iso: Option<String>,
    /// The assessee.
    pub person: PersonView,
    /// ครู / ผู้บริหารสถานศึกษา (the duty paragraph).
    pub position_group: String,
    /// Chair, members, secretary.
    pub members: Vec<MemberView>,
    /// Who signs.
    pub signer: Signer,
}

/// The order of one portfolio's committee.
pub fn order(f: &Fmt, fw: Option<&Framework>, m: &Manifest, v: &PortfolioView, c: &Committee) -> OrderView {
    let order = c.order.clone().unwrap_or_default();
    let issuer = order.issuer.clone().or_else(|| m.school.clone()).unwrap_or_default();
    let date: Option<Date> = order.date.as_ref().and_then(|d| d.parse().ok());
    let mut members: Vec<&Member> = c.members.iter().collect();
    members.sort_by_key(|m| role_rank(m.role.as_ref()));
    let position_group = match fw.map(|f| f.id.as_str()) {
        Some("teacher") => "ครู".into(),
        Some("school-administrator") => "ผู้บริหารสถานศึกษา".into(),
        _ => m.position.clone().unwrap_or_else(|| "ครู".into()),
    };
    OrderView {
        issuer: f.d(&issuer),
        number: order.number.as_deref().map(|n| f.d(n)),
        date: date.as_ref().map(|d| f.date_official(d)),
        date_iso: date.map(|d| d.iso()),
        person: person(f, m, v),
        position_group,
        members: members.into_iter().map(|mm| member_view(f, mm)).collect(),
        signer: signer(f, c, &issuer),
    }
}

/// One person in a combined order.
#[derive(Debug, Clone, Serialize)]
pub struct OrderPerson {
    /// The assessee.
    pub person: PersonView,
    /// Their committee.
    pub members: Vec<MemberView>,
    /// Their position group.
    pub position_group: String,
    /// Their portfolio's slug.
    pub slug: String,
}

/// One order per issuer for everyone it appoints a committee for
/// (`print/orders.html`'s `orders`).
#[derive(Debug, Clone, Serialize)]
pub struct CombinedOrder {
    /// Issuing body.
    pub issuer: String,
    /// The number, when every person's order has the same.
    pub number: Option<String>,
    /// The date, when every person's order has the same.
    pub date: Option<String>,
    /// The position groups, joined with และ.
    pub position_group: String,
    /// The annex list.
    pub people: Vec<OrderPerson>,
    /// How many people, digits as configured.
    pub count: String,
    /// Who signs.
    pub signer: Signer,
    /// Committee members in all.
    pub committees: usize,
}

/// Combines the orders of one issuer: `rows` are (slug, order, committee size).
pub fn combined(f: &Fmt, issuer: &str, rows: &[(String, OrderView, usize)]) -> CombinedOrder {
    let same = |get: fn(&OrderView) -> &Option<String>| -> Option<String> {
        let first = get(&rows[0].1);
        rows.iter().all(|r| get(&r.1) == first).then(|| first.clone()).flatten()
    };
    let mut groups: Vec<String> = rows.iter().map(|r| r.1.position_group.clone()).collect();
    groups.sort();
    groups.dedup();
    let signer = rows
        .iter()
        .map(|r| r.1.signer.clone())
        .find(|s| s.name.is_some())
        .unwrap_or_else(|| rows[0].1.signer.clone());
    CombinedOrder {
        issuer: issuer.to_string(),
        number: same(|o| &o.number),
        date: same(|o| &o.date),
        position_group: groups.join(" และ "),
        people: rows
            .iter()
            .map(|(slug, ov, _)| OrderPerson {
                person: ov.person.clone(),
                members: ov.members.clone(),
                position_group: ov.position_group.clone(),
                slug: slug.clone(),
            })
            .collect(),
        count: f.int(rows.len()),
        signer,
        committees: rows.iter().map(|r| r.2).sum(),
    }
}

/// One indicator's level on a sheet.
#[derive(Debug, Clone, Serialize)]
pub struct LevelRow {
    /// Domain title.
    pub domain: String,
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// Level, or `–`.
    pub level: String,
}

/// One Part 2 item on a sheet.
#[derive(Debug, Clone, Serialize)]
pub struct Part2Row {
    /// `method` / `quantitative` / `qualitative`.
    pub key: &'static str,
    /// Thai label.
    pub label: &'static str,
    /// Level, or `–`.
    pub level: String,
    /// Points (valid sheets only).
    pub points: Option<String>,
    /// Maximum points.
    pub max: String,
}

/// A valid sheet's result.
#[derive(Debug, Clone, Serialize)]
pub struct SheetResult {
    /// Part 1 points.
    pub part1: String,
    /// Part 2 points.
    pub part2: String,
    /// Total.
    pub total: String,
    /// Percent.
    pub percent: String,
}

/// One committee member's sheet on the evaluation form.
#[derive(Debug, Clone, Serialize)]
pub struct SheetView {
    /// The member's name, or a blank.
    pub name: String,
    /// Their role on the committee.
    pub role: &'static str,
    /// Their title.
    pub title: Option<String>,
    /// Every level is 1–4 and every indicator scored.
    pub valid: bool,
    /// Part 1.
    pub rows: Vec<LevelRow>,
    /// Part 2.
    pub part2: Vec<Part2Row>,
    /// Totals (valid sheets only).
    pub result: Option<SheetResult>,
    /// At or above the pass mark (valid sheets only).
    pub pass: Option<bool>,
    /// ผ่าน / ไม่ผ่าน / ยังสรุปไม่ได้.
    pub verdict: &'static str,
}

/// The maxima, digits as configured.
#[derive(Debug, Clone, Serialize)]
pub struct Maxima {
    /// Part 1.
    pub part1: String,
    /// Part 2 method.
    pub method: String,
    /// Part 2 quantitative.
    pub quantitative: String,
    /// Part 2 qualitative.
    pub qualitative: String,
    /// Part 2.
    pub part2: String,
    /// Both parts.
    pub total: String,
    /// The pass mark, percent.
    pub pass_percent: String,
}

/// The evaluation form (`print/evaluation.html`'s `evaluation`).
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationView {
    /// One sheet per member.
    pub members: Vec<SheetView>,
    /// ผ่าน only when every sheet is valid and passes.
    pub overall: &'static str,
    /// The same as a flag.
    pub overall_pass: bool,
    /// The maxima.
    pub max: Maxima,
    /// Indicators in the framework.
    pub indicator_count: String,
}

fn sheet(f: &Fmt, fw: &Framework, m: &Manifest, s: &ScoreSheet) -> SheetView {
    let sc = &fw.scoring;
    let valid = fw.sheet_is_valid(s);
    let level_of = |code: &str| {
        s.part1
            .iter()
            .find(|(k, _)| super::model::normalize_code(k).as_deref() == Some(code))
            .map(|(_, v)| *v)
    };
    let rows = fw
        .indicators()
        .map(|(d, i)| LevelRow {
            domain: d.title.clone(),
            code: f.d(&i.code),
            title: i.title.clone(),
            level: level_of(&i.code).map(|l| f.d(&format!("{l}"))).unwrap_or_else(|| "–".into()),
        })
        .collect();
    let part2 = [
        ("method", "วิธีดำเนินการ", s.part2.method, sc.method_max),
        ("quantitative", "ผลลัพธ์การเรียนรู้ของผู้เรียนที่คาดหวัง เชิงปริมาณ", s.part2.quantitative, sc.quantitative_max),
        ("qualitative", "ผลลัพธ์การเรียนรู้ของผู้เรียนที่คาดหวัง เชิงคุณภาพ", s.part2.qualitative, sc.qualitative_max),
    ]
    .into_iter()
    .map(|(key, label, level, mx)| Part2Row {
        key,
        label,
        level: level.map(|l| f.d(&format!("{l}"))).unwrap_or_else(|| "–".into()),
        points: level.filter(|_| valid).map(|l| f.num2(l / 4.0 * mx)),
        max: f.int(mx),
    })
    .collect();
    let member = m
        .committee
        .as_ref()
        .and_then(|c| c.members.iter().find(|mm| mm.name.is_some() && mm.name == s.member));
    let totals = valid.then(|| fw.totals(s));
    let pass = totals.map(|t| t.pass);
    SheetView {
        name: s.member.clone().unwrap_or_else(|| BLANK.into()),
        role: role_label(member.and_then(|mm| mm.role.as_ref())),
        title: member.and_then(|mm| mm.title.clone()),
        valid,
        rows,
        part2,
        result: totals.map(|t| SheetResult {
            part1: f.num2(t.part1),
            part2: f.num2(t.part2),
            total: f.num2(t.total),
            percent: f.num2(t.percent),
        }),
        pass,
        verdict: match pass {
            Some(true) => "ผ่าน",
            Some(false) => "ไม่ผ่าน",
            None => "ยังสรุปไม่ได้",
        },
    }
}

/// The evaluation form filled from the committee's sheets: per member and
/// overall (ผ่าน needs every member at or above the pass mark).
pub fn evaluation(f: &Fmt, fw: &Framework, m: &Manifest) -> EvaluationView {
    let sc = &fw.scoring;
    let members: Vec<SheetView> = m.scores.iter().map(|s| sheet(f, fw, m, s)).collect();
    let all_valid = members.iter().all(|s| s.valid);
    let all_pass = members.iter().all(|s| s.pass != Some(false));
    let decided = all_valid && !members.is_empty();
    EvaluationView {
        overall: match (decided, all_pass) {
            (false, _) => "ยังสรุปไม่ได้",
            (true, true) => "ผ่าน",
            (true, false) => "ไม่ผ่าน",
        },
        overall_pass: decided && all_pass,
        members,
        max: Maxima {
            part1: f.int(sc.part1_max),
            method: f.int(sc.method_max),
            quantitative: f.int(sc.quantitative_max),
            qualitative: f.int(sc.qualitative_max),
            part2: f.int(sc.part2_max()),
            total: f.int(sc.max()),
            pass_percent: f.int(sc.pass_percent),
        },
        indicator_count: f.int(fw.indicators().count()),
    }
}

/// Is the evaluation form made for this portfolio? Committee scores are
/// review data, never public.
pub fn has_evaluation(config: &Config, fw: Option<&Framework>, m: &Manifest) -> bool {
    fw.is_some() && !m.scores.is_empty() && config.audience == Audience::Review
}
