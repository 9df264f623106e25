// Typing in the code view of a big machine (issue 13, item 1): keys pressed faster than
// Rust answers supersede the text in flight, and nothing is lost — the diagram ends on
// the last key, the text is exactly what was typed, and the burst undoes as one step.
// (How fast it is, is the typing benchmark's job: typing-bench.test.mjs.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, chord, clickLine, editorText, node, press, screenshot, start, until, waitNode } from "../lib/app.mjs";
import { bigMachine } from "../lib/machines.mjs";

test("a fast burst of typing on a 2,500-state machine lands whole, on the canvas too, and undoes as one step", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "asl-e2e-typing-")), "big.asl.json");
  const original = bigMachine(2500);
  writeFileSync(file, original);
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/Task0", 60000);
    await byTestId(browser, "mode-code").click();
    await clickLine(browser, '"Task0": {');
    for (let i = 0; i < 4; i++) await browser.keys("ArrowLeft"); // after "Task0"
    // How many texts Rust was sent and how many a newer key superseded (the code view's
    // timing marks): said, not asserted, as it depends on the machine's speed.
    await browser.execute(() => {
      performance.clearMeasures("asl:typing-round-trip");
      performance.clearMarks("asl:typing-superseded");
    });
    await press(browser, "Renamed");

    await waitNode(browser, "/States/Task0Renamed", 30000);
    await until(async () => !(await node(browser, "/States/Task0").isExisting()), "the old name stayed on the canvas");
    const typed = original.replace('"Task0": {', '"Task0Renamed": {');
    assert.equal(await editorText(browser), typed, "the text is exactly what was typed");
    await screenshot(browser, "typing-big-code");
    const { sent, superseded } = await browser.execute(() => ({
      sent: performance.getEntriesByName("asl:typing-round-trip", "measure").length,
      superseded: performance.getEntriesByName("asl:typing-superseded", "mark").length,
    }));
    console.log(`7 keys: ${sent} texts sent to Rust, ${superseded} superseded by a newer key`);
    assert.ok(sent >= 1 && sent <= 7, `${sent} texts were sent for 7 keys`);

    await chord(browser, "Control", "z");
    await waitNode(browser, "/States/Task0", 30000);
    assert.equal(await until(async () => ((await editorText(browser)) === original ? original : null), "undo did not restore the text"), original);
  } finally {
    await browser.deleteSession();
  }
});
