// Light pages on a phone (issue #11), driven by tests/it/light.rs.
// Usage: node light.mjs <base-url> <path>...
// Opens each page (paths already percent-encoded) in Debian's chromium as a
// phone (390 px wide, device scale factor 3), each in a fresh context (an
// empty cache), scrolls to the bottom so every lazy photo loads, and prints
// one JSON line per page:
//   {"path", "view": "phone", "status", "image_bytes", "images": [{url, bytes}],
//    "imgs": [{src, current, width, height, natural_width, natural_height,
//              shown_width, slot_width, lightbox, complete}],
//    "cls", "before_open": [url…], "opened": {url, current, bytes, complete},
//    "pdfs": [{height, width}], "page_height"}
// `image_bytes` counts the bytes of every image response the page fetched
// (headers and body) before a lightbox is opened; `opened` is what opening
// the first lightbox fetched. The first page is also opened at desktop width
// ("view": "desktop", PDFs and page height only). Exits 1 when a page fails to load.
import { launch } from "./chromium.mjs";

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error("usage: node light.mjs <base-url> <path>...");
  process.exit(2);
}
const browser = await launch();
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const desktop = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };

// Layout shifts, summed as the Cumulative Layout Shift is (input-driven ones left out).
const clsScript = () => {
  window.__cls = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
  }).observe({ type: "layout-shift", buffered: true });
};

async function scrollThrough(page) {
  for (let y = 0; ; y += 600) {
    const height = await page.evaluate((y) => { window.scrollTo(0, y); return document.documentElement.scrollHeight; }, y);
    await page.waitForTimeout(50);
    if (y > height) break;
  }
  await page.waitForLoadState("networkidle");
  // Every photo outside a (closed) lightbox has loaded.
  await page.waitForFunction(() =>
    [...document.images].filter((i) => !i.closest(".lightbox")).every((i) => i.complete));
}

// What the page's photos are: attributes, what the browser chose, how wide it
// shows them and how wide their `sizes` says they are.
const describe = () => [...document.images].map((img) => {
  let slot = null;
  const sizes = img.getAttribute("sizes");
  if (sizes) {
    for (const part of sizes.split(",").map((s) => s.trim())) {
      const m = part.match(/^(\(.*\))\s+(.+)$/);
      if (m && !window.matchMedia(m[1]).matches) continue;
      const probe = document.createElement("div");
      probe.style.width = m ? m[2] : part;
      probe.style.position = "absolute";
      document.body.appendChild(probe);
      slot = probe.getBoundingClientRect().width;
      probe.remove();
      break;
    }
  }
  return {
    src: img.getAttribute("src"),
    current: img.currentSrc,
    width: img.getAttribute("width"),
    height: img.getAttribute("height"),
    natural_width: img.naturalWidth,
    natural_height: img.naturalHeight,
    shown_width: img.getBoundingClientRect().width,
    slot_width: slot,
    lightbox: !!img.closest(".lightbox"),
    complete: img.complete,
  };
});

const pdfs = () => [...document.querySelectorAll("object.media__pdf")].map((o) => {
  const r = o.getBoundingClientRect();
  return { height: r.height, width: r.width, links: o.closest("figure").querySelectorAll("a[href]").length };
});

async function visit(path, view, options) {
  const context = await browser.newContext(options);
  await context.addInitScript(clsScript);
  const page = await context.newPage();
  // Image requests in the order they are made (synchronously, so none is
  // missed), and each one's size once it has finished.
  const images = [];
  const pending = [];
  page.on("request", (req) => {
    if (req.resourceType() !== "image") return;
    const entry = { url: req.url(), bytes: 0 };
    images.push(entry);
    pending.push(req.response().then(async (res) => {
      if (!res) return;
      await res.finished();
      const s = await req.sizes();
      entry.bytes = s.responseBodySize + s.responseHeadersSize;
    }));
  });
  const settled = async () => { await page.waitForLoadState("networkidle"); await Promise.all(pending); };
  const url = new URL(path.replace(/^\//, ""), base.endsWith("/") ? base : base + "/").href;
  const response = await page.goto(url, { waitUntil: "load" });
  const line = { path, view, status: response ? response.status() : 0 };
  if (view === "phone") {
    await scrollThrough(page);
    await settled();
    line.imgs = await page.evaluate(describe);
    line.cls = await page.evaluate(() => window.__cls);
    line.images = images.slice();
    line.image_bytes = images.reduce((n, i) => n + i.bytes, 0);
    line.before_open = images.map((i) => i.url);
    // Open the first lightbox the way a reader does: its "ขยายภาพ" link.
    const zoom = await page.$(".artefact__zoom");
    if (zoom) {
      const target = (await zoom.getAttribute("href")).slice(1);
      const seen = images.length;
      await zoom.click();
      const img = `[id="${target}"] .lightbox__img`;
      await page.waitForFunction((sel) => {
        const i = document.querySelector(sel);
        return i && i.complete && i.naturalWidth > 0;
      }, img);
      await settled();
      const after = images.slice(seen);
      line.opened = await page.$eval(img, (i) => ({
        current: i.currentSrc,
        visible: i.getBoundingClientRect().width > 0,
        file: i.closest(".lightbox").querySelector(".lightbox__file").href,
      }));
      line.opened.fetched = after;
    }
  }
  if (view === "desktop") line.imgs = await page.evaluate(describe);
  line.pdfs = await page.evaluate(pdfs);
  line.page_height = await page.evaluate(() => document.documentElement.scrollHeight);
  await context.close();
  return line;
}

let failed = false;
try {
  for (const [i, path] of paths.entries()) {
    for (const [view, options] of i === 0 ? [["phone", phone], ["desktop", desktop]] : [["phone", phone]]) {
      let line;
      try {
        line = await visit(path, view, options);
        if (line.status !== 200) failed = true;
      } catch (e) {
        failed = true;
        line = { path, view, error: String(e) };
      }
      console.log(JSON.stringify(line));
    }
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
