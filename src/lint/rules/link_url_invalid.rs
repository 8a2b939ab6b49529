//! A lint rule about linked evidence (a `.md` file with `url:`, a `.url` or a
//! `.webloc` shortcut). [`RULE`] holds its documentation (what `krufolio
//! explain` prints) and identity; the address is read by
//! [`crate::portfolio::link::classify`], the same function the page uses, so
//! what this rule reports is exactly what is not published.

use super::prelude::*;
use crate::portfolio::link;
use crate::portfolio::model::Kind;

declare_rule! {
    /// ## What it does
    /// ตรวจรูปแบบลิงก์ของหลักฐานแบบลิงก์ (ไฟล์ .md ที่มี `url:`, ไฟล์ .url ของ Windows, ไฟล์ .webloc ของ macOS): ต้องเป็น http:// หรือ https:// ที่อ่านได้ ไม่มีชื่อผู้ใช้/รหัสผ่าน ไม่มีเลขประจำตัวประชาชนหรือหมายเลขโทรศัพท์ ลิงก์ YouTube ต้องมีรหัสวิดีโอ ลิงก์ Google Drive ต้องเป็นลิงก์ของไฟล์ (ไม่ใช่โฟลเดอร์) และไฟล์ .url ต้องมีบรรทัด `URL=` / Checks the address of linked evidence (a `.md` file with `url:`, a Windows `.url`, a macOS `.webloc`): a readable http:// or https:// address, without a user name or password, without a national ID or phone number; a YouTube link must name a video, a Google Drive link a file (not a folder), and a `.url` file needs a `URL=` line.
    ///
    /// ## Why
    /// ลิงก์ที่ผิดรูปแบบไม่ถูกเผยแพร่ (หน้าเว็บแสดงกรอบแจ้งปัญหาแทน) ลิงก์ `javascript:` หรือ `data:` อาจเป็นอันตรายต่อผู้เปิด และลิงก์โฟลเดอร์ Drive ฝังในหน้าเว็บไม่ได้ krufolio ตรวจได้เฉพาะรูปแบบ ตรวจไม่ได้ว่าไฟล์ตั้งค่าแชร์แล้วหรือไม่ ให้เปิดลิงก์ในหน้าต่างไม่ระบุตัวตนเพื่อตรวจเอง / A malformed link is not published (the page shows a problem box instead); `javascript:` or `data:` links can harm whoever opens them; a Drive folder cannot be embedded. krufolio checks the form only: it cannot tell offline whether the file is shared, so open the link in a private window to check.
    ///
    /// ## Example
    /// ```yaml
    /// # 1.3 จัดกิจกรรมการเรียนรู้/คลิปการสอน.md
    /// ---
    /// url: https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOp
    /// ---
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// ---
    /// title: คลิปการสอนเรื่องเศษส่วน
    /// url: https://drive.google.com/file/d/1AbCdEfGhIjKlMnOp/view   # หรือ https://youtu.be/<รหัสวิดีโอ>
    /// ---
    /// ```
    pub static RULE = {
        id: "V012",
        name: "link-url-invalid",
        category: Media,
        severity: Error,
        summary: "ลิงก์ของหลักฐานผิดรูปแบบ จึงไม่เผยแพร่" / "a linked evidence address is malformed and not published",
    };
}

fn check(cx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for a in cx.p.artefacts.iter().filter(|a| a.kind == Kind::Link) {
        let source = a.link.clone().unwrap_or_default();
        let indicator = a.indicators.first().map(String::as_str);
        let (th, en) = match source.url.as_deref().map(link::classify) {
            Some(Ok(_)) => continue,
            Some(Err(t)) => (t.th, t.en),
            None => (
                "ไม่พบที่อยู่เว็บในไฟล์นี้ (ไฟล์ .url ต้องมีบรรทัด URL=https://… ใต้ [InternetShortcut] ส่วนไฟล์ .webloc ต้องเป็น XML ที่มี <key>URL</key><string>https://…</string>) หรือสร้างไฟล์ .md ที่มี url: แทน".to_string(),
                "no web address in this file (a .url file needs a URL=https://… line under [InternetShortcut]; a .webloc must be XML with <key>URL</key><string>https://…</string>); or write a .md file with url: instead".to_string(),
            ),
        };
        out.push(cx.finding(&RULE, &a.path, source.line, indicator, th, en));
    }
}
