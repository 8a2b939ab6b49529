//! The names a portfolio's YAML and files use, as enums: a member's
//! [`Role`] and [`Qualification`], an artefact's [`Kind`], a file's
//! [`DpaRole`] and a sidecar's `kind:` ([`SidecarKind`]). Text that names
//! nothing known is kept (`Other`) so the linter can report it as written.

use serde::{Deserialize, Serialize};

/// Declares an enum of known names that still accepts any other text
/// (kept as `Other` so the linter can name it), parsed and written as the name.
macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(from = "String", into = "String")]
        pub enum $name {
            $($(#[$vm])* $variant,)+
            /// Anything else, as written.
            Other(String),
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match s.trim() {
                    $($text => $name::$variant,)+
                    _ => $name::Other(s),
                }
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.as_str().to_string()
            }
        }

        impl $name {
            /// The name as written in YAML.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Other(s) => s,
                }
            }
        }
    };
}

named_enum! {
    /// A committee member's role.
    Role {
        /// ประธานกรรมการ.
        Chair = "chair",
        /// กรรมการ.
        Member = "member",
        /// กรรมการและเลขานุการ.
        Secretary = "secretary",
    }
}

named_enum! {
    /// What qualifies an outside committee member.
    Qualification {
        /// ศึกษานิเทศก์.
        Supervisor = "supervisor",
        /// อาจารย์มหาวิทยาลัย.
        Lecturer = "lecturer",
        /// ครูต่างสถานศึกษา.
        Teacher = "teacher",
        /// ผู้ทรงคุณวุฒิ.
        Expert = "expert",
    }
}

/// A sidecar's `kind:`: a DPA role by its English or Thai name, or other text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum SidecarKind {
    /// A DPA role.
    Dpa(DpaRole, String),
    /// Anything else, as written.
    Other(String),
}

impl From<String> for SidecarKind {
    fn from(s: String) -> Self {
        match DpaRole::from_name(&s) {
            Some(r) => SidecarKind::Dpa(r, s),
            None => SidecarKind::Other(s),
        }
    }
}

impl From<SidecarKind> for String {
    fn from(k: SidecarKind) -> String {
        match k {
            SidecarKind::Dpa(_, s) | SidecarKind::Other(s) => s,
        }
    }
}

impl SidecarKind {
    /// The DPA role, when the kind names one.
    pub fn dpa_role(&self) -> Option<DpaRole> {
        match self {
            SidecarKind::Dpa(r, _) => Some(*r),
            SidecarKind::Other(_) => None,
        }
    }
}

/// What kind of file an artefact is, from its extension and sniffed bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// JPEG, PNG, WebP, GIF.
    Image,
    /// HEIC/HEIF (iPhone photos; most browsers cannot show them).
    Heic,
    /// MP4/M4V.
    Video,
    /// MOV, AVI, WMV, MKV: videos browsers often cannot play.
    OtherVideo,
    /// Audio files.
    Audio,
    /// PDF.
    Pdf,
    /// DOC/DOCX/PPT/PPTX/XLS/XLSX.
    Office,
    /// Markdown pages and notes.
    Markdown,
    /// Linked evidence: a `.md` file with `url:`, a Windows `.url` or a macOS `.webloc`
    /// shortcut (the page embeds or shows the link; no file is published).
    Link,
    /// Anything else.
    Other,
}

impl Kind {
    /// Kind from a file extension (lowercase, without the dot).
    pub fn from_extension(ext: &str) -> Kind {
        match ext {
            "jpg" | "jpeg" | "png" | "webp" | "gif" => Kind::Image,
            "heic" | "heif" => Kind::Heic,
            "mp4" | "m4v" => Kind::Video,
            "mov" | "avi" | "wmv" | "mkv" | "3gp" | "flv" | "mpg" | "mpeg" | "webm" => Kind::OtherVideo,
            "mp3" | "m4a" | "wav" | "aac" | "ogg" => Kind::Audio,
            "pdf" => Kind::Pdf,
            "doc" | "docx" | "ppt" | "pptx" | "xls" | "xlsx" => Kind::Office,
            "md" => Kind::Markdown,
            "url" | "webloc" => Kind::Link,
            _ => Kind::Other,
        }
    }

    /// Photos and videos may show students.
    pub fn is_visual_media(self) -> bool {
        matches!(self, Kind::Image | Kind::Heic | Kind::Video | Kind::OtherVideo)
    }
}

/// Role of a file in the `dpa/` package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DpaRole {
    /// คลิปการสอน.
    TeachingClip,
    /// คลิปสภาพปัญหา/แรงบันดาลใจ.
    InspirationClip,
    /// แผนการจัดการเรียนรู้.
    LessonPlan,
    /// A file in `dpa/outcomes/`.
    Outcome,
}

impl DpaRole {
    /// Role from a sidecar `kind:` or a file stem.
    pub fn from_name(s: &str) -> Option<DpaRole> {
        let s = s.trim().to_lowercase();
        match s.as_str() {
            "teaching-clip" | "คลิปการสอน" => Some(DpaRole::TeachingClip),
            "inspiration-clip" | "คลิปสภาพปัญหา" | "คลิปแรงบันดาลใจ" | "คลิปสภาพปัญหา/แรงบันดาลใจ" => {
                Some(DpaRole::InspirationClip)
            }
            "lesson-plan" | "แผนการจัดการเรียนรู้" => {
                Some(DpaRole::LessonPlan)
            }
            _ => None,
        }
    }
}
