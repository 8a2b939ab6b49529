//! Calendar dates as Thai documents use them: ISO dates in the Common Era
//! (CE) or the Buddhist Era (BE, พ.ศ. = CE + 543), Thai month names, Thai
//! digits and the government fiscal year (1 October – 30 September, named by
//! the BE year in which it ends).
//!
//! Pure data and arithmetic: no IO, no clock.

use std::fmt;

/// Years at or above this are read as Buddhist Era (พ.ศ.).
pub const BE_THRESHOLD: i32 = 2400;
/// BE year = CE year + 543.
pub const BE_OFFSET: i32 = 543;

const MONTHS: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];
const MONTHS_SHORT: [&str; 12] =
    ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."];

/// A calendar date, stored in the Common Era.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// CE year.
    pub year: i32,
    /// 1..=12.
    pub month: u32,
    /// 1..=31.
    pub day: u32,
}

/// The date forms krufolio reads, as the messages list them.
pub const FORMS_TH: &str =
    "2568-06-15, 15 มิ.ย. 2568, 15 มิถุนายน 2568, 15 มิ.ย. 68 หรือ 15/06/2568 (ปี พ.ศ. หรือ ค.ศ. ใช้เลขไทยได้)";
/// [`FORMS_TH`] in English.
pub const FORMS_EN: &str =
    "2568-06-15, 15 มิ.ย. 2568, 15 มิถุนายน 2568, 15 มิ.ย. 68 or 15/06/2568 (a BE or CE year; Thai digits are fine)";

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("อ่านวันที่ \"{input}\" ไม่ได้ / cannot read the date \"{input}\"")]
pub struct DateError {
    /// The rejected input.
    pub input: String,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Converts Thai digits (๐–๙) to ASCII digits; other characters pass through.
pub fn ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
            _ => c,
        })
        .collect()
}

