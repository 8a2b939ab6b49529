// A video seeks in a real browser (issue 13: the site served from Garage), driven by
// tests/it/deploy.rs. Usage: node video.mjs <page-url>
// Opens the page in Debian's chromium, takes its first <video>, seeks to the middle and
// waits for the frame there. Prints one JSON line:
//   {"duration": 4.0, "seeked": true, "readyState": 4, "statuses": [206, …], "errors": []}
// `statuses` are the HTTP statuses of the video's requests (a seek needs Range: 206).
import { launch } from "./chromium.mjs";

const [url] = process.argv.slice(2);
if (!url) {
  console.error("usage: node video.mjs <page-url>");
  process.exit(2);
}
const browser = await launch();
try {
  const page = await browser.newPage();
  const statuses = [];
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("response", (r) => { if (r.request().resourceType() === "media") statuses.push(r.status()); });
  await page.goto(url, { waitUntil: "load" });
  const result = await page.evaluate(async () => {
    const v = document.querySelector("video");
    if (!v) return { error: "no video on the page" };
    v.muted = true;
    v.preload = "auto";
    const once = (ev) => new Promise((ok) => v.addEventListener(ev, ok, { once: true }));
    const failed = new Promise((ok) => v.addEventListener("error", () => ok("error"), { once: true }));
    if (v.readyState < 1) { v.load(); await Promise.race([once("loadedmetadata"), failed]); }
    if (v.error) return { error: `media error ${v.error.code}` };
    const duration = v.duration;
    v.currentTime = duration / 2;
    const seeked = await Promise.race([once("seeked").then(() => true), failed.then(() => false),
      new Promise((ok) => setTimeout(() => ok(false), 15000))]);
    return { duration, seeked, readyState: v.readyState, currentTime: v.currentTime };
  });
  console.log(JSON.stringify({ ...result, statuses, errors }));
  process.exitCode = result.seeked ? 0 : 1;
} finally {
  await browser.close();
}
