//! The build pipeline: config → content → bodies → assets → templates →
//! pages, assembled into an in-memory [`Output`].
//!
//! [`Builder`] keeps each stage's result so `serve` reruns only the stages a
//! change touches: a style edit re-bundles CSS without re-rendering pages; a
//! template edit re-renders without re-reading Markdown.

mod patch;
mod stream;

use std::collections::BTreeSet;
use std::sync::Arc;

use tera::Tera;

use crate::config::{self, Config, Options};
use crate::content::{self, Site};
use crate::diagnostic::{BuildError, Diagnostic};
use crate::output::{Content, Output};
use crate::render::{self, Bodies};

/// What kind of file changed; decides which stages rerun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// `content/site.yaml`.
    Config,
    /// Markdown or a file beside it in `content/`.
    Content,
    /// A template.
    Template,
    /// A stylesheet.
    Style,
    /// A theme or site static file.
    Static,
}

impl ChangeKind {
    /// Thai label for progress messages.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Config => "ตั้งค่า/config",
            ChangeKind::Content => "เนื้อหา/content",
            ChangeKind::Template => "เทมเพลต/template",
            ChangeKind::Style => "สไตล์/style",
            ChangeKind::Static => "ไฟล์คงที่/static",
        }
    }
}

struct ContentStage {
    site: Site,
    bodies: Bodies,
    portfolios: crate::portfolio::Portfolios,
}

/// Stage results kept between builds.
pub struct Builder {
    opts: Options,
    config: Option<Arc<Config>>,
    content: Option<Arc<ContentStage>>,
    statics: Option<Arc<Vec<(String, Content)>>>,
    tera: Option<Arc<Tera>>,
    pages: Option<Arc<Vec<render::RenderedFile>>>,
    /// The search bundle of `pages`; rebuilt with them.
    search: Option<Arc<Vec<(String, Content)>>>,
    /// What the masking pass masked in `pages`: (path, count).
    masked: Arc<Vec<(String, usize)>>,
    /// What the last indexing did.
    search_stats: crate::search::IndexStats,
    /// Where pages go as they are rendered ([`Builder::write`] only).
    stream: Option<Arc<stream::Streamer>>,
}

/// Why [`Builder::write`] failed.
#[derive(Debug)]
pub enum Failed {
    /// The site has errors (each with its file and line); nothing was written.
    Build(BuildError),
    /// The output folder could not be written (the message names the path).
    Write(anyhow::Error),
}

/// Numbers for the build report.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Pages and sections rendered.
    pub pages: usize,
    /// Files in the output.
    pub files: usize,
    /// Thumbnails made by this build.
    pub thumbs_made: usize,
    /// Thumbnails taken from the cache.
    pub thumbs_cached: usize,
    /// Media files probed by this build.
    pub probes_made: usize,
    /// Media probes taken from the cache.
    pub probes_cached: usize,
    /// National IDs and phone numbers masked, per output file: (path, count).
    pub masked: Arc<Vec<(String, usize)>>,
    /// Problems that did not stop the build (a portfolio file left out).
    pub warnings: Vec<Diagnostic>,
    /// What the search stage did (all zero when it did not run).
    pub search: crate::search::IndexStats,
    /// The lint report of the portfolios (the build prints its totals,
    /// `serve` each new finding).
    pub lint: Option<Arc<crate::lint::Report>>,
}

/// How hard a file claims its output path.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Claim {
    /// A second claim is a build error naming both sources.
    Firm,
    /// A teacher's file: a clash leaves it out, with a warning.
    Soft,
}

/// Who claimed a path of the output, named only when two claim the same one.
enum Owner {
    /// A page krufolio makes (a list, a portfolio page).
    Krufolio,
    /// The search bundle.
    Search,
    /// A theme static file.
    Theme,
    /// A guide page, by its source (`content/…`).
    Page(String),
    /// A copied file, named by its source ([`owner_of`]).
    File,
}

/// The output being put together, with who claimed each path (kept beside
/// each file rather than in a second map of 188,000 paths: issue 11).
struct Assembly<'c> {
    config: &'c Config,
    files: std::collections::BTreeMap<String, (Content, Owner)>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

impl<'c> Assembly<'c> {
    fn new(config: &'c Config) -> Self {
        Assembly { config, files: Default::default(), errors: Vec::new(), warnings: Vec::new() }
    }

