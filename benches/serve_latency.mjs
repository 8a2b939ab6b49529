// Live-preview latency (issue #11), run by benches/district.sh (usage in BENCHMARKS.md).
// Starts `krufolio serve` and `hugo server` on copies of the same pages, opens one page of
// each in Debian's chromium (tests/tools' playwright-core), then alternately appends a unique
// marker to that page's Markdown and times from the file write to the marker being visible
// in the page (the DOM is polled across the live reload). Also records the rebuild time
// each server prints per edit. Writes medians as JSON (--out); nothing here asserts a time.
//
// node benches/serve_latency.mjs --krufolio BIN --site DIR --hugo-site DIR [--runs 5]
//      [--page sec-00/page-0001] [--out serve.json]
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { launch } from "../tests/browser/chromium.mjs";

const here = path.dirname(new URL(import.meta.url).pathname);

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) =>
  a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc, []));
const runs = Number(args.runs || 5);
const page = args.page || "sec-00/page-0001";
const TIMEOUT = 300000; // a rebuild with search on took over a minute before #11

const freePort = () => new Promise((ok) => {
  const s = net.createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => ok(p)); });
});
const median = (xs) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b), m = s.length >> 1;
  return { median: s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2, min: s[0], max: s[s.length - 1], n: s.length };
};

// Starts a server; resolves with its URL once `ready` matches its output.
// `reported` collects the per-edit rebuild times it prints (ms).
function start(name, cmd, argv, ready, rebuilt) {
  const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"] });
  const server = { name, child, reported: [], log: "", command: [path.basename(cmd), ...argv].join(" ") };
  server.url = new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${name} did not start in 300 s:\n${server.log}`)), 300000);
    let partial = "";
    const read = (chunk) => {
      server.log += chunk;
      const lines = (partial + chunk).split("\n");
      partial = lines.pop();
      for (const line of lines) {
        const r = line.match(ready);
        if (r) { clearTimeout(timer); ok(r[1]); }
        const b = line.match(rebuilt);
        if (b && server.counting) server.reported.push(Number(b[1]));
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => fail(new Error(`${name} exited (${code}):\n${server.log}`)));
  });
  return server;
}

// Appends a marker to the page's Markdown; resolves with ms from the write to the
// marker being in the page's text, retrying while a reload replaces the document.
async function edit(tab, file, marker) {
  const t0 = performance.now();
  fs.appendFileSync(file, `\n\nเครื่องหมายทดสอบ ${marker}\n`);
  while (performance.now() - t0 < TIMEOUT) {
    try {
      await tab.waitForFunction((m) => document.body && document.body.innerText.includes(m), marker,
        { polling: "raf", timeout: TIMEOUT });
      return performance.now() - t0;
    } catch (e) {
      if (!/context was destroyed|navigation|Target closed|detached/i.test(String(e))) throw e;
    }
  }
  throw new Error(`marker ${marker} never appeared in ${file}`);
}

const kfPort = await freePort(), hugoPort = await freePort();
const servers = [
  start("krufolio", args.krufolio, ["--root", args.site, "serve", "--port", String(kfPort)],
    /serving at (http\S+)/, /สร้างใหม่ใน (\d+) ms/),
  start("hugo", "hugo", ["server", "--source", args["hugo-site"], "--bind", "127.0.0.1", "--port", String(hugoPort),
    "--baseURL", "http://127.0.0.1"], /Web Server is available at (http\S+)/, /Total in (\d+) ms/),
];
const browser = await launch();
const result = {};
let failed = null;
try {
  for (const s of servers) {
    const base = (await s.url).replace(/\/?$/, "/");
    s.tab = await browser.newPage();
    await s.tab.goto(base + page + "/", { waitUntil: "load" });
    await s.tab.waitForTimeout(500); // the live-reload connection
    s.file = path.join(s.name === "krufolio" ? args.site : args["hugo-site"], "content", page + ".md");
    s.latency = [];
    console.log(`${s.name}: ${base}${page}/ (${s.file})`);
  }
  for (let r = 0; r < runs; r++) {
    for (const s of r % 2 ? [...servers].reverse() : servers) {
      s.counting = true;
      const ms = await edit(s.tab, s.file, `${s.name}-${r}-${Date.now()}`);
      s.latency.push(ms);
      await s.tab.waitForTimeout(700); // let the server print its time and go idle
      s.counting = false;
      console.log(`${s.name} edit ${r + 1}: ${ms.toFixed(0)} ms (server says ${s.reported.at(-1) ?? "?"} ms)`);
    }
  }
  for (const s of servers) {
    result[s.name] = { latency: median(s.latency), reported: median(s.reported), command: s.command };
  }
} catch (e) {
  failed = e;
} finally {
  await browser.close();
  for (const s of servers) s.child.kill("SIGINT");
}
if (failed) {
  console.error(`serve_latency: ${failed.stack || failed}`);
  process.exit(1);
}
const k = result.krufolio.latency.median, h = result.hugo.latency.median;
console.log(`median write-to-visible: krufolio ${k.toFixed(0)} ms, hugo ${h.toFixed(0)} ms, ratio ${(k / h).toFixed(2)}`);
if (args.out) fs.writeFileSync(args.out, JSON.stringify(result, null, 2));
