//! Site configuration: `content/site.yaml` plus command-line options, resolved
//! once into an immutable [`Config`].
//!
//! Parse, then resolve: [`SiteFile`] is exactly what the YAML says (unknown
//! keys are an error that names the key and line); [`resolve`] merges it with
//! the CLI's [`Options`] and fills in defaults. Nothing downstream reads the
//! CLI or the YAML again.

pub mod deploy;
pub mod lint;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Diagnostic;

/// The name of the site config file, inside `content/`.
pub const SITE_FILE: &str = "site.yaml";

/// `content/site.yaml`, as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    /// Site title.
    pub title: Option<String>,
    /// One-line description for `<meta name="description">`.
    pub description: Option<String>,
    /// Page language (`th` unless set).
    pub language: Option<String>,
    /// Public URL of the site, e.g. `https://pa.example.go.th/` or with a sub-path.
    pub base_url: Option<String>,
    /// The district office that publishes the site.
    pub district: Option<String>,
    /// Fiscal year, Buddhist Era (e.g. 2567; Thai digits are fine, a CE year is refused).
    #[serde(default, deserialize_with = "crate::date::fiscal_year_serde::option")]
    pub fiscal_year: Option<i32>,
    /// Theme name: `default` or a folder under `themes/`.
    pub theme: Option<String>,
    /// Build the offline search index (`true` unless set).
    pub search: Option<bool>,
    /// Free values for templates.
    #[serde(default)]
    pub extra: crate::yaml::Mapping,
    /// Linter settings (see `lint::settings`).
    #[serde(default)]
    pub lint: lint::LintConfig,
    /// Where `krufolio deploy` publishes (see `deploy`).
    #[serde(default)]
    pub deploy: deploy::DeployConfig,
    /// What reading the file warned about (not a key: it was saved as Windows-874).
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
}

/// What the command line asked for (independent of clap).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Site root; the current folder when `None`.
    pub root: Option<PathBuf>,
    /// Output folder (relative to the root unless absolute); `public` when `None`.
    pub output: Option<PathBuf>,
    /// Overrides the config's base URL.
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// Replace an output folder that krufolio did not create.
    pub force: bool,
    /// Set by `serve`: the address pages are served at.
    pub serve_addr: Option<String>,
    /// Who the build is for; `None` = public.
    pub audience: Option<Audience>,
    /// `deploy`'s command-line target, each field over `site.yaml`'s.
    pub deploy: deploy::DeployConfig,
}

/// Who a build is for.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    /// The published site: no review data, no lint results.
    #[default]
    Public,
    /// For mentors and committees: dashboard, checklists, `/lint.json`, what is missing.
    Review,
}

/// The resolved, immutable configuration every stage reads.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Config {
    /// Absolute site root.
    #[serde(skip)]
    pub root: PathBuf,
    /// Absolute `content/` folder.
    #[serde(skip)]
    pub content_dir: PathBuf,
    /// Absolute output folder.
    #[serde(skip)]
    pub output_dir: PathBuf,
    /// Site title.
    pub title: String,
    /// Site description.
    pub description: String,
    /// Language tag for `<html lang>`.
    pub language: String,
    /// Public base URL, always ending in `/`.
    pub base_url: String,
    /// URL path prefix of every page, always starting and ending in `/`.
    pub base_path: String,
    /// District office name.
    pub district: String,
    /// Fiscal year (BE): `site.yaml`'s, else today's.
    pub fiscal_year: i32,
    /// The fiscal year `site.yaml` sets, if it does (rule M008 compares portfolios with it).
    #[serde(skip)]
    pub site_fiscal_year: Option<i32>,
    /// Theme name.
    pub theme: String,
    /// Build the Pagefind search index and the `/search/` page.
    pub search: bool,
    /// Free template values.
    pub extra: serde_json::Value,
    /// Include drafts.
    #[serde(skip)]
    pub drafts: bool,
    /// Replace a foreign output folder.
    #[serde(skip)]
    pub force: bool,
    /// True when pages are served by `krufolio serve`.
    #[serde(skip)]
    pub serving: bool,
    /// The `lint:` block, resolved by the linter.
    #[serde(skip)]
    pub lint: lint::LintConfig,
    /// Who the build is for.
    pub audience: Audience,
    /// Where `krufolio deploy` publishes: `site.yaml`'s `deploy:` block with
    /// the command line's fields over it.
    #[serde(skip)]
    pub deploy: deploy::DeployConfig,
    /// What reading `site.yaml` warned about (printed with the build's warnings).
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
}

