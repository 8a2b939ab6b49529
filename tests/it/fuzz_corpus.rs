//! The committed fuzz corpora (`fuzz/corpus/`), replayed through the same
//! library functions the YAML and media fuzz targets call, without libFuzzer:
//! every input that once found new code paths (the crashes among them) runs on
//! every `cargo test`, so a fixed crash cannot come back unnoticed.

use std::path::{Path, PathBuf};

use krufolio::assets::{clean, media};
use krufolio::content::front_matter;
use krufolio::portfolio::manifest::parse_manifest;

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// YAML line count as YAML counts it (`\r\n`, `\r`, `\n`).
fn lines(text: &str) -> usize {
    text.replace("\r\n", "\n").matches(['\r', '\n']).count() + 1
}

#[test]
fn yaml_inputs_corpus_gives_errors_on_real_lines() {
    let files = corpus("yaml_inputs");
    assert!(files.len() >= 100, "{} inputs", files.len());
    let mut checked = 0;
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else { continue };
        let n = lines(&text);
        let on_a_line = |d: &krufolio::diagnostic::Diagnostic| d.line.is_none_or(|l| (1..=n).contains(&l));
        let page = Path::new("content/page.md");
        match front_matter::split(page, &text) {
            Ok(s) => {
                if let Err(d) = front_matter::parse(page, s.yaml) {
                    assert!(on_a_line(&d), "{}: {d:?} in {n} lines", f.display());
                }
            }
            Err(d) => assert!(on_a_line(&d), "{}: {d:?}", f.display()),
        }
        if let (_, Err(d), _) = parse_manifest(Path::new("portfolio.yaml"), &text) {
            assert!(on_a_line(&d), "{}: {d:?} in {n} lines", f.display());
            assert!(!d.message.is_empty() && !d.message_en.is_empty(), "{}: {d:?}", f.display());
        }
        checked += 1;
    }
    assert!(checked >= 100, "{checked} UTF-8 inputs");
}

#[test]
fn media_probe_corpus_probes_without_panic_and_in_both_languages() {
    let files = corpus("media_probe");
    assert!(files.len() >= 100, "{} inputs", files.len());
    let tmp = tempfile::tempdir().unwrap();
    let mut errors = 0;
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        for ext in ["mp4", "jpg", "png", "pdf", "heic", "docx"] {
            let p = tmp.path().join(format!("f.{ext}"));
            std::fs::write(&p, &bytes).unwrap();
            let info = media::probe(&p, ext);
            for e in info.error.iter().chain(&info.clean_error) {
                assert!(!e.th.is_empty() && !e.en.is_empty(), "{}: {e:?}", f.display());
                // The probe turns a panic into this message; none may happen.
                assert!(!e.en.contains("internal error"), "{} as .{ext}: {e:?}", f.display());
                errors += 1;
            }
        }
        let p = tmp.path().join("f.mp4");
        if let clean::Cleaned::Refuse(e) = clean::for_publish(&p, &tmp.path().join("cache")) {
            assert!(!e.en.contains("internal error"), "{}: {e:?}", f.display());
        }
    }
    // The corpus is mostly damaged files: most probes must report something.
    assert!(errors > files.len(), "{errors} errors over {} inputs", files.len());
}
