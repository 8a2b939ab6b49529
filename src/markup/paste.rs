//! Paste-friendly Markdown: text copied from Word or a PDF, made into the
//! Markdown the writer meant, before pulldown-cmark sees it. One step for
//! the district's guides (`render::markdown`) and teachers' text
//! (`privacy::sanitize`), so both read pasted text the same way.
//!
//! The rules (documented in the shipped guide, `content/guide/writing.md`):
//! - **Tab tables.** Two or more consecutive lines that each hold a tab
//!   (outside code) become a GFM table, the first line its header. Rows with
//!   fewer cells are padded; rows that differ by two cells or more are a
//!   [`NoteKind::RaggedTable`]; a single line with tabs stays text and is a
//!   [`NoteKind::LoneTabRow`].
//! - **Numbered lines.** A line that starts with Thai digits and `.` or `)`
//!   (`๑.`, `๒)`), or Arabic digits and `)` (`1)`), starts an ordered list
//!   item that keeps the writer's number (`start`); Thai lists get the class
//!   `thai-digits` (CSS `list-style-type: thai`, so the Thai digits show).
//!   `๑.๑` (and `๑.๑.๑`) under a `๑.` item is a nested list; without a parent
//!   the line stays as written. (Arabic `1.` is Markdown already.)
//! - **Line breaks.** With `paste: true` in the front matter, every line
//!   break inside a paragraph is kept (a hard break), as Word showed it;
//!   without it Markdown's rules hold (a single new line is a space; end a
//!   line with two spaces or `\\` to break it). Word's own line break
//!   (U+000B, Shift+Enter) is always kept.
//! - **What is not understood** is a [`Note`] with its line: Word's line
//!   break (U+000B, kept as a line break), other control characters
//!   (removed), runs of no-break spaces (one space) and lines of underscores.
//!
//! Lines keep their source line numbers ([`Pasted::source_line`]) for
//! diagnostics. Depends on nothing in the crate but `text` (and pulldown-cmark's events).

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::text::Text;

/// Markdown made from a pasted text.
#[derive(Debug, Clone, Default)]
pub struct Pasted {
    /// The Markdown to give pulldown-cmark.
    pub text: String,
    /// Byte offset in `text` where each output line starts.
    starts: Vec<usize>,
    /// 1-based source line of each output line.
    lines: Vec<usize>,
    /// Output lines (0-based) that are list items numbered with Thai digits.
    thai_items: HashSet<usize>,
    /// What could not be understood, in source order.
    pub notes: Vec<Note>,
}

/// One thing in a pasted text that was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// 1-based line in the source text.
    pub line: usize,
    /// What it is.
    pub kind: NoteKind,
}

/// The kinds of [`Note`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteKind {
    /// A tab table whose rows have from `min` to `max` cells (padded).
    RaggedTable {
        /// Fewest cells in a row.
        min: usize,
        /// Most cells in a row.
        max: usize,
    },
    /// Word's manual line break (U+000B), or U+000C / U+2028: kept as a line break.
    LineBreak(char),
    /// An invisible control character, removed.
    Control(char),
    /// A single line with tabs (a table needs two): shown as text.
    LoneTabRow,
    /// Two or more U+00A0 in a row, shown as one space.
    NbspRun,
    /// A line of only underscores (a Word fill-in line): a horizontal rule.
    Underscores,
}

