//! SARIF 2.1.0: `tool.driver.rules[]` with help, results with repo-relative
//! URIs and regions, as GitHub code scanning expects.

use serde_json::{json, Value};

use crate::lint::{rules, Report, Severity};

/// The SARIF log for a report.
pub fn sarif(report: &Report) -> Value {
    let rule_list: Vec<Value> = rules::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": { "text": format!("{} / {}", r.summary, r.summary_en) },
                "fullDescription": { "text": r.summary_en },
                "help": { "text": r.doc, "markdown": r.doc },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let index = rules::ALL.iter().position(|r| r.id == f.rule).unwrap_or(0);
            let mut location = json!({
                "physicalLocation": {
                    "artifactLocation": { "uri": f.path().map_or_else(|| format!("content/portfolios/{}", f.portfolio), str::to_string), "uriBaseId": "%SRCROOT%" }
                }
            });
            if let Some(l) = f.at.line {
                location["physicalLocation"]["region"] = json!({ "startLine": l });
            }
            let mut props = json!({ "portfolio": f.portfolio, "message_th": f.at.message });
            if let Some(i) = &f.indicator {
                props["indicator"] = json!(i);
            }
            json!({
                "ruleId": f.rule,
                "ruleIndex": index,
                "level": level(f.severity),
                "message": { "text": format!("{} / {}", f.at.message, f.at.message_en) },
                "locations": [location],
                "properties": props,
            })
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "krufolio",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rule_list,
            }},
            "results": results,
        }]
    })
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}
