// Drives a headless Chromium over the DevTools protocol and uses profconv
// report pages as a person would: switch views with the keys, search and see
// the matches in the flame graph and the top table, sort top, click a frame
// to zoom, switch the sample type, read the leak ranking. Fails on any
// console error or exception and on any network request.
// Usage: node --experimental-websocket browser-test-report.mjs DIR
//   DIR holds cpu.html, leaks.html, harmless.html, hostile.html; screenshots go there too.
import { writeFileSync } from "node:fs";
import { launch, checker } from "./lib/devtools.mjs";
const [dir] = process.argv.slice(2);
const page = await launch();
const { send, evaluate, load, click, key, type } = page;
const problems = [], requests = [];
page.on((msg) => {
  if (msg.method === "Runtime.exceptionThrown") problems.push("exception: " + JSON.stringify(msg.params.exceptionDetails.exception?.description ?? msg.params.exceptionDetails.text));
  if (msg.method === "Runtime.consoleAPICalled" && ["error", "warning", "assert"].includes(msg.params.type)) {
    problems.push(`console.${msg.params.type}: ` + msg.params.args.map((a) => a.value ?? a.description).join(" "));
  }
  if (msg.method === "Log.entryAdded" && ["error", "warning"].includes(msg.params.entry.level)) problems.push("log: " + msg.params.entry.text);
  if (msg.method === "Page.javascriptDialogOpening") problems.push("a dialog opened: " + msg.params.message);
  if (msg.method === "Network.requestWillBeSent") requests.push(msg.params.request.url);
});
async function clickSelector(sel) {
  const c = await evaluate(`(() => { const e = document.querySelector(${JSON.stringify(sel)}); if (!e) return null;
    e.scrollIntoView({ block: "center" }); const b = e.getBoundingClientRect(); return { x: b.x + Math.min(b.width / 2, 40), y: b.y + b.height / 2 }; })()`);
  if (!c) throw new Error("nothing matches " + sel);
  await click(c.x, c.y);
}
async function shot(name) { writeFileSync(`${dir}/${name}.png`, await page.screenshot()); }
const activeView = () => evaluate(`document.querySelector("section.view.active").id`);
const checks = checker(), check = checks.check;

await send("Page.enable");
await send("Runtime.enable");
await send("Log.enable");
await send("Network.enable");
await send("Emulation.setDeviceMetricsOverride", { width: 1400, height: 900, deviceScaleFactor: 1, mobile: false });

// --- a real CPU profile ---------------------------------------------------------
const cpu = `file://${dir}/cpu.html`;
await load(cpu);
check(await activeView() === "view-flame", "the CPU page opens on the flame graph");
const frames = await evaluate(`document.querySelectorAll("#flame .frame").length`);
check(frames > 20, `the flame graph draws ${frames} frames`);
await shot("cpu-flame");

// file:line everywhere: the tooltips and a location column in top.
const where = await evaluate(`(() => { const f = [...document.querySelectorAll("#flame .frame")].find((e) => e.textContent === "main.hashChunk");
  const r = [...document.querySelectorAll("#top tbody tr")].find((r) => r.querySelector("td.name").textContent === "main.hashChunk");
  return { title: f && f.title, loc: r && r.querySelector("td.loc").textContent,
           head: [...document.querySelectorAll("#top thead th")].filter((t) => !t.hidden).map((t) => t.textContent).join("|") }; })()`);
check(/^main\.hashChunk\nprofconv\/fixtures\/busy\/main\.go:\d+\n/.test(where.title || ""), `a frame's tooltip names its file:line: ${JSON.stringify(where.title)}`);
check(/^profconv\/fixtures\/busy\/main\.go:\d+$/.test(where.loc || "") && where.head.endsWith("|name|location"), `top has a location column: ${where.head}: ${where.loc}`);
const linesNames = await (async () => { await load(`file://${dir}/cpu-lines.html`); return evaluate(`[...document.querySelectorAll("#flame .frame")].map((e) => e.textContent)`); })();
check(linesNames.some((t) => /^main\.fib profconv\/fixtures\/busy\/main\.go:55$/.test(t)) && !linesNames.includes("main.fib"),
      `--granularity lines draws a frame per line: ${[...new Set(linesNames.filter((t) => t.startsWith("main.fib")))].join(", ")}`);
await load(cpu);

