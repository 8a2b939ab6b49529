// Real-browser live reload check (issue #2), driven by tests/it/browser.rs.
// Usage: node livereload.mjs <page-url> <markdown-file>
// Opens the page in Debian's chromium, edits the Markdown file, and checks
// that the browser reloads by itself: first with the new text, then with the
// error overlay for broken front matter, then without it once fixed.
import fs from "node:fs";
import { launch } from "./chromium.mjs";

const [url, file] = process.argv.slice(2);
const browser = await launch();
const fail = async (msg) => { console.error("FAIL: " + msg); await browser.close(); process.exit(1); };
try {
  const page = await browser.newPage();
  await page.goto(url, { waitUntil: "load" });
  // Give the page's EventSource a moment to connect.
  await page.waitForTimeout(300);
  const original = fs.readFileSync(file, "utf8");

  // Evaluate in the page, retrying while a reload replaces it.
  const settled = async (fn) => {
    for (let i = 0; i < 50; i++) {
      try { await page.waitForLoadState("load"); return await page.evaluate(fn); }
      catch (e) { await page.waitForTimeout(100); }
    }
    throw new Error("page never settled");
  };

  // 1. An edit reloads the page without any action in the browser.
  await settled(() => { window.__krufolioMarker = 1; });
  fs.writeFileSync(file, original.replace("หลักการเขียนข้อตกลง", "ข้อความที่แก้ในเบราว์เซอร์"));
  await page.waitForSelector("text=ข้อความที่แก้ในเบราว์เซอร์", { timeout: 15000 });
  if (await settled(() => window.__krufolioMarker === 1)) await fail("page did not reload");
  console.log("ok: edit reloaded the browser");

  // 2. Broken front matter: the overlay appears and names file and line.
  await settled(() => { window.__krufolioMarker = 2; });
  fs.writeFileSync(file, "---\ntitle: การเขียน PA\nweight: [1\n---\nเนื้อหา\n");
  // A save can arrive in two steps (truncate, then write): wait for the final error.
  let seen = false;
  for (let i = 0; i < 150 && !seen; i++) {
    try {
      seen = await page.evaluate(() => (document.getElementById("krufolio-error") || {}).innerText?.includes("content/guides/writing.md:3") || false);
    } catch (e) { /* the page is reloading */ }
    if (!seen) await page.waitForTimeout(100);
  }
  if (!seen) await fail("the overlay never named content/guides/writing.md:3");
  if (await settled(() => window.__krufolioMarker === 2)) await fail("page did not reload for the error");
  const text = await settled(() => document.getElementById("krufolio-error").innerText);
  if (!text.includes("content/guides/writing.md:3")) await fail("overlay lacks file:line: " + text);
  console.log("ok: overlay shows " + text.split("\n").find(l => l.includes("writing.md")));

  // 3. Fixing the file clears the overlay.
  fs.writeFileSync(file, original);
  await page.waitForSelector("#krufolio-error", { state: "detached", timeout: 15000 });
  await page.waitForSelector("text=หลักการเขียนข้อตกลง", { timeout: 15000 });
  console.log("ok: overlay cleared after the fix");
} catch (e) {
  await fail(String(e));
}
await browser.close();
