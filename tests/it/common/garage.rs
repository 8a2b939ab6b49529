//! A real Garage (S3-compatible object store) for the deploy tests: one or
//! more nodes in a temporary folder on free loopback ports, laid out and
//! given a website bucket and a key with the `garage` command, exactly as a
//! district would (`content/guide/deploy.md`). The binary is
//! `$KRUFOLIO_GARAGE`, else `garage` on PATH; without it [`garage_binary`]
//! skips (or fails with `KRUFOLIO_REQUIRE_TOOLS`, as CI sets).
//!
//! Also a plain HTTP/1.1 GET with a `Host` header ([`web_get`]), for
//! reading the site back through Garage's website endpoint.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The web endpoint's root domain: bucket `site` is `site.web.garage.localhost`
/// (chromium sends every `*.localhost` name to loopback).
pub const WEB_ROOT: &str = ".web.garage.localhost";
/// The S3 region every test node uses.
pub const REGION: &str = "garage";

/// The Garage binary, or `None` (after printing why) when the test skips.
pub fn garage_binary() -> Option<PathBuf> {
    let found = match std::env::var_os("KRUFOLIO_GARAGE") {
        Some(p) => Some(PathBuf::from(p)).filter(|p| p.is_file()),
        None => super::media::which("garage"),
    };
    if found.is_none() {
        let how = "cargo install garage --version 2.5.0 --locked --no-default-features --features bundled-libs,sqlite \
                   (or set KRUFOLIO_GARAGE)";
        assert!(std::env::var_os("KRUFOLIO_REQUIRE_TOOLS").is_none(), "garage is needed: {how}");
        eprintln!("skipped: garage not installed ({how})");
    }
    found
}

/// A free loopback port (the OS's pick; released before Garage binds it).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// One running Garage node.
pub struct Node {
    /// Its config file.
    pub config: PathBuf,
    /// S3 API port.
    pub s3: u16,
    /// Website port.
    pub web: u16,
    /// RPC port.
    pub rpc: u16,
    child: Option<Child>,
}

impl Node {
    /// The S3 endpoint, `http://127.0.0.1:<port>`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.s3)
    }

    /// Stops the node (SIGKILL: a machine that goes away).
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A cluster, its bucket `site` (a website) and a key that owns it.
pub struct Cluster {
    /// The binary.
    pub bin: PathBuf,
    /// The nodes, first one the one the CLI talks to.
    pub nodes: Vec<Node>,
    /// The key id.
    pub key_id: String,
    /// The secret.
    pub secret: String,
    /// The bucket.
    pub bucket: String,
    _dir: tempfile::TempDir,
}

const RPC_SECRET: &str = "4425f5c26c5e11581d3223904324dcb5b5d5dfb14e5e7f35e38c595424f5f1e6";

fn write_config(dir: &Path, i: usize, replication: usize) -> Node {
    let (s3, web, rpc, admin) = (free_port(), free_port(), free_port(), free_port());
    let node = dir.join(format!("node{i}"));
    std::fs::create_dir_all(&node).unwrap();
    let config = node.join("garage.toml");
    let text = format!(
        r#"metadata_dir = "{meta}"
data_dir = "{data}"
db_engine = "sqlite"
replication_factor = {replication}
metadata_fsync = false
data_fsync = false
rpc_bind_addr = "127.0.0.1:{rpc}"
rpc_public_addr = "127.0.0.1:{rpc}"
rpc_secret = "{RPC_SECRET}"

[s3_api]
s3_region = "{REGION}"
api_bind_addr = "127.0.0.1:{s3}"

[s3_web]
bind_addr = "127.0.0.1:{web}"
root_domain = "{WEB_ROOT}"

[admin]
api_bind_addr = "127.0.0.1:{admin}"
"#,
        meta = node.join("meta").display(),
        data = node.join("data").display(),
    );
    std::fs::write(&config, text).unwrap();
    Node { config, s3, web, rpc, child: None }
}

