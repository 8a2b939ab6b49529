// Tables on a phone, driven by tests/it/phone.rs.
// Usage: node phone.mjs <base-url> <path>...
// Opens each page in Debian's chromium at 390 x 844 CSS px (a phone) and prints
// one JSON line per table:
//   {"path", "columns", "minCellEm" (narrowest cell of the first row, in em of
//    the cell's font), "scroller" (the wrapping element's class or null),
//    "scrollWidth", "clientWidth", "focusable", "role", "label",
//    "cue" (the scroller's background layers hold the edge shadows)}
// $SHOT_DIR, when set, gets a screenshot of each page (<n>.png), for people
// to look at. Exits 1 when a page fails to load.
import { launch } from "./chromium.mjs";

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error("usage: node phone.mjs <base-url> <path>...");
  process.exit(2);
}
const browser = await launch();
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  for (const [n, path] of paths.entries()) {
    const url = new URL(path.replace(/^\//, ""), base.endsWith("/") ? base : base + "/").href;
    const response = await page.goto(url, { waitUntil: "load" });
    if (!response || response.status() !== 200) {
      console.log(JSON.stringify({ path, error: `HTTP ${response ? response.status() : 0}` }));
      failed = true;
      continue;
    }
    await page.evaluate(() => document.fonts.ready);
    const tables = await page.evaluate(() => [...document.querySelectorAll("main table")].map((t) => {
      const row = t.rows[0];
      const cells = row ? [...row.cells] : [];
      const em = (c) => c.getBoundingClientRect().width / parseFloat(getComputedStyle(c).fontSize);
      let s = t.parentElement;
      while (s && s.tagName !== "MAIN" && !["auto", "scroll"].includes(getComputedStyle(s).overflowX)) s = s.parentElement;
      const scroller = s && s.tagName !== "MAIN" ? s : (["auto", "scroll"].includes(getComputedStyle(t).overflowX) ? t : null);
      const bg = scroller ? getComputedStyle(scroller).backgroundImage : "";
      return {
        columns: cells.reduce((a, c) => a + c.colSpan, 0),
        minCellEm: cells.length ? Math.min(...cells.map(em)) : 0,
        scroller: scroller ? (scroller.className || scroller.tagName) : null,
        scrollWidth: scroller ? scroller.scrollWidth : 0,
        clientWidth: scroller ? scroller.clientWidth : 0,
        focusable: scroller ? scroller.tabIndex >= 0 : false,
        role: scroller ? scroller.getAttribute("role") : null,
        label: scroller ? (scroller.getAttribute("aria-label") || scroller.getAttribute("aria-labelledby")) : null,
        cue: (bg.match(/gradient/g) || []).length >= 4 && bg.includes("radial-gradient"),
        pageOverflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      };
    }));
    for (const t of tables) console.log(JSON.stringify({ path, ...t }));
    if (process.env.SHOT_DIR) {
      const first = await page.$("main table");
      if (first) await first.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${process.env.SHOT_DIR}/${n}.png` });
    }
  }
} catch (e) {
  console.error("FAIL: " + e);
  failed = true;
}
await browser.close();
process.exit(failed ? 1 : 0);
