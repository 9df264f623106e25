// Driving the real ASL Studio binary through tauri-driver (started by scripts/e2e.sh on
// a free port, ASL_E2E_PORT, with a fresh XDG data folder). Every helper waits for what a user would see.
import { remote } from "webdriverio";
import { execFileSync, spawn } from "node:child_process";
import { createServer, connect } from "node:net";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const repo = resolve(here, "../../..");
export const shots = process.env.ASL_E2E_SHOTS ?? join(repo, "target", "e2e-shots");
const app = process.env.ASL_STUDIO_BIN;
if (!app) throw new Error("ASL_STUDIO_BIN is not set: run the tests through scripts/e2e.sh");

/** A private copy of a sample folder, so saving never touches the repository. */
export function copySample(name) {
  const dir = mkdtempSync(join(tmpdir(), `asl-e2e-${name}-`));
  cpSync(join(repo, "samples", name), dir, { recursive: true });
  return join(dir, `${name}.asl.json`);
}

export const read = (path) => readFileSync(path, "utf8");
export const write = (path, text) => writeFileSync(path, text);

/** The driver sessions go to: scripts/e2e.sh's, until it dies. */
let driverPort = Number(process.env.ASL_E2E_PORT ?? 4444);

const freePort = () =>
  new Promise((done) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => done(port));
    });
  });

/** A fresh tauri-driver of this process's own (ended with it): WebKitWebDriver can crash
 *  inside WebKit under load, and tauri-driver does not start it again. */
async function restartDriver() {
  const [port, native] = [await freePort(), await freePort()];
  const child = spawn("tauri-driver", ["--port", String(port), "--native-port", String(native)], { stdio: "ignore" });
  process.on("exit", () => child.kill());
  await until(
    () =>
      new Promise((done) => {
        const c = connect(port, "127.0.0.1", () => (c.end(), done(true)));
        c.on("error", () => done(false));
      }),
    "the new tauri-driver never listened",
  );
  driverPort = port;
}

const driverGone = (e) => /UND_ERR_SOCKET|ECONNREFUSED|ECONNRESET|socket hang up/.test(`${e?.code} ${e?.message}`);

/** Starts the app (optionally with a file to open) and waits for its first paint. */
export async function start(file) {
  let browser;
  try {
    browser = await session(file);
  } catch (e) {
    if (!driverGone(e)) throw e;
    await restartDriver();
    browser = await session(file);
  }
  await browser.setTimeout({ implicit: 0, script: 20000 });
  try {
    await browser.$("#root > *").waitForExist({ timeout: 20000 });
  } catch (e) {
    // End the session: tauri-driver holds one at a time, and the next test needs it.
    await browser.deleteSession().catch(() => {});
    throw e;
  }
  return browser;
}

function session(file) {
  return remote({
    hostname: "127.0.0.1",
    port: driverPort,
    logLevel: "warn",
    connectionRetryCount: 2,
    capabilities: {
      browserName: "wry",
      "tauri:options": { application: app, args: file ? [file] : [] },
      // WebKitWebDriver has no BiDi: without this it refuses the session.
      "wdio:enforceWebDriverClassic": true,
    },
  });
}

export const node = (browser, pointer) => browser.$(`.react-flow__node[data-id="${pointer}"]`);

/** Whether the state's node is drawn inside the canvas's visible box. */
export const inView = (browser, pointer) =>
  browser.execute((p) => {
    const n = document.querySelector(`.react-flow__node[data-id="${p}"]`);
    const pane = document.querySelector(".react-flow").getBoundingClientRect();
    if (!n) return false;
    const r = n.getBoundingClientRect();
    return r.left >= pane.left && r.right <= pane.right && r.top >= pane.top && r.bottom <= pane.bottom;
  }, pointer);

/** Sets a state's Comment in the inspector's Docs tab (selecting the state first), as a
 *  user types it; Tab commits it. */
export async function setComment(browser, pointer, comment) {
  await (await waitNode(browser, pointer)).click();
  await byTestId(browser, "inspector-tab-docs").click();
  const field = await browser.$(`[data-testid="inspector"] textarea[data-pointer="${pointer}/Comment"]`);
  await field.waitForDisplayed();
  await field.click();
  await chord(browser, "Control", "a");
  await press(browser, comment, "Tab");
}

