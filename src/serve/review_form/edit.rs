//! One save of the review form, as data: the checked values of a [`Change`]
//! ([`Edit`]) and how they are applied to a [`ReviewFile`] (only the named
//! entry, only what differs, described in Thai for the history). Also what
//! the form is prefilled with ([`current`]). Pure: no IO.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use serde::Serialize;

use super::Change;
use crate::portfolio::model::normalize_code;
use crate::review::model::{Entry, Level, ReviewFile, ReviewScores, Status};

/// A refusal: the HTTP status and a bilingual message.
pub type Refusal = (StatusCode, String);

/// A field of a save: `None` leaves it as it is, `Some(None)` clears it.
type Field<T> = Option<Option<T>>;

/// The checked values of one save.
#[derive(Debug, Default)]
pub struct Edit {
    /// The indicator code (normalised), `None` for the challenge.
    pub code: Option<String>,
    status: Field<Status>,
    comment: Field<String>,
    level: Field<Level>,
    part2: [Field<Level>; 3],
}

fn bad(th: &str, en: &str) -> Refusal {
    (StatusCode::BAD_REQUEST, format!("{th} / {en}"))
}

/// Reads an optional form value: absent = unchanged, empty = cleared.
fn field<T>(v: &Option<String>, read: impl Fn(&str) -> Option<T>) -> Result<Field<T>, ()> {
    match v.as_deref().map(str::trim) {
        None => Ok(None),
        Some("") => Ok(Some(None)),
        Some(s) => read(s).map(|t| Some(Some(t))).ok_or(()),
    }
}

fn level(s: &str) -> Option<Level> {
    Some(Level::Text(s.to_string())).filter(Level::valid)
}

impl Edit {
    /// Checks a change's values (a level is 1–4; Part 2 only on the challenge).
    pub fn parse(c: &Change) -> Result<Edit, Refusal> {
        let code = if c.code == "challenge" {
            None
        } else {
            Some(normalize_code(&c.code).ok_or_else(|| bad("รหัสตัวชี้วัดไม่ถูกต้อง", "bad indicator code"))?)
        };
        let status = field(&c.status, Status::parse).map_err(|_| bad("สถานะไม่ถูกต้อง", "bad status"))?;
        let comment = match c.comment.as_deref() {
            None => None,
            Some(t) if t.trim().is_empty() => Some(None),
            Some(t) => Some(Some(t.replace("\r\n", "\n"))),
        };
        let lv = |v: &Option<String>| {
            field(v, level).map_err(|_| bad("คะแนนต้องเป็นระดับ 1–4", "a level is a whole number 1–4"))
        };
        let edit = Edit {
            status,
            comment,
            level: lv(&c.level)?,
            part2: [lv(&c.method)?, lv(&c.quantitative)?, lv(&c.qualitative)?],
            code,
        };
        if edit.code.is_none() && edit.level.is_some() {
            return Err(bad("คะแนนส่วนที่ 1 ให้รายตัวชี้วัด", "a Part 1 level belongs to an indicator"));
        }
        if edit.code.is_some() && edit.part2.iter().any(Option::is_some) {
            return Err(bad("คะแนนส่วนที่ 2 ให้ที่ประเด็นท้าทาย", "Part 2 levels belong to the challenge"));
        }
        if edit.status.is_none()
            && edit.comment.is_none()
            && edit.level.is_none()
            && edit.part2.iter().all(Option::is_none)
        {
            return Err(bad("ไม่มีสิ่งที่เปลี่ยน", "nothing to change"));
        }
        Ok(edit)
    }

    /// Applies the edit to `file`; returns the history text, or `None` when
    /// nothing differs (the file is then left as it is).
    pub fn apply(self, file: &mut ReviewFile) -> Option<String> {
        let label = self.code.as_ref().map(|c| format!("ตัวชี้วัด {c}")).unwrap_or_else(|| "ประเด็นท้าทาย".into());
        let mut what = Vec::new();
        let entry: &mut Entry = match &self.code {
            Some(c) => file.indicators.entry(key_of(&file.indicators, c)).or_default(),
            None => file.challenge.get_or_insert_with(Entry::default),
        };
        let status = self.status.map(|s| s.map(|s| s.id().to_string()));
        if let Some(new) = status.filter(|s| *s != entry.status.as_deref().map(normal_status)) {
            what.push(match Status::parse(new.as_deref().unwrap_or("")) {
                Some(s) => format!("สถานะ {}", s.thai()),
                None => "ลบสถานะ".to_string(),
            });
            entry.status = new;
        }
        if let Some(new) = self.comment.filter(|t| *t != entry.comment) {
            what.push(if new.is_some() { "ความเห็น" } else { "ลบความเห็น" }.to_string());
            entry.comment = new;
        }
        let mut scores = file.scores.take().unwrap_or_default();
        if let (Some(code), Some(new)) = (&self.code, self.level) {
            let key = key_of(&scores.part1, code);
            let mut slot = scores.part1.remove(&key);
            set_level(&mut slot, new, "คะแนน", &mut what);
            if let Some(l) = slot {
                scores.part1.insert(key, l);
            }
        }
        let [m, qn, ql] = self.part2;
        let p = &mut scores.part2;
        for (slot, new, name) in [
            (&mut p.method, m, "คะแนนวิธีดำเนินงาน"),
            (&mut p.quantitative, qn, "คะแนนผลลัพธ์เชิงปริมาณ"),
            (&mut p.qualitative, ql, "คะแนนผลลัพธ์เชิงคุณภาพ"),
        ] {
            if let Some(new) = new {
                set_level(slot, new, name, &mut what);
            }
        }
        file.scores = Some(scores).filter(|s| *s != ReviewScores::default());
        (!what.is_empty()).then(|| format!("{label}: {}", what.join(", ")))
    }
}

