//! Path-carrying IO wrappers.
//!
//! Every function here puts the path (and what we tried to do, in Thai and
//! English) into its error, so no caller ever has to remember to. Modelled on
//! mdBook's `utils::fs`.
//!
//! [`write_atomic`] (and [`replace_atomic`] under it) is krufolio's one
//! atomic writer: the new content goes into a short-named temporary file
//! beside the target ([`tempfile`]'s, `.krufolio-<tag>-<random>.tmp`, 29
//! bytes whatever the target's name, so a name near the 255-byte limit can
//! still be written), which is then renamed over the target. Readers see the
//! old file or the new one, never half of one, and an inode shared by hard
//! link with the target is never modified.

use std::io;
use std::path::{Path, PathBuf};

/// An IO error that knows which file it is about.
#[derive(Debug, thiserror::Error)]
#[error("{th} / {en}: {path}: {source}")]
pub struct FsError {
    /// Thai description of the operation.
    pub th: &'static str,
    /// English description of the operation.
    pub en: &'static str,
    /// The path the operation was about.
    pub path: PathBuf,
    /// The underlying error.
    #[source]
    pub source: io::Error,
}

impl FsError {
    /// The error of doing `th` / `en` to `path`.
    pub fn new(th: &'static str, en: &'static str, path: &Path, source: io::Error) -> FsError {
        FsError { th, en, path: path.to_path_buf(), source }
    }
}

fn err<'a>(th: &'static str, en: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> FsError + 'a {
    move |source| FsError::new(th, en, path, source)
}

/// How a text file's bytes were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 (a byte-order mark, if any, removed).
    Utf8,
    /// Not UTF-8, but Thai in Windows-874 (TIS-620 and its Windows
    /// extension, what Notepad calls "ANSI" on a Thai Windows): decoded.
    /// The caller warns: the file should be saved as UTF-8.
    Windows874,
}

/// A text file's content and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The text, without a byte-order mark.
    pub text: String,
    /// How it was decoded.
    pub encoding: Encoding,
}

/// Reads a text file (Markdown, YAML): UTF-8 with any byte-order mark
/// removed; else, when the bytes read as Thai in Windows-874 (see
/// [`Encoding::Windows874`]), that text; else an error that says to save the
/// file as UTF-8. The one place krufolio decodes a text file.
pub fn read_text(path: &Path) -> Result<Text, FsError> {
    text_of(path, read(path)?)
}

/// The bytes already read from `path` as text, as [`read_text`] decodes them
/// (for a caller that needs the bytes too, so the file is read once).
pub fn text_of(path: &Path, bytes: Vec<u8>) -> Result<Text, FsError> {
    decode(bytes).ok_or_else(|| {
        let why = io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text; save the file as UTF-8");
        FsError::new(
            "อ่านไฟล์ไม่ได้เพราะไม่ใช่ข้อความ UTF-8 ให้เปิดไฟล์แล้วบันทึกใหม่เป็น UTF-8 (ใน Notepad: บันทึกเป็น > การเข้ารหัส UTF-8)",
            "cannot read the file: it is not UTF-8 text (save it as UTF-8; in Notepad: Save as > Encoding UTF-8)",
            path,
            why,
        )
    })
}

/// Bytes → text: UTF-8 (BOM stripped) or plausible Thai in Windows-874;
/// `None` for anything else.
pub fn decode(bytes: Vec<u8>) -> Option<Text> {
    match String::from_utf8(bytes) {
        Ok(text) => Some(utf8_text(text)),
        Err(e) => {
            let bytes = e.into_bytes();
            let text = encoding_rs::WINDOWS_874.decode_without_bom_handling_and_without_replacement(&bytes);
            let text = text.filter(|t| plausible_thai(t))?;
            Some(Text { text: text.into_owned(), encoding: Encoding::Windows874 })
        }
    }
}

/// UTF-8 text already checked, as [`decode`] gives it: any byte-order mark removed.
pub fn utf8_text(mut text: String) -> Text {
    if text.starts_with('\u{feff}') {
        text.replace_range(..'\u{feff}'.len_utf8(), "");
    }
    Text { text, encoding: Encoding::Utf8 }
}

