//! Teacher text is untrusted: Markdown from portfolios (notes, sidecar
//! bodies, `challenge.inspiration` / `method`) is rendered without raw HTML
//! and without script URLs, then cleaned by ammonia as a second line of
//! defence. District guides (`content/` outside `portfolios/`) keep raw
//! HTML, as in Zola and mdBook: the district is the site's author.
//!
//! Policy: raw HTML in teacher text is shown as text; a link or image whose
//! URL is not `http(s):`, `mailto:`, `tel:`, a fragment or a relative path
//! loses its URL (the text stays). [`findings`] reports both, for the
//! `teacher-html` lint rule.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Markdown options for teacher text: the one set, for a teacher.
fn options() -> pulldown_cmark::Options {
    crate::markup::options(crate::markup::Author::Teacher)
}

/// Is this URL safe to publish in an `href` / `src`?
pub fn safe_url(url: &str) -> bool {
    let u: String = url.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control()).collect();
    let lower = u.to_ascii_lowercase();
    match lower.find(':') {
        // A colon before any `/`, `?` or `#` is a scheme.
        Some(i) if !lower[..i].contains(['/', '?', '#']) => {
            matches!(&lower[..i], "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// One unsafe thing in teacher text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unsafe {
    /// Raw HTML (the tag, shortened).
    Html(String),
    /// A link or image URL with a scheme other than http(s)/mailto/tel.
    Url(String),
    /// A relative link to a file that is not published with the portfolio
    /// (missing, withheld, outside the folder, a `#fragment` or `@/` link).
    Missing(String),
}

fn short(s: &str) -> String {
    let s = s.trim();
    let mut out: String = s.chars().take(40).collect();
    if s.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// The unsafe pieces of a Markdown text, with their 1-based line within it.
/// `local` says whether a relative link or image (already resolved with
/// [`resolve_rel`] by the caller) points at a file that will be published.
pub fn findings(markdown: &str, local: &dyn Fn(&str) -> bool) -> Vec<(usize, Unsafe)> {
    let pasted = crate::markup::paste::prepare(markdown, false);
    let line_of = |offset: usize| pasted.source_line(offset);
    let mut out = Vec::new();
    for (ev, range) in Parser::new_ext(&pasted.text, options()).into_offset_iter() {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) if !h.trim().is_empty() && !is_comment(&h) => {
                out.push((line_of(range.start), Unsafe::Html(short(&h))))
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                if !safe_url(&dest_url) {
                    out.push((line_of(range.start), Unsafe::Url(short(&dest_url))));
                } else if !is_absolute(&dest_url) && !local(&dest_url) {
                    out.push((line_of(range.start), Unsafe::Missing(short(&dest_url))));
                }
            }
            _ => {}
        }
    }
    out
}

/// An `http(s):`, `mailto:` or `tel:` URL (kept as written).
pub fn is_absolute(url: &str) -> bool {
    let l = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:"].iter().any(|s| l.starts_with(s))
}

/// Resolves a relative link of a teacher text against `base_dir` (the
/// folder of the note inside its portfolio, `""` for the portfolio root):
/// the path of the target inside the portfolio, or `None` for fragments,
/// `@/` and absolute paths, and anything that climbs out of the portfolio.
pub fn resolve_rel(base_dir: &str, dest: &str) -> Option<String> {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    if path.is_empty() || path.starts_with('/') || path.starts_with("@/") || is_absolute(dest) {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    let mut parts: Vec<&str> = base_dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn is_comment(h: &str) -> bool {
    let t = h.trim();
    t.starts_with("<!--") && t.ends_with("-->")
}

/// Renders teacher Markdown to safe HTML. `local` turns a relative link
/// into the URL of the published file it points at; a link or image it
/// cannot place, or whose URL is unsafe, is dropped, keeping its text.
pub fn teacher_markdown(markdown: &str, local: &dyn Fn(&str) -> Option<String>) -> String {
    teacher_markdown_pasted(markdown, false, local)
}

/// [`teacher_markdown`] for a text whose front matter says `paste: true`
/// when `breaks` (every line break kept; see [`crate::markup::paste`]).
pub fn teacher_markdown_pasted(
    markdown: &str,
    breaks: bool,
    local: &dyn Fn(&str) -> Option<String>,
) -> String {
    let pasted = crate::markup::paste::prepare(markdown, breaks);
    let mut lists = pasted.lists();
    // Per open link/image: was it dropped?
    let mut open: Vec<bool> = Vec::new();
    let target = |dest: &str| -> Option<String> {
        if !safe_url(dest) {
            None
        } else if is_absolute(dest) {
            Some(dest.to_string())
        } else {
            local(dest)
        }
    };
    let events = Parser::new_ext(&pasted.text, options())
        .into_offset_iter()
        .filter_map(|(ev, range)| teacher_event(ev, &mut open, &target).map(|ev| lists.map(ev, range.start)));
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.flat_map(crate::markup::accessible));
    clean(&html)
}

/// One event of teacher text: raw HTML as text, unsafe or unplaceable links
/// dropped (their text kept; `open` remembers which were).
fn teacher_event<'a>(
    ev: Event<'a>,
    open: &mut Vec<bool>,
    target: &dyn Fn(&str) -> Option<String>,
) -> Option<Event<'a>> {
    match ev {
        Event::Html(h) | Event::InlineHtml(h) => Some(Event::Text(h)),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let to = target(&dest_url);
            open.push(to.is_none());
            to.map(|u| Event::Start(Tag::Link { link_type, dest_url: u.into(), title, id }))
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            let to = target(&dest_url);
            open.push(to.is_none());
            to.map(|u| Event::Start(Tag::Image { link_type, dest_url: u.into(), title, id }))
        }
        Event::End(TagEnd::Link | TagEnd::Image) => (!open.pop().unwrap_or(false)).then_some(ev),
        other => Some(other),
    }
}

