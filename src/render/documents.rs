//! Renders the printable documents, official-looking on A4, from the views
//! of [`crate::portfolio::documents`]:
//!
//! - `/portfolios/<slug>/print/report/`: the PA report (แบบรายงานผลการพัฒนางาน
//!   ตามข้อตกลง), sections 1–9 of the district's template (seed 004);
//! - `/portfolios/<slug>/print/order/`: the order appointing this person's
//!   committee (only with `committee:`);
//! - `/portfolios/<slug>/print/evaluation/`: the evaluation form, per member
//!   and overall (only with `scores:`, review audience only);
//! - `/portfolios/print/orders/`: one order per issuer for everyone it
//!   appoints a committee for, with the annex list;
//! - `/portfolios/print/`: an index of every document.

use std::collections::BTreeMap;

use serde::Serialize;

use super::sink::{erased::Var, Pages};
use crate::config::Config;
use crate::portfolio::documents::{self as docs, Fmt, OrderView, LEGAL_BASIS};
use crate::portfolio::model::{Manifest, Portfolio};
use crate::portfolio::view::PortfolioView;
use crate::portfolio::Portfolios;

/// A document in the index.
#[derive(Debug, Clone, Serialize)]
struct DocLink {
    kind: &'static str,
    title: &'static str,
    url: String,
}

/// A person in the index, with their documents.
#[derive(Debug, Clone, Serialize)]
struct IndexEntry {
    name: String,
    url: String,
    position: Option<String>,
    standing: Option<String>,
    school: Option<String>,
    documents: Vec<DocLink>,
}

/// The `portfolio` of a document page.
#[derive(Debug, Clone, Serialize)]
struct DocPortfolio<'a> {
    name: &'a str,
    url: &'a str,
    slug: &'a str,
}

const REPORT_TITLE: &str = "แบบรายงานผลการพัฒนางานตามข้อตกลง (PA)";
const ORDER_TITLE: &str = "คำสั่งแต่งตั้งคณะกรรมการประเมินผลการพัฒนางานตามข้อตกลง";
const EVALUATION_TITLE: &str = "แบบสรุปผลการประเมินการพัฒนางานตามข้อตกลง (PA)";

/// (slug, order, committee size) of one person's committee order.
type OrderRow = (String, OrderView, usize);

/// Issuer → the order rows of everyone it appoints a committee for.
type ByIssuer = BTreeMap<String, Vec<OrderRow>>;

/// What the index and the combined orders keep of one person once their
/// documents are rendered.
pub struct Person {
    index: Option<IndexEntry>,
    order: Option<(String, OrderRow)>,
}

/// The print index's URL.
fn index_url(config: &Config) -> String {
    crate::content::slug::url(config, "portfolios/print/")
}

/// Renders one person's printable documents from their view `v` of `p`.
pub fn person(
    config: &Config,
    data: &Portfolios,
    p: &Portfolio,
    v: &PortfolioView,
    pages: &mut Pages<'_>,
) -> Person {
    let mut order = None;
    let index = person_documents(config, data, &Fmt::of(config), p, v, &index_url(config), pages, &mut order);
    Person { index, order }
}

/// Renders the combined orders and the index `/portfolios/print/` from
/// every [`Person`] in portfolio order (called only when there are portfolios).
pub fn lists(config: &Config, persons: Vec<Person>, pages: &mut Pages<'_>) {
    let f = Fmt::of(config);
    let index_url = index_url(config);
    let orders_url = format!("{index_url}orders/");
    let mut index = Vec::new();
    let mut by_issuer = ByIssuer::new();
    for person in persons {
        index.extend(person.index);
        if let Some((issuer, row)) = person.order {
            by_issuer.entry(issuer).or_default().push(row);
        }
    }
    let orders: Vec<docs::CombinedOrder> =
        by_issuer.iter().map(|(issuer, rows)| docs::combined(&f, issuer, rows)).collect();
    let ctx = pages.context(
        &orders_url,
        &[
            ("doc_title", &"คำสั่งแต่งตั้งคณะกรรมการประเมินผลการพัฒนางานตามข้อตกลง (แบบรวมรายชื่อ)"),
            ("orders", &orders),
            ("index_url", &index_url),
            ("thai", &f.thai),
        ],
    );
    pages.render("print/orders.html", &ctx, "portfolios/print/orders/index.html".into());
    let ctx = pages.context(
        &index_url,
        &[
            ("doc_title", &"เอกสารสำหรับพิมพ์"),
            ("people", &index),
            ("orders_url", &orders_url),
            ("orders_count", &orders.len()),
            ("thai", &f.thai),
        ],
    );
    pages.render("print/index.html", &ctx, "portfolios/print/index.html".into());
}

