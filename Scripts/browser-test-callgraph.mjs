// Drives a headless Chromium over the DevTools protocol and checks the native
// call-graph SVG as rendered: no box overlaps another, no edge label lies on a
// box, and hovering a box highlights exactly its edges (and leaving clears it).
// Usage: node --experimental-websocket browser-test-callgraph.mjs FILE_URL
import { launch, checker } from "./lib/devtools.mjs";
const [url] = process.argv.slice(2);
const page = await launch(["--window-size=1400,900"]);
const { send, evaluate, load } = page;
const checks = checker(), check = checks.check;

await send("Page.enable");
await send("Runtime.enable");
await load(url);

// Rendered boxes (client pixels): node rectangles and edge label texts.
const geometry = await evaluate(`(() => {
  const box = (e) => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  return {
    nodes: [...document.querySelectorAll(".node")].map((g) => ({ id: g.id, box: box(g.querySelector("rect")) })),
    labels: [...document.querySelectorAll(".edge text")].map((t) => ({ text: t.textContent, box: box(t) })),
  };
})()`);
const inside = (a, b, eps) => a[0] < b[2] - eps && b[0] < a[2] - eps && a[1] < b[3] - eps && b[1] < a[3] - eps;
let overlaps = 0, onBox = 0;
for (let i = 0; i < geometry.nodes.length; i++) {
  for (let j = i + 1; j < geometry.nodes.length; j++) {
    if (inside(geometry.nodes[i].box, geometry.nodes[j].box, 0.5)) overlaps++;
  }
}
for (const l of geometry.labels) {
  if (geometry.nodes.some((n) => inside(l.box, n.box, 0.5))) onBox++;
}
check(geometry.nodes.length > 0, `${geometry.nodes.length} boxes rendered`);
check(overlaps === 0, `no box overlaps another (${overlaps} overlapping pairs)`);
check(onBox === 0, `no edge label lies on a box (${onBox} of ${geometry.labels.length} do)`);

// Hover the box with the most edges: its edges turn hot, every other edge dims.
const target = await evaluate(`(() => {
  const edges = [...document.querySelectorAll(".edge")];
  let best = null, most = -1;
  for (const g of document.querySelectorAll(".node")) {
    const n = edges.filter((e) => e.dataset.from === g.id || e.dataset.to === g.id).length;
    if (n > most) { most = n; best = g; }
  }
  best.scrollIntoView({ block: "center", inline: "center" });
  const b = best.querySelector("rect").getBoundingClientRect();
  return { id: best.id, x: b.left + b.width / 2, y: b.top + b.height / 2, edges: most };
})()`);
await send("Input.dispatchMouseEvent", { type: "mouseMoved", x: target.x, y: target.y });
const hovered = await evaluate(`(() => {
  const edges = [...document.querySelectorAll(".edge")];
  const mine = (e) => e.dataset.from === ${JSON.stringify(target.id)} || e.dataset.to === ${JSON.stringify(target.id)};
  return { right: edges.every((e) => e.classList.contains("hot") === mine(e) && e.classList.contains("dim") === !mine(e)),
           hot: edges.filter((e) => e.classList.contains("hot")).length };
})()`);
check(hovered.right && hovered.hot === target.edges, `hovering ${target.id} highlights its ${target.edges} edges (${hovered.hot} hot)`);
await send("Input.dispatchMouseEvent", { type: "mouseMoved", x: 1, y: 1 });
const cleared = await evaluate(`[...document.querySelectorAll(".edge")].every((e) => !e.classList.contains("hot") && !e.classList.contains("dim"))`);
check(cleared, "leaving the box clears the highlight");

await page.close();
process.exit(checks.failures ? 1 : 0);
