//! Command-line interface (clap derive). Parsing only: [`main`] turns the
//! arguments into [`crate::config::Options`] and calls the stage that does
//! the work. Exit codes: 0 success, 1 the build found errors, 2 the command
//! could not run.

pub mod deploy;
pub mod lint;

use std::path::PathBuf;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};

use crate::config::Options;

/// krufolio — เว็บไซต์แนวทาง PA และแฟ้มสะสมผลงานครู / PA guidance sites and teacher e-portfolios
#[derive(Debug, Parser)]
#[command(name = "krufolio", version, about, long_about = None)]
pub struct Cli {
    /// โฟลเดอร์เว็บไซต์ (ค่าเริ่มต้น: โฟลเดอร์ปัจจุบัน) / site root (default: current folder)
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// สร้างเว็บไซต์เป็นไฟล์ HTML / build the site into static HTML
    Build(BuildArgs),
    /// สร้าง เฝ้าดูไฟล์ และเปิดให้ดูในเบราว์เซอร์ / build, watch and serve with live reload
    Serve(ServeArgs),
    /// ตรวจแฟ้มสะสมผลงาน / lint portfolios against their framework
    Lint(LintCmd),
    /// แก้ไฟล์สื่อ (วิดีโอ HEIC) เป็นสำเนา .fixed โดยไม่แตะไฟล์เดิม / write fixed copies of media files (videos, HEIC photos); originals are never touched
    Fix(FixCmd),
    /// อธิบายกฎการตรวจ / explain a lint rule (all rules when none is given)
    Explain {
        /// รหัสหรือชื่อกฎ / rule id or name, e.g. C001 or missing-evidence
        rule: Option<String>,
    },
    /// ส่งออกชุดไฟล์ / export a package
    Export {
        #[command(subcommand)]
        what: ExportCommand,
    },
    /// แปลงไฟล์ Word (.docx) หรือ LibreOffice (.odt) เป็นหน้า Markdown (ใช้ pandoc) / make a Word or LibreOffice file a Markdown page (with pandoc)
    Import(ImportArgs),
    /// อัปโหลดเว็บไซต์ที่สร้างแล้วขึ้นที่เก็บข้อมูลแบบ S3 (Garage, MinIO, AWS) เฉพาะไฟล์ที่เปลี่ยน / publish the built site to S3-compatible storage, only what changed
    Deploy(deploy::DeployArgs),
    /// สร้างโครงเว็บไซต์ใหม่ / scaffold something new
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
}

/// What `export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// ชุดไฟล์ยื่นระบบ DPA จากโฟลเดอร์ dpa/ ของแฟ้ม ตรวจตามเกณฑ์ / the DPA upload package of a portfolio's dpa/ folder, checked against the limits
    Dpa {
        /// ชื่อโฟลเดอร์แฟ้ม / portfolio slug
        slug: String,
        /// โฟลเดอร์ส่งออก (ค่าเริ่มต้น: export/dpa-SLUG ในโฟลเดอร์เว็บไซต์) / export folder (default: export/dpa-SLUG in the site folder)
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
}

/// What `new` creates.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// เว็บไซต์ใหม่พร้อมเนื้อหาแนวทาง PA ตัวอย่าง / a new site with the sample PA guidance
    Site {
        /// โฟลเดอร์ที่จะสร้าง / folder to create
        dir: PathBuf,
    },
    /// แฟ้มสะสมผลงานใหม่ / a new portfolio folder under content/portfolios/
    Portfolio {
        /// ชื่อโฟลเดอร์ (ภาษาอังกฤษหรือไทย) / folder name
        slug: String,
        /// ตำแหน่ง / position, e.g. ครู
        #[arg(long)]
        position: String,
        /// วิทยฐานะ / standing, e.g. ชำนาญการ
        #[arg(long)]
        standing: Option<String>,
        /// ชื่อ-นามสกุล / full name
        #[arg(long)]
        name: Option<String>,
        /// สถานศึกษา / school
        #[arg(long)]
        school: Option<String>,
    },
}

