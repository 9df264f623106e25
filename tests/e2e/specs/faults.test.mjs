// The app under faults (issue 19, item 4): killed mid-edit, saving onto a read-only
// folder or a full disk, the open file replaced by a binary or a 50 MB file, a run
// flooding events while the user types. Nothing is lost in any of them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, chord, copySample, editorText, read, runStatus, setComment, start, until, waitNode, write } from "../lib/app.mjs";

/** The comment typed, and the document dirty with it. */
async function comment(browser, pointer, text) {
  await setComment(browser, pointer, text);
  await byTestId(browser, "dirty").waitForExist({ timeout: 5000 });
}

const codeText = async (browser) => {
  await byTestId(browser, "mode-code").click();
  return until(() => editorText(browser, "code-view"), "no code view");
};

/** Mounts (or remounts) with `mount`; false when this machine does not let us. */
function mount(...args) {
  try {
    execFileSync("mount", args, { stdio: "pipe" });
    return true;
  } catch (e) {
    if (/permission denied|not permitted|must be superuser/i.test(String(e.stderr))) return false;
    throw e;
  }
}

test("killed in the middle of an edit: the next start offers the draft, identical to the text before the kill", async () => {
  const file = copySample("order-processing");
  const original = read(file);
  let browser = await start(file);
  let before;
  try {
    await comment(browser, "/States/OrderCompleted", "unsaved work");
    before = await codeText(browser);
    assert.match(before, /unsaved work/);
    // The draft is written off the UI thread; the kill comes once the edit is typed, as
    // a crash would.
    await new Promise((r) => setTimeout(r, 1500));
    const pid = execFileSync("pgrep", ["-n", "-f", process.env.ASL_STUDIO_BIN]).toString().trim();
    execFileSync("kill", ["-9", pid]);
  } finally {
    await browser.deleteSession().catch(() => {});
  }
  assert.equal(read(file), original, "the file was never written");
  browser = await start();
  try {
    const draft = await byTestId(browser, "draft");
    await draft.waitForDisplayed({ timeout: 10000 });
    await byTestId(browser, "draft-restore").click();
    await waitNode(browser, "/States/OrderCompleted");
    assert.equal(await codeText(browser), before);
    await byTestId(browser, "dirty").waitForExist({ timeout: 5000 });
  } finally {
    await browser.deleteSession();
  }
});

test("saving onto a read-only folder or a full disk: a clear message, the file intact, the edit kept", async (t) => {
  if (process.getuid?.() !== 0) return t.skip("mounting a read-only folder and a small disk needs root");
  for (const fault of ["read-only", "full"]) {
    const dir = mkdtempSync(join(tmpdir(), `asl-e2e-${fault}-`));
    const file = join(dir, "machine.asl.json");
    const original = '{\n  "StartAt": "A",\n  "States": {\n    "A": {"Type": "Pass", "End": true}\n  }\n}\n';
    let mounted;
    if (fault === "full") {
      mounted = mount("-t", "tmpfs", "-o", "size=32k", "tmpfs", dir);
      if (mounted) {
        writeFileSync(file, original);
        // Fill what is left.
        try {
          writeFileSync(join(dir, "filler"), Buffer.alloc(64 * 1024));
        } catch {
          /* ENOSPC: full, as wanted */
        }
      }
    } else {
      writeFileSync(file, original);
      mounted = mount("--bind", dir, dir) && mount("-o", "remount,ro,bind", dir);
    }
    if (!mounted) return t.skip("this machine does not allow mounts");
    const browser = await start(file);
    try {
      await comment(browser, "/States/A", "x".repeat(40));
      await chord(browser, "Control", "s");
      const toast = await byTestId(browser, "error-toast");
      await toast.waitForDisplayed({ timeout: 10000 });
      const message = await toast.getText();
      assert.match(message, fault === "full" ? /no space|space left/i : /read-only/i, message);
      assert.ok(message.includes("machine.asl.json"), `the message names the file: ${message}`);
      assert.equal(read(file), original, "the file on disk is intact");
      await byTestId(browser, "dirty").waitForExist({ timeout: 5000 });
      assert.match(await codeText(browser), /xxxxxxxx/, "the edit is kept");
    } finally {
      await browser.deleteSession();
      execFileSync("umount", [dir]);
    }
  }
});

test("the open file replaced by a binary, then a 50 MB file: a clear message, the document kept", async () => {
  const file = copySample("order-processing");
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/OrderCompleted");
    const replacements = [
      [() => write(file, Buffer.from([0x7b, 0x00, 0xff, 0x10])), /not a text file/],
      [() => truncateSync(file, 50 * 1024 * 1024), /MB/],
    ];
    for (const [replace, message] of replacements) {
      replace();
      const shown = await until(async () => {
        const texts = await browser.$$('[data-testid="disk-unreadable"]').map((e) => e.getText());
        return texts.find((t) => message.test(t));
      }, `no message matching ${message}`, 15000);
      assert.ok(shown.includes("order-processing.asl.json"), shown);
      // The document is still there, its states on the canvas.
      await waitNode(browser, "/States/OrderCompleted");
    }
  } finally {
    await browser.deleteSession();
  }
});

test("a run flooding events while the user types: the typing lands and the run ends", async () => {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-flood-"));
  const file = join(dir, "loop.asl.json");
  const loop = {
    StartAt: "Init",
    States: {
      Init: { Type: "Pass", Result: { i: 0 }, Next: "Inc" },
      Inc: { Type: "Pass", Parameters: { "i.$": "States.MathAdd($.i, 1)" }, Next: "Check" },
      Check: { Type: "Choice", Choices: [{ Variable: "$.i", NumericLessThan: 30000, Next: "Inc" }], Default: "Done" },
      Done: { Type: "Succeed" },
    },
  };
  writeFileSync(file, JSON.stringify(loop, null, 2));
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/Inc");
    await byTestId(browser, "mode-run").click();
    await byTestId(browser, "run-express").click();
    await byTestId(browser, "run-start").click();
    // While it runs: the Check state's comment typed in the inspector.
    await (await waitNode(browser, "/States/Check")).click();
    await byTestId(browser, "mode-design").click();
    await comment(browser, "/States/Check", "typed during the run");
    await byTestId(browser, "mode-run").click();
    await runStatus(browser, "SUCCEEDED", 120000);
    assert.match(await codeText(browser), /"Comment": "typed during the run"/);
  } finally {
    await browser.deleteSession();
  }
});
