// Authoring by drag and drop (issue #12): a dropped state is selected, shown in the
// Inspector and kept in view; a drop on the blank canvas is wired in after the selected
// (or last) state; a new Choice comes with a rule and a Default; rule handles are big
// enough to grab and work at once; Parallel branches are added, moved and removed from
// the container.
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, chord, copySample, drag, edgeMiddle, editorText, inView, setTheme, screenshot, start, until, waitNode } from "../lib/app.mjs";
import { machineFile } from "../lib/machines.mjs";

const op = (name) => `/States/${name}`;

/** The document as the code view shows it, parsed; back to Design mode after. */
async function documentJson(browser) {
  await byTestId(browser, "mode-code").click();
  const text = await until(() => editorText(browser), "no code view");
  await byTestId(browser, "mode-design").click();
  await browser.$(".react-flow__node").waitForDisplayed({ timeout: 10000 });
  return JSON.parse(text);
}

/** A point of the blank canvas (the pane itself under it, no node or edge near), as far
 *  as can be from the drawing. */
async function blankPoint(browser) {
  return until(
    () =>
      browser.execute(() => {
        const pane = document.querySelector(".react-flow").getBoundingClientRect();
        const blank = (x, y) => [[0, 0], [-20, 0], [20, 0], [0, -20], [0, 20]].every(([dx, dy]) => document.elementFromPoint(x + dx, y + dy)?.classList.contains("react-flow__pane"));
        for (let fx = 0.9; fx > 0.1; fx -= 0.05)
          for (let fy = 0.15; fy < 0.9; fy += 0.05) {
            const x = Math.round(pane.left + pane.width * fx);
            const y = Math.round(pane.top + pane.height * fy);
            if (blank(x, y)) return { x, y };
          }
        return null;
      }),
    "no blank place on the canvas",
  );
}

/** Drags a browser item to a window point (the same gesture as lib's drag). */
async function dragTo(browser, from, { x, y }) {
  const a = await browser.execute((e) => JSON.parse(JSON.stringify(e.getBoundingClientRect())), from);
  const x0 = Math.round(a.x + a.width / 2), y0 = Math.round(a.y + a.height / 2);
  await browser
    .action("pointer", { parameters: { pointerType: "mouse" } })
    .move({ x: x0, y: y0 })
    .down()
    .move({ x: x0 + 5, y: y0 + 5, duration: 50 })
    .move({ x, y, duration: 200 })
    .pause(250)
    .move({ x: x + 1, y: y + 1, duration: 50 })
    .pause(150)
    .up()
    .perform();
}

async function expectSelectedAndShown(browser, pointer, name) {
  await until(async () => (await (await waitNode(browser, pointer)).getAttribute("class")).includes("selected"), `${name} is not selected`);
  await until(async () => (await byTestId(browser, "state-name").getValue()) === name, `the Inspector does not show ${name}`);
  await until(() => inView(browser, pointer), `${name} is not in view`);
}

const errorBadges = (browser) => browser.$$('[data-testid="node-badge"][data-severity="error"]').length;

test("a Map dropped on the blank canvas follows the last state, is selected and scrolled into view", async () => {
  const browser = await start(copySample("order-processing"));
  try {
    await waitNode(browser, op("OrderCompleted"));
    await dragTo(browser, await byTestId(browser, "browser-item-Map"), await blankPoint(browser));
    await expectSelectedAndShown(browser, op("Map"), "Map");
    await screenshot(browser, "drop-map-blank-light");
    const doc = await documentJson(browser);
    assert.equal(doc.States.OrderCompleted.Next, "Map");
    assert.equal(doc.States.OrderCompleted.End, undefined);
    assert.equal(doc.States.Map.End, true);
  } finally {
    await browser.deleteSession();
  }
});

test("a Pass dropped on the blank canvas goes right after the selected state", async () => {
  const browser = await start(copySample("order-processing"));
  try {
    await (await waitNode(browser, op("ValidateOrder"))).click();
    await until(async () => (await byTestId(browser, "state-name").getValue()) === "ValidateOrder", "ValidateOrder never selected");
    await dragTo(browser, await byTestId(browser, "browser-item-Pass"), await blankPoint(browser));
    await expectSelectedAndShown(browser, op("Pass"), "Pass");
    const doc = await documentJson(browser);
    assert.equal(doc.States.ValidateOrder.Next, "Pass");
    assert.equal(doc.States.Pass.Next, "CheckInventory");
  } finally {
    await browser.deleteSession();
  }
});