fn normal_status(s: &str) -> String {
    Status::parse(s).map(|s| s.id().to_string()).unwrap_or_else(|| s.to_string())
}

/// The key of `code` in a map written with any digits (`"๑.๔"`), else `code`.
fn key_of<V>(map: &BTreeMap<String, V>, code: &str) -> String {
    map.keys()
        .find(|k| normalize_code(k).as_deref() == Some(code))
        .cloned()
        .unwrap_or_else(|| code.to_string())
}

fn set_level(slot: &mut Option<Level>, new: Option<Level>, name: &str, what: &mut Vec<String>) {
    if slot.as_ref().and_then(Level::value) == new.as_ref().and_then(Level::value) {
        return;
    }
    what.push(match &new {
        Some(l) => format!("{name} {}", l.shown()),
        None => format!("ลบ{name}"),
    });
    *slot = new;
}

/// What the form of one entry is prefilled with.
#[derive(Debug, Default, Serialize)]
pub struct Current {
    status: String,
    comment: String,
    level: String,
    method: String,
    quantitative: String,
    qualitative: String,
}

/// The prefill of every entry of `file`, by normalised code and `challenge`.
pub fn current(file: &ReviewFile) -> BTreeMap<String, Current> {
    let shown = |l: Option<&Level>| l.and_then(Level::value).map(|v| v.to_string()).unwrap_or_default();
    let of = |e: &Entry| Current {
        status: e.status.as_deref().map(normal_status).unwrap_or_default(),
        comment: e.comment.clone().unwrap_or_default(),
        ..Current::default()
    };
    let scores = file.scores.clone().unwrap_or_default();
    let mut out: BTreeMap<String, Current> = file.by_code().into_iter().map(|(k, e)| (k, of(e))).collect();
    for (k, l) in &scores.part1 {
        if let Some(code) = normalize_code(k) {
            out.entry(code).or_default().level = shown(Some(l));
        }
    }
    let c =
        out.entry("challenge".into()).or_insert_with(|| file.challenge.as_ref().map(of).unwrap_or_default());
    let p = &scores.part2;
    c.method = shown(p.method.as_ref());
    c.quantitative = shown(p.quantitative.as_ref());
    c.qualitative = shown(p.qualitative.as_ref());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(code: &str, json: &str) -> Change {
        let base =
            format!(r#"{{"slug":"s","reviewer_id":"a","reviewer":"ก","code":"{code}","base":""{json}}}"#);
        serde_json::from_str(&base).unwrap()
    }

    #[test]
    fn only_what_differs_is_written_and_empty_clears() {
        let mut f: ReviewFile = crate::yaml::from_str(
            "reviewer: ก\nindicators: { \"๑.๔\": { status: ผ่าน, comment: เดิม } }\nscores: { part1: { \"๑.๔\": 2 } }\n",
        )
        .unwrap();
        let e = Edit::parse(&change("1.4", r#","status":"meets","comment":"เดิม","level":"2""#)).unwrap();
        assert_eq!(e.apply(&mut f), None, "the same values change nothing");
        let e = Edit::parse(&change("1.4", r#","status":"","comment":"ใหม่","level":"3""#)).unwrap();
        assert_eq!(e.apply(&mut f).as_deref(), Some("ตัวชี้วัด 1.4: ลบสถานะ, ความเห็น, คะแนน 3"));
        assert_eq!(f.indicators["๑.๔"], Entry { status: None, comment: Some("ใหม่".into()) });
        assert_eq!(f.scores.as_ref().unwrap().part1["๑.๔"].value(), Some(3.0));
        assert_eq!(current(&f)["1.4"].level, "3");
    }

    #[test]
    fn part2_levels_go_on_the_challenge_only() {
        let mut f = ReviewFile { reviewer: "ก".into(), ..ReviewFile::default() };
        let e = Edit::parse(&change("challenge", r#","method":"3","qualitative":"๔""#)).unwrap();
        assert_eq!(e.apply(&mut f).as_deref(), Some("ประเด็นท้าทาย: คะแนนวิธีดำเนินงาน 3, คะแนนผลลัพธ์เชิงคุณภาพ ๔"));
        let p = &f.scores.as_ref().unwrap().part2;
        assert_eq!((p.method.as_ref().and_then(Level::value), p.quantitative.clone()), (Some(3.0), None));
        assert_eq!(current(&f)["challenge"].qualitative, "4");
        assert!(Edit::parse(&change("1.1", r#","method":"3""#)).is_err());
        assert!(Edit::parse(&change("challenge", r#","level":"3""#)).is_err());
        assert!(Edit::parse(&change("challenge", r#","method":"5""#)).is_err());
    }
}
