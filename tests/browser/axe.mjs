// Accessibility check with axe-core in a real browser, driven by
// tests/it/accessibility.rs.
// Usage: node axe.mjs <base-url> <path>...
// Loads each page (base URL + path, paths already percent-encoded) in
// Debian's chromium, injects axe-core and prints one JSON line per page and view:
//   {"path": "/pa/", "view": "desktop-light", "status": 200,
//    "violations": [{"id", "impact", "help", "nodes": [[target…]…]}]}
// Two views: a desktop window in the light scheme and a phone-sized one in the
// dark scheme (narrow screens make tables scroll; dark has its own colours).
// Exits 1 when any violation is "serious" or "critical" (or a page fails to
// load), 0 otherwise; moderate and minor findings are printed but pass.
import { createRequire } from "node:module";
import { launch } from "./chromium.mjs";
const require = createRequire(import.meta.url);
const axeSource = require("../tools/node_modules/axe-core").source;

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error("usage: node axe.mjs <base-url> <path>...");
  process.exit(2);
}
const browser = await launch();
const views = [
  { view: "desktop-light", viewport: { width: 1280, height: 800 }, colorScheme: "light" },
  { view: "phone-dark", viewport: { width: 375, height: 740 }, colorScheme: "dark" },
];
let failed = false;
try {
  for (const { view, ...options } of views) {
    // axe-core is injected as an inline script, which the theme's CSP forbids.
    const context = await browser.newContext({ ...options, bypassCSP: true });
    const page = await context.newPage();
    for (const path of paths) {
      const url = new URL(path.replace(/^\//, ""), base.endsWith("/") ? base : base + "/").href;
      let line;
      try {
        const response = await page.goto(url, { waitUntil: "load" });
        const status = response ? response.status() : 0;
        // 404.html is fetched by name, so every page here must answer 200.
        if (status !== 200) failed = true;
        // The search page renders its results after load: check them too.
        if (await page.$(".search-box")) {
          await page.waitForSelector(".search-result", { timeout: 15000 });
        }
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ["violations"] });
          return r.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => n.target),
          }));
        });
        if (violations.some((v) => v.impact === "serious" || v.impact === "critical")) failed = true;
        line = { path, view, status, violations };
      } catch (e) {
        failed = true;
        line = { path, view, error: String(e) };
      }
      console.log(JSON.stringify(line));
    }
    await context.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
