// profconv report: draws every view from the JSON data block. Names reach
// the document only through textContent, title and option text, never as
// markup, so a hostile name adds no element and no handler.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("profile-data").textContent);
  const $ = (id) => document.getElementById(id);
  const names = data.names, tree = data.tree, columns = data.columns;
  const n = tree.parent.length;

  // --- tree geometry (once) -------------------------------------------------
  const depth = new Int32Array(n), end = new Int32Array(n), children = [];
  for (let i = 0; i < n; i++) children.push([]);
  for (let i = 1; i < n; i++) { depth[i] = depth[tree.parent[i]] + 1; children[tree.parent[i]].push(i); }
  for (let i = n - 1; i >= 0; i--) {
    // Depth-first order: a subtree is the range [i, end[i]).
    const c = children[i];
    end[i] = c.length ? end[c[c.length - 1]] : i + 1;
  }
  const nameOf = (node) => node === 0 ? "all" : names[tree.name[node]];
  // "file:line" of a name id (its heaviest line), "" when unknown.
  const sourceOf = (id) => (data.sources && id >= 0 && data.sources[id]) || "";

  // --- state, mirrored in the URL fragment ------------------------------------
  const views = ["flame", "icicle", "top", "graph", "states", "leaks"];
  const keys = { f: "flame", i: "icicle", t: "top", g: "graph", s: "states", l: "leaks" };
  const available = {
    flame: true, icicle: true, top: true, graph: typeof data.callgraph === "string",
    states: data.states.length > 0 || !!data.columnStates, leaks: !!data.leaks,
  };
  const state = { view: data.leaks ? "leaks" : "flame", col: data.default, zoom: 0, q: "", sel: -1, sort: "flat" };

  function readHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    if (views.includes(p.get("view")) && available[p.get("view")]) state.view = p.get("view");
    const col = parseInt(p.get("col"), 10);
    if (col >= 0 && col < columns.length) state.col = col;
    const zoom = parseInt(p.get("zoom"), 10);
    state.zoom = zoom >= 0 && zoom < n ? zoom : 0;
    state.q = p.get("q") || "";
    const sel = parseInt(p.get("sel"), 10);
    state.sel = sel >= 0 && sel < names.length ? sel : -1;
    if (["flat", "cum", "name", "delta", "dcum"].includes(p.get("sort"))) state.sort = p.get("sort");
  }
  function writeHash() {
    const p = new URLSearchParams();
    p.set("view", state.view);
    p.set("col", String(state.col));
    if (state.zoom) p.set("zoom", String(state.zoom));
    if (state.q) p.set("q", state.q);
    if (state.sel >= 0) p.set("sel", String(state.sel));
    if (state.sort !== "flat") p.set("sort", state.sort);
    history.replaceState(null, "", "#" + p.toString());
  }

  // --- numbers ----------------------------------------------------------------
  function fmt(v, unit) {
    const a = Math.abs(v);
    if (unit === "nanoseconds") {
      if (a >= 1e9) return (v / 1e9).toFixed(2) + "s";
      if (a >= 1e6) return (v / 1e6).toFixed(2) + "ms";
      if (a >= 1e3) return (v / 1e3).toFixed(2) + "µs";
      return v + "ns";
    }
    if (unit === "bytes") {
      const u = ["B", "kB", "MB", "GB", "TB"];
      let x = v, k = 0;
      while (Math.abs(x) >= 1024 && k < u.length - 1) { x /= 1024; k++; }
      return (k ? x.toFixed(2) : String(x)) + u[k];
    }
    return v.toLocaleString("en-US");
  }
  const pct = (v, total) => total ? (100 * v / total).toFixed(2) + "%" : "0%";
  const colUnit = () => columns[state.col].unit;
  const total = () => tree.values[state.col][0];

  // --- search and selection ----------------------------------------------------
  let matcher = null;
  function compileSearch() {
    matcher = null;
    $("search").classList.remove("bad");
    if (!state.q) return;
    try { matcher = new RegExp(state.q); } catch (e) { $("search").classList.add("bad"); }
  }
  const matches = (name) => matcher !== null && matcher.test(name);
  function matchedShare() {
    // Matching nodes nested in matching nodes count once.
    if (!matcher) return "";
    const v = tree.values[state.col];
    let sum = 0;
    for (let i = 1; i < n;) {
      if (matches(nameOf(i))) { sum += v[i]; i = end[i]; } else i++;
    }
    return "Matched: " + pct(sum, total());
  }

  // --- header -------------------------------------------------------------------
  function drawHeader() {
    document.title = data.title + " · profconv report";
    $("title").textContent = data.title;
    for (const [k, v] of data.header) {
      const dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = k;
      dd.textContent = v;
      $("header").append(dt, dd);
    }
    const notes = data.notes.slice();
    const p = data.prune;
    if (p.droppedNodes > 0 || p.droppedFunctions > 0) {
      // The cut as the call graph makes it (pprof's: total × fraction, rounded down), in the default column's numbers.
      const c = data.default, cut = p.cutoff[c];
      notes.push(`pruned with --nodefraction ${p.fraction}: ${p.droppedNodes} of ${p.nodes + p.droppedNodes} frames and ` +
        `${p.droppedFunctions} of ${p.functions + p.droppedFunctions} functions under ${fmt(cut, columns[c].unit)} ` +
        `(${pct(cut, columns[c].total)} of ${columns[c].name}) in every column are left out, as the call graph leaves out ` +
        `nodes (their time stays in their callers); --nodefraction 0 keeps all`);
    }
    for (const t of notes) {
      const li = document.createElement("li");
      li.textContent = t;
      $("notes").append(li);
    }
    for (const [i, c] of columns.entries()) {
      const o = document.createElement("option");
      o.value = String(i);
      o.textContent = `${c.name} (${c.unit}, total ${fmt(c.total, c.unit)})`;
      $("column").append(o);
    }
    for (const b of document.querySelectorAll("#tabs button")) b.hidden = !available[b.dataset.view];
    $("states-help").hidden = data.stateColumn === null;
    if (data.kind !== "diff") for (const e of document.querySelectorAll(".delta")) e.hidden = true;
    $("top-loc").hidden = !data.sources;
  }

  // --- flame graph and icicle -----------------------------------------------------
  const ROW = 17;
  function colour(node) {
    if (data.kind === "diff" && node > 0) {
      const b = tree.values[0][node], v = tree.values[1][node];
      const r = Math.max(b, v) ? (v - b) / Math.max(b, v) : 0;
      const k = Math.round(210 - 150 * Math.min(1, Math.abs(r)));
      return r > 0 ? `rgb(255,${k},${k})` : r < 0 ? `rgb(${k},${k},255)` : "rgb(220,220,220)";
    }
    // A warm hue from the name, the same name always the same colour.
    const s = nameOf(node);
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
    return `rgb(${205 + (h % 50)},${80 + ((h >>> 8) % 130)},${(h >>> 16) % 55})`;
  }
  function drawFlame(container, inverted) {
    const v = tree.values[state.col];
    const z = state.zoom, width = v[z] || 1;
    container.replaceChildren();
    const ancestors = [];
    for (let a = z; a > 0; a = tree.parent[a]) ancestors.push(a);
    ancestors.push(0);
    // As tall as the deepest frame drawn under the zoomed one, not the whole tree
    // (a state's column leaves the other states' frames at 0: not drawn).
    let deepest = depth[z];
    for (let i = z; i < end[z]; i++) if (depth[i] > deepest && v[i] > 0) deepest = depth[i];
    const rows = deepest + 1;
    container.style.height = rows * ROW + "px";
    const frag = document.createDocumentFragment();
    const place = (node, x, w, cls) => {
      const d = document.createElement("div");
      d.className = "frame" + cls;
      if (matches(nameOf(node))) d.className += " match";
      if (node > 0 && tree.name[node] === state.sel) d.className += " sel";
      const row = inverted ? depth[node] : rows - 1 - depth[node];
      d.style.left = (100 * x / width) + "%";
      d.style.width = (100 * w / width) + "%";
      d.style.top = row * ROW + "px";
      d.style.background = colour(node);
      d.dataset.node = String(node);
      const src = node > 0 ? sourceOf(tree.name[node]) : "";
      d.title = `${nameOf(node)}\n${src ? src + "\n" : ""}${fmt(v[node], colUnit())} (${pct(v[node], total())})`;
      d.textContent = nameOf(node);
      frag.append(d);
    };
    for (const a of ancestors.slice(1)) place(a, 0, width, " ancestor");
    // The zoomed subtree, left to right in name order; frames under 1/2000 of the width are not drawn.
    const x = new Float64Array(n), next = new Float64Array(n);
    next[z] = 0;
    for (let i = z; i < end[z]; i++) {
      if (i !== z) { const p = tree.parent[i]; x[i] = next[p]; next[p] += v[i]; next[i] = x[i]; }
      if (v[i] * 2000 >= width && v[i] > 0) place(i, x[i], v[i], "");
    }
    container.append(frag);
    const info = `${nameOf(z)}: ${fmt(v[z], colUnit())} (${pct(v[z], total())})` + (z ? " · click \"all\" or press Esc to zoom out" : " · click a frame to zoom");
    $(inverted ? "icicle-info" : "flame-info").textContent = info;
  }
  function onFrameClick(e) {
    const d = e.target.closest(".frame");
    if (!d) return;
    const node = parseInt(d.dataset.node, 10);
    state.zoom = node;
    state.sel = node > 0 ? tree.name[node] : -1;
    update();
  }

  // --- top table ---------------------------------------------------------------------
  function drawTop() {
    const top = data.top, c = state.col, t = total(), unit = colUnit();
    const flat = top.flat[c], cum = top.cum[c];
    const delta = data.kind === "diff" ? top.flat[1].map((x, i) => x - top.flat[0][i]) : null;
    const dcum = data.kind === "diff" ? top.cum[1].map((x, i) => x - top.cum[0][i]) : null;
    const rows = [];
    for (let i = 0; i < top.name.length; i++) {
      if (matcher && !matches(names[top.name[i]])) continue;
      if (flat[i] === 0 && cum[i] === 0 && !delta) continue;
      rows.push(i);
    }
    const byName = (a, b) => names[top.name[a]] < names[top.name[b]] ? -1 : names[top.name[a]] > names[top.name[b]] ? 1 : 0;
    const key = { flat: flat, cum: cum, delta: delta || flat, dcum: dcum || cum }[state.sort];
    rows.sort(state.sort === "name" ? byName : (a, b) => (key[b] - key[a]) || byName(a, b));
    const body = document.createElement("tbody");
    let sum = 0;
    for (const i of rows) {
      sum += flat[i];
      const tr = document.createElement("tr");
      const cells = [fmt(flat[i], unit), pct(flat[i], t), pct(sum, t), fmt(cum[i], unit), pct(cum[i], t)];
      if (delta) cells.push((delta[i] > 0 ? "+" : "") + fmt(delta[i], unit), (dcum[i] > 0 ? "+" : "") + fmt(dcum[i], unit));
      for (const text of cells) {
        const td = document.createElement("td");
        td.className = "num";
        td.textContent = text;
        tr.append(td);
      }
      const td = document.createElement("td");
      td.className = "name";
      td.textContent = names[top.name[i]];
      tr.append(td);
      if (data.sources) {
        const loc = document.createElement("td");
        loc.className = "loc";
        loc.textContent = sourceOf(top.name[i]);
        tr.append(loc);
      }
      tr.dataset.name = String(top.name[i]);
      if (matcher) tr.classList.add("match");
      if (top.name[i] === state.sel) tr.classList.add("sel");
      body.append(tr);
    }
    $("top").replaceChild(body, $("top").tBodies[0]);
    for (const th of document.querySelectorAll("#top th[data-sort]")) th.classList.toggle("sorted", th.dataset.sort === state.sort);
  }

  // --- call graph -----------------------------------------------------------------------
  // The call graph of the chosen column where the page has one per column (leak pages), else the one.
  let graphNodes = null, graphSource = null;
  const graphText = () => data.columnCallgraphs ? data.columnCallgraphs[state.col] : data.callgraph;
  function buildGraph() {
    graphSource = graphText();
    graphNodes = [];
    $("graph").replaceChildren();
    const column = columns[state.col].name;
    $("graph-info").textContent = typeof graphSource !== "string" ? `no call graph for ${column}: nothing in it`
      : data.kind === "diff" ? `call graph of ${column}; red grew and blue shrank (cum) against ${columns[0].name}`
      : `call graph of ${column}`;
    if (typeof graphSource !== "string") return;
    // Parsed as XML, scripts and handlers removed: the drawing, not its code.
    const doc = new DOMParser().parseFromString(graphSource, "image/svg+xml");
    const svg = doc.documentElement;
    if (svg.nodeName !== "svg") return;
    for (const s of svg.querySelectorAll("script")) s.remove();
    for (const el of svg.querySelectorAll("*")) {
      for (const a of Array.from(el.attributes)) if (/^on/i.test(a.name)) el.removeAttribute(a.name);
    }
    $("graph").append(document.importNode(svg, true));
    const row = new Map(data.top.name.map((id, i) => [names[id], i]));
    for (const g of $("graph").querySelectorAll("g.node")) {
      const t = g.querySelector("title");
      const name = t ? t.textContent.split("\n")[0] : "";
      graphNodes.push({ g: g, name: name });
      const i = row.get(name), rect = g.querySelector("rect");
      if (data.kind === "diff" && i !== undefined && rect) {
        // As the flame graph's colours: red grew, blue shrank, by the change of cum.
        const b = data.top.cum[0][i], v = data.top.cum[1][i], r = Math.max(b, v) ? (v - b) / Math.max(b, v) : 0;
        const k = Math.round(210 - 150 * Math.min(1, Math.abs(r)));
        rect.setAttribute("fill", r > 0 ? `rgb(255,${k},${k})` : r < 0 ? `rgb(${k},${k},255)` : "rgb(220,220,220)");
        t.textContent += `\nΔ cum ${v - b > 0 ? "+" : ""}${fmt(v - b, colUnit())}`;
      }
    }
  }
  function drawGraph() {
    if (!available.graph) return;
    if (graphNodes === null || graphSource !== graphText()) buildGraph();
    const sel = state.sel >= 0 ? names[state.sel] : null;
    for (const { g, name } of graphNodes) {
      g.classList.toggle("match", matches(name));
      g.classList.toggle("sel", name === sel);
    }
  }
  function onGraphClick(e) {
    const g = e.target.closest("g.node");
    if (!g) return;
    const name = graphNodes.find((x) => x.g === g).name;
    const id = names.indexOf(name);
    state.sel = id;
    update();
  }

  // --- goroutine states -----------------------------------------------------------------
  function drawStates() {
    if (!available.states) return;
    // Leak pages: the states of the chosen column (growth: the last snapshot's less the first's).
    const states = data.columnStates ? data.columnStates[state.col] : data.states;
    $("states-info").textContent = data.columnStates ? `goroutines per state in ${columns[state.col].name}` : "";
    const sum = states.reduce((a, s) => a + s[1], 0), max = Math.max(1, ...states.map((s) => Math.abs(s[1])));
    const body = document.createElement("tbody");
    for (const [k, [name, count]] of states.entries()) {
      const tr = document.createElement("tr");
      const cells = [[name, ""], [(data.columnStates && state.col === 0 && count > 0 ? "+" : "") + fmt(count, "count"), "num"], [pct(count, sum), "num"]];
      for (const [text, cls] of cells) {
        const td = document.createElement("td");
        td.className = cls;
        td.textContent = text;
        tr.append(td);
      }
      const td = document.createElement("td"), bar = document.createElement("span");
      bar.className = "bar";
      bar.style.width = Math.max(1, Math.round(300 * Math.abs(count) / max)) + "px";
      td.append(bar);
      tr.append(td);
      if (matches(name)) tr.classList.add("match");
      if (data.stateColumn !== null) tr.dataset.column = String(data.stateColumn + k);
      body.append(tr);
    }
    $("states").replaceChild(body, $("states").tBodies[0]);
  }

  // --- leak ranking ------------------------------------------------------------------------
  function sparkline(counts) {
    const NS = "http://www.w3.org/2000/svg", w = 90, h = 20;
    const svg = document.createElementNS(NS, "svg");
    svg.setAttribute("class", "spark");
    svg.setAttribute("width", String(w));
    svg.setAttribute("height", String(h));
    const lo = Math.min(...counts), hi = Math.max(...counts), span = hi - lo || 1;
    const pts = counts.map((c, i) => `${(counts.length > 1 ? i * (w - 4) / (counts.length - 1) : 0) + 2},${h - 2 - (c - lo) * (h - 4) / span}`);
    const line = document.createElementNS(NS, "polyline");
    line.setAttribute("points", pts.join(" "));
    svg.append(line);
    const title = document.createElementNS(NS, "title");
    title.textContent = counts.join(" → ");
    svg.append(title);
    return svg;
  }
  function drawLeaks() {
    if (!available.leaks) return;
    const body = document.createElement("tbody");
    for (const [rank, g] of data.leaks.groups.entries()) {
      const tr = document.createElement("tr");
      const stack = g.frames.map((f) => names[f]);
      const cells = [[String(rank + 1), "num"], [g.score.toFixed(2), "num"], [(g.growth > 0 ? "+" : "") + g.growth, "num"]];
      for (const [text, cls] of cells) {
        const td = document.createElement("td");
        td.className = cls;
        td.textContent = text;
        tr.append(td);
      }
      const spark = document.createElement("td");
      spark.append(sparkline(g.counts));
      const counts = document.createElement("span");
      counts.textContent = " " + g.counts.join(" → ");
      spark.append(counts);
      tr.append(spark);
      // The site is "function file:line": its function is said once when it ends the stack.
      const last = stack[stack.length - 1], site = last && g.site.startsWith(last + " ") ? g.site.slice(last.length + 1) : g.site;
      const rest = [[(g.share * 100).toFixed(1) + "%", "num"], [g.states.map((s) => `${s[0]} ${s[1]}`).join(", "), ""],
                    [stack.join(" → ") + (site ? "  @ " + site : ""), "name"]];
      for (const [text, cls] of rest) {
        const td = document.createElement("td");
        td.className = cls;
        td.textContent = text;
        tr.append(td);
      }
      tr.dataset.group = String(rank);
      if (matcher && stack.some(matches)) tr.classList.add("match");
      if (g.frames.includes(state.sel)) tr.classList.add("sel");
      body.append(tr);
    }
    $("leaks").replaceChild(body, $("leaks").tBodies[0]);
  }
  function onLeakClick(e) {
    const tr = e.target.closest("tr[data-group]");
    if (!tr) return;
    const g = data.leaks.groups[parseInt(tr.dataset.group, 10)];
    // The group's growth flame graph: the deepest node along its frames, in the growth column.
    let node = 0;
    for (const f of g.frames) {
      const c = children[node].find((k) => tree.name[k] === f);
      if (c === undefined) break;
      node = c;
    }
    state.col = 0;
    state.zoom = node;
    state.sel = g.frames.length ? g.frames[g.frames.length - 1] : -1;
    state.view = "flame";
    update();
  }

  // --- wiring ------------------------------------------------------------------------------
  function update() {
    compileSearch();
    for (const v of views) $("view-" + v).classList.toggle("active", v === state.view);
    for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.view === state.view);
    $("column").value = String(state.col);
    if ($("search").value !== state.q) $("search").value = state.q;
    // Top filters where the other views highlight: say so, so no row seems lost.
    $("matched").textContent = matchedShare() + (matcher && state.view === "top" ? " (top: matches only)" : "");
    // Every view follows the shared state; the hidden ones are cheap (small, pruned data).
    drawFlame($("flame"), false);
    drawFlame($("icicle"), true);
    drawTop();
    drawGraph();
    drawStates();
    drawLeaks();
    const sel = state.sel >= 0 ? "selected: " + names[state.sel] : "";
    $("status").textContent = sel;
    writeHash();
  }
  /** Esc and the Reset button: no zoom, no selection, no search. */
  function reset() {
    state.zoom = 0;
    state.sel = -1;
    state.q = "";
    update();
  }
  function show(view) {
    if (!available[view]) return;
    state.view = view;
    update();
  }

  drawHeader();
  readHash();
  $("tabs").addEventListener("click", (e) => { const b = e.target.closest("button"); if (b) show(b.dataset.view); });
  $("column").addEventListener("change", () => { state.col = parseInt($("column").value, 10); update(); });
  $("search").addEventListener("input", () => { state.q = $("search").value; update(); });
  $("search").addEventListener("search", () => { state.q = $("search").value; update(); });
  $("reset").addEventListener("click", reset);
  $("flame").addEventListener("click", onFrameClick);
  $("icicle").addEventListener("click", onFrameClick);
  $("graph").addEventListener("click", onGraphClick);
  $("leaks").addEventListener("click", onLeakClick);
  $("states").addEventListener("click", (e) => {
    // A state's stacks: the flame graph of its column.
    const tr = e.target.closest("tr[data-column]");
    if (!tr) return;
    state.col = parseInt(tr.dataset.column, 10);
    state.zoom = 0;
    state.view = "flame";
    update();
  });
  $("top").addEventListener("click", (e) => {
    const th = e.target.closest("th[data-sort]");
    if (th) { state.sort = th.dataset.sort; update(); return; }
    const tr = e.target.closest("tr[data-name]");
    if (tr) { state.sel = parseInt(tr.dataset.name, 10); update(); }
  });
  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target === $("search")) {
      // Enter keeps the search and leaves the box; Esc clears it, as the box looks cleared.
      if (e.key === "Escape") { e.preventDefault(); $("search").value = ""; state.q = ""; update(); }
      if (e.key === "Escape" || e.key === "Enter") $("search").blur();
      return;
    }
    if (e.key === "/") { e.preventDefault(); $("search").focus(); return; }
    if (e.key === "Escape") { reset(); return; }
    if (keys[e.key]) show(keys[e.key]);
  });
  window.addEventListener("hashchange", () => { readHash(); update(); });
  update();
  document.body.dataset.ready = "1";
})();
