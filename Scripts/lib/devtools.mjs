// The one DevTools-protocol client of the browser checks (Scripts/browser-test*.mjs,
// Scripts/lib/first-paint.mjs): launch a headless Chromium, connect to its
// page, send commands and receive events, evaluate, load, click, type, take
// screenshots, close. Offline; --no-sandbox because CI runs as root.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const chromiumFlags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
  "--disable-background-networking", "--disable-sync", "--disable-component-update"];

const sleep = (ms) => new Promise((ok) => setTimeout(ok, ms));

// Starts Chromium on about:blank with a fresh profile and connects to its page.
// `flags` are added to chromiumFlags (e.g. --window-size=1400,900).
export async function launch(flags = []) {
  const profile = mkdtempSync(join(tmpdir(), "devtools-"));
  const chrome = spawn("chromium", [...chromiumFlags, ...flags, `--user-data-dir=${profile}`,
    "--remote-debugging-port=0", "about:blank"], { stdio: "ignore", detached: true });
  // Chromium must not outlive the check, even one that throws or is timed out.
  // Its own process group, so that its helper processes go with it.
  // On an abrupt exit, SIGKILL: nothing writes to the profile after it.
  const stop = (signal) => { try { process.kill(-chrome.pid, signal); } catch {} };
  const gone = () => { stop("SIGKILL"); rmSync(profile, { recursive: true, force: true }); };
  process.on("exit", gone);
  process.on("SIGTERM", () => process.exit(143));
  const portFile = join(profile, "DevToolsActivePort");
  // As the shell drivers did: up to 100 polls, 0.2 s apart, for the port file.
  for (let i = 0; i < 100 && !(existsSync(portFile) && statSync(portFile).size > 0); i++) await sleep(200);
  const port = readFileSync(portFile, "utf8").split("\n")[0];
  const session = await connect(port);
  const closeSession = session.close;
  session.close = async () => {
    closeSession();
    const exited = new Promise((ok) => chrome.exitCode !== null ? ok() : chrome.once("exit", ok));
    stop("SIGTERM");
    await exited;
    await sleep(200);  // helpers still closing files in the profile
    process.off("exit", gone);
    rmSync(profile, { recursive: true, force: true });
  };
  return session;
}

// A session on the first page of the Chromium listening on `port`.
export async function connect(port) {
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json();
  const ws = new WebSocket(targets.find((t) => t.type === "page").webSocketDebuggerUrl);
  await new Promise((ok, fail) => { ws.onopen = ok; ws.onerror = fail; });
  let nextId = 1;
  const pending = new Map(), listeners = [], waiters = [];
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); }
    if (msg.method === "Page.loadEventFired") waiters.splice(0).forEach((w) => w());
    if (msg.method) for (const l of listeners) l(msg);
  };
  const s = {
    // A command; rejects with the protocol's error message.
    send(method, params = {}) {
      const id = nextId++;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise((ok, fail) => pending.set(id, (msg) => msg.error ? fail(new Error(method + ": " + msg.error.message)) : ok(msg.result)));
    },
    // Calls `listener(message)` for every event.
    on(listener) { listeners.push(listener); },
    // The value of a page expression (promises awaited); throws on a page error.
    async evaluate(expr) {
      const r = await s.send("Runtime.evaluate", { expression: expr, returnByValue: true, awaitPromise: true });
      if (r.exceptionDetails) throw new Error("page error: " + JSON.stringify(r.exceptionDetails));
      return r.result.value;
    },
    // Navigates and waits for the load event (Page.enable must have been sent).
    async load(url) {
      const loaded = new Promise((ok) => waiters.push(ok));
      await s.send("Page.navigate", { url });
      await loaded;
    },
    async click(x, y) {
      for (const type of ["mouseMoved", "mousePressed", "mouseReleased"]) {
        await s.send("Input.dispatchMouseEvent", { type, x, y, button: "left", clickCount: 1 });
      }
    },
    // One key press: a character or a key name such as Escape.
    async key(k) {
      const code = k.length === 1 ? "Key" + k.toUpperCase() : k;
      await s.send("Input.dispatchKeyEvent", { type: "keyDown", key: k, code, text: k.length === 1 ? k : undefined });
      await s.send("Input.dispatchKeyEvent", { type: "keyUp", key: k, code });
    },
    async type(text) { await s.send("Input.insertText", { text }); },
    // The viewport as PNG bytes.
    async screenshot() {
      const r = await s.send("Page.captureScreenshot", { format: "png" });
      return Buffer.from(r.data, "base64");
    },
    close() { ws.close(); },
  };
  return s;
}

// Prints ok/FAIL lines and counts the failures.
export function checker() {
  const c = {
    failures: 0,
    check(ok, what) {
      console.log((ok ? "ok   " : "FAIL ") + what);
      if (!ok) c.failures++;
    },
  };
  return c;
}
