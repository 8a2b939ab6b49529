//! Linked evidence: a web address filed as an artefact (a Markdown file whose
//! front matter has `url:`, a Windows `.url` or a macOS `.webloc` shortcut),
//! read and classified here once: a YouTube video, a Google Drive file, or any
//! other web page. Pure: no IO (the loader reads the files).
//!
//! Teacher text is untrusted: only `http`/`https` addresses without user names
//! or passwords, and without a national ID or phone number in them, are
//! published, and always in the `url` crate's serialised form (ASCII: hosts in
//! punycode, everything else percent-encoded), so no raw byte of the address
//! as written reaches a page.

use url::Url;

use crate::text::Text;

/// Where a link points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A YouTube video: its 11-character id and start second (`t=`).
    YouTube {
        /// The video id.
        id: String,
        /// Start at this second.
        start: Option<u64>,
    },
    /// A Google Drive file (`/file/d/ID/…`, `open?id=ID`).
    Drive {
        /// The file id.
        id: String,
    },
    /// Any other web page: shown as a card.
    Web,
}

/// A link that may be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The address, serialised (ASCII).
    pub url: String,
    /// Its host as published (punycode for non-ASCII names, so a look-alike shows).
    pub host: String,
    /// What it is.
    pub target: Target,
}

impl Link {
    /// The address of the player to embed, for YouTube (youtube-nocookie) and Drive.
    pub fn embed(&self) -> Option<String> {
        match &self.target {
            Target::YouTube { id, start: Some(s) } => {
                Some(format!("https://www.youtube-nocookie.com/embed/{id}?start={s}"))
            }
            Target::YouTube { id, start: None } => {
                Some(format!("https://www.youtube-nocookie.com/embed/{id}"))
            }
            Target::Drive { id } => Some(format!("https://drive.google.com/file/d/{id}/preview")),
            Target::Web => None,
        }
    }

    /// `youtube`, `drive` or `web`.
    pub fn kind(&self) -> &'static str {
        match self.target {
            Target::YouTube { .. } => "youtube",
            Target::Drive { .. } => "drive",
            Target::Web => "web",
        }
    }
}

/// The frame sources the site's Content-Security-Policy allows: exactly the
/// hosts [`Link::embed`] points at.
pub const FRAME_SOURCES: &[&str] = &["https://www.youtube-nocookie.com", "https://drive.google.com"];

const FIX: (&str, &str) = (
    "คัดลอกลิงก์จากแถบที่อยู่ของเบราว์เซอร์ (ขึ้นต้นด้วย https://) หรือปุ่ม \"แชร์\" ของ YouTube / Google Drive",
    "copy the address from the browser's address bar (starting with https://) or from the Share button of YouTube / Google Drive",
);

fn bad(th: &str, en: &str) -> Text {
    Text::new(format!("{th} {}", FIX.0), format!("{en}; {}", FIX.1))
}

/// Reads and classifies an address as written by a teacher.
pub fn classify(raw: &str) -> Result<Link, Text> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(bad("ลิงก์ว่างเปล่า", "the link is empty"));
    }
    if !crate::privacy::mask::find(raw).is_empty() {
        return Err(Text::new(
            "ลิงก์นี้มีเลขประจำตัวประชาชนหรือหมายเลขโทรศัพท์ จึงไม่เผยแพร่ ให้ใช้ลิงก์ที่ไม่มีข้อมูลส่วนบุคคล (เช่น ลิงก์แชร์ของไฟล์)",
            "this link holds a national ID or phone number, so it is not published; use a link without personal data (such as the file's share link)",
        ));
    }
    let url = Url::parse(raw).map_err(|e| {
        bad("อ่านลิงก์นี้ไม่ได้ (ไม่ใช่ที่อยู่เว็บที่ถูกต้อง)", &format!("this is not a valid web address ({e})"))
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad(
            &format!("ลิงก์แบบ {}: ไม่เผยแพร่ เผยแพร่ได้เฉพาะลิงก์ http:// หรือ https://", url.scheme()),
            &format!("a {}: link is not published: only http:// and https:// links are", url.scheme()),
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Text::new(
            "ลิงก์นี้มีชื่อผู้ใช้หรือรหัสผ่านอยู่ในตัว จึงไม่เผยแพร่ ให้ลบส่วน ชื่อ:รหัส@ ออก และอย่าเผยแพร่รหัสผ่าน",
            "this link carries a user name or password, so it is not published; remove the name:password@ part (and never publish a password)",
        ));
    }
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    if host.is_empty() {
        return Err(bad("ลิงก์นี้ไม่มีชื่อเว็บไซต์", "this link has no host"));
    }
    let target = target(&url, &host)?;
    Ok(Link { url: url.as_str().to_string(), host, target })
}

