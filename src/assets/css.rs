//! CSS: the theme's `css/main.css` and its `@import`s, bundled and minified
//! with lightningcss for the browsers Thai teachers actually use (phones a
//! few years old included).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lightningcss::bundler::{Bundler, ResolveResult, SourceProvider};
use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions};
use lightningcss::targets::{Browsers, Targets};

use crate::diagnostic::Diagnostic;
use crate::theme::ThemeFile;

/// The entry stylesheet inside the theme's `css/` folder.
pub const ENTRY: &str = "main.css";
/// Where the bundle is written in the output.
pub const OUTPUT: &str = "style.css";

fn version(major: u32, minor: u32) -> Option<u32> {
    Some((major << 16) | (minor << 8))
}

/// Browser targets: Android Chrome/Samsung Internet and iOS Safari from
/// about 2020 on.
pub fn targets() -> Targets {
    Targets::from(Browsers {
        android: version(90, 0),
        chrome: version(90, 0),
        edge: version(90, 0),
        firefox: version(88, 0),
        ios_saf: version(14, 0),
        safari: version(14, 0),
        samsung: version(14, 0),
        opera: version(76, 0),
        ie: None,
    })
}

/// Serves the layered theme files to the bundler.
struct Provider {
    files: BTreeMap<PathBuf, String>,
}

#[derive(Debug, thiserror::Error)]
#[error("ไม่พบไฟล์ CSS / CSS file not found: {0}")]
struct Missing(String);

impl SourceProvider for Provider {
    type Error = Missing;

    fn read<'a>(&'a self, file: &Path) -> Result<&'a str, Self::Error> {
        self.files.get(file).map(String::as_str).ok_or_else(|| Missing(file.display().to_string()))
    }

    fn resolve(&self, specifier: &str, originating_file: &Path) -> Result<ResolveResult, Self::Error> {
        let base = originating_file.parent().unwrap_or(Path::new(""));
        Ok(ResolveResult::File(crate::config::normalize(&base.join(specifier))))
    }
}

/// Bundles and minifies the stylesheet. Returns the CSS bytes.
pub fn bundle(files: &BTreeMap<String, ThemeFile>) -> Result<Vec<u8>, Diagnostic> {
    let mut map = BTreeMap::new();
    let mut labels = BTreeMap::new();
    for (name, f) in files {
        if name.ends_with(".css") {
            map.insert(PathBuf::from(name), f.text()?.to_string());
            labels.insert(PathBuf::from(name), f.label.clone());
        }
    }
    let entry_label =
        labels.get(Path::new(ENTRY)).cloned().unwrap_or_else(|| PathBuf::from("themes/css/main.css"));
    if !map.contains_key(Path::new(ENTRY)) {
        return Err(Diagnostic::new(
            entry_label,
            None,
            "ธีมไม่มีไฟล์ css/main.css",
            "the theme has no css/main.css",
        ));
    }
    let provider = Provider { files: map };
    let mut bundler = Bundler::new(&provider, None, ParserOptions::default());
    let targets = targets();
    let diag = |loc: Option<(String, u32)>, msg: String| {
        let (label, line) = match loc {
            Some((file, line)) => (
                labels.get(Path::new(&file)).cloned().unwrap_or_else(|| PathBuf::from(file)),
                Some(line as usize + 1),
            ),
            None => (entry_label.clone(), None),
        };
        Diagnostic::new(label, line, "CSS ไม่ถูกต้อง", msg)
    };
    let mut sheet = bundler
        .bundle(Path::new(ENTRY))
        .map_err(|e| diag(e.loc.as_ref().map(|l| (l.filename.clone(), l.line)), e.kind.to_string()))?;
    sheet
        .minify(MinifyOptions { targets, ..Default::default() })
        .map_err(|e| diag(e.loc.as_ref().map(|l| (l.filename.clone(), l.line)), e.kind.to_string()))?;
    let out = sheet
        .to_css(PrinterOptions { minify: true, targets, ..Default::default() })
        .map_err(|e| diag(e.loc.as_ref().map(|l| (l.filename.clone(), l.line)), e.kind.to_string()))?;
    Ok(out.code.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn file(text: &str) -> ThemeFile {
        ThemeFile { label: PathBuf::from("t.css"), bytes: Cow::Owned(text.as_bytes().to_vec()), disk: None }
    }

    #[test]
    fn bundles_imports_and_minifies() {
        let mut files = BTreeMap::new();
        files.insert("main.css".to_string(), file("@import \"a.css\";\nbody { color: #ff0000; }\n"));
        files.insert("a.css".to_string(), file(".x {  margin: 0px 0px 0px 0px; }\n"));
        let css = String::from_utf8(bundle(&files).unwrap()).unwrap();
        assert!(css.contains(".x{margin:0}"), "{css}");
        assert!(css.contains("body{color:red}"), "{css}");
        assert!(!css.contains("@import"), "{css}");
    }

    #[test]
    fn syntax_error_names_the_file_and_line() {
        let mut files = BTreeMap::new();
        files.insert("main.css".to_string(), file("@import \"a.css\";\n"));
        files.insert("a.css".to_string(), file("\n\n.x { color: red; \n"));
        // An unclosed block is recovered by CSS parsers; a bad @import is not.
        files.insert("main.css".to_string(), file("@import \"missing.css\";\n"));
        let d = bundle(&files).unwrap_err();
        assert!(d.message_en.contains("missing.css"), "{d:?}");
    }
}
