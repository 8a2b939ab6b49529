// Content-Security-Policy check of pages with embedded links, driven by
// tests/it/links.rs. Usage: node csp.mjs <base-url> <path>...
// Loads each page in Debian's chromium and prints one JSON line per page:
// {"path", "violations": [...], "iframes": n, "lazy": n}: the page's CSP
// violations (securitypolicyviolation events and console CSP errors) and its
// iframes (the players; with no network they fail to load, which is fine).
import { launch } from "./chromium.mjs";

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error("usage: node csp.mjs <base-url> <path>...");
  process.exit(2);
}
const browser = await launch();
try {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__kf_csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__kf_csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
    });
  });
  const page = await context.newPage();
  for (const path of paths) {
    const console_csp = [];
    const onConsole = (m) => { if (/Content Security Policy/i.test(m.text())) console_csp.push(m.text()); };
    page.on("console", onConsole);
    const url = new URL(path.replace(/^\//, ""), base.endsWith("/") ? base : base + "/").href;
    await page.goto(url, { waitUntil: "load" });
    // Bring the lazy frames into view so chromium tries to load them.
    await page.evaluate(() => document.querySelectorAll("iframe").forEach((f) => f.scrollIntoView()));
    await page.waitForTimeout(1500);
    const found = await page.evaluate(() => ({
      violations: window.__kf_csp,
      iframes: document.querySelectorAll("iframe").length,
      lazy: document.querySelectorAll("iframe[loading=lazy]").length,
    }));
    page.off("console", onConsole);
    found.violations.push(...console_csp);
    console.log(JSON.stringify({ path, ...found }));
  }
  await context.close();
} finally {
  await browser.close();
}
