// Opens one page in a headless Chromium (over the DevTools protocol) and
// prints, in milliseconds from navigation start: first contentful paint and
// the load event (after which a report's script has drawn its first view).
// Usage: node --experimental-websocket first-paint.mjs PORT FILE_URL
const [port, url] = process.argv.slice(2);
const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
const ws = new WebSocket(targets.find((t) => t.type === "page").webSocketDebuggerUrl);
await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = fail; });
let nextId = 1, loaded;
const pending = new Map(), done = new Promise((ok) => { loaded = ok; });
ws.onmessage = (m) => {
  const msg = JSON.parse(m.data);
  if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); }
  if (msg.method === "Page.loadEventFired") loaded();
};
const send = (method, params = {}) => new Promise((ok) => { const id = nextId++; pending.set(id, (m) => ok(m.result)); ws.send(JSON.stringify({ id, method, params })); });
await send("Page.enable");
await send("Emulation.setDeviceMetricsOverride", { width: 1400, height: 900, deviceScaleFactor: 1, mobile: false });
await send("Page.navigate", { url });
await done;
// Paint entries arrive after the frame that painted; give it a moment.
const r = await send("Runtime.evaluate", { returnByValue: true, awaitPromise: true, expression: `new Promise((ok) => setTimeout(() => {
  const p = performance.getEntriesByName("first-contentful-paint")[0], n = performance.getEntriesByType("navigation")[0];
  ok([p ? Math.round(p.startTime) : -1, Math.round(n.loadEventEnd), document.body.dataset.ready === "1"]);
}, 500))` });
const [paint, load, ready] = r.result.value;
console.log(`${paint} ${load} ${ready ? "drawn" : "not-drawn"}`);
ws.close();
process.exit(ready ? 0 : 1);