/// `fix` arguments.
#[derive(Debug, Args)]
pub struct FixCmd {
    /// แฟ้มที่จะแก้ (ค่าเริ่มต้น: ทุกแฟ้ม) / portfolio slugs (default: all)
    pub portfolios: Vec<String>,
    /// เขียนสำเนาลงโฟลเดอร์นี้ (`DIR/<แฟ้ม>/…`) แทนการวางข้างไฟล์เดิม / write the copies under `DIR/<slug>/` instead of beside the originals
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// บอกว่าจะแก้อะไร โดยไม่เขียนไฟล์ / say what would be fixed, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `lint` arguments.
#[derive(Debug, Args)]
pub struct LintCmd {
    /// แฟ้มที่จะตรวจ (ค่าเริ่มต้น: ทุกแฟ้ม) / portfolio slugs (default: all)
    pub portfolios: Vec<String>,
    /// รูปแบบผลลัพธ์ / output format
    #[arg(long, value_enum, default_value = "human")]
    pub format: crate::lint::output::Format,
    /// ให้คำเตือนนับเป็นข้อผิดพลาด / make warnings fail (`--deny warnings`)
    #[arg(long, value_name = "LEVEL", value_parser = ["warnings"])]
    pub deny: Option<String>,
    /// ไม่เปิดตรวจไฟล์สื่อ / skip media probing
    #[arg(long)]
    pub no_media: bool,
    /// สี / colours
    #[arg(long, value_parser = ["auto", "always", "never"], default_value = "auto")]
    pub color: String,
}

/// `import` arguments.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// ไฟล์ .docx หรือ .odt / the .docx or .odt file
    pub file: PathBuf,
    /// หน้าที่จะเขียน (ไฟล์ .md หรือโฟลเดอร์; ค่าเริ่มต้น content/<ชื่อไฟล์>.md) / the page to write (a .md file or a folder; default `content/<name>.md`)
    #[arg(long, value_name = "PATH")]
    pub out: Option<PathBuf>,
    /// เขียนทับหน้าและภาพที่มีอยู่แล้ว / replace an existing page and images
    #[arg(long)]
    pub force: bool,
}

/// Options shared by `build` and `serve`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// URL ฐานของเว็บไซต์ / base URL of the published site
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// รวมหน้าที่เป็นฉบับร่าง / include pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// ผู้ชม: public (เผยแพร่) หรือ review (พี่เลี้ยง/กรรมการ: แดชบอร์ด รายการตรวจ lint.json) / who the build is for
    #[arg(long, value_enum, default_value = "public")]
    pub audience: crate::config::Audience,
}

/// `build` arguments.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// โฟลเดอร์ผลลัพธ์ / output folder
    #[arg(long, short, default_value = "public", value_name = "DIR")]
    pub output: PathBuf,
    /// แทนที่โฟลเดอร์ผลลัพธ์ที่ไม่ได้สร้างโดย krufolio (ของเดิมเก็บสำรองไว้) / replace an output folder krufolio did not create (kept as a backup)
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub site: SiteArgs,
}

/// `serve` arguments.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// พอร์ต / port (0 picks a free one)
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// ที่อยู่ที่เปิดรับ / address to bind
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    #[command(flatten)]
    pub site: SiteArgs,
}

/// Runs the CLI and returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    if !matches!(cli.command, Command::Serve(_)) {
        quiet_on_closed_pipe();
    }
    malloc_big_blocks_mapped();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("ผิดพลาด / error: {e:#}");
            2
        }
    }
}

/// Lets a closed stdout (`krufolio explain | head -1`) end the process
/// quietly, as it does for other command-line tools, instead of a panic in
/// `println!`. Not for `serve`, which must outlive closed connections.
fn quiet_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

