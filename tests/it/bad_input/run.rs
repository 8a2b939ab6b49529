//! Running one case: copy the base site, place the case, run `build` and
//! `lint --format json` (each bounded by a timeout), collect every message
//! as one normalised line, and check the contract of the corpus.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use super::cases::{self, Case, CLEAN_SLUG};

/// A command that runs longer than this is a hang (the billion-laughs cases).
const TIMEOUT: Duration = Duration::from_secs(120);

/// Lines every successful build prints; they are not messages about a file.
/// (The lint totals line, "ตรวจแฟ้ม N แฟ้ม: …", is the linter's, checked by the lint run.)
const ROUTINE: &[&str] = &["สร้างเว็บไซต์เสร็จ", "ตรวจไฟล์สื่อ", "เขียนไฟล์ที่เปลี่ยน", "ตรวจแฟ้ม "];

/// The build's summary of masked numbers starts so.
const MASKED: &str = "ปิดบังเลขประจำตัวประชาชน";

/// What one case did.
pub struct Outcome {
    /// The case's summary lines for the snapshot.
    pub summary: String,
    /// The contract violations found (empty when the case passes).
    pub problems: Vec<String>,
}

/// Runs the binary with a timeout; `None` when it had to be killed.
fn run(args: &[&str]) -> Option<Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_krufolio"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run the krufolio binary");
    // Drain the pipes in threads so a chatty child never blocks.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || read_all(&mut out));
    let t_err = std::thread::spawn(move || read_all(&mut err));
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if start.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let (stdout, stderr) = (t_out.join().unwrap(), t_err.join().unwrap());
    status.map(|status| Output { status, stdout, stderr })
}

fn read_all(r: &mut impl std::io::Read) -> Vec<u8> {
    let mut v = Vec::new();
    let _ = r.read_to_end(&mut v);
    v
}

