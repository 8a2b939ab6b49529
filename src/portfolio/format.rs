//! How the printed documents write numbers and dates: Thai digits unless
//! the site sets `extra.thai_digits: false`, official Thai dates, and the
//! dotted blank a cell to fill in by hand shows.

use crate::config::Config;
use crate::date::{thai_digits, Date};

/// An empty cell to fill in by hand.
pub const BLANK: &str = "..................................";

/// Number and date formatting of the documents: Thai digits unless the
/// site sets `extra.thai_digits: false`.
#[derive(Debug, Clone, Copy)]
pub struct Fmt {
    /// Thai digits.
    pub thai: bool,
}

impl Fmt {
    /// The site's choice.
    pub fn of(config: &Config) -> Fmt {
        Fmt { thai: config.extra.get("thai_digits").and_then(serde_json::Value::as_bool).unwrap_or(true) }
    }
    /// Digits as configured.
    pub fn d(&self, s: &str) -> String {
        if self.thai {
            thai_digits(s)
        } else {
            s.to_string()
        }
    }
    /// `20 สิงหาคม 2568` (Thai digits when on).
    pub fn date(&self, d: &Date) -> String {
        d.thai(false, self.thai)
    }
    /// `20 สิงหาคม พ.ศ. 2568`, for สั่ง ณ วันที่.
    pub fn date_official(&self, d: &Date) -> String {
        let s = self.date(d);
        match s.rsplit_once(' ') {
            Some((dm, y)) => format!("{dm} พ.ศ. {y}"),
            None => s,
        }
    }
    /// Two decimals, digits as configured.
    pub fn num2(&self, x: f64) -> String {
        self.d(&format!("{x:.2}"))
    }
    /// A number as configured.
    pub fn int(&self, n: impl std::fmt::Display) -> String {
        self.d(&n.to_string())
    }
}
