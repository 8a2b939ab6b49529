//! `krufolio import FILE.docx|FILE.odt`: a Word or LibreOffice document
//! made into a Markdown page through pandoc (the Debian package `pandoc`).
//! Tables become GFM pipe tables (merged cells are split and reported, see
//! `import/flatten.lua`), images are extracted into `<page>-media/` beside
//! the page and linked relatively, and the title comes from the first
//! heading, else the file name. It never overwrites a file without
//! `--force`, and writes only the page and its media folder.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diagnostic::Diagnostic;

/// The Lua filter that makes every table a pipe table.
const FLATTEN: &str = include_str!("import/flatten.lua");

/// What `import` was asked to do.
#[derive(Debug, Clone)]
pub struct Request {
    /// The `.docx` or `.odt` file.
    pub input: PathBuf,
    /// The page to write (a `.md` file or a folder); default `content/<name>.md`.
    pub out: Option<PathBuf>,
    /// Replace an existing page and media files of the same names.
    pub force: bool,
}

/// What `import` wrote.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The page written.
    pub page: PathBuf,
    /// Its title.
    pub title: String,
    /// Images written (in the media folder).
    pub images: Vec<PathBuf>,
    /// Tables in the page.
    pub tables: usize,
    /// What did not carry over exactly (merged cells, pandoc's warnings).
    pub warnings: Vec<Diagnostic>,
}

fn missing_pandoc(shown: &Path) -> Diagnostic {
    Diagnostic::new(
        shown,
        None,
        "krufolio import ใช้โปรแกรม pandoc ในการอ่านไฟล์ Word (.docx) และ LibreOffice (.odt) แต่ไม่พบ pandoc ในเครื่องนี้",
        "krufolio import reads Word (.docx) and LibreOffice (.odt) files with pandoc, which is not installed",
    )
    .with_hint(
        "ติดตั้ง pandoc: บน Debian/Ubuntu ใช้คำสั่ง sudo apt-get install pandoc; บน Windows หรือ macOS ดาวน์โหลดจาก https://pandoc.org/installing.html แล้วรันคำสั่งเดิมอีกครั้ง",
        "install pandoc: on Debian/Ubuntu `sudo apt-get install pandoc`; on Windows or macOS download it from https://pandoc.org/installing.html, then run the command again",
    )
}

/// Where the page goes: `out` (a file, or a folder that gets `<name>.md`),
/// else `content/<name>.md`; relative paths are read from the site root.
fn page_path(root: &Path, req: &Request, stem: &str) -> PathBuf {
    let name = format!("{stem}.md");
    match &req.out {
        None => root.join("content").join(name),
        Some(o) => {
            let o = if o.is_absolute() { o.clone() } else { root.join(o) };
            let folder = o.is_dir() || o.as_os_str().to_string_lossy().ends_with(['/', '\\']);
            if folder {
                o.join(name)
            } else if o.extension().is_none() {
                o.with_extension("md")
            } else {
                o
            }
        }
    }
}

fn exists_error(path: &Path, what: (&str, &str)) -> Diagnostic {
    Diagnostic::new(
        path,
        None,
        format!("มี{}นี้อยู่แล้ว krufolio import ไม่เขียนทับไฟล์เดิม", what.0),
        format!("this {} already exists; krufolio import never overwrites a file", what.1),
    )
    .with_hint(
        "ใช้ --out เพื่อเลือกชื่อหรือโฟลเดอร์อื่น หรือเพิ่ม --force ถ้าต้องการเขียนทับ",
        "choose another name or folder with --out, or add --force to replace it",
    )
}

