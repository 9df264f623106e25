// Design mode on the real app: open, insert by drag, connect, rename, undo/redo, save.
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, changedLines, chord, copySample, drag, edgeMiddle, editorText, read, screenshot, start, until, waitNode } from "../lib/app.mjs";

const op = (name) => `/States/${name}`;

test("opens a sample from the start page and draws every state", async () => {
  const browser = await start();
  try {
    await byTestId(browser, "start-page").waitForDisplayed({ timeout: 15000 });
    await screenshot(browser, "start-page-light");
    await byTestId(browser, "sample-order-processing").click();
    for (const name of ["ValidateOrder", "IsInStock", "OrderCompleted", "NotifyFailure"]) await waitNode(browser, op(name));
    // A sample opens as an untitled copy (the installed file is never edited).
    assert.equal(await browser.getTitle(), "ASL Studio — Copy of order-processing.asl.json");
  } finally {
    await browser.deleteSession();
  }
});

test("a Pass dragged onto an edge lands in the text with the file's indentation", async () => {
  const file = copySample("order-processing");
  const browser = await start(file);
  try {
    await waitNode(browser, op("CheckInventory"));
    const before = new Set(await browser.$$(".react-flow__node").map((n) => n.getAttribute("data-id")));
    const edge = await edgeMiddle(browser, op("CheckInventory"), op("IsInStock"));
    await drag(browser, await byTestId(browser, "browser-item-Pass"), edge);
    const added = await until(async () => {
      const ids = await browser.$$(".react-flow__node").map((n) => n.getAttribute("data-id"));
      return ids.find((id) => !before.has(id) && id.startsWith("/States/"));
    }, "no new state on the canvas after the drop");
    const name = added.slice("/States/".length);
    await byTestId(browser, "mode-code").click();
    const text = await until(() => editorText(browser), "no code view");
    assert.match(text, new RegExp(`\\n    "${name}": \\{\\n      "Type": "Pass",\\n      "Next": "IsInStock"\\n    \\}`));
    assert.match(text, new RegExp(`"CheckInventory": \\{[\\s\\S]*?"Next": "${name}"`));
  } finally {
    await browser.deleteSession();
  }
});

test("a Choice rule dragged onto a state is connected, and saving changes that line only", async () => {
  const file = copySample("order-processing");
  const original = read(file);
  const browser = await start(file);
  try {
    const choice = await waitNode(browser, op("IsInStock"));
    const handle = await choice.$('[data-handleid="rule-0"]');
    await drag(browser, handle, await waitNode(browser, op("OrderCompleted")));
    await until(async () => (await browser.$$(`[data-testid="edge"][data-from="${op("IsInStock")}"][data-to="${op("OrderCompleted")}"]`)).length > 0, "the rule's new edge never appeared");
    await chord(browser, "Control", "s");
    await until(() => !original.includes(read(file)) && read(file) !== original, "the file was not saved");
    const { removed, added } = changedLines(original, read(file));
    assert.deepEqual(removed, ['          "Next": "ProcessPayment"']);
    assert.deepEqual(added, ['          "Next": "OrderCompleted"']);
  } finally {
    await browser.deleteSession();
  }
});
