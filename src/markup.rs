//! The Markdown dialect krufolio speaks, shared by the district's guides
//! (`render::markdown`) and teachers' text (`privacy::sanitize`): the
//! pulldown-cmark options per author, and the accessible HTML both get for
//! tables (a focusable, named scroll group) and task lists. Depends on
//! nothing in the crate.

pub mod paste;

use pulldown_cmark::{CowStr, Event, Options, Tag, TagEnd};

/// Who wrote a Markdown text, which decides the syntax it may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    /// The district's guides under `content/`: trusted.
    District,
    /// A teacher's portfolio text: untrusted (see [`crate::privacy::sanitize`]).
    Teacher,
}

/// The one set of pulldown-cmark options: GFM tables, strikethrough and task
/// lists for everyone; footnotes and heading attributes for the district only
/// (in teacher text `{#id onclick=…}` would pass attributes through).
pub fn options(author: Author) -> Options {
    let common = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    match author {
        Author::District => common | Options::ENABLE_FOOTNOTES | Options::ENABLE_HEADING_ATTRIBUTES,
        Author::Teacher => common,
    }
}

/// Accessible HTML for two Markdown constructs, applied by every renderer:
/// task-list checkboxes get a name, and tables go in a focusable, named
/// `.table-wrap` group so keyboard users can scroll wide tables on phones.
pub fn accessible(ev: Event<'_>) -> Vec<Event<'_>> {
    match ev {
        Event::Start(Tag::Table(_)) => vec![
            Event::Html(CowStr::Borrowed(
                "<div class=\"table-wrap\" role=\"group\" tabindex=\"0\" aria-label=\"ตาราง (เลื่อนดูด้านข้างได้)\">",
            )),
            ev,
        ],
        Event::End(TagEnd::Table) => vec![ev, Event::Html(CowStr::Borrowed("</div>"))],
        Event::TaskListMarker(done) => vec![Event::Html(CowStr::Borrowed(if done {
            "<input disabled=\"\" type=\"checkbox\" checked=\"\" aria-label=\"รายการที่ต้องทำ (ทำแล้ว)\"/>\n"
        } else {
            "<input disabled=\"\" type=\"checkbox\" aria-label=\"รายการที่ต้องทำ\"/>\n"
        }))],
        other => vec![other],
    }
}
