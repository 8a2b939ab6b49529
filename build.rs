//! Collects each lint rule's `//!` doc comment (src/lint/rules/*.rs) so that
//! `krufolio explain ID` prints the same text the source documents.

use std::fmt::Write as _;

fn main() {
    let dir = std::path::Path::new("src/lint/rules");
    println!("cargo:rerun-if-changed=src/lint/rules");
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map(|r| r.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    entries.sort();
    let mut out = String::from(
        "/// `(file stem, doc comment)` of every rule file.\npub static RULE_DOCS: &[(&str, &str)] = &[\n",
    );
    for path in entries {
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if stem == "mod" {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).unwrap();
        let doc: Vec<&str> = text
            .lines()
            .take_while(|l| l.starts_with("//!"))
            .map(|l| l.strip_prefix("//! ").or_else(|| l.strip_prefix("//!")).unwrap_or(""))
            .collect();
        writeln!(out, "    ({:?}, {:?}),", stem, doc.join("\n")).unwrap();
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("rule_docs.rs");
    std::fs::write(dest, out).unwrap();
}
