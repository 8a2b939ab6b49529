//! Integration tests of `krufolio build` on fixture sites (issue #2).

use crate::common::*;

#[test]
fn valid_site_builds_and_matches_snapshot() {
    let (_tmp, site) = fixture("basic");
    let o = build(&site, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let out = site.join("public");
    insta::assert_snapshot!("basic_files", search_files_counted(files(&out)).join("\n"));
    let page = std::fs::read_to_string(out.join("guides/writing/index.html")).unwrap();
    insta::assert_snapshot!("basic_writing_page", redact_hashes(&page));
    let sitemap = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    insta::assert_snapshot!("basic_sitemap", sitemap);
}

#[test]
fn valid_site_has_working_links_lang_and_titles() {
    let (_tmp, site) = fixture("basic");
    let o = build(&site, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let out = site.join("public");
    assert_eq!(broken_links(&out, "/district/"), Vec::<String>::new());
    for f in files(&out).into_iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(out.join(&f)).unwrap();
        assert!(html.contains("<html lang=\"th\""), "{f} has no lang=th");
        let title = html.split("<title>").nth(1).and_then(|t| t.split("</title>").next()).unwrap_or("");
        assert!(!title.trim().is_empty(), "{f} has no title");
    }
}

#[test]
fn markdown_features_and_thai_anchors() {
    let (_tmp, site) = fixture("basic");
    assert!(build(&site, &[]).status.success());
    let html = std::fs::read_to_string(site.join("public/guides/writing/index.html")).unwrap();
    assert!(html.contains("<table>"), "tables");
    assert!(html.contains("<del>"), "strikethrough");
    assert!(html.contains("type=\"checkbox\""), "task lists");
    assert!(html.contains("footnote-definition"), "footnotes");
    assert!(html.contains("id=\"หน้า-5-หลักฐาน\""), "thai heading id");
    assert!(html.contains("id=\"หน้า-5-หลักฐาน-1\""), "deduplicated heading id");
    // The relative .md link and the bundle asset resolve to output URLs.
    assert!(html.contains("href=\"/district/guides/video/\""), "{html}");
    assert!(html.contains("href=\"/district/guides/diagram.svg\""));
    // Thai slugs are kept on disk and percent-encoded in links.
    assert!(site.join("public/guides/คำสั่ง-แต่งตั้ง/index.html").is_file());
    let index = std::fs::read_to_string(site.join("public/guides/index.html")).unwrap();
    assert!(index.contains("/district/guides/%E0%B8%84%E0%B8%B3"), "percent-encoded Thai URL");
    // Drafts are left out unless asked for.
    assert!(!site.join("public/guides/ร่าง").exists());
    let o = build(&site, &["--drafts"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(site.join("public/guides/ร่าง/index.html").is_file());
}

/// Replaces cache-busting hashes (`?h=0123456789`) so theme CSS edits do not
/// churn page snapshots.
fn redact_hashes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find("?h=") {
        out.push_str(&rest[..i + 3]);
        rest = &rest[i + 3..];
        let n = rest.chars().take_while(|c| c.is_ascii_hexdigit()).count();
        out.push_str("[hash]");
        rest = &rest[n..];
    }
    out.push_str(rest);
    out
}

/// The search index's chunk files have content hashes in their names: list
/// them as one line per folder with a count, so the snapshot is about the
/// site's own files.
fn search_files_counted(files: Vec<String>) -> Vec<String> {
    let mut chunks: std::collections::BTreeMap<String, usize> = Default::default();
    let mut out = Vec::new();
    for f in files {
        match f.strip_prefix("pagefind/").and_then(|r| r.rsplit_once('/')).map(|(d, _)| d.to_string()) {
            Some(dir) => *chunks.entry(dir).or_default() += 1,
            None if f.starts_with("pagefind/") && f.contains(".pf_") => {
                *chunks.entry(String::new()).or_default() += 1
            }
            None => out.push(f),
        }
    }
    for (dir, n) in chunks {
        out.push(format!("pagefind/{dir}{}* ({n} index files)", if dir.is_empty() { "" } else { "/" }));
    }
    out.sort();
    out
}

fn failing(name: &str) -> String {
    let (_tmp, site) = fixture(name);
    let o = build(&site, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(!site.join("public").exists(), "a failed build must not create output");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn bad_yaml_names_file_and_line() {
    let err = failing("bad_yaml");
    assert!(err.contains("content/broken.md:3"), "{err}");
    insta::assert_snapshot!("bad_yaml", err);
}

#[test]
fn missing_link_target_names_file_and_line() {
    let err = failing("missing_link");
    assert!(err.contains("content/_index.md:4"), "{err}");
    assert!(err.contains("content/guides/page.md:6"), "{err}");
    insta::assert_snapshot!("missing_link", err);
}

#[test]
fn unknown_config_key_is_named() {
    let err = failing("unknown_config_key");
    assert!(err.contains("base_ulr"), "{err}");
    assert!(err.contains("content/site.yaml:3"), "{err}");
    insta::assert_snapshot!("unknown_config_key", err);
}

#[test]
fn unknown_template_names_the_page() {
    let err = failing("unknown_template");
    assert!(err.contains("content/special.md:3"), "{err}");
    assert!(err.contains("wide.html"), "{err}");
    insta::assert_snapshot!("unknown_template", err);
}

#[test]
fn broken_site_template_names_the_template_file() {
    let err = failing("broken_template");
    assert!(err.contains("templates/page.html:3"), "{err}");
    insta::assert_snapshot!("broken_template", err);
}

#[test]
fn new_site_builds_the_default_content() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("เขต1");
    let o = krufolio(&["new", "site", dir.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(dir.join("content/site.yaml").is_file());
    let o = build(&dir, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(dir.join("public/index.html").is_file());
    // A second `new site` into the same folder refuses and writes nothing.
    let before = files(&dir);
    let o = krufolio(&["new", "site", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(files(&dir), before);
}

// ---------------------------------------------------------------------------
// Issue 9: names and paths that escape or collide
// ---------------------------------------------------------------------------

/// A minimal portfolio (valid manifest, one evidence PDF) under `site`.
fn add_portfolio(site: &std::path::Path, slug: &str) -> std::path::PathBuf {
    let dir = site.join("content/portfolios").join(slug);
    std::fs::create_dir_all(dir.join("1.1 หลักสูตร")).unwrap();
    std::fs::write(
        dir.join("portfolio.yaml"),
        "name: นางสาวทดสอบ ระบบ\nposition: ครู\nstanding: ชำนาญการ\nschool: โรงเรียนทดสอบ\nfiscal_year: 2568\n",
    )
    .unwrap();
    std::fs::write(dir.join("1.1 หลักสูตร/หลักสูตร.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    dir
}

#[test]
fn slug_of_dots_is_an_error_naming_the_file_regression() {
    for slug in ["..", ".", "\"\""] {
        let (tmp, site) = fixture("basic");
        let victim = tmp.path().join("index.html");
        std::fs::write(&victim, "the user's own file").unwrap();
        std::fs::write(
            site.join("content/guides/หนี.md"),
            format!("---\ntitle: หนี\nslug: {slug}\n---\nข้อความ\n"),
        )
        .unwrap();
        let o = build(&site, &[]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "slug {slug}: {t}");
        assert!(t.contains("content/guides/หนี.md:3"), "slug {slug}: names the file and line: {t}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "the user's own file", "slug {slug}");
    }
}

#[test]
fn portfolio_folder_named_print_keeps_the_orders_page_regression() {
    let (_tmp, site) = fixture("basic");
    add_portfolio(&site, "kru-ok");
    add_portfolio(&site, "print");
    let o = build(&site, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let out = site.join("public");
    assert!(out.join("portfolios/print/orders/index.html").is_file(), "the committee-orders page stays");
    assert!(out.join("portfolios/kru-ok/print/report/index.html").is_file(), "other reports stay");
    let lint = krufolio(&["--root", site.to_str().unwrap(), "lint"]);
    assert!(text(&lint).contains("content/portfolios/print"), "lint says why: {}", text(&lint));
    assert_eq!(broken_links(&out, "/district/"), Vec::<String>::new());
}

#[test]
fn guide_files_that_replace_generated_files_are_errors_naming_both_regression() {
    for (file, target) in [
        ("search.md", "search/index.html"),
        ("404.html", "404.html"),
        ("sitemap.xml", "sitemap.xml"),
        ("style.css", "style.css"),
    ] {
        let (_tmp, site) = fixture("basic");
        std::fs::write(site.join("content").join(file), "---\ntitle: x\n---\nx\n").unwrap();
        let o = build(&site, &[]);
        let t = text(&o);
        assert_eq!(o.status.code(), Some(1), "{file}: {t}");
        assert!(t.contains(&format!("content/{file}")) && t.contains(target), "{file}: {t}");
        assert!(!site.join("public").exists(), "{file}: a failed build writes nothing");
    }
}

#[test]
fn evidence_named_like_a_thumbnail_is_left_out_with_a_warning_regression() {
    let (_tmp, site) = fixture("basic");
    let dir = add_portfolio(&site, "kru-thumb");
    // A 1200 px photo gets an 800 px thumbnail named `ภาพ.jpg.w800.jpg`.
    let jpeg = media::jpeg(1200, 900, 80);
    std::fs::write(dir.join("1.1 หลักสูตร/ภาพ.jpg"), &jpeg).unwrap();
    std::fs::write(dir.join("1.1 หลักสูตร/ภาพ.jpg.w800.jpg"), &jpeg).unwrap();
    let o = build(&site, &[]);
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    assert!(t.contains("ภาพ.jpg.w800.jpg") && t.contains("left out"), "{t}");
    let thumb = image::open(site.join("public/portfolios/kru-thumb/1.1 หลักสูตร/ภาพ.jpg.w800.jpg")).unwrap();
    assert_eq!(thumb.width(), 800, "the published file is krufolio's thumbnail, not the teacher's file");
}

#[test]
fn broken_portfolio_page_has_no_dead_print_link_regression() {
    let (_tmp, site) = fixture("basic");
    let dir = add_portfolio(&site, "kru-broken-yaml");
    std::fs::write(dir.join("portfolio.yaml"), "name: [ไม่ปิดวงเล็บ\n").unwrap();
    add_portfolio(&site, "kru-ok");
    let o = build(&site, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let out = site.join("public");
    assert!(out.join("portfolios/kru-broken-yaml/index.html").is_file());
    assert_eq!(broken_links(&out, "/district/"), Vec::<String>::new());
}

#[test]
fn a_panic_in_one_portfolio_is_that_portfolios_finding_regression() {
    let (_tmp, site) = fixture("basic");
    add_portfolio(&site, "kru-ok");
    add_portfolio(&site, "kru-crash");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_krufolio"))
            .args(args)
            .env("KRUFOLIO_FAULT", "panic-in-portfolio:kru-crash")
            .output()
            .unwrap()
    };
    let o = run(&["--root", site.to_str().unwrap(), "build"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(site.join("public/portfolios/kru-ok/index.html").is_file(), "the other portfolio is built");
    let lint = run(&["--root", site.to_str().unwrap(), "lint"]);
    let t = text(&lint);
    assert_ne!(lint.status.code(), Some(101), "{t}");
    assert!(t.contains("content/portfolios/kru-crash") && t.contains("a bug"), "{t}");
}

#[test]
fn long_thai_file_names_do_not_break_the_build_regression() {
    // 85 Thai characters = 255 bytes: the longest name most file systems take.
    let (_tmp, site) = fixture("basic");
    let dir = add_portfolio(&site, "kru-long-names");
    let jpeg = media::jpeg(1700, 1000, 70);
    let photo = format!("{}.jpg", "ภ".repeat(83)); // 249 + 4 bytes
    std::fs::write(dir.join("1.1 หลักสูตร").join(&photo), &jpeg).unwrap();
    let page = format!("{}.html", "ห".repeat(83)); // active: gets `.download` added
    std::fs::write(dir.join("1.1 หลักสูตร").join(&page), "<p>x</p>").unwrap();
    std::fs::write(
        site.join("content/guides").join(format!("{}.md", "ค".repeat(84))),
        "---\ntitle: ยาว\n---\nx\n",
    )
    .unwrap();
    let o = build(&site, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let out = site.join("public/portfolios/kru-long-names/1.1 หลักสูตร");
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.contains(&photo), "the photo keeps its name: {names:?}");
    assert_eq!(
        names.iter().filter(|n| n.ends_with(".w800.jpg") || n.ends_with(".w1600.jpg")).count(),
        2,
        "{names:?}"
    );
    assert!(names.iter().all(|n| n.len() <= 255));
    assert!(names.iter().any(|n| n.ends_with(".download")), "{names:?}");
    assert_eq!(broken_links(&site.join("public"), "/district/"), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn non_utf8_portfolio_file_name_is_skipped_and_reported_regression() {
    use std::os::unix::ffi::OsStrExt as _;
    let (_tmp, site) = fixture("basic");
    let dir = add_portfolio(&site, "kru-zip");
    // "ภาพ" in Windows-874 (TIS-620) bytes, as an old zip tool writes it.
    let name = std::ffi::OsStr::from_bytes(b"\xc0\xd2\xbe.pdf");
    std::fs::write(dir.join("1.1 หลักสูตร").join(name), b"%PDF-1.4\n%%EOF\n").unwrap();
    let o = build(&site, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(site.join("public/portfolios/kru-zip/index.html").is_file());
    let lint = krufolio(&["--root", site.to_str().unwrap(), "lint"]);
    assert!(text(&lint).contains("not valid UTF-8"), "{}", text(&lint));
}