// Search through the box ("/" focuses it): matches highlighted in flame graph and top.
await key("/");
await type("sha256");
await key("Enter");
const flameMatch = await evaluate(`[...document.querySelectorAll("#flame .frame.match")].map((e) => e.textContent)`);
check(flameMatch.length > 0 && flameMatch.every((t) => /sha256/.test(t)), `search "sha256" highlights ${flameMatch.length} flame frames, all matching`);
const nonMatch = await evaluate(`[...document.querySelectorAll("#flame .frame:not(.match)")].filter((e) => /sha256/.test(e.textContent)).length`);
check(nonMatch === 0, "no matching frame is left unhighlighted");
check(/^Matched: \d+\.\d\d%$/.test(await evaluate(`document.getElementById("matched").textContent`)), `it reports ${await evaluate(`document.getElementById("matched").textContent`)}`);
await key("t");
check(await activeView() === "view-top", `"t" switches to the top table`);
const topRows = await evaluate(`[...document.querySelectorAll("#top tbody tr")].map((r) => ({ name: r.querySelector("td.name").textContent, match: r.classList.contains("match") }))`);
check(topRows.length > 0 && topRows.every((r) => /sha256/.test(r.name) && r.match), `top shows only the ${topRows.length} matching functions, highlighted`);
await shot("cpu-top-search");
check((await evaluate("location.hash")).includes("q=sha256"), `the search is in the URL (${await evaluate("location.hash")})`);

// Esc in the box clears the search everywhere: the box, the URL, the top table, the share.
await key("/");
await key("Escape");
const cleared = await evaluate(`({ box: document.getElementById("search").value, hash: location.hash, matched: document.getElementById("matched").textContent,
  rows: document.querySelectorAll("#top tbody tr").length, marked: document.querySelectorAll("#top tbody tr.match").length })`);
check(cleared.box === "" && !cleared.hash.includes("q=") && cleared.matched === "" && cleared.rows > topRows.length && cleared.marked === 0,
      `Esc in the search box clears the search: ${JSON.stringify(cleared)}`);
// The Reset button clears it too.
await key("/");
await type("sha256");
await key("Enter");
check((await evaluate("location.hash")).includes("q=sha256") && (await evaluate(`document.getElementById("matched").textContent`)).includes("(top: matches only)"),
      "in top, the share says that top lists only the matches");
await clickSelector("#reset");
check(!(await evaluate("location.hash")).includes("q=") && (await evaluate(`document.getElementById("search").value`)) === "" &&
      (await evaluate(`document.querySelectorAll("#top tbody tr").length`)) === cleared.rows, "the Reset button clears the search");
await key("/");
await type("sha256");
await key("Enter");

// Clear the search, sort top by cum.
await clickSelector("#search");
await evaluate(`(() => { const s = document.getElementById("search"); s.select(); })()`);
await send("Input.dispatchKeyEvent", { type: "keyDown", key: "Backspace", code: "Backspace", windowsVirtualKeyCode: 8 });
await send("Input.dispatchKeyEvent", { type: "keyUp", key: "Backspace", code: "Backspace", windowsVirtualKeyCode: 8 });
await key("Escape");
const cumOf = `(() => { const d = JSON.parse(document.getElementById("profile-data").textContent), c = +document.getElementById("column").value;
  const byName = new Map(d.top.name.map((n, i) => [d.names[n], [d.top.flat[c][i], d.top.cum[c][i]]]));
  return [...document.querySelectorAll("#top tbody tr")].map((r) => byName.get(r.querySelector("td.name").textContent)); })()`;
const byFlat = await evaluate(cumOf);
check(byFlat.length > 10 && byFlat.every((v, i) => i === 0 || byFlat[i - 1][0] >= v[0]), `top lists ${byFlat.length} functions by flat, descending`);
await clickSelector(`#top th[data-sort="cum"]`);
const byCum = await evaluate(cumOf);
check(byCum.every((v, i) => i === 0 || byCum[i - 1][1] >= v[1]) && byCum[0][1] === Math.max(...byCum.map((v) => v[1])), "clicking the cum header sorts by cum, descending");
check((await evaluate("location.hash")).includes("sort=cum"), "the sort is in the URL");
await shot("cpu-top-cum");

// Click a frame to zoom.
await key("f");
check(await activeView() === "view-flame", `"f" switches back to the flame graph`);
await clickSelector(`#flame .frame[title^="main.hashChunk\\a "]`);
const zoomed = await evaluate(`(() => { const f = [...document.querySelectorAll("#flame .frame:not(.ancestor)")].find((e) => e.textContent === "main.hashChunk");
  const c = document.getElementById("flame").getBoundingClientRect(), b = f.getBoundingClientRect(); return { w: b.width / c.width, sel: f.classList.contains("sel") }; })()`);
