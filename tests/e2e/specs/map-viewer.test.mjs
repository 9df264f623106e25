// The Map run viewer (issue 13, item 4) on the real app: a 5-item Map whose third item
// fails, one failure tolerated, inline and distributed (its child executions). Selecting
// the Map lists its iterations in the Iterations tab — 5 rows, 1 failed —, "Failed only"
// keeps that one, and a click opens it on the canvas: the failing state is selected and
// the inspector shows that iteration's execution (its input, 3), for a distributed Map's
// inner state too (it used to say "This state did not run").
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, runStatus, screenshot, setTheme, start, until, waitNode } from "../lib/app.mjs";

function mapMachine(processorConfig) {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-map-viewer-"));
  const file = join(dir, "iterations.asl.json");
  const machine = {
    StartAt: "Items",
    States: {
      Items: { Type: "Pass", Result: [1, 2, 3, 4, 5], Next: "Each" },
      Each: {
        Type: "Map",
        ToleratedFailureCount: 1,
        End: true,
        ItemProcessor: {
          ...processorConfig,
          StartAt: "Check",
          States: {
            Check: { Type: "Choice", Choices: [{ Variable: "$", NumericEquals: 3, Next: "Bad" }], Default: "Good" },
            Bad: { Type: "Fail", Error: "Three", Cause: "item 3 fails" },
            Good: { Type: "Pass", Parameters: { "item.$": "$" }, End: true },
          },
        },
      },
    },
  };
  writeFileSync(file, JSON.stringify(machine, null, 2));
  return file;
}

const rows = (browser) => browser.$$('[data-testid="map-iteration"]');

for (const [mode, processorConfig] of [
  ["inline", {}],
  ["distributed", { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" } }],
]) {
  test(`${mode} Map: 5 rows with 1 failed, the failed-only filter, and opening the failed one on the canvas`, async () => {
    const browser = await start(mapMachine(processorConfig));
    try {
      await waitNode(browser, "/States/Each");
      await byTestId(browser, "mode-run").click();
      await byTestId(browser, "run-start").click();
      await runStatus(browser, "SUCCEEDED");

      // Selecting the Map (by its title) shows its iterations.
      await (await (await waitNode(browser, "/States/Each")).$(".asl-node-title")).click();
      const table = await byTestId(browser, "map-iterations");
      await table.waitForDisplayed();
      await until(async () => (await rows(browser)).length === 5, "the table never showed 5 rows");
      const statuses = await rows(browser).map((r) => r.getAttribute("data-status"));
      assert.deepEqual(statuses, ["succeeded", "succeeded", "failed", "succeeded", "succeeded"]);
      assert.match(await byTestId(browser, "map-iterations-count").getText(), /5 iterations · 1 failed/);
      const failedRow = (await rows(browser))[2];
      assert.match(await failedRow.getProperty("textContent"), /Three: item 3 fails/);
      await setTheme(browser, "dark");
      await screenshot(browser, `map-viewer-${mode}-dark`);
      await setTheme(browser, "light");
      await screenshot(browser, `map-viewer-${mode}-light`);

      await byTestId(browser, "map-iterations-failed-only").click();
      await until(async () => (await rows(browser)).length === 1, "the filter did not keep one row");
      const only = (await rows(browser))[0];
      assert.equal(await only.getAttribute("data-index"), "2");

      // Opening it: Bad is selected and the inspector shows this iteration's input.
      await only.click();
      const inspector = await byTestId(browser, "run-inspector");
      await until(async () => (await inspector.$(".run-insp-name").getText()) === "Bad", "Bad was not selected");
      const input = await inspector.$('[data-stage="input"] pre');
      await until(async () => (await input.getText()).trim() === "3", "the inspector does not show the iteration's input");
      // The tab stays on the Map's iterations while one of them is open.
      assert.equal((await rows(browser)).length, 1);
      await screenshot(browser, `map-viewer-${mode}-opened`);
    } finally {
      await browser.deleteSession();
    }
  });
}
