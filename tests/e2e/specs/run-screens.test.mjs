// Run mode, looked at: a failed-and-caught run and its history, a Map in progress, in both
// themes; and the figures of a Map over 10,000 items (the page's responsiveness while the
// run's events stream in: reported, not asserted — timing on shared machines).
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { execSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { byTestId, copySample, press, read, runStatus, screenshot, setEditorText, setTheme, start, until, waitNode } from "../lib/app.mjs";

/** The history rows' text (WebDriver's getText misses rows of the virtualised list). */
const historyText = (browser) =>
  browser.execute(() => [...document.querySelectorAll('[data-testid="history-row"]')].map((r) => r.textContent).join("\n"));

test("a failed-and-caught run and its history, in both themes", async () => {
  const file = copySample("order-processing");
  const dir = file.replace(/[^/]+$/, "");
  const declined = JSON.parse(read(join(dir, "tests.json"))).cases.find((c) => c.name.startsWith("payment declined"));
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/ValidateOrder");
    await byTestId(browser, "mode-run").click();
    const picker = await byTestId(browser, "mock-picker");
    await picker.waitForDisplayed();
    await picker.selectByAttribute("value", "#inline");
    await byTestId(browser, "mock-inline").waitForDisplayed();
    await setEditorText(browser, "mock-inline", JSON.stringify(declined.mocks, null, 2));
    await setEditorText(browser, "run-input", JSON.stringify(declined.input, null, 2));
    await byTestId(browser, "run-start").click();
    await runStatus(browser, "FAILED");
    assert.match(await byTestId(browser, "run-output").getText(), /PaymentDeclined/);
    // The failed Task is marked caught, the handler ran.
    const payment = await waitNode(browser, "/States/ProcessPayment");
    await until(async () => /run-caught/.test(await payment.getAttribute("class")), "ProcessPayment is not marked caught");
    await payment.click();
    for (const theme of ["light", "dark"]) {
      await setTheme(browser, theme);
      await byTestId(browser, "run-tab-history").click();
      await browser.pause(300);
      await screenshot(browser, `run-failed-caught-${theme}`);
    }
    // The history, filtered, names the failure; the catch handler's entry follows it.
    const filter = await byTestId(browser, "history-filter");
    await filter.setValue("TaskFailed");
    await browser.pause(300);
    await screenshot(browser, "run-history-filtered-dark");
    await until(async () => /TaskFailed/.test(await historyText(browser)), "no TaskFailed event in the history");
    await filter.setValue("NotifyPaymentDeclined");
    await until(async () => /TaskStateEntered/.test(await historyText(browser)), "the catch handler's entry is not in the history");
    await setTheme(browser, "light");
  } finally {
    await browser.deleteSession();
  }
});

/** An inline Map over the input's items, one Pass per item. */
function mapMachine() {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-map-"));
  const file = join(dir, "fan-out.asl.json");
  const machine = {
    Comment: "An inline Map over every item of the input.",
    StartAt: "Fan out",
    States: {
      "Fan out": {
        Type: "Map",
        ItemsPath: "$.items",
        MaxConcurrency: 40,
        ItemProcessor: {
          ProcessorConfig: { Mode: "INLINE" },
          StartAt: "Work",
          States: { Work: { Type: "Pass", Parameters: { "n.$": "$", "twice.$": "States.MathAdd($, $)" }, End: true } },
        },
        ResultSelector: { "count.$": "States.ArrayLength($)" },
        Next: "Done",
      },
      Done: { Type: "Succeed" },
    },
  };
  writeFileSync(file, JSON.stringify(machine, null, 2) + "\n");
  return file;
}

/** Event-loop lag in the page: a 10 ms timer chain notes how late each tick fires. */
const startLagProbe = (browser) =>
  browser.execute(() => {
    const t0 = performance.now();
    const probe = (window.__lag = { worst: 0, late: 0, ticks: 0, stop: false, stalls: [] });
    let expected = t0 + 10;
    const tick = () => {
      const now = performance.now();
      const lag = now - expected;
      probe.ticks++;
      probe.worst = Math.max(probe.worst, lag);
      if (lag > 100) {
        probe.late++;
        probe.stalls.push(`${Math.round(lag)} ms at ${Math.round(expected - t0)} ms`);
      }
      expected = now + 10;
      if (!probe.stop) setTimeout(tick, 10);
    };
    setTimeout(tick, 10);
  });
const stopLagProbe = (browser) =>
  browser.execute(() => {
    window.__lag.stop = true;
    return window.__lag;
  });

