//! Printable documents, official-looking on A4:
//!
//! - `/portfolios/<slug>/print/report/`: the PA report (แบบรายงานผลการพัฒนางาน
//!   ตามข้อตกลง), sections 1–9 of the district's template (seed 004);
//! - `/portfolios/<slug>/print/order/`: the order appointing this person's
//!   committee (only with `committee:`);
//! - `/portfolios/<slug>/print/evaluation/`: the evaluation summary, per
//!   member and overall (only with `scores:`);
//! - `/portfolios/print/orders/`: one order per issuer for everyone it
//!   appoints a committee for, with the annex list;
//! - `/portfolios/print/`: an index of every document.
//!
//! Privacy: `private:` (birth date, salary, appointment dates…) is read only
//! in the review audience, inside `private_fields`; the public build shows
//! "(ไม่เผยแพร่)" in those cells.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use tera::Tera;

use super::portfolios::render;
use super::RenderedFile;
use crate::config::{Audience, Config};
use crate::content::slug;
use crate::date::{thai_digits, Date};
use crate::diagnostic::Diagnostic;
use crate::frameworks::Framework;
use crate::lint::rules::score_below_pass::{sheet_is_valid, totals};
use crate::portfolio::{Committee, Manifest, Member, Portfolio};

use super::portfolios::PortfolioData;

/// What a withheld private cell shows in the public build.
pub const WITHHELD: &str = "(ไม่เผยแพร่)";
/// An empty cell to fill in by hand.
const BLANK: &str = "..................................";

/// The legal basis every order cites.
pub const LEGAL_BASIS: &str = "หนังสือสำนักงาน ก.ค.ศ. ที่ ศธ ๐๒๐๖.๓/ว ๙ ลงวันที่ ๒๐ พฤษภาคม ๒๕๖๔";

/// Thai digits in documents unless `extra.thai_digits: false`.
fn use_thai_digits(config: &Config) -> bool {
    config.extra.get("thai_digits").and_then(Value::as_bool).unwrap_or(true)
}

struct Fmt {
    thai: bool,
}

impl Fmt {
    fn d(&self, s: &str) -> String {
        if self.thai {
            thai_digits(s)
        } else {
            s.to_string()
        }
    }
    /// `20 สิงหาคม 2568` (Thai digits when on).
    fn date(&self, d: &Date) -> String {
        d.thai(false, self.thai)
    }
    /// `20 สิงหาคม พ.ศ. 2568`, for สั่ง ณ วันที่.
    fn date_official(&self, d: &Date) -> String {
        let s = self.date(d);
        match s.rsplit_once(' ') {
            Some((dm, y)) => format!("{dm} พ.ศ. {y}"),
            None => s,
        }
    }
    fn num2(&self, x: f64) -> String {
        self.d(&format!("{x:.2}"))
    }
    fn int(&self, n: impl std::fmt::Display) -> String {
        self.d(&n.to_string())
    }
}

/// `36420` → `36,420`.
fn grouped(n: i64) -> String {
    let s = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// The fiscal year (BE) in which someone born on `birth` turns 60: a 60th
/// birthday on or before 30 September falls in that year's fiscal year,
/// a later one in the next.
pub fn retirement_year_be(birth: &Date) -> i32 {
    let year_ce = birth.year + 60;
    let fy_ce = if birth.month <= 9 { year_ce } else { year_ce + 1 };
    fy_ce + crate::date::BE_OFFSET
}

fn role_label(role: Option<&str>) -> &'static str {
    match role.unwrap_or("member") {
        "chair" => "ประธานกรรมการ",
        "secretary" => "กรรมการและเลขานุการ",
        _ => "กรรมการ",
    }
}

fn role_rank(role: Option<&str>) -> u8 {
    match role.unwrap_or("member") {
        "chair" => 0,
        "secretary" => 2,
        _ => 1,
    }
}

/// Members in the order's order: chair, members, secretary.
fn sorted_members(c: &Committee) -> Vec<&Member> {
    let mut v: Vec<&Member> = c.members.iter().collect();
    v.sort_by_key(|m| role_rank(m.role.as_deref()));
    v
}

fn member_view(f: &Fmt, m: &Member) -> Value {
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
    json!({
        "name": name,
        "detail": f.d(&detail),
        "role": role_label(m.role.as_deref()),
    })
}