/// Issue 11: glibc raises its mmap threshold each time a big block is
/// freed (up to 32 MiB), after which the thumbnailer's pixel buffers were
/// kept in per-thread arenas, and peak RSS was twice the live heap. A fixed
/// threshold of 1 MiB (which also stops the raising) gives every big buffer
/// its own mapping, returned to the system when freed. Arenas are not capped:
/// capping them at 2 held the memory too but made the search index (small
/// allocations from four threads) 50 % slower. `MALLOC_MMAP_THRESHOLD_` in
/// the environment still wins (benches/thumbs.sh compares both).
fn malloc_big_blocks_mapped() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_MMAP_THRESHOLD_").is_none() {
        // SAFETY: a glibc tuning call made before any other thread starts.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<i32> {
    match cli.command {
        Command::Build(args) => {
            let opts = Options {
                root: cli.root,
                output: Some(args.output),
                base_url: args.site.base_url,
                drafts: args.site.drafts,
                force: args.force,
                serve_addr: None,
                audience: Some(args.site.audience),
                deploy: Default::default(),
            };
            build(&opts)
        }
        Command::Serve(args) => {
            let opts = Options {
                root: cli.root,
                output: None,
                base_url: args.site.base_url,
                drafts: args.site.drafts,
                force: false,
                serve_addr: None,
                audience: Some(args.site.audience),
                deploy: Default::default(),
            };
            crate::serve::run(opts, &args.bind, args.port)?;
            Ok(0)
        }
        Command::Lint(args) => {
            let opts = Options { root: cli.root, ..Default::default() };
            let args = lint::LintArgs {
                portfolios: args.portfolios,
                format: args.format,
                deny_warnings: args.deny.is_some(),
                no_media: args.no_media,
                color: match args.color.as_str() {
                    "always" => Some(true),
                    "never" => Some(false),
                    _ => None,
                },
            };
            lint::lint(&opts, &args)
        }
        Command::Fix(args) => {
            let opts = Options { root: cli.root, ..Default::default() };
            let args =
                crate::fix::FixArgs { portfolios: args.portfolios, out: args.out, dry_run: args.dry_run };
            crate::fix::run(&opts, &args)
        }
        Command::Explain { rule } => Ok(lint::explain(rule.as_deref())),
        Command::Export { what: ExportCommand::Dpa { slug, out } } => {
            let opts = Options { root: cli.root, ..Default::default() };
            crate::export::run(&opts, &slug, out.as_deref())
        }
        Command::Import(args) => Ok(import(cli.root, args)),
        Command::Deploy(args) => Ok(deploy::deploy(cli.root, args)),
        Command::New { what: NewCommand::Portfolio { slug, position, standing, name, school } } => {
            let opts = Options { root: cli.root, ..Default::default() };
            let spec = crate::scaffold::PortfolioSpec { slug, position, standing, name, school };
            let dir = crate::scaffold::new_portfolio(&opts, &spec)?;
            println!("สร้างแฟ้มใหม่ที่ {} / created a new portfolio", dir.display());
            println!("ต่อไป / next: ใส่หลักฐานในโฟลเดอร์ตัวชี้วัด แล้วรัน krufolio lint {}", spec.slug);
            Ok(0)
        }
        Command::New { what: NewCommand::Site { dir } } => {
            let dir = match cli.root {
                Some(root) if dir.is_relative() => root.join(dir),
                _ => dir,
            };
            let n = crate::scaffold::new_site(&dir)?;
            println!("สร้างเว็บไซต์ใหม่ที่ {} ({n} ไฟล์) / created a new site", dir.display());
            println!("ต่อไป / next:  cd {} && krufolio serve", dir.display());
            Ok(0)
        }
    }
}

/// `krufolio import`: prints what it wrote, or the error (exit code 2).
fn import(root: Option<PathBuf>, args: ImportArgs) -> i32 {
    let root = root.unwrap_or_else(|| PathBuf::from("."));
    let req = crate::import::Request { input: args.file, out: args.out, force: args.force };
    match crate::import::import(&root, &req) {
        Ok(done) => {
            println!("เขียนหน้า {} (ชื่อเรื่อง: {}) / wrote the page", done.page.display(), done.title);
            println!(
                "ตาราง {} ตาราง, ภาพ {} ภาพ / {} tables, {} images",
                done.tables,
                done.images.len(),
                done.tables,
                done.images.len()
            );
            for img in &done.images {
                println!("  ภาพ / image: {}", img.display());
            }
            for w in &done.warnings {
                eprintln!("warning: {w}");
            }
            0
        }
        Err(e) => {
            eprintln!("ผิดพลาด / error: {e}");
            2
        }
    }
}

