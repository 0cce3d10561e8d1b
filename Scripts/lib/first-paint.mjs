// Opens one page in a headless Chromium (over the DevTools protocol) and
// prints, in milliseconds from navigation start: first contentful paint and
// the load event (after which a report's script has drawn its first view).
// Usage: node --experimental-websocket first-paint.mjs FILE_URL
import { launch } from "./devtools.mjs";
const [url] = process.argv.slice(2);
const page = await launch();
const { send, evaluate, load } = page;
await send("Page.enable");
await send("Emulation.setDeviceMetricsOverride", { width: 1400, height: 900, deviceScaleFactor: 1, mobile: false });
await load(url);
// Paint entries arrive after the frame that painted; give it a moment.
const [paint, loadEnd, ready] = await evaluate(`new Promise((ok) => setTimeout(() => {
  const p = performance.getEntriesByName("first-contentful-paint")[0], n = performance.getEntriesByType("navigation")[0];
  ok([p ? Math.round(p.startTime) : -1, Math.round(n.loadEventEnd), document.body.dataset.ready === "1"]);
}, 500))`);
console.log(`${paint} ${loadEnd} ${ready ? "drawn" : "not-drawn"}`);
await page.close();
process.exit(ready ? 0 : 1);