/// Text that is Thai, not binary read as Windows-874: no control
/// characters but line ends and tabs, some Thai, and nothing outside ASCII
/// but Thai and the punctuation Windows-874 adds (quotes, dashes, …, €, no-break space).
fn plausible_thai(text: &str) -> bool {
    let thai = |c: char| ('\u{0E01}'..='\u{0E5B}').contains(&c);
    let extra = |c: char| "\u{a0}€…‘’“”•–—".contains(c);
    let ok = |c: char| {
        matches!(c, '\n' | '\r' | '\t' | '\u{c}') || (' '..='~').contains(&c) || thai(c) || extra(c)
    };
    text.chars().any(thai) && text.chars().all(ok)
}

/// Reads a whole text file as [`read_text`] does, dropping how it was decoded.
pub fn read_to_string(path: &Path) -> Result<String, FsError> {
    read_text(path).map(|t| t.text)
}

/// Reads a whole file as bytes.
pub fn read(path: &Path) -> Result<Vec<u8>, FsError> {
    std::fs::read(path).map_err(err("อ่านไฟล์ไม่ได้", "cannot read file", path))
}

/// Writes a file, creating its parent folders first.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).map_err(err("เขียนไฟล์ไม่ได้", "cannot write file", path))
}

/// Writes `bytes` to `path` atomically (see the module doc), creating its
/// parent folders first. Not synced to disk: see [`write_atomic_durable`].
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    replace_atomic(path, |tmp| write_new(tmp, path, bytes, false))
}

/// [`write_atomic`] of what `write` writes, streamed through a buffer, so a
/// big file (a district's output marker, the probe cache) is never first
/// made whole in memory.
pub fn write_atomic_with(
    path: &Path,
    mut write: impl FnMut(&mut dyn io::Write) -> io::Result<()>,
) -> Result<(), FsError> {
    let failed = || err("เขียนไฟล์ไม่ได้", "cannot write file", path);
    replace_atomic(path, |tmp| {
        let f = std::fs::OpenOptions::new().write(true).create_new(true).open(tmp).map_err(failed())?;
        let mut w = io::BufWriter::with_capacity(1 << 16, f);
        write(&mut w).and_then(|()| io::Write::flush(&mut w)).map_err(failed())
    })
}

/// [`write_atomic`], with the content synced to disk before the rename (for
/// the output journal, which must survive a power cut).
pub fn write_atomic_durable(path: &Path, bytes: &[u8]) -> Result<(), FsError> {
    replace_atomic(path, |tmp| write_new(tmp, path, bytes, true))
}

/// Creates a new file at `path` holding `bytes`, in place (no temporary
/// name): for folders no one else reads until the whole folder is renamed
/// into place, such as the output's staging folder. `Ok(false)` when
/// something already exists at `path` (the caller replaces it atomically).
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<bool, FsError> {
    match std::fs::OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(mut f) => {
            use std::io::Write as _;
            f.write_all(bytes).map_err(err("เขียนไฟล์ไม่ได้", "cannot write file", path))?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(err("เขียนไฟล์ไม่ได้", "cannot write file", path)(e)),
    }
}

/// Creates the file at `tmp` (which must not exist) holding `bytes`; errors
/// name `path`, the file being replaced.
fn write_new(tmp: &Path, path: &Path, bytes: &[u8], durable: bool) -> Result<(), FsError> {
    use std::io::Write as _;
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(tmp).map_err(err(
        "เขียนไฟล์ไม่ได้",
        "cannot write file",
        path,
    ))?;
    f.write_all(bytes).and_then(|()| if durable { f.sync_all() } else { Ok(()) }).map_err(err(
        "เขียนไฟล์ไม่ได้",
        "cannot write file",
        path,
    ))
}

const TEMP_SUFFIX: &str = ".tmp";

/// The prefix of the temporary names made for `path`: `.krufolio-` and a
/// tag of 8 hex digits from `path`'s name.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default();
    format!(".krufolio-{}-", &blake3::hash(name.as_encoded_bytes()).to_hex()[..8])
}

