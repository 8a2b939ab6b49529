//! Where output may go, and which output keys may be written: the checks
//! `output::write` makes before it touches the disk.
//!
//! Refused even with `--force`: the file-system root, the site root or any
//! folder above it, a folder inside `content/`, and the home folder or any
//! folder above it. An output key must be a plain relative path: no
//! absolute path, `.`/`..` or empty segment, backslash or NUL.

use std::path::{Path, PathBuf};

use anyhow::bail;

use crate::config::Config;

/// `p` with symbolic links resolved as far as the folders exist, so a
/// not-yet-created output folder still compares correctly.
fn resolved(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    match (p.parent(), p.file_name()) {
        (Some(parent), Some(name)) => resolved(parent).join(name),
        _ => p.to_path_buf(),
    }
}

/// The user's home folder, when known.
fn home() -> Option<PathBuf> {
    let var = if cfg!(windows) { "USERPROFILE" } else { "HOME" };
    std::env::var_os(var).filter(|h| !h.is_empty()).map(|h| resolved(Path::new(&h)))
}

/// Refuses output folders that would put the site or the user's files at
/// risk (even with `--force`).
pub fn check(config: &Config) -> anyhow::Result<()> {
    let out = resolved(&config.output_dir);
    let shown = out.display();
    if out.parent().is_none() {
        bail!(
            "ไม่ยอมใช้ราก {shown} เป็นโฟลเดอร์ผลลัพธ์ ให้ใช้ --output public / refusing to use {shown} as the output folder; use --output public"
        );
    }
    let root = resolved(&config.root);
    if root.starts_with(&out) {
        bail!(
            "โฟลเดอร์ผลลัพธ์ {shown} คือโฟลเดอร์เว็บไซต์หรือโฟลเดอร์ที่ครอบคลุมมัน จึงไม่ยอมเขียนทับ แม้ใช้ --force ให้ใช้ --output public / \
             refusing to use {shown} as the output folder, even with --force: it is the site folder {} or contains it; use --output public",
            root.display()
        );
    }
    let content = resolved(&config.content_dir);
    if out.starts_with(&content) {
        bail!(
            "โฟลเดอร์ผลลัพธ์ {shown} อยู่ใน content/ ซึ่งทุกไฟล์จะถูกเผยแพร่ซ้ำในการสร้างครั้งถัดไป ให้ใช้โฟลเดอร์นอก content/ เช่น --output public / \
             refusing to use {shown} as the output folder: it is inside content/, so each build would publish the previous output again; \
             use a folder outside content/, e.g. --output public"
        );
    }
    if let Some(home) = home() {
        if home.starts_with(&out) {
            bail!(
                "โฟลเดอร์ผลลัพธ์ {shown} คือโฟลเดอร์บ้าน ({}) หรือโฟลเดอร์ที่ครอบคลุมมัน จึงไม่ยอมแทนที่ แม้ใช้ --force ให้ใช้โฟลเดอร์ใหม่ เช่น --output public / \
                 refusing to use {shown} as the output folder, even with --force: it is your home folder ({}) or contains it; \
                 use a new folder, e.g. --output public",
                home.display(),
                home.display()
            );
        }
    }
    Ok(())
}

/// Why an output key is unsafe to join to the output folder, if it is.
fn unsafe_key(key: &str) -> Option<&'static str> {
    if key.is_empty() {
        Some("empty")
    } else if key.contains('\0') {
        Some("NUL")
    } else if key.contains('\\') {
        Some("backslash")
    } else if key.starts_with('/') || Path::new(key).is_absolute() || Path::new(key).has_root() {
        Some("absolute")
    } else if key.split('/').any(|s| s.is_empty() || s == "." || s == "..") {
        Some("empty, . or .. segment")
    } else {
        None
    }
}

/// Refuses the whole write when any output key could leave the output
/// folder (a last line of defence: slugs are validated at the source).
pub fn check_keys<'a>(keys: impl IntoIterator<Item = &'a String>) -> anyhow::Result<()> {
    for key in keys {
        if let Some(why) = unsafe_key(key) {
            bail!(
                "ไม่ยอมเขียนไฟล์ผลลัพธ์ \"{}\" เพราะที่อยู่ไม่ปลอดภัย ({why}) อาจออกนอกโฟลเดอร์ผลลัพธ์ ให้ตรวจ slug หรือชื่อไฟล์ที่ให้ที่อยู่นี้ / \
                 refusing to write output path \"{}\": it is not a plain relative path ({why}) and could leave the output folder; \
                 check the slug or file name that produces it",
                key.escape_debug(),
                key.escape_debug()
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_keys_are_refused() {
        for bad in
            ["", "../index.html", "a/../../x", "/etc/passwd", "a//b", "./a", "a/.", "a\\..\\b", "a\0b", ".."]
        {
            assert!(unsafe_key(bad).is_some(), "{bad:?} must be refused");
            let e = check_keys([&bad.to_string()]).unwrap_err().to_string();
            assert!(e.contains("refusing to write output path"), "{e}");
            assert!(e.contains("ไม่ยอมเขียนไฟล์ผลลัพธ์"), "{e}");
        }
        for good in ["index.html", "คู่มือ/index.html", ".well-known/x", "a/b.c/d..e"] {
            assert_eq!(unsafe_key(good), None, "{good:?}");
        }
    }

    #[test]
    fn resolves_missing_folders_through_existing_ones() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().canonicalize().unwrap();
        assert_eq!(resolved(&tmp.path().join("a/b")), real.join("a/b"));
    }
}