impl Note {
    /// The message, in Thai and English.
    pub fn text(&self) -> Text {
        let code = |c: &char| format!("U+{:04X}", *c as u32);
        match &self.kind {
            NoteKind::RaggedTable { min, max } => Text::new(
                format!("ตารางที่วางมา (คั่นช่องด้วยแท็บ) มีแถวละ {min} ถึง {max} ช่องไม่เท่ากัน จึงเติมช่องว่างให้ครบ {max} ช่อง ให้ตรวจว่าข้อมูลอยู่ถูกช่อง หรือแก้ให้ทุกแถวมีจำนวนแท็บเท่ากัน"),
                format!("a pasted tab-separated table has rows of {min} to {max} cells; short rows were padded to {max} cells: check that the cells line up, or give every row the same number of tabs"),
            ),
            NoteKind::LoneTabRow => Text::new(
                "บรรทัดนี้มีแท็บ แต่มีบรรทัดเดียวจึงไม่เป็นตาราง (ตารางต้องมีอย่างน้อยสองบรรทัด: หัวตารางและข้อมูล) จึงแสดงเป็นข้อความ โดยแท็บกลายเป็นช่องว่าง ถ้าต้องการตารางให้เพิ่มแถวข้อมูลที่คั่นช่องด้วยแท็บ ถ้าไม่ใช่ตารางให้แทนแท็บด้วยช่องว่าง",
                "this line holds tabs but is a single line, so it is not a table (a table needs two lines: a header and a row) and is shown as text with its tabs as spaces: add a tab-separated row below it for a table, or replace the tabs with spaces",
            ),
            NoteKind::LineBreak(c) => Text::new(
                format!("มีตัวขึ้นบรรทัดใหม่แบบ Word ({}, Shift+Enter) จึงแสดงเป็นการขึ้นบรรทัดใหม่ ให้แทนด้วยการกด Enter ธรรมดาในไฟล์", code(c)),
                format!("a Word line break ({}, Shift+Enter) is shown as a line break; replace it with an ordinary new line", code(c)),
            ),
            NoteKind::Control(c) => Text::new(
                format!("มีอักขระควบคุมที่มองไม่เห็น ({}) ติดมาจากการคัดลอก จึงตัดออก ให้ลบออกจากไฟล์", code(c)),
                format!("an invisible control character ({}) from copying was removed; delete it from the file", code(c)),
            ),
            NoteKind::NbspRun => Text::new(
                "มีช่องว่างแบบไม่ตัดบรรทัด (U+00A0) ติดกันหลายตัว ซึ่ง Word ใช้จัดตำแหน่ง จึงแสดงเป็นช่องว่างเดียว ถ้าต้องการจัดเป็นคอลัมน์ให้ใช้ตาราง (คั่นช่องด้วยแท็บ)",
                "a run of no-break spaces (U+00A0), which Word uses for alignment, is shown as one space; use a table (cells separated by tabs) to line text up",
            ),
            NoteKind::Underscores => Text::new(
                "บรรทัดที่มีแต่ขีดล่าง (_____) แสดงเป็นเส้นคั่น ถ้าเป็นช่องสำหรับกรอก ให้เขียนจุด (.....) แทน ถ้าต้องการเส้นคั่นให้เขียน ---",
                "a line of only underscores (_____) is shown as a horizontal rule; for a fill-in blank write dots (.....), for a rule write ---",
            ),
        }
    }
}

impl Pasted {
    /// The 1-based source line of a byte offset in [`Pasted::text`].
    pub fn source_line(&self, offset: usize) -> usize {
        let i = self.starts.partition_point(|&s| s <= offset).saturating_sub(1);
        self.lines.get(i).copied().unwrap_or(1)
    }

    /// Turns the ordered lists numbered with Thai digits into
    /// `<ol class="thai-digits" start="N">`; give it every event with its
    /// byte offset, in order.
    pub fn lists(&self) -> Lists<'_> {
        Lists { pasted: self, open: Vec::new() }
    }

    fn push(&mut self, line: &str, source: usize) {
        self.starts.push(self.text.len());
        self.lines.push(source);
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn last_blank(&self) -> bool {
        self.starts.last().is_none_or(|&s| self.text[s..].trim().is_empty())
    }

    fn line_index_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }
}

/// The list mapper of [`Pasted::lists`].
pub struct Lists<'p> {
    pasted: &'p Pasted,
    /// Per open list: written as our own `<ol>`.
    open: Vec<bool>,
}

impl Lists<'_> {
    /// One event (starting at byte `start` of the text), mapped.
    pub fn map<'a>(&mut self, ev: Event<'a>, start: usize) -> Event<'a> {
        match ev {
            Event::Start(Tag::List(Some(n))) => {
                let thai = self.pasted.thai_items.contains(&self.pasted.line_index_of(start));
                self.open.push(thai);
                if thai {
                    Event::Html(CowStr::from(format!("<ol class=\"thai-digits\" start=\"{n}\">\n")))
                } else {
                    Event::Start(Tag::List(Some(n)))
                }
            }
            Event::Start(Tag::List(None)) => {
                self.open.push(false);
                ev
            }
            Event::End(TagEnd::List(_)) => {
                if self.open.pop() == Some(true) {
                    Event::Html(CowStr::Borrowed("</ol>\n"))
                } else {
                    ev
                }
            }
            other => other,
        }
    }
}

fn thai_digit(c: char) -> Option<u32> {
    ('๐'..='๙').contains(&c).then(|| c as u32 - '๐' as u32)
}

