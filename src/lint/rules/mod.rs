//! Every lint rule, one file each, each declared once with `declare_rule!`.
//! The registry [`ALL`] fixes the order in which rules run; ids and names are
//! stable public names, frozen in [`issued::ISSUED`].

/// Declares a rule once: its documentation (the doc comment), id, kebab-case
/// name, [`Category`](crate::lint::Category), default
/// [`Severity`](crate::lint::Severity) and Thai / English summary. Makes the
/// `pub static` [`Rule`](crate::lint::Rule) with the module's `check` function
/// and the text `krufolio explain` prints: the heading `# ID name`, the
/// summary with the default severity, then the doc comment.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// …
///     pub static RULE = {
///         id: "R003",
///         name: "photo-has-gps",
///         category: Privacy,
///         severity: Warning,
///         summary: "ภาพถ่ายมีพิกัด GPS" / "a photo carries GPS coordinates",
///     };
/// }
/// ```
///
/// A new rule also needs a line in [`ALL`] and in [`issued::ISSUED`].
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $rule:ident = {
            id: $id:literal,
            name: $name:literal,
            category: $category:ident,
            severity: $severity:ident,
            summary: $th:literal / $en:literal $(,)?
        };
    ) => {
        $(#[doc = $doc])*
        pub static $rule: $crate::lint::Rule = {
            use $crate::lint::rule::doc;
            const HEAD: &[&str] = &[
                "# ", $id, " ", $name, "\n\n", $th, " / ", $en, ". Default severity: ",
                $crate::lint::Severity::$severity.as_str(), ".\n\n",
            ];
            const LINES: &[&str] = &[$($doc),*];
            const LEN: usize = doc::doc_len(HEAD, LINES);
            static TEXT: [u8; LEN] = doc::doc_bytes(HEAD, LINES);
            $crate::lint::Rule {
                id: $id,
                name: $name,
                category: $crate::lint::Category::$category,
                severity: $crate::lint::Severity::$severity,
                summary: $th,
                summary_en: $en,
                doc: doc::as_str(&TEXT),
                check,
            }
        };
    };
}

pub mod briefing_too_late;
pub mod challenge_count;
pub mod challenge_incomplete;
pub mod challenge_title_mismatch;
pub mod committee_composition;
pub mod committee_date_invalid;
pub mod committee_qualification;
pub mod dpa_clip_too_long;
pub mod dpa_file_is_link;
pub mod dpa_package;
pub mod evaluation_not_in_september;
pub mod evidence_not_filed;
pub mod evidence_outside_fiscal_year;
pub mod file_unreadable;
pub mod fiscal_year_mismatch;
pub mod inspiration_without_figures;
pub mod issued;
pub mod lesson_plan_too_many_pages;
pub mod link_url_invalid;
pub mod manifest_fiscal_year;
pub mod manifest_invalid_position;
pub mod manifest_invalid_yaml;
pub mod manifest_missing;
pub mod manifest_missing_key;
pub mod manifest_unknown_key;
pub mod media_convert;
pub mod media_corrupt;
pub mod media_without_consent;
pub mod missing_evidence;
pub mod national_id_published;
pub mod order_sent_late;
pub mod pasted_text;
pub mod pdf_encrypted;
pub mod pdf_too_many_pages;
pub mod phone_number_published;
pub mod photo_has_gps;
pub mod poster_not_found;
pub mod private_data_withheld;
pub mod qualitative_target_with_number;
pub mod quantitative_target_without_number;
pub mod review_history_order;
pub mod review_invalid;
pub mod review_invalid_value;
pub mod review_orphan;
pub mod review_scorer_not_on_committee;
pub mod review_unknown_indicator;
pub mod score_below_pass;
pub mod score_invalid;
pub mod score_totals;
pub mod teacher_html;
pub mod too_many_items;
pub mod unknown_indicator;
pub mod video_codec;
pub mod video_has_location;
pub mod video_not_faststart;

use super::Rule;

