// Files as users expect them (issue 13, item 5): samples open as untitled copies, Save as
// adds the extension, pictures are light unless dark is picked, long Choice labels read
// whole (two lines, full text as the tooltip), the theme toggle's first click shows, and
// sample descriptions render their Markdown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { answerSaveDialog, byTestId, chord, press, read, repo, screenshot, shots, start, until, waitNode, windowShown } from "../lib/app.mjs";

const op = (name) => `/States/${name}`;
const LONG = 'And($.order.total > 1000, $.customer.tier == "gold", $.order.express == true)';

/** A machine whose first Choice rule reads as the long condition above. */
function longChoiceMachine() {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-label-"));
  const file = join(dir, "routing.asl.json");
  const rule = {
    And: [
      { Variable: "$.order.total", NumericGreaterThan: 1000 },
      { Variable: "$.customer.tier", StringEquals: "gold" },
      { Variable: "$.order.express", BooleanEquals: true },
    ],
    Next: "Priority",
  };
  const machine = {
    StartAt: "Route",
    States: {
      Route: { Type: "Choice", Choices: [rule], Default: "Standard" },
      Priority: { Type: "Succeed" },
      Standard: { Type: "Succeed" },
    },
  };
  writeFileSync(file, JSON.stringify(machine, null, 2) + "\n");
  return { dir, file };
}

/** Mean brightness of a PNG, 0 (black) to 1 (white). */
const brightness = (png) => Number(execFileSync("convert", [png, "-colorspace", "Gray", "-format", "%[fx:mean]", "info:"], { encoding: "utf8" }));

async function exportDiagram(browser, kind, path, theme = null) {
  await byTestId(browser, "export").click();
  if (theme) {
    await byTestId(browser, `export-theme-${theme}`).click();
    await screenshot(browser, `files-ux-export-menu-${theme}`);
  }
  await byTestId(browser, `export-${kind}`).click();
  await answerSaveDialog("Export diagram", path);
  await until(() => existsSync(path), `${path} was never written`);
  await byTestId(browser, "exported").waitForDisplayed({ timeout: 10000 });
}

test("a sample opens as an untitled copy: Save asks where, adds .asl.json, and the sample is untouched", async () => {
  const sample = join(repo, "samples", "order-processing", "order-processing.asl.json");
  const installed = read(sample);
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-saveas-"));
  const browser = await start();
  try {
    await byTestId(browser, "sample-order-processing").click();
    await waitNode(browser, op("OrderCompleted"));
    assert.equal(await browser.getTitle(), "ASL Studio — Copy of order-processing.asl.json");
    await screenshot(browser, "files-ux-sample-copy");
    // The copy still finds the sample's mocks beside the original.
    await byTestId(browser, "mode-run").click();
    const picker = await byTestId(browser, "mock-picker");
    await picker.waitForExist({ timeout: 10000 });
    await until(async () => (await picker.getText()).includes("mocks.json"), "the sample's mocks.json is not offered");
    await byTestId(browser, "mode-design").click();

    await (await waitNode(browser, op("OrderCompleted"))).click();
    await byTestId(browser, "inspector-tab-docs").click();
    const field = await browser.$(`[data-testid="inspector"] textarea[data-pointer="${op("OrderCompleted")}/Comment"]`);
    await field.waitForDisplayed();
    await field.click();
    await chord(browser, "Control", "a");
    await press(browser, "Mine now", "Tab");
    await byTestId(browser, "dirty").waitForExist({ timeout: 5000 });

    await chord(browser, "Control", "s");
    // Typed without an extension, as users do.
    await answerSaveDialog("Save state machine as", join(dir, "my-order"));
    const saved = join(dir, "my-order.asl.json");
    await until(() => existsSync(saved), "my-order.asl.json was never written");
    await byTestId(browser, "dirty").waitForExist({ reverse: true, timeout: 5000 });
    assert.ok(!existsSync(join(dir, "my-order")), "no file without an extension");
    assert.match(read(saved), /"Comment": "Mine now"/);
    assert.equal(read(sample), installed, "the installed sample was not edited");
    assert.equal(await browser.getTitle(), "ASL Studio — my-order.asl.json");
  } finally {
    await browser.deleteSession();
    if (read(sample) !== installed) writeFileSync(sample, installed);
  }
});