/// Splits Word's line breaks, removes control characters and collapses
/// no-break space runs: `(line, source line)` pairs, and the notes.
fn cleaned(markdown: &str, notes: &mut Vec<Note>) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for (i, raw) in markdown.split('\n').enumerate() {
        let n = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let clean = raw.chars().all(|c| c == '\t' || !(c.is_control() || c == '\u{2028}' || c == '\u{A0}'));
        if clean {
            out.push((raw.to_string(), n));
            continue;
        }
        let (mut cur, mut nbsp, mut seen) = (String::new(), 0usize, Vec::<NoteKind>::new());
        let mut note = |k: NoteKind, seen: &mut Vec<NoteKind>| {
            if !seen.contains(&k) {
                seen.push(k.clone());
                notes.push(Note { line: n, kind: k });
            }
        };
        for c in raw.chars() {
            if c == '\u{A0}' {
                nbsp += 1;
                continue;
            }
            if nbsp > 0 {
                cur.push(if nbsp == 1 { '\u{A0}' } else { ' ' });
                if nbsp > 1 {
                    note(NoteKind::NbspRun, &mut seen);
                }
                nbsp = 0;
            }
            match c {
                '\u{0B}' | '\u{0C}' | '\u{2028}' => {
                    note(NoteKind::LineBreak(c), &mut seen);
                    cur.push_str("  ");
                    out.push((std::mem::take(&mut cur), n));
                }
                '\t' => cur.push(c),
                c if c.is_control() => note(NoteKind::Control(c), &mut seen),
                c => cur.push(c),
            }
        }
        if nbsp > 1 {
            note(NoteKind::NbspRun, &mut seen);
        }
        out.push((cur, n));
    }
    // `split` gives one empty line after a final newline: the text had none.
    if markdown.ends_with('\n') && out.last().is_some_and(|(l, _)| l.is_empty()) {
        out.pop();
    }
    out
}

/// A numbered line: nesting depth (1 for `๑.`, 2 for `๑.๑`), the number
/// of its last level, whether in Thai digits, and the text after it.
#[derive(Debug, PartialEq, Eq)]
struct Numbered<'a> {
    depth: usize,
    number: u32,
    thai: bool,
    text: &'a str,
}

fn numbered(line: &str) -> Option<Numbered<'_>> {
    let rest = line.trim_start_matches(' ');
    if line.len() - rest.len() > 3 {
        return None;
    }
    let first = rest.chars().next()?;
    let thai = thai_digit(first).is_some();
    let digit = |c: char| if thai { thai_digit(c) } else { c.to_digit(10) };
    let (mut depth, mut number, mut len, mut digits) = (1, 0u32, 0usize, 0usize);
    let mut chars = rest.char_indices().peekable();
    let mut end = None;
    while let Some((i, c)) = chars.next() {
        if let Some(d) = digit(c) {
            number = number.checked_mul(10)?.checked_add(d)?;
            digits += 1;
            len = i + c.len_utf8();
            continue;
        }
        if digits == 0 || digits > 9 {
            return None;
        }
        match c {
            '.' if thai && chars.peek().is_some_and(|(_, n)| digit(*n).is_some()) => {
                depth += 1;
                number = 0;
                digits = 0;
                continue;
            }
            '.' if thai => end = Some(i + 1),
            ')' => end = Some(i + 1),
            // `๑.๑ ข้อ` needs no closing mark; `๑ ข้อ` is not a list.
            ' ' | '\t' if depth > 1 => end = Some(len),
            _ => {}
        }
        break;
    }
    let end = end?;
    let after = &rest[end..];
    let text = after.trim_start_matches([' ', '\t']);
    if text.is_empty() || (text.len() == after.len() && !after.is_empty()) {
        return None;
    }
    if !thai && depth > 1 {
        return None;
    }
    Some(Numbered { depth, number, thai, text: text.trim_end() })
}

fn is_fence(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = t.chars().take_while(|x| *x == c).count();
    (n >= 3).then_some((c, n))
}

fn is_underscores(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 5 && t.chars().all(|c| c == '_')
}

fn tab_row(line: &str) -> bool {
    let t = line.trim_start();
    line.contains('\t') && !t.is_empty() && !t.starts_with(['|', '#', '>'])
}

fn cells(line: &str) -> Vec<String> {
    line.trim_end_matches(['\t', ' '])
        .split('\t')
        .map(|c| c.trim().replace('\\', "\\\\").replace('|', "\\|"))
        .collect()
}

