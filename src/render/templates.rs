//! Tera setup: the layered theme templates, plus the functions and filters
//! every template can use (`get_url`, `thai_date`, `thai_digits`).

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Tera, Value};

use crate::config::Config;
use crate::content::slug;
use crate::date::Date;
use crate::diagnostic::Diagnostic;

/// Template names every theme must provide.
pub const REQUIRED: [&str; 4] = ["index.html", "section.html", "page.html", "404.html"];

/// Finds `--> line:col` in a tera parse error and returns the line.
fn tera_line(msg: &str) -> Option<usize> {
    let i = msg.find("--> ")?;
    msg[i + 4..].split(':').next()?.trim().parse().ok()
}

/// The full error chain of a tera error as one string.
pub fn error_chain(e: &tera::Error) -> String {
    use std::error::Error;
    let mut s = e.to_string();
    let mut src = e.source();
    while let Some(inner) = src {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        src = inner.source();
    }
    s
}

/// Loads the layered templates into a Tera instance.
pub fn load(config: &Config, asset_hashes: Arc<HashMap<String, String>>) -> Result<Tera, Vec<Diagnostic>> {
    let files = crate::theme::files(config, "templates", Some("templates")).map_err(|d| vec![d])?;
    let mut tera = Tera::default();
    let mut diags = Vec::new();
    let mut labels = HashMap::new();
    let mut sources = Vec::new();
    for (name, file) in &files {
        match file.text() {
            Ok(t) => {
                labels.insert(name.clone(), file.label.clone());
                sources.push((name.clone(), t.to_string()));
            }
            Err(d) => diags.push(d),
        }
    }
    // Add one by one first, to pin parse errors on their file.
    for (name, text) in &sources {
        if let Err(e) = tera::Template::new(name, None, text) {
            let msg = error_chain(&e);
            diags.push(Diagnostic::new(&labels[name], tera_line(&msg), "เทมเพลตเขียนไม่ถูกต้อง", msg));
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    if let Err(e) = tera.add_raw_templates(sources) {
        return Err(vec![Diagnostic::new("themes", None, "โหลดเทมเพลตไม่สำเร็จ", error_chain(&e))]);
    }
    for req in REQUIRED {
        if !files.contains_key(req) {
            diags.push(Diagnostic::new(
                format!("themes/{}/templates/{req}", config.theme),
                None,
                format!("ธีมไม่มีเทมเพลตที่จำเป็น {req}"),
                format!("the theme lacks the required template {req}"),
            ));
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    tera.autoescape_on(vec![".html", ".htm", ".xml"]);
    tera.set_escape_fn(escape_html);
    let base_path = config.base_path.clone();
    let serving = config.serving;
    tera.register_function("get_url", move |args: &HashMap<String, Value>| -> tera::Result<Value> {
        let path = args
            .get("path")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("get_url ต้องมี path / get_url needs `path`"))?;
        let path = path.trim_start_matches('/');
        let mut url = format!("{base_path}{}", slug::encode_path(path));
        let bust = args.get("cachebust").and_then(Value::as_bool).unwrap_or(false);
        if bust && !serving {
            if let Some(h) = asset_hashes.get(path) {
                url.push_str("?h=");
                url.push_str(h);
            }
        }
        Ok(Value::String(url))
    });
    tera.register_filter("thai_date", thai_date_filter);
    tera.register_filter("thai_digits", |v: &Value, _: &HashMap<String, Value>| -> tera::Result<Value> {
        let s = match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        Ok(Value::String(crate::date::thai_digits(&s)))
    });
    Ok(tera)
}

/// krufolio's one HTML (and XML) escaper, for templates, the sitemap and the
/// `serve` error overlay: like tera's, but `/` stays readable in URLs.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            _ => out.push(c),
        }
    }
    out
}

/// `{{ page.date | thai_date }}` → `16 พฤษภาคม 2567`; args `short=true`,
/// `digits="thai"`. Accepts a date object (`{iso: …}`) or an ISO string.
fn thai_date_filter(v: &Value, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let iso = match v {
        Value::String(s) => s.as_str(),
        Value::Object(m) => m.get("iso").and_then(Value::as_str).unwrap_or(""),
        Value::Null => return Ok(Value::String(String::new())),
        _ => "",
    };
    let date = Date::parse(iso).map_err(|e| tera::Error::msg(e.to_string()))?;
    let short = args.get("short").and_then(Value::as_bool).unwrap_or(false);
    let thai = args.get("digits").and_then(Value::as_str) == Some("thai");
    Ok(Value::String(date.thai(short, thai)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_date_filter_forms() {
        let mut args = HashMap::new();
        let v = Value::String("2024-05-16".into());
        assert_eq!(thai_date_filter(&v, &args).unwrap(), Value::String("16 พฤษภาคม 2567".into()));
        args.insert("digits".into(), Value::String("thai".into()));
        args.insert("short".into(), Value::Bool(true));
        assert_eq!(thai_date_filter(&v, &args).unwrap(), Value::String("๑๖ พ.ค. ๒๕๖๗".into()));
    }

    #[test]
    fn finds_tera_lines() {
        assert_eq!(tera_line("Failed to parse 'x'\n --> 3:5\n  |"), Some(3));
    }
}
