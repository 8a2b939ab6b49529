//! Portfolio pages: `/portfolios/` (the list), `/portfolios/<slug>/` (one
//! teacher's evidence by domain and indicator, the challenge issue, the DPA
//! package and notes), `/portfolios/<slug>/<code>/` (one indicator), and —
//! for the review audience only — `/review/` (the mentors' matrix),
//! `/review/<slug>/` (a checklist) and `/lint.json`.
//!
//! Privacy: views are built field by field from the manifest; `private:` is
//! never read here. Published media lose their location losslessly, decided
//! by content (see `assets::clean`); HEIC files, files that fail to decode
//! and files whose location cannot be removed are not published and show a
//! placeholder instead.

use std::collections::BTreeMap;

use serde_json::{json, Value};
use tera::Tera;

use super::artefacts::{artefact_view, base, is_image, markdown, out_rel, published, thumb_name, withheld};
use super::RenderedFile;
use crate::config::{Audience, Config};
use crate::content::slug;
use crate::diagnostic::Diagnostic;
use crate::frameworks::{Framework, Frameworks};
use crate::lint::{IndicatorStatus, Report, Settings};
use crate::output::Content;
use crate::portfolio::{Artefact, Kind, Portfolio};

/// Thumbnails of one photo: (width, height, cached file).
pub type ThumbList = Vec<(u32, u32, std::path::PathBuf)>;

/// Everything the portfolio pages are made from.
pub struct PortfolioData {
    /// The frameworks.
    pub frameworks: Frameworks,
    /// The portfolios, media probed.
    pub portfolios: Vec<Portfolio>,
    /// The lint report (statuses; review views).
    pub report: Report,
    /// Thumbnails per artefact path: (width, height, cached file).
    pub thumbs: BTreeMap<String, ThumbList>,
    /// Thumbnails made now / taken from the cache.
    pub thumb_counts: (usize, usize),
    /// Media files (probed, taken from the probe cache) by this build.
    pub probe_counts: (usize, usize),
}

/// Loads, probes and lints every portfolio. Configuration problems are
/// build errors; problems inside portfolios are findings, never errors.
pub fn load(config: &Config) -> Result<PortfolioData, Vec<Diagnostic>> {
    let frameworks = crate::frameworks::load(&config.content_dir)?;
    let settings = Settings::resolve(&config.lint, config.fiscal_year)
        .map_err(|(th, en)| vec![Diagnostic::new("content/site.yaml", None, th, en)])?;
    let (portfolios, probe_counts) =
        crate::content::portfolios::load_probed(&config.root, &config.content_dir, &[]);
    let report = crate::lint::lint(&portfolios, &frameworks, &settings);
    // A folder whose name is reserved (`print`) is reported by lint (a load
    // error) and gets no pages: it would replace a page of the site.
    let mut portfolios = portfolios;
    portfolios.retain(|p| crate::content::portfolios::publishable_slug(&p.slug));
    let (thumbs, thumb_counts) = make_thumbs(config, &portfolios);
    Ok(PortfolioData { frameworks, portfolios, report, thumbs, thumb_counts, probe_counts })
}

