// The run protocol as a user sees it (issue 11): after Continue the run shows RUNNING at
// once, also while a long real-time Wait holds it (the UI used to stay PAUSED until
// something else happened, because the backend never told it the run had resumed).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, runStatus, start, until, waitNode, write } from "../lib/app.mjs";

const machine = {
  Comment: "A breakpoint before a ten-second wait on the real clock.",
  StartAt: "Prepare",
  States: {
    Prepare: { Type: "Pass", Result: { ready: true }, Next: "WaitTenSeconds" },
    WaitTenSeconds: { Type: "Wait", Seconds: 10, Next: "Done" },
    Done: { Type: "Succeed" },
  },
};

test("Continue at a breakpoint before a 10-second real-time Wait shows RUNNING during the wait, then SUCCEEDED", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "asl-e2e-wait-")), "wait.asl.json");
  write(file, JSON.stringify(machine, null, 2) + "\n");
  const browser = await start(file);
  try {
    const wait = "/States/WaitTenSeconds";
    await waitNode(browser, wait);
    await byTestId(browser, "mode-run").click();
    // Real time: the Wait really takes ten seconds.
    await until(async () => (await browser.$$('input[name="run-clock"]').length) === 2, "the clock options are not shown");
    await (await browser.$$('input[name="run-clock"]'))[1].click();
    await until(async () => (await browser.$$('input[name="run-clock"]'))[1].isSelected(), "Real time is not chosen");
    await (await waitNode(browser, wait)).click();
    await browser.keys(["F9"]);
    await until(async () => (await browser.$(`[data-testid="breakpoint-gutter"][data-pointer="${wait}"]`).getAttribute("data-on")) === "true", "F9 set no breakpoint");
    await byTestId(browser, "run-start").click();
    await runStatus(browser, "PAUSED");

    // Click Continue in the page and time the status chip's change there.
    const started = Date.now();
    const ms = await browser.executeAsync((done) => {
      const chip = document.querySelector('[data-testid="run-status"]');
      const t0 = performance.now();
      document.querySelector('[data-testid="debug-continue"]').click();
      const check = () => {
        const elapsed = performance.now() - t0;
        if (chip.dataset.status === "RUNNING") done(elapsed);
        else if (elapsed > 8000) done(-1);
        else setTimeout(check, 2);
      };
      check();
    });
    console.log(`continue -> RUNNING shown in ${Math.round(ms)} ms`);
    assert.ok(ms >= 0, "the run never showed RUNNING after Continue");
    // One batch of events is ~16 ms plus IPC and a render; the wait itself is 10 s.
    assert.ok(ms < 2000, `RUNNING came ${Math.round(ms)} ms after Continue`);
    // Still running, not paused, well into the wait.
    await browser.pause(3000);
    assert.equal(await byTestId(browser, "run-status").getAttribute("data-status"), "RUNNING");
    assert.equal(await byTestId(browser, "paused-at").isExisting(), false, "the pause point is still shown");
    await runStatus(browser, "SUCCEEDED", 30000);
    assert.ok(Date.now() - started >= 9000, "the Wait did not hold the run on the real clock");
  } finally {
    await browser.deleteSession();
  }
});
