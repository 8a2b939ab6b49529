// Script-payload check in a real browser, driven by tests/it/privacy.rs.
// Usage: node xss.mjs <base-url> <path>...
// Loads each page (paths already percent-encoded) in Debian's chromium and
// prints one JSON line per page: {"path", "ok", "problems": [...]}.
// A page fails when a payload ran (window.__kf_pwned set, a dialog opened),
// or its DOM holds an event-handler attribute, a javascript:/data:/vbscript:
// URL, an iframe/frame/embed, an object that is not a same-origin PDF, an
// inline or foreign script, a <base> or a meta refresh; or when the page's
// own Content-Security-Policy reports a violation (the theme must satisfy it).
// Exits 1 when any page fails.
import { launch } from "./chromium.mjs";

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error("usage: node xss.mjs <base-url> <path>...");
  process.exit(2);
}
const browser = await launch();
let failed = false;
try {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__kf_pwned = 0;
    window.__kf_csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__kf_csp.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
    });
  });
  const page = await context.newPage();
  let dialogs = 0;
  page.on("dialog", (d) => { dialogs++; d.dismiss().catch(() => {}); });
  for (const path of paths) {
    const url = new URL(path.replace(/^\//, ""), base.endsWith("/") ? base : base + "/").href;
    dialogs = 0;
    const problems = [];
    try {
      const response = await page.goto(url, { waitUntil: "load" });
      if (!response || response.status() !== 200) problems.push("status " + (response ? response.status() : 0));
      // Give timers, focus and toggle handlers a chance.
      await page.focus("body").catch(() => {});
      await page.waitForTimeout(300);
      const found = await page.evaluate((origin) => {
        const out = [];
        if (window.__kf_pwned) out.push("a payload ran (window.__kf_pwned)");
        for (const v of window.__kf_csp) out.push("CSP violation: " + v);
        for (const el of document.querySelectorAll("*")) {
          for (const a of el.attributes) {
            const name = a.name.toLowerCase();
            const value = a.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
            if (name.startsWith("on")) out.push(`<${el.localName} ${name}>`);
            if (["href", "src", "action", "formaction", "data", "srcdoc", "xlink:href", "poster"].includes(name)
                && /^(javascript|data|vbscript):/.test(value)) out.push(`<${el.localName} ${name}=${value.slice(0, 40)}>`);
          }
        }
        for (const el of document.querySelectorAll("iframe, frame, embed, base, meta[http-equiv=refresh i]")) {
          out.push(`<${el.localName}>`);
        }
        for (const el of document.querySelectorAll("object")) {
          const u = new URL(el.getAttribute("data") || "", location.href);
          if (u.origin !== origin || !/\.pdf$/i.test(u.pathname)) out.push(`<object data=${u.href}>`);
        }
        for (const el of document.querySelectorAll("script")) {
          if (!el.src) out.push("inline <script>");
          else if (new URL(el.src).origin !== origin) out.push(`<script src=${el.src}>`);
        }
        return out;
      }, new URL(base).origin);
      problems.push(...found);
      if (dialogs) problems.push(`${dialogs} dialog(s) opened`);
    } catch (e) {
      problems.push(String(e));
    }
    if (problems.length) failed = true;
    console.log(JSON.stringify({ path, ok: problems.length === 0, problems }));
  }
  await context.close();
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
