// Run details (issue 13, item 4) on the real app: the mocks a file starts with, the
// counts an inline Map's badge shows, the Approve box of a callback, the timeline of a
// virtual-clock run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, chord, copySample, press, read, runStatus, screenshot, setEditorText, start, until, waitNode } from "../lib/app.mjs";
import { failingMap, machineFile } from "../lib/machines.mjs";

/** The value the mock picker shows once the files beside the machine are listed. */
async function pickerValue(browser, file = "mocks.json") {
  const picker = await byTestId(browser, "mock-picker");
  await picker.waitForDisplayed();
  await until(async () => (await picker.$$("option").map((o) => o.getAttribute("value"))).includes(file), `${file} is not offered`);
  return browser.execute(() => document.querySelector('[data-testid="mock-picker"]').value);
}

test("a machine with mocks.json beside it runs with those mocks without touching the picker; a choice is remembered", async () => {
  const file = copySample("order-processing");
  let browser = await start(file);
  try {
    await waitNode(browser, "/States/ValidateOrder");
    await byTestId(browser, "mode-run").click();
    assert.equal(await pickerValue(browser), "mocks.json", "the picker starts on mocks.json");
    await byTestId(browser, "run-start").click();
    await runStatus(browser, "SUCCEEDED");
    await screenshot(browser, "run-details-mocks-preselected");
    // The user's own choice wins from then on, across restarts.
    await (await byTestId(browser, "mock-picker")).selectByAttribute("value", "#none");
  } finally {
    await browser.deleteSession();
  }
  browser = await start(file);
  try {
    await waitNode(browser, "/States/ValidateOrder");
    await byTestId(browser, "mode-run").click();
    assert.equal(await pickerValue(browser), "#none", "the picker remembers No mocks for this file");
    await byTestId(browser, "run-start").click();
    await runStatus(browser, "FAILED");
  } finally {
    await browser.deleteSession();
  }
});


for (const [name, tolerance] of [
  ["ToleratedFailureCount 1", { ToleratedFailureCount: 1 }],
  ["ToleratedFailurePercentage 20", { ToleratedFailurePercentage: 20 }],
]) {
  test(`an inline Map of 5 items with one failed iteration (${name}) shows "5 of 5 · 1 failed"`, async () => {
    const browser = await start(machineFile("tolerated.asl.json", failingMap({ map: { MaxConcurrency: 1, ...tolerance } })));
    try {
      await waitNode(browser, "/States/Each");
      await byTestId(browser, "mode-run").click();
      await byTestId(browser, "run-start").click();
      await runStatus(browser, "SUCCEEDED");
      const badge = await browser.$('[data-testid="map-progress"]');
      await badge.waitForDisplayed();
      await until(async () => (await badge.getText()).includes("5 of 5"), `the badge says "${await badge.getText()}"`);
      assert.equal((await badge.getText()).trim(), "5 of 5 · 1 failed");
      if (name.includes("Count")) await screenshot(browser, "run-details-map-badge");
    } finally {
      await browser.deleteSession();
    }
  });
}

/** The Approve box's text once the callback card shows. */
async function approveBox(browser) {
  const card = await byTestId(browser, "callback");
  await card.waitForDisplayed({ timeout: 15000 });
  return (await byTestId(browser, "callback-output")).getValue();
}

test("the Approve box starts from the mocks' answer, then from the last answer approved for that state", async () => {
  const file = copySample("human-approval");
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/RequestApproval");
    await byTestId(browser, "mode-run").click();
    const picker = await byTestId(browser, "mock-picker");
    await until(async () => (await picker.$$("option").map((o) => o.getAttribute("value"))).includes("mocks.json"), "mocks.json is not offered");
    await picker.selectByAttribute("value", "mocks.json");
    await setEditorText(browser, "run-input", read(file.replace("human-approval.asl.json", "input.json")));
    // Run 1: approved as it starts (the mock's decision); the sample's Choice accepts it.
    await byTestId(browser, "run-start").click();
    const first = JSON.parse(await approveBox(browser));
    assert.equal(first.decision, "APPROVED", "the box starts from the mock's answer");
    await screenshot(browser, "run-details-approve-box");
    await byTestId(browser, "callback-approve").click();
    await runStatus(browser, "SUCCEEDED");
    // Run 2: the user approves a different answer…
    await byTestId(browser, "run-start").click();
    await approveBox(browser);
    await (await byTestId(browser, "callback-output")).click();
    await chord(browser, "Control", "a");
    await press(browser, '{"decision": "APPROVED", "approverId": "E20001"}');
    await byTestId(browser, "callback-approve").click();
    await runStatus(browser, "SUCCEEDED");
    // …which run 3 starts from.
    await byTestId(browser, "run-start").click();
    assert.equal(JSON.parse(await approveBox(browser)).approverId, "E20001", "the box starts from the last answer approved");
    await byTestId(browser, "callback-approve").click();
    await runStatus(browser, "SUCCEEDED");
  } finally {
    await browser.deleteSession();
  }
});

