//! `krufolio new site`: writes a new site folder with the default guidance
//! content, so a district starts from real pages and edits them.

use std::path::Path;

use anyhow::bail;
use include_dir::{include_dir, Dir};

/// The repository's own `content/`, compiled in.
static DEFAULT_CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");

fn write_dir(dir: &'static Dir<'static>, dest: &Path, count: &mut usize) -> anyhow::Result<()> {
    for entry in dir.entries() {
        if let Some(d) = entry.as_dir() {
            write_dir(d, dest, count)?;
        } else if let Some(f) = entry.as_file() {
            crate::fs::write(&dest.join("content").join(f.path()), f.contents())?;
            *count += 1;
        }
    }
    Ok(())
}

/// Creates `dir` with `content/` copied from the default site. Refuses a
/// folder that exists and is not empty. Returns the number of files written.
pub fn new_site(dir: &Path) -> anyhow::Result<usize> {
    if dir.exists() && std::fs::read_dir(dir).map(|mut r| r.next().is_some()).unwrap_or(true) {
        bail!(
            "โฟลเดอร์ {} มีอยู่แล้วและไม่ว่าง จึงไม่เขียนทับ / {} exists and is not empty; nothing was written",
            dir.display(),
            dir.display()
        );
    }
    let mut count = 0;
    write_dir(&DEFAULT_CONTENT, dir, &mut count)?;
    crate::fs::write(&dir.join(".gitignore"), b"public/\n.public.krufolio-*/\n")?;
    Ok(count + 1)
}
