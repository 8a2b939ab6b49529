// Thai search quality, before and after krufolio's ranking (issue #11): for each query, Pagefind's
// own order ("before", what Pagefind's UI shows) and static/js/search.js's order ("after"), in
// Debian's chromium on a built site. Usage: node search-quality.mjs <base-url> <queries-file>
// Prints one JSON line per query, then a summary line {"summary": …}:
//   p1_before / p1_after  precision of the first result: the share of queries (that some page
//                         answers) whose first result holds the query exactly as typed;
//   wrong_before / _after results listed that do not hold the query as typed (tone marks or
//                         vowels folded away, or the words scattered);
//   excerpt_*_as_written  excerpts (first result) whose text appears in the page as written.
import { readFileSync } from "node:fs";
import { launch } from "./chromium.mjs";

const [base, file] = process.argv.slice(2);
if (!base || !file) {
  console.error("usage: node search-quality.mjs <base-url> <queries-file>");
  process.exit(2);
}
const queries = readFileSync(file, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
const browser = await launch();
let code = 0;
try {
  const page = await browser.newPage();
  await page.goto(new URL("search/", base).href, { waitUntil: "load" });
  await page.waitForFunction(() => window.krufolioSearch);
  const path = new URL(base).pathname;
  const rows = [];
  for (const q of queries) {
    const row = await page.evaluate(async ({ q, path }) => {
      const ks = window.krufolioSearch;
      window.__pf = window.__pf || await ks.loadPagefind(path);
      const s = await window.__pf.search(q);
      const loaded = await Promise.all(s.results.slice(0, 40).map((r) => r.data()));
      const text = (d) => (d.meta.title || "") + "\n" + d.content.replace(/\u200B/g, "");
      const holds = (d) => text(d).includes(q);
      const plain = (html) => html.replace(/<[^>]*>/g, "").replace(/…/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&amp;/g, "&").trim();
      const squash = (t) => t.replace(/\s+/g, " ").trim();
      const written = (html, d) => squash(text(d)).includes(squash(plain(html)));
      const ranked = ks.rank(q, loaded);
      const after = ranked.exact.length ? ranked.exact : ranked.near;
      const byUrl = Object.fromEntries(loaded.map((d) => [d.url, d]));
      return {
        query: q,
        pages: loaded.filter(holds).length,
        before: loaded.map((d) => d.url),
        after: after.map((r) => r.url),
        first_before: loaded.length ? holds(loaded[0]) : null,
        first_after: after.length ? holds(byUrl[after[0].url]) : null,
        phrase_rank_before: loaded.findIndex(holds) + 1,
        phrase_rank_after: after.findIndex((r) => holds(byUrl[r.url])) + 1,
        wrong_before: loaded.filter((d) => !holds(d)).length,
        wrong_after: after.filter((r) => !holds(byUrl[r.url])).length,
        excerpt_before: loaded.length ? plain(loaded[0].excerpt) : "",
        excerpt_after: after.length ? plain(after[0].excerpt) : "",
        excerpt_before_as_written: loaded.length ? written(loaded[0].excerpt, loaded[0]) : null,
        excerpt_after_as_written: after.length ? written(after[0].excerpt, byUrl[after[0].url]) : null,
      };
    }, { q, path });
    console.log(JSON.stringify(row));
    rows.push(row);
  }
  const answered = rows.filter((r) => r.pages > 0);
  const share = (f) => answered.length ? +(answered.filter(f).length / answered.length).toFixed(3) : null;
  const sum = (f) => rows.reduce((n, r) => n + f(r), 0);
  console.log(JSON.stringify({ summary: {
    queries: rows.length,
    answered: answered.length,
    p1_before: share((r) => r.first_before),
    p1_after: share((r) => r.first_after),
    wrong_before: sum((r) => r.wrong_before),
    wrong_after: sum((r) => r.wrong_after),
    excerpt_before_as_written: share((r) => r.excerpt_before_as_written),
    excerpt_after_as_written: share((r) => r.excerpt_after_as_written),
  } }));
} catch (e) {
  console.error("FAIL: " + e);
  code = 1;
}
await browser.close();
process.exit(code);
