// One gesture, one edit: a pattern of three states dropped on the Start edge is one batch
// in Rust (one round trip, one undo step), and the file on disk is not written by it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, chord, copySample, drag, edgeMiddle, editorText, read, start, until, waitNode } from "../lib/app.mjs";

const op = (name) => `/States/${name}`;

test("a three-state pattern dropped on the Start edge is one undo step", async () => {
  const file = copySample("order-processing");
  const original = read(file);
  const browser = await start(file);
  try {
    await waitNode(browser, op("ValidateOrder"));
    const before = new Set(await browser.$$(".react-flow__node").map((n) => n.getAttribute("data-id")));
    const edge = await edgeMiddle(browser, "#start", op("ValidateOrder"));
    // The patterns are at the bottom of the list: found by searching, as a user would.
    await browser.$('[data-testid="states-browser"] input[type="search"]').setValue("notify");
    const item = await byTestId(browser, "browser-item-pattern-retry-notify");
    await item.waitForDisplayed({ timeout: 5000 });
    await drag(browser, item, edge);

    // The task, its notification and its Fail, all at once.
    const added = await until(async () => {
      const ids = await browser.$$(".react-flow__node").map((n) => n.getAttribute("data-id"));
      const fresh = ids.filter((id) => !before.has(id) && id.startsWith("/States/"));
      return fresh.length === 3 ? fresh.sort() : null;
    }, "the pattern's three states never appeared on the canvas");
    assert.deepEqual(added, [op("Call Service"), op("Notify Failure"), op("Service Failed")]);
    await byTestId(browser, "mode-code").click();
    const dropped = await until(async () => {
      const text = await editorText(browser);
      return text && text !== original ? text : null;
    }, "the code view never showed the drop");
    assert.match(dropped, /"StartAt": "Call Service"/);
    assert.match(dropped, /"Call Service": \{[\s\S]*?"Next": "ValidateOrder"/);
    assert.equal(read(file), original, "a drop does not write the file");

    // One Ctrl+Z: the exact text as opened, and nothing left to undo.
    await byTestId(browser, "mode-design").click();
    await waitNode(browser, op("Call Service"));
    await chord(browser, "Control", "z");
    for (const id of added) await gone(browser, id);
    assert.equal(await byTestId(browser, "undo").isEnabled(), false, "the drop was more than one undo step");
    await byTestId(browser, "mode-code").click();
    await until(async () => (await editorText(browser)) === original, "one undo did not give back the opened text");
    assert.equal(read(file), original, "undo does not write the file");
  } finally {
    await browser.deleteSession();
  }
});

/** Waits until the state's node has left the canvas. */
async function gone(browser, pointer) {
  await browser.$(`.react-flow__node[data-id="${pointer}"]`).waitForExist({ reverse: true, timeout: 5000, timeoutMsg: `${pointer} is still drawn after undo` });
}