/// The position name used in the duty paragraph (ตำแหน่ง ครู / ผู้บริหารสถานศึกษา).
fn position_group(fw: Option<&Framework>, m: &Manifest) -> String {
    match fw.map(|f| f.id.as_str()) {
        Some("teacher") => "ครู".into(),
        Some("school-administrator") => "ผู้บริหารสถานศึกษา".into(),
        _ => m.position.clone().unwrap_or_else(|| "ครู".into()),
    }
}

/// Who signs an order: the chair when the chair heads the issuer, else a blank.
fn signer(f: &Fmt, c: &Committee, issuer: &str) -> Value {
    let chair = c.members.iter().find(|m| m.role.as_deref() == Some("chair"));
    match chair {
        Some(m) if m.title.as_deref().is_some_and(|t| t.starts_with("ผู้อำนวยการ") && t.contains(issuer)) =>
        {
            json!({ "name": m.name, "title": f.d(m.title.as_deref().unwrap_or_default()) })
        }
        _ => json!({ "name": Value::Null, "title": format!("ผู้อำนวยการ{issuer}") }),
    }
}

fn parse_date(d: Option<&crate::portfolio::DateText>) -> Option<Date> {
    d.and_then(|d| d.parse().ok())
}

/// The standing as orders write it: `ครูชำนาญการ`, `ผู้อำนวยการชำนาญการพิเศษ`, or `–`.
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

/// The assessee part of a view, from the (public) manifest fields.
fn person(f: &Fmt, m: &Manifest, v: &Value) -> Value {
    json!({
        "name": v["name"],
        "position": m.position.clone().unwrap_or_default(),
        "standing": m.standing.clone().filter(|s| !s.is_empty()).unwrap_or_else(|| "–".into()),
        "standing_full": standing_full(m),
        "school": m.school.clone().unwrap_or_default(),
        "subject": m.subject.clone(),
        "fiscal_year": m.fiscal_year.map(|y| f.int(y)),
    })
}

