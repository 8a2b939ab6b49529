//! Bilingual text: one message in Thai and in English, kept apart so that
//! Thai fields hold Thai and English fields English, and nothing ever joins
//! them into one string to split again. Depends on nothing in the crate (the
//! media code that uses it is also compiled on its own by `fuzz/`).

/// A message in Thai and English.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Text {
    /// Thai.
    pub th: String,
    /// English.
    pub en: String,
}

impl Text {
    /// A message.
    pub fn new(th: impl Into<String>, en: impl Into<String>) -> Text {
        Text { th: th.into(), en: en.into() }
    }

    /// Both parts with runs of whitespace (a library's line breaks) made one space.
    pub fn squashed(self) -> Text {
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        Text { th: squash(&self.th), en: squash(&self.en) }
    }
}

impl std::fmt::Display for Text {
    /// `Thai / English`, for a terminal line.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.th, self.en)
    }
}
