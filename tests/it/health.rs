//! Code health, checked on the source itself (issue 10): no import cycle
//! between modules, no file over 600 lines, no function over 80 lines outside
//! tests. A text scan of `src/`, not a compiler pass: `use crate::…` and
//! `crate::…` paths outside comments and `#[cfg(test)]` blocks are the edges;
//! a child's edge to its ancestor (and back) is not a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_FILE: usize = 600;
const MAX_FN: usize = 80;

fn sources() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// `src/a/b.rs` → `crate::a::b`; `mod.rs`, `lib.rs`, `main.rs` name their folder.
fn module_of(p: &Path) -> String {
    let rel = p.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("src")).unwrap();
    let mut parts: Vec<String> =
        rel.with_extension("").iter().map(|c| c.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    std::iter::once("crate".to_string()).chain(parts).collect::<Vec<_>>().join("::")
}

/// The lines of a file before its `#[cfg(test)]` module, comments dropped;
/// nothing for a file that is itself a test module.
fn code_lines(p: &Path, text: &str) -> Vec<String> {
    if p.file_name().is_some_and(|n| n == "tests.rs") || p.components().any(|c| c.as_os_str() == "tests") {
        return Vec::new();
    }
    text.lines()
        .take_while(|l| !l.starts_with("#[cfg(test)]"))
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(str::to_string)
        .collect()
}

/// Module paths named in `code` (`crate::x::y::Item` → the longest known module prefix).
fn edges(code: &str, me: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut add = |path: &str| {
        let parts: Vec<&str> = path.split("::").collect();
        for k in (1..=parts.len()).rev() {
            let cand = parts[..k].join("::");
            if modules.contains(&cand) {
                let related = cand == me
                    || me.starts_with(&format!("{cand}::"))
                    || cand.starts_with(&format!("{me}::"));
                if !related {
                    out.insert(cand);
                }
                return;
            }
        }
    };
    let ident = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    for (i, _) in code.match_indices("crate::") {
        let prev = code[..i].chars().last();
        if prev.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest: String = code[i..].chars().take_while(|c| ident(*c)).collect();
        let rest = rest.trim_end_matches(':');
        add(rest);
        // `use crate::{a, b::c}` groups.
        if code[i + rest.len()..].starts_with("::{") || code[i + rest.len()..].starts_with('{') {
            let start = i + code[i..].find('{').unwrap() + 1;
            let end = start + code[start..].find('}').unwrap_or(0);
            for item in code[start..end].split(',') {
                let item = item.trim().split(" as ").next().unwrap_or("");
                if !item.is_empty() && item != "self" {
                    add(&format!("{rest}::{item}"));
                }
            }
        }
    }
    out
}

/// Functions over [`MAX_FN`] lines: (lines, name).
fn long_functions(code: &[String]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, line) in code.iter().enumerate() {
        let t = line.trim_start();
        let t = t
            .strip_prefix("pub ")
            .or_else(|| t.strip_prefix("pub(crate) "))
            .or_else(|| t.strip_prefix("pub(super) "))
            .unwrap_or(t);
        let Some(name) = t.strip_prefix("fn ").map(|r| r.split(['(', '<']).next().unwrap_or("").to_string())
        else {
            continue;
        };
        let (mut depth, mut started) = (0i32, false);
        for (j, l) in code.iter().enumerate().skip(i) {
            let l = strip_literals(l);
            for c in l.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        started = true;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
            }
            if (started && depth <= 0) || (!started && l.trim_end().ends_with(';')) {
                if j - i + 1 > MAX_FN {
                    out.push((j - i + 1, name.clone()));
                }
                break;
            }
        }
    }
    out
}

/// A line without its string and char literals (braces in them do not count).
fn strip_literals(l: &str) -> String {
    let mut out = String::new();
    let mut chars = l.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                while let Some(d) = chars.next() {
                    if d == '\\' {
                        chars.next();
                    } else if d == '"' {
                        break;
                    }
                }
            }
            '\'' if chars.clone().nth(1) == Some('\'') || chars.peek() == Some(&'\\') => {
                for d in chars.by_ref() {
                    if d == '\'' {
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Strongly connected components with more than one module.
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    fn reach(g: &BTreeMap<String, BTreeSet<String>>, from: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(v) = stack.pop() {
            for w in g.get(&v).into_iter().flatten() {
                if seen.insert(w.clone()) {
                    stack.push(w.clone());
                }
            }
        }
        seen
    }
    let reached: BTreeMap<&String, BTreeSet<String>> = graph.keys().map(|k| (k, reach(graph, k))).collect();
    let mut out: Vec<Vec<String>> = Vec::new();
    for (k, r) in &reached {
        if !r.contains(*k) || out.iter().any(|c| c.contains(k)) {
            continue;
        }
        let comp: Vec<String> =
            r.iter().filter(|w| reached.get(w).is_some_and(|back| back.contains(*k))).cloned().collect();
        out.push(comp);
    }
    out
}

#[test]
fn no_import_cycles_long_files_or_long_functions() {
    let files = sources();
    let modules: BTreeSet<String> = files.iter().map(|p| module_of(p)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut problems = Vec::new();
    for p in &files {
        let text = std::fs::read_to_string(p).unwrap();
        let shown = p.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap().display().to_string();
        if text.lines().count() > MAX_FILE {
            problems.push(format!("{shown}: {} lines (over {MAX_FILE})", text.lines().count()));
        }
        let code = code_lines(p, &text);
        for (n, name) in long_functions(&code) {
            problems.push(format!("{shown}: fn {name} has {n} lines (over {MAX_FN})"));
        }
        let me = module_of(p);
        graph.entry(me.clone()).or_default().extend(edges(&code.join("\n"), &me, &modules));
    }
    for c in cycles(&graph) {
        problems.push(format!("import cycle: {}", c.join(" → ")));
    }
    assert!(problems.is_empty(), "code health:\n{}", problems.join("\n"));
    // The scan sees the real graph: the build depends on the portfolio stage.
    assert!(graph["crate::build"].contains("crate::portfolio"), "{:?}", graph["crate::build"]);
}

#[test]
fn the_scan_finds_a_cycle_and_a_long_function() {
    let mut g = BTreeMap::new();
    g.insert("crate::a".to_string(), BTreeSet::from(["crate::b".to_string()]));
    g.insert("crate::b".to_string(), BTreeSet::from(["crate::a".to_string()]));
    g.insert("crate::c".to_string(), BTreeSet::from(["crate::a".to_string()]));
    assert_eq!(cycles(&g), vec![vec!["crate::a".to_string(), "crate::b".to_string()]]);
    let body: Vec<String> = std::iter::once("fn big() {".to_string())
        .chain((0..MAX_FN).map(|i| format!("    let s{i} = \"}}\";")))
        .chain(std::iter::once("}".to_string()))
        .collect();
    assert_eq!(long_functions(&body), vec![(MAX_FN + 2, "big".to_string())]);
    let modules = BTreeSet::from(["crate::x".to_string(), "crate::x::y".to_string(), "crate::z".to_string()]);
    let e = edges("use crate::{x::y::Thing, z};\nlet _ = crate::x::f();", "crate::q", &modules);
    assert_eq!(
        e,
        BTreeSet::from(["crate::x".to_string(), "crate::x::y".to_string(), "crate::z".to_string()])
    );
}
