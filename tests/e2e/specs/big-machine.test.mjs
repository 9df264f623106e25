// A big machine as a user finds their way around it (issue 13): Fit View keeps names
// readable instead of shrinking 1,000 states to 10 %, and Ctrl+F brings a far state into
// view at a scale where it can be read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chord, inView, node, press, screenshot, start, until, waitNode } from "../lib/app.mjs";
import { bigMachine } from "../lib/machines.mjs";

/** The canvas's zoom (React Flow's viewport transform). */
const zoom = (browser) =>
  browser.execute(() => {
    const t = getComputedStyle(document.querySelector(".react-flow__viewport")).transform;
    return new DOMMatrix(t).a;
  });

test("a 1,000-state machine: Fit View keeps names readable, Ctrl+F brings a far state into view", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "asl-e2e-big-")), "big.asl.json");
  writeFileSync(file, bigMachine(1000));
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/Task0", 30000);
    // Zoom all the way out, then ask for Fit View.
    const zoomOut = await browser.$(".react-flow__controls-zoomout");
    for (let i = 0; i < 12; i++) await zoomOut.click();
    await until(async () => (await zoom(browser)) < 0.2, "the view did not zoom out");
    await (await browser.$('[aria-label="Fit view"]')).click();
    await until(async () => (await zoom(browser)) >= 0.45, `Fit View left the zoom at ${await zoom(browser)}`);
    assert.ok(await inView(browser, "/States/Task0"), "Fit View does not show where the machine starts");
    await screenshot(browser, "big-fit-view-light");

    // From far out, find a state at the other end of the machine.
    for (let i = 0; i < 12; i++) await zoomOut.click();
    await until(async () => (await zoom(browser)) < 0.2, "the view did not zoom out");
    await chord(browser, "Control", "f");
    await press(browser, "Wait190");
    const far = "/States/Wait190";
    await until(async () => (await node(browser, far).isExisting()) && (await inView(browser, far)), "Ctrl+F did not bring Wait190 into view", 5000);
    await until(async () => (await zoom(browser)) >= 0.45, `found at zoom ${await zoom(browser)}: too small to read`);
    await browser.pause(600); // the pan is animated: let it end before the picture
    await screenshot(browser, "big-find-light");
  } finally {
    await browser.deleteSession();
  }
});