impl Cluster {
    /// Starts `n` nodes with `replication_factor = n`, connects them, lays
    /// them out one per zone (1 GB each), and makes the website bucket and key.
    pub fn start(bin: &Path, n: usize) -> Cluster {
        let dir = tempfile::tempdir().unwrap();
        let mut nodes: Vec<Node> = (0..n).map(|i| write_config(dir.path(), i, n)).collect();
        for node in &mut nodes {
            let log = std::fs::File::create(node.config.with_file_name("garage.log")).unwrap();
            let child = Command::new(bin)
                .args(["-c", node.config.to_str().unwrap(), "server"])
                .env("RUST_LOG", "warn")
                .stdout(Stdio::null())
                .stderr(log)
                .spawn()
                .unwrap();
            node.child = Some(child);
        }
        let mut c = Cluster {
            bin: bin.to_path_buf(),
            nodes,
            key_id: String::new(),
            secret: String::new(),
            bucket: "site".into(),
            _dir: dir,
        };
        let ids: Vec<String> = (0..n).map(|i| c.node_id(i)).collect();
        for i in 0..n {
            c.retry(i, &["status"]);
        }
        for (i, id) in ids.iter().enumerate().skip(1) {
            c.garage(0, &["node", "connect", &format!("{id}@127.0.0.1:{}", c.nodes[i].rpc)]);
        }
        for (i, id) in ids.iter().enumerate() {
            let short = &id[..16];
            c.garage(0, &["layout", "assign", "-z", &format!("dc{}", i + 1), "-c", "1G", short]);
        }
        c.garage(0, &["layout", "apply", "--version", "1"]);
        // The new layout reaches every node in a moment: the first write that needs it may wait.
        c.retry(0, &["bucket", "create", "site"]);
        let key = c.garage(0, &["key", "create", "deploy-key"]);
        c.key_id = field(&key, "Key ID:");
        c.secret = field(&key, "Secret key:");
        c.garage(0, &["bucket", "allow", "--read", "--write", "--owner", "site", "--key", "deploy-key"]);
        c.garage(0, &["bucket", "website", "--allow", "site"]);
        c
    }

    /// Runs `garage -c <node i's config> args…`; panics with its output on failure.
    pub fn garage(&self, i: usize, args: &[&str]) -> String {
        let o = self.try_garage(i, args);
        assert!(o.status.success(), "garage {}: {}", args.join(" "), super::text(&o));
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    /// [`Cluster::garage`], tried again while it fails (a bounded wait for
    /// start-up or a layout change; only for commands that change nothing when they fail).
    fn retry(&self, i: usize, args: &[&str]) -> String {
        for _ in 0..100 {
            let o = self.try_garage(i, args);
            if o.status.success() {
                return String::from_utf8_lossy(&o.stdout).into_owned();
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        self.garage(i, args)
    }

    fn try_garage(&self, i: usize, args: &[&str]) -> std::process::Output {
        Command::new(&self.bin)
            .args(["-c", self.nodes[i].config.to_str().unwrap()])
            .args(args)
            .env("RUST_LOG", "warn")
            .output()
            .unwrap()
    }

    /// Node `i`'s full id, once its RPC answers (a bounded wait for start-up).
    fn node_id(&self, i: usize) -> String {
        for _ in 0..100 {
            let o = self.try_garage(i, &["node", "id", "-q"]);
            if o.status.success() {
                let line = String::from_utf8_lossy(&o.stdout).trim().to_string();
                return line.split('@').next().unwrap().to_string();
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        let log =
            std::fs::read_to_string(self.nodes[i].config.with_file_name("garage.log")).unwrap_or_default();
        panic!("garage node {i} did not start:\n{log}");
    }

    /// The environment `krufolio deploy` gets: the key, and nothing else of AWS.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ACCESS_KEY_ID", self.key_id.clone()),
            ("AWS_SECRET_ACCESS_KEY", self.secret.clone()),
            ("HOME", "/nonexistent".into()),
        ]
    }

    /// The website's host name.
    pub fn host(&self) -> String {
        format!("{}{WEB_ROOT}", self.bucket)
    }
}

/// The value after `label` in the garage CLI's output (`Key ID:\tGK…`).
fn field(out: &str, label: &str) -> String {
    out.lines()
        .find_map(|l| l.trim().strip_prefix(label))
        .map(|v| v.trim().to_string())
        .unwrap_or_else(|| panic!("no `{label}` in:\n{out}"))
}

/// An HTTP response: status, headers (names lower-case) and body.
#[derive(Debug)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Headers.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Response {
    /// The first header named `name` (lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// `GET path` from 127.0.0.1:`port` with `Host: host` and any `extra` headers.
pub fn web_get(port: u16, host: &str, path: &str, extra: &[(&str, &str)]) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut req = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (k, v) in extra {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str("\r\n");
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("an HTTP response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().unwrap().split_whitespace().nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers.iter().any(|(k, v)| k == "transfer-encoding" && v.contains("chunked")) {
        body = unchunk(&body);
    }
    Response { status, headers, body }
}

fn unchunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let end = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&b[..end]).split(';').next().unwrap().trim(), 16)
                .unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[end + 2..end + 2 + size]);
        b = &b[end + 2 + size + 2..];
    }
}
