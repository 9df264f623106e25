// The app debugs what an outside client runs (issue 15, item 7): Run mode starts the app's
// own Step Functions API server; a boto3 client (the real SDK, from PyPI) creates a state
// machine with the definition open in the app and calls StartSyncExecution; the execution
// stops at the app's breakpoint, is stepped and continued there, and the client's call
// returns the output it computed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { byTestId, chord, press, runStatus, screenshot, start, until, waitNode } from "../lib/app.mjs";

const machine = {
  Comment: "Adds a line item and totals an order.",
  StartAt: "AddItem",
  States: {
    AddItem: { Type: "Pass", Parameters: { "sku.$": "$.extra", "qty": 1 }, ResultPath: "$.added", Next: "Count" },
    Count: { Type: "Pass", Parameters: { "count.$": "States.ArrayLength($.items)", "added.$": "$.added.sku" }, ResultPath: "$.total", Next: "Done" },
    Done: { Type: "Pass", OutputPath: "$.total", End: true },
  },
};

/** The client: boto3 against the app's server, StartSyncExecution on an EXPRESS machine
 *  with the same definition; prints the response's status and output. */
const CLIENT_PY = `
import boto3, json, sys
from botocore.config import Config
url, definition = sys.argv[1], open(sys.argv[2]).read()
sfn = boto3.client("stepfunctions", endpoint_url=url, region_name="us-east-1",
                   aws_access_key_id="x", aws_secret_access_key="x",
                   config=Config(inject_host_prefix=False, read_timeout=120, retries={"max_attempts": 0}))
arn = sfn.create_state_machine(name="orders", definition=definition, type="EXPRESS",
                               roleArn="arn:aws:iam::123456789012:role/r")["stateMachineArn"]
out = sfn.start_sync_execution(stateMachineArn=arn, input=json.dumps({"items": ["a", "b"], "extra": "c"}))
print(json.dumps({"status": out["status"], "output": json.loads(out.get("output", "null"))}))
`;

/** Starts the app's API server on a free port from the Run panel; answers its URL. */
async function startServer(browser) {
  const port = await byTestId(browser, "serve-port");
  await port.click();
  await chord(browser, "Control", "a");
  await port.addValue("0");
  await byTestId(browser, "serve-start").click();
  const shown = await byTestId(browser, "serve-url");
  await shown.waitForDisplayed({ timeout: 10000 });
  // textContent: the section may sit below the panel's fold, where getText sees nothing.
  return browser.execute((el) => el.textContent, shown);
}

/** Runs the boto3 client script (from the venv the serve tests install) against `url`
 *  with the definition in `file`: its output so far, and a promise of its exit code. */
function runClient(script, url, file) {
  const venv = execFileSync("bash", [resolve("../serve/install.sh")]).toString().trim().split("\n").pop();
  const proc = spawn(join(venv, "bin/python"), [script, url, file]);
  const out = { stdout: "", stderr: "", proc };
  proc.stdout.on("data", (d) => (out.stdout += d));
  proc.stderr.on("data", (d) => (out.stderr += d));
  out.exited = new Promise((done) => proc.on("exit", done));
  return out;
}

test("a boto3 StartSyncExecution on the open machine pauses at the app's breakpoint; Step and Continue let it return", async () => {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-serve-"));
  const file = join(dir, "orders.asl.json");
  writeFileSync(file, JSON.stringify(machine, null, 2) + "\n");
  const script = join(dir, "client.py");
  writeFileSync(script, CLIENT_PY);
  const browser = await start(file);
  let client;
  try {
    await waitNode(browser, "/States/Count");
    await byTestId(browser, "mode-run").click();
    await (await waitNode(browser, "/States/Count")).click();
    await browser.keys(["F9"]);
    await until(async () => (await browser.$('[data-testid="breakpoint-gutter"][data-pointer="/States/Count"]').getAttribute("data-on")) === "true", "F9 set no breakpoint");
    const url = await startServer(browser);
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
    client = runClient(script, url, file);

    // The client's execution shows as this session's run, paused before Count.
    await Promise.race([
      runStatus(browser, "PAUSED", 30000),
      client.exited.then((code) => assert.fail(`the client ended (${code}) before the run paused: ${client.stdout} ${client.stderr}`)),
    ]);
    await screenshot(browser, "serve-attach-paused-light");
    const at = await byTestId(browser, "paused-at");
    assert.equal(await at.getAttribute("data-path"), "Count");
    assert.equal(client.stdout, "", "the client's call waits while the run is paused");
    // Step over Count: paused again, before Done.
    await byTestId(browser, "debug-step-over").click();
    await until(async () => (await byTestId(browser, "paused-at").getAttribute("data-path")) === "Done", "Step Over did not stop before Done", 15000);
    await byTestId(browser, "debug-continue").click();
    await runStatus(browser, "SUCCEEDED", 30000);

    assert.equal(await client.exited, 0, `the client failed: ${client.stderr}`);
    assert.deepEqual(JSON.parse(client.stdout), { status: "SUCCEEDED", output: { count: 2, added: "c" } });
    assert.deepEqual(JSON.parse(await byTestId(browser, "run-output").getText()), { count: 2, added: "c" });
  } finally {
    client?.proc.kill();
    await browser.deleteSession();
  }
});

test("a client's execution waiting for a task token shows the callback card; approving it answers the client", async () => {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-serve-token-"));
  const file = join(dir, "approval.asl.json");
  const approval = {
    Comment: "Waits for a person's answer.",
    StartAt: "AskManager",
    States: {
      AskManager: {
        Type: "Task",
        Resource: "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
        Parameters: { QueueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/approvals", MessageBody: { "token.$": "$$.Task.Token", "order.$": "$.order" } },
        End: true,
      },
    },
  };
  writeFileSync(file, JSON.stringify(approval, null, 2) + "\n");
  const script = join(dir, "client.py");
  writeFileSync(script, CLIENT_PY.replace('{"items": ["a", "b"], "extra": "c"}', '{"order": "A-1"}').replace('name="orders"', 'name="approval"'));
  const browser = await start(file);
  let client;
  try {
    await waitNode(browser, "/States/AskManager");
    await byTestId(browser, "mode-run").click();
    client = runClient(script, await startServer(browser), file);

    const card = await byTestId(browser, "callback");
    await Promise.race([
      card.waitForDisplayed({ timeout: 30000 }),
      client.exited.then((code) => assert.fail(`the client ended (${code}) before the task waited: ${client.stdout} ${client.stderr}`)),
    ]);
    await screenshot(browser, "serve-attach-callback-light");
    const output = await byTestId(browser, "callback-output");
    await output.click();
    await chord(browser, "Control", "a");
    await press(browser, '{"approved": true}');
    await byTestId(browser, "callback-approve").click();
    await runStatus(browser, "SUCCEEDED", 30000);
    assert.equal(await client.exited, 0, `the client failed: ${client.stderr}`);
    assert.deepEqual(JSON.parse(client.stdout), { status: "SUCCEEDED", output: { approved: true } });
  } finally {
    client?.proc.kill();
    await browser.deleteSession();
  }
});
