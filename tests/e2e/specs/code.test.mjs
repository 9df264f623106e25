// Code mode and the one undo stack: rename from the inspector, typing, invalid text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, chord, clickLine, copySample, editorText, press, read, start, until, waitNode } from "../lib/app.mjs";

const op = (name) => `/States/${name}`;


test("renaming a state in the inspector updates every reference", async () => {
  const file = copySample("order-processing");
  const browser = await start(file);
  try {
    await (await waitNode(browser, op("NotifyFailure"))).click();
    const name = await byTestId(browser, "state-name");
    await name.waitForDisplayed();
    await name.click();
    await chord(browser, "Control", "a");
    await press(browser, "AlertOps", "Enter");
    await waitNode(browser, op("AlertOps"));
    await byTestId(browser, "mode-code").click();
    const text = await until(async () => {
      const t = await editorText(browser);
      return t && t.includes('"AlertOps": {') ? t : null;
    }, "the code view never showed the new name");
    assert.equal(text.match(/"NotifyFailure"/g), null, "no reference keeps the old name");
    assert.equal(text.match(/"Next": "AlertOps"/g).length, 5, "every catcher now names the new state");
  } finally {
    await browser.deleteSession();
  }
});

test("typing in the code view moves the canvas, invalid text keeps the last diagram, undo/redo span both", async () => {
  const file = copySample("order-processing");
  const original = read(file);
  const browser = await start(file);
  try {
    // A canvas edit first: duplicate OrderCompleted (Ctrl+D).
    await (await waitNode(browser, op("OrderCompleted"))).click();
    await chord(browser, "Control", "d");
    await waitNode(browser, op("OrderCompleted 2"));
    // Selected on the canvas, a state's text is in view when the code view opens.
    await (await waitNode(browser, op("OrderCompleted"))).click();
    await byTestId(browser, "mode-code").click();
    await until(() => editorText(browser), "no code view");

    // Rename OrderCompleted by typing in its key.
    await clickLine(browser, '"OrderCompleted": {');
    await press(browser, "ArrowLeft", "ArrowLeft", "ArrowLeft", "ArrowLeft", "2");
    await waitNode(browser, op("OrderCompleted2"));

    // Break the JSON: the diagram stays, greyed, with the error.
    await clickLine(browser, '"Type": "Pass"');
    await browser.keys(["{"]);
    await byTestId(browser, "parse-error").waitForDisplayed({ timeout: 5000 });
    assert.ok((await browser.$(".canvas-stale").isExisting()), "the canvas is marked stale");
    await waitNode(browser, op("OrderCompleted2"));

    // Undo: the broken typing, the typed rename, then the canvas edit; redo both back.
    await chord(browser, "Control", "z");
    await byTestId(browser, "parse-error").waitForDisplayed({ reverse: true, timeout: 5000 });
    await chord(browser, "Control", "z");
    await waitNode(browser, op("OrderCompleted"));
    await chord(browser, "Control", "z");
    await until(async () => (await editorText(browser)) === original, "undo did not come back to the file's text");
    await chord(browser, "Control", "Shift", "z");
    await waitNode(browser, op("OrderCompleted 2"));
    await chord(browser, "Control", "Shift", "z");
    await waitNode(browser, op("OrderCompleted2"));
  } finally {
    await browser.deleteSession();
  }
});