/// Runs the import. Errors name the file and say the fix.
pub fn import(root: &Path, req: &Request) -> Result<Imported, Diagnostic> {
    let input = &req.input;
    let ext = input.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
    if ext != "docx" && ext != "odt" {
        return Err(Diagnostic::new(
            input,
            None,
            "krufolio import อ่านได้เฉพาะไฟล์ .docx (Word) และ .odt (LibreOffice)",
            "krufolio import reads .docx (Word) and .odt (LibreOffice) files only",
        )
        .with_hint(
            "เปิดไฟล์ใน Word หรือ LibreOffice แล้วบันทึกเป็น .docx ก่อน (ไฟล์ .doc แบบเก่าอ่านไม่ได้)",
            "open the file in Word or LibreOffice and save it as .docx first (old .doc files are not read)",
        ));
    }
    let input = std::fs::canonicalize(input).map_err(|e| {
        Diagnostic::new(input, None, format!("เปิดไฟล์ไม่ได้: {e}"), format!("cannot open the file: {e}"))
    })?;
    let stem = input.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "page".into());
    let page = page_path(root, req, &stem);
    let page_stem = page.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or(stem.clone());
    // No spaces: a Markdown link destination ends at the first one.
    let media_name = format!("{}-media", page_stem.replace(char::is_whitespace, "-"));
    let media = page.with_file_name(&media_name);
    if page.exists() && !req.force {
        return Err(exists_error(&page, ("หน้า", "page")));
    }
    if media.exists() && !req.force {
        return Err(exists_error(&media, ("โฟลเดอร์ภาพ", "media folder")));
    }
    let parent = page.parent().unwrap_or(Path::new("."));
    crate::fs::create_dir_all(parent).map_err(|e| Diagnostic::io(parent, &e))?;
    // pandoc writes into a private folder beside the page; only the page
    // and its images are moved out of it.
    let work = tempfile::Builder::new().prefix(".krufolio-import-").tempdir_in(parent).map_err(|e| {
        Diagnostic::new(parent, None, format!("เขียนไฟล์ไม่ได้: {e}"), format!("cannot write: {e}"))
    })?;
    let (markdown, stderr) = run_pandoc(&input, work.path(), &media_name)?;
    let mut out = Imported { page: page.clone(), ..Imported::default() };
    out.warnings = pandoc_warnings(&input, &stderr);
    let (title, body) = titled(&markdown, &stem);
    out.tables = body.lines().filter(|l| is_delimiter_row(l)).count();
    out.title = title.clone();
    let text = format!("---\ntitle: {}\n---\n\n{}", serde_json::to_string(&title).unwrap_or_default(), body);
    out.images = move_media(&work.path().join(&media_name), &media)?;
    write_page(&page, text.as_bytes(), req.force)?;
    Ok(out)
}

fn run_pandoc(input: &Path, work: &Path, media_name: &str) -> Result<(String, String), Diagnostic> {
    let filter = work.join("flatten.lua");
    crate::fs::write(&filter, FLATTEN.as_bytes()).map_err(|e| Diagnostic::io(&filter, &e))?;
    let pandoc = std::env::var_os("KRUFOLIO_PANDOC").unwrap_or_else(|| "pandoc".into());
    let output = Command::new(&pandoc)
        .current_dir(work)
        .arg(input)
        .args(["--lua-filter", "flatten.lua", "-t", "gfm-raw_html", "--wrap=none"])
        .arg(format!("--extract-media={media_name}"))
        .args(["-o", "page.md"])
        .output();
    let output = match output {
        Ok(o) => o,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(missing_pandoc(input)),
        Err(e) => {
            return Err(Diagnostic::new(
                input,
                None,
                format!("เรียกโปรแกรม pandoc ไม่ได้: {e}"),
                format!("cannot run pandoc: {e}"),
            ))
        }
    };
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if !output.status.success() {
        return Err(Diagnostic::new(
            input,
            None,
            format!("pandoc อ่านไฟล์นี้ไม่ได้: {}", stderr.trim()),
            format!("pandoc cannot read this file: {}", stderr.trim()),
        )
        .with_hint(
            "ตรวจว่าเปิดไฟล์ใน Word หรือ LibreOffice ได้ แล้วบันทึกเป็น .docx ใหม่",
            "check that Word or LibreOffice opens the file, and save it again as .docx",
        ));
    }
    let md = work.join("page.md");
    let markdown = crate::fs::read_to_string(&md).map_err(|e| Diagnostic::io(&md, &e))?;
    Ok((markdown, stderr))
}