test("a Map over 10,000 items: in progress at a conditional breakpoint, then to the end (reported)", async () => {
  const file = mapMachine();
  const work = "/States/Fan out/ItemProcessor/States/Work";
  const browser = await start(file);
  try {
    await waitNode(browser, work);
    await byTestId(browser, "mode-run").click();
    await byTestId(browser, "run-express").click();
    await setEditorText(browser, "run-input", JSON.stringify({ items: Array.from({ length: 10000 }, (_, i) => i + 1) }));
    // A conditional breakpoint inside the iteration: only item 5,000 stops.
    await (await waitNode(browser, work)).click();
    await browser.keys(["F9"]);
    const condition = await byTestId(browser, "breakpoint-condition");
    await condition.waitForDisplayed();
    await condition.click();
    await press(browser, "$states.input = 5000", "Enter");

    await startLagProbe(browser);
    const t0 = Date.now();
    await byTestId(browser, "run-start").click();
    await runStatus(browser, "PAUSED", 60000);
    const toPause = Date.now() - t0;
    const before = await stopLagProbe(browser);
    const at = await byTestId(browser, "paused-at");
    assert.match(await at.getAttribute("data-path"), /^Fan out\/\d+\/Work$/);
    const pending = JSON.parse(await byTestId(browser, "pending-input").getValue());
    assert.equal(pending, 5000, "the condition picked item 5,000");
    const progress = await byTestId(browser, "map-progress");
    const shown = await progress.getText();
    for (const theme of ["light", "dark"]) {
      await setTheme(browser, theme);
      await browser.pause(300);
      await screenshot(browser, `run-map-in-progress-${theme}`);
    }
    await setTheme(browser, "light");

    await startLagProbe(browser);
    const t1 = Date.now();
    await byTestId(browser, "debug-continue").click();
    await runStatus(browser, "SUCCEEDED", 120000);
    const toEnd = Date.now() - t1;
    const after = await stopLagProbe(browser);
    assert.deepEqual(JSON.parse(await byTestId(browser, "run-output").getText()), { count: 10000 });
    await until(async () => /10,?000 of 10,?000|10000\/10000/.test(await progress.getText()), `the Map badge does not show 10,000 of 10,000 (${await progress.getText()})`);
    await byTestId(browser, "run-tab-history").click();
    await browser.pause(300);
    await screenshot(browser, "run-map-history-light");
    console.log(
      `10,000-item Map: start to the pause at item 5,000 ${toPause} ms (badge "${shown}"), page event-loop lag worst ${Math.round(before.worst)} ms, ` +
        `${before.late} of ${before.ticks} ticks over 100 ms (${before.stalls.join(", ")}); continue to the end ${toEnd} ms, worst lag ${Math.round(after.worst)} ms, ${after.late} of ${after.ticks} ticks over 100 ms (${after.stalls.join(", ")})`,
    );
  } finally {
    await browser.deleteSession();
  }
});

/** A counter loop: Choice and Pass 50,000 times each, 100,003 transitions. */
function loopMachine(times) {
  const dir = mkdtempSync(join(tmpdir(), "asl-e2e-loop-"));
  const file = join(dir, "counter-loop.asl.json");
  const machine = {
    Comment: `Counts to ${times}: two transitions per turn.`,
    StartAt: "Init",
    States: {
      Init: { Type: "Pass", Result: { i: 0 }, Next: "Check" },
      Check: { Type: "Choice", Choices: [{ Variable: "$.i", NumericGreaterThanEquals: times, Next: "Done" }], Default: "Step" },
      Step: { Type: "Pass", Parameters: { "i.$": "States.MathAdd($.i, 1)" }, Next: "Check" },
      Done: { Type: "Succeed" },
    },
  };
  writeFileSync(file, JSON.stringify(machine, null, 2) + "\n");
  return file;
}

test("a 100,000-transition run finishes and its history stays usable (reported)", async () => {
  const file = loopMachine(50000);
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/Step");
    await byTestId(browser, "mode-run").click();
    await byTestId(browser, "run-express").click();
    await startLagProbe(browser);
    const t0 = Date.now();
    await byTestId(browser, "run-start").click();
    await runStatus(browser, "SUCCEEDED", 180000);
    const toEnd = Date.now() - t0;
    const lag = await stopLagProbe(browser);
    assert.deepEqual(JSON.parse(await byTestId(browser, "run-output").getText()), { i: 50000 });

    await byTestId(browser, "run-tab-history").click();
    const count = await byTestId(browser, "history-count");
    await until(async () => /200,0\d\d|2000\d\d/.test(await count.getText()), "the history does not count its 200,000 events");
    // Scroll to the middle of the table: the rows there load and show their events.
    const t1 = Date.now();
    await browser.execute(() => {
      const list = document.querySelector('[data-testid="history-list"]');
      list.scrollTop = list.scrollHeight / 2;
      list.dispatchEvent(new Event("scroll"));
    });
    await until(
      () => browser.execute(() => document.querySelectorAll('[data-testid="history-row"]').length > 0 && !document.querySelector('[data-testid="history-row-loading"]')),
      "the rows in the middle of the history never loaded",
    );
    const middle = Date.now() - t1;
    const ids = await browser.execute(() => [...document.querySelectorAll('[data-testid="history-row"]')].map((r) => Number(r.dataset.eventId)));
    assert.ok(ids[0] > 90000 && ids[0] < 110000, `the middle rows are events ${ids[0]}…`);
    await screenshot(browser, "run-history-100k-light");
    // A filter over all 200,000 events.
    const t2 = Date.now();
    await (await byTestId(browser, "history-filter")).setValue("ChoiceStateExited");
    await until(async () => /50,00\d|5000\d/.test(await count.getText()), `the filter does not find the 50,001 Choice exits (${await count.getText()})`);
    const filtered = Date.now() - t2;
    console.log(
      `100,003 transitions (express): start to SUCCEEDED ${toEnd} ms in the app, page event-loop lag worst ${Math.round(lag.worst)} ms (${lag.late} of ${lag.ticks} ticks over 100 ms); ` +
        `history "${await count.getText()}": middle rows shown ${middle} ms after the scroll, filter over all events ${filtered} ms (WebDriver included)`,
    );
  } finally {
    await browser.deleteSession();
  }
});

