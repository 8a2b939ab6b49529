// The local review form of `krufolio serve --audience review`, driven by
// tests/it/review_form.rs. Usage: node review-form.mjs <base-url>
// 1. Opens /review/manee-jaingam/, gives the reviewer id kru-tester, fills the form of
//    indicator 1.4 (meets, a comment, level 3), saves, waits for the live reload, and
//    reports whether the comment shows and the form comes back prefilled (the id is
//    remembered). 2. The challenge's form sets a status and the three Part 2 levels;
//    after the reload they are prefilled. 3. Two tabs save 1.5 and 1.6 at once from the
//    same file: one is refused (409, reload), reloads and saves again; both land.
// Prints one JSON line per step.
import { launch } from "./chromium.mjs";

const [base] = process.argv.slice(2);
const url = new URL("review/manee-jaingam/", base.endsWith("/") ? base : base + "/").href;
const browser = await launch();
const ready = (page, form) => page.waitForSelector(`#${form} fieldset:not([disabled])`, { timeout: 60000 });
async function who(page) {
  await page.fill("#rf-name", "นายทดสอบ ผ่านเบราว์เซอร์");
  await page.fill("#rf-id", "kru-tester");
  await page.dispatchEvent("#rf-id", "change");
}
async function values(page, form, names) {
  return page.evaluate(([f, ns]) => ns.map((n) => document.getElementById(f).elements[n].value), [form, names]);
}
// Saves `form` and waits for its answer (no reload expected).
function submit(page, form) {
  return page.evaluate((f) => new Promise((resolve) => {
    const out = document.querySelector(`#${f} .review-entry-form__result`);
    new MutationObserver(() => { if (!out.textContent.startsWith("กำลัง")) resolve(out.textContent); })
      .observe(out, { childList: true, characterData: true, subtree: true });
    document.querySelector(`#${f} button[type=submit]`).click();
  }), form);
}
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  const shown = await page.evaluate(() => !document.getElementById("review-form").hidden);
  const forms = await page.locator("form.review-entry-form fieldset > legend").count();
  await who(page);
  await ready(page, "rf-1-4");
  await page.selectOption("#rf-1-4-status", "meets");
  await page.selectOption("#rf-1-4-level", "3");
  await page.fill("#rf-1-4-comment", "ความเห็นจากเบราว์เซอร์ข้อ 1.4");
  // The save rebuilds the site; live reload then loads the page again.
  let reloaded = page.waitForEvent("load", { timeout: 60000 });
  await page.click("#rf-1-4 button[type=submit]");
  await reloaded.catch(async (e) => {
    throw new Error(`no reload after the save: ${await page.textContent("#rf-1-4 .review-entry-form__result")} ${e}`);
  });
  const text = await page.textContent("body");
  await ready(page, "rf-1-4");
  const prefilled = await values(page, "rf-1-4", ["status", "level", "comment"]);
  console.log(JSON.stringify({ step: "one", form_shown: shown, forms, saved: text.includes("ความเห็นจากเบราว์เซอร์ข้อ 1.4"), prefilled }));

  await ready(page, "rf-challenge");
  await page.selectOption("#rf-challenge-status", "begun");
  await page.selectOption("#rf-challenge-method", "3");
  await page.selectOption("#rf-challenge-quantitative", "4");
  await page.selectOption("#rf-challenge-qualitative", "2");
  reloaded = page.waitForEvent("load", { timeout: 60000 });
  await page.click("#rf-challenge button[type=submit]");
  await reloaded;
  await ready(page, "rf-challenge");
  const part2 = await values(page, "rf-challenge", ["status", "method", "quantitative", "qualitative"]);
  console.log(JSON.stringify({ step: "part2", part2 }));

  // The two tabs take no live reload (a rebuild still under way from the steps
  // above must not reload them between filling and saving).
  const quiet = await browser.newContext();
  await quiet.route("**/__krufolio/livereload.js", (r) => r.fulfill({ contentType: "text/javascript", body: "" }));
  const a = await quiet.newPage();
  const b = await quiet.newPage();
  await Promise.all([a.goto(url, { waitUntil: "load" }), b.goto(url, { waitUntil: "load" })]);
  for (const [p, f, status, comment] of [[a, "rf-1-5", "partially-meets", "แท็บแรกข้อ 1.5"], [b, "rf-1-6", "begun", "แท็บสองข้อ 1.6"]]) {
    await who(p);
    await ready(p, f);
    await p.selectOption(`#${f}-status`, status);
    await p.fill(`#${f}-comment`, comment);
  }
  const answers = await Promise.all([submit(a, "rf-1-5"), submit(b, "rf-1-6")]);
  const refused = answers.map((t) => t.startsWith("409"));
  // The refused tab reloads, as its message says, and saves again.
  const again = [];
  for (const [i, p, f, status, comment] of [[0, a, "rf-1-5", "partially-meets", "แท็บแรกข้อ 1.5"], [1, b, "rf-1-6", "begun", "แท็บสองข้อ 1.6"]]) {
    if (!refused[i]) { continue; }
    await p.reload({ waitUntil: "load" });
    await ready(p, f);
    await p.selectOption(`#${f}-status`, status);
    await p.fill(`#${f}-comment`, comment);
    again.push(await submit(p, f));
  }
  // Reload until the rebuilt page holds what both tabs saved (the watcher may
  // rebuild once per save); bounded by the test's own timeout, not asserted as a time.
  let both = false;
  const check = await quiet.newPage();
  for (let i = 0; i < 60 && !both; i++) {
    await check.goto(url, { waitUntil: "load" });
    const t = await check.textContent("body");
    both = t.includes("แท็บแรกข้อ 1.5") && t.includes("แท็บสองข้อ 1.6");
    if (!both) { await check.waitForTimeout(500); }
  }
  console.log(JSON.stringify({ step: "two-tabs", answers, refused, again, both }));
  await quiet.close();
  await context.close();
} finally {
  await browser.close();
}