fn build(opts: &Options) -> anyhow::Result<i32> {
    let started = Instant::now();
    let (config, stats, report) = match crate::build::build_and_write(opts) {
        Ok(x) => x,
        Err(crate::build::Failed::Build(e)) => {
            eprint!("{e}");
            return Ok(1);
        }
        Err(crate::build::Failed::Write(e)) => return Err(e),
    };
    let shown = config.output_dir.strip_prefix(&config.root).unwrap_or(&config.output_dir);
    println!(
        "สร้างเว็บไซต์เสร็จ: {} หน้า, {} ไฟล์ → {} ใน {} ms / built {} pages, {} files",
        stats.pages,
        stats.files,
        shown.display(),
        started.elapsed().as_millis(),
        stats.pages,
        stats.files
    );
    if stats.thumbs_made + stats.thumbs_cached > 0 {
        println!(
            "ภาพย่อ: สร้างใหม่ {} ใช้จากแคช {} / thumbnails: {} made, {} from the cache",
            stats.thumbs_made, stats.thumbs_cached, stats.thumbs_made, stats.thumbs_cached
        );
    }
    if stats.probes_made + stats.probes_cached > 0 {
        println!(
            "ตรวจไฟล์สื่อ: ตรวจใหม่ {} ใช้ผลเดิมจากแคช {} / media probes: {} made, {} from the cache",
            stats.probes_made, stats.probes_cached, stats.probes_made, stats.probes_cached
        );
    }
    if stats.search.shards > 1 || stats.search.cached > 0 {
        let s = stats.search;
        println!(
            "ดัชนีค้นหา: {} หน้า {} ชุด (ใช้จากแคช {} ชุด) / search index: {} pages in {} shards, {} from the cache",
            s.pages, s.shards, s.cached, s.pages, s.shards, s.cached
        );
    }
    print_masked(&stats.masked);
    for w in &stats.warnings {
        eprintln!("warning: {w}");
    }
    if let Some(line) = stats.lint.as_deref().and_then(crate::lint::output::human::totals_line) {
        eprintln!("{line}");
    }
    println!(
        "เขียนไฟล์ที่เปลี่ยน {} จาก {} ไฟล์ / wrote {} of {} files (the rest were unchanged)",
        report.written, report.total, report.written, report.total
    );
    if !report.kept.is_empty() {
        println!("เก็บไฟล์ของผู้ใช้ไว้ / kept your own files: {}", report.kept.join(", "));
    }
    if !report.restored.is_empty() {
        println!(
            "คืนไฟล์ของผู้ใช้ที่ค้างจากการสร้างที่ถูกหยุดกลางคัน / put back your files left by an interrupted build: {}",
            report.restored.join(", ")
        );
    }
    for dir in &report.cleaned {
        println!(
            "ลบโฟลเดอร์ที่ค้างจากการสร้างที่ถูกหยุดกลางคัน / removed a folder left by an interrupted build: {}",
            dir.display()
        );
    }
    if let Some(b) = report.backup {
        println!("ย้ายโฟลเดอร์เดิมไปเก็บที่ / the old folder was moved to {}", b.display());
    }
    Ok(0)
}

/// Says how many national IDs and phone numbers the build masked, and where
/// (the first few files; `lint` reports each one with its source line).
fn print_masked(masked: &[(String, usize)]) {
    if masked.is_empty() {
        return;
    }
    let total: usize = masked.iter().map(|(_, n)| n).sum();
    let files: Vec<String> = masked.iter().take(5).map(|(p, n)| format!("{p} ({n})")).collect();
    let more = if masked.len() > 5 { format!(" … +{}", masked.len() - 5) } else { String::new() };
    eprintln!(
        "ปิดบังเลขประจำตัวประชาชน/หมายเลขโทรศัพท์ {total} แห่งใน {} ไฟล์ / masked {total} national ID or phone numbers in {} files: {}{more}\n  \
         ให้ลบออกจากต้นฉบับ (ดู krufolio lint) / remove them from the sources (see krufolio lint)",
        masked.len(),
        masked.len(),
        files.join(", ")
    );
}
