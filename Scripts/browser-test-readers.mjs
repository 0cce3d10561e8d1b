// Loads each flame graph given and uses it: no script error, frames drawn,
// and a click on the widest frame under the root zooms it to full width.
// Usage: node --experimental-websocket browser-test-readers.mjs FILE_URL...
import { launch, checker } from "./lib/devtools.mjs";
const urls = process.argv.slice(2);
const page = await launch();
const { send, evaluate, load, click } = page;
const errors = [];
page.on((msg) => {
  if (msg.method === "Runtime.exceptionThrown") errors.push(JSON.stringify(msg.params.exceptionDetails.exception?.description ?? msg.params));
});
const checks = checker(), check = checks.check;
await send("Page.enable");
await send("Runtime.enable");
await send("Emulation.setDeviceMetricsOverride", { width: 1200, height: 900, deviceScaleFactor: 1, mobile: false });
for (const url of urls) {
  const name = url.split("/").pop();
  errors.length = 0;
  await load(url);
  // The widest frame one level above the root: the first thing a person clicks.
  const widest = await evaluate(`(() => {
    const frames = [...document.querySelectorAll("#frames > g")].map((g) => ({ g, r: g.querySelector("rect") }))
      .filter((f) => f.r).map((f) => ({ ...f, w: +f.r.getAttribute("width"), y: +f.r.getAttribute("y") }));
    const root = frames.reduce((a, b) => (b.w > a.w ? b : a), frames[0]);
    const next = frames.filter((f) => f.y !== root.y).sort((a, b) => Math.abs(a.y - root.y) - Math.abs(b.y - root.y) || b.w - a.w)[0];
    if (!next) return { count: frames.length };
    next.r.scrollIntoView({ block: "center" });
    const b = next.r.getBoundingClientRect();
    return { count: frames.length, title: next.g.querySelector("title").textContent, cx: b.x + Math.min(b.width / 2, 20), cy: b.y + b.height / 2, rootW: root.w };
  })()`);
  check(widest.count > 2, `${name}: ${widest.count} frames drawn`);
  if (widest.title) {
    await click(widest.cx, widest.cy);
    const zoomed = await evaluate(`(() => {
      for (const g of document.querySelectorAll("#frames > g"))
        if (g.querySelector("title").textContent === ${JSON.stringify(widest.title)}) return +g.querySelector("rect").getAttribute("width");
      return -1;
    })()`);
    check(Math.abs(zoomed - widest.rootW) < 1, `${name}: a click on "${widest.title.slice(0, 50)}" zooms it to the full width (${zoomed} of ${widest.rootW})`);
  }
  check(errors.length === 0, `${name}: no script error${errors.length ? ": " + errors[0] : ""}`);
}
await page.close();
process.exit(checks.failures ? 1 : 0);