check(zoomed.w > 0.99 && zoomed.sel, `clicking main.hashChunk zooms it to the full width (${(zoomed.w * 100).toFixed(1)}%) and selects it`);
check(/zoom=\d+/.test(await evaluate("location.hash")), "the zoom is in the URL");
const ancestors = await evaluate(`[...document.querySelectorAll("#flame .frame.ancestor")].map((e) => e.textContent)`);
check(ancestors.join(",") === "main.worker,all", `its callers stay drawn above, faded: ${ancestors.join(" → ")}`);
await shot("cpu-zoom");
// The selection is shared: the same function is marked in the top table and the call graph.
await key("t");
check(await evaluate(`[...document.querySelectorAll("#top tbody tr.sel")].map((r) => r.querySelector("td.name").textContent).join()`) === "main.hashChunk", "top marks the selected function");
await key("g");
check(await activeView() === "view-graph", `"g" switches to the call graph`);
const graph = await evaluate(`({ nodes: document.querySelectorAll("#graph g.node").length, sel: [...document.querySelectorAll("#graph g.node.sel title")].map((t) => t.textContent.split("\\n")[0]).join(), scripts: document.querySelectorAll("#graph script").length })`);
check(graph.nodes > 5 && graph.sel === "main.hashChunk" && graph.scripts === 0, `the call graph draws ${graph.nodes} nodes, marks ${graph.sel}, carries no script`);
await shot("cpu-graph");
await key("i");
check(await activeView() === "view-icicle", `"i" switches to the icicle graph`);
await key("Escape");
check(!(await evaluate("location.hash")).includes("zoom="), "Esc resets the zoom");
await shot("cpu-icicle");

// Switch the sample type: samples/count instead of cpu/nanoseconds.
await key("f");
await evaluate(`(() => { const s = document.getElementById("column"); s.focus(); })()`);
await send("Input.dispatchKeyEvent", { type: "keyDown", key: "ArrowUp", code: "ArrowUp", windowsVirtualKeyCode: 38 });
await send("Input.dispatchKeyEvent", { type: "keyUp", key: "ArrowUp", code: "ArrowUp", windowsVirtualKeyCode: 38 });
const info = await evaluate(`document.getElementById("flame-info").textContent`);
// 591: busy/cpu.pb.gz's samples/count total (go tool pprof -sample_index=samples -top).
check(/^all: 591 \(100\.00%\)/.test(info) && (await evaluate("location.hash")).includes("col=0"), `the sample type switcher shows samples/count: "${info}"`);
await evaluate(`document.activeElement.blur()`);

// State in the URL is restored on load.
await load("about:blank");  // a new document, not a fragment change
await load(cpu + "#view=top&col=1&q=%5Emain%5C.&sort=cum");
const restored = await evaluate(`({ view: document.querySelector("section.view.active").id, q: document.getElementById("search").value,
  rows: [...document.querySelectorAll("#top tbody tr")].map((r) => r.querySelector("td.name").textContent) })`);
check(restored.view === "view-top" && restored.q === "^main\\." && restored.rows.every((n) => n.startsWith("main.")), `loading #view=top&q=^main\\. restores the view and the search (${restored.rows.length} rows)`);

// --- a leak page of three goroutine snapshots -------------------------------------
await load(`file://${dir}/leaks.html`);
check(await activeView() === "view-leaks", "the leak page opens on the ranking");
const ranking = await evaluate(`[...document.querySelectorAll("#leaks tbody tr")].map((r) => ({ cells: [...r.children].map((c) => c.textContent.trim()), spark: !!r.querySelector("svg.spark polyline") }))`);
const top3 = ranking.slice(0, 3).map((r) => r.cells[6].split(" @ ")[0].trim().split(" → ").pop());
check(top3.join(",") === "main.leakRecv,main.leakSelect,sync.runtime_SemacquireMutex", `the ranking names the three leaks first: ${top3.join(", ")}`);
check(ranking[0].cells[2] === "+400" && ranking[0].cells[3].includes("100 → 300 → 500") && ranking.every((r) => r.spark),
      `row 1 grows +400 (100 → 300 → 500), every row has a sparkline`);
await shot("leaks-ranking");
await clickSelector("#leaks tbody tr");
const growth = await evaluate(`({ view: document.querySelector("section.view.active").id, col: document.getElementById("column").value,
  info: document.getElementById("flame-info").textContent })`);
