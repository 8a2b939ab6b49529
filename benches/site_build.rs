//! Build-speed benchmark: krufolio against Hugo (when installed) on the same
//! generated Thai Markdown site. Run with `cargo bench --bench site_build`.
//!
//! Environment: `KRUFOLIO_BENCH_PAGES` (default 2000), `KRUFOLIO_BENCH_RUNS`
//! (default 5). Prints the mean wall time per tool and the ratios. Not a
//! test: nothing here asserts a time. The krufolio rows compared with Hugo
//! build no search index (Hugo has none); a separate row adds the Pagefind
//! index to show what search costs.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const SECTIONS: usize = 20;

fn paragraph(i: usize, j: usize) -> String {
    format!(
        "ครูผู้สอนจัดกิจกรรมการเรียนรู้ที่เน้นผู้เรียนเป็นสำคัญ ครั้งที่ {i}.{j} โดยใช้สื่อ นวัตกรรม และเทคโนโลยี \
         เพื่อพัฒนาทักษะการคิดวิเคราะห์ของนักเรียน ร้อยละ 80 ของนักเรียนมีผลสัมฤทธิ์ทางการเรียนสูงขึ้น \
         The committee checks every indicator against the evidence in the portfolio.\n\n"
    )
}

fn page(s: usize, p: usize, pages_per_section: usize) -> String {
    let mut body = format!(
        "---\ntitle: \"หลักฐานตัวชี้วัดที่ {s}.{p} การจัดการเรียนรู้\"\ndescription: \"หน้าทดสอบความเร็ว {s}-{p}\"\nweight: {p}\n---\n\n"
    );
    for h in 0..4 {
        body.push_str(&format!("## หัวข้อที่ {h} ของหน้า {p}\n\n"));
        body.push_str(&paragraph(p, h));
        body.push_str("| ตัวชี้วัด | หลักฐาน | หมายเหตุ |\n|---|---|---|\n| 1.1 | หลักสูตรสถานศึกษา | **ครบ** |\n| 1.2 | แผนการจัดการเรียนรู้ | *รอ* |\n\n");
        body.push_str("- แผนการจัดการเรียนรู้\n- บันทึกหลังสอน\n- ภาพกิจกรรม\n\n");
    }
    let next = (p + 1) % pages_per_section;
    body.push_str(&format!("ดูต่อ [หน้าถัดไป](/sec-{s:02}/page-{next:04}/)\n"));
    body
}

fn generate(root: &Path, pages: usize) {
    let per = pages.div_ceil(SECTIONS);
    let content = root.join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(content.join("_index.md"), "---\ntitle: หน้าแรก\n---\nเว็บไซต์ทดสอบความเร็ว\n").unwrap();
    let mut n = 0;
    for s in 0..SECTIONS {
        let dir = content.join(format!("sec-{s:02}"));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("_index.md"),
            format!("---\ntitle: หมวดที่ {s}\nweight: {s}\n---\nหมวดทดสอบ\n"),
        )
        .unwrap();
        for p in 0..per {
            if n == pages {
                break;
            }
            std::fs::write(dir.join(format!("page-{p:04}.md")), page(s, p, per)).unwrap();
            n += 1;
        }
    }
}

const MINIMAL: [(&str, &str); 4] = [
    ("index.html", "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ section.title }}</title></head><body><h1>{{ section.title }}</h1>{{ section.content | safe }}<ul>{% for s in section.subsections %}<li><a href=\"{{ s.url }}\">{{ s.title }}</a></li>{% endfor %}</ul></body></html>"),
    ("section.html", "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ section.title }}</title></head><body><h1>{{ section.title }}</h1>{{ section.content | safe }}<ul>{% for p in section.pages %}<li><a href=\"{{ p.url }}\">{{ p.title }}</a></li>{% endfor %}</ul></body></html>"),
    ("page.html", "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ page.title }}</title></head><body><h1>{{ page.title }}</h1>{{ page.content | safe }}</body></html>"),
    ("404.html", "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>404</title></head><body>404</body></html>"),
];

const HUGO_LAYOUTS: [(&str, &str); 3] = [
    ("index.html", "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Sections }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>"),
    ("_default/list.html", "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>"),
    ("_default/single.html", "<!DOCTYPE html><html lang=\"th\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>"),
];

