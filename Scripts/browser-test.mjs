// Drives a headless Chromium over the DevTools protocol and checks the flame
// graph as a person would use it: click a frame, reset, search through the
// prompt (button and Ctrl-F), reload with the state in the URL.
// Then a Go goroutine dump drawn with --label-frames state: its title, its
// file:line tooltips and the state frames on top of the stacks.
// Usage: node --experimental-websocket browser-test.mjs FILE_URL [GO_FILE_URL]
import { launch, checker } from "./lib/devtools.mjs";
const [url, goUrl] = process.argv.slice(2);
const page = await launch();
const { send, evaluate, load, click } = page;
let promptAnswer = null;
page.on((msg) => {
  if (msg.method === "Page.javascriptDialogOpening") {
    send("Page.handleJavaScriptDialog", { accept: true, promptText: promptAnswer ?? "" });
  }
});
// Centre of the frame whose title starts with `name (`, and its rect's x/width.
const frame = (name) => evaluate(`(() => {
  for (const g of document.querySelectorAll("#frames > g")) {
    if (g.querySelector("title").textContent.startsWith(${JSON.stringify(name)} + " (")) {
      const r = g.querySelector("rect"), b = r.getBoundingClientRect();
      return { cx: b.x + b.width / 2, cy: b.y + b.height / 2, x: +r.getAttribute("x"), width: +r.getAttribute("width"),
               fill: r.getAttribute("fill"), hidden: g.classList.contains("hide"), faded: g.classList.contains("parent") };
    }
  }
  return null;
})()`);
const centre = (id) => evaluate(`(() => { const b = document.getElementById(${JSON.stringify(id)}).getBoundingClientRect(); return { cx: b.x + b.width / 2, cy: b.y + b.height / 2 }; })()`);
const text = (id) => evaluate(`document.getElementById(${JSON.stringify(id)}).textContent`);
const checks = checker(), check = checks.check;

await send("Page.enable");
await send("Runtime.enable");
await send("Emulation.setDeviceMetricsOverride", { width: 1200, height: 400, deviceScaleFactor: 1, mobile: false });
await load(url);

// Click zooms: the clicked frame spans the full width, its parents fade, others hide.
const b = await frame("b");
await click(b.cx, b.cy);
const bz = await frame("b"), a = await frame("a"), other = await frame("other");
check(Math.abs(bz.x - 10) < 0.1 && Math.abs(bz.width - 1180) < 0.1, `click on "b" zooms it to the full width (x=${bz.x}, width=${bz.width})`);
check(a.faded && !a.hidden, `its parent "a" stays, faded`);
check(other.hidden, `an unrelated frame "other" is hidden`);
check(/[?&]x=\d+&y=3/.test(await evaluate("location.search")), `the zoom is in the URL (${await evaluate("location.search")})`);

// Reset Zoom restores the full view.
const reset = await centre("unzoom");
await click(reset.cx, reset.cy);
const b0 = await frame("b");
check(Math.abs(b0.width - 1180 * 5 / 20) < 0.1, `Reset Zoom restores "b" to 5/20 of the width (width=${b0.width})`);

// Search through the button's prompt: b and d match, 7 of 20 samples.
promptAnswer = "^(b|d)$";
const s = await centre("search");
await click(s.cx, s.cy);
const hb = await frame("b"), hd = await frame("d"), hc = await frame("c");
check(hb.fill === "rgb(230,0,230)" && hd.fill === "rgb(230,0,230)" && hc.fill !== "rgb(230,0,230)", `search ^(b|d)$ highlights b and d only`);
check((await text("matched")) === "Matched: 35.0%", `it reports ${await text("matched")} (expected 35.0%)`);

