// The Patterns tab (issue #12, item 6): each pattern dropped on the arrow into End of a
// one-state machine leaves no problem, runs with mocks to success, and one Ctrl+Z takes
// the whole drop back.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, chord, drag, edgeMiddle, editorText, runStatus, screenshot, setTheme, start, until, waitNode } from "../lib/app.mjs";

const MACHINE = JSON.stringify({ StartAt: "Begin", States: { Begin: { Type: "Pass", End: true } } }, null, 2) + "\n";

/** What each pattern's Tasks answer (plain mocks: a result per call, in order). */
const MOCKS = {
  "Call Service": [{ return: { Payload: { ok: true } } }],
  "Request Approval": [{ return: { approved: true } }],
  "Start Job": [{ return: { Payload: { jobId: "j-1" } } }],
  "Get Job Status": [{ return: { Payload: { status: "RUNNING" } } }, { return: { Payload: { status: "SUCCEEDED" } } }],
  "Get Customer": [{ return: { Payload: { name: "Ann" } } }],
  "Get Orders": [{ return: { Payload: [1, 2] } }],
  "Process Object": [{ return: { Payload: { done: true } } }, { return: { Payload: { done: true } } }],
  "Reserve Flight": [{ return: { Payload: { id: "F1" } } }],
  "Reserve Hotel": [{ return: { Payload: { id: "H1" } } }],
  "Charge Payment": [{ return: { Payload: { id: "P1" } } }],
  "Run Child Workflow": [{ return: { Output: { done: true } } }],
  "Do Work": [{ return: { Payload: { done: true } } }],
  "Notify Done": [{ return: { MessageId: "1" } }],
};

/** Each pattern and the state it starts with. */
const PATTERNS = [
  ["pattern-retry-notify", "Call Service"],
  ["pattern-approval", "Request Approval"],
  ["pattern-poll", "Start Job"],
  ["pattern-fan-out", "Fan Out"],
  ["pattern-distributed-s3", "Process Objects"],
  ["pattern-saga", "Reserve Flight"],
  ["pattern-nested", "Run Child Workflow"],
  ["pattern-finally", "Do Work"],
];

/** A folder with the machine, its mocks and the objects the S3 listing finds (the
 *  `bucket/` folder beside a machine stands in for every bucket). */
function machineDir() {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-patterns-"));
  writeFileSync(join(dir, "flow.asl.json"), MACHINE);
  writeFileSync(join(dir, "mocks.json"), JSON.stringify(MOCKS, null, 2));
  mkdirSync(join(dir, "bucket", "incoming"), { recursive: true });
  writeFileSync(join(dir, "bucket", "incoming", "a.json"), '{"a": 1}');
  writeFileSync(join(dir, "bucket", "incoming", "b.json"), '{"b": 2}');
  return join(dir, "flow.asl.json");
}

for (const [id, entry] of PATTERNS) {
  test(`${id}: dropped, no problems, runs with mocks to success, one undo step`, async () => {
    const browser = await start(machineDir());
    try {
      await waitNode(browser, "/States/Begin");
      const edge = await edgeMiddle(browser, "/States/Begin", "#end");
      const item = await byTestId(browser, `browser-item-${id}`);
      await item.waitForExist({ timeout: 5000 });
      await item.scrollIntoView({ block: "center" });
      await drag(browser, item, edge);
      await waitNode(browser, `/States/${entry}`);
      await until(async () => (await browser.$(".status-ok").isExisting()) || null, `${id} left problems`);
      if (id === "pattern-saga") {
        await setTheme(browser, "light");
        await screenshot(browser, "pattern-saga-light");
        await setTheme(browser, "dark");
        await screenshot(browser, "pattern-saga-dark");
        await setTheme(browser, "light");
      }

      await byTestId(browser, "mode-run").click();
      const picker = await byTestId(browser, "mock-picker");
      await until(async () => (await picker.getValue()) === "mocks.json" || null, "mocks.json beside the machine is not preselected");
      await byTestId(browser, "run-start").click();
      // A task-token wait shows its callback card, the answer filled from the mock.
      const card = await byTestId(browser, "callback");
      const status = await byTestId(browser, "run-status");
      await until(async () => (await card.isDisplayed()) || ["SUCCEEDED", "FAILED"].includes(await status.getAttribute("data-status")) || null, `${id} never finished`, 30000);
      if (await card.isDisplayed()) await byTestId(browser, "callback-approve").click();
      await runStatus(browser, "SUCCEEDED");

      await byTestId(browser, "mode-design").click();
      await waitNode(browser, `/States/${entry}`);
      await chord(browser, "Control", "z");
      await browser.$(`.react-flow__node[data-id="/States/${entry}"]`).waitForExist({ reverse: true, timeout: 5000 });
      await byTestId(browser, "mode-code").click();
      assert.equal(await until(async () => ((await editorText(browser)) === MACHINE ? MACHINE : null), "one undo did not give back the machine"), MACHINE);
    } finally {
      await browser.deleteSession();
    }
  });
}