check(growth.view === "view-flame" && growth.col === "0" && growth.info.startsWith("main.leakRecv: 400"), `clicking it shows its growth flame graph: "${growth.info}"`);
await shot("leaks-growth");
await key("s");
const states = await evaluate(`[...document.querySelectorAll("#states tbody tr")].map((r) => r.firstChild.textContent + " " + r.children[1].textContent)`);
check(states[0] === "chan receive +400" && (await evaluate(`document.getElementById("states-info").textContent`)) === "goroutines per state in growth",
      `"s" shows the goroutine states of the chosen column, growth: ${states.join(", ")}`);
// The call graph follows the chosen column too: growth, then the last snapshot.
const graphOf = `(() => { const t = [...document.querySelectorAll("#graph g.node title")].map((t) => t.textContent).find((t) => t.startsWith("main.leakRecv\\n"));
  return { info: document.getElementById("graph-info").textContent, leak: t && t.split("\\n")[1] }; })()`;
await key("g");
const growthGraph = await evaluate(graphOf);
check(growthGraph.info === "call graph of growth" && /^flat 400 /.test(growthGraph.leak), `"g" on growth draws the growth call graph: ${JSON.stringify(growthGraph)}`);
await evaluate(`(() => { const s = document.getElementById("column"); s.value = String(s.options.length - 1); s.dispatchEvent(new Event("change")); })()`);
const lastGraph = await evaluate(graphOf);
check(lastGraph.info === "call graph of snap3.goroutine.debug2.txt" && /^flat 500 /.test(lastGraph.leak), `the last snapshot's column draws its own: ${JSON.stringify(lastGraph)}`);
await key("s");
const lastStates = await evaluate(`[...document.querySelectorAll("#states tbody tr")].map((r) => r.firstChild.textContent + " " + r.children[1].textContent)`);
check(lastStates[0] === "chan receive 501", `and its states: ${lastStates.slice(0, 3).join(", ")}`);

// --- five saved snapshots with long names: the title names the span, the toolbar is one line
await load(`file://${dir}/saved.html`);
const saved = await evaluate(`({ title: document.getElementById("title").textContent,
  tops: [...document.querySelectorAll("#toolbar > *")].filter((e) => e.getBoundingClientRect().height > 0).map((e) => { const b = e.getBoundingClientRect(); return Math.round((b.top + b.bottom) / 2); }),
  group: document.querySelector("#leaks tbody tr td.name").textContent, snapshots: document.querySelector("#header dd").textContent })`);
check(saved.snapshots.split("snapshots-of-the-service-under-test").length === 2 && saved.snapshots.endsWith("/: " +
      [1, 2, 3, 4, 5].map((k) => `goroutine-20261201T19${k}209.000Z.txt`).join(", ")), `the header says their directory once: "${saved.snapshots}"`);
check(saved.title === "Goroutine leaks: 5 snapshots, goroutine-20261201T191209.000Z.txt → goroutine-20261201T195209.000Z.txt",
      `the title names the five snapshots' span, not each: "${saved.title}"`);
check(Math.max(...saved.tops) - Math.min(...saved.tops) < 8, `at 1,400 px the toolbar, Reset included, is one line (middles ${saved.tops.join(" ")})`);
check(saved.group === "main.leakRecv  @ profconv/fixtures/leakgrow/main.go:31", `the group names its function once: "${saved.group}"`);
await shot("saved-ranking");

// --- one goroutine dump: a click on a state shows the stacks in that state ---------------
await load(`file://${dir}/dump.html`);
await key("s");
const stateRows = await evaluate(`[...document.querySelectorAll("#states tbody tr")].map((r) => [r.children[0].textContent, r.children[1].textContent])`);
const second = stateRows[1];
await clickSelector("#states tbody tr:nth-child(2)");
const inState = await evaluate(`({ view: document.querySelector("section.view.active").id, info: document.getElementById("flame-info").textContent,
  column: document.getElementById("column").selectedOptions[0].textContent,
  frames: [...document.querySelectorAll("#flame .frame")].map((f) => f.textContent) })`);
check(inState.view === "view-flame" && inState.info.startsWith(`all: ${second[1]} (`) && inState.column.startsWith(`goroutine in ${second[0]} `),
      `clicking the state "${second[0]}" (${second[1]} goroutines) shows their flame graph: "${inState.info}", column "${inState.column}"`);