// Ctrl-F opens the same prompt; nested matches count once (main covers a, b, c, d).
await click(s.cx, s.cy);  // "Reset Search"
promptAnswer = "main|^a$";
await send("Input.dispatchKeyEvent", { type: "rawKeyDown", key: "f", code: "KeyF", windowsVirtualKeyCode: 70, modifiers: 2 });
await send("Input.dispatchKeyEvent", { type: "keyUp", key: "f", code: "KeyF", windowsVirtualKeyCode: 70, modifiers: 2 });
check((await text("matched")) === "Matched: 50.0%", `Ctrl-F search main|^a$ reports ${await text("matched")} (expected 50.0%, nested frames once)`);

// The case-insensitive toggle.
const ic = await centre("ignorecase");
await click(ic.cx, ic.cy);
await click(s.cx, s.cy);  // reset search
promptAnswer = "^OTHER$";
await click(s.cx, s.cy);
check((await text("matched")) === "Matched: 50.0%", `with "ic" on, ^OTHER$ matches "other": ${await text("matched")}`);

// Ctrl-I, as the prompt says, toggles it back off (and on): the search is redone each time.
const ctrlI = async () => {
  await send("Input.dispatchKeyEvent", { type: "rawKeyDown", key: "i", code: "KeyI", windowsVirtualKeyCode: 73, modifiers: 2 });
  await send("Input.dispatchKeyEvent", { type: "keyUp", key: "i", code: "KeyI", windowsVirtualKeyCode: 73, modifiers: 2 });
};
await ctrlI();
check((await text("matched")) === "Matched: 0.0%" && !(await evaluate(`document.getElementById("ignorecase").classList.contains("show")`)),
      `Ctrl-I turns "ic" off: ^OTHER$ no longer matches "other" ("${await text("matched")}")`);
await ctrlI();
check((await text("matched")) === "Matched: 50.0%", `Ctrl-I again turns it on: ${await text("matched")}`);
await send("Input.dispatchMouseEvent", { type: "mouseMoved", x: 5, y: 395 });
const icOpacity = await evaluate(`(() => { const e = document.getElementById("ignorecase"); e.classList.remove("show"); return +getComputedStyle(e).opacity; })()`);
check(icOpacity >= 0.4, `the "ic" button is readable when off (opacity ${icOpacity})`);

// State in the URL is restored on load.
await load(url + "?x=0&y=3&s=%5Ec%24");
const rb = await frame("b"), rc = await frame("c");
check(Math.abs(rb.width - 1180) < 0.1, `loading ?x=0&y=3 zooms to "b" (width=${rb.width})`);
check(rc.fill === "rgb(230,0,230)" && (await text("matched")) === "Matched: 15.0%", `and ?s=^c$ highlights "c": ${await text("matched")}`);

if (goUrl) {
  await load(goUrl);
  const title = await text("title"), subtitle = await text("subtitle");
  check(title === "goroutine profile: 2,019 goroutines", `the Go dump's title names its type and total: "${title}"`);
  check(subtitle.endsWith("goroutine.debug2.txt"), `its subtitle names the input: "${subtitle}"`);
  const leak = await frame("main.leakForever"), state = await frame("select (no cases)");
  check(leak && state && Math.abs(state.cy - (leak.cy - 16)) < 1,
        `--label-frames state draws "select (no cases)" right on top of main.leakForever (y ${state && state.cy} vs ${leak && leak.cy})`);
  // The stacks are deep: bring the frame into the window, then point at it.
  await evaluate(`(() => { for (const g of document.querySelectorAll("#frames > g"))
    if (g.querySelector("title").textContent.startsWith("main.leakForever (")) g.querySelector("rect").scrollIntoView({ block: "center" }); })()`);
  const seen = await frame("main.leakForever");
  await send("Input.dispatchMouseEvent", { type: "mouseMoved", x: seen.cx, y: seen.cy });
  const details = await text("details");
  check(/^Function: main\.leakForever \(1,000 goroutines, [0-9.]+%, .*leaky\/main\.go:37\)$/.test(details),
        `hovering main.leakForever shows its file:line: "${details}"`);
  check(leak.fill !== (await frame("runtime/pprof.Do") || {}).fill, "the go palette tells program code from the standard library");
}

await page.close();
process.exit(checks.failures ? 1 : 0);
