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

/// Why a date string was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("วันที่ไม่ถูกต้อง \"{input}\" (ต้องเป็น ปปปป-ดด-วว เช่น 2567-05-16) / invalid date \"{input}\" (expected YYYY-MM-DD, e.g. 2024-05-16)")]
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
    /// Thai message.
    pub fn message_th(&self) -> String {
        format!("วันที่ไม่ถูกต้อง \"{}\" (ต้องเป็น ปปปป-ดด-วว เช่น 2567-05-16)", self.input)
    }
    /// English message.
    pub fn message_en(&self) -> String {
        format!("invalid date \"{}\" (expected YYYY-MM-DD, e.g. 2024-05-16)", self.input)
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

    /// Parses `YYYY-MM-DD` (Thai digits allowed; a trailing time such as
    /// `T08:30:00` or ` 08:30` is ignored). A year ≥ 2400 is read as BE.
    pub fn parse(input: &str) -> Result<Date, DateError> {
        let bad = || DateError { input: input.to_string() };
        let s = ascii_digits(input.trim());
        let date_part = s.split(['T', ' ']).next().unwrap_or("");
        let mut it = date_part.split('-');
        let (y, m, d) = match (it.next(), it.next(), it.next(), it.next()) {
            (Some(y), Some(m), Some(d), None) if y.len() == 4 => (y, m, d),
            _ => return Err(bad()),
        };
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        let day: u32 = d.parse().map_err(|_| bad())?;
        let year = if year >= BE_THRESHOLD { year - BE_OFFSET } else { year };
        // A teacher's date lies in living memory: 7429 (a typo for 2479?) or
        // 0999 is a mistake, not a date (and would not read back as itself).
        if !(1900..BE_THRESHOLD).contains(&year) {
            return Err(bad());
        }
        Date::from_ce(year, month, day).ok_or_else(bad)
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
}