/// Replaces the temporary folder and timings so summaries are stable.
fn normalise(s: &str, tmp: &Path) -> String {
    let mut s = s.replace(&tmp.to_string_lossy().into_owned(), "<tmp>");
    // The build's staging folder and files carry its process id.
    for tag in ["krufolio-tmp-", "krufolio-new-"] {
        let mut from = 0;
        while let Some(i) = s[from..].find(tag).map(|i| from + i + tag.len()) {
            let n = s[i..].find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len() - i);
            s.replace_range(i..i + n, "<pid>");
            from = i;
        }
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s.as_str();
    // `123 ms` and `1.5 s` → `<time>`
    while let Some(i) = rest.find(|c: char| c.is_ascii_digit()) {
        let (head, tail) = rest.split_at(i);
        out.push_str(head);
        let n = tail.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(tail.len());
        let after = &tail[n..];
        if let Some(after_ms) = after.strip_prefix(" ms") {
            out.push_str("<time>");
            rest = after_ms;
        } else {
            out.push_str(&tail[..n]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The build's messages: every non-routine line, with its indented continuation lines.
fn build_messages(o: &Output, tmp: &Path) -> Vec<String> {
    let all = normalise(&crate::common::text(o), tmp);
    let mut msgs: Vec<String> = Vec::new();
    for line in all.lines() {
        if line.trim().is_empty() || ROUTINE.iter().any(|r| line.starts_with(r)) {
            continue;
        }
        match msgs.last_mut() {
            Some(last) if line.starts_with(' ') => {
                last.push_str(" / ");
                last.push_str(line.trim());
            }
            _ => msgs.push(line.to_string()),
        }
    }
    msgs
}

/// The linter's findings as lines, or its raw output when it printed no JSON.
fn lint_messages(o: &Output, tmp: &Path) -> (Vec<String>, bool) {
    let stdout = String::from_utf8_lossy(&o.stdout);
    let Ok(doc) = serde_json::from_str::<serde_json::Value>(&stdout) else {
        let raw = build_messages(o, tmp);
        return (raw, false);
    };
    let mut msgs = Vec::new();
    for f in doc["findings"].as_array().into_iter().flatten() {
        let s = |k: &str| f[k].as_str().unwrap_or("").to_string();
        let line = f["line"].as_u64().map(|l| format!(":{l}")).unwrap_or_default();
        let ind = f["indicator"].as_str().map(|i| format!(" [{i}]")).unwrap_or_default();
        let text = format!(
            "{} {} {}{line}{ind} {} / {}",
            s("rule"),
            s("severity"),
            s("path"),
            s("message"),
            s("message_en")
        );
        msgs.push(normalise(&text, tmp));
    }
    (msgs, true)
}

/// Thai characters and an English word (3+ ASCII letters) outside the case's own names and paths.
fn bilingual(msg: &str, case: &Case) -> bool {
    let mut m = msg.to_string();
    for n in case.names.iter().chain([&cases::PHOTO.to_string()]) {
        m = m.replace(n.as_str(), " ");
    }
    let thai = m.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c));
    let words = m
        .split(|c: char| !c.is_ascii_alphabetic() && c != '/' && c != '.')
        .filter(|w| !w.contains('/') && !matches!(*w, "error" | "warning" | "info"))
        .any(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 3);
    thai && words
}

/// Whether a message names the case's file.
fn names_case(msg: &str, case: &Case) -> bool {
    case.names.iter().any(|n| msg.contains(n.as_str()))
}

/// Runs one case and checks it.
pub fn run_case(case: &Case) -> Outcome {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    crate::common::copy_dir(&cases::corpus().join("_base"), &site);
    cases::place(case, &site);
    let public = tmp.path().join("public");
    let (root, out) = (site.to_str().unwrap(), public.to_str().unwrap());
    let build = run(&["--root", root, "build", "--output", out]);
    let lint = run(&["--root", root, "lint", "--format", "json"]);
    let mut problems = Vec::new();
    let mut summary = format!("## {}\n", case.name);
    let b = record(&mut summary, &mut problems, "build", build.as_ref(), tmp.path(), case, false);
    let l = record(&mut summary, &mut problems, "lint", lint.as_ref(), tmp.path(), case, true);
    if let (Some((bcode, bmsgs)), Some((lcode, _))) = (b, l) {
        let facts = Facts { public: &public, build_code: bcode, lint_code: lcode, build_msgs: &bmsgs };
        check_site(case, &facts, &mut summary, &mut problems);
    }
    if case.kind == "sidecar" && case.name.starts_with("publish-") {
        check_withheld(&public, &mut summary, &mut problems);
    }
    Outcome { summary, problems }
}

/// Records one command's exit code and messages; checks panics and the messages' form.
fn record(
    summary: &mut String,
    problems: &mut Vec<String>,
    what: &str,
    o: Option<&Output>,
    tmp: &Path,
    case: &Case,
    json: bool,
) -> Option<(i32, Vec<String>)> {
    let Some(o) = o else {
        summary.push_str(&format!("{what}: killed after {}s (hang)\n", TIMEOUT.as_secs()));
        problems.push(format!("{what} did not finish in {}s", TIMEOUT.as_secs()));
        return None;
    };
    let code = o.status.code().unwrap_or(-1);
    let raw = crate::common::text(o);
    if code == 101 || code == -1 || raw.contains("panicked") {
        problems.push(format!("{what} crashed (exit {code}):\n{raw}"));
    }
    let (msgs, parsed) = if json { lint_messages(o, tmp) } else { (build_messages(o, tmp), true) };
    if json && !parsed && code != 2 {
        problems.push(format!("lint exited {code} without a JSON document"));
    }
    summary.push_str(&format!("{what}: exit {code}\n"));
    for m in &msgs {
        summary.push_str(&format!("  {m}\n"));
        if !bilingual(m, case) {
            problems.push(format!("{what} message is not Thai + English: {m}"));
        }
    }
    // The masking summary names the published files by design (R001/R002 name the source).
    let about_sources: Vec<&String> = msgs.iter().filter(|m| !m.starts_with(MASKED)).collect();
    if !about_sources.is_empty() && !about_sources.iter().any(|m| names_case(m, case)) {
        problems.push(format!("no {what} message names the case's file ({:?})", case.names));
    }
    Some((code, msgs))
}

/// What the site-level checks look at.
struct Facts<'a> {
    public: &'a Path,
    build_code: i32,
    lint_code: i32,
    build_msgs: &'a [String],
}

/// The site-level contract: the rest of the site builds, failed builds write nothing.
fn check_site(case: &Case, f: &Facts, summary: &mut String, problems: &mut Vec<String>) {
    let clean = f.public.join(format!("portfolios/{CLEAN_SLUG}/index.html"));
    let case_page = f.public.join("portfolios/kru-case/index.html");
    if f.build_code == 0 {
        let broken = crate::common::broken_links(f.public, "/");
        summary.push_str(&format!(
            "  [kru-case page: {}, broken links: {}]\n",
            if case_page.is_file() { "built" } else { "missing" },
            broken.len()
        ));
        for b in broken.iter().take(4) {
            summary.push_str(&format!("  broken: {}\n", normalise(b, f.public)));
        }
        if case.portfolio_level && !broken.is_empty() {
            problems.push(format!("{} broken local links: {broken:?}", broken.len()));
        }
        if !clean.is_file() {
            problems.push(format!("the clean portfolio's page {} was not built", clean.display()));
        }
        let dropped = !case_page.is_file() && case.places.iter().all(|p| !p.dest.ends_with("/kru-case"));
        if dropped && !f.build_msgs.iter().any(|m| names_case(m, case)) {
            problems.push("the build left out portfolio kru-case without a message naming the file".into());
        }
    } else if f.public.exists() {
        problems.push(format!("the build exited {} but wrote {}", f.build_code, f.public.display()));
    }
    if case.portfolio_level {
        if f.build_code != 0 {
            problems.push(format!("one portfolio's file failed the whole build (exit {})", f.build_code));
        }
        if !matches!(f.lint_code, 0 | 1) {
            problems.push(format!("lint exited {} for a portfolio file", f.lint_code));
        }
    } else if !matches!(f.build_code, 0 | 1) {
        problems
            .push(format!("a content problem made the build exit {} (2 is `could not run`)", f.build_code));
    }
    if f.build_code == 1 && !f.build_msgs.iter().any(|m| names_case(m, case)) {
        problems.push("the build failed without naming the case's file".into());
    }
}

/// A sidecar that says `publish:` in any spelling must not let its photo out.
fn check_withheld(public: &Path, summary: &mut String, problems: &mut Vec<String>) {
    let photo = cases::PHOTO.rsplit('/').next().unwrap();
    let out: Vec<String> = crate::common::files(public)
        .into_iter()
        .filter(|f| f.starts_with("portfolios/kru-case/") && f.contains(photo))
        .collect();
    summary.push_str(&format!("  [photo published: {}]\n", if out.is_empty() { "no" } else { "yes" }));
    if !out.is_empty() {
        problems.push(format!("the sidecar asks not to publish, but the build published {out:?}"));
    }
}
