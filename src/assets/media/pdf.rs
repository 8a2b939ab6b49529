//! PDF probing: page count, encryption and truncation.
//!
//! A PDF ends at its last `%%EOF`; bytes after it (a mail footer, a copy tool's padding)
//! are ignored as every reader ignores them, unless they hold PDF objects (`endobj`), which
//! means the file was cut inside a later part (a linearized file has an early `%%EOF`).
//! lopdf reads the pages; when it cannot, page objects are counted in the raw bytes, as
//! lenient viewers would still open the file. A PDF with an `/Encrypt` dictionary is
//! [`MediaInfo::encrypted`]; when it does not open with the empty password (a password to
//! open, not only to print or copy) it is [`MediaInfo::needs_password`] and not an error.

use crate::portfolio::model::MediaInfo;
use crate::text::Text;

use super::corrupt;

pub(super) fn probe_pdf(bytes: &[u8], info: &mut MediaInfo) -> Result<(), Text> {
    let find = |hay: &[u8], needle: &[u8]| hay.windows(needle.len()).any(|w| w == needle);
    if !find(&bytes[..bytes.len().min(1024)], b"%PDF-") {
        return Err(Text::new("ไม่ใช่ไฟล์ PDF", "not a PDF file (no %PDF- header)"));
    }
    let eof = bytes.windows(5).rposition(|w| w == b"%%EOF");
    let Some(eof) = eof.filter(|&e| !find(&bytes[e..], b"endobj")) else {
        return Err(corrupt("PDF ถูกตัดท้าย ไม่พบ %%EOF", "PDF ends early, no %%EOF"));
    };
    let body = &bytes[..eof + 5];
    let (why, pages) = match lopdf::Document::load_mem(body) {
        Ok(doc) => {
            // Opened with the empty password, lopdf decrypts and drops the trailer's /Encrypt.
            let locked = doc.trailer.has(b"Encrypt") && !doc.was_encrypted();
            (info.encrypted, info.needs_password) = (locked || doc.was_encrypted(), locked);
            match doc.get_pages().len() {
                0 => ("no pages".to_string(), 0),
                n => ("".to_string(), n),
            }
        }
        Err(e) => {
            info.encrypted = matches!(e, lopdf::Error::InvalidPassword) || encrypt_key(body);
            info.needs_password = info.encrypted;
            (e.to_string(), 0)
        }
    };
    // lopdf is strict; count page objects, as lenient viewers would still open the file.
    let pages = if pages > 0 { pages } else { count_pages(body) };
    info.pages = (pages > 0).then_some(pages as u32);
    if pages == 0 && !info.needs_password {
        return Err(corrupt("อ่านหน้าของ PDF ไม่ได้", &format!("cannot read PDF: {why}")));
    }
    Ok(())
}

/// Whether the raw bytes hold an `/Encrypt` reference (a trailer or cross-reference stream
/// key, `/Encrypt 12 0 R`), for files lopdf cannot load.
fn encrypt_key(b: &[u8]) -> bool {
    b.windows(8).enumerate().any(|(i, w)| {
        w == b"/Encrypt" && {
            let rest = &b[i + 8..];
            let rest = &rest[rest.iter().take_while(|c| c.is_ascii_whitespace()).count()..];
            rest.first().is_some_and(u8::is_ascii_digit)
        }
    })
}

/// Counts `/Type /Page` dictionaries (not `/Pages`) in the raw bytes.
pub(super) fn count_pages(b: &[u8]) -> usize {
    let mut n = 0;
    for (i, w) in b.windows(5).enumerate() {
        if w == b"/Type" {
            let rest = &b[i + 5..];
            let rest = &rest[rest.iter().take_while(|c| c.is_ascii_whitespace()).count()..];
            if rest.starts_with(b"/Page") && !rest.get(5).is_some_and(u8::is_ascii_alphanumeric) {
                n += 1;
            }
        }
    }
    n
}
