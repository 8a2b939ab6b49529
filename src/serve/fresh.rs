//! How the browser may keep what `serve` sends (issue 11, live preview).
//!
//! Every answer carries an `ETag` and `Cache-Control: no-cache`: the browser
//! keeps a copy but asks again each time, and an unchanged stylesheet, font
//! or page comes back as `304 Not Modified` with no body. A live reload then
//! costs the page and a few 304s instead of the theme's fonts and styles
//! downloaded and decoded again. Answers of a review build (`--audience
//! review`, mentors' and committees' data) stay `no-store`: the browser
//! writes none of it to its cache.

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;

/// What the browser may keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Policy {
    /// Keep, revalidate every time.
    Revalidate,
    /// Keep nothing (review data).
    NoStore,
}

impl Policy {
    /// A review build's answers are never stored; a public one's are revalidated.
    pub(super) fn of(audience: Option<crate::config::Audience>) -> Policy {
        match audience {
            Some(crate::config::Audience::Review) => Policy::NoStore,
            _ => Policy::Revalidate,
        }
    }
}

/// The validator of a body held in memory.
pub(super) fn of_bytes(bytes: &[u8]) -> String {
    format!("\"b{}\"", &blake3::hash(bytes).to_hex()[..24])
}

/// The validator of a file on disk: its size and modification time (no read).
pub(super) fn of_file(meta: &std::fs::Metadata) -> String {
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    format!("\"f{:x}-{mtime:x}\"", meta.len())
}

/// Whether the request's `If-None-Match` names `etag` (or `*`).
pub(super) fn matches(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

/// The caching headers of an answer.
pub(super) fn headers(
    builder: axum::http::response::Builder,
    etag: &str,
    policy: Policy,
) -> axum::http::response::Builder {
    match policy {
        Policy::NoStore => builder.header(header::CACHE_CONTROL, "no-store"),
        Policy::Revalidate => builder
            .header(header::CACHE_CONTROL, "no-cache")
            .header(header::ETAG, HeaderValue::from_str(etag).unwrap_or(HeaderValue::from_static("\"\""))),
    }
}

/// `304 Not Modified` when the browser's copy is `etag` and it may keep one.
pub(super) fn not_modified(request: &HeaderMap, etag: &str, policy: Policy) -> Option<Response> {
    (policy == Policy::Revalidate && matches(request, etag)).then(|| {
        headers(Response::builder().status(StatusCode::NOT_MODIFIED), etag, policy)
            .body(axum::body::Body::empty())
            .expect("valid response")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn if_none_match_lists_and_weak_tags_match() {
        let tag = of_bytes(b"body");
        let mut h = HeaderMap::new();
        assert!(!matches(&h, &tag));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&format!("\"x\", W/{tag}")).unwrap());
        assert!(matches(&h, &tag));
        assert!(!matches(&h, &of_bytes(b"other")));
        assert!(not_modified(&h, &tag, Policy::NoStore).is_none(), "review data is never revalidated");
        assert_eq!(not_modified(&h, &tag, Policy::Revalidate).unwrap().status(), StatusCode::NOT_MODIFIED);
    }
}