test("a long Choice condition shows whole on two lines, with the full text as its tooltip on the canvas", async () => {
  const { file } = longChoiceMachine();
  const browser = await start(file);
  try {
    await waitNode(browser, op("Route"));
    const label = await browser.$(`[data-testid="edge"][data-kind="ChoiceRule"] .asl-edge-label`);
    await label.waitForExist({ timeout: 10000 });
    const shown = await browser.execute((el) => [...el.querySelectorAll("text")].map((t) => t.textContent), label);
    assert.equal(shown.length, 2, `two lines: ${JSON.stringify(shown)}`);
    assert.equal(shown.join(" "), LONG, "the whole condition, nothing cut");
    // Pointing at the chip reaches it (so its <title> shows as the tooltip).
    const hit = await browser.execute((el) => {
      const r = el.getBoundingClientRect();
      const at = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return { inside: el.contains(at), title: el.querySelector("title")?.textContent };
    }, label);
    assert.deepEqual(hit, { inside: true, title: LONG });
    await screenshot(browser, "files-ux-long-label");
  } finally {
    await browser.deleteSession();
  }
});

test("diagram exports are light unless dark is picked, and carry the whole condition", async () => {
  const { dir, file } = longChoiceMachine();
  const browser = await start(file);
  try {
    await waitNode(browser, op("Route"));
    await until(async () => {
      if ((await browser.execute(() => document.documentElement.dataset.theme)) === "dark") return true;
      await byTestId(browser, "theme-toggle").click();
      return false;
    }, "the app never became dark");

    const svg = join(dir, "routing.svg");
    await exportDiagram(browser, "svg", svg);
    const text = readFileSync(svg, "utf8");
    assert.match(text, /<rect width="[\d.]+" height="[\d.]+" fill="#ffffff"\/>/, "a light background while the app is dark");
    assert.ok(text.includes(`<title>${LONG.replaceAll('"', "&quot;").replaceAll(">", "&gt;")}</title>`), "the full condition as the label's title");
    assert.ok(!/<text class="l"[^>]*>[^<]*…<\/text>/.test(text), "no label cut with …");

    const light = join(dir, "routing-light.png");
    await exportDiagram(browser, "png", light);
    assert.ok(brightness(light) > 0.8, `light PNG (brightness ${brightness(light)})`);
    const dark = join(dir, "routing-dark.png");
    await exportDiagram(browser, "png", dark, "dark");
    assert.ok(brightness(dark) < 0.3, `dark PNG when picked (brightness ${brightness(dark)})`);
    for (const [from, name] of [[light, "files-ux-export-light.png"], [dark, "files-ux-export-dark.png"], [svg, "files-ux-export.svg"]]) {
      execFileSync("cp", [from, join(shots, name)]);
    }
  } finally {
    await browser.deleteSession();
  }
});

test("the theme toggle's first click from system changes what is shown", async () => {
  const browser = await start();
  try {
    await byTestId(browser, "start-page").waitForDisplayed({ timeout: 15000 });
    const toggle = await byTestId(browser, "theme-toggle");
    await until(async () => {
      if ((await toggle.getAttribute("data-theme-setting")) === "system") return true;
      await toggle.click();
      return false;
    }, "the toggle never came back to system");
    const theme = () => browser.execute(() => document.documentElement.dataset.theme);
    const before = await theme();
    await toggle.click();
    await until(async () => (await toggle.getAttribute("data-theme-setting")) !== "system", "the click did nothing");
    assert.notEqual(await theme(), before, "the first click from system changed the theme shown");
    await screenshot(browser, `files-ux-start-${await theme()}`);
    await toggle.click();
    assert.equal(await theme(), before);
    await screenshot(browser, `files-ux-start-${before}`);
  } finally {
    await browser.deleteSession();
  }
});

test("sample descriptions render their Markdown", async () => {
  const browser = await start();
  try {
    const card = await byTestId(browser, "sample-order-processing");
    await card.waitForDisplayed({ timeout: 15000 });
    const desc = await card.$(".sample-desc");
    const text = await desc.getText();
    assert.ok(!text.includes("`"), `no raw backticks: ${text}`);
    const codes = await desc.$$("code").map((c) => c.getText());
    assert.ok(codes.includes("ValidateOrder"), `code spans: ${JSON.stringify(codes)}`);
  } finally {
    await browser.deleteSession();
  }
});

test("no native dialog is left open", () => {
  assert.ok(!windowShown("Save state machine as") && !windowShown("Export diagram"));
});
