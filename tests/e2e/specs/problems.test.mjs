// Problems that explain (issue 13): one typo in a `Next` of a long chain is one grouped
// row naming it, not a row per state it cut off; its quick fix clears them all, and one
// Ctrl+Z brings them back. A click on a problem selects its state and brings it into view.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, chord, inView, node, read, screenshot, setTheme, start, until, waitNode } from "../lib/app.mjs";

/** `Step 0` → … → `Step 49`, the `Next` of `Step 10` mistyped as "Stpe 11". */
function chainWithATypo() {
  const states = {};
  for (let i = 0; i < 50; i++) {
    const next = i === 10 ? "Stpe 11" : `Step ${i + 1}`;
    states[`Step ${i}`] = i === 49 ? { Type: "Pass", End: true } : { Type: "Pass", Next: next };
  }
  return JSON.stringify({ Comment: "A chain with one typo", StartAt: "Step 0", States: states }, null, 2) + "\n";
}

// WebKitWebDriver's getText leaves out text in boxes that clip it (ellipsis): read the DOM.
const text = (browser, el) => browser.execute((e) => e.textContent, el);
const errors = async (browser) => Number((await byTestId(browser, "problem-errors").getText()).trim());
const visibleRows = (browser, code) =>
  browser.execute((c) => [...document.querySelectorAll(`[data-testid="problem"][data-code="${c}"]`)].filter((e) => e.offsetParent).length, code);

test("one typo in a chain of 50 states is one grouped problem with a quick fix, undone by one Ctrl+Z", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "asl-e2e-problems-")), "chain.asl.json");
  writeFileSync(file, chainWithATypo());
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/Step 0", 20000);
    const title = "names a missing state";
    const groups = await until(async () => {
      const found = await browser.$$('[data-testid="problem-group"]');
      return found.length ? found : null;
    }, "no grouped problem in the Problems panel");
    await screenshot(browser, "problems-grouped-closed-light");
    assert.equal(groups.length, 1, "one root, one group");
    const groupTitle = await text(browser, await groups[0].$(".problem-group-title"));
    assert.equal(groupTitle, `39 states unreachable because "Next" of "Step 10" ${title}`);
    assert.equal(await errors(browser), 40, "the header still counts every problem");
    assert.equal(await visibleRows(browser, "unreachable-state"), 0, "the 39 states are folded under their cause");
    const root = await browser.$('[data-testid="problem"][data-code="dangling-next"]');
    assert.match(await text(browser, root), /"Next" names "Stpe 11", which is not a state of the machine: did you mean "Step 11"\?/);

    // The group opens to the states; a click on one selects it and brings it into view.
    await groups[0].click();
    await until(async () => (await visibleRows(browser, "unreachable-state")) === 39, "the group did not open to its 39 states");
    await until(async () => (await node(browser, "/States/Step 10").getAttribute("class"))?.includes("selected"), "clicking the group did not select Step 10");
    const far = await browser.$('[data-testid="problem"][data-pointer="/States/Step 45"]');
    await far.scrollIntoView();
    await far.click();
    await until(async () => (await node(browser, "/States/Step 45").getAttribute("class"))?.includes("selected"), "clicking a problem did not select its state");
    await until(() => inView(browser, "/States/Step 45"), "clicking a problem did not bring its state into view", 5000);
    await browser.execute(() => document.querySelector(".problems-list").scrollTo(0, 0));
    // The pointer off the rows, so neither a hover nor a tooltip is in the pictures.
    await (await byTestId(browser, "problems")).$(".problems-title").moveTo();
    await browser.pause(500);
    await setTheme(browser, "light");
    await screenshot(browser, "problems-grouped-light");
    await setTheme(browser, "dark");
    await (await byTestId(browser, "problems")).$(".problems-title").moveTo();
    await screenshot(browser, "problems-grouped-dark");

    // By code: the group stays under its root, in the root's code.
    await byTestId(browser, "problems-by-code").click();
    const sections = await browser.$$('[data-testid="problem-section"]').map((s) => s.getAttribute("data-key"));
    assert.deepEqual(sections, ["dangling-next"]);
    await (await byTestId(browser, "problems")).$(".problems-title").moveTo();
    await screenshot(browser, "problems-by-code-dark");
    await byTestId(browser, "problems-by-state").click();

    // The quick fix: one edit, every problem gone; one Ctrl+Z brings them all back.
    const fix = await byTestId(browser, "quick-fix");
    assert.equal(await fix.getText(), 'Change to "Step 11"');
    await fix.click();
    await until(async () => (await errors(browser)) === 0, "the quick fix did not clear the problems");
    await until(async () => (await byTestId(browser, "problems").getText()).includes("No problems in this state machine."), "the panel does not say there are none");
    await screenshot(browser, "problems-fixed-dark");
    await chord(browser, "Control", "z");
    await until(async () => (await errors(browser)) === 40, "one Ctrl+Z did not bring the problems back");
    assert.equal((await browser.$$('[data-testid="problem-group"]')).length, 1);
    assert.equal(read(file), chainWithATypo(), "nothing was saved");
    await setTheme(browser, "light");
  } finally {
    await browser.deleteSession();
  }
});

test("a state with no transition offers Add End", async () => {
  const file = join(mkdtempSync(join(tmpdir(), "asl-e2e-problems-")), "no-end.asl.json");
  writeFileSync(file, JSON.stringify({ StartAt: "A", States: { A: { Type: "Pass", Next: "B" }, B: { Type: "Pass" } } }, null, 2) + "\n");
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/B");
    const fix = await byTestId(browser, "quick-fix");
    await fix.waitForDisplayed({ timeout: 10000 });
    assert.equal(await fix.getText(), "Add End");
    await fix.click();
    await until(async () => (await errors(browser)) === 0, "Add End did not clear the problem");
  } finally {
    await browser.deleteSession();
  }
});
