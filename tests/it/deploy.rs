//! `krufolio deploy` (issue 13, items 4 and 5) against a real Garage started
//! by `common::garage`: the sample site is built and deployed, one page is
//! edited and exactly the objects whose bytes changed move (by the deploy's
//! own report and by listing the bucket with `object_store`), an object put
//! there by someone else survives, and the site is read back through
//! Garage's website endpoint (content types, cache headers, a Range request
//! on a video, a large video uploaded in parts, the search in chromium). A
//! second test runs three nodes with replication 3 and stops one.
//! The refusals (a key in `site.yaml`, no key, a folder krufolio did not
//! build) need no Garage.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use object_store::aws::AmazonS3Builder;
use object_store::{ObjectStore, ObjectStoreExt};

use crate::common::garage::{garage_binary, web_get, Cluster, REGION};
use crate::common::*;

/// A copy of the repository's sample site (its `content/`), with one large
/// video (over the multipart size) made from a small one plus a `free` box.
fn sample_site() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("content"), &site.join("content"));
    let folder = site.join("content/portfolios/manee-jaingam/๑.๓ จัดกิจกรรมการเรียนรู้");
    let mut big = std::fs::read(folder.join("คลิปกิจกรรมสืบเสาะ.mp4")).unwrap();
    let pad = 20 * 1024 * 1024u32;
    big.extend_from_slice(&(pad + 8).to_be_bytes());
    big.extend_from_slice(b"free");
    big.resize(big.len() + pad as usize, 0);
    std::fs::write(folder.join("คลิปกิจกรรมยาว.mp4"), big).unwrap();
    let out = tmp.path().join("public");
    (tmp, site, out)
}

