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
    crate::fs::write(&dir.join(".gitignore"), b"public/\n.public.krufolio-*/\n.krufolio-cache/\n")?;
    Ok(count + 1)
}

/// What `krufolio new portfolio` was asked for.
#[derive(Debug, Clone)]
pub struct PortfolioSpec {
    /// Folder name.
    pub slug: String,
    /// Position.
    pub position: String,
    /// Standing.
    pub standing: Option<String>,
    /// Full name.
    pub name: Option<String>,
    /// School.
    pub school: Option<String>,
}

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// Creates `content/portfolios/<slug>/`: a commented `portfolio.yaml`, one
/// folder per indicator (each with a README listing suggested evidence),
/// `challenge/`, and `dpa/` where the position has a DPA package.
pub fn new_portfolio(
    opts: &crate::config::Options,
    spec: &PortfolioSpec,
) -> anyhow::Result<std::path::PathBuf> {
    let config = crate::config::resolve(opts).map_err(|d| anyhow::anyhow!("{d}"))?;
    let frameworks = crate::frameworks::load(&config.content_dir)
        .map_err(|ds| anyhow::anyhow!(ds.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")))?;
    if spec.slug.is_empty() || spec.slug.contains(['/', '\\']) || spec.slug.starts_with('.') {
        bail!("ชื่อแฟ้ม \"{}\" ใช้ไม่ได้ / invalid portfolio name \"{}\"", spec.slug, spec.slug);
    }
    let Some(fw) = frameworks.for_position(&spec.position) else {
        bail!(
            "ไม่รู้จักตำแหน่ง \"{}\" (ใช้: {}) / unknown position",
            spec.position,
            frameworks.positions().join(", ")
        );
    };
    let standing = spec.standing.as_deref().filter(|s| !s.is_empty());
    let Some(level) = fw.level(&spec.position, standing) else {
        let allowed: Vec<String> = fw
            .levels
            .iter()
            .filter(|l| l.position == spec.position)
            .map(|l| l.standing.clone().unwrap_or_else(|| "(ไม่มี / none)".into()))
            .collect();
        bail!(
            "ตำแหน่ง {} ไม่มีวิทยฐานะ {} (ใช้ได้: {}) / invalid standing for this position",
            spec.position,
            standing.unwrap_or("(ไม่มี)"),
            allowed.join(", ")
        );
    };
    let dir = config.content_dir.join(crate::portfolio::load::DIR).join(&spec.slug);
    if dir.exists() {
        bail!("มีแฟ้ม {} อยู่แล้ว จึงไม่เขียนทับ / {} exists; nothing was written", dir.display(), dir.display());
    }
    let manifest = manifest_text(spec, fw, standing, level.level.as_deref(), config.fiscal_year);
    crate::fs::write(&dir.join("portfolio.yaml"), manifest.as_bytes())?;
    write_folders(&dir, fw)?;
    Ok(dir)
}

/// The commented `portfolio.yaml` of a new portfolio.
fn manifest_text(
    spec: &PortfolioSpec,
    fw: &crate::frameworks::Framework,
    standing: Option<&str>,
    level: Option<&str>,
    fiscal_year: i32,
) -> String {
    let mut y = String::new();
    y.push_str(
        "# แฟ้มสะสมผลงาน (portfolio.yaml) — ดูคำอธิบายทุกคีย์ในคู่มือ / every key is explained in the guide.\n",
    );
    y.push_str(&format!("# ตรวจด้วย / check with: krufolio lint {}\n\n", spec.slug));
    y.push_str(&format!(
        "name: {}   # ชื่อ-นามสกุล พร้อมคำนำหน้า\n",
        yaml_str(spec.name.as_deref().unwrap_or("ชื่อ นามสกุล"))
    ));
    y.push_str(&format!("position: {}\n", spec.position));
    match standing {
        Some(s) => y.push_str(&format!("standing: {s}\n")),
        None => y.push_str("# standing: ชำนาญการ   # วิทยฐานะ (ถ้ามี)\n"),
    }
    if let Some(l) = level {
        y.push_str(&format!("# ระดับการปฏิบัติที่คาดหวัง / expected level: {l}\n"));
    }
    if fw.id != "district-director" {
        y.push_str(&format!("school: {}\n", yaml_str(spec.school.as_deref().unwrap_or("โรงเรียน..."))));
        y.push_str("# subject: วิทยาศาสตร์\n");
    }
    y.push_str(&format!("fiscal_year: {fiscal_year}   # ปีงบประมาณ พ.ศ. (1 ต.ค. – 30 ก.ย.)\n"));
    y.push_str(&format!("framework: {}\n\n", fw.id));
    y.push_str("# ส่วนที่ 2 ประเด็นท้าทาย / Part 2, the challenge issue\n");
    let challenge = "  title: \"\"        # ต้องตรงกับ agreement.title\n  inspiration: \"\"  # สภาพปัญหา พร้อมตัวเลขหรือสถิติจริง\n  method: \"\"       # ขั้นตอน / ปฏิทิน / โมเดล\n  outcomes:\n    quantitative: []   # ทุกข้อต้องมีตัวเลข เช่น ร้อยละ 80 ของนักเรียน...\n    qualitative: []    # ห้ามมีตัวเลข\n";
    if fw.part2.challenges > 1 {
        y.push_str(&format!("challenge:   # ต้องมี {} ประเด็น\n", fw.part2.challenges));
        for _ in 0..fw.part2.challenges {
            y.push_str(&challenge.replacen("  title", "  - title", 1).replace("\n  ", "\n    "));
        }
    } else {
        y.push_str("challenge:\n");
        y.push_str(challenge);
        y.push_str("agreement:\n  title: \"\"   # ชื่อประเด็นท้าทายตามที่ตกลงกับผู้บังคับบัญชา\n");
    }
    y.push_str("\n# committee: และ scores: ใส่เมื่อได้รับคำสั่งแต่งตั้งและผลการประเมิน (ดูคู่มือ)\n");
    y.push_str("\nprivate:   # ไม่เผยแพร่บนเว็บ ใช้พิมพ์รายงานเท่านั้น / never published\n  # birth_date: 2525-03-14\n  # salary: 0\n");
    y
}

/// One folder per indicator with a README of suggested evidence,
/// `challenge/`, and `dpa/` where the framework has a DPA package.
fn write_folders(dir: &std::path::Path, fw: &crate::frameworks::Framework) -> anyhow::Result<()> {
    for (domain, ind) in fw.indicators() {
        let title: String = ind.title.chars().take(40).collect();
        let folder = dir.join(format!("{} {}", ind.code, title.trim()));
        let mut readme = format!(
            "# {} {}\n\n{}\n\nหลักฐานที่แนะนำ / suggested evidence:\n\n",
            ind.code, ind.title, domain.title
        );
        for e in &ind.evidence {
            readme.push_str(&format!("- {e}\n"));
        }
        readme.push_str("\nวางไฟล์หลักฐานในโฟลเดอร์นี้ (ไฟล์นี้ไม่นับเป็นหลักฐาน) / put evidence files here (this README does not count).\n");
        crate::fs::write(&folder.join("README.md"), readme.as_bytes())?;
    }
    let mut ch = String::from(
        "# ประเด็นท้าทาย / challenge\n\nร่องรอยวิธีดำเนินการและผลลัพธ์ / traces of the method and the outcomes:\n\n",
    );
    for e in fw.part2.method_evidence.iter().chain(&fw.part2.outcome_evidence) {
        ch.push_str(&format!("- {e}\n"));
    }
    crate::fs::write(&dir.join("challenge/README.md"), ch.as_bytes())?;
    if let Some(dpa) = &fw.dpa {
        let text = format!(
            "# ชุดไฟล์ยื่นขอวิทยฐานะ (DPA) / the standing-application package\n\n- คลิปการสอน.mp4 — ไม่เกิน {} นาที ถ่ายต่อเนื่อง, MP4 (H.264 + AAC)\n- คลิปสภาพปัญหา.mp4 — ไม่เกิน {} นาที\n- แผนการจัดการเรียนรู้.pdf — PDF ไฟล์เดียว ไม่เกิน {} หน้า\n- outcomes/ — ผลลัพธ์ผู้เรียน ไม่เกิน {} ไฟล์ วิดีโอไม่เกิน {} ไฟล์\n",
            dpa.teaching_clip_max_seconds / 60.0,
            dpa.inspiration_clip_max_seconds / 60.0,
            dpa.pdf_max_pages,
            dpa.outcomes_max_files,
            dpa.outcomes_max_videos
        );
        crate::fs::write(&dir.join("dpa/README.md"), text.as_bytes())?;
        crate::fs::create_dir_all(&dir.join("dpa/outcomes"))?;
    }
    Ok(())
}