fn target(url: &Url, host: &str) -> Result<Target, Text> {
    let host = host.strip_prefix("www.").or_else(|| host.strip_prefix("m.")).unwrap_or(host);
    let segments: Vec<&str> =
        url.path_segments().map(|s| s.filter(|x| !x.is_empty()).collect()).unwrap_or_default();
    let query = |key: &str| url.query_pairs().find(|(k, _)| k == key).map(|(_, v)| v.into_owned());
    match host {
        "youtu.be" | "youtube.com" | "music.youtube.com" | "youtube-nocookie.com" => {
            let id = match (host, segments.as_slice()) {
                ("youtu.be", [id, ..]) => Some(id.to_string()),
                (_, ["watch", ..]) => query("v"),
                (_, ["shorts" | "live" | "embed" | "v", id, ..]) => Some(id.to_string()),
                _ => None,
            };
            let Some(id) = id.filter(|i| i.len() == 11 && is_id(i)) else {
                return Err(bad(
                    "ลิงก์ YouTube นี้ไม่มีรหัสวิดีโอ (อาจเป็นลิงก์ช่องหรือเพลย์ลิสต์) ให้ใช้ลิงก์ของคลิปนั้นโดยตรง",
                    "this YouTube link has no video id (a channel or playlist link?); link the video itself",
                ));
            };
            let start = query("t").or_else(|| query("start")).and_then(|t| seconds(&t));
            Ok(Target::YouTube { id, start })
        }
        "drive.google.com" => {
            let id = match segments.as_slice() {
                ["file", "d", id, ..] => Some(id.to_string()),
                ["open" | "uc"] => query("id"),
                [.., "folders", _] => {
                    return Err(Text::new(
                        "ลิงก์นี้เป็นโฟลเดอร์ของ Google Drive ฝังในหน้าเว็บไม่ได้ ให้ใช้ลิงก์ของไฟล์ (คลิกขวาที่ไฟล์ > แชร์ > คัดลอกลิงก์) และตั้งค่าให้ \"ทุกคนที่มีลิงก์\" ดูได้",
                        "this is a Google Drive folder link, which cannot be embedded; link the file (right-click it > Share > Copy link) and let \"anyone with the link\" view it",
                    ))
                }
                _ => None,
            };
            match id.filter(|i| i.len() >= 10 && is_id(i)) {
                Some(id) => Ok(Target::Drive { id }),
                None => Err(bad(
                    "ลิงก์ Google Drive นี้ไม่มีรหัสไฟล์ (รูปแบบ drive.google.com/file/d/…/view)",
                    "this Google Drive link has no file id (drive.google.com/file/d/…/view)",
                )),
            }
        }
        _ => Ok(Target::Web),
    }
}

