// Run mode on the real app: a mocked run to success, past runs, callbacks answered from
// the UI. (Issue #7; the debugger and tests-panel flows are still to come here.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, chord, copySample, editorText, press, read, runStatus, screenshot, setEditorText, setTheme, start, until, waitNode } from "../lib/app.mjs";

/** Switches to Run mode, picks the sample's mocks.json and sets the input text. */
async function prepare(browser, input) {
  await byTestId(browser, "mode-run").click();
  const picker = await byTestId(browser, "mock-picker");
  await picker.waitForDisplayed();
  await until(async () => (await picker.$$("option").map((o) => o.getAttribute("value"))).includes("mocks.json"), "mocks.json is not offered");
  await picker.selectByAttribute("value", "mocks.json");
  if (input !== undefined) await setEditorText(browser, "run-input", input);
}

test("order-processing runs with its mocks to success and shows the final output; past runs re-open", async () => {
  const file = copySample("order-processing");
  const before = read(file);
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/ValidateOrder");
    // No input typed: the example input beside the machine is the run's input.
    await prepare(browser);
    const example = read(file.replace("order-processing.asl.json", "input.json"));
    await until(async () => (await editorText(browser, "run-input")) === example, "the input editor does not show input.json");
    await byTestId(browser, "run-start").click();
    await runStatus(browser, "SUCCEEDED");
    const output = JSON.parse(await byTestId(browser, "run-output").getText());
    assert.equal(output.status, "CONFIRMED");
    assert.equal(output.amountCharged, 299);
    await screenshot(browser, "run-succeeded-light");

    // A second run that fails: no mocks, so ValidateOrder has nothing to answer it.
    await (await byTestId(browser, "mock-picker")).selectByAttribute("value", "#none");
    await byTestId(browser, "run-start").click();
    await runStatus(browser, "FAILED");
    const runs = await browser.$$('[data-testid="run-list-item"]');
    assert.equal(runs.length, 2, "both runs are listed");
    // Re-open the first run from the list.
    await runs[runs.length - 1].click();
    await runStatus(browser, "SUCCEEDED");
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
      await runStatus(browser, outcome);
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

/** Where the run is: "PAUSED before <path>", or its status when not paused. */
const where = (browser) =>
  browser.execute(() => {
    const status = document.querySelector('[data-testid="run-status"]')?.dataset.status ?? "none";
    const at = document.querySelector('[data-testid="paused-at"]');
    return status === "PAUSED" && at ? `${at.dataset.place} ${at.dataset.path}` : status;
  });

test("a breakpoint in a Parallel branch pauses; step over and into; the input edited at a pause changes the output", async () => {
  const file = copySample("parallel-risk-analysis");
  const before = read(file);
  const browser = await start(file);
  try {
    const fraud = "/States/RunRiskChecks/Branches/1/States/FraudCheck";
    await waitNode(browser, fraud);
    await prepare(browser, read(file.replace("parallel-risk-analysis.asl.json", "input.json")));
    // F9 on the selected state sets its breakpoint; the gutter shows it.
    await (await waitNode(browser, fraud)).click();
    await browser.keys(["F9"]);
    await until(async () => (await browser.$(`[data-testid="breakpoint-gutter"][data-pointer="${fraud}"]`).getAttribute("data-on")) === "true", "F9 set no breakpoint");

    const pause = (wanted) => until(async () => ((await where(browser)) === wanted ? wanted : null), `the run did not pause ${wanted} (it is ${"${await where(browser)}"})`);
    const step = async (id, wanted) => {
      await byTestId(browser, id).click();
      await pause(wanted);
    };

    // Run 1: the breakpoint inside the branch holds the run there.
    await byTestId(browser, "run-start").click();
    await pause("beforeEnter RunRiskChecks/1/FraudCheck");
    await screenshot(browser, "run-paused-light");
    await setTheme(browser, "dark");
    await screenshot(browser, "run-paused-dark");
    await setTheme(browser, "light");
    // The branch's last state: stepping over it leaves the Parallel.
    await step("debug-step-over", "afterExit RunRiskChecks");
    await step("debug-step-over", "beforeEnter EvaluateRisk");
    await step("debug-step-into", "beforeEnter ApproveLoan");
    // The paused state is selected; its pending input is edited and applied.
    const pending = await byTestId(browser, "pending-input");
    await pending.waitForDisplayed();
    await pending.click();
    await chord(browser, "Control", "a");
    await press(browser, '{"applicationId": "LOAN-EDITED", "loan": {"amount": 30000, "termMonths": 36}, "risk": {"creditScore": 700}}');
    await byTestId(browser, "pending-apply").click();
    await byTestId(browser, "debug-continue").click();
    await runStatus(browser, "SUCCEEDED");
    const edited = JSON.parse(await byTestId(browser, "run-output").getText());
    assert.deepEqual(edited, { applicationId: "LOAN-EDITED", decision: "APPROVED", approvedAmount: 30000, termMonths: 36, risk: { creditScore: 700 } });

    // Run 2: a breakpoint on the Parallel itself (from its gutter), and Step into goes
    // into its first branch.
    const gutter = await browser.$('[data-testid="breakpoint-gutter"][data-pointer="/States/RunRiskChecks"]');
    await gutter.click();
    await until(async () => (await gutter.getAttribute("data-on")) === "true", "the gutter set no breakpoint");
    await byTestId(browser, "run-start").click();
    await pause("beforeEnter RunRiskChecks");
    await step("debug-step-into", "beforeEnter RunRiskChecks/0/CreditCheck");
    await step("debug-continue", "beforeEnter RunRiskChecks/1/FraudCheck");
    await byTestId(browser, "debug-continue").click();
    await runStatus(browser, "SUCCEEDED");
    const plain = JSON.parse(await byTestId(browser, "run-output").getText());
    assert.equal(plain.approvedAmount, 25000, "the edit belonged to the first run only");
    assert.equal(plain.applicationId, "LOAN-2026-004518");

    // Re-run from a state: the first run's ApproveLoan, with the input it was given there
    // (the edited one), runs again from that state alone.
    const runs = await browser.$$('[data-testid="run-list-item"]');
    await runs[runs.length - 1].click();
    await (await waitNode(browser, "/States/ApproveLoan")).click();
    const rerun = await byTestId(browser, "rerun-from-here");
    await rerun.waitForEnabled();
    await rerun.click();
    await until(async () => (await browser.$$('[data-testid="run-list-item"]')).length === 3, "no third run in the list");
    await runStatus(browser, "SUCCEEDED");
    assert.deepEqual(JSON.parse(await byTestId(browser, "run-output").getText()), edited, "the re-run from ApproveLoan used its recorded input");
    assert.equal(read(file), before, "a run never changes the file");
  } finally {
    await browser.deleteSession();
  }
});
