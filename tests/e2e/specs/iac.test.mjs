// A state machine of a SAM template with two machines (issue 16): opened as FILE#ID, edited
// on the canvas, saved: the template changes only on the edited line of that definition.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, changedLines, chord, press, read, start, waitNode } from "../lib/app.mjs";

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