export async function waitNode(browser, pointer, timeout = 10000) {
  const el = node(browser, pointer);
  await el.waitForDisplayed({ timeout, timeoutMsg: `state ${pointer} never appeared on the canvas` });
  return el;
}

export const byTestId = (browser, id) => browser.$(`[data-testid="${id}"]`);

/** An editor's whole text (CodeMirror renders only the visible lines): the code view's,
 *  or that of the editor inside the element with test id `testId`. */
export async function editorText(browser, testId = null) {
  return browser.execute((id) => {
    const content = document.querySelector(id ? `[data-testid="${id}"] .cm-content` : ".cm-content");
    const view = content && content.cmTile && content.cmTile.root && content.cmTile.root.view;
    return view ? view.state.doc.toString() : null;
  }, testId);
}

/** Presses keys one after the other (an array given to `browser.keys` is a chord, so
 *  "All" would come out as "Al"). Strings are typed; names like "Enter" are keys. */
export async function press(browser, ...keys) {
  const named = new Set(["Enter", "Tab", "End", "Home", "Escape", "Backspace", "Delete", "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown"]);
  for (const k of keys) {
    // `browser.keys` presses a string's characters as one chord too: one at a time.
    if (named.has(k)) await browser.keys(k);
    else for (const ch of k) await browser.keys(ch);
  }
}

/** Keyboard chord, e.g. chord(browser, "Control", "z"). */
export async function chord(browser, ...keys) {
  await browser.keys(keys);
}

/** A PNG of the app's window, taken from the X display with ImageMagick: WebKitWebDriver's
 *  own screenshot never answers when WebKit paints without compositing (what the app
 *  chooses on machines without a GPU, such as this virtual display). */
export async function screenshot(browser, name) {
  mkdirSync(shots, { recursive: true });
  const { x, y, width, height } = await browser.getWindowRect();
  // A frame for what the last command changed to reach the screen.
  await browser.execute(() => new Promise((done) => setTimeout(done, 50)));
  execFileSync("import", ["-display", process.env.DISPLAY, "-window", "root", "-crop", `${width}x${height}+${Math.max(0, x)}+${Math.max(0, y)}`, "+repage", join(shots, `${name}.png`)]);
}

/** Lines of `after` that are not at the same place in `before` (a simple LCS-free check:
 *  both texts are compared line by line after aligning the common prefix and suffix). */
export function changedLines(before, after) {
  const a = before.split("\n");
  const b = after.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { removed: a.slice(start, endA), added: b.slice(start, endB) };
}

