//! The view of a link artefact ([`Kind::Link`](crate::portfolio::model::Kind::Link)):
//! the address read by [`crate::portfolio::link`], what the page embeds
//! (youtube-nocookie or a Drive preview) or shows as a card, or why the
//! link is not published (a placeholder; lint rule V012 says the same).

use serde::Serialize;

use super::Problem;
use crate::portfolio::link;
use crate::portfolio::model::Artefact;

/// What `partials/artefact.html` shows of a link (`a.link`).
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// `youtube`, `drive` or `web`.
    pub kind: &'static str,
    /// The address (serialised, ASCII): the fallback link and the card's target.
    pub href: String,
    /// Its host (punycode for non-ASCII names).
    pub host: String,
    /// The player to embed in an iframe (YouTube and Drive only).
    pub embed: Option<String>,
}

/// The link of `a`, or why it is not published.
pub(super) fn of(a: &Artefact) -> Result<LinkView, Problem> {
    let Some(raw) = a.link.as_ref().and_then(|l| l.url.as_deref()) else {
        return Err(Problem::new(
            "ไม่พบที่อยู่เว็บในไฟล์ลิงก์นี้ จึงไม่เผยแพร่",
            "no web address was found in this link file, so it is not published",
        ));
    };
    match link::classify(raw) {
        Ok(l) => Ok(LinkView { kind: l.kind(), embed: l.embed(), href: l.url, host: l.host }),
        Err(t) => Err(Problem::new(
            format!("ไม่เผยแพร่ลิงก์นี้: {}", t.th),
            format!("this link is not published: {}", t.en),
        )),
    }
}
