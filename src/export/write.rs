//! Running `krufolio export dpa`: load and lint one portfolio, check the
//! export folder, copy the location-free files and write the summary.
//!
//! The export folder is krufolio's only when it carries
//! `.krufolio-export.json` (the names it wrote): an existing folder without
//! it that is not empty is refused; with it, only the files it lists are
//! replaced. It may not be the site root or lie inside `content/`.

use std::path::Path;

use super::{plan, table, Status};
use crate::assets::clean::{self, Cleaned};
use crate::config::Options;
use crate::lint::Settings;

/// The export folder's marker: the files krufolio wrote there.
pub const MARKER: &str = ".krufolio-export.json";

/// `krufolio export dpa SLUG [--out DIR]`: 0 when every limit is met, 1 when
/// one is broken (the files are exported all the same), 2 when the command
/// cannot run (unknown slug, refused folder).
pub fn run(opts: &Options, slug: &str, out: Option<&Path>) -> anyhow::Result<i32> {
    let config = match crate::config::resolve(opts) {
        Ok(c) => c,
        Err(d) => return fail(&d.to_string()),
    };
    let known = crate::portfolio::load::slugs(&config.content_dir);
    if !known.iter().any(|k| k == slug) {
        let list = if known.is_empty() { "—".to_string() } else { known.join(", ") };
        return fail(&format!(
            "ไม่พบแฟ้ม content/portfolios/{slug} (แฟ้มที่มี: {list}) / no portfolio named {slug} (known: {list})"
        ));
    }
    let frameworks = match crate::frameworks::load(&config.content_dir) {
        Ok(f) => f,
        Err(ds) => return fail(&ds.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")),
    };
    let settings = match Settings::resolve(&config.lint, config.fiscal_year) {
        Ok(s) => s,
        Err(d) => return fail(&d.to_string()),
    };
    let (portfolios, _) =
        crate::portfolio::load::load_probed(&config.root, &config.content_dir, &[slug.to_string()]);
    let report = crate::lint::lint(&portfolios, &frameworks, &settings);
    let p = &portfolios[0];
    let m = p.manifest.as_ref().ok();
    let Some(dpa) = crate::lint::framework_of(m, &frameworks).and_then(|f| f.dpa.as_ref()) else {
        return fail(&format!(
            "ไม่รู้เกณฑ์ DPA ของแฟ้ม {slug} (portfolio.yaml อ่านไม่ได้ หรือกรอบตัวชี้วัดไม่มีหัวข้อ dpa:) ให้รัน krufolio lint {slug} / no DPA limits for {slug} (portfolio.yaml does not parse, or its framework has no dpa: block); run krufolio lint {slug}"
        ));
    };
    let mut pkg = plan(p, dpa, &report.findings);
    let dir = match out {
        Some(d) => d.to_path_buf(),
        None => config.root.join("export").join(format!("dpa-{slug}")),
    };
    if let Err(why) = prepare(&dir, &config.root, &config.content_dir) {
        return fail(&why);
    }
    let names: Vec<String> = pkg.rows.iter().filter_map(|r| r.name.clone()).collect();
    write_marker(&dir, &names)?;
    let cache = clean::cache_dir(&config.root);
    for (row, source) in pkg.rows.iter_mut().zip(&pkg.sources) {
        let (Some(name), Some(source)) = (row.name.clone(), source) else { continue };
        match clean::for_publish(&config.root.join(source), &cache) {
            Cleaned::Copy(from) => crate::fs::copy(&from, &dir.join(&name))?,
            Cleaned::Refuse(why) => {
                row.status = Status::Broken;
                row.notes.push((format!("ไม่ส่งออก: {}", why.th), format!("not exported: {}", why.en)));
                row.name = None;
            }
        }
    }
    let summary = table::text(&pkg);
    crate::fs::write_atomic(&dir.join("summary.txt"), summary.as_bytes())?;
    crate::fs::write_atomic(&dir.join("summary.csv"), table::csv(&pkg).as_bytes())?;
    let name = m.and_then(|m| m.name.as_deref()).unwrap_or(slug);
    println!("ชุดไฟล์ยื่นระบบ DPA ของ {name} / DPA upload package of {slug}\n");
    print!("{summary}");
    println!("\nส่งออกไปที่ / exported to {}", dir.display());
    if pkg.broken() {
        println!(
            "มีรายการที่ไม่ผ่านเกณฑ์ (✗) แก้ไขแล้วส่งออกใหม่ / some items break a limit (✗): fix them and export again"
        );
        return Ok(1);
    }
    Ok(0)
}

fn fail(msg: &str) -> anyhow::Result<i32> {
    eprintln!("ผิดพลาด / error: {msg}");
    Ok(2)
}

/// Checks (and empties of krufolio's own files) the export folder `dir`.
fn prepare(dir: &Path, root: &Path, content: &Path) -> Result<(), String> {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (d, root, content) = (abs(dir), abs(root), abs(content));
    if d == root || root.starts_with(&d) || d.starts_with(&content) {
        return Err(format!(
            "โฟลเดอร์ส่งออก {} ต้องไม่ใช่โฟลเดอร์เว็บไซต์และไม่อยู่ใน content/ ให้เลือกโฟลเดอร์อื่นด้วย --out / the export folder {} may not be the site folder or lie inside content/: choose another with --out",
            dir.display(),
            dir.display()
        ));
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    let present: Vec<String> =
        entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    if present.is_empty() {
        return Ok(());
    }
    let Some(mine) = read_marker(dir) else {
        return Err(format!(
            "โฟลเดอร์ {} มีไฟล์อยู่แล้วและไม่ได้สร้างโดย krufolio จึงไม่เขียนทับ ให้ใช้ --out กับโฟลเดอร์ใหม่หรือโฟลเดอร์ว่าง / {} already holds files krufolio did not write, so nothing is overwritten: use --out with a new or empty folder",
            dir.display(),
            dir.display()
        ));
    };
    for name in mine.iter().chain(["summary.txt".to_string(), "summary.csv".to_string()].iter()) {
        let safe = !name.contains(['/', '\\']) && name != ".." && name != ".";
        if safe && present.contains(name) {
            std::fs::remove_file(dir.join(name)).map_err(|e| format!("{}: {e}", dir.join(name).display()))?;
        }
    }
    Ok(())
}

fn read_marker(dir: &Path) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(dir.join(MARKER)).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(v["files"].as_array()?.iter().filter_map(|f| f.as_str().map(String::from)).collect())
}

fn write_marker(dir: &Path, names: &[String]) -> anyhow::Result<()> {
    crate::fs::create_dir_all(dir)?;
    let body = serde_json::json!({ "generator": "krufolio export dpa", "files": names });
    crate::fs::write_atomic(&dir.join(MARKER), serde_json::to_string_pretty(&body)?.as_bytes())?;
    Ok(())
}