/// The manifest with the committee's sheets from review files
/// ([`crate::portfolio::reviews::sheets`]); only in the review audience, and
/// only when the portfolio has review files.
fn with_review_scores(config: &Config, p: &Portfolio) -> Option<Manifest> {
    let m = p.manifest.as_ref().ok()?;
    let review = config.audience == crate::config::Audience::Review && !p.reviews.is_empty();
    review.then(|| Manifest { scores: crate::portfolio::reviews::sheets(m, &p.reviews), ..m.clone() })
}

/// One person's report, order and evaluation form; their index entry.
/// A portfolio whose manifest did not parse has no documents.
#[allow(clippy::too_many_arguments)]
fn person_documents(
    config: &Config,
    data: &Portfolios,
    f: &Fmt,
    p: &Portfolio,
    v: &PortfolioView,
    index_url: &str,
    pages: &mut Pages<'_>,
    order_row: &mut Option<(String, OrderRow)>,
) -> Option<IndexEntry> {
    let scored = with_review_scores(config, p);
    let m = scored.as_ref().or(p.manifest.as_ref().ok())?;
    let fw = crate::lint::framework_of(Some(m), &data.frameworks);
    let base = format!("{}print/", v.url);
    let dest = |doc: &str| format!("portfolios/{}/print/{doc}/index.html", p.slug);
    let portfolio = DocPortfolio { name: &v.name, url: &v.url, slug: &p.slug };
    let common = |pages: &Pages<'_>, url: &str, title: &str, extra: &[(&str, &dyn Var)]| {
        let mut ctx = pages.context(
            url,
            &[
                ("portfolio", &portfolio),
                ("doc_title", &title),
                ("index_url", &index_url),
                ("thai", &f.thai),
                ("legal_basis", &LEGAL_BASIS),
            ],
        );
        for (k, x) in extra {
            x.insert_into(&mut ctx, k);
        }
        ctx
    };
    let mut documents = Vec::new();
    let url = format!("{base}report/");
    let report = docs::report(config, f, fw, m, v);
    pages.render(
        "print/report.html",
        &common(pages, &url, REPORT_TITLE, &[("report", &report)]),
        dest("report"),
    );
    documents.push(DocLink { kind: "report", title: REPORT_TITLE, url });
    if let Some(c) = m.committee.as_ref() {
        let url = format!("{base}order/");
        let order = docs::order(f, fw, m, v, c);
        pages.render(
            "print/order.html",
            &common(pages, &url, ORDER_TITLE, &[("order", &order)]),
            dest("order"),
        );
        documents.push(DocLink { kind: "order", title: ORDER_TITLE, url });
        *order_row = Some((order.issuer.clone(), (p.slug.clone(), order, c.members.len())));
    }
    if let Some(fw) = fw.filter(|fw| docs::has_evaluation(config, Some(fw), m)) {
        let url = format!("{base}evaluation/");
        let evaluation = docs::evaluation(f, fw, m);
        let date = m
            .committee
            .as_ref()
            .and_then(|c| c.evaluation_date.as_ref())
            .and_then(|d| d.parse().ok())
            .map(|d| f.date(&d));
        let person = docs::person(f, m, v);
        let extra: [(&str, &dyn Var); 3] =
            [("person", &person), ("evaluation", &evaluation), ("evaluation_date", &date)];
        pages.render(
            "print/evaluation.html",
            &common(pages, &url, EVALUATION_TITLE, &extra),
            dest("evaluation"),
        );
        documents.push(DocLink { kind: "evaluation", title: EVALUATION_TITLE, url });
    }
    Some(IndexEntry {
        name: v.name.clone(),
        url: v.url.clone(),
        position: v.position.clone(),
        standing: v.standing.clone(),
        school: v.school.clone(),
        documents,
    })
}
