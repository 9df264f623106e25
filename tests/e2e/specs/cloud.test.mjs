// Cloud mode against a Step Functions API (issue 17): `asl serve` stands in for AWS (the
// app talks to it through the real AWS SDK for Rust, as it would to AWS). A user opens a
// deployed machine from the account list, edits it, sees the diff as text and on the
// diagram, deploys, starts a cloud execution and watches it run to the end.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, press, runStatus, screenshot, setEditorText, setTheme, start, until, waitNode } from "../lib/app.mjs";

const MACHINE = {
  Comment: "Greets whoever comes.",
  StartAt: "Greet",
  States: {
    Greet: { Type: "Pass", Parameters: { "greeting.$": "States.Format('Hello, {}!', $.name)" }, Next: "Pause" },
    Pause: { Type: "Wait", Seconds: 1, Next: "Done" },
    Done: { Type: "Succeed" },
  },
};

/** `asl serve` on a free port; resolves its URL and the process. */
function serve() {
  const proc = spawn(process.env.ASL_BIN, ["serve", "--port", "0"]);
  return new Promise((resolve, reject) => {
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
      const url = out.match(/^listening on (\S+)/m)?.[1];
      if (url) resolve({ url, proc });
    });
    proc.on("exit", (code) => reject(new Error(`asl serve exited ${code}: ${out}`)));
  });
}

test("a deployed machine: opened from the account, edited, diffed, deployed, run in the cloud to its end", async () => {
  const { url, proc } = await serve();
  try {
    await fromTheAccount(url);
  } finally {
    // Whatever failed, the server goes: a child left running keeps the test file alive.
    proc.kill();
  }
});

async function fromTheAccount(url) {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-cloud-"));
  const file = join(dir, "greeter.asl.json");
  writeFileSync(file, JSON.stringify(MACHINE, null, 2));
  // The machine in the "account", deployed as a user's CI would.
  execFileSync(process.env.ASL_BIN, ["aws", "deploy", file, "--name", "Greeter", "--role-arn", "arn:aws:iam::123456789012:role/sfn", "--yes", "--endpoint-url", url]);
  const browser = await start();
  try {
    await byTestId(browser, "open-aws").click();
    const endpoint = await byTestId(browser, "aws-endpoint");
    await endpoint.click();
    await endpoint.addValue(url);
    await byTestId(browser, "aws-connect").click();
    const item = await browser.$('[data-testid="aws-machine"][data-name="Greeter"]');
    await item.waitForDisplayed({ timeout: 15000 });
    await screenshot(browser, "cloud-account-list-light");
    await item.click();

    // Opened, linked, and the same as deployed.
    await waitNode(browser, "/States/Greet");
    assert.match(await byTestId(browser, "aws-link").getText(), /stateMachine:Greeter$/);

    // An edit: the Wait waits longer.
    await byTestId(browser, "mode-design").click();
    await (await waitNode(browser, "/States/Pause")).click();
    const seconds = await browser.$('[data-testid="inspector"] input[data-pointer="/States/Pause/Seconds"]');
    await seconds.waitForDisplayed();
    await seconds.click();
    await press(browser, "End", "Backspace", "2", "Tab");
    await byTestId(browser, "mode-cloud").click();
    await byTestId(browser, "aws-compare").click();
    const summary = await byTestId(browser, "cloud-diff-summary");
    await until(async () => (await summary.getText()) === "1 changed", "the diff never said 1 changed");
    const pause = await browser.$('.react-flow__node[data-id="/States/Pause"]');
    assert.match(await pause.getAttribute("class"), /diff-changed/);
    assert.match(await byTestId(browser, "cloud-text-diff").getText(), /"Seconds": 2/);
    await screenshot(browser, "cloud-diff-light");
    await setTheme(browser, "dark");
    await screenshot(browser, "cloud-diff-dark");
    await setTheme(browser, "light");

    // Deploy, confirmed; the machine in the account is now the local one.
    await byTestId(browser, "aws-deploy").click();
    await byTestId(browser, "deploy-confirm-ok").click();
    await until(async () => (await summary.getText()) === "Same as deployed.", "the deploy did not take");
    const deployed = JSON.parse(execFileSync(process.env.ASL_BIN, ["aws", "list", "--format", "json", "--endpoint-url", url]).toString());
    const pulled = execFileSync(process.env.ASL_BIN, ["aws", "pull", deployed[0].arn, "--endpoint-url", url]).toString();
    assert.equal(JSON.parse(pulled).States.Pause.Seconds, 2);

    // A cloud execution, followed in Run mode to its end.
    await setEditorText(browser, "cloud-input", '{"name": "Ada"}');
    await byTestId(browser, "aws-start").click();
    await runStatus(browser, "SUCCEEDED");
    for (const s of ["Greet", "Pause", "Done"]) {
      const node = await browser.$(`.react-flow__node[data-id="/States/${s}"]`);
      await until(async () => /run-succeeded/.test(await node.getAttribute("class")), `${s} not shown as run`);
    }
    assert.deepEqual(JSON.parse(await byTestId(browser, "run-output").getText()), { greeting: "Hello, Ada!" });
    await screenshot(browser, "cloud-run-light");

    // Replayed from its history: at the Wait's entry, Greet is done and Pause runs.
    const scrub = await byTestId(browser, "run-scrub");
    await scrub.waitForExist({ timeout: 5000 });
    await browser.execute((el) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set.call(el, "4");
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }, scrub);
    assert.match(await byTestId(browser, "run-scrub-at").getText(), /Event 4 of \d+: WaitStateEntered · Pause/);
    const classOf = async (s) => (await browser.$(`.react-flow__node[data-id="/States/${s}"]`)).getAttribute("class");
    await until(async () => /run-running/.test(await classOf("Pause")), "the replay did not show Pause running");
    assert.match(await classOf("Greet"), /run-succeeded/);
    assert.doesNotMatch(await classOf("Done"), /run-succeeded/);
  } finally {
    await browser.deleteSession();
  }
}
