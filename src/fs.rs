//! Path-carrying IO wrappers.
//!
//! Every function here puts the path (and what we tried to do, in Thai and
//! English) into its error, so no caller ever has to remember to. Modelled on
//! mdBook's `utils::fs`.

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

fn err(th: &'static str, en: &'static str, path: &Path) -> impl FnOnce(io::Error) -> FsError {
    let path = path.to_path_buf();
    move |source| FsError { th, en, path, source }
}

/// Reads a whole file as UTF-8 text.
pub fn read_to_string(path: &Path) -> Result<String, FsError> {
    std::fs::read_to_string(path).map_err(err("อ่านไฟล์ไม่ได้", "cannot read file", path))
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

/// Hard-links `from` to `to` (both inside the output tree), falling back to a copy.
pub fn link_or_copy(from: &Path, to: &Path) -> Result<(), FsError> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    if std::fs::hard_link(from, to).is_ok() {
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
}
