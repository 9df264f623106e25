// The Actions catalogue on the real app: searched from the States browser, an action
// dropped as its Task skeleton, its arguments edited in the form the request model makes
// (one line, one undo step), and ErrorEquals picked as chips from the service's errors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, changedLines, drag, edgeMiddle, editorText, press, screenshot, setTheme, start, until, waitNode } from "../lib/app.mjs";

const TASK = "/States/Lambda Invoke";

/** A new JSON document from the start page (its one state is Hello). */
async function newDocument(browser) {
  await byTestId(browser, "new-json").waitForDisplayed({ timeout: 15000 });
  await byTestId(browser, "new-json").click();
  await waitNode(browser, "/States/Hello");
}

async function search(browser, text) {
  await byTestId(browser, "browser-search").setValue(text);
}

/** The test ids of the listed actions, in order, once the list answers `text`. */
async function listedActions(browser) {
  return browser.execute(() => [...document.querySelectorAll('[data-testid="browser-actions"] [data-testid^="browser-item-"]')].map((e) => e.dataset.testid));
}

/** The code view's text (switching to it and back to Design). */
async function documentText(browser) {
  await byTestId(browser, "mode-code").click();
  const text = await until(() => editorText(browser), "no code view");
  await byTestId(browser, "mode-design").click();
  return text;
}

test("searching the catalogue lists DynamoDB PutItem first for “dynamo put”, under its service", async () => {
  const browser = await start();
  try {
    await newDocument(browser);
    await search(browser, "dynamo put");
    const ids = await until(async () => {
      const list = await listedActions(browser);
      return list.length > 0 && list.includes("browser-item-dynamodb-putitem") ? list : null;
    }, "the search never listed DynamoDB PutItem");
    assert.equal(ids[0], "browser-item-dynamodb-putitem");
    const service = await browser.execute(() => document.querySelector('[data-testid="browser-actions"] h4')?.textContent);
    assert.equal(service, "Amazon DynamoDB");
    // Its AWS SDK twin is listed too, told apart by its badge.
    assert.ok(ids.includes("browser-item-aws-sdk-dynamodb-putitem"), `no SDK PutItem in ${ids.join(", ")}`);
    for (const theme of ["light", "dark"]) {
      await setTheme(browser, theme);
      await screenshot(browser, `catalogue-search-${theme}`);
    }
    // A job-like action starts waiting for its job, and says so.
    await search(browser, "ecs run task");
    const row = await byTestId(browser, "browser-item-ecs-runtask");
    await row.waitForDisplayed({ timeout: 5000 });
    assert.equal(await row.$(".asl-browser-ptag").getText(), ".sync");
    // The picker is there when the row is pointed at.
    await row.moveTo();
    const picker = await byTestId(browser, "browser-pattern-ecs-runtask");
    await picker.waitForDisplayed({ timeout: 5000 });
    assert.equal(await picker.getValue(), "sync");
    await screenshot(browser, "catalogue-search-ecs-dark");
  } finally {
    await browser.deleteSession();
  }
});

test("Lambda Invoke dropped on the Start edge: FunctionName set in its form is one changed line and one undo step", async () => {
  const browser = await start();
  try {
    await newDocument(browser);
    await search(browser, "lambda invoke");
    const item = await byTestId(browser, "browser-item-lambda-invoke");
    await item.waitForDisplayed({ timeout: 5000 });
    await drag(browser, item, await edgeMiddle(browser, "#start", "/States/Hello"));
    await waitNode(browser, TASK);

    const dropped = await until(async () => {
      const t = await documentText(browser);
      return t.includes('"StartAt": "Lambda Invoke"') ? t : null;
    }, "the drop never reached the text");
    const task = JSON.parse(dropped).States["Lambda Invoke"];
    assert.equal(task.Resource, "arn:aws:states:::lambda:invoke");
    assert.equal(task.Next, "Hello");
    assert.deepEqual(Object.keys(task.Parameters).sort(), ["FunctionName", "Payload.$"]);
    assert.ok(task.Retry[0].ErrorEquals.includes("Lambda.ServiceException"), "no default Lambda retrier");

    // The dropped state is selected: its form is on the Configuration tab.
    const field = browser.$(`[data-pointer="${TASK}/Parameters/FunctionName"]`);
    await field.waitForDisplayed({ timeout: 10000 });
    assert.equal(await field.getTagName(), "input");
    await setTheme(browser, "light");
    await screenshot(browser, "catalogue-form-light");
    await setTheme(browser, "dark");
    await screenshot(browser, "catalogue-form-dark");
    await setTheme(browser, "light");

    await field.click();
    await field.setValue("orders-fn");
    await press(browser, "Enter");
    const edited = await until(async () => {
      const t = await documentText(browser);
      return t.includes("orders-fn") ? t : null;
    }, "the form's value never reached the text");
    const { removed, added } = changedLines(dropped, edited);
    assert.equal(removed.length, 1, `more than one line changed: ${JSON.stringify({ removed, added })}`);
    assert.equal(added.length, 1);
    assert.match(added[0], /^\s*"FunctionName": "orders-fn",?$/);

    await byTestId(browser, "undo").click();
    await until(async () => (await documentText(browser)) === dropped, "one undo did not take the value back");
  } finally {
    await browser.deleteSession();
  }
});

test("a catcher's errors are chips, one added from the Lambda exceptions suggested", async () => {
  const browser = await start();
  try {
    await newDocument(browser);
    await search(browser, "lambda invoke");
    const item = await byTestId(browser, "browser-item-lambda-invoke");
    await item.waitForDisplayed({ timeout: 5000 });
    await drag(browser, item, await edgeMiddle(browser, "#start", "/States/Hello"));
    await waitNode(browser, TASK);

    await byTestId(browser, "inspector-tab-errors").click();
    await browser.$("button=+ Add catcher").click();
    const input = browser.$(`input[data-pointer="${TASK}/Catch/0/ErrorEquals"]`);
    await input.waitForDisplayed({ timeout: 5000 });
    const suggestion = browser.$('[data-testid="error-suggestion"][data-name="Lambda.ServiceException"]');
    // The theme toggle takes the focus (closing the list): a screenshot per theme first.
    for (const [i, theme] of ["dark", "light"].entries()) {
      await setTheme(browser, theme);
      await input.click();
      if (i === 0) await press(browser, "service");
      await suggestion.waitForDisplayed({ timeout: 5000 });
      await screenshot(browser, `catalogue-error-chips-${theme}`);
    }
    await suggestion.click();

    const chips = async () => browser.execute((p) => [...document.querySelector(`[data-pointer-list="${p}"]`).querySelectorAll('[data-testid="error-chip"]')].map((c) => c.dataset.name), `${TASK}/Catch/0/ErrorEquals`);
    await until(async () => (await chips()).length === 2, "the picked error never became a chip");
    assert.deepEqual(await chips(), ["States.ALL", "Lambda.ServiceException"]);
    // States.ALL must stand alone: removed with its ×.
    await browser.$(`[data-testid="error-chip"][data-name="States.ALL"] button`).click();
    await until(async () => (await chips()).length === 1, "the chip was not removed");
    const catcher = JSON.parse(await documentText(browser)).States["Lambda Invoke"].Catch[0];
    assert.deepEqual(catcher.ErrorEquals, ["Lambda.ServiceException"]);
  } finally {
    await browser.deleteSession();
  }
});
