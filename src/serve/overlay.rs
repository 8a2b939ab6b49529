//! The `serve` error overlay: a fixed box listing every diagnostic of a
//! failed build, injected into every page, and the fonts it is set in.
//!
//! The overlay uses the site's font (`--font-sans` of the theme, Sarabun in
//! the default theme). It also declares Sarabun itself, from the fonts built
//! into the binary ([`FONTS_PATH`]), so Thai reads right even on the bare page
//! served when the very first build fails (no stylesheet, and a browser
//! without a Thai system font would show tofu boxes).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::diagnostic::BuildError;
use crate::render::templates::escape_html;

/// Where the overlay's fonts are served from.
pub const FONTS_PATH: &str = "/__krufolio/fonts/";

/// The default theme's Sarabun faces: (file, weight, unicode-range), the same
/// as `themes/default/css/fonts.css`.
const FACES: &[(&str, u16, &str)] = &[
    ("sarabun-thai-400-normal.woff2", 400, THAI),
    ("sarabun-latin-400-normal.woff2", 400, LATIN),
    ("sarabun-thai-700-normal.woff2", 700, THAI),
    ("sarabun-latin-700-normal.woff2", 700, LATIN),
];
const THAI: &str = "U+02D7,U+0303,U+0331,U+0E01-0E5B,U+200C-200D,U+25CC";
const LATIN: &str = "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD";

/// The `<style>` of the overlay: the Sarabun faces and the box's look.
fn style() -> String {
    let mut css = String::new();
    for (file, weight, range) in FACES {
        css.push_str(&format!(
            "@font-face{{font-family:\"Sarabun\";font-style:normal;font-weight:{weight};font-display:swap;\
src:url({FONTS_PATH}{file}) format(\"woff2\");unicode-range:{range}}}"
        ));
    }
    css.push_str(
        "#krufolio-error{position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;\
background:#fff4f4;color:#5a0000;border-top:4px solid #c00;padding:1rem 1.25rem;\
font:16px/1.75 var(--font-sans,\"Sarabun\",\"Noto Sans Thai\",\"Leelawadee UI\",\"Thonburi\",\"Tahoma\",sans-serif);\
box-shadow:0 -4px 16px rgba(0,0,0,.2);text-align:start}\
#krufolio-error ul{margin:.5rem 0 0;padding-left:1.25rem}\
#krufolio-error code{font-family:ui-monospace,monospace;overflow-wrap:anywhere}",
    );
    css
}

/// The error overlay: a fixed box listing every diagnostic.
pub fn overlay_html(err: &BuildError) -> String {
    let mut items = String::new();
    for d in &err.diagnostics {
        items.push_str(&format!(
            "<li><code>{}</code><br>{}<br><span lang=\"en\">{}</span></li>",
            escape_html(&d.location()),
            escape_html(&d.message),
            escape_html(&d.message_en)
        ));
    }
    format!(
        "<style>{}</style><div id=\"krufolio-error\" role=\"alert\" lang=\"th\">\
<strong>สร้างเว็บไซต์ไม่สำเร็จ / Build failed</strong> — แสดงเว็บไซต์ล่าสุดที่สร้างได้ แก้ไฟล์แล้วหน้านี้จะโหลดใหม่เอง \
<span lang=\"en\">(showing the last good build; fix the file and this page reloads)</span><ul>{items}</ul></div>",
        style()
    )
}

/// Answers `/__krufolio/fonts/<file>` with a font built into the binary.
pub async fn font(Path(name): Path<String>) -> Response {
    let known = FACES.iter().any(|(f, _, _)| *f == name);
    let file = crate::theme::DEFAULT_THEME.get_file(format!("static/fonts/{name}"));
    match file.filter(|_| known) {
        Some(f) => {
            ([(header::CONTENT_TYPE, "font/woff2"), (header::CACHE_CONTROL, "max-age=86400")], f.contents())
                .into_response()
        }
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_face_is_built_in() {
        for (file, _, _) in FACES {
            let f = crate::theme::DEFAULT_THEME.get_file(format!("static/fonts/{file}"));
            assert!(f.is_some_and(|f| f.contents().len() > 1000), "{file} missing from the default theme");
        }
    }

    #[test]
    fn the_faces_match_the_theme_css() {
        let css = crate::theme::DEFAULT_THEME.get_file("css/fonts.css").unwrap().contents_utf8().unwrap();
        let css: String = css.split_whitespace().collect();
        for (file, _, range) in FACES {
            assert!(css.contains(file), "{file} not in fonts.css");
            assert!(css.contains(range), "{file}: unicode-range differs from fonts.css");
        }
    }
}