test("the timeline of a virtual-clock run shows the time the execution's own clock measured", async () => {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-waits-"));
  const file = join(dir, "waits.asl.json");
  const machine = {
    StartAt: "Prepare",
    States: {
      Prepare: { Type: "Pass", Next: "WaitForBatch" },
      WaitForBatch: { Type: "Wait", Seconds: 90, Next: "Cooldown" },
      Cooldown: { Type: "Wait", Seconds: 3, Next: "Done" },
      Done: { Type: "Succeed" },
    },
  };
  writeFileSync(file, JSON.stringify(machine, null, 2));
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/WaitForBatch");
    await byTestId(browser, "mode-run").click();
    await byTestId(browser, "run-start").click();
    await runStatus(browser, "SUCCEEDED");
    await byTestId(browser, "run-tab-timeline").click();
    const timeline = await byTestId(browser, "timeline");
    await timeline.waitForDisplayed();
    await until(async () => (await browser.$$('[data-testid="timeline-bar"]')).length === 4, "the timeline has no 4 bars");
    const bars = await browser.execute(() =>
      [...document.querySelectorAll('[data-testid="timeline-bar"]')].map((b) => [b.querySelector(".tname").textContent, b.querySelector(".tdur").textContent]),
    );
    const duration = Object.fromEntries(bars);
    assert.equal(duration.WaitForBatch, "1m 30s", `bars: ${JSON.stringify(bars)}`);
    assert.equal(duration.Cooldown, "3 s");
    assert.equal(duration.Prepare, "0 ms");
    assert.match(await timeline.getText(), /virtual time/i, "the timeline says whose clock it shows");
    await screenshot(browser, "run-details-timeline-virtual");
  } finally {
    await browser.deleteSession();
  }
});

test("the history streams while a run goes: a real-time Wait shows the events so far, no Load button needed", async () => {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-live-"));
  const file = join(dir, "live.asl.json");
  const machine = {
    StartAt: "Prepare",
    States: {
      Prepare: { Type: "Pass", Next: "Hold" },
      Hold: { Type: "Wait", Seconds: 6, Next: "Done" },
      Done: { Type: "Succeed" },
    },
  };
  writeFileSync(file, JSON.stringify(machine, null, 2));
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/Hold");
    await byTestId(browser, "mode-run").click();
    await until(async () => (await browser.$$('input[name="run-clock"]').length) === 2, "the clock options are not shown");
    await (await browser.$$('input[name="run-clock"]'))[1].click();
    await byTestId(browser, "run-start").click();
    await runStatus(browser, "RUNNING");
    // During the six-second wait, with nobody asking: the rows so far.
    const types = () => browser.execute(() => [...document.querySelectorAll('[data-testid="history-row"]')].map((r) => r.textContent));
    await until(async () => (await types()).some((t) => t.includes("WaitStateEntered")), "the history shows nothing while the run waits", 4000);
    assert.equal(await byTestId(browser, "run-status").getAttribute("data-status"), "RUNNING", "still running");
    assert.ok(!(await types()).some((t) => t.includes("ExecutionSucceeded")));
    await screenshot(browser, "run-details-history-live");
    await runStatus(browser, "SUCCEEDED", 20000);
    await until(async () => (await types()).some((t) => t.includes("ExecutionSucceeded")), "the finished history is not shown");
  } finally {
    await browser.deleteSession();
  }
});

test("without mocks, the Approve box starts shaped for the Choice that follows, which then takes its first branch", async () => {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-approve-"));
  const file = join(dir, "approve.asl.json");
  const machine = {
    StartAt: "AskManager",
    States: {
      AskManager: {
        Type: "Task",
        Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        Parameters: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/approvals", MessageBody: { "token.$": "$$.Task.Token" } },
        ResultPath: "$.answer",
        Next: "Decide",
      },
      Decide: {
        Type: "Choice",
        Choices: [{ Variable: "$.answer.verdict", StringEquals: "OK", Next: "Approved" }],
        Default: "Unexpected",
      },
      Approved: { Type: "Succeed" },
      Unexpected: { Type: "Fail", Error: "UnexpectedAnswer" },
    },
  };
  writeFileSync(file, JSON.stringify(machine, null, 2));
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/AskManager");
    await byTestId(browser, "mode-run").click();
    await byTestId(browser, "run-start").click();
    assert.deepEqual(JSON.parse(await approveBox(browser)), { verdict: "OK" });
    await byTestId(browser, "callback-approve").click();
    await runStatus(browser, "SUCCEEDED");
  } finally {
    await browser.deleteSession();
  }
});