check(!inState.frames.includes("main.leakForever"), "the stacks of the other states are not in it");
await shot("dump-state");

// --- a diff page of two goroutine profiles ---------------------------------------------
await load(`file://${dir}/diff.html`);
await key("t");
const diffTop = await evaluate(`({ head: [...document.querySelectorAll("#top thead th")].filter((t) => !t.hidden).map((t) => t.textContent),
  rows: [...document.querySelectorAll("#top tbody tr")].map((r) => [...r.children].map((c) => c.textContent)) })`);
const dflat = diffTop.head.indexOf("Δ flat"), dcum = diffTop.head.indexOf("Δ cum"), dname = diffTop.head.indexOf("name");
check(dflat >= 0 && dcum === dflat + 1, `the diff page's top shows Δ cum beside Δ flat: ${diffTop.head.join(" | ")}`);
const firstRow = diffTop.rows[0] || [];
check(firstRow[dname] === "main.leakRecv" && firstRow[dflat] === "+400" && firstRow[dcum] === "+400",
      `its first row is the leak, Δ flat +400, Δ cum +400: ${firstRow.join(" | ")}`);
check(!diffTop.rows.some((r) => r[dname].startsWith("runtime.")), "goroutine diffs hide Go's runtime frames");
await clickSelector(`#top th[data-sort="dcum"]`);
const byDcum = await evaluate(`[...document.querySelectorAll("#top tbody tr")].map((r) => parseInt(r.children[${dcum}].textContent.replace(/[+,]/g, ""), 10))`);
check(byDcum.every((v, i) => i === 0 || byDcum[i - 1] >= v) && (await evaluate("location.hash")).includes("sort=dcum"), `clicking Δ cum sorts by it: ${byDcum.join(" ")}`);
await shot("diff-top");
await key("g");
const tint = await evaluate(`(() => { const g = [...document.querySelectorAll("#graph g.node")].find((g) => g.querySelector("title").textContent.startsWith("main.leakRecv\\n"));
  return { fill: g && g.querySelector("rect").getAttribute("fill"), title: g && g.querySelector("title").textContent, info: document.getElementById("graph-info").textContent }; })()`);
check(/^rgb\(255,/.test(tint.fill || "") && tint.title.endsWith("Δ cum +400") && tint.info.includes("red grew"), `the diff page's call graph is red where it grew: ${JSON.stringify(tint)}`);
await shot("diff-graph");

// --- hostile names: the same elements and attributes as harmless ones, in every view ---
async function shape(file) {
  await load(`file://${dir}/${file}`);
  for (const k of ["f", "i", "t", "g", "s", "l"]) await key(k);
  await key("/");
  await type("main");
  await key("Enter");
  await clickSelector("#leaks tbody tr");
  await key("t");
  await clickSelector("#top tbody tr");
  for (const k of ["f", "i", "g", "s", "l"]) await key(k);
  return evaluate(`(() => {
    const s = new Map();
    for (const e of document.querySelectorAll("*")) {
      const k = e.tagName + "[" + [...e.attributes].map((a) => a.name).sort().join(",") + "]";
      s.set(k, (s.get(k) || 0) + 1);
    }
    const text = document.querySelector("header").textContent + document.querySelector("main").textContent;
    return { shape: [...s.entries()].sort().map(([k, n]) => k + "×" + n), xss: window.__xss === 1, text };
  })()`);
}
const harmless = await shape("harmless.html"), hostile = await shape("hostile.html");
const diff = hostile.shape.filter((x) => !harmless.shape.includes(x)).concat(harmless.shape.filter((x) => !hostile.shape.includes(x)));
check(diff.length === 0, `hostile names give the same ${hostile.shape.length} element/attribute kinds as harmless ones` + (diff.length ? ": " + diff.join(" | ") : ""));
check(!hostile.xss, "no hostile name ran a script");
for (const name of ["</script>", "<!--", `"onload=`, "javascript:", "\u2028"]) {
  check(hostile.text.includes(name), `the page shows ${JSON.stringify(name)} as text`);
}
await shot("hostile");

check(problems.length === 0, "no console errors, warnings or exceptions" + (problems.length ? ": " + problems.join(" | ") : ""));
const remote = requests.filter((u) => !u.startsWith("file://"));
check(remote.length === 0, `no network request (${requests.length} requests, all for the pages themselves)` + (remote.length ? ": " + remote.join(" ") : ""));
await page.close();
process.exit(checks.failures ? 1 : 0);
