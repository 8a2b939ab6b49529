//! Evidence files a browser would run as a page on the site's origin (HTML,
//! SVG, XML, scripts) are published under a name with `.download` added, so
//! every web server sends them as `application/octet-stream` and the
//! browser saves them instead of running them; the page's link carries a
//! `download` attribute with the original name.

/// Extensions (lowercase) that a browser renders or runs.
const ACTIVE: &[&str] = &[
    "html", "htm", "xhtml", "shtml", "svg", "svgz", "xml", "xsl", "xslt", "js", "mjs", "wasm", "swf", "hta",
    "mht", "mhtml", "php", "jsp", "asp", "aspx", "vbs", "xht",
];

/// Is a file with this name (and first bytes) active content?
pub fn is_active(name: &str, head: &[u8]) -> bool {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    if ACTIVE.contains(&ext.as_str()) {
        return true;
    }
    // Markup under another name (a `.txt` holding HTML is still text/plain,
    // but an unknown extension may be sniffed as HTML by some servers).
    let known_inert = matches!(
        ext.as_str(),
        "txt"
            | "md"
            | "csv"
            | "pdf"
            | "jpg"
            | "jpeg"
            | "png"
            | "gif"
            | "webp"
            | "mp4"
            | "mov"
            | "m4v"
            | "mp3"
            | "m4a"
            | "wav"
            | "docx"
            | "xlsx"
            | "pptx"
            | "doc"
            | "xls"
            | "ppt"
            | "odt"
            | "ods"
            | "odp"
            | "zip"
            | "heic"
    );
    if known_inert {
        return false;
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(512)]).to_ascii_lowercase();
    let t = text.trim_start_matches('\u{feff}').trim_start();
    ["<!doctype", "<html", "<svg", "<script", "<?xml", "<body", "<iframe"].iter().any(|m| t.starts_with(m))
}

/// The published name of an active file.
pub fn download_name(rel: &str) -> String {
    with_suffix(rel, ".download")
}

/// Longest file name (bytes) most file systems take.
pub const NAME_MAX: usize = 255;

/// `rel` with `suffix` added to its last component, kept within
/// [`NAME_MAX`] bytes: a name that would be too long keeps as much of its
/// start as fits (on a character boundary) plus a short hash of the whole
/// name, so two long names never meet.
pub fn with_suffix(rel: &str, suffix: &str) -> String {
    let (dir, name) = match rel.rfind('/') {
        Some(i) => (&rel[..=i], &rel[i + 1..]),
        None => ("", rel),
    };
    if name.len() + suffix.len() <= NAME_MAX {
        return format!("{rel}{suffix}");
    }
    let hash = &blake3::hash(name.as_bytes()).to_hex()[..10];
    let room = NAME_MAX - suffix.len() - hash.len() - 1;
    let mut cut = room.min(name.len());
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{dir}{}~{hash}{suffix}", &name[..cut])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_svg_and_sniffed_markup_are_active() {
        assert!(is_active("สื่อ.html", b""));
        assert!(is_active("ภาพ.SVG", b""));
        assert!(is_active("เกม", b"<!DOCTYPE html><script>"));
        assert!(is_active("เกม.dat", b"\xef\xbb\xbf  <svg onload=x>"));
        assert!(!is_active("แผน.pdf", b"%PDF-1.7"));
        assert!(!is_active("บันทึก.txt", b"<script>"));
        assert!(!is_active("ภาพ.jpg", b"<html>"));
        assert_eq!(download_name("1.1/a.html"), "1.1/a.html.download");
    }

    #[test]
    fn long_thai_names_stay_within_the_name_limit_regression() {
        let long = format!("1.1 หลักสูตร/{}.jpg", "ก".repeat(83)); // 249 + 4 bytes
        let out = with_suffix(&long, ".w1600.jpg");
        let name = out.rsplit('/').next().unwrap();
        assert!(name.len() <= NAME_MAX, "{} bytes", name.len());
        assert!(out.starts_with("1.1 หลักสูตร/กก") && out.ends_with(".w1600.jpg"), "{out}");
        assert_ne!(with_suffix(&format!("{long}x"), ".w1600.jpg"), out, "distinct names stay distinct");
        assert_eq!(with_suffix("a/b.jpg", ".w800.jpg"), "a/b.jpg.w800.jpg", "short names unchanged");
    }
}
