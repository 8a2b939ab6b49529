//! The private cells of the printed report (salary, birth date, retirement
//! year, appointment dates), the only reader of `private:` outside the
//! privacy checks, and only for the review audience.

use serde::Serialize;

use super::format::{Fmt, BLANK};
use super::model::Manifest;
use crate::config::{Audience, Config};
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::yaml::Value;

/// The private keys read as dates, each with the names it may go by (the first found wins).
const DATE_KEYS: [&[&str]; 3] = [
    &["birth_date", "birthday"],
    &["appointment_date", "appointed_date", "first_appointment_date"],
    &["current_position_date", "transfer_date", "moved_date"],
];

/// What a withheld private cell shows in the public build.
pub const WITHHELD: &str = "(ไม่เผยแพร่)";

/// The private cells of the report (`report.private`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrivateFields {
    /// True in the public build: every cell is [`WITHHELD`].
    pub withheld: bool,
    /// อันดับ.
    pub salary_rank: String,
    /// เงินเดือน, grouped (`36,420`).
    pub salary: String,
    /// วันเดือนปีเกิด.
    pub birth_date: String,
    /// ปีเกษียณ (fiscal year BE of the 60th birthday).
    pub retirement_year: String,
    /// ตำแหน่งที่บรรจุ.
    pub appointment_position: String,
    /// วันที่บรรจุ.
    pub appointment_date: String,
    /// วันที่ดำรงตำแหน่งปัจจุบัน.
    pub current_position_date: String,
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

fn text(v: Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The private cells. Only the review audience reads `private:`; the public
/// build gets [`WITHHELD`] in every cell.
pub fn private_fields(config: &Config, f: &Fmt, m: &Manifest) -> PrivateFields {
    if config.audience != Audience::Review {
        let w = || WITHHELD.to_string();
        return PrivateFields {
            withheld: true,
            salary_rank: w(),
            salary: w(),
            birth_date: w(),
            retirement_year: w(),
            appointment_position: w(),
            appointment_date: w(),
            current_position_date: w(),
        };
    }
    // Review only from here on.
    let private = m.private.clone().unwrap_or_default();
    let get = |names: &[&str]| -> Option<Value> {
        names.iter().find_map(|n| private.get(Value::String((*n).into())).cloned())
    };
    let date =
        |names: &[&str]| -> Option<Date> { get(names).and_then(text).and_then(|s| Date::parse(&s).ok()) };
    let birth = date(DATE_KEYS[0]);
    let salary = get(&["salary"]).and_then(|v| match v {
        Value::Number(n) => n.as_i64().map(grouped).or_else(|| n.as_f64().map(|x| format!("{x:.2}"))),
        Value::String(s) => Some(s),
        _ => None,
    });
    let retirement = birth.as_ref().map(retirement_year_be).or_else(|| {
        get(&["retirement_year"])
            .and_then(text)
            .and_then(|s| crate::date::ascii_digits(&s).trim().parse().ok())
    });
    let show = |s: Option<String>| s.map(|s| f.d(&s)).unwrap_or_else(|| BLANK.into());
    PrivateFields {
        withheld: false,
        salary_rank: show(get(&["salary_rank", "salary_grade"]).and_then(text)),
        salary: show(salary),
        birth_date: show(birth.as_ref().map(|d| f.date(d))),
        retirement_year: show(retirement.map(|y| y.to_string())),
        appointment_position: show(get(&["appointment_position", "appointed_position"]).and_then(text)),
        appointment_date: show(date(DATE_KEYS[1]).map(|d| f.date(&d))),
        current_position_date: show(date(DATE_KEYS[2]).map(|d| f.date(&d))),
    }
}

/// The private dates of `m` that cannot be read, each a diagnostic on its
/// line of `text` (the raw `portfolio.yaml`, shown to users as `shown`) with
/// the forms that are read. The value itself is not repeated: it is private.
/// Without this, the printed report would show blank dots and say nothing.
pub fn date_problems(shown: &str, text: &str, m: &Manifest) -> Vec<Diagnostic> {
    let Some(private) = m.private.as_ref() else { return Vec::new() };
    let mut out = Vec::new();
    for names in DATE_KEYS {
        let Some((name, v)) =
            names.iter().find_map(|n| private.get(Value::String((*n).into())).map(|v| (*n, v)))
        else {
            continue;
        };
        let readable = text_of(v).is_some_and(|s| Date::parse(&s).is_ok());
        if !readable && !matches!(v, Value::Null) {
            out.push(Diagnostic::new(
                shown,
                crate::yaml::line_of_key(text, &["private", name]),
                format!("private.{name}: อ่านวันที่ไม่ได้ ให้เขียนแบบ {}", crate::date::FORMS_TH),
                format!("private.{name}: cannot read the date; write it as {}", crate::date::FORMS_EN),
            ));
        }
    }
    out
}

fn text_of(v: &Value) -> Option<String> {
    text(v.clone())
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

    #[test]
    fn unreadable_private_dates_are_reported_on_their_line_without_the_value() {
        let text = "name: ก\nprivate:\n  birth_date: 15 มิถุนา 2528\n  appointment_date: 1 ต.ค. 2553\n";
        let m: Manifest = crate::yaml::from_str(text).unwrap();
        let found = date_problems("p.yaml", text, &m);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].line, Some(3));
        assert!(found[0].message_en.starts_with("private.birth_date: cannot read the date"), "{}", found[0]);
        assert!(!found[0].message.contains("มิถุนา 2528"), "the private value is not repeated");
    }
}
