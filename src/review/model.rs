//! The shape of a review file (`reviews/<slug>/<reviewer-id>.yaml`): pure
//! data, no IO. Every struct is `deny_unknown_fields` (a typo must not pass).
//! Values a reviewer may mistype (a status, a level, a date, a code) are kept
//! as written and read by methods here, so the lint rules can name the bad one.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::portfolio::model::{normalize_code, DateText, Manifest, Part2Scores, ScoreSheet};

/// A review file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewFile {
    /// The reviewer's display name (a committee member's name as in
    /// `portfolio.yaml` `committee.members` when the file holds scores).
    pub reviewer: String,
    /// `supervisor` | `mentor` | `committee-chair` | `committee-member`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// When the review was last changed (ISO or Thai date, BE or CE year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<DateText>,
    /// Status and comment per indicator code (Thai digits allowed).
    #[serde(default)]
    pub indicators: BTreeMap<String, Entry>,
    /// Status and comment for the challenge issue (Part 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<Entry>,
    /// A committee member's scores (the shape of `portfolio.yaml` `scores:`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scores: Option<ReviewScores>,
    /// The log of changes, oldest first; entries are only ever appended.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

/// A status and comment (per indicator, or for the challenge).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// `begun` | `does-not-meet` | `partially-meets` | `meets` (or the Thai label).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// The reviewer's comment (Markdown, untrusted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// A committee member's scores: Part 1 level 1–4 per indicator, Part 2 levels.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewScores {
    /// Level 1–4 per indicator code.
    #[serde(default)]
    pub part1: BTreeMap<String, Level>,
    /// Part 2 levels.
    #[serde(default)]
    pub part2: ReviewPart2,
}

/// Part 2 levels (1–4 each).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewPart2 {
    /// Method (วิธีดำเนินงาน).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Level>,
    /// Quantitative outcomes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantitative: Option<Level>,
    /// Qualitative outcomes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualitative: Option<Level>,
}

/// A level as written: a number, or text (Thai digits: `"๓"`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Level {
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
}

impl Level {
    /// The number, Thai digits read; `None` when it is not one.
    pub fn value(&self) -> Option<f64> {
        match self {
            Level::Number(n) => Some(*n),
            Level::Text(s) => crate::date::ascii_digits(s.trim()).parse().ok(),
        }
    }

    /// A level 1–4 (a whole number).
    pub fn valid(&self) -> bool {
        self.value().is_some_and(|v| (1.0..=4.0).contains(&v) && v.fract() == 0.0)
    }

    /// As written, for messages.
    pub fn shown(&self) -> String {
        match self {
            Level::Number(n) => n.to_string(),
            Level::Text(s) => s.clone(),
        }
    }
}

/// One change in the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// When (a date as anywhere else).
    pub when: DateText,
    /// Who made the change (a name; the file's reviewer when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    /// What changed, in words.
    pub what: String,
}

/// A reviewer's status for an indicator or the challenge (Mahara
/// SmartEvidence's four).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Work begun.
    Begun,
    /// Does not meet the standard.
    DoesNotMeet,
    /// Partially meets it.
    PartiallyMeets,
    /// Meets it.
    Meets,
}

impl Status {
    /// Every status, in order.
    pub const ALL: [Status; 4] = [Status::Begun, Status::DoesNotMeet, Status::PartiallyMeets, Status::Meets];

    /// The id as written in files (`partially-meets`).
    pub const fn id(self) -> &'static str {
        match self {
            Status::Begun => "begun",
            Status::DoesNotMeet => "does-not-meet",
            Status::PartiallyMeets => "partially-meets",
            Status::Meets => "meets",
        }
    }

    /// The Thai label shown on pages (also accepted in files).
    pub const fn thai(self) -> &'static str {
        match self {
            Status::Begun => "เริ่มดำเนินการ",
            Status::DoesNotMeet => "ยังไม่ผ่าน",
            Status::PartiallyMeets => "ผ่านบางส่วน",
            Status::Meets => "ผ่าน",
        }
    }

    /// Reads an id or a Thai label (any case, surrounding space ignored).
    pub fn parse(text: &str) -> Option<Status> {
        let t = text.trim().to_lowercase().replace(['_', ' '], "-");
        Status::ALL.into_iter().find(|s| s.id() == t || s.thai() == text.trim())
    }
}

/// The roles a reviewer may give.
pub const ROLES: &[&str] = &["supervisor", "mentor", "committee-chair", "committee-member"];

impl ReviewFile {
    /// The indicator entries by normalised code (codes that do not normalise
    /// are left out; rule E002 reports them).
    pub fn by_code(&self) -> BTreeMap<String, &Entry> {
        self.indicators.iter().filter_map(|(k, e)| Some((normalize_code(k)?, e))).collect()
    }

    /// The scores as the portfolio's [`ScoreSheet`] (member = reviewer), so
    /// `Framework::totals` and `sheet_is_valid` apply unchanged. A level that
    /// is not a number becomes NaN, which no sheet accepts as valid.
    pub fn sheet(&self) -> Option<ScoreSheet> {
        let s = self.scores.as_ref()?;
        let v = |l: &Level| l.value().unwrap_or(f64::NAN);
        let part1 =
            s.part1.iter().map(|(k, l)| (normalize_code(k).unwrap_or_else(|| k.clone()), v(l))).collect();
        let p = &s.part2;
        Some(ScoreSheet {
            member: Some(self.reviewer.clone()),
            part1,
            part2: Part2Scores {
                method: p.method.as_ref().map(v),
                quantitative: p.quantitative.as_ref().map(v),
                qualitative: p.qualitative.as_ref().map(v),
            },
        })
    }
}

/// True when `name` is on the committee of the manifest (spaces trimmed).
pub fn on_committee(m: Option<&Manifest>, name: &str) -> bool {
    m.and_then(|m| m.committee.as_ref())
        .is_some_and(|c| c.members.iter().any(|x| x.name.as_deref().map(str::trim) == Some(name.trim())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_read_ids_and_thai_labels() {
        assert_eq!(Status::parse("meets"), Some(Status::Meets));
        assert_eq!(Status::parse(" Partially meets "), Some(Status::PartiallyMeets));
        assert_eq!(Status::parse("ยังไม่ผ่าน"), Some(Status::DoesNotMeet));
        assert_eq!(Status::parse("done"), None);
    }

    #[test]
    fn thai_digit_levels_and_codes_make_a_score_sheet() {
        let f: ReviewFile = crate::yaml::from_str(
            "reviewer: ก\nscores:\n  part1: { \"๑.๑\": \"๓\", \"1.2\": 4 }\n  part2: { method: \"๔\" }\n",
        )
        .unwrap();
        let s = f.sheet().unwrap();
        assert_eq!(s.member.as_deref(), Some("ก"));
        assert_eq!(s.part1.get("1.1"), Some(&3.0));
        assert_eq!(s.part1.get("1.2"), Some(&4.0));
        assert_eq!(s.part2.method, Some(4.0));
        assert!(Level::Text("๕".into()).value() == Some(5.0) && !Level::Text("๕".into()).valid());
    }

    #[test]
    fn unknown_keys_are_refused() {
        let e = crate::yaml::from_str::<ReviewFile>("reviewer: ก\nstatuss: meets\n").unwrap_err();
        assert!(e.to_string().contains("statuss"), "{e}");
        let e =
            crate::yaml::from_str::<ReviewFile>("reviewer: ก\nindicators: { \"1.1\": { stat: meets } }\n")
                .unwrap_err();
        assert!(e.to_string().contains("stat"), "{e}");
    }
}