    fn name(&self, key: &str, content: &Content, owner: &Owner) -> String {
        match owner {
            Owner::Krufolio => "krufolio".into(),
            Owner::Search => "krufolio (pagefind/)".into(),
            Owner::Theme => "theme static/".into(),
            Owner::Page(source) => source.clone(),
            Owner::File => owner_of(self.config, key, content),
        }
    }

    fn add(&mut self, key: String, content: Content, owner: Owner, claim: Claim) {
        if let Some((prev_content, prev_owner)) = self.files.get(&key) {
            let prev = self.name(&key, prev_content, prev_owner);
            let owner = self.name(&key, &content, &owner);
            // Name the user's file, not krufolio's own page.
            let (owner, prev) = if owner.starts_with("krufolio") { (prev, owner) } else { (owner, prev) };
            let th = format!("ไฟล์นี้กับ {prev} ได้ที่อยู่ผลลัพธ์เดียวกัน ({key})");
            let d = if claim == Claim::Soft {
                Diagnostic::new(
                    owner,
                    None,
                    format!("{th} จึงไม่เผยแพร่ไฟล์นี้ ให้เปลี่ยนชื่อไฟล์"),
                    format!("this file and {prev} both produce {key}; this file is left out: rename it"),
                )
            } else {
                Diagnostic::new(
                    owner,
                    None,
                    format!("{th} ให้เปลี่ยนชื่อไฟล์หรือกำหนด slug"),
                    format!("this file and {prev} both produce {key}; rename one or set `slug`"),
                )
            };
            match claim {
                Claim::Soft => self.warnings.push(d),
                Claim::Firm => self.errors.push(d),
            }
            return;
        }
        self.files.insert(key, (content, owner));
    }

    /// The output, without the owners.
    fn into_output(self) -> (Output, Vec<Diagnostic>) {
        let files = self.files.into_iter().map(|(k, (c, _))| (k, c)).collect();
        (Output { files }, self.warnings)
    }
}

impl Builder {
    /// A builder with nothing cached.
    pub fn new(opts: Options) -> Self {
        Builder {
            opts,
            config: None,
            content: None,
            statics: None,
            tera: None,
            pages: None,
            search: None,
            masked: Arc::default(),
            search_stats: Default::default(),
            stream: None,
        }
    }

    /// The rendered pages of the last successful build, for `serve`'s
    /// background indexer (`None` before one, or when search is off).
    pub fn searchable_pages(&self) -> Option<(Arc<Config>, Arc<Vec<render::RenderedFile>>)> {
        let config = self.config.clone()?;
        if !config.search {
            return None;
        }
        Some((config, self.pages.clone()?))
    }

    /// The config of the last successful resolve.
    pub fn config(&self) -> Option<&Arc<Config>> {
        self.config.as_ref()
    }

    /// Forgets what the changes make stale.
    pub fn invalidate(&mut self, changes: &BTreeSet<ChangeKind>) {
        let serving = self.opts.serve_addr.is_some();
        for c in changes {
            match c {
                ChangeKind::Config => {
                    self.config = None;
                    self.content = None;
                    self.statics = None;
                    self.tera = None;
                    self.pages = None;
                }
                ChangeKind::Content => {
                    self.content = None;
                    self.pages = None;
                }
                ChangeKind::Template => {
                    self.tera = None;
                    self.pages = None;
                }
                ChangeKind::Style | ChangeKind::Static => {
                    self.statics = None;
                    if !serving {
                        // Cache-busting hashes are baked into pages.
                        self.tera = None;
                        self.pages = None;
                    }
                }
            }
        }
    }

    fn resolved(&mut self) -> Result<Arc<Config>, BuildError> {
        match &self.config {
            Some(c) => Ok(c.clone()),
            None => {
                let c = Arc::new(config::resolve(&self.opts)?);
                self.config = Some(c.clone());
                Ok(c)
            }
        }
    }

    /// Builds and writes the output folder, streaming each page into the
    /// staging folder as it is rendered (the CLI build): memory holds
    /// hashes, not a district's pages. A failed build leaves the output
    /// folder as it was.
    pub fn write(&mut self) -> Result<(Stats, crate::output::WriteReport), Failed> {
        let config = self.resolved().map_err(Failed::Build)?;
        let mut clock = crate::timing::Clock::start();
        let stager = crate::output::Stager::open(&config).map_err(Failed::Write)?;
        clock.lap("stage:open");
        self.pages = None; // every page goes through the stager
        self.stream = Some(Arc::new(stream::Streamer::new(stager, config.search)));
        let built = self.build();
        let streamer =
            self.stream.take().and_then(Arc::into_inner).expect("the builder holds the only streamer");
        let (out, stats) = built.map_err(Failed::Build)?;
        clock.lap("build");
        // The write needs only the output: a district's portfolios and pages
        // are let go first (issue 11, peak memory). A later `build` runs those
        // stages again.
        self.content = None;
        self.pages = None;
        self.search = None;
        let report = streamer.into_stager().finish(&out).map_err(Failed::Write)?;
        clock.lap("write");
        Ok((stats, report))
    }