/// Makes (or finds in the cache) the thumbnails of every published photo,
/// in parallel.
fn make_thumbs(config: &Config, portfolios: &[Portfolio]) -> (BTreeMap<String, ThumbList>, (usize, usize)) {
    use rayon::prelude::*;
    use std::sync::atomic::Ordering;
    let cache = crate::assets::thumbs::cache_dir(&config.root);
    let counters = crate::assets::thumbs::Counters::default();
    let images: Vec<&Artefact> =
        portfolios.iter().flat_map(|p| &p.artefacts).filter(|a| is_image(a) && published(a)).collect();
    // A progress bar when there is real work and someone is watching.
    let bar = if images.len() >= 50 && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        let bar = indicatif::ProgressBar::new(images.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("ภาพย่อ / thumbnails {bar:30} {pos}/{len} ({eta})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let done: Vec<(String, ThumbList)> = images
        .par_iter()
        .inspect(|_| bar.inc(1))
        .filter_map(|a| {
            let bytes = std::fs::read(config.root.join(&a.path)).ok()?;
            let hash = blake3::hash(&bytes).to_hex().to_string();
            let thumbs = crate::assets::thumbs::thumbnails(&cache, &bytes, &counters).ok()?;
            let list = thumbs
                .into_iter()
                .map(|t| (t.width, t.height, crate::assets::thumbs::cached_path(&cache, &hash, t.width)))
                .collect();
            Some((a.path.clone(), list))
        })
        .collect();
    (
        done.into_iter().collect(),
        (counters.made.load(Ordering::Relaxed), counters.cached.load(Ordering::Relaxed)),
    )
}

/// The files to publish: `portfolios/<slug>/<path in the portfolio>`, each
/// made location-free by its content ([`crate::assets::clean::for_publish`]);
/// a file that cannot be cleaned is not published.
pub fn files(config: &Config, data: &PortfolioData) -> Vec<(String, Content)> {
    use crate::assets::clean::{self, Cleaned};
    let cache = clean::cache_dir(&config.root);
    let mut out = Vec::new();
    for p in &data.portfolios {
        for a in p.artefacts.iter().filter(|a| published(a)) {
            let rel = out_rel(config, a);
            let dest = format!("portfolios/{}/{rel}", p.slug);
            let content = match clean::for_publish(&config.root.join(&a.path), &cache) {
                Cleaned::Bytes(b) => Content::Bytes(b.into()),
                Cleaned::Copy(path) => Content::Copy(path),
                Cleaned::Refuse(_) => continue, // the probe saw it too: the page shows a placeholder
            };
            out.push((dest, content));
            for (w, _, cached) in data.thumbs.get(&a.path).into_iter().flatten() {
                out.push((
                    format!("portfolios/{}/{}", p.slug, thumb_name(&rel, *w)),
                    Content::Copy(cached.clone()),
                ));
            }
        }
    }
    out
}

/// The `portfolio` view.
fn portfolio_view(config: &Config, data: &PortfolioData, p: &Portfolio) -> Value {
    let m = p.manifest.as_ref().ok();
    let fw: Option<&Framework> = crate::lint::framework_of(m, &data.frameworks);
    let summary = data.report.summary.per_portfolio.iter().find(|s| s.slug == p.slug);
    let review = config.audience == Audience::Review;
    let url = base(config, p);
    let level = m.and_then(|m| fw.and_then(|f| f.level(m.position.as_deref()?, m.standing.as_deref())));
    let evidence = |pred: &dyn Fn(&Artefact) -> bool| -> Vec<Value> {
        p.artefacts
            .iter()
            .filter(|a| !withheld(a) && pred(a))
            .map(|a| artefact_view(config, &data.thumbs, p, a))
            .collect()
    };
    let mut missing = Vec::new();
    let domains: Vec<Value> = fw
        .map(|f| {
            f.domains
                .iter()
                .map(|d| {
                    let indicators: Vec<Value> = d
                        .indicators
                        .iter()
                        .map(|i| {
                            let arts = evidence(&|a: &Artefact| !a.in_dpa && !a.challenge && a.indicators.contains(&i.code));
                            let status = summary
                                .and_then(|s| s.indicators.get(&i.code).cloned())
                                .unwrap_or(if arts.is_empty() { IndicatorStatus::Missing } else { IndicatorStatus::Ok });
                            if status == IndicatorStatus::Missing {
                                missing.push(json!({ "code": i.code, "title": i.title }));
                            }
                            let withheld_n = p
                                .artefacts
                                .iter()
                                .filter(|a| withheld(a) && !a.in_dpa && !a.challenge && a.indicators.contains(&i.code))
                                .count();
                            json!({
                                "code": i.code, "title": i.title, "title_en": i.title_en,
                                "url": format!("{url}{}/", i.code), "status": status, "count": arts.len(),
                                "withheld": withheld_n,
                                "artefacts": arts, "suggestions": i.evidence, "domain_title": d.title,
                            })
                        })
                        .collect();
                    json!({ "code": d.code, "title": d.title, "title_en": d.title_en, "indicators": indicators })
                })
                .collect()
        })
        .unwrap_or_default();
    let challenges: Vec<Value> = m
        .and_then(|m| m.challenge.as_ref())
        .map(|c| {
            c.list()
                .iter()
                .map(|c| {
                    json!({
                        "title": c.title,
                        "inspiration_html": c.inspiration.as_deref().map(|t| markdown(config, p, "", t)),
                        "method_html": c.method.as_deref().map(|t| markdown(config, p, "", t)),
                        "quantitative": c.outcomes.as_ref().map(|o| o.quantitative.clone()).unwrap_or_default(),
                        "qualitative": c.outcomes.as_ref().map(|o| o.qualitative.clone()).unwrap_or_default(),
                        "artefacts": Vec::<Value>::new(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let mut challenges = challenges;
    if let Some(first) = challenges.first_mut() {
        first["artefacts"] = Value::Array(evidence(&|a: &Artefact| a.challenge));
    }
    let findings: Vec<&crate::lint::Finding> = if review {
        data.report.findings.iter().filter(|f| f.portfolio == p.slug).collect()
    } else {
        Vec::new()
    };
    json!({
        "slug": p.slug,
        "url": url,
        "name": m.and_then(|m| m.name.clone()).unwrap_or_else(|| p.slug.clone()),
        "position": m.and_then(|m| m.position.clone()),
        "standing": m.and_then(|m| m.standing.clone()),
        "school": m.and_then(|m| m.school.clone()),
        "subject": m.and_then(|m| m.subject.clone()),
        "fiscal_year": m.and_then(|m| m.fiscal_year),
        "framework": fw.map(|f| json!({ "id": f.id, "title": f.title, "title_en": f.title_en })),
        "expected_level": level.and_then(|l| l.level.clone()),
        "expected_level_en": level.and_then(|l| l.level_en.clone()),
        "domains": domains,
        "challenges": challenges,
        "dpa": evidence(&|a: &Artefact| a.in_dpa && a.kind != Kind::Markdown),
        "notes": evidence(&|a: &Artefact| a.kind == Kind::Markdown && !a.rel.contains('/')),
        "missing": if review { missing } else { Vec::new() },
        "findings": findings,
        "checklist_url": review.then(|| format!("{}review/{}/", config.base_path, slug::encode_path(&p.slug))),
        // The printed report exists only for a manifest that parsed.
        "report_url": m.map(|_| format!("{url}print/report/")),
    })
}

/// Renders one template into `out`, or records why it failed.
pub(super) fn render(
    tera: &Tera,
    name: &str,
    ctx: &tera::Context,
    out: &mut Vec<RenderedFile>,
    diags: &mut Vec<Diagnostic>,
    dest: String,
) {
    match tera.render(name, ctx) {
        Ok(html) => out.push((dest, html.into_bytes().into())),
        Err(e) => diags.push(Diagnostic::new(
            format!("themes/.../templates/{name}"),
            None,
            format!("แสดงผลเทมเพลต {name} ไม่สำเร็จ"),
            super::templates::error_chain(&e),
        )),
    }
}

/// Renders the portfolio pages (and the review pages for that audience).
pub fn pages(
    config: &Config,
    data: &PortfolioData,
    tera: &Tera,
    globals: &dyn Fn(&str) -> tera::Context,
) -> (Vec<RenderedFile>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    if data.portfolios.is_empty() {
        return (out, diags);
    }
    let views: Vec<Value> = data.portfolios.iter().map(|p| portfolio_view(config, data, p)).collect();
    // The list.
    let list: Vec<Value> = views
        .iter()
        .map(|v| {
            let total: usize = v["domains"]
                .as_array()
                .map(|d| d.iter().map(|d| d["indicators"].as_array().map_or(0, Vec::len)).sum())
                .unwrap_or(0);
            let have: usize = v["domains"]
                .as_array()
                .map(|d| {
                    d.iter()
                        .flat_map(|d| d["indicators"].as_array().cloned().unwrap_or_default())
                        .filter(|i| i["count"].as_u64().unwrap_or(0) > 0)
                        .count()
                })
                .unwrap_or(0);
            json!({
                "slug": v["slug"], "url": v["url"], "name": v["name"], "position": v["position"],
                "standing": v["standing"], "school": v["school"], "subject": v["subject"],
                "framework_title": v["framework"]["title"], "expected_level": v["expected_level"],
                "evidence": { "have": have, "total": total },
            })
        })
        .collect();
    let list_url = format!("{}portfolios/", config.base_path);
    let mut ctx = globals(&list_url);
    ctx.insert("portfolios", &list);
    ctx.insert("page_title", "แฟ้มสะสมผลงาน");
    render(tera, "portfolios.html", &ctx, &mut out, &mut diags, "portfolios/index.html".into());
    for (p, v) in data.portfolios.iter().zip(&views) {
        let mut ctx = globals(v["url"].as_str().unwrap_or_default());
        ctx.insert("portfolio", v);
        render(
            tera,
            "portfolio.html",
            &ctx,
            &mut out,
            &mut diags,
            format!("portfolios/{}/index.html", p.slug),
        );
        let inds: Vec<&Value> = v["domains"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|d| d["indicators"].as_array().into_iter().flatten())
            .collect();
        for (k, ind) in inds.iter().enumerate() {
            let link = |i: &Value| json!({ "code": i["code"], "title": i["title"], "url": i["url"] });
            let mut ctx = globals(ind["url"].as_str().unwrap_or_default());
            ctx.insert("portfolio", v);
            ctx.insert("indicator", ind);
            ctx.insert("prev", &k.checked_sub(1).map(|j| link(inds[j])));
            ctx.insert("next", &inds.get(k + 1).map(|i| link(i)));
            let code = ind["code"].as_str().unwrap_or_default();
            render(
                tera,
                "indicator.html",
                &ctx,
                &mut out,
                &mut diags,
                format!("portfolios/{}/{code}/index.html", p.slug),
            );
        }
    }
    if config.audience == Audience::Review {
        review_pages(config, data, &views, tera, globals, &mut out, &mut diags);
    }
    super::documents::pages(config, data, &views, tera, globals, &mut out, &mut diags);
    (out, diags)
}

fn review_pages(
    config: &Config,
    data: &PortfolioData,
    views: &[Value],
    tera: &Tera,
    globals: &dyn Fn(&str) -> tera::Context,
    out: &mut Vec<RenderedFile>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut groups: BTreeMap<String, (Value, Vec<Value>, Vec<Value>)> = BTreeMap::new();
    for (p, v) in data.portfolios.iter().zip(views) {
        let fw_id = v["framework"]["id"].as_str().unwrap_or("-").to_string();
        let s = data.report.summary.per_portfolio.iter().find(|s| s.slug == p.slug);
        let entry = groups.entry(fw_id).or_insert_with(|| {
            let codes: Vec<Value> = v["domains"]
                .as_array()
                .into_iter()
                .flatten()
                .flat_map(|d| d["indicators"].as_array().cloned().unwrap_or_default())
                .map(|i| json!({ "code": i["code"], "title": i["title"] }))
                .collect();
            (json!({ "id": v["framework"]["id"], "title": v["framework"]["title"] }), codes, Vec::new())
        });
        let cells: Vec<Value> = v["domains"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|d| d["indicators"].as_array().cloned().unwrap_or_default())
            .map(|i| {
                let status = i["status"].as_str().unwrap_or("missing").to_string();
                let count = i["count"].as_u64().unwrap_or(0);
                let label = match status.as_str() {
                    "ok" => format!("มี {count}"),
                    "missing" => "ขาด".to_string(),
                    _ => format!("มีปัญหา ({count})"),
                };
                json!({ "code": i["code"], "count": count, "status": status, "label": label })
            })
            .collect();
        entry.2.push(json!({
            "slug": p.slug, "name": v["name"], "school": v["school"], "position": v["position"],
            "standing": v["standing"], "url": v["url"], "checklist_url": v["checklist_url"],
            "errors": s.map_or(0, |s| s.errors), "warnings": s.map_or(0, |s| s.warnings), "cells": cells,
        }));
        let mut ctx = globals(v["checklist_url"].as_str().unwrap_or_default());
        ctx.insert("portfolio", v);
        ctx.insert("counts", &json!({ "errors": s.map_or(0, |s| s.errors), "warnings": s.map_or(0, |s| s.warnings), "info": s.map_or(0, |s| s.info) }));
        render(tera, "review/checklist.html", &ctx, out, diags, format!("review/{}/index.html", p.slug));
    }
    let mut schools: Vec<String> =
        views.iter().filter_map(|v| v["school"].as_str().map(str::to_string)).collect();
    schools.sort();
    schools.dedup();
    let mut positions: Vec<String> =
        views.iter().filter_map(|v| v["position"].as_str().map(str::to_string)).collect();
    positions.sort();
    positions.dedup();
    let sm = &data.report.summary;
    let counts = json!({
        "portfolios": sm.portfolios,
        "with_errors": sm.per_portfolio.iter().filter(|s| s.errors > 0).count(),
        "complete": sm.per_portfolio.iter().filter(|s| s.errors == 0 && s.indicators.values().all(|v| *v == IndicatorStatus::Ok)).count(),
        "errors": sm.errors,
        "warnings": sm.warnings,
    });
    let groups: Vec<Value> = groups
        .into_values()
        .map(|(fw, codes, rows)| json!({ "framework": fw, "codes": codes, "rows": rows }))
        .collect();
    let mut ctx = globals(&format!("{}review/", config.base_path));
    ctx.insert("groups", &groups);
    ctx.insert("schools", &schools);
    ctx.insert("positions", &positions);
    ctx.insert("counts", &counts);
    ctx.insert("lint_json_url", &format!("{}lint.json", config.base_path));
    render(tera, "review/dashboard.html", &ctx, out, diags, "review/index.html".into());
    let json = serde_json::to_string_pretty(&data.report).unwrap_or_default();
    out.push(("lint.json".into(), json.into_bytes().into()));
}
