//! The media type of an output file, from its name: the one table that
//! `serve` answers with and `deploy` stores on each object.

/// The `Content-Type` of the output file at `path` (text types in UTF-8).
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = match name.rsplit_once('.') {
        Some((_, ext)) => ext.to_ascii_lowercase(),
        None => String::new(),
    };
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "xml" => "application/xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "heic" => "image/heic",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" | "m4v" => "video/mp4",
        "mov" => "video/quicktime",
        "3gp" => "video/3gpp",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        "m4a" => "audio/mp4",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "odt" => "application/vnd.oasis.opendocument.text",
        "zip" => "application/zip",
        // Pagefind's index files (`.pf_meta`, `.pf_index`, `.pf_fragment`) and
        // its `wasm.<lang>.pagefind` are gzipped data its script unpacks itself;
        // `.download` is evidence renamed so that no browser runs it.
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_by_name() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("p/คลิป.MP4"), "video/mp4");
        assert_eq!(content_type("pagefind/pagefind.th_fbf5436625.pf_meta"), "application/octet-stream");
        assert_eq!(content_type("pagefind/pagefind.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("a/page.html.download"), "application/octet-stream");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
        assert_eq!(content_type(".hidden/x"), "application/octet-stream");
    }
}
