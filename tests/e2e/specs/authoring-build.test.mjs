// Issue #12's acceptance: a machine built from a new document by drag and drop and forms
// only (nothing typed in the code view) — Lambda Invoke with its function name set in
// its form, a Choice with two rules made in the builder (one an And of two comparisons)
// and a Default, a Parallel whose third branch comes from its "+ branch" button, a Map
// switched to distributed with a CSV ItemReader, a Fail — validates with no problems,
// runs with mocks to the expected end, and every gesture was one undo step.
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, chord, drag, press, runStatus, screenshot, setEditorText, setTheme, start, until, waitNode } from "../lib/app.mjs";

const op = (name) => `/States/${name}`;

/** The document's text as Rust holds it (no mode switch). */
const text = (browser) => browser.executeAsync((done) => window.__TAURI_INTERNALS__.invoke("document_current").then((s) => done(s.text), () => done(null)));

/** The edge of a kind (and rule index) between two states. */
async function edge(browser, from, to, kind, index = "") {
  const e = await browser.$(`[data-testid="edge"][data-from="${from}"][data-to="${to}"][data-kind="${kind}"][data-index="${index}"]`);
  await e.waitForExist({ timeout: 10000, timeoutMsg: `no ${kind}${index} edge ${from} -> ${to}` });
  return e;
}

/** Drags a browser item (found by searching for it) onto an edge, the machine fitted in
 *  the view first (as a user brings an arrow into view before dropping on it). */
async function dropOn(browser, query, itemId, target) {
  await browser.$(".react-flow__controls-fitview").click();
  await browser.pause(400);
  await byTestId(browser, "browser-search").setValue(query);
  const item = await byTestId(browser, `browser-item-${itemId}`);
  await item.waitForExist({ timeout: 10000 });
  await item.scrollIntoView({ block: "center" });
  await drag(browser, item, target);
}

/** Sets an Inspector text field (by its JSON pointer) and commits it with Enter. */
async function fill(browser, pointer, value) {
  const field = browser.$(`[data-pointer="${pointer}"]`);
  await field.waitForDisplayed({ timeout: 10000, timeoutMsg: `no field ${pointer}` });
  await field.click();
  // Select what is there and type over it, as a user does (WebDriver's clear does not
  // reach React's state, and the typing would be appended).
  await chord(browser, "Control", "a");
  await field.addValue(value);
  await press(browser, "Enter");
}

/** Picks an option of an Inspector select (by its data-pointer). */
async function pick(browser, pointer, value) {
  const select = browser.$(`select[data-pointer="${pointer}"]`);
  await select.waitForDisplayed({ timeout: 10000, timeoutMsg: `no picker ${pointer}` });
  await select.selectByAttribute("value", value);
}