/// Every rule, in run order.
pub static ALL: &[&Rule] = &[
    &manifest_missing::RULE,
    &manifest_invalid_yaml::RULE,
    &manifest_missing_key::RULE,
    &manifest_unknown_key::RULE,
    &manifest_invalid_position::RULE,
    &manifest_fiscal_year::RULE,
    &file_unreadable::RULE,
    &fiscal_year_mismatch::RULE,
    &missing_evidence::RULE,
    &unknown_indicator::RULE,
    &too_many_items::RULE,
    &evidence_not_filed::RULE,
    &challenge_incomplete::RULE,
    &challenge_title_mismatch::RULE,
    &quantitative_target_without_number::RULE,
    &qualitative_target_with_number::RULE,
    &challenge_count::RULE,
    &inspiration_without_figures::RULE,
    &media_corrupt::RULE,
    &media_convert::RULE,
    &video_codec::RULE,
    &video_not_faststart::RULE,
    &poster_not_found::RULE,
    &dpa_clip_too_long::RULE,
    &dpa_package::RULE,
    &pdf_too_many_pages::RULE,
    &lesson_plan_too_many_pages::RULE,
    &pdf_encrypted::RULE,
    &link_url_invalid::RULE,
    &dpa_file_is_link::RULE,
    &evidence_outside_fiscal_year::RULE,
    &committee_composition::RULE,
    &committee_qualification::RULE,
    &briefing_too_late::RULE,
    &evaluation_not_in_september::RULE,
    &order_sent_late::RULE,
    &committee_date_invalid::RULE,
    &score_invalid::RULE,
    &score_below_pass::RULE,
    &score_totals::RULE,
    &national_id_published::RULE,
    &phone_number_published::RULE,
    &photo_has_gps::RULE,
    &video_has_location::RULE,
    &media_without_consent::RULE,
    &private_data_withheld::RULE,
    &teacher_html::RULE,
    &pasted_text::RULE,
    &review_invalid::RULE,
    &review_unknown_indicator::RULE,
    &review_invalid_value::RULE,
    &review_scorer_not_on_committee::RULE,
    &review_orphan::RULE,
    &review_history_order::RULE,
];

/// Finds a rule by id (`C001`, any case) or name (`missing-evidence`).
pub fn find(key: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id.eq_ignore_ascii_case(key) || r.name == key)
}

/// What rule files import.
pub(crate) mod prelude {
    pub use crate::lint::{Ctx, Finding, Rule, Severity};
}

#[cfg(test)]
mod cases;

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::issued::ISSUED;
    use super::*;
    use crate::lint::Category;

    #[test]
    fn ids_and_names_are_unique_and_documented() {
        let mut ids = BTreeSet::new();
        let mut names = BTreeSet::new();
        for r in ALL {
            assert!(ids.insert(r.id), "duplicate id {}", r.id);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            assert!(r
                .doc
                .starts_with(&format!("# {} {}\n\n{} / {}. ", r.id, r.name, r.summary, r.summary_en)));
            for part in ["## What it does", "## Why", "## Example"] {
                assert!(r.doc.contains(part), "{} doc lacks {part}", r.id);
            }
            assert!(
                r.doc.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)),
                "{} doc has no Thai",
                r.id
            );
            assert!(
                r.id.starts_with(r.category.letter()),
                "{} is in {:?}: its id starts with {}",
                r.id,
                r.category,
                r.category.letter()
            );
        }
        assert_eq!(ALL.len(), 54);
    }

    /// `ALL` is exactly the rules of `ISSUED` that are not retired, with the
    /// same names; no id or name was issued twice.
    #[test]
    fn registry_matches_the_frozen_list() {
        let mut ids = BTreeSet::new();
        let mut names = BTreeSet::new();
        for i in ISSUED {
            assert!(ids.insert(i.id), "id {} issued twice", i.id);
            assert!(names.insert(i.name), "name {} issued twice", i.name);
        }
        for r in ALL {
            let issued = ISSUED.iter().find(|i| i.id == r.id);
            let issued = issued
                .unwrap_or_else(|| panic!("{} {} is not in rules/issued.rs: append a row", r.id, r.name));
            assert_eq!(
                issued.name, r.name,
                "{} was issued as {}: rule names never change",
                r.id, issued.name
            );
            assert!(issued.retired.is_none(), "{} is retired but still in ALL", r.id);
        }
        for i in ISSUED.iter().filter(|i| i.retired.is_none()) {
            assert!(
                ALL.iter().any(|r| r.id == i.id),
                "{} {} is issued and not retired but not in ALL",
                i.id,
                i.name
            );
        }
    }

    #[test]
    fn every_category_has_a_rule() {
        for c in Category::ALL {
            assert!(ALL.iter().any(|r| r.category == c), "no rule in {c:?}");
        }
    }
}