/// True for a temporary name made by [`replace_atomic`].
pub fn is_temp_name(name: &str) -> bool {
    name.len() == 29
        && name.starts_with(".krufolio-")
        && name.ends_with(TEMP_SUFFIX)
        && name.as_bytes()[18] == b'-'
}

/// Removes the temporary files a killed process left beside `path` while
/// replacing it (best effort; only call it while no one else can be).
pub fn remove_stale_temps(path: &Path) {
    let (Some(dir), prefix) = (path.parent(), temp_prefix(path)) else { return };
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        if is_temp_name(&name) && name.starts_with(&prefix) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Replaces `path` atomically with a file that `make` creates at the
/// temporary path it is given (by writing, copying or hard-linking), creating
/// `path`'s parent folders first. The temporary file is removed on failure.
pub fn replace_atomic(
    path: &Path,
    mut make: impl FnMut(&Path) -> Result<(), FsError>,
) -> Result<(), FsError> {
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    create_dir_all(parent)?;
    let mut failed = None;
    let prefix = temp_prefix(path);
    let made =
        tempfile::Builder::new().prefix(&prefix).suffix(TEMP_SUFFIX).rand_bytes(6).make_in(parent, |tmp| {
            make(tmp).map_err(|e| {
                let kind = e.source.kind();
                failed = Some(e);
                io::Error::from(kind) // `AlreadyExists` makes tempfile try another name
            })
        });
    let tmp = match made {
        Ok(tmp) => tmp,
        Err(e) => {
            return Err(failed.unwrap_or_else(|| {
                err("เขียนไฟล์ไม่ได้", "cannot write file", path)(e)
            }))
        }
    };
    tmp.persist(path).map(|_| ()).map_err(|e| {
        err("แทนที่ไฟล์ไม่ได้", "cannot replace file", path)(e.error)
    })
}

/// Creates a folder and all its parents.
pub fn create_dir_all(path: &Path) -> Result<(), FsError> {
    std::fs::create_dir_all(path).map_err(err("สร้างโฟลเดอร์ไม่ได้", "cannot create folder", path))
}

/// Copies a file, creating the destination's parent folders first.
pub fn copy(from: &Path, to: &Path) -> Result<(), FsError> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    std::fs::copy(from, to).map(|_| ()).map_err(|e| {
        // Name the side that failed: a readable source means writing the copy failed.
        if std::fs::File::open(from).is_ok() {
            err("เขียนสำเนาไฟล์ไม่ได้", "cannot write the copy", to)(
                e,
            )
        } else {
            err("คัดลอกไฟล์ไม่ได้", "cannot copy file", from)(e)
        }
    })
}

/// Hard-links `from` to `to` (a new name).
pub fn hard_link(from: &Path, to: &Path) -> Result<(), FsError> {
    std::fs::hard_link(from, to).map_err(err("สร้างฮาร์ดลิงก์ไม่ได้", "cannot hard-link", to))
}

/// Hard-links `from` to `to` (both inside the output tree), falling back to a copy.
pub fn link_or_copy(from: &Path, to: &Path) -> Result<(), FsError> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    if hard_link(from, to).is_ok() {
        return Ok(());
    }
    copy(from, to)
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<(), FsError> {
    std::fs::rename(from, to).map_err(err("ย้ายไม่ได้", "cannot rename", from))
}

/// Removes a folder that krufolio created, with everything in it.
pub fn remove_dir_all(path: &Path) -> Result<(), FsError> {
    std::fs::remove_dir_all(path).map_err(err("ลบโฟลเดอร์ไม่ได้", "cannot remove folder", path))
}

/// Reads file metadata.
pub fn metadata(path: &Path) -> Result<std::fs::Metadata, FsError> {
    std::fs::metadata(path).map_err(err("อ่านข้อมูลไฟล์ไม่ได้", "cannot stat file", path))
}

