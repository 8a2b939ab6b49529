//! How a file is fixed: the names `krufolio fix` writes and the ffmpeg commands it runs or
//! prints, shared by the fixer (`crate::fix`) and the lint messages that point to it, so
//! the command a teacher reads is the one krufolio would run.
//!
//! **The naming rule.** A fixed copy sits beside its original as `<stem>.fixed.<ext>`
//! (`คลิปการสอน.mp4` → `คลิปการสอน.fixed.mp4`, `IMG_0231.HEIC` → `IMG_0231.fixed.jpg`).
//! When a portfolio is read, a `<stem>.fixed.<ext>` file stands in for the originals
//! beside it with the same stem that are a video or a HEIC photo, or have the same
//! extension ([`replaces`]); it is published and checked under the original's name
//! without `.fixed` (`คลิปการสอน.mp4`), with the original's sidecar, so the teacher need
//! not delete or rename anything.

/// The marker in a fixed copy's name.
pub const MARK: &str = ".fixed";

/// The name of the fixed copy of `file_name` with the extension `ext` (no dot).
pub fn fixed_name(file_name: &str, ext: &str) -> String {
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
    format!("{stem}{MARK}.{ext}")
}

/// The original's name of a fixed copy (`a.fixed.mp4` → `a.mp4`); `None` for other names
/// (and for extensions `krufolio fix` never writes: `a.fixed.md` is a note's own name).
pub fn unfixed_name(file_name: &str) -> Option<String> {
    let (stem, ext) = file_name.rsplit_once('.')?;
    if !matches!(ext.to_lowercase().as_str(), "mp4" | "mov" | "m4v" | "jpg" | "jpeg") {
        return None;
    }
    let base = stem.strip_suffix(MARK).filter(|b| !b.is_empty())?;
    Some(format!("{base}.{ext}"))
}

/// Whether the fixed copy `fixed` (a name with `.fixed`) stands in for the file `other`
/// in the same folder (see the module doc).
pub fn replaces(fixed: &str, other: &str) -> bool {
    let Some(orig) = unfixed_name(fixed) else { return false };
    if other == fixed || unfixed_name(other).is_some() {
        return false;
    }
    let split = |n: &str| n.rsplit_once('.').map(|(s, e)| (s.to_string(), e.to_lowercase()));
    let (Some((stem, ext)), Some((ostem, oext))) = (split(&orig), split(other)) else { return false };
    let media = matches!(
        oext.as_str(),
        "heic"
            | "heif"
            | "hif"
            | "mp4"
            | "m4v"
            | "mov"
            | "avi"
            | "wmv"
            | "mkv"
            | "webm"
            | "3gp"
            | "mpg"
            | "mpeg"
    );
    stem == ostem && (media || ext == oext)
}

/// A word for a POSIX shell: as it is when it is plain, else in single quotes.
pub fn shell_quote(word: &str) -> String {
    let plain = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-' | '+' | ':' | '='));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// A command line with every word quoted for the shell.
pub fn command_line(args: &[String]) -> String {
    args.iter().map(|a| shell_quote(a)).collect::<Vec<_>>().join(" ")
}

/// ffmpeg's arguments to make a DPA-ready MP4 (H.264 + AAC, fast start, no metadata or
/// location) of `input` at `output`. `copy`: the streams are H.264 and AAC already and
/// are copied, not encoded again.
pub fn ffmpeg_args(input: &str, output: &str, copy: bool) -> Vec<String> {
    let mut a: Vec<&str> = vec!["ffmpeg", "-i", input, "-map", "0:v:0", "-map", "0:a:0?"];
    if copy {
        a.extend(["-c", "copy"]);
    } else {
        a.extend(["-c:v", "libx264", "-preset", "medium", "-crf", "21", "-pix_fmt", "yuv420p"]);
        a.extend(["-c:a", "aac", "-b:a", "160k"]);
    }
    a.extend(["-map_metadata", "-1", "-movflags", "+faststart", output]);
    a.into_iter().map(String::from).collect()
}

/// ffmpeg's arguments for only moving the index to the front (what `krufolio fix` does
/// in Rust), for a teacher without krufolio at hand.
pub fn ffmpeg_faststart_args(input: &str, output: &str) -> Vec<String> {
    ["ffmpeg", "-i", input, "-map", "0", "-c", "copy", "-movflags", "+faststart", output]
        .into_iter()
        .map(String::from)
        .collect()
}

/// `path` (site-relative, `/` separated) with its file name replaced by its fixed name.
pub fn fixed_path(path: &str, ext: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/{}", fixed_name(name, ext)),
        None => fixed_name(path, ext),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_names_round_trip_and_stand_in_only_for_their_originals() {
        assert_eq!(fixed_name("คลิปการสอน.mp4", "mp4"), "คลิปการสอน.fixed.mp4");
        assert_eq!(fixed_name("IMG_0231.HEIC", "jpg"), "IMG_0231.fixed.jpg");
        assert_eq!(unfixed_name("IMG_0231.fixed.jpg").as_deref(), Some("IMG_0231.jpg"));
        assert_eq!(unfixed_name("a.mp4"), None);
        assert_eq!(unfixed_name(".fixed.mp4"), None);
        assert_eq!(unfixed_name("notes.fixed.md"), None);
        assert!(replaces("IMG_0231.fixed.jpg", "IMG_0231.HEIC"));
        assert!(replaces("IMG_0231.fixed.jpg", "IMG_0231.jpg"), "a HEIC named .jpg");
        assert!(replaces("clip.fixed.mp4", "clip.MOV"));
        assert!(!replaces("clip.fixed.mp4", "clip.jpg"), "a poster photo stays");
        assert!(!replaces("clip.fixed.mp4", "clip.md"), "the sidecar stays");
        assert!(!replaces("clip.fixed.mp4", "other.mp4"));
        assert!(!replaces("clip.mp4", "clip.mov"), "not a fixed copy");
        assert_eq!(
            fixed_path("content/portfolios/a/dpa/x.mov", "mp4"),
            "content/portfolios/a/dpa/x.fixed.mp4"
        );
    }

    #[test]
    fn commands_are_quoted_for_the_shell() {
        assert_eq!(shell_quote("a/b.mp4"), "a/b.mp4");
        assert_eq!(shell_quote("คลิป การสอน.mp4"), "'คลิป การสอน.mp4'");
        assert_eq!(shell_quote("it's.mp4"), "'it'\\''s.mp4'");
        let line = command_line(&ffmpeg_faststart_args("in put.mp4", "out.mp4"));
        assert_eq!(line, "ffmpeg -i 'in put.mp4' -map 0 -c copy -movflags +faststart out.mp4");
        assert!(command_line(&ffmpeg_args("a.mov", "a.fixed.mp4", false)).contains("-c:v libx264"));
        assert!(command_line(&ffmpeg_args("a.mov", "a.fixed.mp4", true)).contains("-c copy"));
    }
}
