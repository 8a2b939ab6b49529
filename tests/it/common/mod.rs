//! Helpers shared by the integration tests: fixture copies, running the
//! binary, listing output trees and checking links; [`http`] serves built
//! sites to the browser tests and [`media`] runs the Debian tools and makes
//! media at test time.

pub mod garage;
pub mod http;
pub mod media;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// A temporary copy of `tests/fixtures/sites/<name>`; the site root is `<tmp>/site`.
pub fn fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("tests/fixtures/sites").join(name), &site);
    (tmp, site)
}

/// A temporary copy of the clean fixture site (`tests/fixtures/clean`, one
/// lint-clean portfolio `kru-clean`); the root is `<tmp>/site`.
pub fn clean_site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    copy_dir(&repo().join("tests/fixtures/clean"), &site);
    (tmp, site)
}

/// Runs the krufolio binary.
pub fn krufolio(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_krufolio")).args(args).output().unwrap()
}

/// Runs `krufolio --root <site> build <extra…>`.
pub fn build(site: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["--root", site.to_str().unwrap(), "build"];
    args.extend_from_slice(extra);
    krufolio(&args)
}

/// Builds the repository's own site into `out` for `audience` (public | review).
pub fn build_repo(out: &Path, audience: &str) {
    build_repo_with(out, &["--audience", audience]);
}

/// Builds the repository's own site into `out` with `extra` build options;
/// the build must succeed with 0 errors.
pub fn build_repo_with(out: &Path, extra: &[&str]) {
    let root = repo();
    let mut args = vec!["--root", root.to_str().unwrap(), "build", "--output", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = krufolio(&args);
    assert!(o.status.success(), "the build `{}` must succeed with 0 errors:\n{}", extra.join(" "), text(&o));
}

/// Whether the built file `f` is one of Pagefind's gzipped index files.
pub fn is_search_index(f: &str) -> bool {
    f.starts_with("pagefind/") && f.contains(".pf_")
}

/// The bytes of the built file `f` under `out`; a search index file
/// ([`is_search_index`]) unzipped, so what it holds can be searched too.
pub fn read_output(out: &Path, f: &str) -> Vec<u8> {
    let bytes = std::fs::read(out.join(f)).unwrap();
    if !is_search_index(f) {
        return bytes;
    }
    let mut plain = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut plain).unwrap();
    plain
}

/// Percent-encodes one URL path segment (for the Thai slugs).
pub fn seg(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// Stdout + stderr as text.
pub fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// Sorted relative file paths under `dir`.
pub fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/"))
        .collect();
    v.sort();
    v
}

/// Every `href="…"` and `src="…"` value of the real tags of an HTML text
/// (text that only looks like a tag is escaped and has no `<`).
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for tag in html.split('<').skip(1).filter_map(|t| t.split_once('>').map(|(t, _)| t)) {
        for attr in [" href=\"", " src=\""] {
            let mut rest = tag;
            while let Some(i) = rest.find(attr) {
                rest = &rest[i + attr.len()..];
                if let Some(end) = rest.find('"') {
                    let v = rest[..end].replace("&#x27;", "'").replace("&#39;", "'").replace("&quot;", "\"");
                    out.push(v.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"));
                    rest = &rest[end..];
                }
            }
        }
    }
    out
}

/// The `id="…"` values of an HTML text.
pub fn ids(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].to_string());
        }
    }
    out
}

/// Checks that every internal link of every HTML page in `out` (with the
/// site's `base_path`) points at a file in `out`, and that its `#fragment`
/// exists in the target. Returns the broken ones as `page -> link`.
pub fn broken_links(out: &Path, base_path: &str) -> Vec<String> {
    let mut broken = Vec::new();
    for page in files(out).into_iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(out.join(&page)).unwrap();
        for link in links(&html) {
            if link.starts_with("http")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with("data:")
            {
                continue;
            }
            let (path, frag) = match link.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (link.clone(), None),
            };
            let path = path.split('?').next().unwrap().to_string();
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(rest) = path.strip_prefix(base_path) {
                let rest = percent_encoding::percent_decode_str(rest).decode_utf8_lossy().into_owned();
                if rest.is_empty() || rest.ends_with('/') {
                    format!("{rest}index.html")
                } else {
                    rest
                }
            } else {
                broken.push(format!("{page} -> {link} (outside base path {base_path})"));
                continue;
            };
            let file = out.join(&target);
            if !file.is_file() {
                broken.push(format!("{page} -> {link}"));
                continue;
            }
            if let Some(frag) = frag.filter(|f| !f.is_empty()) {
                let frag = percent_encoding::percent_decode_str(&frag).decode_utf8_lossy().into_owned();
                let target_html = std::fs::read_to_string(&file).unwrap_or_default();
                if !ids(&target_html).contains(&frag) {
                    broken.push(format!("{page} -> {link} (no #{frag})"));
                }
            }
        }
    }
    broken
}

/// A running `krufolio serve --port 0` on a site; killed on drop.
pub struct Server {
    /// The child process.
    pub child: std::process::Child,
    /// The port it listens on.
    pub port: u16,
    /// The lines serve printed on stdout after its address.
    pub lines: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts the server and waits for the address it prints.
    pub fn start(site: &Path) -> Server {
        Server::start_with(site, &[])
    }

    /// Starts the server with more arguments after `serve` (`--audience review`).
    pub fn start_with(site: &Path, extra: &[&str]) -> Server {
        use std::io::BufRead;
        let mut child = Command::new(env!("CARGO_BIN_EXE_krufolio"))
            .args(["--root", site.to_str().unwrap(), "serve", "--port", "0"])
            .args(extra)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = std::io::BufReader::new(stdout).lines();
        let port = loop {
            let line = lines.next().expect("serve printed its address").unwrap();
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let keep = seen.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                keep.lock().unwrap().push(line);
            }
        });
        Server { child, port, lines: seen }
    }

    /// How many rebuilds serve has reported so far.
    pub fn rebuilds(&self) -> usize {
        self.lines.lock().unwrap().iter().filter(|l| l.ends_with("/ rebuilt")).count()
    }

    /// The site's URL, ending in `/`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}