/// Lists a folder's entries (names only), sorted.
pub fn read_dir_names(path: &Path) -> Result<Vec<std::ffi::OsString>, FsError> {
    let rd = std::fs::read_dir(path).map_err(err("อ่านโฟลเดอร์ไม่ได้", "cannot read folder", path))?;
    let mut names = Vec::new();
    for entry in rd {
        let entry = entry.map_err(err("อ่านโฟลเดอร์ไม่ได้", "cannot read folder", path))?;
        names.push(entry.file_name());
    }
    names.sort();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_path() {
        let e = read_to_string(Path::new("/no/such/ไฟล์.md")).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("/no/such/ไฟล์.md"), "{text}");
        assert!(text.contains("อ่านไฟล์ไม่ได้"), "{text}");
        assert!(text.contains("cannot read file"), "{text}");
    }

    #[test]
    fn a_failed_copy_names_the_destination_when_the_source_is_fine() {
        let tmp = tempfile::tempdir().unwrap();
        let src = tmp.path().join("a.txt");
        std::fs::write(&src, "x").unwrap();
        let long = tmp.path().join("ก".repeat(90));
        let text = copy(&src, &long).unwrap_err().to_string();
        assert!(text.contains("cannot write the copy") && text.contains(&"ก".repeat(90)), "{text}");
    }

    #[test]
    fn atomic_writes_replace_files_with_long_names_and_leave_no_temp() {
        let tmp = tempfile::tempdir().unwrap();
        // 84 Thai letters: 252 bytes, near the limit, so `name.tmp` would not fit.
        let long = tmp.path().join("sub").join("ก".repeat(84));
        write_atomic(&long, b"one").unwrap();
        let linked = tmp.path().join("linked");
        std::fs::hard_link(&long, &linked).unwrap();
        write_atomic_durable(&long, b"two").unwrap();
        assert_eq!(std::fs::read(&long).unwrap(), b"two");
        assert_eq!(std::fs::read(&linked).unwrap(), b"one", "a hard-linked inode is never written");
        let names = read_dir_names(&tmp.path().join("sub")).unwrap();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn a_failed_atomic_write_names_the_path_and_leaves_no_temp() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a-folder");
        std::fs::create_dir(&dir).unwrap();
        std::fs::write(dir.join("inside"), "x").unwrap();
        let text = write_atomic(&dir, b"x").unwrap_err().to_string();
        assert!(text.contains("a-folder") && text.contains("cannot replace file"), "{text}");
        assert_eq!(read_dir_names(tmp.path()).unwrap(), vec![std::ffi::OsString::from("a-folder")]);
    }

    #[test]
    fn stale_temps_of_one_file_are_removed_and_others_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("journal.json");
        let mine = tmp.path().join(format!("{}abcdef.tmp", temp_prefix(&target)));
        let other = tmp.path().join(format!("{}abcdef.tmp", temp_prefix(&tmp.path().join("x"))));
        std::fs::write(&mine, "").unwrap();
        std::fs::write(&other, "").unwrap();
        assert!(is_temp_name(&mine.file_name().unwrap().to_string_lossy()));
        remove_stale_temps(&target);
        assert!(!mine.exists() && other.exists());
    }

    #[test]
    fn windows_874_thai_is_decoded_and_binary_refused() {
        let (bytes, _, _) = encoding_rs::WINDOWS_874.encode("title: แผนการสอน “ภาษาไทย”\n");
        let t = decode(bytes.into_owned()).unwrap();
        assert_eq!(t.text, "title: แผนการสอน “ภาษาไทย”\n");
        assert_eq!(t.encoding, Encoding::Windows874);
        assert!(decode(vec![0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, b'J']).is_none(), "a JPEG is not text");
        // Latin-1 ü (0xFC) has no character in Windows-874.
        assert!(decode(b"\xfcber".to_vec()).is_none(), "Latin-1 is not Thai");
        let t = decode("\u{feff}ก: 1\n".as_bytes().to_vec()).unwrap();
        assert_eq!((t.text.as_str(), t.encoding), ("ก: 1\n", Encoding::Utf8));
    }

    #[test]
    fn a_file_that_is_not_text_says_save_as_utf8() {
        let tmp = tempfile::tempdir().unwrap();
        let f = tmp.path().join("x.md");
        std::fs::write(&f, [0x00, 0xff, 0xfe]).unwrap();
        let text = read_to_string(&f).unwrap_err().to_string();
        assert!(text.contains("save it as UTF-8") && text.contains("x.md"), "{text}");
    }
}
