//! Every lint rule, one file each. The registry [`ALL`] fixes the order in
//! which rules run; ids and names are stable public names.

pub mod briefing_too_late;
pub mod challenge_count;
pub mod challenge_incomplete;
pub mod challenge_title_mismatch;
pub mod committee_composition;
pub mod committee_date_invalid;
pub mod committee_qualification;
pub mod dpa_clip_too_long;
pub mod dpa_package;
pub mod evaluation_not_in_september;
pub mod evidence_outside_fiscal_year;
pub mod file_unreadable;
pub mod inspiration_without_figures;
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
pub mod pdf_encrypted;
pub mod pdf_too_many_pages;
pub mod phone_number_published;
pub mod photo_has_gps;
pub mod poster_not_found;
pub mod private_data_withheld;
pub mod qualitative_target_with_number;
pub mod quantitative_target_without_number;
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

include!(concat!(env!("OUT_DIR"), "/rule_docs.rs"));

/// Every rule, in run order.
pub static ALL: &[&Rule] = &[
    &manifest_missing::RULE,
    &manifest_invalid_yaml::RULE,
    &manifest_missing_key::RULE,
    &manifest_unknown_key::RULE,
    &manifest_invalid_position::RULE,
    &manifest_fiscal_year::RULE,
    &file_unreadable::RULE,
    &missing_evidence::RULE,
    &unknown_indicator::RULE,
    &too_many_items::RULE,
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
    &pdf_encrypted::RULE,
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
];

/// Finds a rule by id (`C001`, any case) or name (`missing-evidence`).
pub fn find(key: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.id.eq_ignore_ascii_case(key) || r.name == key)
}

/// The `//!` doc of a rule file.
pub fn doc_of(file: &str) -> &'static str {
    RULE_DOCS.iter().find(|(f, _)| *f == file).map(|(_, d)| *d).unwrap_or("")
}

/// What rule files import.
pub(crate) mod prelude {
    pub use crate::lint::{Ctx, Finding, Rule, Severity};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique_and_documented() {
        let mut ids = std::collections::BTreeSet::new();
        let mut names = std::collections::BTreeSet::new();
        for r in ALL {
            assert!(ids.insert(r.id), "duplicate id {}", r.id);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            let doc = r.doc();
            for part in ["## What it does", "## Why", "## Example"] {
                assert!(doc.contains(part), "{} doc lacks {part}", r.id);
            }
            assert!(doc.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)), "{} doc has no Thai", r.id);
        }
        assert_eq!(ALL.len(), 42);
    }
}
