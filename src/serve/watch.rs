//! File watching for `serve`: notify events, debounced, classified into
//! [`ChangeKind`]s.

use std::collections::BTreeSet;
use std::path::{Component, Path};

use crate::build::ChangeKind;
use crate::config::Config;

/// Classifies a changed path (absolute) for the site in `config`; `None`
/// for files the build does not read (the output folder, `target/`, `.git`,
/// editor swap files).
pub fn classify(config: &Config, path: &Path) -> Option<ChangeKind> {
    if path.starts_with(&config.output_dir) {
        return None;
    }
    let rel = path.strip_prefix(&config.root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    let name = parts.last()?;
    if parts.iter().any(|p| p.starts_with('.')) || name.ends_with('~') || name.contains(".krufolio-") {
        return None;
    }
    let first = parts.first()?.as_str();
    match first {
        "content" if parts.len() == 2 && name == crate::config::SITE_FILE => Some(ChangeKind::Config),
        "content" => Some(ChangeKind::Content),
        // Review records (`reviews/<slug>/<id>.yaml`) are read with the portfolios.
        "reviews" if parts.len() >= 2 => Some(ChangeKind::Content),
        "templates" => Some(ChangeKind::Template),
        "static" => Some(ChangeKind::Static),
        "themes" if parts.len() >= 3 => match parts[2].as_str() {
            "templates" => Some(ChangeKind::Template),
            "css" => Some(ChangeKind::Style),
            "static" => Some(ChangeKind::Static),
            _ => None,
        },
        _ => None,
    }
}

/// True for events that change the tree (create, modify, remove, rename);
/// false for reads: opening, reading and closing a file must never start a
/// rebuild, or each rebuild's own reads start the next one.
pub fn is_change(kind: &notify::EventKind) -> bool {
    use notify::event::{MetadataKind, ModifyKind};
    use notify::EventKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// The files of a batch being written: a file is open for writing from its
/// first change until inotify says it was closed after writing.
#[derive(Debug, Default)]
pub struct Writes {
    open: std::collections::HashSet<std::path::PathBuf>,
    closed: bool,
}

impl Writes {
    /// Notes what one event says about writes.
    pub fn see(&mut self, ev: &notify::Event) {
        use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
        use notify::EventKind;
        match ev.kind {
            EventKind::Create(CreateKind::File) | EventKind::Modify(ModifyKind::Data(_)) => {
                self.open.extend(ev.paths.iter().cloned());
            }
            EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
                for p in &ev.paths {
                    self.open.remove(p);
                }
                self.closed = true;
            }
            _ => {}
        }
    }

    /// Some file was written and closed, and none is still open for writing.
    pub fn settled(&self) -> bool {
        self.closed && self.open.is_empty()
    }
}

/// Classifies a batch of changed paths.
pub fn classify_all<'a>(config: &Config, paths: impl IntoIterator<Item = &'a Path>) -> BTreeSet<ChangeKind> {
    paths.into_iter().filter_map(|p| classify(config, p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn a_save_is_settled_once_every_written_file_is_closed() {
        use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, ModifyKind, RenameMode};
        use notify::{Event, EventKind};
        let ev = |kind, p: &str| Event::new(kind).add_path(PathBuf::from(p));
        let mut w = Writes::default();
        assert!(!w.settled(), "nothing written yet");
        // An editor's atomic save: a temporary file written, closed, renamed over the page.
        w.see(&ev(EventKind::Create(CreateKind::File), "/s/content/.a.md.swp"));
        w.see(&ev(EventKind::Modify(ModifyKind::Data(DataChange::Any)), "/s/content/.a.md.swp"));
        assert!(!w.settled(), "still open for writing");
        w.see(&ev(EventKind::Modify(ModifyKind::Data(DataChange::Any)), "/s/content/b.md"));
        w.see(&ev(EventKind::Access(AccessKind::Close(AccessMode::Write)), "/s/content/.a.md.swp"));
        assert!(!w.settled(), "b.md is still being written");
        w.see(&ev(EventKind::Access(AccessKind::Close(AccessMode::Write)), "/s/content/b.md"));
        w.see(&ev(EventKind::Modify(ModifyKind::Name(RenameMode::Both)), "/s/content/a.md"));
        assert!(w.settled());
        // A read opens and closes without writing: it settles nothing.
        let mut r = Writes::default();
        r.see(&ev(EventKind::Access(AccessKind::Close(AccessMode::Read)), "/s/content/a.md"));
        assert!(!r.settled());
    }

    fn config() -> Config {
        let mut c = crate::config::resolve(&crate::config::Options {
            root: Some(std::env::temp_dir()),
            ..Default::default()
        })
        .unwrap();
        c.root = PathBuf::from("/site");
        c.content_dir = PathBuf::from("/site/content");
        c.output_dir = PathBuf::from("/site/public");
        c
    }

    #[test]
    fn reads_are_not_changes() {
        use notify::event::{
            AccessKind, AccessMode, CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode,
        };
        use notify::EventKind;
        assert!(!is_change(&EventKind::Access(AccessKind::Open(AccessMode::Any))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(AccessMode::Read))));
        assert!(!is_change(&EventKind::Access(AccessKind::Read)));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Data(DataChange::Any))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Name(RenameMode::Both))));
        assert!(is_change(&EventKind::Remove(RemoveKind::File)));
    }

    #[test]
    fn kinds() {
        let c = config();
        let k = |p: &str| classify(&c, Path::new(p));
        assert_eq!(k("/site/content/site.yaml"), Some(ChangeKind::Config));
        assert_eq!(k("/site/content/pa/a.md"), Some(ChangeKind::Content));
        assert_eq!(k("/site/content/pa/pic.jpg"), Some(ChangeKind::Content));
        assert_eq!(k("/site/themes/default/templates/page.html"), Some(ChangeKind::Template));
        assert_eq!(k("/site/templates/page.html"), Some(ChangeKind::Template));
        assert_eq!(k("/site/themes/default/css/base.css"), Some(ChangeKind::Style));
        assert_eq!(k("/site/static/logo.png"), Some(ChangeKind::Static));
        assert_eq!(k("/site/public/index.html"), None);
        assert_eq!(k("/site/target/debug/x"), None);
        assert_eq!(k("/site/content/.a.md.swp"), None);
        assert_eq!(k("/site/.git/HEAD"), None);
        assert_eq!(k("/site/reviews/kru-a/mentor.yaml"), Some(ChangeKind::Content));
        assert_eq!(k("/site/reviews/kru-a/.mentor.yaml.swp"), None);
    }
}