    /// Runs the stale stages and assembles the output.
    pub fn build(&mut self) -> Result<(Output, Stats), BuildError> {
        let config = self.resolved()?;
        let mut clock = crate::timing::Clock::start();
        self.inputs(&config, &mut clock)?;
        self.pages(&config, &mut clock)?;
        let (out, warnings) = self.assemble(&config)?;
        clock.lap("assemble");
        let content = self.content.as_ref().expect("content stage ran");
        let pages = self.pages.as_ref().expect("pages stage ran");
        let pf = &content.portfolios;
        let stats = Stats {
            pages: pages.iter().filter(|(k, _)| k.ends_with(".html")).count(),
            files: out.files.len(),
            thumbs_made: pf.derived.thumb_counts.0,
            thumbs_cached: pf.derived.thumb_counts.1,
            probes_made: pf.probe_counts.0,
            probes_cached: pf.probe_counts.1,
            masked: self.masked.clone(),
            warnings,
            search: std::mem::take(&mut self.search_stats),
            lint: Some(pf.report.clone()),
        };
        Ok((out, stats))
    }

    /// The stages that read the site: content (guides, Markdown, portfolios),
    /// theme static files and templates. Every failure is collected.
    fn inputs(&mut self, config: &Arc<Config>, clock: &mut crate::timing::Clock) -> Result<(), BuildError> {
        let mut diags: Vec<Diagnostic> = Vec::new();
        if self.content.is_none() {
            match content::load(config).and_then(|site| {
                clock.lap("content");
                let bodies = render::bodies(config, &site)?;
                clock.lap("markdown");
                let portfolios = crate::portfolio::run(config)?;
                clock.lap("portfolios");
                Ok(ContentStage { site, bodies, portfolios })
            }) {
                Ok(c) => self.content = Some(Arc::new(c)),
                Err(d) => diags.extend(d),
            }
        }
        if self.statics.is_none() {
            match crate::assets::theme_static(config) {
                Ok(s) => self.statics = Some(Arc::new(s)),
                Err(d) => diags.extend(d),
            }
            clock.lap("assets");
        }
        if self.tera.is_none() {
            if let Some(statics) = &self.statics {
                let hashes = Arc::new(crate::assets::hashes(statics));
                match render::templates::load(config, hashes) {
                    Ok(t) => self.tera = Some(Arc::new(t)),
                    Err(d) => diags.extend(d),
                }
                clock.lap("templates");
            }
        }
        if diags.is_empty() {
            Ok(())
        } else {
            Err(BuildError::new(diags))
        }
    }

    /// Renders the pages (masked before anything reads them) and their
    /// search bundle, when stale.
    fn pages(&mut self, config: &Arc<Config>, clock: &mut crate::timing::Clock) -> Result<(), BuildError> {
        let (Some(content), Some(tera)) = (&self.content, &self.tera) else {
            unreachable!("every input stage either succeeded or reported");
        };
        if self.pages.is_none() {
            let keep = render::Keep;
            // `write` makes a new streamer for its one build.
            let spill: &dyn render::Spill = match &self.stream {
                Some(s) => s.as_ref(),
                None => &keep,
            };
            let pf = Some(&content.portfolios);
            let mut pages = render::pages(config, &content.site, &content.bodies, tera, pf, spill)
                .map_err(BuildError::new)?;
            // PDPA: whatever national IDs or phone numbers are left in the
            // text are masked before anything (search included) reads it;
            // a streamed page was masked before it was written.
            self.masked = Arc::new(match &self.stream {
                Some(s) => {
                    let failed = s.failures();
                    if !failed.is_empty() {
                        return Err(BuildError::new(failed));
                    }
                    s.masked()
                }
                None => crate::privacy::mask::mask_files(&mut pages),
            });
            self.pages = Some(Arc::new(pages));
            self.search = None;
            clock.lap("pages");
        }
        // `serve` indexes in the background (see `serve::search`): a reload
        // never waits for the index.
        let serving = self.opts.serve_addr.is_some();
        if self.search.is_none() && config.search && !serving {
            let pages = self.pages.as_ref().expect("pages just built");
            let (files, stats) = index_pages(config, pages)?;
            self.search = Some(Arc::new(files));
            self.search_stats = stats;
            clock.lap("search");
        }
        Ok(())
    }