/// Reads and parses `content/site.yaml` (defaults when the file is absent).
pub fn load_site_file(root: &Path) -> Result<SiteFile, Diagnostic> {
    let path = root.join("content").join(SITE_FILE);
    if !path.exists() {
        return Ok(SiteFile::default());
    }
    let rel = PathBuf::from("content").join(SITE_FILE);
    let read = crate::fs::read_text(&path).map_err(|e| Diagnostic::io(&rel, &e))?;
    let warnings: Vec<Diagnostic> = Diagnostic::of_encoding(&rel, &read).into_iter().collect();
    let text = read.text;
    if text.trim().is_empty() {
        return Ok(SiteFile { warnings, ..SiteFile::default() });
    }
    let mut site: SiteFile = crate::yaml::from_str(&text)
        .map_err(|e| crate::yaml::diagnostic(&rel, 0, &text, &e, "ไฟล์ตั้งค่าเว็บไซต์"))?;
    if let Some((th, en)) = site.fiscal_year.and_then(|y| crate::date::fiscal_year_problem(y.into())) {
        let line = crate::yaml::line_of_key(&text, &["fiscal_year"]);
        return Err(Diagnostic::new(&rel, line, format!("fiscal_year: {th}"), format!("fiscal_year: {en}"))
            .with_hint("เช่น fiscal_year: 2568", "e.g. fiscal_year: 2568"));
    }
    if let Some((key, line)) = deploy::secret_key_in(&site.deploy, &text) {
        return Err(secret_in_site_file(&rel, key, line));
    }
    site.warnings = warnings;
    Ok(site)
}

/// The error for a credential written in `site.yaml` (its value is never shown).
fn secret_in_site_file(rel: &Path, key: &str, line: Option<usize>) -> Diagnostic {
    Diagnostic::new(
        rel,
        line,
        format!("deploy: ห้ามใส่กุญแจ ({key}) ในไฟล์ตั้งค่าเว็บไซต์ ไฟล์นี้อาจถูกแชร์หรือเผยแพร่ ให้ลบบรรทัดนี้ และถือว่ากุญแจนี้รั่วแล้ว (สร้างกุญแจใหม่)"),
        format!("deploy: a credential ({key}) may not be written in the site file, which may be shared or published: remove the line, and treat the key as leaked (make a new one)"),
    )
    .with_hint(
        "ตั้งค่ากุญแจในตัวแปรสภาพแวดล้อม AWS_ACCESS_KEY_ID และ AWS_SECRET_ACCESS_KEY หรือใช้ AWS_PROFILE กับไฟล์ ~/.aws/credentials",
        "set the key in the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or use AWS_PROFILE with ~/.aws/credentials",
    )
}

/// Today's fiscal year (BE), from the system clock.
fn current_fiscal_year() -> i32 {
    crate::date::Date::today().map(|d| d.fiscal_year_be()).unwrap_or(2568)
}

/// Merges CLI options and the site file into the immutable [`Config`].
pub fn resolve(opts: &Options) -> Result<Config, Diagnostic> {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let root = match &opts.root {
        Some(r) if r.is_absolute() => r.clone(),
        Some(r) => cwd.join(r),
        None => cwd.clone(),
    };
    let root = root.canonicalize().map_err(|e| {
        Diagnostic::new(&root, None, "ไม่พบโฟลเดอร์เว็บไซต์", format!("site folder not found: {e}"))
    })?;
    let site = load_site_file(&root)?;
    let output = opts.output.clone().unwrap_or_else(|| PathBuf::from("public"));
    let output_dir = if output.is_absolute() { output } else { root.join(output) };
    let output_dir = normalize(&output_dir);

    let serving = opts.serve_addr.is_some();
    let base_url = match (&opts.serve_addr, &opts.base_url, &site.base_url) {
        (_, Some(cli), _) => cli.clone(),
        (Some(addr), None, _) => format!("http://{addr}/"),
        (None, None, Some(cfg)) => cfg.clone(),
        (None, None, None) => "/".to_string(),
    };
    let base_url = if base_url.ends_with('/') { base_url } else { format!("{base_url}/") };
    check_base_url(&base_url)?;
    let base_path = base_path_of(&base_url);

    // `extra:` is handed to templates as JSON; a key JSON cannot hold (a list
    // or a map as a key) is an error, never a silently empty `extra`.
    let extra = serde_json::to_value(&site.extra).map_err(|e| {
        Diagnostic::new(
            PathBuf::from("content").join(SITE_FILE),
            None,
            "ค่าใน extra: ใช้ในเทมเพลตไม่ได้ (คีย์ต้องเป็นข้อความหรือตัวเลข)",
            format!("extra: cannot be passed to templates (keys must be text or numbers): {e}"),
        )
    })?;
    Ok(Config {
        content_dir: root.join("content"),
        output_dir,
        root,
        title: site.title.unwrap_or_else(|| "krufolio".to_string()),
        description: site.description.unwrap_or_default(),
        language: site.language.unwrap_or_else(|| "th".to_string()),
        base_url,
        base_path,
        district: site.district.unwrap_or_default(),
        fiscal_year: site.fiscal_year.unwrap_or_else(current_fiscal_year),
        site_fiscal_year: site.fiscal_year,
        theme: site.theme.unwrap_or_else(|| "default".to_string()),
        search: site.search.unwrap_or(true),
        extra,
        drafts: opts.drafts,
        force: opts.force,
        serving,
        lint: site.lint,
        audience: opts.audience.unwrap_or_default(),
        deploy: site.deploy.overridden_by(&opts.deploy),
        warnings: site.warnings,
    })
}

