// The local review form of `krufolio serve --audience review`, driven by
// tests/it/review_form.rs. Usage: node review-form.mjs <base-url>
// 1. Opens /review/manee-jaingam/, fills the form (reviewer kru-tester, 1.4, meets,
//    a comment, level 3), submits, waits for the live reload, and reports whether the
//    comment shows. 2. Two tabs submit 1.5 and 1.6 at once; after the reload both show.
// Prints one JSON line per step.
import { launch } from "./chromium.mjs";

const [base] = process.argv.slice(2);
const url = new URL("review/manee-jaingam/", base.endsWith("/") ? base : base + "/").href;
const browser = await launch();
async function fill(page, code, status, comment, level) {
  await page.fill("#rf-id", "kru-tester");
  await page.fill("#rf-name", "นายทดสอบ ผ่านเบราว์เซอร์");
  await page.selectOption("#rf-code", code);
  await page.selectOption("#rf-status", status);
  await page.selectOption("#rf-level", level);
  await page.fill("#rf-comment", comment);
}
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  const shown = await page.evaluate(() => !document.getElementById("review-form").hidden);
  await fill(page, "1.4", "meets", "ความเห็นจากเบราว์เซอร์ข้อ 1.4", "3");
  // The save rebuilds the site; live reload then loads the page again.
  const reloaded = page.waitForEvent("load", { timeout: 60000 });
  await page.click("#review-form button[type=submit]");
  await reloaded;
  const text = await page.textContent("body");
  console.log(JSON.stringify({ step: "one", form_shown: shown, saved: text.includes("ความเห็นจากเบราว์เซอร์ข้อ 1.4") }));

  // The two tabs take no live reload (a rebuild still under way from step one
  // must not reload them between filling and saving).
  const quiet = await browser.newContext();
  await quiet.route("**/__krufolio/livereload.js", (r) => r.fulfill({ contentType: "text/javascript", body: "" }));
  const a = await quiet.newPage();
  const b = await quiet.newPage();
  await Promise.all([a.goto(url, { waitUntil: "load" }), b.goto(url, { waitUntil: "load" })]);
  await fill(a, "1.5", "partially-meets", "แท็บแรกข้อ 1.5", "");
  await fill(b, "1.6", "begun", "แท็บสองข้อ 1.6", "");
  const answers = await Promise.all([a, b].map((p) => p.evaluate(() => new Promise((resolve) => {
    const out = document.getElementById("review-form-result");
    new MutationObserver(() => { if (!out.textContent.startsWith("กำลัง")) resolve(out.textContent); })
      .observe(out, { childList: true, characterData: true, subtree: true });
    document.querySelector("#review-form button[type=submit]").click();
  }))));
  // Reload until the rebuilt page holds what both tabs saved (the watcher may
  // rebuild once per save); bounded by the test's own timeout, not asserted as a time.
  let both = false;
  const check = await quiet.newPage();
  for (let i = 0; i < 60 && !both; i++) {
    await check.goto(url, { waitUntil: "load" });
    const t = await check.textContent("body");
    both = t.includes("แท็บแรกข้อ 1.5") && t.includes("แท็บสองข้อ 1.6");
    if (!both) { await page.waitForTimeout(500); }
  }
  console.log(JSON.stringify({ step: "two-tabs", answers, both }));
  await quiet.close();
  await context.close();
} finally {
  await browser.close();
}
