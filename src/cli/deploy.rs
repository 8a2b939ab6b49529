//! `krufolio deploy`: the arguments, and the report printed from
//! [`crate::deploy::Report`] (one line per object moved, then the counts).

use std::path::PathBuf;

use clap::Args;

use crate::config::deploy::DeployConfig;
use crate::config::Options;
use crate::deploy::Report;

/// `deploy` arguments (each over `site.yaml`'s `deploy:` block).
#[derive(Debug, Args)]
pub struct DeployArgs {
    /// โฟลเดอร์ที่สร้างไว้แล้วด้วย krufolio build / the folder krufolio build wrote
    #[arg(long, short, default_value = "public", value_name = "DIR")]
    pub output: PathBuf,
    /// ชื่อถังเก็บข้อมูล / bucket name
    #[arg(long)]
    pub bucket: Option<String>,
    /// ที่อยู่ S3 เช่น http://127.0.0.1:3900 (ไม่ใส่ = AWS) / S3 endpoint (AWS when unset)
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// ภูมิภาค (Garage: garage) / region
    #[arg(long)]
    pub region: Option<String>,
    /// โฟลเดอร์ในถัง / folder inside the bucket
    #[arg(long)]
    pub prefix: Option<String>,
    /// บอกว่าจะอัปโหลดและลบอะไร โดยไม่เปลี่ยนอะไร / list what would be uploaded and deleted, change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Runs `deploy` and prints its report; exit code 2 when it could not finish.
pub fn deploy(root: Option<PathBuf>, args: DeployArgs) -> i32 {
    let opts = Options {
        root,
        output: Some(args.output),
        deploy: DeployConfig {
            bucket: args.bucket,
            endpoint: args.endpoint,
            region: args.region,
            prefix: args.prefix,
            ..DeployConfig::default()
        },
        ..Options::default()
    };
    let config = match crate::config::resolve(&opts) {
        Ok(c) => c,
        Err(d) => {
            eprintln!("ผิดพลาด / error: {d}");
            return 2;
        }
    };
    match crate::deploy::run(&config, args.dry_run, &|k| std::env::var(k).ok()) {
        Ok(report) => {
            print(&report);
            0
        }
        Err(d) => {
            eprintln!("ผิดพลาด / error: {d}");
            2
        }
    }
}

fn print(r: &Report) {
    let (put_th, put_en, del_th, del_en) = if r.dry_run {
        ("จะอัปโหลด", "would put", "จะลบ", "would delete")
    } else {
        ("อัปโหลด", "put", "ลบ", "deleted")
    };
    for (l, c) in &r.plan.upload {
        let (th, en) = crate::deploy::change_word(*c);
        println!("{put_th} ({th}) / {put_en} ({en}): {}", l.path);
    }
    for p in &r.plan.delete {
        println!("{del_th} / {del_en}: {p}");
    }
    let (up, del, same) = (r.plan.upload.len(), r.plan.delete.len(), r.plan.unchanged.len());
    let mb = r.plan.upload_bytes() as f64 / 1_000_000.0;
    let verb = if r.dry_run {
        "ทดลอง (ไม่ได้เปลี่ยนอะไร)"
    } else {
        "เผยแพร่"
    };
    let verb_en = if r.dry_run { "dry run (nothing changed)" } else { "deployed" };
    println!(
        "{verb} {}: อัปโหลด {up} ไฟล์ ({mb:.1} MB) ลบ {del} ไม่เปลี่ยน {same} / {verb_en} {}: {up} put ({mb:.1} MB), {del} deleted, {same} unchanged",
        r.target, r.target
    );
    if r.not_built > 0 {
        println!(
            "ไม่อัปโหลดไฟล์ที่ krufolio ไม่ได้สร้าง {} ไฟล์ในโฟลเดอร์ผลลัพธ์ / left out {} files in the output folder that no build wrote",
            r.not_built, r.not_built
        );
    }
}
