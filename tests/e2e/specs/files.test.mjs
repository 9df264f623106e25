// Files: saving, external changes, bad files — never a crash, never a lost edit.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, changedLines, chord, copySample, editorText, read, setComment, start, until, waitNode, write } from "../lib/app.mjs";

const op = (name) => `/States/${name}`;

test("saving writes only the edited line", async () => {
  const file = copySample("order-processing");
  const original = read(file);
  const browser = await start(file);
  try {
    await setComment(browser, op("OrderCompleted"), "All done");
    await byTestId(browser, "dirty").waitForExist({ timeout: 5000 });
    await chord(browser, "Control", "s");
    await byTestId(browser, "dirty").waitForExist({ reverse: true, timeout: 5000 });
    const { removed, added } = changedLines(original, read(file));
    assert.equal(removed.length, 1);
    assert.equal(added.length, 1);
    assert.match(added[0], /^      "Comment": "All done",$/);
  } finally {
    await browser.deleteSession();
  }
});

test("an external change reloads a clean document and asks about a dirty one", async () => {
  const file = copySample("order-processing");
  const original = read(file);
  const browser = await start(file);
  try {
    await waitNode(browser, op("OrderCompleted"));
    write(file, original.replaceAll('"OrderCompleted"', '"Completed"'));
    await waitNode(browser, op("Completed"), 15000);

    await setComment(browser, op("Completed"), "mine");
    await byTestId(browser, "dirty").waitForExist({ timeout: 5000 });
    write(file, original);
    await byTestId(browser, "disk-conflict").waitForDisplayed({ timeout: 15000 });
    await byTestId(browser, "keep-mine").click();
    await byTestId(browser, "disk-conflict").waitForDisplayed({ reverse: true });
    await waitNode(browser, op("Completed"));
    assert.equal(read(file), original, "nothing was written behind the user's back");
    await byTestId(browser, "mode-code").click();
    assert.match(await until(() => editorText(browser), "no code"), /"Comment": "mine"/);
  } finally {
    await browser.deleteSession();
  }
});

test("bad files give a clear message and never a crash", async () => {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-bad-"));
  const invalid = join(dir, "broken.asl.json");
  writeFileSync(invalid, '{\n  "StartAt": "A",\n  "States": {\n    "A": {"Type": "Pass", "End": true\n  }\n}\n');
  let browser = await start(invalid);
  try {
    const banner = await byTestId(browser, "canvas-parse-error");
    await banner.waitForDisplayed({ timeout: 10000 });
    assert.match(await banner.getText(), /does not parse yet .*line \d+, column \d+/);
    await banner.$("button").click();
    await byTestId(browser, "parse-error").waitForDisplayed({ timeout: 5000 });
  } finally {
    await browser.deleteSession();
  }

  // YAML too: the same message over the canvas.
  const yaml = join(dir, "broken.asl.yaml");
  writeFileSync(yaml, "StartAt: A\nStates:\n  A: [Type, Pass\n");
  browser = await start(yaml);
  try {
    await byTestId(browser, "canvas-parse-error").waitForDisplayed({ timeout: 10000 });
  } finally {
    await browser.deleteSession();
  }

  const cases = [
    ["binary.asl.json", Buffer.from([0x7b, 0x00, 0xff, 0x10]), /not a text file/],
    ["huge.asl.json", null, /MB/],
    ["gone.asl.json", undefined, /no such file/],
  ];
  for (const [name, bytes, message] of cases) {
    const path = join(dir, name);
    if (bytes) writeFileSync(path, bytes);
    if (bytes === null) {
      writeFileSync(path, "");
      // 50 MB, sparse.
      const { truncateSync } = await import("node:fs");
      truncateSync(path, 50 * 1024 * 1024);
    }
    browser = await start(path);
    try {
      const toast = await byTestId(browser, "error-toast");
      await toast.waitForDisplayed({ timeout: 10000 });
      const text = await toast.getText();
      assert.match(text, message);
      assert.ok(text.includes(name), `the message names the file: ${text}`);
      await byTestId(browser, "start-page").waitForDisplayed();
    } finally {
      await browser.deleteSession();
    }
  }

  // Deleted while open: the document stays, with its unsaved text.
  const file = copySample("order-processing");
  browser = await start(file);
  try {
    await waitNode(browser, op("OrderCompleted"));
    rmSync(file);
    await until(async () => (await browser.$('[data-testid="disk-deleted"]').isExisting()) || (await byTestId(browser, "dirty").isExisting()), "no sign the file was deleted", 15000);
    await waitNode(browser, op("OrderCompleted"));
  } finally {
    await browser.deleteSession();
  }
  chmodSync(dir, 0o755);
});