/** Peak and current resident memory (MB) of the newest process whose command line has `pattern`. */
function memoryOf(pattern) {
  // "[t]arget": the pattern must not match pgrep's own shell, whose command line holds it.
  const pid = execSync(`pgrep -n -f '[${pattern[0]}]${pattern.slice(1)}'`).toString().trim();
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key) => Number(status.match(new RegExp(`${key}:\\s+(\\d+)`))[1]);
  return { pid, peak: kb("VmHWM") / 1024, now: kb("VmRSS") / 1024 };
}

const bench = process.env.ASL_E2E_BENCH ? test : test.skip;

// Issue 14: a 1,000,000-transition run in the real app — it finishes, the history pages to
// its last event, and the app process's memory stays bounded (its record spills to disk).
bench("a 1,000,003-transition Express run in the app: finishes, pages to its last event, memory reported", async () => {
  const file = loopMachine(500000);
  const browser = await start(file);
  try {
    await waitNode(browser, "/States/Step");
    await byTestId(browser, "mode-run").click();
    await byTestId(browser, "run-express").click();
    const app = memoryOf("target/debug/asl-studio");
    const t0 = Date.now();
    await byTestId(browser, "run-start").click();
    await runStatus(browser, "SUCCEEDED", 1800000);
    const toEnd = Date.now() - t0;
    const ran = memoryOf("target/debug/asl-studio");
    assert.deepEqual(JSON.parse(await byTestId(browser, "run-output").getText()), { i: 500000 });

    await byTestId(browser, "run-tab-history").click();
    const count = await byTestId(browser, "history-count");
    await until(async () => /2,000,0\d\d/.test(await count.getText()), `the history does not count its 2,000,000 events (${await count.getText()})`, 60000);
    const scrollTo = (fraction) =>
      browser.execute((f) => {
        const list = document.querySelector('[data-testid="history-list"]');
        list.scrollTop = list.scrollHeight * f;
        list.dispatchEvent(new Event("scroll"));
      }, fraction);
    const ids = () => browser.execute(() => [...document.querySelectorAll('[data-testid="history-row"]')].map((r) => Number(r.dataset.eventId)));
    const loaded = () =>
      until(
        () => browser.execute(() => document.querySelectorAll('[data-testid="history-row"]').length > 0 && !document.querySelector('[data-testid="history-row-loading"]')),
        "the rows never loaded",
        30000,
      );
    const t1 = Date.now();
    await scrollTo(1);
    await loaded();
    const last = Math.max(...(await ids()));
    const toLast = Date.now() - t1;
    assert.ok(last >= 2000000, `the last rows are events up to ${last}`);
    await scrollTo(0.5);
    await loaded();
    const middle = (await ids())[0];
    assert.ok(middle > 900000 && middle < 1100000, `the middle rows are events ${middle}…`);
    await screenshot(browser, "run-history-1m-light");
    const after = memoryOf("target/debug/asl-studio");
    const page = memoryOf("WebKitWebProcess");
    console.log(
      `1,000,003 transitions (express) in the app: start to SUCCEEDED ${toEnd} ms; history "${await count.getText()}", last rows (event ${last}) shown ${toLast} ms after the scroll; ` +
        `app process (pid ${app.pid}) resident ${app.now.toFixed(0)} MB before the run, peak ${app.peak.toFixed(0)} MB before, ${ran.peak.toFixed(0)} MB after the run, ${after.peak.toFixed(0)} MB after paging: grew ${(after.peak - app.now).toFixed(0)} MB; ` +
        `web page process peak ${page.peak.toFixed(0)} MB`,
    );
  } finally {
    await browser.deleteSession();
  }
});