    /// Puts the output together: generated files first (nothing a user adds
    /// may replace them), then theme, content and portfolio files.
    fn assemble(&self, config: &Config) -> Result<(Output, Vec<Diagnostic>), BuildError> {
        let (Some(content), Some(statics), Some(pages)) = (&self.content, &self.statics, &self.pages) else {
            unreachable!("every stage either succeeded or reported");
        };
        let mut asm = Assembly::new(config);
        asm.warnings.extend(config.warnings.iter().cloned());
        asm.warnings.extend(content.site.warnings.iter().cloned());
        let mut sources: std::collections::HashMap<String, String> = content
            .site
            .pages
            .iter()
            .map(|p| &p.doc)
            .chain(content.site.sections.iter().map(|s| &s.doc))
            .map(|d| (format!("{}index.html", d.path), format!("content/{}", d.source)))
            .collect();
        for (k, v) in pages.iter() {
            // One page per source: a second page on the same path is krufolio's own.
            let owner = sources.remove(k).map_or(Owner::Krufolio, Owner::Page);
            let content = match &self.stream {
                Some(s) => s.content(k, v),
                None => Content::Bytes(v.clone()),
            };
            asm.add(k.clone(), content, owner, Claim::Firm);
        }
        for (k, v) in self.search.iter().flat_map(|s| s.iter()) {
            asm.add(k.clone(), v.clone(), Owner::Search, Claim::Firm);
        }
        for (k, v) in statics.iter() {
            asm.add(k.clone(), v.clone(), Owner::Theme, Claim::Firm);
        }
        let (files, warnings) = crate::assets::content_files(config, &content.site);
        asm.warnings.extend(warnings);
        for (k, v) in files {
            asm.add(k, v, Owner::File, Claim::Firm);
        }
        // A portfolio file that collides is left out with a warning: one
        // teacher's file never breaks the district's build.
        let pf = &content.portfolios;
        let (files, warnings) = crate::portfolio::derive::files(config, &pf.portfolios);
        asm.warnings.extend(pf.frameworks.warnings.iter().cloned());
        asm.warnings.extend(pf.derived.warnings.iter().cloned());
        asm.warnings.extend(warnings);
        for (k, v) in files {
            asm.add(k, v, Owner::File, Claim::Soft);
        }
        if asm.errors.is_empty() {
            Ok(asm.into_output())
        } else {
            Err(BuildError::new(std::mem::take(&mut asm.errors)))
        }
    }
}

/// Indexes rendered pages; a failure is a build error on `pagefind/`.
pub fn index_pages(
    config: &Config,
    pages: &[render::RenderedFile],
) -> Result<(Vec<(String, Content)>, crate::search::IndexStats), BuildError> {
    crate::search::index(config, pages.iter().map(|(k, v)| (k.as_str(), &v[..]))).map_err(|e| {
        BuildError::new(vec![Diagnostic::new(
            "pagefind/",
            None,
            "สร้างดัชนีค้นหาไม่สำเร็จ",
            format!("cannot build the search index: {e:#}"),
        )])
    })
}

/// The source a file of the output comes from, as the user knows it: a file
/// made from it in `.krufolio-cache/` (a location-free copy, a thumbnail) is
/// named by its output path, as the user never saw the cached file.
fn owner_of(config: &Config, key: &str, v: &Content) -> String {
    match v {
        Content::Copy(p) if !p.starts_with(config.root.join(".krufolio-cache")) => {
            p.strip_prefix(&config.root).unwrap_or(p).display().to_string()
        }
        _ => key.to_string(),
    }
}

/// One-shot build into the output folder, pages streamed to disk as they
/// are rendered ([`Builder::write`]).
pub fn build_and_write(opts: &Options) -> Result<(Arc<Config>, Stats, crate::output::WriteReport), Failed> {
    let mut b = Builder::new(opts.clone());
    let (stats, report) = b.write()?;
    let config = b.config().cloned().expect("config resolved by a successful build");
    Ok((config, stats, report))
}

/// One-shot build: everything, in memory.
pub fn build(opts: &Options) -> Result<(Arc<Config>, Output, Stats), BuildError> {
    let mut b = Builder::new(opts.clone());
    let (out, stats) = b.build()?;
    let config = b.config().cloned().expect("config resolved by a successful build");
    Ok((config, out, stats))
}