test("a Choice dropped on the arrow into End gets a rule and a Default to a new Succeed; an added rule connects at once", async () => {
  const file = machineFile("one.asl.json", { StartAt: "Prepare", States: { Prepare: { Type: "Pass", End: true } } });
  const browser = await start(file);
  try {
    await waitNode(browser, op("Prepare"));
    await drag(browser, await byTestId(browser, "browser-item-Choice"), await edgeMiddle(browser, op("Prepare"), "#end"));
    await expectSelectedAndShown(browser, op("Choice"), "Choice");
    await waitNode(browser, op("Success"));
    assert.equal(await errorBadges(browser), 0, "the new Choice leaves no error");
    let doc = await documentJson(browser);
    assert.equal(doc.States.Prepare.Next, "Choice");
    assert.equal(doc.States.Choice.Default, "Success");
    assert.deepEqual(doc.States.Choice.Choices, [{ Variable: "$.value", StringEquals: "example", Next: "Success" }]);
    assert.equal(doc.States.Success.Type, "Succeed");

    // Handles are at least 16 px to grab (at zoom 1), and apart from each other.
    const choice = await waitNode(browser, op("Choice"));
    await choice.click();
    const boxes = await browser.execute(() => {
      const zoom = Number(/scale\(([\d.]+)\)/.exec(document.querySelector(".react-flow__viewport").style.transform)[1]);
      const box = (id) => JSON.parse(JSON.stringify(document.querySelector(`.react-flow__node[data-id="/States/Choice"] [data-handleid="${id}"]`).getBoundingClientRect()));
      return { zoom, rule: box("rule-0"), dflt: box("default") };
    });
    assert.ok(boxes.rule.width / boxes.zoom >= 16 && boxes.rule.height / boxes.zoom >= 16, JSON.stringify(boxes));
    assert.ok(boxes.dflt.left - boxes.rule.left >= boxes.rule.width, `handles overlap: ${JSON.stringify(boxes)}`);

    // "+ Add rule" goes where the Default goes, not back to the first state.
    await until(async () => {
      const b = await browser.$("button=+ Add rule");
      return (await b.isExisting()) && (await b.click(), true);
    }, "no Add rule button");
    const handle = await choice.$('[data-handleid="rule-1"]');
    await handle.waitForExist({ timeout: 5000 });
    await screenshot(browser, "choice-two-rules-light");
    await drag(browser, handle, await waitNode(browser, op("Prepare")));
    await until(async () => (await browser.$$(`[data-testid="edge"][data-from="${op("Choice")}"][data-to="${op("Prepare")}"]`)).length > 0, "the new rule's handle did not connect");
    doc = await documentJson(browser);
    assert.equal(doc.States.Choice.Choices.length, 2);
    assert.equal(doc.States.Choice.Choices[1].Next, "Prepare");
    await setTheme(browser, "dark");
    await screenshot(browser, "choice-two-rules-dark");
  } finally {
    await browser.deleteSession();
  }
});

test("Parallel branches are added, moved and removed from the container, one undo step each", async () => {
  const pass = (name) => ({ StartAt: name, States: { [name]: { Type: "Pass", End: true } } });
  const file = machineFile("par.asl.json", { StartAt: "Fan", States: { Fan: { Type: "Parallel", Branches: [pass("Left"), pass("Right")], End: true } } });
  const browser = await start(file);
  try {
    const fan = await waitNode(browser, op("Fan"));
    const added = "/States/Fan/Branches/2/States/Branch 3 Pass";
    await (await fan.$('[data-testid="add-branch"]')).click();
    await waitNode(browser, added);
    await screenshot(browser, "parallel-added-branch-light");
    await chord(browser, "Control", "z");
    await until(async () => !(await browser.$(`.react-flow__node[data-id="${added}"]`).isExisting()), "undo did not take the branch away");
    await (await fan.$('[data-testid="add-branch"]')).click();
    await waitNode(browser, added);

    // The third branch moved before the second, then the first removed.
    const header = (i) => browser.$(`[data-testid="branch-header"][data-branch="/States/Fan/Branches/${i}"]`);
    await (await (await header(2)).$('[data-testid="branch-move-left"]')).click();
    await waitNode(browser, "/States/Fan/Branches/1/States/Branch 3 Pass");
    await (await (await header(0)).$('[data-testid="branch-remove"]')).click();
    await waitNode(browser, "/States/Fan/Branches/0/States/Branch 3 Pass");
    await setTheme(browser, "dark");
    await screenshot(browser, "parallel-branches-dark");
    const doc = await documentJson(browser);
    assert.deepEqual(doc.States.Fan.Branches.map((b) => b.StartAt), ["Branch 3 Pass", "Right"]);
    await chord(browser, "Control", "z");
    await waitNode(browser, "/States/Fan/Branches/0/States/Left");
  } finally {
    await browser.deleteSession();
  }
});
