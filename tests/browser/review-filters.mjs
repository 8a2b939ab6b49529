// The review dashboard's filters by reviewer and reviewer status, driven by
// tests/it/reviews.rs. Usage: node review-filters.mjs <base-url>
// Prints one JSON line per step: {"step", "visible": [names of visible rows], "form_hidden"}.
// Step "no-js" loads /review/ with JavaScript off (every row shows, the form stays hidden);
// the others pick filter values with JavaScript on.
import { launch } from "./chromium.mjs";

const [base] = process.argv.slice(2);
if (!base) {
  console.error("usage: node review-filters.mjs <base-url>");
  process.exit(2);
}
const url = new URL("review/", base.endsWith("/") ? base : base + "/").href;
const visible = (page) => page.evaluate(() => ({
  visible: Array.from(document.querySelectorAll("tr[data-status]"))
    .filter((r) => !r.hidden && r.offsetParent !== null)
    .map((r) => r.querySelector(".matrix__person").textContent.trim()),
  form_hidden: document.getElementById("review-filters").hidden,
}));
const browser = await launch();
try {
  const nojs = await browser.newContext({ javaScriptEnabled: false });
  const p0 = await nojs.newPage();
  await p0.goto(url, { waitUntil: "load" });
  console.log(JSON.stringify({ step: "no-js", ...(await visible(p0)) }));
  await nojs.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  console.log(JSON.stringify({ step: "all", ...(await visible(page)) }));
  const steps = [
    ["reviewer=mentor", { reviewer: "mentor", review_status: "" }],
    ["reviewer=mentor status=meets", { reviewer: "mentor", review_status: "meets" }],
    ["reviewer=wanpen status=meets", { reviewer: "wanpen", review_status: "meets" }],
    ["status=does-not-meet", { reviewer: "", review_status: "does-not-meet" }],
  ];
  for (const [step, values] of steps) {
    await page.selectOption("#filter-reviewer", values.reviewer);
    await page.selectOption("#filter-review-status", values.review_status);
    console.log(JSON.stringify({ step, ...(await visible(page)) }));
  }
  await context.close();
} finally {
  await browser.close();
}
