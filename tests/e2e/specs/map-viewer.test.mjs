// The Map run viewer (issue 13, item 4) on the real app: a 5-item Map whose third item
// fails, one failure tolerated, inline and distributed (its child executions). Selecting
// the Map lists its iterations in the Iterations tab — 5 rows, 1 failed —, "Failed only"
// keeps that one, and a click opens it on the canvas: the failing state is selected and
// the inspector shows that iteration's execution (its input, 3), for a distributed Map's
// inner state too (it used to say "This state did not run").
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, runStatus, screenshot, setTheme, start, until, waitNode } from "../lib/app.mjs";
import { failingMap, machineFile } from "../lib/machines.mjs";

const rows = (browser) => browser.$$('[data-testid="map-iteration"]');
/** The rows as the DOM has them now, read in one go: the table may re-render between two
 *  WebDriver calls (it re-reads while a Map runs), which made element handles stale. */
const rowData = (browser) =>
  browser.execute(() =>
    [...document.querySelectorAll('[data-testid="map-iteration"]')].map((r) => ({ status: r.dataset.status, index: r.dataset.index, text: r.textContent })),
  );

for (const [mode, processorConfig] of [
  ["inline", {}],
  ["distributed", { ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "EXPRESS" } }],
]) {
  test(`${mode} Map: 5 rows with 1 failed, the failed-only filter, and opening the failed one on the canvas`, async () => {
    const browser = await start(machineFile("iterations.asl.json", failingMap({ map: { ToleratedFailureCount: 1 }, processor: processorConfig, good: { Type: "Pass", Parameters: { "item.$": "$" }, End: true } })));
    try {
      await waitNode(browser, "/States/Each");
      await byTestId(browser, "mode-run").click();
      await byTestId(browser, "run-start").click();
      await runStatus(browser, "SUCCEEDED");

      // Selecting the Map (by its title) shows its iterations.
      await (await (await waitNode(browser, "/States/Each")).$(".asl-node-title")).click();
      const table = await byTestId(browser, "map-iterations");
      await table.waitForDisplayed();
      const want = ["succeeded", "succeeded", "failed", "succeeded", "succeeded"];
      const shown = await until(async () => {
        const data = await rowData(browser);
        return JSON.stringify(data.map((r) => r.status)) === JSON.stringify(want) ? data : null;
      }, "the table never showed the 5 iterations with the third failed");
      assert.match(await byTestId(browser, "map-iterations-count").getText(), /5 iterations · 1 failed/);
      assert.match(shown[2].text, /Three: item 3 fails/);
      await setTheme(browser, "dark");
      await screenshot(browser, `map-viewer-${mode}-dark`);
      await setTheme(browser, "light");
      await screenshot(browser, `map-viewer-${mode}-light`);

      await byTestId(browser, "map-iterations-failed-only").click();
      await until(async () => (await rowData(browser)).length === 1, "the filter did not keep one row");
      assert.equal((await rowData(browser))[0].index, "2");

      // Opening it: Bad is selected and the inspector shows this iteration's input.
      await (await rows(browser))[0].click();
      const inspector = await byTestId(browser, "run-inspector");
      await until(async () => (await inspector.$(".run-insp-name").getText()) === "Bad", "Bad was not selected");
      const input = await inspector.$('[data-stage="input"] pre');
      await until(async () => (await input.getText()).trim() === "3", "the inspector does not show the iteration's input");
      // The tab stays on the Map's iterations while one of them is open.
      assert.equal((await rowData(browser)).length, 1);
      await screenshot(browser, `map-viewer-${mode}-opened`);
    } finally {
      await browser.deleteSession();
    }
  });
}
