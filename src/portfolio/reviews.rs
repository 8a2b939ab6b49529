//! The typed views of the review records (`reviews/<slug>/*.yaml`, review
//! audience only): per reviewer their statuses, comments (untrusted Markdown
//! through [`crate::privacy::sanitize`]) and history ([`ReviewerView`]), the
//! statuses of one matrix cell ([`CellReview`]), and the committee's score
//! sheets for the evaluation form ([`sheets`]). No IO.

use serde::Serialize;

use super::model::{Manifest, Portfolio, ScoreSheet};
use crate::frameworks::Framework;
use crate::review::model::{Entry, Status};
use crate::review::Review;

/// A status and comment as shown.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    /// Indicator code (normalised), or none for the challenge.
    pub code: Option<String>,
    /// The indicator's title, when the framework has it.
    pub title: Option<String>,
    /// The status id (`meets` …), when it is a known one.
    pub status: Option<&'static str>,
    /// The status as text (never colour alone): ผ่าน, ยังไม่ระบุสถานะ …
    pub label: String,
    /// The comment, sanitised HTML.
    pub comment_html: Option<String>,
}

/// One history entry as shown.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryView {
    /// The date (Thai), or the text as written when it is not one.
    pub when: String,
    /// Who.
    pub who: String,
    /// What changed.
    pub what: String,
}

/// One reviewer's file of one portfolio.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewerView {
    /// The reviewer id (the file's stem).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role as text (Thai).
    pub role: Option<String>,
    /// When the review was last changed (Thai date).
    pub date: Option<String>,
    /// Per indicator, in framework order (codes the framework lacks last).
    pub indicators: Vec<EntryView>,
    /// The challenge issue.
    pub challenge: Option<EntryView>,
    /// The history, as written (oldest first).
    pub history: Vec<HistoryView>,
    /// The file holds scores.
    pub has_scores: bool,
    /// The reviewer is on the portfolio's committee.
    pub on_committee: bool,
}

/// One reviewer's status in a matrix cell.
#[derive(Debug, Clone, Serialize)]
pub struct CellReview {
    /// The reviewer id.
    pub id: String,
    /// Name.
    pub reviewer: String,
    /// The status id, when known.
    pub status: Option<&'static str>,
    /// The status as text.
    pub label: String,
}

fn role_label(role: &str) -> String {
    match role.trim() {
        "supervisor" => "ศึกษานิเทศก์ / ผู้บังคับบัญชา".into(),
        "mentor" => "พี่เลี้ยง".into(),
        "committee-chair" => "ประธานกรรมการ".into(),
        "committee-member" => "กรรมการ".into(),
        other => other.to_string(),
    }
}

fn status_of(e: &Entry) -> (Option<&'static str>, String) {
    match e.status.as_deref() {
        None => (None, "ยังไม่ระบุสถานะ".into()),
        Some(s) => match Status::parse(s) {
            Some(st) => (Some(st.id()), st.thai().into()),
            None => (None, format!("สถานะไม่ถูกต้อง ({s})")),
        },
    }
}

fn entry(e: &Entry, code: Option<String>, title: Option<String>) -> EntryView {
    let (status, label) = status_of(e);
    let comment_html = e
        .comment
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .map(|c| crate::privacy::sanitize::teacher_markdown(c, &|_| None));
    EntryView { code, title, status, label, comment_html }
}

/// The reviewers of a portfolio whose files parsed (broken files are lint
/// findings, rule E001), sorted by file name.
pub fn reviewers(p: &Portfolio, fw: Option<&Framework>) -> Vec<ReviewerView> {
    let m = p.manifest.as_ref().ok();
    p.reviews
        .iter()
        .filter_map(|r| Some((r, r.file.as_ref().ok()?)))
        .map(|(r, file)| {
            let by_code = file.by_code();
            let mut indicators: Vec<EntryView> = fw
                .iter()
                .flat_map(|fw| fw.indicators())
                .filter_map(|(_, i)| {
                    Some(entry(by_code.get(&i.code)?, Some(i.code.clone()), Some(i.title.clone())))
                })
                .collect();
            let known = |c: &str| fw.is_some_and(|fw| fw.indicator(c).is_some());
            indicators.extend(
                by_code.iter().filter(|(c, _)| !known(c)).map(|(c, e)| entry(e, Some(c.clone()), None)),
            );
            let date = |d: &super::model::DateText| match d.parse() {
                Ok(d) => d.thai(false, false),
                Err(_) => match d {
                    super::model::DateText::Text(s) => s.clone(),
                    super::model::DateText::Number(n) => n.to_string(),
                },
            };
            ReviewerView {
                id: r.id.clone(),
                name: file.reviewer.clone(),
                role: file.role.as_deref().map(role_label),
                date: file.date.as_ref().map(date),
                indicators,
                challenge: file.challenge.as_ref().map(|e| entry(e, None, None)),
                history: file
                    .history
                    .iter()
                    .map(|h| HistoryView {
                        when: date(&h.when),
                        who: h.who.clone().unwrap_or_else(|| file.reviewer.clone()),
                        what: h.what.clone(),
                    })
                    .collect(),
                has_scores: file.scores.is_some(),
                on_committee: crate::review::model::on_committee(m, &file.reviewer),
            }
        })
        .collect()
}

/// Every reviewer's status for indicator `code` (reviewers without one left out).
pub fn cell(reviewers: &[ReviewerView], code: &str) -> Vec<CellReview> {
    reviewers
        .iter()
        .filter_map(|r| {
            let e = r.indicators.iter().find(|e| e.code.as_deref() == Some(code))?;
            Some(CellReview {
                id: r.id.clone(),
                reviewer: r.name.clone(),
                status: e.status,
                label: e.label.clone(),
            })
        })
        .collect()
}

/// The committee's score sheets: the manifest's `scores:`, with the sheet of
/// each committee member who scores in a review file in place of (or added
/// to) the manifest's sheet for that member. Scores from anyone not on the
/// committee are left out (rule E004 reports them).
pub fn sheets(m: &Manifest, reviews: &[Review]) -> Vec<ScoreSheet> {
    let mut out = m.scores.clone();
    for file in reviews.iter().filter_map(|r| r.file.as_ref().ok()) {
        let on = crate::review::model::on_committee(Some(m), &file.reviewer);
        let Some(sheet) = file.sheet().filter(|_| on) else { continue };
        let name = file.reviewer.trim();
        match out.iter_mut().find(|s| s.member.as_deref().map(str::trim) == Some(name)) {
            Some(s) => *s = sheet,
            None => out.push(sheet),
        }
    }
    out
}