/// Converts ASCII digits to Thai digits (๐–๙); other characters pass through.
pub fn thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32('๐' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

impl DateError {
    /// Thai message: the input and the forms that are read.
    pub fn message_th(&self) -> String {
        format!("อ่านวันที่ \"{}\" ไม่ได้ ให้เขียนแบบ {FORMS_TH}", self.input)
    }
    /// English message: the input and the forms that are read.
    pub fn message_en(&self) -> String {
        format!("cannot read the date \"{}\": write it as {FORMS_EN}", self.input)
    }
}

impl Date {
    /// Builds a date from CE parts, checking the day exists.
    pub fn from_ce(year: i32, month: u32, day: u32) -> Option<Date> {
        if (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    /// Today, by the system clock (local time).
    pub fn today() -> Option<Date> {
        use chrono::Datelike;
        let t = chrono::Local::now().date_naive();
        Date::from_ce(t.year(), t.month(), t.day())
    }

    /// Parses a date as Thai documents write it (Thai digits allowed
    /// everywhere):
    /// - ISO `YYYY-MM-DD`, a trailing time (`T08:30:00`, ` 08:30`) ignored;
    /// - `15 มิ.ย. 2528`, `15 มิถุนายน 2528`, with or without `พ.ศ.` (or
    ///   `ค.ศ.` before a CE year), `วันที่` and `เดือน`; the month's dots and
    ///   spaces are optional (`15 มิย 2528`);
    /// - `15/6/2528` (day first, as in Thai documents).
    ///
    /// A four-digit year ≥ 2400 is BE, a lower one CE; a two-digit year
    /// (`15 มิ.ย. 28`, `15/06/28`) is BE 25xx, as Thai short dates write it.
    pub fn parse(input: &str) -> Result<Date, DateError> {
        let s = ascii_digits(input.trim());
        let parts = iso_parts(&s).or_else(|| slashed_parts(&s)).or_else(|| thai_parts(&s));
        parts.and_then(|(y, m, d)| finish(y, m, d)).ok_or_else(|| DateError { input: input.to_string() })
    }

    /// The Buddhist Era year.
    pub fn year_be(&self) -> i32 {
        self.year + BE_OFFSET
    }

    /// ISO 8601 (CE) form, `2024-05-16`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The fiscal year (BE) this date falls in: October starts the next one.
    pub fn fiscal_year_be(&self) -> i32 {
        let fy_ce = if self.month >= 10 { self.year + 1 } else { self.year };
        fy_ce + BE_OFFSET
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    pub fn days(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = if self.month <= 2 { self.year - 1 } else { self.year } as i64;
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146097 + doe - 719468
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(&self) -> u32 {
        (self.days() + 3).rem_euclid(7) as u32
    }

    /// The date `n` days later (or earlier, for negative `n`).
    pub fn add_days(&self, n: i64) -> Date {
        let z = self.days() + n + 719468;
        let era = z.div_euclid(146097);
        let doe = z - era * 146097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Date { year, month, day }
    }

    /// Thai long or short form, e.g. `16 พฤษภาคม 2567` / `16 พ.ค. 2567`,
    /// optionally in Thai digits.
    pub fn thai(&self, short: bool, thai_numerals: bool) -> String {
        let idx = (self.month - 1) as usize;
        let month = if short { MONTHS_SHORT[idx] } else { MONTHS[idx] };
        let s = format!("{} {} {}", self.day, month, self.year_be());
        if thai_numerals {
            thai_digits(&s)
        } else {
            s
        }
    }
}

/// A year as written, and what it says about its era.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Era {
    /// No marker: ≥ 2400 is BE, else CE.
    Either,
    /// `พ.ศ.` written: must be BE.
    Be,
    /// `ค.ศ.` written: must be CE.
    Ce,
}

/// `(year, era, two_digit)` → the BE/CE year it means, or `None`.
fn year_of(digits: &str, era: Era) -> Option<i32> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = digits.parse().ok()?;
    match (digits.len(), era) {
        (2, Era::Ce) => None,
        (2, _) => Some(2500 + y),
        (4, Era::Be) if y < BE_THRESHOLD => None,
        (4, Era::Ce) if y >= BE_THRESHOLD => None,
        (4, _) => Some(y),
        _ => None,
    }
}

fn number(s: &str) -> Option<u32> {
    let s = s.trim();
    (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// `YYYY-MM-DD` with an optional time after `T` or a space.
fn iso_parts(s: &str) -> Option<(i32, u32, u32)> {
    let date_part = s.split(['T', ' ']).next().unwrap_or("");
    let mut it = date_part.split('-');
    match (it.next(), it.next(), it.next(), it.next()) {
        (Some(y), Some(m), Some(d), None) if y.len() == 4 => {
            Some((year_of(y, Era::Either)?, number(m)?, number(d)?))
        }
        _ => None,
    }
}

/// `D/M/YYYY` or `D/M/YY`, day first.
fn slashed_parts(s: &str) -> Option<(i32, u32, u32)> {
    let mut it = s.split('/');
    match (it.next(), it.next(), it.next(), it.next()) {
        (Some(d), Some(m), Some(y), None) => Some((year_of(y.trim(), Era::Either)?, number(m)?, number(d)?)),
        _ => None,
    }
}

/// `15 มิ.ย. 2528`, `วันที่ 15 เดือนมิถุนายน พ.ศ. 2528` and the like.
fn thai_parts(s: &str) -> Option<(i32, u32, u32)> {
    let s = s.strip_prefix("วันที่").unwrap_or(s).trim_start();
    let day_len = s.bytes().take_while(u8::is_ascii_digit).count();
    let (day, rest) = s.split_at(day_len);
    let year_len = rest.bytes().rev().take_while(u8::is_ascii_digit).count();
    let (middle, year) = rest.split_at(rest.len() - year_len);
    // The month and era marker, without dots or spaces: `มิย`, `มิถุนายนพศ`.
    let mut word: String = middle.chars().filter(|c| *c != '.' && !c.is_whitespace()).collect();
    let era = if word.ends_with("พศ") {
        Era::Be
    } else if word.ends_with("คศ") {
        Era::Ce
    } else {
        Era::Either
    };
    if era != Era::Either {
        word.truncate(word.len() - "พศ".len());
    }
    let word = word.strip_prefix("เดือน").unwrap_or(&word);
    let month = MONTHS
        .iter()
        .position(|m| *m == word)
        .or_else(|| MONTHS_SHORT.iter().position(|m| m.replace('.', "") == word))?;
    Some((year_of(year, era)?, month as u32 + 1, number(day)?))
}

/// The date of a (BE or CE) year, month and day, if it exists and lies in
/// living memory: 7429 (a typo for 2479?) or 0999 is a mistake, not a date
/// (and would not read back as itself).
fn finish(year: i32, month: u32, day: u32) -> Option<Date> {
    let year = if year >= BE_THRESHOLD { year - BE_OFFSET } else { year };
    if !(1900..BE_THRESHOLD).contains(&year) {
        return None;
    }
    Date::from_ce(year, month, day)
}

/// Reads a year as written in YAML text: ASCII or Thai digits, optionally
/// after `พ.ศ.` (`๒๕๖๘`, `พ.ศ. 2568`). `None` when it is not a number.
pub fn year_text(s: &str) -> Option<i64> {
    let s = ascii_digits(s.trim());
    let s = s.strip_prefix("พ.ศ.").or_else(|| s.strip_prefix("พ.ศ")).unwrap_or(&s).trim();
    (!s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// Why a fiscal year is not a Buddhist Era year, in Thai and English, with
/// the fix (`2025 looks like ค.ศ.; the fiscal year is พ.ศ. 2568 (2025 + 543)`);
/// `None` for a plausible BE year (2400–2700).
pub fn fiscal_year_problem(y: i64) -> Option<(String, String)> {
    if (1900..i64::from(BE_THRESHOLD)).contains(&y) {
        let be = y + i64::from(BE_OFFSET);
        Some((
            format!("ปีงบประมาณ {y} ดูเหมือนเป็น ค.ศ. ปีงบประมาณต้องเป็น พ.ศ. คือ {be} ({y} + 543)"),
            format!("{y} looks like ค.ศ. (CE); the fiscal year is พ.ศ. {be} ({y} + 543)"),
        ))
    } else if !(i64::from(BE_THRESHOLD)..=2700).contains(&y) {
        Some((
            format!("ปีงบประมาณ {y} ไม่ถูกต้อง ต้องเป็นปี พ.ศ. เช่น 2568"),
            format!("fiscal year {y} is not a valid พ.ศ. (BE) year such as 2568"),
        ))
    } else {
        None
    }
}

/// Serde for `fiscal_year`: a YAML number or text of ASCII or Thai digits
/// (`๒๕๖๘`, `"พ.ศ. 2568"`), into any integer type. Whether the year is BE
/// is checked later ([`fiscal_year_problem`]), where the message can name the line.
pub mod fiscal_year_serde {
    use serde::de::{self, Deserializer, Visitor};

    struct Year;

    impl<'de> Visitor<'de> for Year {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a พ.ศ. (BE) year such as 2568 (Thai digits are fine)")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
            i64::try_from(v).map(Some).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            super::year_text(v).map(Some).ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(Year)
        }
    }

    /// `#[serde(default, deserialize_with = "crate::date::fiscal_year_serde::option")]`.
    pub fn option<'de, D: Deserializer<'de>, T: TryFrom<i64>>(d: D) -> Result<Option<T>, D::Error> {
        match d.deserialize_any(Year)? {
            None => Ok(None),
            Some(y) => T::try_from(y)
                .map(Some)
                .map_err(|_| de::Error::invalid_value(de::Unexpected::Signed(y), &Year)),
        }
    }
}

/// Working days (Monday–Friday, not in `holidays`) after `from` up to and
/// including `to`; negative when `to` is before `from`.
pub fn working_days_between(from: Date, to: Date, holidays: &[Date]) -> i64 {
    let (a, b, sign) = if to >= from { (from, to, 1) } else { (to, from, -1) };
    let mut n = 0;
    let mut d = a.add_days(1);
    while d <= b {
        if d.weekday() < 5 && !holidays.contains(&d) {
            n += 1;
        }
        d = d.add_days(1);
    }
    n * sign
}

/// First and last day (CE) of a BE fiscal year: FY 2567 = 2023-10-01 ..= 2024-09-30.
pub fn fiscal_year_range(fy_be: i32) -> (Date, Date) {
    let end_ce = fy_be - BE_OFFSET;
    (Date { year: end_ce - 1, month: 10, day: 1 }, Date { year: end_ce, month: 9, day: 30 })
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl serde::Serialize for Date {
    /// Templates get `{iso, year, year_be, month, day}`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Date", 5)?;
        st.serialize_field("iso", &self.iso())?;
        st.serialize_field("year", &self.year)?;
        st.serialize_field("year_be", &self.year_be())?;
        st.serialize_field("month", &self.month)?;
        st.serialize_field("day", &self.day)?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_outside_living_memory_are_refused_fuzz_regression() {
        // Found by fuzz/fuzz_targets/dates_codes.rs: 7429 BE parsed as 6886 CE,
        // which reads back as BE again.
        assert!(Date::parse("7429-08-20").is_err());
        assert!(Date::parse("0999-01-01").is_err());
        assert_eq!(Date::parse("2567-08-20").unwrap().iso(), "2024-08-20");
        assert_eq!(Date::parse("1999-12-31").unwrap().iso(), "1999-12-31");
    }

    #[test]
    fn parses_ce_and_be() {
        assert_eq!(Date::parse("2024-05-16").unwrap(), Date::from_ce(2024, 5, 16).unwrap());
        assert_eq!(Date::parse("2567-05-16").unwrap(), Date::from_ce(2024, 5, 16).unwrap());
        assert_eq!(Date::parse("๒๕๖๗-๐๕-๑๖").unwrap(), Date::from_ce(2024, 5, 16).unwrap());
        assert_eq!(Date::parse("2024-05-16T08:00:00").unwrap().day, 16);
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in ["2024-02-30", "2023-02-29", "2024-13-01", "24-01-01", "hello", "2024-1"] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_ok());
        // BE 2567 = CE 2024, a leap year.
        assert!(Date::parse("2567-02-29").is_ok());
    }

    #[test]
    fn fiscal_year_follows_the_brief() {
        let (start, end) = fiscal_year_range(2567);
        assert_eq!(start.iso(), "2023-10-01");
        assert_eq!(end.iso(), "2024-09-30");
        assert_eq!(start.fiscal_year_be(), 2567);
        assert_eq!(end.fiscal_year_be(), 2567);
        assert_eq!(Date::parse("2023-09-30").unwrap().fiscal_year_be(), 2566);
    }

    #[test]
    fn weekdays_and_working_days() {
        let d = Date::parse("2025-08-20").unwrap(); // a Wednesday
        assert_eq!(d.weekday(), 2);
        assert_eq!(Date::parse("1970-01-01").unwrap().days(), 0);
        assert_eq!(d.add_days(12).iso(), "2025-09-01");
        assert_eq!(Date::parse("2024-02-28").unwrap().add_days(1).iso(), "2024-02-29");
        assert_eq!(Date::parse("2024-12-31").unwrap().add_days(1).iso(), "2025-01-01");
        // Wed 20 Aug → Mon 25 Aug: Thu, Fri, Mon = 3 working days.
        let mon = Date::parse("2025-08-25").unwrap();
        assert_eq!(working_days_between(d, mon, &[]), 3);
        assert_eq!(working_days_between(mon, d, &[]), -3);
        assert_eq!(working_days_between(d, mon, &[Date::parse("2025-08-22").unwrap()]), 2);
    }

    #[test]
    fn thai_forms() {
        let d = Date::parse("2024-05-01").unwrap();
        assert_eq!(d.thai(false, false), "1 พฤษภาคม 2567");
        assert_eq!(d.thai(true, false), "1 พ.ค. 2567");
        assert_eq!(d.thai(false, true), "๑ พฤษภาคม ๒๕๖๗");
        assert_eq!(ascii_digits("๑.๓"), "1.3");
    }

    #[test]
    fn thai_month_forms() {
        let want = Date::from_ce(1985, 6, 15).unwrap();
        for form in [
            "15 มิ.ย. 2528",
            "15 มิถุนายน 2528",
            "15 มิ.ย. พ.ศ. 2528",
            "15 มิถุนายน พ.ศ.2528",
            "วันที่ 15 เดือนมิถุนายน พ.ศ. 2528",
            "๑๕ มิ.ย. ๒๕๒๘",
            "๑๕ มิถุนายน ๒๕๒๘",
            "15 มิย 2528",
            "15มิ.ย.2528",
            "15 มิ.ย. 28",
            "15 มิ.ย. 1985",
            "15 มิ.ย. ค.ศ. 1985",
            "  15 มิ.ย. 2528  ",
        ] {
            assert_eq!(Date::parse(form), Ok(want), "{form}");
        }
        assert_eq!(Date::parse("1 ก.พ. 2567").unwrap().iso(), "2024-02-01");
        assert_eq!(Date::parse("1 พ.ค. 2567").unwrap().iso(), "2024-05-01");
        assert_eq!(Date::parse("31 ธันวาคม 2568").unwrap().iso(), "2025-12-31");
    }

    #[test]
    fn slashed_day_first_forms() {
        assert_eq!(Date::parse("15/06/2528").unwrap().iso(), "1985-06-15");
        assert_eq!(Date::parse("15/6/28").unwrap().iso(), "1985-06-15");
        assert_eq!(Date::parse("๑๕/๐๖/๒๕๒๘").unwrap().iso(), "1985-06-15");
        assert_eq!(Date::parse("1/10/2024").unwrap().iso(), "2024-10-01");
    }

    #[test]
    fn thai_forms_that_are_wrong_are_refused() {
        for bad in [
            "31 มิ.ย. 2528",      // June has 30 days
            "15 มิถุนา 2528",      // not a month name
            "15 มิ.ย. พ.ศ. 1985", // พ.ศ. with a CE year
            "15 มิ.ย. ค.ศ. 2528", // ค.ศ. with a BE year
            "15 มิ.ย. ค.ศ. 85",   // two-digit CE years are not read
            "15 มิ.ย. 528",
            "มิ.ย. 2528",
            "15/13/2528",
            "2528-06-15-01",
        ] {
            let e = Date::parse(bad).unwrap_err();
            assert!(
                e.message_th().contains("15 มิ.ย. 2568") && e.message_en().contains("write it as"),
                "{bad}"
            );
        }
    }

    #[test]
    fn years_as_text() {
        assert_eq!(year_text("๒๕๖๘"), Some(2568));
        assert_eq!(year_text(" พ.ศ. 2568 "), Some(2568));
        assert_eq!(year_text("2568"), Some(2568));
        assert_eq!(year_text("สองห้าหกแปด"), None);
        assert_eq!(year_text(""), None);
        let (th, en) = fiscal_year_problem(2025).unwrap();
        assert!(th.contains("2568") && th.contains("ค.ศ."), "{th}");
        assert_eq!(en, "2025 looks like ค.ศ. (CE); the fiscal year is พ.ศ. 2568 (2025 + 543)");
        assert!(fiscal_year_problem(2568).is_none());
        assert!(fiscal_year_problem(25680).is_some());
    }

    #[test]
    fn fiscal_years_deserialize_from_numbers_and_thai_digits() {
        #[derive(serde::Deserialize)]
        struct T {
            #[serde(default, deserialize_with = "fiscal_year_serde::option")]
            y: Option<i32>,
        }
        let y = |text: &str| crate::yaml::from_str::<T>(text).map(|t| t.y);
        assert_eq!(y("y: 2568\n").unwrap(), Some(2568));
        assert_eq!(y("y: ๒๕๖๘\n").unwrap(), Some(2568));
        assert_eq!(y("y: \"พ.ศ. 2568\"\n").unwrap(), Some(2568));
        assert_eq!(y("{}\n").unwrap(), None);
        let e = y("y: สองห้าหกแปด\n").unwrap_err().to_string();
        assert!(e.contains("expected a พ.ศ. (BE) year"), "{e}");
    }
}