fn build_site(site: &Path, out: &Path) {
    let o = build(site, &["--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
}

/// blake3 of every built file (the marker aside).
fn hashes(out: &Path) -> BTreeMap<String, String> {
    files(out)
        .into_iter()
        .filter(|f| f != ".krufolio-output.json")
        .map(|f| {
            let h = blake3::hash(&std::fs::read(out.join(&f)).unwrap()).to_hex().to_string();
            (f, h)
        })
        .collect()
}

/// Runs `krufolio deploy` against node `node` of `c`, with the key in the environment only.
fn deploy(site: &Path, out: &Path, c: &Cluster, node: usize, extra: &[&str]) -> std::process::Output {
    let endpoint = c.nodes[node].endpoint();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_krufolio"));
    cmd.args(["--root", site.to_str().unwrap(), "deploy", "--output", out.to_str().unwrap()])
        .args(["--bucket", &c.bucket, "--endpoint", &endpoint, "--region", REGION])
        .args(extra)
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_SESSION_TOKEN");
    for (k, v) in c.env() {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    let all = text(&o);
    assert!(!all.contains(&c.secret), "the secret was printed:\n{all}");
    o
}

/// The deploy's own report: paths put and paths deleted (`would …` in a dry run).
fn report(o: &std::process::Output) -> (Vec<String>, Vec<String>) {
    let out = String::from_utf8_lossy(&o.stdout);
    let after = |l: &str, sep: &str| l.split_once(sep).map(|(_, p)| p.to_string());
    let put = out
        .lines()
        .filter(|l| l.contains(" / put (") || l.contains(" / would put ("))
        .filter_map(|l| after(l, "): "))
        .collect();
    let del = out
        .lines()
        .filter(|l| l.contains(" / deleted: ") || l.contains(" / would delete: "))
        .filter_map(|l| after(l, "deleted: ").or_else(|| after(l, "would delete: ")))
        .collect();
    (put, del)
}

/// Every object in the bucket: key → (ETag, last modified).
fn listing(c: &Cluster, node: usize) -> BTreeMap<String, (String, String)> {
    let store = client(c, node);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use futures_util::TryStreamExt;
        let all: Vec<_> = store.list(None).try_collect().await.unwrap();
        all.into_iter()
            .map(|m| (m.location.to_string(), (m.e_tag.unwrap_or_default(), m.last_modified.to_rfc3339())))
            .collect()
    })
}

fn client(c: &Cluster, node: usize) -> object_store::aws::AmazonS3 {
    AmazonS3Builder::new()
        .with_bucket_name(&c.bucket)
        .with_region(REGION)
        .with_endpoint(c.nodes[node].endpoint())
        .with_allow_http(true)
        .with_access_key_id(&c.key_id)
        .with_secret_access_key(&c.secret)
        .build()
        .unwrap()
}

/// Puts an object the way another tool would (not through krufolio).
fn put_foreign(c: &Cluster, key: &str) {
    let store = client(c, 0);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(store.put(&object_store::path::Path::from(key), "not krufolio's".into())).unwrap();
}

/// The paths whose bytes differ between two builds, and those gone.
fn diff(before: &BTreeMap<String, String>, after: &BTreeMap<String, String>) -> (Vec<String>, Vec<String>) {
    let changed = after.iter().filter(|(p, h)| before.get(*p) != Some(*h)).map(|(p, _)| p.clone()).collect();
    let gone = before.keys().filter(|p| !after.contains_key(*p)).cloned().collect();
    (changed, gone)
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// A URL path of an output path (Thai segments percent-encoded).
fn url(path: &str) -> String {
    let p: Vec<String> = path.split('/').map(seg).collect();
    format!("/{}", p.join("/"))
}

#[test]
fn deploy_to_garage_moves_exactly_the_changed_objects_and_serves_the_site() {
    let Some(bin) = garage_binary() else { return };
    let c = Cluster::start(&bin, 1);
    let (_tmp, site, out) = sample_site();
    build_site(&site, &out);
    let first = hashes(&out);

    let o = deploy(&site, &out, &c, 0, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let (put, del) = report(&o);
    assert_eq!(
        sorted(put),
        first.keys().cloned().collect::<Vec<_>>(),
        "the first deploy puts every built file"
    );
    assert!(del.is_empty());
    let listed = listing(&c, 0);
    let mut expect: Vec<String> = first.keys().cloned().collect();
    expect.push(".krufolio-deploy.json".into());
    assert_eq!(listed.keys().cloned().collect::<Vec<_>>(), sorted(expect));

    // Someone else's objects, beside and among krufolio's.
    put_foreign(&c, "someone-else/notes.txt");
    put_foreign(&c, "guide/admin-notes.txt");

    // Nothing changed: nothing moves.
    let o = deploy(&site, &out, &c, 0, &[]);
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(report(&o), (vec![], vec![]), "{}", text(&o));

    // One page edited, one evidence file removed.
    let page = site.join("content/guide/commands.md");
    let mut md = std::fs::read_to_string(&page).unwrap();
    md.push_str("\n\nย่อหน้าใหม่สำหรับทดสอบการเผยแพร่\n");
    std::fs::write(&page, md).unwrap();
    let gone = site.join("content/portfolios/manee-jaingam/3.1 พัฒนาตนเอง/เกียรติบัตรอบรม Active Learning.pdf");
    std::fs::remove_file(&gone).unwrap();
    build_site(&site, &out);
    let second = hashes(&out);
    let (changed, removed) = diff(&first, &second);
    assert!(changed.contains(&"guide/commands/index.html".to_string()), "{changed:?}");
    assert!(!removed.is_empty() && changed.len() < first.len() / 3, "{changed:?} {removed:?}");

    // A dry run lists exactly that, and changes nothing.
    let before = listing(&c, 0);
    let o = deploy(&site, &out, &c, 0, &["--dry-run"]);
    assert!(o.status.success(), "{}", text(&o));
    let (put, del) = report(&o);
    assert_eq!((sorted(put), sorted(del)), (changed.clone(), removed.clone()));
    assert!(text(&o).contains("dry run (nothing changed)"), "{}", text(&o));
    assert_eq!(listing(&c, 0), before, "a dry run changed the bucket");

    // Distinct modification times for the listing's count.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let o = deploy(&site, &out, &c, 0, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let (put, del) = report(&o);
    assert_eq!((sorted(put), sorted(del)), (changed.clone(), removed.clone()), "{}", text(&o));
    let after = listing(&c, 0);
    let moved: Vec<String> = after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v) && k.as_str() != ".krufolio-deploy.json")
        .map(|(k, _)| k.clone())
        .collect();
    assert_eq!(moved, changed, "objects the bucket shows as written");
    let vanished: Vec<String> = before.keys().filter(|k| !after.contains_key(*k)).cloned().collect();
    assert_eq!(vanished, removed);
    for foreign in ["someone-else/notes.txt", "guide/admin-notes.txt"] {
        assert!(after.contains_key(foreign), "{foreign} (not krufolio's) was deleted");
    }

    // The large video went up in parts (a multipart ETag ends in -<parts>).
    let big = "portfolios/manee-jaingam/๑.๓ จัดกิจกรรมการเรียนรู้/คลิปกิจกรรมยาว.mp4";
    assert!(after[big].0.trim_matches('"').ends_with("-3"), "{big}: {:?}", after[big]);

    read_back(&c, 0, &out);
    search_in_chromium(&c, 0);
    video_in_chromium(&c, 0);
}

/// Pages, types, cache headers and a video Range request through node `node`'s website endpoint.
fn read_back(c: &Cluster, node: usize, out: &Path) {
    let (port, host) = (c.nodes[node].web, c.host());
    let home = web_get(port, &host, "/", &[]);
    assert_eq!(home.status, 200, "{}", String::from_utf8_lossy(&home.body));
    assert_eq!(home.body, std::fs::read(out.join("index.html")).unwrap());
    assert_eq!(home.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(home.header("cache-control"), Some("public, max-age=60"));
    let page = web_get(port, &host, "/guide/commands/", &[]);
    assert!(String::from_utf8_lossy(&page.body).contains("ย่อหน้าใหม่สำหรับทดสอบการเผยแพร่"));
    let css = web_get(port, &host, "/style.css", &[]);
    assert_eq!((css.status, css.header("content-type")), (200, Some("text/css; charset=utf-8")));
    let fragment = files(out).into_iter().find(|f| f.ends_with(".pf_fragment")).unwrap();
    let frag = web_get(port, &host, &url(&fragment), &[]);
    assert_eq!(frag.header("cache-control"), Some("public, max-age=31536000, immutable"), "{fragment}");
    let pdf = files(out).into_iter().find(|f| f.ends_with(".pdf")).unwrap();
    assert_eq!(web_get(port, &host, &url(&pdf), &[]).header("content-type"), Some("application/pdf"));

    let video = "portfolios/manee-jaingam/dpa/คลิปการสอน.mp4";
    let bytes = std::fs::read(out.join(video)).unwrap();
    let r = web_get(port, &host, &url(video), &[("Range", "bytes=100-1099")]);
    assert_eq!(r.status, 206, "{:?}", r.headers);
    assert_eq!(r.header("content-type"), Some("video/mp4"));
    assert_eq!(r.header("content-range"), Some(format!("bytes 100-1099/{}", bytes.len()).as_str()));
    assert_eq!(r.body, &bytes[100..1100]);
    let missing = web_get(port, &host, "/no-such-page/", &[]);
    assert_eq!(missing.status, 404);
}

/// Debian's chromium opens the site from Garage (`*.localhost` is loopback)
/// and searches it (`tests/browser/search.mjs`).
fn search_in_chromium(c: &Cluster, node: usize) {
    if !http::browser_tools(&["playwright-core"]) {
        return;
    }
    let base = format!("http://{}:{}/", c.host(), c.nodes[node].web);
    let o = http::browser_script("search.mjs", [base.as_str(), "พัดลม"]);
    assert!(o.status.success(), "search from Garage failed:\n{}", text(&o));
    let lines = http::json_lines(&o);
    let results: Vec<&str> =
        lines[0]["results"].as_array().unwrap().iter().filter_map(|r| r.as_str()).collect();
    assert!(results.contains(&"/media/video/"), "{}", lines[0]);
    assert_eq!(lines[0]["errors"].as_array().map(Vec::len), Some(0), "{}", lines[0]);
}

/// Debian's chromium plays a portfolio's video from Garage: it loads and seeks to the
/// middle, through Range requests (`tests/browser/video.mjs`).
fn video_in_chromium(c: &Cluster, node: usize) {
    if !http::browser_tools(&["playwright-core"]) {
        return;
    }
    let page = format!("http://{}:{}/portfolios/manee-jaingam/", c.host(), c.nodes[node].web);
    let o = http::browser_script("video.mjs", [page.as_str()]);
    let lines = http::json_lines(&o);
    assert!(o.status.success(), "the video did not seek from Garage:\n{}", text(&o));
    let v = &lines[0];
    assert_eq!(v["seeked"], true, "{v}");
    assert!(v["readyState"].as_u64() >= Some(2), "a frame at the new position: {v}");
    let statuses: Vec<u64> = v["statuses"].as_array().unwrap().iter().filter_map(|s| s.as_u64()).collect();
    assert!(statuses.contains(&206), "the browser read the video in ranges: {v}");
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(0), "{v}");
}

#[test]
fn deploy_with_one_of_three_garage_nodes_down() {
    let Some(bin) = garage_binary() else { return };
    let mut c = Cluster::start(&bin, 3);
    let (_tmp, site, out) = sample_site();
    build_site(&site, &out);
    let first = hashes(&out);
    let o = deploy(&site, &out, &c, 0, &[]);
    assert!(o.status.success(), "{}", text(&o));

    c.nodes[2].stop();
    let page = site.join("content/guide/commands.md");
    let mut md = std::fs::read_to_string(&page).unwrap();
    md.push_str("\n\nย่อหน้าใหม่สำหรับทดสอบการเผยแพร่\n");
    std::fs::write(&page, md).unwrap();
    build_site(&site, &out);
    let (changed, removed) = diff(&first, &hashes(&out));
    let o = deploy(&site, &out, &c, 0, &[]);
    assert!(o.status.success(), "with a node down: {}", text(&o));
    let (put, del) = report(&o);
    assert_eq!((sorted(put), sorted(del)), (changed, removed));
    // Read through the other live node.
    read_back(&c, 1, &out);
}

/// The manifest object as JSON.
fn manifest(c: &Cluster) -> serde_json::Value {
    let store = client(c, 0);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let bytes = rt.block_on(async {
        let key = object_store::path::Path::from(".krufolio-deploy.json");
        store.get(&key).await.unwrap().bytes().await.unwrap()
    });
    serde_json::from_slice(&bytes).unwrap()
}

#[test]
fn an_interrupted_deploy_leaves_a_manifest_the_next_deploy_finishes() {
    let Some(bin) = garage_binary() else { return };
    let c = Cluster::start(&bin, 1);
    let (_tmp, site, out) = sample_site();
    build_site(&site, &out);
    let first = hashes(&out);
    assert!(deploy(&site, &out, &c, 0, &[]).status.success());

    // Three new pages; the bucket's quota lets one more object in, so the
    // deploy fails part-way (Garage refuses the second new object).
    for name in ["ก", "ข", "ค"] {
        let page = format!("---\ntitle: หน้าใหม่ {name}\n---\n\nเนื้อหา {name}\n");
        std::fs::write(site.join(format!("content/guide/new-{name}.md")), page).unwrap();
    }
    build_site(&site, &out);
    let (changed, removed) = diff(&first, &hashes(&out));
    let objects = listing(&c, 0).len();
    c.garage(0, &["bucket", "set-quotas", "site", "--max-objects", &(objects + 1).to_string()]);
    let o = deploy(&site, &out, &c, 0, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("s3://site/") && err.contains("อัปโหลดไฟล์ไม่สำเร็จ") && err.contains("upload failed"),
        "{err}"
    );

    // The manifest still lists every object of the first deploy, and each
    // file this one set out to upload, as pending (no hash).
    let m = manifest(&c);
    let listed = m["files"].as_object().unwrap();
    assert!(first.keys().all(|k| listed.contains_key(k)), "an earlier object fell out of the manifest");
    for k in &changed {
        assert_eq!(listed[k.as_str()]["hash"], "", "{k} is not marked pending");
    }

    // The next deploy (quota lifted) finishes the job: exactly the same set.
    c.garage(0, &["bucket", "set-quotas", "site", "--max-objects", "none"]);
    let o = deploy(&site, &out, &c, 0, &[]);
    assert!(o.status.success(), "{}", text(&o));
    let (put, del) = report(&o);
    assert_eq!((sorted(put), sorted(del)), (changed, removed));
    let mut expect: Vec<String> = hashes(&out).into_keys().collect();
    expect.push(".krufolio-deploy.json".into());
    assert_eq!(listing(&c, 0).into_keys().collect::<Vec<_>>(), sorted(expect));
    let m = manifest(&c);
    assert!(m["files"].as_object().unwrap().values().all(|e| e["hash"] != ""), "pending entries left");
}

// ------------------------------------------------------------ refusals

fn refusal(site: &Path, extra: &[(&str, &str)]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_krufolio"));
    cmd.args([
        "--root",
        site.to_str().unwrap(),
        "deploy",
        "--bucket",
        "site",
        "--endpoint",
        "http://127.0.0.1:9",
    ])
    .env_remove("AWS_ACCESS_KEY_ID")
    .env_remove("AWS_SECRET_ACCESS_KEY")
    .env_remove("AWS_PROFILE")
    .env("HOME", "/nonexistent");
    for (k, v) in extra {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn deploy_refuses_a_key_in_site_yaml_and_never_shows_it() {
    let (_tmp, site) = fixture("basic");
    let yaml = site.join("content/site.yaml");
    let mut text = std::fs::read_to_string(&yaml).unwrap_or_default();
    text.push_str("deploy:\n  bucket: site\n  secret_access_key: TOPSECRET123\n");
    std::fs::write(&yaml, &text).unwrap();
    let err = refusal(&site, &[]);
    assert!(!err.contains("TOPSECRET123"), "{err}");
    insta::assert_snapshot!(err);
}

#[test]
fn deploy_without_a_key_says_where_to_put_one() {
    let (_tmp, site) = fixture("basic");
    assert!(build(&site, &[]).status.success());
    insta::assert_snapshot!(refusal(&site, &[]));
}

#[test]
fn deploy_refuses_a_folder_krufolio_did_not_build() {
    let (_tmp, site) = fixture("basic");
    std::fs::create_dir_all(site.join("public")).unwrap();
    std::fs::write(site.join("public/index.html"), "hand-made").unwrap();
    let err = refusal(&site, &[("AWS_ACCESS_KEY_ID", "GK1"), ("AWS_SECRET_ACCESS_KEY", "s")]);
    insta::assert_snapshot!(err);
}

#[test]
fn deploy_never_publishes_a_review_build() {
    let (_tmp, site) = fixture("basic");
    assert!(build(&site, &["--audience", "review"]).status.success());
    let err = refusal(&site, &[("AWS_ACCESS_KEY_ID", "GK1"), ("AWS_SECRET_ACCESS_KEY", "s")]);
    insta::assert_snapshot!(err);
}
