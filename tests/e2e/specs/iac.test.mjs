// A state machine of a SAM template with two machines (issue 16): opened as FILE#ID, edited
// on the canvas, saved: the template changes only on the edited line of that definition.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, changedLines, chord, drag, edgeMiddle, press, read, runStatus, screenshot, start, until, waitNode } from "../lib/app.mjs";

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Work:
    Type: AWS::Serverless::Function
  First:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Call
        States:
          Call:
            Type: Task
            Resource: !GetAtt Work.Arn
            Next: Done
          Done:
            Type: Succeed
  Second:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Only
        States:
          Only: {Type: Pass, End: true}
`;

test("a machine of a template: edit on the canvas, save, only its line changes", async () => {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-iac-"));
  const file = join(dir, "template.yaml");
  writeFileSync(file, TEMPLATE);
  const browser = await start(`${file}#First`);
  try {
    await (await waitNode(browser, "/States/Done")).click();
    await byTestId(browser, "inspector-tab-docs").click();
    const field = await browser.$(`[data-testid="inspector"] textarea[data-pointer="/States/Done/Comment"]`);
    await field.waitForDisplayed();
    await field.click();
    await press(browser, "All done", "Tab");
    await byTestId(browser, "dirty").waitForExist({ timeout: 5000 });
    await chord(browser, "Control", "s");
    await byTestId(browser, "dirty").waitForExist({ reverse: true, timeout: 5000 });
    const { removed, added } = changedLines(TEMPLATE, read(file));
    assert.deepEqual(removed, []);
    assert.deepEqual(added, ["            Comment: All done"]);
  } finally {
    await browser.deleteSession();
  }
});

const GREETINGS = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Greet:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionSubstitutions:
        Greeting: hello from the template
      Definition:
        StartAt: Say
        States:
          Say:
            Type: Pass
            Result:
              message: \${Greeting}
              audience: \${Audience}
            End: true
  Other:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Only
        States:
          Only: {Type: Pass, End: true}
`;

test("a two-machine template: the machine picked, a state dragged in, saved as those lines only, run with the template's substitution", async () => {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-iac-run-"));
  const file = join(dir, "template.yaml");
  writeFileSync(file, GREETINGS);
  // The template itself, as a user opens it: the app asks which machine.
  const browser = await start(file);
  try {
    const picker = await byTestId(browser, "machine-picker");
    await picker.waitForDisplayed({ timeout: 15000 });
    await screenshot(browser, "iac-machine-picker-light");
    await byTestId(browser, "machine-Greet").click();
    await waitNode(browser, "/States/Say");
    const before = new Set(await browser.$$(".react-flow__node").map((n) => n.getAttribute("data-id")));
    await drag(browser, await byTestId(browser, "browser-item-Pass"), await edgeMiddle(browser, "#start", "/States/Say"));
    const added = await until(async () => {
      const ids = await browser.$$(".react-flow__node").map((n) => n.getAttribute("data-id"));
      return ids.find((id) => !before.has(id) && id.startsWith("/States/"));
    }, "no new state on the canvas after the drop");
    const name = added.slice("/States/".length);
    await byTestId(browser, "dirty").waitForExist({ timeout: 5000 });
    await chord(browser, "Control", "s");
    await byTestId(browser, "dirty").waitForExist({ reverse: true, timeout: 5000 });
    const saved = read(file);
    // Only Greet's definition changed: StartAt, and the new state before Say (the window
    // changedLines returns also holds "States:", on both sides: unchanged).
    const window = changedLines(GREETINGS, saved);
    const removed = window.removed.filter((l) => !window.added.includes(l));
    const lines = window.added.filter((l) => !window.removed.includes(l));
    assert.deepEqual(removed, ["        StartAt: Say"], saved);
    assert.deepEqual(lines, [`        StartAt: ${name}`, `          ${name}:`, "            Type: Pass", "            Next: Say"], saved);
    assert.ok(saved.endsWith("          Only: {Type: Pass, End: true}\n") && saved.includes("message: ${Greeting}"), "the rest is as it was");

    // The run resolves ${Greeting} from DefinitionSubstitutions; ${Audience}, which the
    // template does not declare, gets the user's value; the file keeps both as written.
    await byTestId(browser, "mode-run").click();
    const row = (name) => browser.$(`[data-testid="substitution"][data-name="${name}"]`);
    await (await row("Greeting")).waitForExist({ timeout: 5000 });
    assert.equal(await (await row("Greeting")).getAttribute("data-origin"), "template");
    assert.equal(await (await row("Audience")).getAttribute("data-origin"), "unresolved");
    const value = await (await row("Audience")).$("input");
    await value.click();
    await press(browser, "world", "Enter");
    await until(async () => (await (await row("Audience")).getAttribute("data-origin")) === "user", "the value was not taken");
    await screenshot(browser, "iac-substitutions-light");
    await byTestId(browser, "run-start").click();
    await runStatus(browser, "SUCCEEDED");
    assert.deepEqual(JSON.parse(await byTestId(browser, "run-output").getText()), { message: "hello from the template", audience: "world" });
    assert.equal(read(file), saved, "a run never changes the file");
  } finally {
    await browser.deleteSession();
  }
  // The value is remembered for this machine of this file.
  const again = await start(`${file}#Greet`);
  try {
    await byTestId(again, "mode-run").click();
    const audience = await again.$(`[data-testid="substitution"][data-name="Audience"]`);
    await audience.waitForExist({ timeout: 5000 });
    assert.equal(await audience.getAttribute("data-origin"), "user");
    assert.equal(await (await audience.$("input")).getValue(), "world");
  } finally {
    await again.deleteSession();
  }
});
