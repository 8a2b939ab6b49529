//! Theme files, layered: the default theme embedded in the binary, then the
//! site's `themes/<name>/` on disk, then the site's own `templates/` or
//! `static/`. A later layer replaces an earlier one file by file, so a site
//! overrides exactly the templates it wants.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};

use crate::config::Config;
use crate::diagnostic::Diagnostic;

/// The default theme, compiled in.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// One theme file after layering.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Where it came from, for messages: a path relative to the site root,
    /// or `themes/default/… (built in)`.
    pub label: PathBuf,
    /// Its bytes.
    pub bytes: std::borrow::Cow<'static, [u8]>,
    /// The file on disk, when it came from disk.
    pub disk: Option<PathBuf>,
}

impl ThemeFile {
    /// The bytes as UTF-8 text, or a diagnostic.
    pub fn text(&self) -> Result<&str, Diagnostic> {
        std::str::from_utf8(&self.bytes)
            .map_err(|_| Diagnostic::new(&self.label, None, "ไฟล์ไม่ใช่ข้อความ UTF-8", "file is not UTF-8 text"))
    }
}

fn add_embedded(dir: &'static Dir<'static>, sub: &str, out: &mut BTreeMap<String, ThemeFile>) {
    for entry in dir.entries() {
        if let Some(d) = entry.as_dir() {
            add_embedded(d, sub, out);
        } else if let Some(f) = entry.as_file() {
            let path = f.path();
            if let Ok(rel) = path.strip_prefix(sub) {
                let key = rel.to_string_lossy().replace('\\', "/");
                out.insert(
                    key,
                    ThemeFile {
                        label: PathBuf::from(format!("themes/default/{} (built in)", path.display())),
                        bytes: std::borrow::Cow::Borrowed(f.contents()),
                        disk: None,
                    },
                );
            }
        }
    }
}

fn add_disk(root: &Path, dir: &Path, out: &mut BTreeMap<String, ThemeFile>) -> Result<(), Diagnostic> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Diagnostic::new(dir, None, "อ่านโฟลเดอร์ธีมไม่ได้", e.to_string()))?;
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        let path = entry.path();
        let rel = path.strip_prefix(dir).unwrap_or(path);
        let label = path.strip_prefix(root).unwrap_or(path).to_path_buf();
        let bytes = crate::fs::read(path)
            .map_err(|e| Diagnostic::new(&label, None, "อ่านไฟล์ธีมไม่ได้", e.to_string()))?;
        out.insert(
            rel.to_string_lossy().replace('\\', "/"),
            ThemeFile { label, bytes: std::borrow::Cow::Owned(bytes), disk: Some(path.to_path_buf()) },
        );
    }
    Ok(())
}

/// The files of one theme subfolder (`templates`, `css` or `static`), keyed
/// by their path inside it, after layering. `site_dir` names the site-level
/// override folder (`templates` or `static`), if any.
pub fn files(
    config: &Config,
    sub: &str,
    site_dir: Option<&str>,
) -> Result<BTreeMap<String, ThemeFile>, Diagnostic> {
    let mut out = BTreeMap::new();
    add_embedded(&DEFAULT_THEME, sub, &mut out);
    let theme_dir = config.root.join("themes").join(&config.theme);
    if config.theme != "default" && !theme_dir.is_dir() {
        return Err(Diagnostic::new(
            Path::new("content").join(crate::config::SITE_FILE),
            None,
            format!("ไม่พบธีม \"{}\" (ต้องมีโฟลเดอร์ themes/{}/)", config.theme, config.theme),
            format!("theme \"{}\" not found (expected folder themes/{}/)", config.theme, config.theme),
        ));
    }
    add_disk(&config.root, &theme_dir.join(sub), &mut out)?;
    if let Some(site_dir) = site_dir {
        add_disk(&config.root, &config.root.join(site_dir), &mut out)?;
    }
    Ok(out)
}
