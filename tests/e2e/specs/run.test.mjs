// Run mode on the real app: a mocked run to success, past runs, callbacks answered from
// the UI. (Issue #7; the debugger and tests-panel flows are still to come here.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, chord, copySample, press, read, screenshot, start, until, waitNode } from "../lib/app.mjs";

/** Switches to Run mode, picks the sample's mocks.json and sets the input text. */
async function prepare(browser, input) {
  await byTestId(browser, "mode-run").click();
  const picker = await byTestId(browser, "mock-picker");
  await picker.waitForDisplayed();
  await until(async () => (await picker.$$("option").map((o) => o.getAttribute("value"))).includes("mocks.json"), "mocks.json is not offered");
  await picker.selectByAttribute("value", "mocks.json");
  if (input !== undefined) {
    await browser.execute((text) => {
      const content = document.querySelector('[data-testid="run-panel"] .cm-content');
      const view = content && content.cmTile && content.cmTile.root && content.cmTile.root.view;
      if (view) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
    }, input);
  }
}

async function status(browser, wanted, timeout = 15000) {
  const chip = await byTestId(browser, "run-status");
  await until(async () => (await chip.getAttribute("data-status")) === wanted, `the run never became ${wanted}`, timeout);
}

test("order-processing runs with its mocks to success and shows the final output; past runs re-open", async () => {
  const file = copySample("order-processing");
  const before = read(file);
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/ValidateOrder");
    await prepare(browser, read(file.replace("order-processing.asl.json", "input.json")));
    await byTestId(browser, "run-start").click();
    await status(browser, "SUCCEEDED");
    const output = JSON.parse(await byTestId(browser, "run-output").getText());
    assert.equal(output.status, "CONFIRMED");
    assert.equal(output.amountCharged, 299);
    await screenshot(browser, "run-succeeded-light");

    // A second run that fails: no mocks, so ValidateOrder has nothing to answer it.
    await (await byTestId(browser, "mock-picker")).selectByAttribute("value", "#none");
    await byTestId(browser, "run-start").click();
    await status(browser, "FAILED");
    const runs = await browser.$$('[data-testid="run-list-item"]');
    assert.equal(runs.length, 2, "both runs are listed");
    // Re-open the first run from the list.
    await runs[runs.length - 1].click();
    await status(browser, "SUCCEEDED");
    assert.equal(read(file), before, "a run never changes the file");
  } finally {
    await browser.deleteSession();
  }
});

test("human approval: one run approved, another rejected, from the callback card", async () => {
  const file = copySample("human-approval");
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/RequestApproval");
    await prepare(browser, read(file.replace("human-approval.asl.json", "input.json")));
    for (const [answer, outcome] of [["approve", "SUCCEEDED"], ["reject", "FAILED"]]) {
      await byTestId(browser, "run-start").click();
      const card = await byTestId(browser, "callback");
      await card.waitForDisplayed({ timeout: 15000 });
      if (answer === "approve") {
        const output = await byTestId(browser, "callback-output");
        await output.click();
        await chord(browser, "Control", "a");
        await press(browser, '{"decision": "APPROVED", "approverId": "E10007"}');
        await screenshot(browser, "run-callback-light");
        await byTestId(browser, "callback-approve").click();
      } else {
        await (await byTestId(browser, "callback-error")).setValue("Rejected");
        await (await byTestId(browser, "callback-cause")).setValue("Over budget");
        await byTestId(browser, "callback-reject").click();
      }
      await status(browser, outcome);
    }
  } finally {
    await browser.deleteSession();
  }
});

test("the tests panel runs the sample's test file and draws its path coverage", async () => {
  const file = copySample("parallel-risk-analysis");
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/RunRiskChecks");
    await byTestId(browser, "mode-run").click();
    await byTestId(browser, "run-tab-tests").click();
    await byTestId(browser, "tests-run").click();
    const summary = await byTestId(browser, "tests-summary");
    await summary.waitForDisplayed({ timeout: 30000 });
    assert.match(await summary.getText(), /5 passed · 0 failed/);
    const cases = await browser.$$('[data-testid="test-case"]');
    assert.equal(cases.length, 5);
    // Coverage on the canvas: every state of this sample is exercised by some case.
    await until(async () => (await browser.$$(".react-flow__node.cov-hit")).length > 0, "no coverage marks on the canvas");
    const missed = await browser.$$(".react-flow__node.cov-miss").map((n) => n.getAttribute("data-id"));
    const hit = await browser.$$(".react-flow__node.cov-hit").map((n) => n.getAttribute("data-id"));
    assert.ok(hit.includes("/States/RunRiskChecks"), `hit: ${hit}`);
    await screenshot(browser, "run-tests-coverage-light");
    console.log(`coverage: ${hit.length} states hit, ${missed.length} missed (${missed.join(", ")})`);
  } finally {
    await browser.deleteSession();
  }
});