test("a machine built by drag and drop and forms only validates, runs, and undoes one gesture at a time", async () => {
  const browser = await start();
  const texts = [];
  /** After each gesture: wait for its change to reach Rust, and remember the text. */
  const step = async (what, check) => {
    let last = null;
    const t = await until(async () => {
      const now = (last = await text(browser));
      return now && now !== texts.at(-1) && (!check || check(JSON.parse(now))) ? now : null;
    }, `${what}: no change reached the document`, 15000).catch(async (e) => {
      await screenshot(browser, "build-failed");
      throw new Error(`${e.message}\n${last === texts.at(-1) ? "(unchanged)" : last}`);
    });
    texts.push(t);
  };
  try {
    await byTestId(browser, "new-json").waitForDisplayed({ timeout: 15000 });
    await byTestId(browser, "new-json").click();
    await waitNode(browser, op("Hello"));
    texts.push(await text(browser));

    // Lambda Invoke on the Start edge, its function named in the form.
    await dropOn(browser, "lambda invoke", "lambda-invoke", await edge(browser, "#start", op("Hello"), "Start"));
    await step("drop Lambda Invoke", (m) => m.StartAt === "Lambda Invoke");
    await fill(browser, `${op("Lambda Invoke")}/Parameters/FunctionName`, "arn:aws:lambda:us-east-1:123456789012:function:CheckOrder");
    await step("name the function", (m) => m.States["Lambda Invoke"].Parameters.FunctionName.endsWith(":CheckOrder"));

    // A Choice after it: one rule and a Default, both to Hello.
    await dropOn(browser, "choice", "Choice", await edge(browser, op("Lambda Invoke"), op("Hello"), "Next"));
    await step("drop Choice", (m) => m.States.Choice?.Default === "Hello");
    const rule = (i) => `${op("Choice")}/Choices/${i}`;
    // Rule 1: $.total > 100.
    await fill(browser, `${rule(0)}/Variable`, "$.total");
    await step("rule 1 variable");
    await pick(browser, `${rule(0)}/StringEquals#op`, "NumericGreaterThan");
    await step("rule 1 operator");
    await fill(browser, `${rule(0)}/NumericGreaterThan`, "100");
    await step("rule 1 value", (m) => m.States.Choice.Choices[0].NumericGreaterThan === 100);
    // Rule 2: $.vip is true and $.total > 10, built as an And.
    await byTestId(browser, "choice-add-rule").click();
    await step("add rule 2", (m) => m.States.Choice.Choices.length === 2);
    await pick(browser, `${rule(1)}#kind`, "And");
    await step("rule 2 as an And", (m) => Array.isArray(m.States.Choice.Choices[1].And));
    await fill(browser, `${rule(1)}/And/0/Variable`, "$.vip");
    await step("and 1 variable");
    await pick(browser, `${rule(1)}/And/0/StringEquals#op`, "BooleanEquals");
    await step("and 1 operator", (m) => m.States.Choice.Choices[1].And[0].BooleanEquals === true);
    await fill(browser, `${rule(1)}/And/1/Variable`, "$.total");
    await step("and 2 variable");
    await pick(browser, `${rule(1)}/And/1/StringEquals#op`, "NumericGreaterThan");
    await step("and 2 operator");
    await fill(browser, `${rule(1)}/And/1/NumericGreaterThan`, "10");
    await step("and 2 value", (m) => m.States.Choice.Choices[1].And[1].NumericGreaterThan === 10);
    await setTheme(browser, "light");
    await screenshot(browser, "build-condition-builder-light");
    await setTheme(browser, "dark");
    await screenshot(browser, "build-condition-builder-dark");
    await setTheme(browser, "light");

    // Rule 1 leads to a Parallel, which gets a third branch from its button.
    await dropOn(browser, "parallel", "Parallel", await edge(browser, op("Choice"), op("Hello"), "ChoiceRule", "0"));
    await step("drop Parallel", (m) => m.States.Choice.Choices[0].Next === "Parallel");
    // "+ branch" follows the container's name: in view with it, however wide the Parallel.
    const add = await byTestId(browser, "add-branch");
    await add.waitForDisplayed({ timeout: 10000 });
    // The canvas pans the dropped Parallel into view: clicking while it moves can miss
    // (seen under load), so wait until the button stays put.
    let at = null;
    await until(async () => {
      const now = await add.getLocation();
      const still = at !== null && now.x === at.x && now.y === at.y;
      at = now;
      return still;
    }, "+ branch kept moving");
    await add.waitForClickable({ timeout: 10000 });
    await add.click();
    await step("third branch", (m) => m.States.Parallel.Branches.length === 3);

    // After the Parallel, a Map switched to distributed, reading a CSV object.
    await dropOn(browser, "map", "Map", await edge(browser, op("Parallel"), op("Hello"), "Next"));
    await step("drop Map", (m) => m.States.Parallel.Next === "Map");
    await pick(browser, `${op("Map")}/ItemProcessor/ProcessorConfig/Mode`, "DISTRIBUTED");
    await step("distributed", (m) => m.States.Map.ItemProcessor.ProcessorConfig.Mode === "DISTRIBUTED");
    await pick(browser, `${op("Map")}/ItemReader#source`, "csv");
    await step("CSV ItemReader", (m) => m.States.Map.ItemReader?.ReaderConfig?.InputType === "CSV" && !("ItemsPath" in m.States.Map));

    // The Default fails.
    // On the Default arrow's label: rule 2's arrow runs along the same route to Hello.
    const toDefault = await edge(browser, op("Choice"), op("Hello"), "Default");
    await dropOn(browser, "fail", "Fail", await toDefault.$('[data-testid="edge-label"]'));
    await step("drop Fail", (m) => m.States.Choice.Default === "Fail");

    const built = JSON.parse(texts.at(-1));
    assert.deepEqual(Object.keys(built.States).sort(), ["Choice", "Fail", "Hello", "Lambda Invoke", "Map", "Parallel"]);
    await until(async () => (await browser.$(".status-ok").isExisting()) || null, "the built machine has problems");
    await screenshot(browser, "build-result-light");

    // Run: the Lambda mocked; a VIP order of 50 takes rule 2 to Hello.
    await byTestId(browser, "mode-run").click();
    const picker = await byTestId(browser, "mock-picker");
    await picker.waitForDisplayed();
    await picker.selectByAttribute("value", "#inline");
    await setEditorText(browser, "mock-inline", JSON.stringify({ "Lambda Invoke": [{ return: { Payload: { vip: true, total: 50 } } }] }));
    await setEditorText(browser, "run-input", '{"order": 7}');
    await byTestId(browser, "run-start").click();
    await runStatus(browser, "SUCCEEDED");
    const output = JSON.parse(await byTestId(browser, "run-output").getText());
    assert.equal(output, "Hello, world", "the run did not end at Hello");

    // Every gesture undoes alone, back to the new document.
    await byTestId(browser, "mode-design").click();
    await waitNode(browser, op("Hello"));
    for (let i = texts.length - 1; i > 0; i--) {
      await byTestId(browser, "undo").click();
      await until(async () => (await text(browser)) === texts[i - 1] || null, `undo ${texts.length - i} did not give back the text before it`);
    }
    assert.equal(await byTestId(browser, "undo").isEnabled(), false, "more undo steps than gestures");
  } finally {
    await browser.deleteSession();
  }
});
