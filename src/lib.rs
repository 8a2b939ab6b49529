//! krufolio: a static site generator for Thai teachers' PA (ข้อตกลงในการ
//! พัฒนางาน) guidance sites and evidence portfolios.
//!
//! The pipeline, one module per stage: [`cli`] parses, [`config`] resolves,
//! [`content`] walks and parses the guidance pages, [`portfolio`] loads,
//! probes, lints ([`lint`]) and derives the teachers' portfolios into views,
//! [`render`] turns Markdown, templates and views into HTML, [`assets`]
//! bundles CSS and cleans and copies files, [`build`] runs the stages,
//! [`search`] indexes pages for offline Thai search, [`output`] writes the
//! tree safely, [`serve`] watches and live-reloads, and [`deploy`] publishes
//! the output to S3-compatible storage. See ARCHITECTURE.md.

pub mod assets;
pub mod build;
pub mod cli;
pub mod config;
pub mod content;
pub mod date;
pub mod deploy;
pub mod diagnostic;
pub mod export;
pub mod fix;
pub mod frameworks;
pub mod fs;
pub mod import;
pub mod lint;
pub mod markup;
pub mod output;
pub mod portfolio;
pub mod privacy;
pub mod render;
pub mod review;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod text;
pub mod theme;
pub mod timing;
pub mod yaml;
