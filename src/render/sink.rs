//! Renders templates into a list of output files, collecting every
//! template that fails as a diagnostic; shared by the portfolio pages and the
//! printed documents.

use tera::Tera;

use super::RenderedFile;
use crate::diagnostic::Diagnostic;

/// The global context of a page at a URL (shared by the render threads).
pub type Globals<'a> = dyn Fn(&str) -> tera::Context + Sync + 'a;

/// Renders templates into a list of output files, collecting what fails.
pub struct Pages<'a> {
    /// The templates.
    pub tera: &'a Tera,
    /// The global context of a page at a URL.
    pub globals: &'a Globals<'a>,
    /// What happens to each file as it is rendered.
    pub spill: &'a dyn super::Spill,
    /// Rendered files.
    pub out: Vec<RenderedFile>,
    /// Templates that failed.
    pub diags: Vec<Diagnostic>,
}

impl<'a> Pages<'a> {
    /// An empty sink.
    pub fn new(tera: &'a Tera, globals: &'a Globals<'a>, spill: &'a dyn super::Spill) -> Self {
        Pages { tera, globals, spill, out: Vec::new(), diags: Vec::new() }
    }

    /// Adds what `other` rendered, in order.
    pub fn extend(&mut self, other: Pages<'_>) {
        self.out.extend(other.out);
        self.diags.extend(other.diags);
    }

    /// The global context for a page at `url`, plus `vars`.
    pub fn context(&self, url: &str, vars: &[(&str, &dyn erased::Var)]) -> tera::Context {
        let mut ctx = (self.globals)(url);
        for (k, v) in vars {
            v.insert_into(&mut ctx, k);
        }
        ctx
    }

    /// Adds a file made without a template (it is spilled like the rest).
    pub fn file(&mut self, dest: String, bytes: Vec<u8>) {
        self.out.push(super::spilled(self.spill, (dest, bytes.into())));
    }

    /// Renders one template to `dest`, or records why it failed.
    pub fn render(&mut self, name: &str, ctx: &tera::Context, dest: String) {
        match self.tera.render(name, ctx) {
            Ok(html) => self.out.push(super::spilled(self.spill, (dest, html.into_bytes().into()))),
            Err(e) => self.diags.push(Diagnostic::new(
                format!("themes/.../templates/{name}"),
                None,
                format!("แสดงผลเทมเพลต {name} ไม่สำเร็จ"),
                super::templates::error_chain(&e),
            )),
        }
    }
}

/// Object-safe `tera::Context::insert` for a list of typed variables.
pub mod erased {
    /// A value a template context can hold.
    pub trait Var {
        /// Inserts `self` under `key`.
        fn insert_into(&self, ctx: &mut tera::Context, key: &str);
    }
    impl<T: serde::Serialize + ?Sized> Var for T {
        fn insert_into(&self, ctx: &mut tera::Context, key: &str) {
            ctx.insert(key, self);
        }
    }
}
