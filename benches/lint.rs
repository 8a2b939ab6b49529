//! Lint benchmark (issue #3): 2,000 generated teacher portfolios, linted
//! without media probing. Run with `cargo bench --bench lint`.
//! Prints wall time and the linter process's peak memory (max RSS).
//! `KRUFOLIO_BENCH_PORTFOLIOS` changes the count. Not a test: nothing here
//! asserts a time.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

fn generate(root: &Path, n: usize) {
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/portfolios/manee-jaingam/portfolio.yaml");
    let manifest = std::fs::read_to_string(sample).expect("sample manifest");
    let codes = [
        "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "1.8", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2",
        "3.3",
    ];
    for i in 0..n {
        let dir = root.join(format!("content/portfolios/kru-{i:04}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("portfolio.yaml"),
            manifest.replace("นางสาวมานี ใจงาม", &format!("ครูทดสอบ {i}")),
        )
        .unwrap();
        for (k, code) in codes.iter().enumerate() {
            // Leave one indicator empty in every tenth portfolio.
            if i % 10 == 0 && k == 11 {
                continue;
            }
            let folder = dir.join(format!("{code} หลักฐาน"));
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(folder.join("รายงาน.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
            std::fs::write(folder.join("ภาพกิจกรรม.jpg"), b"\xff\xd8\xff").unwrap();
            std::fs::write(
                folder.join("ภาพกิจกรรม.md"),
                "---\ntitle: ภาพกิจกรรม\ndate: 2568-06-15\nconsent: true\n---\n",
            )
            .unwrap();
        }
        std::fs::write(dir.join("notes.md"), "# บันทึก\n\nสรุปการพัฒนางานประจำปี ร้อยละ 80 ของนักเรียน\n").unwrap();
    }
}

fn peak_rss_kib_of_children() -> i64 {
    // SAFETY: getrusage only writes into the struct we pass.
    unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut u);
        u.ru_maxrss
    }
}

fn main() {
    let n: usize =
        std::env::var("KRUFOLIO_BENCH_PORTFOLIOS").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
    let tmp = tempfile::tempdir().unwrap();
    let t = Instant::now();
    generate(tmp.path(), n);
    println!("generated {n} portfolios in {:.1} s", t.elapsed().as_secs_f64());
    let bin = env!("CARGO_BIN_EXE_krufolio");
    let run = || {
        let t = Instant::now();
        let o = Command::new(bin)
            .args(["--root", tmp.path().to_str().unwrap(), "lint", "--no-media", "--format", "json"])
            .output()
            .unwrap();
        assert!(o.status.code() == Some(1), "the generated set has planted errors");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        (t.elapsed(), v["summary"]["portfolios"].as_u64().unwrap(), v["findings"].as_array().unwrap().len())
    };
    let _ = run(); // warm the file cache
    let mut best = f64::MAX;
    let mut total = 0.0;
    let runs = 5;
    let mut info = (0, 0);
    for _ in 0..runs {
        let (d, p, f) = run();
        best = best.min(d.as_secs_f64());
        total += d.as_secs_f64();
        info = (p, f);
    }
    println!(
        "lint {} portfolios ({} findings), no media probing: mean {:.0} ms, best {:.0} ms over {runs} runs; peak RSS {:.1} MiB",
        info.0,
        info.1,
        total / runs as f64 * 1e3,
        best * 1e3,
        peak_rss_kib_of_children() as f64 / 1024.0
    );
}
