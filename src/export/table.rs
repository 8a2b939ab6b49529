//! The export summary as a text table (printed and written as `summary.txt`)
//! and as CSV (`summary.csv`).

use super::{mmss, Package, Row};

/// Columns: (Thai / English heading).
const HEADINGS: [&str; 6] = ["ผล/ok", "ไฟล์/file", "บทบาท/role", "ขนาด/size", "ยาว-หน้า/length", "เกณฑ์/limit"];

/// Display width of `s` in a terminal: Thai vowel and tone marks above and
/// below a consonant take no column.
fn width(s: &str) -> usize {
    s.chars()
        .filter(|c| !matches!(*c as u32, 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x0300..=0x036F))
        .count()
}

fn size(n: Option<u64>) -> String {
    n.map(crate::portfolio::view::human_size).unwrap_or_else(|| "—".into())
}

fn length(r: &Row) -> String {
    match (r.duration, r.pages) {
        (Some(d), _) => mmss(d),
        (None, Some(p)) => format!("{p} หน้า"),
        _ => "—".into(),
    }
}

fn cells(r: &Row) -> [String; 6] {
    let file = match &r.name {
        Some(n) => n.clone(),
        None => format!("({})", r.source),
    };
    [
        r.status.mark().into(),
        file,
        format!("{}/{}", r.role.0, r.role.1),
        size(r.size),
        length(r),
        r.limit.clone(),
    ]
}

/// The summary as text: the table, then every note and package problem.
pub fn text(pkg: &Package) -> String {
    let rows: Vec<[String; 6]> = pkg.rows.iter().map(cells).collect();
    let mut widths = HEADINGS.map(width);
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(width(c));
        }
    }
    let line = |cells: &[String]| -> String {
        let padded: Vec<String> =
            cells.iter().zip(widths).map(|(c, w)| format!("{c}{}", " ".repeat(w - width(c)))).collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(&HEADINGS.map(String::from));
    out.push_str(&line(&widths.map(|w| "-".repeat(w))));
    for r in &rows {
        out.push_str(&line(&r[..]));
    }
    for (r, cells) in pkg.rows.iter().zip(&rows) {
        for (th, en) in &r.notes {
            out.push_str(&format!("{} {}: {th} / {en}\n", r.status.mark(), cells[1]));
        }
    }
    for (th, en, error) in &pkg.problems {
        out.push_str(&format!("{} dpa/: {th} / {en}\n", if *error { "✗" } else { "!" }));
    }
    out
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The summary as CSV (UTF-8 with a byte-order mark, so Excel reads Thai).
pub fn csv(pkg: &Package) -> String {
    let mut out = String::from(
        "\u{feff}result,file,source,role,role_en,size_bytes,duration_seconds,pages,limit,notes\n",
    );
    for r in &pkg.rows {
        let notes: Vec<String> = r.notes.iter().map(|(th, en)| format!("{th} / {en}")).collect();
        let fields = [
            r.status.mark().to_string(),
            r.name.clone().unwrap_or_default(),
            r.source.clone(),
            r.role.0.to_string(),
            r.role.1.to_string(),
            r.size.map(|s| s.to_string()).unwrap_or_default(),
            r.duration.map(|d| format!("{d:.1}")).unwrap_or_default(),
            r.pages.map(|p| p.to_string()).unwrap_or_default(),
            r.limit.clone(),
            notes.join("; "),
        ];
        let quoted: Vec<String> = fields.iter().map(|f| quote(f)).collect();
        out.push_str(&quoted.join(","));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_marks_take_no_column() {
        assert_eq!(width("คลิปการสอน"), 9);
        assert_eq!(width("แผนการจัดการเรียนรู้"), 16);
        assert_eq!(width("✓"), 1);
    }

    #[test]
    fn csv_quotes_every_field() {
        assert_eq!(quote("a \"b\", c"), "\"a \"\"b\"\", c\"");
    }
}