/// Mean time of `runs` runs after one warm-up. With `cold`, the output
/// folder `out` is deleted (untimed) before every run.
fn time_runs(runs: usize, cold: Option<&Path>, mut f: impl FnMut() -> bool) -> Option<Duration> {
    if !f() {
        return None; // warm-up (and a check that it works)
    }
    let mut total = Duration::ZERO;
    for _ in 0..runs {
        if let Some(out) = cold {
            let _ = std::fs::remove_dir_all(out);
            if let Some(parent) = out.parent() {
                for e in std::fs::read_dir(parent).unwrap().flatten() {
                    if e.file_name().to_string_lossy().contains(".krufolio-") {
                        let _ = std::fs::remove_dir_all(e.path());
                    }
                }
            }
        }
        let t = Instant::now();
        assert!(f(), "run failed");
        total += t.elapsed();
    }
    Some(total / runs as u32)
}

fn main() {
    let pages: usize =
        std::env::var("KRUFOLIO_BENCH_PAGES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000);
    let runs: usize = std::env::var("KRUFOLIO_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    let tmp = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_krufolio");

    // krufolio with the full default theme, with and without the search index
    // (Hugo builds no search index, so the like-for-like rows leave it out).
    let full = tmp.path().join("full");
    generate(&full, pages);
    std::fs::write(full.join("content/site.yaml"), "search: false\n").unwrap();
    let searched = tmp.path().join("searched");
    generate(&searched, pages);
    // krufolio with minimal templates (like the peers' minimal layouts).
    let minimal = tmp.path().join("minimal");
    generate(&minimal, pages);
    std::fs::write(minimal.join("content/site.yaml"), "search: false\n").unwrap();
    std::fs::create_dir_all(minimal.join("templates")).unwrap();
    for (name, text) in MINIMAL {
        std::fs::write(minimal.join("templates").join(name), text).unwrap();
    }
    // Hugo: the same Markdown, minimal layouts.
    let hugo = tmp.path().join("hugo");
    generate(&hugo, pages);
    std::fs::write(
        hugo.join("hugo.toml"),
        "baseURL = 'https://pa.example.go.th/'\nlanguageCode = 'th'\ntitle = 'bench'\ndisableKinds = ['taxonomy', 'term', 'RSS']\n",
    )
    .unwrap();
    for (name, text) in HUGO_LAYOUTS {
        let p = hugo.join("layouts").join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn kf(bin: &str, root: &Path) -> impl FnMut() -> bool {
        let root = root.to_path_buf();
        let bin = bin.to_string();
        move || {
            Command::new(&bin)
                .args(["--root", root.to_str().unwrap(), "build", "--force"])
                .output()
                .map(|o| o.status.success())
                .unwrap_or(false)
        }
    }
    println!("{pages} Thai Markdown pages in {SECTIONS} sections, mean of {runs} runs (after one warm-up)");
    let hugo_dir = hugo.clone();
    let hugo_run = || {
        Command::new("hugo")
            .args(["--quiet", "--source", hugo_dir.to_str().unwrap(), "--destination", "public"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    for (label, cold) in [("rebuild, output present", false), ("cold, empty output", true)] {
        println!("{label}:");
        let at = |root: &Path| cold.then(|| root.join("public"));
        let t_min =
            time_runs(runs, at(&minimal).as_deref(), kf(bin, &minimal)).expect("krufolio (minimal) builds");
        println!("  krufolio, minimal templates : {:>8.1} ms", t_min.as_secs_f64() * 1e3);
        let t_full =
            time_runs(runs, at(&full).as_deref(), kf(bin, &full)).expect("krufolio (default theme) builds");
        println!("  krufolio, default theme     : {:>8.1} ms", t_full.as_secs_f64() * 1e3);
        let t_search = time_runs(runs, at(&searched).as_deref(), kf(bin, &searched))
            .expect("krufolio (default theme + search) builds");
        println!(
            "  krufolio, theme + search    : {:>8.1} ms (the Pagefind index: +{:.1} ms)",
            t_search.as_secs_f64() * 1e3,
            (t_search.as_secs_f64() - t_full.as_secs_f64()) * 1e3
        );
        match time_runs(runs, at(&hugo).as_deref(), hugo_run) {
            Some(h) => {
                println!("  hugo, minimal layouts       : {:>8.1} ms", h.as_secs_f64() * 1e3);
                println!(
                    "  ratio hugo / krufolio: {:.2}x (minimal templates), {:.2}x (default theme), {:.2}x (theme + search)",
                    h.as_secs_f64() / t_min.as_secs_f64(),
                    h.as_secs_f64() / t_full.as_secs_f64(),
                    h.as_secs_f64() / t_search.as_secs_f64()
                );
            }
            None => println!("  hugo: not installed (apt-get install hugo): no comparison"),
        }
    }
}