/// The path part of a base URL: `https://x.go.th/pa/` → `/pa/`.
/// Every link of the site starts with `base_url`: only a web address or a
/// path will do (`javascript:` or `file:` would make every link run or break).
fn check_base_url(base_url: &str) -> Result<(), Diagnostic> {
    let lower = base_url.to_ascii_lowercase();
    let web = ["http://", "https://"].iter().any(|s| lower.starts_with(s) && lower.len() > s.len() + 1);
    if web || (base_url.starts_with('/') && !base_url.starts_with("//")) {
        return Ok(());
    }
    Err(Diagnostic::new(
        PathBuf::from("content").join(SITE_FILE),
        None,
        format!("base_url \"{base_url}\" ใช้ไม่ได้: ต้องขึ้นต้นด้วย https:// หรือ http:// หรือเป็นโฟลเดอร์ที่ขึ้นต้นด้วย /"),
        format!("base_url \"{base_url}\" cannot be used: it must start with https:// or http://, or be a path starting with /"),
    )
    .with_hint("เช่น base_url: https://pa.example.go.th/", "e.g. base_url: https://pa.example.go.th/"))
}

fn base_path_of(base_url: &str) -> String {
    let after_scheme = match base_url.find("://") {
        Some(i) => &base_url[i + 3..],
        None => return if base_url.starts_with('/') { base_url.to_string() } else { format!("/{base_url}") },
    };
    match after_scheme.find('/') {
        Some(i) => after_scheme[i..].to_string(),
        None => "/".to_string(),
    }
}

/// Removes `.` and `..` components without touching the file system.
pub fn normalize(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_javascript_is_refused_regression() {
        for bad in ["javascript:alert(1)//", "file:///etc/", "//evil.example/", "pa.example.go.th/"] {
            let d = check_base_url(bad).unwrap_err();
            assert!(d.message_en.contains("https://") && d.hint.is_some(), "{bad}: {d}");
        }
        for good in ["/", "/pa/", "https://pa.example.go.th/", "http://127.0.0.1:1111/", "HTTPS://X.TH/"] {
            assert!(check_base_url(good).is_ok(), "{good}");
        }
    }

    #[test]
    fn base_paths() {
        assert_eq!(base_path_of("https://pa.example.go.th/"), "/");
        assert_eq!(base_path_of("https://pa.example.go.th/district/"), "/district/");
        assert_eq!(base_path_of("http://127.0.0.1:1111/"), "/");
        assert_eq!(base_path_of("/"), "/");
    }

    #[test]
    fn unknown_key_names_the_key_and_line() {
        let e = crate::yaml::from_str::<SiteFile>("title: x\ntitel: y\n").unwrap_err();
        let d = crate::yaml::diagnostic(
            Path::new("content/site.yaml"),
            0,
            "title: x\ntitel: y\n",
            &e,
            "ไฟล์ตั้งค่าเว็บไซต์",
        );
        assert_eq!(d.line, Some(2));
        assert!(d.message.contains("\"titel\""), "{}", d.message);
        assert!(d.message_en.contains("titel"), "{}", d.message_en);
    }
}
