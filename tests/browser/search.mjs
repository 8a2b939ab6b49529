// Thai search in a real browser (issue #4), driven by tests/it/search.rs.
// Usage: node search.mjs <base-url> <query>...
// For each query: opens the home page in Debian's chromium, types the query into the
// header search box, presses Enter, and waits on the search page for krufolio's search
// (static/js/search.js over Pagefind's index) to answer. Prints one JSON line per query:
//   {"query": "พัดลม", "url": ".../search/?q=...", "results": ["/media/video/", …],
//    "message": "พบ 1 ผลการค้นหาสำหรับ พัดลม", "requests": ["http://…"]}
// `requests` lists every URL the page asked for that is not on the site's own origin
// (the search must work offline), and `errors` the page's script errors.
import { launch } from "./chromium.mjs";

const [base, ...queries] = process.argv.slice(2);
if (!base || queries.length === 0) {
  console.error("usage: node search.mjs <base-url> <query>...");
  process.exit(2);
}
const origin = new URL(base).origin;
const browser = await launch();
let code = 0;
try {
  for (const query of queries) {
    const page = await browser.newPage();
    const requests = [];
    const errors = [];
    page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) requests.push(r.url()); });
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(base, { waitUntil: "load" });
    await page.fill("#site-search-q", query);
    await Promise.all([page.waitForURL(/\/search\/\?q=/), page.press("#site-search-q", "Enter")]);
    // The status line is written once the search has run ("พบ … หน้า…" or "ไม่พบ…"), with the list.
    await page.waitForFunction(() => {
      const m = document.querySelector(".search-box__status");
      return m && m.textContent.trim() && !/กำลัง/.test(m.textContent);
    }, null, { timeout: 20000 });
    const results = await page.$$eval(".search-result__link, .search-result__sub-link", (as) => as.map((a) => a.getAttribute("href")));
    const excerpts = await page.$$eval(".search-result__excerpt", (ps) => ps.map((p) => p.innerHTML));
    const message = (await page.textContent(".search-box__status")).trim();
    console.log(JSON.stringify({ query, url: page.url(), results, excerpts, message, requests, errors }));
    await page.close();
  }
} catch (e) {
  console.error("FAIL: " + e);
  code = 1;
}
await browser.close();
process.exit(code);
