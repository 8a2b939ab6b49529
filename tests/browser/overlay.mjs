// The serve error overlay's font, driven by tests/it/serve.rs.
// Usage: node overlay.mjs <page-url>...
// Opens each page (served by `krufolio serve` with a broken build) in Debian's
// chromium and prints one JSON line per page:
//   {"url", "overlay" (found), "fontFamily" (computed, of #krufolio-error),
//    "thaiLoaded" (a loaded Sarabun face covers Thai), "check"
//    (document.fonts.check for the overlay's Thai text in its font)}
// $SHOT_DIR, when set, gets a screenshot of each page (overlay-<n>.png).
import { launch } from "./chromium.mjs";

const urls = process.argv.slice(2);
const browser = await launch();
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
  for (const [n, url] of urls.entries()) {
    // The broken build may still be running: reload until the overlay is there.
    let box = null;
    for (let i = 0; i < 60 && !box; i++) {
      await page.goto(url, { waitUntil: "load" });
      box = await page.$("#krufolio-error");
      if (!box) await page.waitForTimeout(250);
    }
    if (!box) {
      console.log(JSON.stringify({ url, overlay: false }));
      failed = true;
      continue;
    }
    const r = await page.evaluate(async () => {
      await document.fonts.ready;
      const el = document.getElementById("krufolio-error");
      const cs = getComputedStyle(el);
      const text = el.querySelector("strong").textContent;
      // Ask for the overlay's Thai text so the faces it needs load.
      await document.fonts.load(`${cs.fontSize} ${cs.fontFamily}`, text);
      const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "Sarabun");
      return {
        overlay: true,
        fontFamily: cs.fontFamily,
        thaiLoaded: faces.some((f) => f.status === "loaded" && /E01/i.test(f.unicodeRange)),
        check: document.fonts.check(`${cs.fontSize} ${cs.fontFamily}`, text),
      };
    });
    console.log(JSON.stringify({ url, ...r }));
    if (process.env.SHOT_DIR) await page.screenshot({ path: `${process.env.SHOT_DIR}/overlay-${n}.png` });
  }
} catch (e) {
  console.error("FAIL: " + e);
  failed = true;
}
await browser.close();
process.exit(failed ? 1 : 0);