/// The private cells of the report. Only the review audience reads
/// `private:`; the public build gets [`WITHHELD`] in every cell.
fn private_fields(config: &Config, f: &Fmt, m: &Manifest) -> Value {
    let keys = [
        "salary_rank",
        "salary",
        "birth_date",
        "retirement_year",
        "appointment_position",
        "appointment_date",
        "current_position_date",
    ];
    if config.audience != Audience::Review {
        let mut out = serde_json::Map::new();
        for k in keys {
            out.insert(k.into(), Value::String(WITHHELD.into()));
        }
        out.insert("withheld".into(), Value::Bool(true));
        return Value::Object(out);
    }
    // Review only from here on.
    let private = m.private.clone().unwrap_or_default();
    let get = |names: &[&str]| -> Option<crate::yaml::Value> {
        names.iter().find_map(|n| private.get(crate::yaml::Value::String((*n).into())).cloned())
    };
    let text = |v: crate::yaml::Value| -> Option<String> {
        match v {
            crate::yaml::Value::String(s) => Some(s),
            crate::yaml::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let date =
        |names: &[&str]| -> Option<Date> { get(names).and_then(text).and_then(|s| Date::parse(&s).ok()) };
    let birth = date(&["birth_date", "birthday"]);
    let salary = get(&["salary"]).and_then(|v| match v {
        crate::yaml::Value::Number(n) => {
            n.as_i64().map(grouped).or_else(|| n.as_f64().map(|x| format!("{x:.2}")))
        }
        crate::yaml::Value::String(s) => Some(s),
        _ => None,
    });
    let retirement = birth.as_ref().map(retirement_year_be).or_else(|| {
        get(&["retirement_year"])
            .and_then(text)
            .and_then(|s| crate::date::ascii_digits(&s).trim().parse().ok())
    });
    let show = |s: Option<String>| Value::String(s.map(|s| f.d(&s)).unwrap_or_else(|| BLANK.into()));
    json!({
        "withheld": false,
        "salary_rank": show(get(&["salary_rank", "salary_grade"]).and_then(text)),
        "salary": show(salary),
        "birth_date": show(birth.as_ref().map(|d| f.date(d))),
        "retirement_year": show(retirement.map(|y| y.to_string())),
        "appointment_position": show(get(&["appointment_position", "appointed_position"]).and_then(text)),
        "appointment_date": show(
            date(&["appointment_date", "appointed_date", "first_appointment_date"]).map(|d| f.date(&d))
        ),
        "current_position_date": show(
            date(&["current_position_date", "transfer_date", "moved_date"]).map(|d| f.date(&d))
        ),
    })
}

/// Section 9.1: per indicator, the activities (evidence titles) and the
/// outcomes (evidence descriptions), grouped by domain.
fn part1_rows(f: &Fmt, v: &Value) -> Value {
    let domains: Vec<Value> = v["domains"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            let indicators: Vec<Value> = d["indicators"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|i| {
                    let arts = i["artefacts"].as_array().cloned().unwrap_or_default();
                    let mut activities: Vec<String> =
                        arts.iter().filter_map(|a| a["title"].as_str().map(str::to_string)).collect();
                    activities.dedup();
                    let mut outcomes: Vec<String> =
                        arts.iter().filter_map(|a| a["description"].as_str().map(str::to_string)).collect();
                    outcomes.dedup();
                    json!({
                        "code": f.d(i["code"].as_str().unwrap_or_default()),
                        "title": i["title"],
                        "activities": activities,
                        "outcomes": outcomes,
                    })
                })
                .collect();
            json!({ "code": f.d(d["code"].as_str().unwrap_or_default()), "title": d["title"], "indicators": indicators })
        })
        .collect();
    Value::Array(domains)
}

/// One person's order view.
fn order_view(f: &Fmt, fw: Option<&Framework>, m: &Manifest, v: &Value, c: &Committee) -> Value {
    let order = c.order.clone().unwrap_or_default();
    let issuer = order.issuer.clone().or_else(|| m.school.clone()).unwrap_or_default();
    let date = parse_date(order.date.as_ref());
    json!({
        "issuer": f.d(&issuer),
        "number": order.number.as_deref().map(|n| f.d(n)),
        "date": date.as_ref().map(|d| f.date_official(d)),
        "date_iso": date.map(|d| d.iso()),
        "person": person(f, m, v),
        "position_group": position_group(fw, m),
        "members": sorted_members(c).into_iter().map(|mm| member_view(f, mm)).collect::<Vec<_>>(),
        "signer": signer(f, c, &issuer),
    })
}

/// The evaluation view: per member sheet and the overall result.
fn evaluation_view(f: &Fmt, fw: &Framework, m: &Manifest) -> Value {
    let sc = &fw.scoring;
    let max = sc.part1_max + sc.method_max + sc.quantitative_max + sc.qualitative_max;
    let mut all_valid = true;
    let mut all_pass = true;
    let members: Vec<Value> = m
        .scores
        .iter()
        .map(|s| {
            let valid = sheet_is_valid(fw, s);
            let level_of = |code: &str| {
                s.part1.iter().find(|(k, _)| crate::portfolio::normalize_code(k).as_deref() == Some(code)).map(|(_, v)| *v)
            };
            let rows: Vec<Value> = fw
                .indicators()
                .map(|(d, i)| {
                    json!({
                        "domain": d.title,
                        "code": f.d(&i.code),
                        "title": i.title,
                        "level": level_of(&i.code).map(|l| f.d(&format!("{l}"))).unwrap_or_else(|| "–".into()),
                    })
                })
                .collect();
            let part2 = [
                ("method", "วิธีดำเนินการ", s.part2.method, sc.method_max),
                ("quantitative", "ผลลัพธ์การเรียนรู้ของผู้เรียนที่คาดหวัง เชิงปริมาณ", s.part2.quantitative, sc.quantitative_max),
                ("qualitative", "ผลลัพธ์การเรียนรู้ของผู้เรียนที่คาดหวัง เชิงคุณภาพ", s.part2.qualitative, sc.qualitative_max),
            ]
            .iter()
            .map(|(key, label, level, mx)| {
                json!({
                    "key": key,
                    "label": label,
                    "level": level.map(|l| f.d(&format!("{l}"))).unwrap_or_else(|| "–".into()),
                    "points": level.filter(|_| valid).map(|l| f.num2(l / 4.0 * mx)),
                    "max": f.int(mx),
                })
            })
            .collect::<Vec<_>>();
            let member = m
                .committee
                .as_ref()
                .and_then(|c| c.members.iter().find(|mm| mm.name.is_some() && mm.name == s.member));
            let (result, pass) = if valid {
                let (p1, p2) = totals(fw, s);
                let total = p1 + p2;
                let pct = total / max * 100.0;
                let pass = pct >= sc.pass_percent;
                all_pass &= pass;
                (
                    json!({
                        "part1": f.num2(p1), "part2": f.num2(p2), "total": f.num2(total), "percent": f.num2(pct),
                    }),
                    Some(pass),
                )
            } else {
                all_valid = false;
                (Value::Null, None)
            };
            json!({
                "name": s.member.clone().unwrap_or_else(|| BLANK.into()),
                "role": role_label(member.and_then(|mm| mm.role.as_deref())),
                "title": member.and_then(|mm| mm.title.clone()),
                "valid": valid,
                "rows": rows,
                "part2": part2,
                "result": result,
                "pass": pass,
                "verdict": match pass { Some(true) => "ผ่าน", Some(false) => "ไม่ผ่าน", None => "ยังสรุปไม่ได้" },
            })
        })
        .collect();
    let overall = if !all_valid || members.is_empty() {
        "ยังสรุปไม่ได้"
    } else if all_pass {
        "ผ่าน"
    } else {
        "ไม่ผ่าน"
    };
    json!({
        "members": members,
        "overall": overall,
        "overall_pass": all_valid && all_pass && !members.is_empty(),
        "max": {
            "part1": f.int(sc.part1_max), "method": f.int(sc.method_max), "quantitative": f.int(sc.quantitative_max),
            "qualitative": f.int(sc.qualitative_max), "part2": f.int(sc.method_max + sc.quantitative_max + sc.qualitative_max),
            "total": f.int(max), "pass_percent": f.int(sc.pass_percent),
        },
        "indicator_count": f.int(fw.indicators().count()),
    })
}

/// Renders every printable document and the index `/portfolios/print/`.
/// `views` are the `portfolio` views, in the order of `data.portfolios`.
pub fn pages(
    config: &Config,
    data: &PortfolioData,
    views: &[Value],
    tera: &Tera,
    globals: &dyn Fn(&str) -> tera::Context,
    out: &mut Vec<RenderedFile>,
    diags: &mut Vec<Diagnostic>,
) {
    if data.portfolios.is_empty() {
        return;
    }
    let f = Fmt { thai: use_thai_digits(config) };
    let index_url = format!("{}portfolios/print/", config.base_path);
    let orders_url = format!("{index_url}orders/");
    let mut index: Vec<Value> = Vec::new();
    // Issuer → rows of the combined order (person, order view, committee).
    let mut by_issuer: BTreeMap<String, Vec<(&Portfolio, Value, &Committee)>> = BTreeMap::new();
    for (p, v) in data.portfolios.iter().zip(views) {
        let Ok(m) = p.manifest.as_ref() else { continue };
        let fw = crate::lint::framework_of(Some(m), &data.frameworks);
        let base = format!("{}portfolios/{}/print/", config.base_path, slug::encode_path(&p.slug));
        let dest = |doc: &str| format!("portfolios/{}/print/{doc}/index.html", p.slug);
        let common = |url: &str, title: &str| {
            let mut ctx = globals(url);
            ctx.insert("portfolio", &json!({ "name": v["name"], "url": v["url"], "slug": p.slug }));
            ctx.insert("doc_title", title);
            ctx.insert("index_url", &index_url);
            ctx.insert("thai", &f.thai);
            ctx.insert("legal_basis", LEGAL_BASIS);
            ctx
        };
        let mut docs = Vec::new();

        // 1. The report.
        let report_title = "แบบรายงานผลการพัฒนางานตามข้อตกลง (PA)";
        let url = format!("{base}report/");
        let mut ctx = common(&url, report_title);
        let challenges: Vec<Value> = v["challenges"].as_array().cloned().unwrap_or_default();
        let agreed = m.agreement.as_ref().and_then(|a| a.title.clone());
        ctx.insert(
            "report",
            &json!({
                "person": person(&f, m, v),
                "private": private_fields(config, &f, m),
                "framework": v["framework"],
                "is_admin": fw.is_some_and(|fw| fw.id != "teacher"),
                "domains": part1_rows(&f, v),
                "challenges": challenges,
                "agreed_title": agreed,
                "outcome_groups": fw.map(|fw| fw.part2.outcome_groups.clone()).unwrap_or_default(),
                "expected_level": v["expected_level"],
            }),
        );
        render(tera, "print/report.html", &ctx, out, diags, dest("report"));
        docs.push(json!({ "kind": "report", "title": report_title, "url": url }));

        // 2. The order.
        if let Some(c) = m.committee.as_ref() {
            let title = "คำสั่งแต่งตั้งคณะกรรมการประเมินผลการพัฒนางานตามข้อตกลง";
            let url = format!("{base}order/");
            let ov = order_view(&f, fw, m, v, c);
            let mut ctx = common(&url, title);
            ctx.insert("order", &ov);
            render(tera, "print/order.html", &ctx, out, diags, dest("order"));
            docs.push(json!({ "kind": "order", "title": title, "url": url }));
            let issuer = ov["issuer"].as_str().unwrap_or_default().to_string();
            by_issuer.entry(issuer).or_default().push((p, ov, c));
        }

        // 3. The evaluation: committee scores are review data, never public.
        let review = config.audience == crate::config::Audience::Review;
        if let (Some(fw), false, true) = (fw, m.scores.is_empty(), review) {
            let title = "แบบสรุปผลการประเมินการพัฒนางานตามข้อตกลง (PA)";
            let url = format!("{base}evaluation/");
            let mut ctx = common(&url, title);
            ctx.insert("person", &person(&f, m, v));
            ctx.insert("evaluation", &evaluation_view(&f, fw, m));
            ctx.insert(
                "evaluation_date",
                &m.committee
                    .as_ref()
                    .and_then(|c| parse_date(c.evaluation_date.as_ref()))
                    .map(|d| f.date(&d)),
            );
            render(tera, "print/evaluation.html", &ctx, out, diags, dest("evaluation"));
            docs.push(json!({ "kind": "evaluation", "title": title, "url": url }));
        }
        index.push(json!({
            "name": v["name"], "url": v["url"], "position": v["position"], "standing": v["standing"],
            "school": v["school"], "documents": docs,
        }));
    }

    // 4. One order per issuer, with the annex list.
    let orders: Vec<Value> = by_issuer
        .iter()
        .map(|(issuer, rows)| {
            let same = |key: &str| -> Option<Value> {
                let first = &rows[0].1[key];
                rows.iter().all(|r| &r.1[key] == first).then(|| first.clone()).filter(|v| !v.is_null())
            };
            let people: Vec<Value> = rows
                .iter()
                .map(|(p, ov, _)| {
                    json!({
                        "person": ov["person"], "members": ov["members"], "position_group": ov["position_group"],
                        "slug": p.slug,
                    })
                })
                .collect();
            let mut groups: Vec<String> =
                rows.iter().filter_map(|r| r.1["position_group"].as_str().map(str::to_string)).collect();
            groups.sort();
            groups.dedup();
            let signer = rows
                .iter()
                .map(|r| r.1["signer"].clone())
                .find(|s| !s["name"].is_null())
                .unwrap_or_else(|| rows[0].1["signer"].clone());
            json!({
                "issuer": issuer,
                "number": same("number"),
                "date": same("date"),
                "position_group": groups.join(" และ "),
                "people": people,
                "count": f.int(rows.len()),
                "signer": signer,
                "committees": rows.iter().map(|r| r.2.members.len()).sum::<usize>(),
            })
        })
        .collect();
    let mut ctx = globals(&orders_url);
    ctx.insert("doc_title", "คำสั่งแต่งตั้งคณะกรรมการประเมินผลการพัฒนางานตามข้อตกลง (แบบรวมรายชื่อ)");
    ctx.insert("orders", &orders);
    ctx.insert("index_url", &index_url);
    ctx.insert("thai", &f.thai);
    render(tera, "print/orders.html", &ctx, out, diags, "portfolios/print/orders/index.html".into());

    // 5. The index.
    let mut ctx = globals(&index_url);
    ctx.insert("doc_title", "เอกสารสำหรับพิมพ์");
    ctx.insert("people", &index);
    ctx.insert("orders_url", &orders_url);
    ctx.insert("orders_count", &orders.len());
    ctx.insert("thai", &f.thai);
    render(tera, "print/index.html", &ctx, out, diags, "portfolios/print/index.html".into());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retirement_follows_the_fiscal_year() {
        // 60th birthday 2 June 2050 (BE 2593) is before 30 Sep: FY 2593.
        assert_eq!(retirement_year_be(&Date::parse("2533-06-02").unwrap()), 2593);
        assert_eq!(retirement_year_be(&Date::parse("2538-09-30").unwrap()), 2598);
        // Born in October: the 60th birthday falls in the next fiscal year.
        assert_eq!(retirement_year_be(&Date::parse("2510-10-01").unwrap()), 2571);
    }

    #[test]
    fn money_is_grouped() {
        assert_eq!(grouped(36420), "36,420");
        assert_eq!(grouped(1234567), "1,234,567");
        assert_eq!(grouped(999), "999");
    }
}
