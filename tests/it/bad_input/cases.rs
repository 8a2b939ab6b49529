//! Loading the bad-input corpus: one case per file under
//! `tests/fixtures/bad/<kind>/`, and one case per name in
//! `tests/fixtures/bad/names/names.txt`, each with where it goes in the base
//! site and which names a message may use for it.

use std::path::{Path, PathBuf};

/// The base site's portfolio that receives the cases.
pub const CASE_PORTFOLIO: &str = "content/portfolios/kru-case";
/// The base site's portfolio that no case touches: it must always build.
pub const CLEAN_SLUG: &str = "kru-clean";
/// The valid photo whose sidecar the `sidecar/` cases replace.
pub const PHOTO: &str = "content/portfolios/kru-case/1.7 บรรยากาศในชั้นเรียน/มุมรักการอ่าน.jpg";
/// The valid PDF of the base portfolio.
pub const PDF: &str = "content/portfolios/kru-case/รายงานผลการปฏิบัติงานตามข้อตกลง.pdf";

/// Every kind, in the order the tests run them.
pub const KINDS: &[&str] = &["portfolio-yaml", "sidecar", "note", "media", "names", "site-yaml", "page"];

/// What a placement writes.
#[derive(Debug, Clone)]
pub enum Source {
    /// A corpus file, copied byte for byte.
    File(PathBuf),
    /// The base site's valid photo.
    Jpg,
    /// The base site's valid PDF.
    Pdf,
    /// A Markdown note or page with a title.
    Md,
    /// A few bytes of text.
    Text,
    /// A copy of the whole `kru-case` portfolio folder.
    Portfolio,
    /// A symbolic link to this target.
    Symlink(String),
}

/// One file (or folder) a case puts into the site.
#[derive(Debug, Clone)]
pub struct Place {
    /// What to write.
    pub source: Source,
    /// Where, relative to the site root.
    pub dest: String,
}

/// One bad-input case.
#[derive(Debug, Clone)]
pub struct Case {
    /// The corpus kind (folder name).
    pub kind: &'static str,
    /// The case name (file stem, or the first field of a `names.txt` line).
    pub name: String,
    /// What it writes into the base site.
    pub places: Vec<Place>,
    /// A message about the case names one of these (site-relative paths or file names).
    pub names: Vec<String>,
    /// Whether the case is inside a portfolio (so the rest of the site must build).
    pub portfolio_level: bool,
}

impl Case {
    /// `kind/name`, as used in the known-defect list.
    pub fn id(&self) -> String {
        format!("{}/{}", self.kind, self.name)
    }
}

/// `tests/fixtures/bad`.
pub fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

/// Where a corpus file of `kind` goes, relative to the site root.
fn dest_of(kind: &str, file: &Path) -> String {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
    match kind {
        "portfolio-yaml" => format!("{CASE_PORTFOLIO}/portfolio.yaml"),
        "sidecar" => PHOTO.replace(".jpg", ".md"),
        "note" => format!("{CASE_PORTFOLIO}/1.1 หลักสูตรสถานศึกษา/{stem}.md"),
        "media" => format!("{CASE_PORTFOLIO}/1.3 การจัดการเรียนรู้/{name}"),
        "site-yaml" => "content/site.yaml".to_string(),
        "page" => format!("content/pa/{stem}.md"),
        other => panic!("unknown corpus kind `{other}`"),
    }
}

/// The names a message may use for a placed path: the path and its last component.
fn names_of(dest: &str) -> Vec<String> {
    let file = dest.rsplit('/').next().unwrap_or(dest).to_string();
    vec![dest.to_string(), file]
}

/// The cases of one kind, sorted by name.
pub fn load(kind: &'static str) -> Vec<Case> {
    if kind == "names" {
        return load_names();
    }
    let dir = corpus().join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let dest = dest_of(kind, &file);
            let mut names = names_of(&dest);
            if kind == "sidecar" {
                names.extend(names_of(PHOTO));
            }
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            Case {
                kind,
                name,
                places: vec![Place { source: Source::File(file), dest }],
                names,
                portfolio_level: !matches!(kind, "site-yaml" | "page"),
            }
        })
        .collect()
}

/// Parses `names.txt`: `case | action | path` per line; lines of one case accumulate.
fn load_names() -> Vec<Case> {
    let text = std::fs::read_to_string(corpus().join("names/names.txt")).unwrap();
    let mut cases: Vec<Case> = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let mut parts = line.splitn(3, " | ");
        let (name, action, path) = match (parts.next(), parts.next(), parts.next()) {
            (Some(n), Some(a), Some(p)) => (n.to_string(), a, p.replace("{case}", CASE_PORTFOLIO)),
            _ => panic!("names.txt: a line needs `case | action | path`: {line:?}"),
        };
        let source = match action {
            "jpg" => Source::Jpg,
            "pdf" => Source::Pdf,
            "md" => Source::Md,
            "text" => Source::Text,
            "portfolio" => Source::Portfolio,
            a => match a.strip_prefix("symlink:") {
                Some(t) => Source::Symlink(t.to_string()),
                None => panic!("names.txt: unknown action `{a}` in {line:?}"),
            },
        };
        let level = path.starts_with("content/portfolios/");
        let place = Place { source, dest: path.clone() };
        match cases.iter_mut().find(|c| c.name == name) {
            Some(c) => {
                c.names.extend(names_of(&path));
                c.portfolio_level &= level;
                c.places.push(place);
            }
            None => cases.push(Case {
                kind: "names",
                name,
                places: vec![place],
                names: names_of(&path),
                portfolio_level: level,
            }),
        }
    }
    cases
}

/// Writes a case's files into the site copy at `site`.
pub fn place(case: &Case, site: &Path) {
    for p in &case.places {
        let dest = site.join(&p.dest);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        match &p.source {
            Source::File(f) => drop(std::fs::copy(f, &dest).unwrap()),
            Source::Jpg => drop(std::fs::copy(site.join(PHOTO), &dest).unwrap()),
            Source::Pdf => drop(std::fs::copy(site.join(PDF), &dest).unwrap()),
            Source::Md => std::fs::write(&dest, "---\ntitle: หน้าชื่อแปลก\n---\nเนื้อหา\n").unwrap(),
            Source::Text => std::fs::write(&dest, "ข้อความ / text\n").unwrap(),
            Source::Portfolio => crate::common::copy_dir(&site.join(CASE_PORTFOLIO), &dest),
            Source::Symlink(target) => std::os::unix::fs::symlink(target, &dest).unwrap(),
        }
    }
}