/// Prepares a pasted Markdown text (see the module documentation);
/// `breaks` (front matter `paste: true`) keeps every line break.
pub fn prepare(markdown: &str, breaks: bool) -> Pasted {
    let mut p = Pasted::default();
    let lines = cleaned(markdown, &mut p.notes);
    let mut fence: Option<(char, usize)> = None;
    let mut code = false;
    let mut i = 0;
    while i < lines.len() {
        let (line, n) = (&lines[i].0, lines[i].1);
        if let Some((c, len)) = fence {
            if is_fence(line)
                .is_some_and(|(c2, l2)| c2 == c && l2 >= len && line.trim().chars().all(|x| x == c))
            {
                fence = None;
            }
            p.push(line, n);
            i += 1;
            continue;
        }
        if let Some(f) = is_fence(line) {
            fence = Some(f);
            p.push(line, n);
            i += 1;
            continue;
        }
        let indented = line.starts_with("    ") || line.starts_with('\t');
        code = indented && !line.trim().is_empty() && (code || p.last_blank());
        if code || line.trim().is_empty() {
            p.push(line, n);
            i += 1;
            continue;
        }
        let rows = lines[i..].iter().take_while(|(l, _)| tab_row(l)).count();
        if rows >= 2 {
            table(&mut p, &lines[i..i + rows]);
            i += rows;
            blank_after(&mut p, lines.get(i));
            continue;
        }
        if rows == 1 && numbered(line).is_none() {
            p.notes.push(Note { line: n, kind: NoteKind::LoneTabRow });
        }
        let items = lines[i..].iter().take_while(|(l, _)| numbered(l).is_some()).count();
        if items > 0 {
            list(&mut p, &lines[i..i + items]);
            i += items;
            blank_after(&mut p, lines.get(i));
            continue;
        }
        if is_underscores(line) {
            p.notes.push(Note { line: n, kind: NoteKind::Underscores });
        }
        let next_text = lines.get(i + 1).is_some_and(|(l, _)| !l.trim().is_empty());
        if breaks && next_text && !line.ends_with("  ") && !line.ends_with('\\') {
            p.push(&format!("{}  ", line.trim_end()), n);
        } else {
            p.push(line, n);
        }
        i += 1;
    }
    p.notes.sort_by_key(|n| n.line);
    p
}

fn blank_before(p: &mut Pasted, n: usize) {
    if !p.last_blank() {
        p.push("", n);
    }
}

fn blank_after(p: &mut Pasted, next: Option<&(String, usize)>) {
    if let Some((l, n)) = next {
        if !l.trim().is_empty() {
            p.push("", *n);
        }
    }
}

fn table(p: &mut Pasted, rows: &[(String, usize)]) {
    let cells: Vec<Vec<String>> = rows.iter().map(|(l, _)| cells(l)).collect();
    let max = cells.iter().map(Vec::len).max().unwrap_or(1);
    let min = cells.iter().map(Vec::len).min().unwrap_or(1);
    if max - min >= 2 {
        p.notes.push(Note { line: rows[0].1, kind: NoteKind::RaggedTable { min, max } });
    }
    blank_before(p, rows[0].1);
    for (k, (row, (_, n))) in cells.into_iter().zip(rows).enumerate() {
        let mut line = String::from("|");
        for j in 0..max {
            let c = row.get(j).map(String::as_str).unwrap_or("");
            line.push(' ');
            line.push_str(c);
            line.push_str(" |");
        }
        p.push(&line, *n);
        if k == 0 {
            p.push(&format!("|{}", " --- |".repeat(max)), *n);
        }
    }
}

fn list(p: &mut Pasted, items: &[(String, usize)]) {
    blank_before(p, items[0].1);
    // Open items: (depth, column where its text starts).
    let mut open: Vec<(usize, usize)> = Vec::new();
    for (line, n) in items {
        let Some(it) = numbered(line) else { continue };
        while open.last().is_some_and(|(d, _)| *d >= it.depth) {
            open.pop();
        }
        if it.depth > 1 && open.is_empty() {
            // `๑.๑` without a `๑.` above: shown as written, on its own line.
            p.push(&format!("{}  ", line.trim()), *n);
            continue;
        }
        let indent = open.last().map_or(0, |(_, col)| *col);
        let marker = format!("{}. ", it.number);
        if it.thai {
            p.thai_items.insert(p.lines.len());
        }
        p.push(&format!("{}{marker}{}", " ".repeat(indent), it.text), *n);
        open.push((it.depth, indent + marker.len()));
    }
}

#[cfg(test)]
mod tests;