fn is_id(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `90`, `90s`, `1m30s`, `1h2m3s` → seconds.
fn seconds(t: &str) -> Option<u64> {
    if let Ok(n) = t.parse::<u64>() {
        return Some(n);
    }
    let (mut total, mut n) = (0u64, String::new());
    for c in t.chars() {
        match c {
            '0'..='9' => n.push(c),
            'h' | 'm' | 's' => {
                let v: u64 = n.parse().ok()?;
                total += v * match c {
                    'h' => 3600,
                    'm' => 60,
                    _ => 1,
                };
                n.clear();
            }
            _ => return None,
        }
    }
    n.is_empty().then_some(total)
}

/// The address in a Windows Internet shortcut (`[InternetShortcut]`, `URL=…`)
/// and its 1-based line, or `None` when it has no `URL=` line.
pub fn from_url_file(text: &str) -> Option<(String, usize)> {
    let mut in_section = false;
    for (i, line) in text.lines().enumerate() {
        let l = line.trim().trim_start_matches('\u{feff}');
        if l.starts_with('[') {
            in_section = l.eq_ignore_ascii_case("[InternetShortcut]");
        } else if in_section {
            if let Some((k, v)) = l.split_once('=') {
                if k.trim().eq_ignore_ascii_case("url") {
                    return Some((v.trim().to_string(), i + 1));
                }
            }
        }
    }
    None
}

/// The address in a macOS `.webloc` (an XML property list with
/// `<key>URL</key><string>…</string>`) and its 1-based line.
pub fn from_webloc(text: &str) -> Option<(String, usize)> {
    let key = text.find("<key>URL</key>")?;
    let rest = &text[key..];
    let start = rest.find("<string>")? + "<string>".len();
    let end = rest[start..].find("</string>")?;
    let value = &rest[start..start + end];
    let line = text[..key + start].lines().count().max(1);
    let unescaped = value
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    Some((unescaped.trim().to_string(), line))
}

/// The address in a binary `.webloc` (a `bplist00` property list, as macOS
/// writes a link dragged from Safari), read with the `plist` crate.
pub fn from_binary_webloc(bytes: &[u8]) -> Option<String> {
    if !bytes.starts_with(b"bplist00") {
        return None;
    }
    let value = plist::Value::from_reader(std::io::Cursor::new(bytes)).ok()?;
    let url = value.as_dictionary()?.get("URL")?.as_string()?;
    Some(url.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_binary_webloc_gives_its_address() {
        let mut dict = plist::Dictionary::new();
        dict.insert("URL".into(), plist::Value::String("https://youtu.be/dQw4w9WgXcQ".into()));
        let mut bytes = Vec::new();
        plist::Value::Dictionary(dict).to_writer_binary(&mut bytes).unwrap();
        assert_eq!(from_binary_webloc(&bytes).as_deref(), Some("https://youtu.be/dQw4w9WgXcQ"));
        assert_eq!(from_binary_webloc(b"<?xml version=\"1.0\"?>"), None);
        assert_eq!(from_binary_webloc(b"bplist00 broken"), None);
    }

    fn embed(u: &str) -> Option<String> {
        classify(u).unwrap().embed()
    }

    #[test]
    fn youtube_forms_embed_through_nocookie() {
        let want = Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ".to_string());
        for u in [
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://youtu.be/dQw4w9WgXcQ",
            "https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ",
            "https://youtube.com/shorts/dQw4w9WgXcQ?si=abc",
            "https://www.youtube.com/live/dQw4w9WgXcQ",
        ] {
            assert_eq!(embed(u), want, "{u}");
        }
        assert_eq!(
            embed("https://youtu.be/dQw4w9WgXcQ?t=1m30s").as_deref(),
            Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90")
        );
        assert_eq!(
            embed("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42").as_deref(),
            Some("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42")
        );
    }

    #[test]
    fn drive_file_links_embed_as_preview() {
        let want = Some("https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/preview".to_string());
        assert_eq!(embed("https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/view?usp=sharing"), want);
        assert_eq!(embed("https://drive.google.com/open?id=1AbCdEfGhIjKlMnOp"), want);
    }

    #[test]
    fn hostile_and_malformed_links_are_refused() {
        for u in [
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "JaVaScRiPt:alert(1)",
            "file:///etc/passwd",
            "https://user:secret@example.com/",
            "not a url",
            "",
            "https://www.youtube.com/@channel",
            "https://www.youtube.com/watch?v=short",
            "https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOp",
            "https://drive.google.com/drive/u/0/folders/1AbCdEfGhIjKlMnOp",
            "https://example.com/?phone=0812345678",
        ] {
            assert!(classify(u).is_err(), "{u} was accepted");
        }
    }

    #[test]
    fn other_links_are_cards_with_ascii_hosts() {
        let l = classify("https://bücher.example/ห้อง เรียน?q=\"x\"").unwrap();
        assert_eq!(l.target, Target::Web);
        assert_eq!(l.host, "xn--bcher-kva.example");
        assert!(l.url.is_ascii() && !l.url.contains('"') && !l.url.contains(' '), "{}", l.url);
    }

    #[test]
    fn shortcut_files_are_read() {
        let url = "[InternetShortcut]\r\nIDList=\r\nURL=https://youtu.be/dQw4w9WgXcQ\r\n";
        assert_eq!(from_url_file(url), Some(("https://youtu.be/dQw4w9WgXcQ".into(), 3)));
        assert_eq!(from_url_file("[InternetShortcut]\nIconIndex=0\n"), None);
        let webloc = "<?xml version=\"1.0\"?>\n<plist version=\"1.0\">\n<dict>\n\t<key>URL</key>\n\t<string>https://example.com/?a=1&amp;b=2</string>\n</dict>\n</plist>\n";
        assert_eq!(from_webloc(webloc), Some(("https://example.com/?a=1&b=2".into(), 5)));
    }
}