export async function until(fn, message, timeout = 10000) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${message} (last value: ${JSON.stringify(last)})`);
}

/** Switches the app's theme with its toggle until the page shows `theme`. */
export async function setTheme(browser, theme) {
  await until(async () => {
    const now = await browser.execute(() => document.documentElement.dataset.theme);
    if (now === theme) return true;
    await byTestId(browser, "theme-toggle").click();
    return false;
  }, `the theme never became ${theme}`);
}

/** Replaces the text of the CodeMirror editor inside the element with this test id. */
export async function setEditorText(browser, testId, text) {
  await browser.execute(
    (id, value) => {
      const content = document.querySelector(`[data-testid="${id}"] .cm-content`);
      const view = content && content.cmTile && content.cmTile.root && content.cmTile.root.view;
      if (!view) throw new Error(`no editor in ${id}`);
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    },
    testId,
    text,
  );
}

/** Waits until the run shown has `wanted` as its status (data-status of the status chip). */
export async function runStatus(browser, wanted, timeout = 30000) {
  const chip = byTestId(browser, "run-status");
  await until(async () => (await chip.getAttribute("data-status")) === wanted, `the run never became ${wanted}`, timeout);
}

/** Drags with the pointer from one element's centre to another's (WebDriver actions). */
export async function drag(browser, from, to, toOffset = { x: 0, y: 0 }) {
  // Rects from the page: WebDriver refuses the rect of SVG groups (edges).
  const rect = (el) => browser.execute((e) => JSON.parse(JSON.stringify(e.getBoundingClientRect())), el);
  // Wait until the view has settled (the canvas fits itself while panels take their size).
  let a = await rect(from);
  let b = await rect(to);
  for (let i = 0; i < 20; i++) {
    await browser.pause(150);
    const [a2, b2] = [await rect(from), await rect(to)];
    const still = a2.x === a.x && a2.y === a.y && b2.x === b.x && b2.y === b.y;
    [a, b] = [a2, b2];
    if (still) break;
  }
  const x0 = Math.round(a.x + a.width / 2), y0 = Math.round(a.y + a.height / 2);
  const x1 = Math.round(b.x + b.width / 2 + toOffset.x), y1 = Math.round(b.y + b.height / 2 + toOffset.y);
  await browser
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ x: x0, y: y0 })
    .down()
    .move({ x: x0 + 5, y: y0 + 5, duration: 50 })
    .move({ x: Math.round((x0 + x1) / 2), y: Math.round((y0 + y1) / 2), duration: 150 })
    .move({ x: x1, y: y1, duration: 150 })
    // Hover like a user does, so the drop target has rendered before the release.
    .pause(250)
    .move({ x: x1 + 1, y: y1 + 1, duration: 50 })
    .pause(150)
    .up()
    .perform();
}

/** The edge drawn from one state (node id) to another, once it exists. */
export async function edgeMiddle(browser, from, to) {
  const edge = await browser.$(`[data-testid="edge"][data-from="${from}"][data-to="${to}"]`);
  await edge.waitForExist({ timeout: 5000 });
  return edge;
}

/** Answers the native (GTK) save dialog titled `title` by typing `path` into its name
 *  field, as a user would: the dialog is not part of the page, so it is driven on the X
 *  display with xdotool. */
export async function answerSaveDialog(title, path, timeout = 15000) {
  const xdo = (...args) => execFileSync("xdotool", args, { encoding: "utf8" }).trim();
  const id = await until(() => {
    try {
      return xdo("search", "--onlyvisible", "--name", `^${title}$`).split("\n")[0];
    } catch {
      return null; // xdotool exits with 1 while no window matches
    }
  }, `no dialog "${title}" appeared`, timeout);
  // Let GTK finish mapping the dialog and focusing its name field.
  await new Promise((r) => setTimeout(r, 700));
  xdo("windowfocus", "--sync", id);
  xdo("key", "--clearmodifiers", "ctrl+a");
  xdo("type", "--delay", "20", path);
  xdo("key", "Return");
  return id;
}

/** Whether a window with this exact title is on the display (a native dialog). */
export function windowShown(title) {
  try {
    return execFileSync("xdotool", ["search", "--onlyvisible", "--name", `^${title}$`], { encoding: "utf8" }).trim() !== "";
  } catch {
    return false;
  }
}

/** Puts the cursor at the end of the first rendered code line containing `needle`: the
 *  line is scrolled into the middle of the editor and the pointer clicks on the needle's
 *  last character (WebKitWebDriver calls CodeMirror's lines "not interactable"). */
export async function clickLine(browser, needle) {
  const at = await until(
    () =>
      browser.execute((text) => {
        const hit = [...document.querySelectorAll(".cm-line")].find((l) => l.textContent.includes(text));
        if (!hit) return null;
        hit.scrollIntoView({ block: "center" });
        hit.closest(".cm-scroller").scrollLeft = 0;
        // The text node and offset of the needle's last character.
        const walker = document.createTreeWalker(hit, NodeFilter.SHOW_TEXT);
        let end = hit.textContent.indexOf(text) + text.length - 1;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (end < n.length) {
            const range = document.createRange();
            range.setStart(n, end);
            range.setEnd(n, end + 1);
            const r = range.getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
          }
          end -= n.length;
        }
        return null;
      }, needle),
    `no code line contains ${needle}`,
  );
  await browser.action("pointer", { parameters: { pointerType: "mouse" } }).move({ x: Math.round(at.x), y: Math.round(at.y) }).down().up().perform();
  await browser.keys(["End"]);
}