/// ammonia with the few extras the Markdown renderer emits (task-list boxes,
/// scrollable table wrappers).
pub fn clean(html: &str) -> String {
    use std::collections::HashSet;
    let mut b = ammonia::Builder::default();
    b.add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled", "aria-label"])
        .add_tag_attributes("div", ["class", "role", "tabindex", "aria-label"])
        .add_allowed_classes("ol", ["thai-digits"])
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .link_rel(Some("noopener noreferrer nofollow"));
    b.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAYLOADS: &[&str] = &[
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<p style=\"position:fixed\">x</p>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt&#58;alert(1))",
        "[x]( java\tscript:alert(1))",
        "![x](data:text/html,<script>alert(1)</script>)",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<object data=x></object>",
        "[x](vbscript:msgbox)",
    ];

    #[test]
    fn no_payload_survives() {
        for p in PAYLOADS {
            let html = teacher_markdown(p, &|_| None).to_ascii_lowercase();
            // Escaped text (`&lt;script&gt;`) is harmless; tags and attributes are not.
            for tag in html.split('<').skip(1).filter_map(|t| t.split_once('>').map(|(t, _)| t)) {
                let name = tag.split([' ', '/']).next().unwrap_or("");
                assert!(
                    !["script", "img", "svg", "iframe", "object", "embed"].contains(&name),
                    "{p} → {html}"
                );
                for bad in [" style=", " on", "javascript:", "vbscript:", "data:"] {
                    assert!(!tag.contains(bad), "{p} → <{tag}>");
                }
            }
        }
    }

    #[test]
    fn findings_report_html_and_script_urls_with_lines() {
        let f = findings(
            "ข้อความ\n\n<script>x</script>\n\n[a](javascript:x) [b](https://ok.example)\n",
            &|_| true,
        );
        assert_eq!(f.len(), 2, "{f:?}");
        assert_eq!(f[0].0, 3);
        assert!(matches!(f[0].1, Unsafe::Html(_)));
        assert_eq!(f[1], (5, Unsafe::Url("javascript:x".into())));
    }

    #[test]
    fn ordinary_markdown_is_kept() {
        let local =
            |d: &str| (d == "แผน.pdf").then(|| "/p/kru/1.1/%E0%B9%81%E0%B8%9C%E0%B8%99.pdf".to_string());
        let html = teacher_markdown(
            "# หัวข้อ\n\n- [x] ทำแล้ว\n\n| ก | ข |\n|---|---|\n| 1 | 2 |\n\n[ลิงก์](https://example.com) [ไฟล์](แผน.pdf) [ไม่มี](ไม่มี.pdf)",
            &local,
        );
        assert!(html.contains("<h1>หัวข้อ</h1>"), "{html}");
        assert!(html.contains("type=\"checkbox\""), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("href=\"https://example.com\""), "{html}");
        assert!(html.contains("href=\"/p/kru/1.1/%E0%B9%81%E0%B8%9C%E0%B8%99.pdf\""), "{html}");
        assert!(
            html.contains("ไม่มี") && !html.contains("ไม่มี.pdf"),
            "an unplaceable link keeps its text only: {html}"
        );
    }

    #[test]
    fn relative_links_resolve_inside_the_portfolio_only() {
        assert_eq!(resolve_rel("1.1 หลักสูตร", "แผน.pdf").as_deref(), Some("1.1 หลักสูตร/แผน.pdf"));
        assert_eq!(resolve_rel("1.1 หลักสูตร", "../1.2/a%20b.pdf#p2").as_deref(), Some("1.2/a b.pdf"));
        assert_eq!(resolve_rel("1.1", "../../../../etc/passwd"), None);
        assert_eq!(resolve_rel("", "/etc/hostname"), None);
        assert_eq!(resolve_rel("", "@/pa/cycle.md"), None);
        assert_eq!(resolve_rel("", "#x"), None);
    }

    #[test]
    fn safe_urls() {
        for u in [
            "https://a.b",
            "HTTP://a",
            "mailto:a@b",
            "tel:021234567",
            "#x",
            "a/b.pdf",
            "../x",
            "?q=a:b",
            "/x:y",
        ] {
            assert!(safe_url(u), "{u}");
        }
        for u in ["javascript:x", " javascript:x", "java\nscript:x", "data:x", "vbscript:x", "file:///etc"] {
            assert!(!safe_url(u), "{u}");
        }
    }
}
