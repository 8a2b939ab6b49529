//! Output-folder safety (issue #2): krufolio replaces only what it created
//! and never loses anything.

mod common;

use common::*;

#[test]
fn refuses_a_folder_krufolio_did_not_create() {
    let (_tmp, site) = fixture("basic");
    let public = site.join("public");
    std::fs::create_dir_all(public.join("thesis")).unwrap();
    std::fs::write(public.join("thesis/บทที่1.docx"), b"my work").unwrap();
    let o = build(&site, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let msg = text(&o);
    assert!(msg.contains("--force"), "{msg}");
    assert!(msg.contains("ไม่ได้สร้างโดย krufolio"), "{msg}");
    assert_eq!(std::fs::read(public.join("thesis/บทที่1.docx")).unwrap(), b"my work");
    assert_eq!(files(&public), vec!["thesis/บทที่1.docx"]);

    // With --force the old folder is moved aside, not deleted.
    let o = build(&site, &["--force"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(public.join("index.html").is_file());
    let backup = std::fs::read_dir(&site)
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with("public.backup-"))
        .expect("backup folder");
    assert_eq!(std::fs::read(backup.path().join("thesis/บทที่1.docx")).unwrap(), b"my work");
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let (_tmp, site) = fixture("basic");
    assert!(build(&site, &[]).status.success());
    let public = site.join("public");
    let snapshot: Vec<(String, Vec<u8>)> =
        files(&public).into_iter().map(|f| (f.clone(), std::fs::read(public.join(&f)).unwrap())).collect();
    // Break a page, rebuild: exit 1 and the old site is byte-for-byte intact.
    std::fs::write(site.join("content/guides/writing.md"), "---\ntitle: [oops\n---\n").unwrap();
    let o = build(&site, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let after: Vec<(String, Vec<u8>)> =
        files(&public).into_iter().map(|f| (f.clone(), std::fs::read(public.join(&f)).unwrap())).collect();
    assert_eq!(snapshot, after);
    // No temporary folders are left beside it.
    let leftovers: Vec<_> = std::fs::read_dir(&site)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("krufolio") && n != ".krufolio-cache")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn user_files_in_our_output_survive_a_rebuild() {
    let (_tmp, site) = fixture("basic");
    assert!(build(&site, &[]).status.success());
    let public = site.join("public");
    std::fs::create_dir_all(public.join(".git")).unwrap();
    std::fs::write(public.join(".git/HEAD"), b"ref: refs/heads/gh-pages\n").unwrap();
    std::fs::write(public.join("CNAME"), b"pa.example.go.th\n").unwrap();
    let o = build(&site, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(std::fs::read(public.join(".git/HEAD")).unwrap(), b"ref: refs/heads/gh-pages\n");
    assert_eq!(std::fs::read(public.join("CNAME")).unwrap(), b"pa.example.go.th\n");
    assert!(text(&o).contains("CNAME"));
}

#[test]
fn stale_pages_are_removed_on_rebuild() {
    let (_tmp, site) = fixture("basic");
    assert!(build(&site, &[]).status.success());
    assert!(site.join("public/guides/video/index.html").is_file());
    std::fs::remove_dir_all(site.join("content/guides/video")).unwrap();
    std::fs::write(
        site.join("content/guides/writing.md"),
        "---\ntitle: การเขียน PA\n---\n## เกณฑ์ 70%\n\nข้อความใหม่\n",
    )
    .unwrap();
    let o = build(&site, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(!site.join("public/guides/video").exists());
}

#[test]
fn refuses_output_that_contains_the_site() {
    let (_tmp, site) = fixture("basic");
    let o = build(&site, &["--output", ".", "--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(site.join("content/_index.md").is_file());
    let o = build(&site, &["--output", "..", "--force"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(site.join("content/_index.md").is_file());
}

fn wrote(o: &std::process::Output) -> String {
    let t = text(o);
    t.lines()
        .find(|l| l.contains("wrote "))
        .unwrap_or_default()
        .split(" / ")
        .nth(1)
        .unwrap_or_default()
        .to_string()
}

/// Content hash of every file under `dir` (relative path → blake3 hex).
fn hashes(dir: &std::path::Path) -> std::collections::BTreeMap<String, String> {
    files(dir)
        .into_iter()
        .map(|f| {
            let h = blake3::hash(&std::fs::read(dir.join(&f)).unwrap()).to_hex().to_string();
            (f, h)
        })
        .collect()
}

#[test]
fn rebuilds_write_only_what_changed() {
    let (_tmp, site) = fixture("basic");
    assert!(build(&site, &[]).status.success());
    let second = build(&site, &[]);
    assert!(second.status.success());
    assert!(wrote(&second).starts_with("wrote 0 of "), "{}", text(&second));
    // A body edit rewrites that page only; the result is still correct.
    let page = site.join("content/guides/writing.md");
    let src = std::fs::read_to_string(&page).unwrap().replace("ข้อความมีเชิงอรรถ", "ข้อความแก้แล้ว");
    std::fs::write(&page, src).unwrap();
    let before = hashes(&site.join("public"));
    let third = build(&site, &[]);
    assert!(third.status.success());
    let after = hashes(&site.join("public"));
    let changed: Vec<&String> =
        after.iter().filter(|(f, h)| before.get(*f) != Some(h)).map(|(f, _)| f).collect();
    // The page, and the parts of the search index that hold its words.
    assert!(changed.contains(&&"guides/writing/index.html".to_string()), "{changed:?}");
    let others: Vec<_> = changed
        .iter()
        .filter(|f| {
            !f.starts_with("pagefind/")
                && !["guides/writing/index.html", ".krufolio-output.json"].contains(&f.as_str())
        })
        .collect();
    assert!(others.is_empty(), "only the edited page and the search index may change: {others:?}");
    // (The marker file is not counted as written.)
    let n = changed.len() - 1;
    assert!(wrote(&third).starts_with(&format!("wrote {n} of ")), "{}\n{changed:?}", text(&third));
    let html = std::fs::read_to_string(site.join("public/guides/writing/index.html")).unwrap();
    assert!(html.contains("ข้อความแก้แล้ว"));
}

#[test]
fn hand_edits_in_the_output_never_leak_into_the_next_build() {
    let (_tmp, site) = fixture("basic");
    assert!(build(&site, &[]).status.success());
    assert!(build(&site, &[]).status.success());
    let index = site.join("public/index.html");
    let good = std::fs::read(&index).unwrap();
    // Output files may share inodes with the staging buffer: edit one in place.
    std::fs::write(&index, b"tampered").unwrap();
    for _ in 0..2 {
        let o = build(&site, &[]);
        assert!(o.status.success(), "{}", text(&o));
        assert_eq!(std::fs::read(&index).unwrap(), good);
    }
}
