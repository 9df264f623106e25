// Semantic zoom (issue 13, item 2): far out, states draw as simple blocks whose names stay
// readable; a folded container says what it holds; the minimap of a big machine navigates.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { copySample, node, screenshot, setTheme, start, until, waitNode } from "../lib/app.mjs";
import { bigMachine } from "../lib/machines.mjs";

/** The canvas's zoom and pan (React Flow's viewport transform). */
const viewport = (browser) =>
  browser.execute(() => {
    const m = new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport")).transform);
    return { zoom: m.a, x: m.e, y: m.f };
  });

/** How a Task node in the middle of the view draws: its name's on-screen font size and
 *  height against the node's, and whether its caption shows. */
const taskLook = (browser) =>
  browser.execute(() => {
    const pane = document.querySelector(".react-flow").getBoundingClientRect();
    const zoom = new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport")).transform).a;
    const inside = [...document.querySelectorAll(".react-flow__node-Task")].filter((n) => {
      const r = n.getBoundingClientRect();
      return r.top > pane.top && r.bottom < pane.bottom && r.left > pane.left && r.right < pane.right;
    });
    const n = inside[Math.floor(inside.length / 2)];
    if (!n) return null;
    const title = n.querySelector(".asl-node-title");
    const caption = n.querySelector(".asl-node-caption");
    const box = n.getBoundingClientRect();
    return {
      screenFont: parseFloat(getComputedStyle(title).fontSize) * zoom,
      titleShare: title.getBoundingClientRect().height / box.height,
      captionShown: !!caption && caption.getBoundingClientRect().height > 0 && getComputedStyle(caption).display !== "none",
    };
  });

test("far out, a 1,000-state machine draws simple blocks with names large enough to read; the minimap navigates", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "asl-e2e-zoom-")), "big.asl.json");
  writeFileSync(file, bigMachine(1000));
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/Task0", 30000);
    const near = await taskLook(browser);
    assert.ok(near?.captionShown, `at a readable zoom the caption shows: ${JSON.stringify(near)}`);
    const zoomOut = await browser.$(".react-flow__controls-zoomout");
    for (let i = 0; i < 4; i++) await zoomOut.click();
    await until(async () => {
      const z = (await viewport(browser)).zoom;
      return z < 0.45 && z > 0.2;
    }, "the view did not zoom out to between 20 and 45 %");
    const far = await until(() => taskLook(browser), "no Task node in view");
    assert.equal(far.captionShown, false, "far out, the type caption still shows");
    // 13px at 30 % is under 4px on screen: the name must grow to stay readable.
    assert.ok(far.screenFont >= 7, `the name draws at ${far.screenFont.toFixed(1)}px on screen`);
    assert.ok(far.titleShare >= 0.45, `the name fills ${(far.titleShare * 100).toFixed(0)} % of the node's height`);
    await screenshot(browser, "zoom-far-light");
    await setTheme(browser, "dark");
    await screenshot(browser, "zoom-far-dark");
    await setTheme(browser, "light");

    // The minimap: a click far down the machine brings that part into view.
    const map = await browser.$(".react-flow__minimap");
    await map.waitForDisplayed({ timeout: 5000 });
    const size = await browser.execute(() => {
      const r = document.querySelector(".react-flow__minimap").getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    // A 60,000 px tall chain in a landscape box is a strip too thin to aim at.
    assert.ok(size.height > size.width, `the minimap of a tall machine is ${size.width}x${size.height}`);
    const before = await viewport(browser);
    await map.click({ x: 0, y: Math.round(size.height * 0.4) });
    await until(async () => Math.abs((await viewport(browser)).y - before.y) > 5000, "clicking the minimap did not move the view");
    // The pointer off the minimap: its tooltip would cover the canvas in the pictures.
    await (await browser.$(".react-flow__controls")).moveTo();
    await browser.pause(400);
    await screenshot(browser, "zoom-minimap-light");
    await setTheme(browser, "dark");
    await screenshot(browser, "zoom-minimap-dark");
  } finally {
    await browser.deleteSession();
  }
});

test("a folded Parallel says how many states and branches it holds", async () => {
  const browser = await start(copySample("parallel-risk-analysis"));
  try {
    await setTheme(browser, "light");
    const parallel = await waitNode(browser, "/States/RunRiskChecks");
    await (await parallel.$('[aria-label="Collapse container"]')).click();
    const summary = await parallel.$(".asl-folded");
    await summary.waitForDisplayed({ timeout: 5000 });
    assert.equal(await summary.getText(), "3 states · 3 branches");
    assert.equal(await node(browser, "/States/RunRiskChecks/Branches/0/States/CreditCheck").isDisplayed().catch(() => false), false);
    await screenshot(browser, "zoom-folded-light");

    // Far out, the container's title and summary grow like a state's name.
    const zoomOut = await browser.$(".react-flow__controls-zoomout");
    for (let i = 0; i < 6 && (await viewport(browser)).zoom >= 0.4; i++) await zoomOut.click();
    await until(async () => (await viewport(browser)).zoom < 0.4, "the view did not zoom out");
    const titleFont = await browser.execute(() => {
      const zoom = new DOMMatrix(getComputedStyle(document.querySelector(".react-flow__viewport")).transform).a;
      const t = document.querySelector('.react-flow__node[data-id="/States/RunRiskChecks"] .asl-node-title');
      return parseFloat(getComputedStyle(t).fontSize) * zoom;
    });
    assert.ok(titleFont >= 7, `far out, the container's title draws at ${titleFont.toFixed(1)}px on screen`);
    await screenshot(browser, "zoom-far-folded-light");
    await (await parallel.$('[aria-label="Expand container"]')).click();
    await browser.pause(300);
    await setTheme(browser, "dark");
    await screenshot(browser, "zoom-far-containers-dark");
  } finally {
    await browser.deleteSession();
  }
});
