// The one way the browser scripts start Debian's chromium, through tests/tools'
// playwright-core: headless, no sandbox (tests run as root), and none of chromium's
// background connections, which this machine's closed network refuses.
// $CHROMIUM names another binary.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { chromium } = require("../tools/node_modules/playwright-core");

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