/// pandoc's stderr: the filter's `krufolio-flattened N` lines and pandoc's
/// own warnings, as warnings about the input file.
fn pandoc_warnings(input: &Path, stderr: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for line in stderr.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(n) = line.strip_prefix("krufolio-flattened ") {
            out.push(Diagnostic::new(
                input,
                None,
                format!("ตารางที่ {n} มีช่องที่ผสานกัน (merge) หรือช่องที่มีหลายย่อหน้า จึงแยกช่องที่ผสานออก (ข้อความอยู่ในช่องแรก) และรวมย่อหน้าในช่องเป็นบรรทัดเดียว ให้ตรวจตารางในหน้าที่ได้"),
                format!("table {n} had merged cells or cells of several paragraphs: merged cells were split (the text stays in the first) and paragraphs joined on one line; check the table in the page"),
            ));
        } else {
            out.push(Diagnostic::new(
                input,
                None,
                format!("pandoc แจ้งว่า: {line}"),
                format!("pandoc says: {line}"),
            ));
        }
    }
    out
}

/// The title (the first `# ` heading, taken out of the body, else the file
/// name) and the body.
fn titled(markdown: &str, stem: &str) -> (String, String) {
    let first = markdown.lines().position(|l| !l.trim().is_empty());
    if let Some(i) = first {
        let line = markdown.lines().nth(i).unwrap_or("");
        if let Some(t) = line.strip_prefix("# ").map(str::trim).filter(|t| !t.is_empty()) {
            let rest: Vec<&str> = markdown.lines().skip(i + 1).collect();
            let body = rest.join("\n").trim_start_matches('\n').to_string();
            return (t.to_string(), body + "\n");
        }
    }
    (stem.to_string(), markdown.to_string())
}

fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Moves the extracted images into `to`; with `--force` files of the same
/// names are replaced.
fn move_media(from: &Path, to: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut moved = Vec::new();
    if !from.is_dir() {
        return Ok(moved);
    }
    let entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(from)
        .sort_by_file_name()
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(|e| Diagnostic::new(from, None, format!("อ่านไม่ได้: {e}"), format!("cannot read: {e}")))?;
    for entry in entries {
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            crate::fs::create_dir_all(&dest).map_err(|e| Diagnostic::io(&dest, &e))?;
        } else {
            crate::fs::rename(entry.path(), &dest).map_err(|e| Diagnostic::io(&dest, &e))?;
            moved.push(dest);
        }
    }
    Ok(moved)
}

fn write_page(page: &Path, bytes: &[u8], force: bool) -> Result<(), Diagnostic> {
    if force {
        return crate::fs::write_atomic(page, bytes).map_err(|e| Diagnostic::io(page, &e));
    }
    match crate::fs::create_new(page, bytes) {
        Ok(true) => Ok(()),
        Ok(false) => Err(exists_error(page, ("หน้า", "page"))),
        Err(e) => Err(Diagnostic::io(page, &e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_the_first_heading_else_the_file_name() {
        let (t, b) = titled("\n# แผนการสอน\n\nย่อหน้า\n", "x");
        assert_eq!((t.as_str(), b.as_str()), ("แผนการสอน", "ย่อหน้า\n"));
        let (t, b) = titled("ย่อหน้า\n", "บันทึก");
        assert_eq!((t.as_str(), b.as_str()), ("บันทึก", "ย่อหน้า\n"));
    }

    #[test]
    fn pages_go_under_content_or_where_asked() {
        let root = Path::new("/site");
        let req =
            |out: Option<&str>| Request { input: "a.docx".into(), out: out.map(PathBuf::from), force: false };
        assert_eq!(page_path(root, &req(None), "แผน"), Path::new("/site/content/แผน.md"));
        assert_eq!(
            page_path(root, &req(Some("content/guide/")), "แผน"),
            Path::new("/site/content/guide/แผน.md")
        );
        assert_eq!(
            page_path(root, &req(Some("content/guide/x")), "แผน"),
            Path::new("/site/content/guide/x.md")
        );
        assert_eq!(page_path(root, &req(Some("content/x.md")), "แผน"), Path::new("/site/content/x.md"));
    }

    #[test]
    fn delimiter_rows_count_tables() {
        assert!(is_delimiter_row("|-------|:---|"));
        assert!(!is_delimiter_row("| ก | ข |"));
        assert!(!is_delimiter_row("---"));
    }
}
